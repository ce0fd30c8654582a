package org.ser4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.io.SharedPaths;

/**
 * Nothing acknowledged is lost: a server in its own JVM is killed with SIGKILL in the middle of a stream of
 * predictions and feedback from two clients; after a restart every acknowledged prediction and feedback is there.
 */
abstract class AbstractCrashRecoveryTest {
    @TempDir
    Path dir;

    /** null for SQLite in the data directory. */
    abstract String jdbcUrl();

    @Test
    void everyAcknowledgedRowSurvivesAKill() throws Exception {
        String url = jdbcUrl();
        Path dataDir = dir.resolve("data");
        byte[] wav = Files.readAllBytes(SharedPaths.samples().resolve("YAF_choice_fear.wav"));
        Map<String, Boolean> predictions = new ConcurrentHashMap<>();
        Map<String, String> feedback = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);

        ServerProcess first = ServerProcess.start(dataDir, url);
        Http http = new Http(first.port);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        for (int c = 0; c < 2; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        Http.Answer p = http.postRaw("/api/v1/predictions", wav, "audio/wav");
                        if (p.status() != 201) {
                            continue;
                        }
                        String id = p.json().get("id").asText();
                        predictions.put(id, true);
                        Http.Answer f = http.postJson("/api/v1/predictions/" + id + "/feedback", "{\"correct\": true}");
                        if (f.status() == 201) {
                            feedback.put(f.json().get("id").asText(), id);
                        }
                    } catch (RuntimeException e) {
                        // the server died under us: whatever was not acknowledged may be lost
                    }
                }
            });
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (predictions.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.kill(); // SIGKILL: no shutdown hook, no clean close
        Thread.sleep(300);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(predictions.size() >= 20, "only " + predictions.size() + " predictions before the kill");

        ServerProcess second = ServerProcess.start(dataDir, url);
        try {
            Http again = new Http(second.port);
            for (String id : predictions.keySet()) {
                assertEquals(200, again.get("/api/v1/predictions/" + id).status(), "lost prediction " + id);
            }
            String csv = again.get("/api/v1/feedback.csv").body();
            for (Map.Entry<String, String> f : feedback.entrySet()) {
                assertTrue(csv.contains(f.getKey() + ","), "lost feedback " + f.getKey());
            }
        } finally {
            second.stop();
        }
    }

    /** A server in a separate JVM started from the test class path. */
    static final class ServerProcess {
        final Process process;
        final int port;

        private ServerProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ServerProcess start(Path dataDir, String jdbcUrl) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), Ser4jServer.class.getName(),
                    "--model", TestModel.file().toString(), "--port", "0", "--data-dir", dataDir.toString()));
            if (jdbcUrl != null) {
                command.addAll(List.of("--db", jdbcUrl));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.startsWith("listening on port ")) {
                    int port = Integer.parseInt(line.substring("listening on port ".length()).trim());
                    Thread drain = new Thread(() -> {
                        try {
                            out.lines().forEach(l -> { });
                        } catch (java.io.UncheckedIOException e) {
                            // the process was killed
                        }
                    }, "server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new ServerProcess(p, port);
                }
            }
            throw new IllegalStateException("the server process exited (" + p.exitValue() + "):\n" + log);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** SIGTERM: the shutdown hook stops the server cleanly. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
