package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a page on another site that points its own name at 127.0.0.1 still sends that name in Host, and
 * a loopback server refuses it; the loopback names and configured names are served.
 */
class HostCheckTest {
    @TempDir
    Path dir;

    /** The raw answer to {@code request} (a whole HTTP/1.1 request; the connection is closed after it). */
    private static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String get(int port, String path, String host) throws IOException {
        return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aLoopbackServerAnswersOnlyToLoopbackNames() throws IOException {
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir))) {
            int port = server.port();
            for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LocalHost"}) {
                assertTrue(get(port, "/health", host).startsWith("HTTP/1.1 200"), host);
            }
            String rebound = get(port, "/api/v1/predictions", "attacker.example:" + port);
            assertTrue(rebound.startsWith("HTTP/1.1 400"), rebound);
            assertTrue(rebound.contains("\"error\":\"bad_host\""), rebound);
            assertTrue(rebound.contains("not 'attacker.example'"), rebound);
            assertTrue(rebound.contains("\"request_id\":"), rebound);
            assertTrue(get(port, "/", "attacker.example").startsWith("HTTP/1.1 400"), "the page too");
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /api/v1/stream?sample_rate=16000 HTTP/1.1\r\nHost: "
                        + "attacker.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                        + "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertEquals("HTTP/1.1 400 Bad Request", status, "no WebSocket for a foreign name");
            }
        }
    }

    @Test
    void configuredNamesReplaceTheDefault() throws IOException {
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(TestModel.bundle()).withPort(0)
                .withDataDir(dir).withAllowedHosts(ServerConfig.parseHostNames("ser4j.example.org")))) {
            int port = server.port();
            assertTrue(get(port, "/health", "ser4j.example.org:" + port).startsWith("HTTP/1.1 200"));
            assertTrue(get(port, "/health", "localhost:" + port).startsWith("HTTP/1.1 400"));
        }
    }

    @Test
    void theDefaultFollowsTheBoundAddressAndBadNamesAreRefused() {
        ServerConfig loopback = ServerConfig.defaults(TestModel.bundle());
        assertEquals(ServerConfig.LOOPBACK_NAMES, loopback.effectiveAllowedHosts());
        assertEquals(Set.of(), loopback.withHost("0.0.0.0").effectiveAllowedHosts(), "listening everywhere: any name");
        assertEquals(Set.of(), ServerConfig.parseHostNames("any"));
        assertEquals(Set.of("a.example", "[::1]"), ServerConfig.parseHostNames(" A.example ,[::1]"));
        for (String bad : new String[] {"a b", "http://x", "x/y", ""}) {
            assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseHostNames(bad), bad);
        }
    }
}
