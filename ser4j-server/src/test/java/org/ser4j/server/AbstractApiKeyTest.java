package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.server.store.ApiKeyStore;
import org.ser4j.server.store.Database;

/**
 * API keys end to end against a real server on loopback and a real database; run on SQLite ({@link
 * SqliteApiKeyTest}) and on PostgreSQL ({@link PostgresApiKeyTest}): which routes need a key (every route of the
 * served {@code openapi.json}), that a key sees only its own predictions, and that keys made before PBKDF2 still work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractApiKeyTest {
    /** The routes documented as open with keys on, written out here, not taken from the code under test. */
    private static final Set<String> OPEN_ON_LOOPBACK = Set.of("GET /api/v1/openapi.json", "GET /api/v1/server",
            "GET /health", "GET /metrics");
    private static final Path CALM_WAV = AbstractApiTest.CALM_WAV;

    private Path dir;
    private final List<String> databases = new ArrayList<>();

    /** A JDBC URL of a new empty database, or null for SQLite in the data directory. */
    abstract String newDatabase();

    abstract void dropDatabase(String url);

    @BeforeAll
    void setUp(@TempDir Path tempDir) {
        dir = tempDir;
    }

    @AfterAll
    void dropDatabases() {
        databases.stream().filter(u -> u != null).forEach(this::dropDatabase);
    }

    /** The JDBC URL a server on {@code dataDir} will use: a new database, or SQLite in the data directory. */
    private String databaseFor(Path dataDir) throws IOException {
        String url = newDatabase();
        databases.add(url);
        Files.createDirectories(dataDir);
        return url != null ? url : ServerConfig.sqliteUrl(dataDir);
    }

    private static Ser4jServer start(Path dataDir, String url, boolean apiKeys, Set<ServerConfig.OpenRoute> open) {
        return Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0).withDataDir(dataDir)
                .withJdbcUrl(url).withApiKeysRequired(apiKeys).withOpenRoutes(open));
    }

    @Test
    void withKeysEveryRouteOfTheServedOpenApiNeedsAKeyExceptTheDocumentedOpenOnes() throws Exception {
        Path data = dir.resolve("crawl");
        String url = databaseFor(data);
        try (Ser4jServer server = start(data, url, true, null)) {
            ApiKeyStore.CreatedKey key = ApiKeyAdmin.create(data, url, "crawler");
            Http anonymous = new Http(server.port());
            Http wrongKey = anonymous.withKey("ser4j_" + UUID.randomUUID() + "_" + "A".repeat(43));
            Http keyed = anonymous.withKey(key.key());
            Http.Answer made = keyed.postRaw("/api/v1/predictions", Files.readAllBytes(CALM_WAV), "audio/wav");
            assertEquals(201, made.status(), made.body());
            Map<String, String> pathValues = Map.of("id", made.json().get("id").asText(), "session", "tab-1");

            Http.Answer description = anonymous.get("/api/v1/openapi.json");
            assertEquals(200, description.status());
            JsonNode paths = description.json().get("paths");
            int crawled = 0;
            for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> path = p.next();
                String concrete = fill(path.getKey(), pathValues);
                for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> operation = m.next();
                    String method = operation.getKey().toUpperCase();
                    String route = method + " " + path.getKey();
                    crawled++;
                    if (operation.getValue().path("responses").has("101")) { // a WebSocket
                        assertEquals(401, handshakeStatus(anonymous, concrete, null), route);
                        assertEquals(401, handshakeStatus(anonymous, concrete, "ser4j_not-a-key"), route);
                        assertEquals(101, handshakeStatus(anonymous, concrete, key.key()), route);
                        continue;
                    }
                    Http.Answer without = send(anonymous, method, concrete);
                    if (OPEN_ON_LOOPBACK.contains(route)) {
                        assertNotEquals(401, without.status(), route + " is documented as open");
                        continue;
                    }
                    assertEquals(401, without.status(), route + " answered without a key: " + without.body());
                    assertEquals("unauthorized", without.json().get("error").asText(), route);
                    assertEquals(401, send(wrongKey, method, concrete).status(), route + " with an unknown key");
                    assertEquals(401, send(anonymous, method, concrete + "/").status(), route + " with a slash");
                    assertNotEquals(401, send(keyed, method, concrete).status(), route + " with a valid key");
                }
            }
            assertTrue(crawled >= 15, "the description lists every route; crawled " + crawled);
            // The web page's files stay open; an unknown API route is refused like a known one until a key is given.
            assertEquals(200, anonymous.get("/").status());
            assertEquals(401, anonymous.get("/api/v1/no-such-route").status());
            assertEquals(404, keyed.get("/api/v1/no-such-route").status());
        }
    }

    /** The route template with {name} replaced by a plausible value (an existing prediction id, a session). */
    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        assertFalse(out.contains("{"), "no value for a parameter of " + template);
        return out;
    }

    private static Http.Answer send(Http client, String method, String path) {
        HttpRequest.BodyPublisher empty = HttpRequest.BodyPublishers.noBody();
        return client.send(client.request(path).header("Content-Type", "application/octet-stream")
                .method(method, empty));
    }

    /** The status of a WebSocket upgrade request (101 when it opened; the socket is closed again). */
    private static int handshakeStatus(Http client, String path, String key) throws Exception {
        WebSocket.Builder builder = client.client().newWebSocketBuilder();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        URI uri = URI.create(client.base().replace("http://", "ws://") + path + "?sample_rate=16000");
        try {
            WebSocket ws = builder.buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return refused.getResponse().statusCode();
        }
    }

    @Test
    void aKeySeesOnlyItsOwnPredictionsAndFeedbackAndNoneMadeWithKeysOff() throws Exception {
        Path data = dir.resolve("owners");
        String url = databaseFor(data);
        byte[] wav = Files.readAllBytes(CALM_WAV);
        String before;
        try (Ser4jServer open = start(data, url, false, null)) {
            Http.Answer made = new Http(open.port()).postRaw("/api/v1/predictions", wav, "audio/wav");
            assertEquals(201, made.status(), made.body());
            before = made.json().get("id").asText();
        }
        try (Ser4jServer server = start(data, url, true, null)) {
            Http a = new Http(server.port()).withKey(ApiKeyAdmin.create(data, url, "a").key());
            Http b = new Http(server.port()).withKey(ApiKeyAdmin.create(data, url, "b").key());
            String ofA = a.postRaw("/api/v1/predictions?filename=a.wav", wav, "audio/wav").json().get("id").asText();
            String ofB = b.postRaw("/api/v1/predictions?filename=b.wav", wav, "audio/wav").json().get("id").asText();

            assertEquals(List.of(ofA), ids(a.get("/api/v1/predictions")));
            assertEquals(List.of(ofB), ids(b.get("/api/v1/predictions")));
            assertEquals(200, a.get("/api/v1/predictions/" + ofA).status());
            for (String foreign : List.of(ofA, before)) {
                Http.Answer fetched = b.get("/api/v1/predictions/" + foreign);
                assertEquals(404, fetched.status(), "another key's (or a keyless) prediction does not exist for b");
                assertEquals("not_found", fetched.json().get("error").asText());
                assertEquals(404, b.postJson("/api/v1/predictions/" + foreign + "/feedback",
                        "{\"correct\": false, \"emotion\": \"sad\"}").status());
            }
            assertEquals(201, a.postJson("/api/v1/predictions/" + ofA + "/feedback",
                    "{\"correct\": false, \"emotion\": \"sad\", \"comment\": \"only a\"}").status());

            String csvOfB = b.get("/api/v1/feedback.csv").body();
            assertFalse(csvOfB.contains(ofA) || csvOfB.contains("only a"), csvOfB);
            assertEquals(1, csvOfB.split("\r\n").length, "b has no feedback: the header alone");
            assertTrue(a.get("/api/v1/feedback.csv?format=simple").body().contains("a.wav,"));
            assertEquals(0, b.get("/api/v1/feedback/summary").json().get("total").asInt());
            JsonNode summaryOfA = a.get("/api/v1/feedback/summary").json();
            assertEquals(1, summaryOfA.get("total").asInt());
            assertEquals(0, summaryOfA.get("correct").asInt());
        }
        try (Ser4jServer open = start(data, url, false, null)) {
            assertEquals(3, ids(new Http(open.port()).get("/api/v1/predictions")).size(), "keys off: all rows");
        }
    }

    @Test
    void idempotencyKeysArePerApiKey() throws Exception {
        Path data = dir.resolve("idempotency");
        String url = databaseFor(data);
        byte[] wav = Files.readAllBytes(CALM_WAV);
        try (Ser4jServer server = start(data, url, true, null)) {
            Http a = new Http(server.port()).withKey(ApiKeyAdmin.create(data, url, "a").key());
            Http b = new Http(server.port()).withKey(ApiKeyAdmin.create(data, url, "b").key());
            List<String> made = new ArrayList<>();
            for (Http client : List.of(a, a, b, b)) {
                Http.Answer answer = client.send(client.request("/api/v1/predictions?filename=same.wav")
                        .header("Content-Type", "audio/wav").header("Idempotency-Key", "one-key-two-owners")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(wav)));
                assertEquals(201, answer.status(), answer.body());
                made.add(answer.json().get("id").asText());
            }
            assertEquals(made.get(0), made.get(1), "a's retry is a replay");
            assertEquals(made.get(2), made.get(3), "b's retry is a replay");
            assertNotEquals(made.get(0), made.get(2), "b's key is b's own: another key's use neither blocks nor leaks");
            assertEquals(List.of(made.get(0)), ids(a.get("/api/v1/predictions")));
            assertEquals(List.of(made.get(2)), ids(b.get("/api/v1/predictions")));
        }
    }

    private static List<String> ids(Http.Answer page) {
        assertEquals(200, page.status(), page.body());
        List<String> out = new ArrayList<>();
        page.json().get("items").forEach(item -> out.add(item.get("id").asText()));
        return out;
    }

    @Test
    void monitoringRoutesNeedAKeyWhenConfiguredClosed() throws Exception {
        Path data = dir.resolve("closed");
        String url = databaseFor(data);
        try (Ser4jServer server = start(data, url, true, Set.of(ServerConfig.OpenRoute.HEALTH))) {
            Http anonymous = new Http(server.port());
            assertEquals(401, anonymous.get("/metrics").status());
            assertEquals(401, anonymous.get("/metrics/").status());
            assertEquals(401, anonymous.get("//metrics").status());
            assertEquals(200, anonymous.get("/health").status());
            Http keyed = anonymous.withKey(ApiKeyAdmin.create(data, url, "prometheus").key());
            assertEquals(200, keyed.get("/metrics").status());
            // The key may also come as X-API-Key.
            String key = ApiKeyAdmin.create(data, url, "header").key();
            assertEquals(200, anonymous.send(anonymous.request("/metrics").header("X-API-Key", key)).status());
        }
        try (Ser4jServer server = start(data, url, true, Set.of())) {
            assertEquals(401, new Http(server.port()).get("/health").status());
            assertEquals(200, new Http(server.port()).get("/api/v1/server").status(), "always open");
        }
    }

    @Test
    void aKeyStoredAsABareSha256BeforeVersion4StillWorksAndIsRehashedOnFirstUse() throws Exception {
        Path data = dir.resolve("legacy");
        String url = databaseFor(data);
        // The schema as it was (version 2), with a key row as the old ApiKeyStore wrote it: the key's SHA-256 in hex.
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(Map.of("blob_type", url.startsWith("jdbc:sqlite:") ? "BLOB" : "BYTEA"))
                .target("2").load().migrate();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String key = "ser4j_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_keys (id, name, key_sha256, created_at) VALUES (?, 'old client', ?, 1)")) {
            s.setString(1, id);
            s.setString(2, sha256Hex(key));
            s.executeUpdate();
        }
        try (Ser4jServer server = start(data, url, true, null)) { // migrates to the latest version
            assertEquals("sha256$" + sha256Hex(key), storedHash(url, id), "migrated, not yet rehashed");
            Http old = new Http(server.port()).withKey(key);
            assertEquals(200, old.get("/api/v1/predictions").status());
            String rehashed = storedHash(url, id);
            assertTrue(rehashed.matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), rehashed);
            assertFalse(rehashed.contains(sha256Hex(key)));
            assertEquals(200, old.get("/api/v1/predictions").status(), "found again by its prefix");
            assertEquals(401, new Http(server.port()).withKey(key.substring(0, key.length() - 1) + "x")
                    .get("/api/v1/predictions").status());
            // A server that has not seen the key before (nothing remembered) finds and verifies it the new way.
            try (Database db = Database.open(url)) {
                assertEquals(id, new ApiKeyStore(db).idOf(key).orElseThrow());
            }
            assertEquals(rehashed, storedHash(url, id), "rehashed once");
        }
    }

    private static String storedHash(String url, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("SELECT key_hash FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getString(1);
            }
        }
    }

    private static String sha256Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void newKeysCarryTheirIdAndAreStoredOnlyAsASaltedHash() throws Exception {
        Path data = dir.resolve("new-keys");
        String url = databaseFor(data);
        ApiKeyStore.CreatedKey first = ApiKeyAdmin.create(data, url, "one");
        ApiKeyStore.CreatedKey second = ApiKeyAdmin.create(data, url, "two");
        assertTrue(first.key().startsWith("ser4j_" + first.id() + "_"), first.key());
        String hash = storedHash(url, first.id());
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertFalse(hash.contains(sha256Hex(first.key())));
        assertNotEquals(hash.split("\\$")[2], storedHash(url, second.id()).split("\\$")[2], "a salt per key");
        try (Database db = Database.open(url)) {
            ApiKeyStore keys = new ApiKeyStore(db);
            assertEquals(first.id(), keys.idOf(first.key()).orElseThrow());
            // the right id with another key's secret
            String forged = "ser4j_" + first.id() + second.key().substring(second.key().lastIndexOf('_'));
            assertTrue(keys.idOf(forged).isEmpty());
            assertTrue(keys.revoke(first.id()));
            assertTrue(keys.idOf(first.key()).isEmpty(), "revoked at once, though verified before");
        }
        assertThrows(IllegalArgumentException.class, () -> ApiKeyAdmin.create(data, url, " "));
    }
}
