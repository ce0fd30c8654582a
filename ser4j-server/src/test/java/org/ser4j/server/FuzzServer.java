package org.ser4j.server;

import com.code_intelligence.jazzer.api.BugDetectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The server on loopback that the route fuzz targets talk to: started once per JVM (libFuzzer fuzzes one target per
 * JVM, and each input must not pay for a start), with the test model and SQLite in a temporary data directory,
 * stopped and deleted when the JVM exits.
 */
final class FuzzServer {
    /** Shorter than the default 600 s, so that an input announcing long audio costs seconds, not minutes. */
    static final double MAX_AUDIO_SECONDS = 30;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private static Ser4jServer server;
    private static Http http;

    private FuzzServer() {
    }

    static synchronized Ser4jServer server() {
        if (server == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("ser4j-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServerConfig defaults = ServerConfig.defaults(TestModel.bundle());
            server = Ser4jServer.start(defaults.withPort(0).withDataDir(dir)
                    .withLimits(defaults.maxUploadBytes(), MAX_AUDIO_SECONDS, defaults.requestTimeout()));
            http = new Http(server.port());
            Ser4jServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind
                }
            }));
        }
        return server;
    }

    /**
     * The client for the server, for one fuzz input: Jazzer's SSRF detector reports every connection a target opens
     * and forgets what was allowed when fuzzing starts, so each input allows connections to this server only.
     */
    static Http http() {
        int port = server().port();
        BugDetectors.allowNetworkConnections((host, p) -> p == port && LOOPBACK.contains(host));
        return http;
    }
}
