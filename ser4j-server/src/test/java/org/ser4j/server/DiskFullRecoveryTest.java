package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, then space freed again: while the database cannot grow, uploads are 503 and nothing is stored; once
 * there is room every upload is 201 again without a restart, the number of rows equals the number of 201 answers, and
 * a client retrying with one {@code Idempotency-Key} across the episode gets exactly one row.
 *
 * <p>The disk is made "full" portably, with SQLite's own code path: the server's connections carry the per-connection
 * limit {@code max_page_count} (a JDBC URL pragma), and a second connection fills the file up to that limit with a
 * filler table, so the server's inserts fail with {@code SQLITE_FULL} exactly as on a full file system (SQLite rolls
 * the transaction back by itself). Deleting the filler rows puts their pages on the free list, which SQLite reuses:
 * "space freed". A real tmpfs run of the same sequence is in docs/server.md.
 */
class DiskFullRecoveryTest {
    /** Pages of 4 KiB the database may have: the schema plus a few stored recordings. */
    private static final int MAX_PAGES = 600;

    @TempDir
    Path dir;

    @Test
    void afterSpaceIsFreedEveryAnswerIsTrueAndRetriesMakeNoDuplicates() throws Exception {
        Path db = dir.resolve("ser4j.db");
        String url = "jdbc:sqlite:" + db + "?max_page_count=" + MAX_PAGES;
        byte[] wav = Files.readAllBytes(AbstractApiTest.SAMPLES.resolve("03-01-02-01-02-02-13_mulaw8k.wav"));
        // Stored audio makes every upload need fresh pages (its 23 KB take overflow pages of their own), so a full
        // file refuses every one, and the free list of an emptied filler has room for many.
        Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir.resolve("data")).withJdbcUrl(url).withAudioStorage(true, Duration.ofDays(30)));
        try (Connection filler = DriverManager.getConnection(url)) {
            Http http = new Http(server.port());
            int created = 0;
            assertEquals(201, upload(http, wav, null).status());
            created++;

            fill(filler);
            Http.Answer full = upload(http, wav, null);
            assertEquals(503, full.status(), full.body());
            assertEquals("database_unavailable", full.json().get("error").asText());
            assertTrue(full.json().get("message").asText().contains("nothing was stored"), full.body());
            for (int i = 0; i < 3; i++) {
                assertEquals(503, upload(http, wav, null).status());
            }
            // a client with an idempotency key is refused too, and will retry once there is room
            assertEquals(503, upload(http, wav, "retry-across-the-episode").status());
            assertEquals(created, rows(filler), "a 503 stored nothing");

            try (Statement s = filler.createStatement()) {
                s.execute("DELETE FROM filler"); // its pages go to the free list: room for about 80 more uploads
            }
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Http.Answer a = upload(http, wav, null);
                statuses.add(a.status());
                if (a.status() == 201) {
                    created++;
                }
            }
            assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201), statuses,
                    "every upload is stored once there is room again, without a restart");
            assertEquals(created, rows(filler), "every 201 is one row, and nothing else is");

            // the retried request: stored once, then replayed with the same answer however often it is sent again
            Http.Answer first = upload(http, wav, "retry-across-the-episode");
            assertEquals(201, first.status(), first.body());
            assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
            created++;
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Http.Answer again = upload(http, wav, "retry-across-the-episode");
                assertEquals(201, again.status(), again.body());
                assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
                assertEquals(first.body(), again.body(), "the original answer, byte for byte");
                ids.add(again.json().get("id").asText());
            }
            assertEquals(Set.of(first.json().get("id").asText()), ids);
            assertEquals(created, rows(filler), "retries made no second row");

            // full again in the middle of a keyed request's retries: the stored answer is still replayed
            fill(filler);
            assertEquals(503, upload(http, wav, "second-episode").status());
            Http.Answer replayWhileFull = upload(http, wav, "retry-across-the-episode");
            assertEquals(201, replayWhileFull.status(), "a replay writes nothing, so it needs no room");
            try (Statement s = filler.createStatement()) {
                s.execute("DELETE FROM filler");
            }
            Http.Answer second = upload(http, wav, "second-episode");
            assertEquals(201, second.status(), second.body());
            assertNotEquals(first.json().get("id").asText(), second.json().get("id").asText());
            created++;
            assertEquals(created, rows(filler));
        } finally {
            server.stop();
        }
    }

    private static Http.Answer upload(Http http, byte[] wav, String idempotencyKey) {
        HttpRequest.Builder r = http.request("/api/v1/predictions?filename=calm.wav")
                .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav));
        if (idempotencyKey != null) {
            r.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(r);
    }

    /** Fills the database file up to its page limit: big blobs first, then ever smaller ones for the last gaps. */
    private static void fill(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS filler (b BLOB)");
        }
        for (int size = 256 * 1024; size >= 1; ) {
            // a fresh statement each time: sqlite-jdbc cannot run a statement again after it failed
            try (PreparedStatement s = c.prepareStatement("INSERT INTO filler (b) VALUES (randomblob(?))")) {
                s.setInt(1, size);
                s.executeUpdate();
            } catch (SQLException e) {
                assertTrue(e.getMessage().contains("SQLITE_FULL"), e.getMessage());
                size /= 2;
            }
        }
    }

    private static int rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM predictions")) {
            r.next();
            return r.getInt(1);
        }
    }
}
