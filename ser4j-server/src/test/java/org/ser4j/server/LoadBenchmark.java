package org.ser4j.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;

/**
 * Load generator (not a unit test): a server on loopback (in this JVM, SQLite in a temporary directory) and
 * {@code clients} closed-loop clients posting a 3 s 16 kHz WAV clip for {@code seconds} seconds (at most
 * 200,000 requests), after a warm-up. Prints predictions/s and p50/p90/p99 latency, and every minute the heap
 * in use after the last old-generation collection and the process's resident memory, so a long run (a soak) shows
 * whether memory stays flat. With {@code flood > 0}, one client first tries to open that many WebSocket streams (at
 * 48 kHz) and keeps those it gets open during the run: the uploads' latency under a stream flood.
 *
 * <pre>
 * java -cp ... org.ser4j.server.LoadBenchmark [clients=4] [seconds=20] [model bundle file|test] [flood=0]
 * </pre>
 */
public final class LoadBenchmark {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ModelBundle model = args.length > 2 && !args[2].equals("test") ? ModelBundle.load(Path.of(args[2]))
                : TestModel.bundle();
        int flood = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Signal clip = AudioReader.read(SharedPaths.samples().resolve("03-01-02-01-02-02-13.wav"), 16000);
        byte[] wav = TestAudio.wav(clip.samples(), 16000);
        Path dir = Files.createTempDirectory("ser4j-bench");
        try (Ser4jServer server = Ser4jServer.start(ServerConfig.defaults(model).withPort(0).withDataDir(dir)
                .withWorkers(Runtime.getRuntime().availableProcessors(), 64))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            run(http, uri, wav, clients, 5, null); // warm-up: JIT, connections
            List<java.net.http.WebSocket> streams = flood(server.port(), flood);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger errors = new AtomicInteger();
            long start = System.nanoTime();
            java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> printMemory(start), 60, 60, TimeUnit.SECONDS);
            run(http, uri, wav, clients, seconds, latencies, errors);
            sampler.shutdownNow();
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%d clients, %.1f s, %.2f s clips: %d predictions, %d errors, %.1f "
                    + "predictions/s, latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", clients, elapsed,
                    clip.durationSeconds(), sorted.size(), errors.get(), sorted.size() / elapsed, pct(sorted, 0.5),
                    pct(sorted, 0.9), pct(sorted, 0.99), pct(sorted, 1.0));
            streams.forEach(java.net.http.WebSocket::abort);
        }
    }

    /**
     * Tries to open {@code n} streams at once from this client; prints how many upgrades were refused, how many were
     * closed by the server right after opening (a burst past the limit) and how many stay open; returns those open.
     */
    private static List<java.net.http.WebSocket> flood(int port, int n) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        URI stream = URI.create("ws://127.0.0.1:" + port + "/api/v1/stream?sample_rate=48000&format=f32le");
        List<java.util.concurrent.CompletableFuture<java.net.http.WebSocket>> tries = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger closedByServer = new java.util.concurrent.atomic.AtomicInteger();
        java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String why) {
                closedByServer.incrementAndGet();
                return null;
            }
        };
        for (int i = 0; i < n; i++) {
            tries.add(client.newWebSocketBuilder().buildAsync(stream, listener));
        }
        List<java.net.http.WebSocket> open = new ArrayList<>();
        int refused = 0;
        for (var t : tries) {
            try {
                open.add(t.get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                refused++;
            }
        }
        Thread.sleep(1000);
        if (n > 0) {
            System.out.printf(Locale.ROOT, "stream flood: %d tries, %d refused, %d closed by the server on opening, %d "
                    + "open%n", n, refused, closedByServer.get(), open.size() - closedByServer.get());
        }
        return open;
    }

    /** Old-generation heap after its last collection (what survives) and resident memory, in MB. */
    private static void printMemory(long start) {
        long oldAfterGc = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans()) {
            java.lang.management.MemoryUsage after = pool.getCollectionUsage();
            if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                oldAfterGc += after.getUsed();
            }
        }
        String rss = "?";
        try {
            rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .findFirst().map(l -> l.replaceAll("\\D+", "")).map(kb -> Long.parseLong(kb) / 1024 + "")
                    .orElse("?");
        } catch (java.io.IOException | RuntimeException e) {
            // not on Linux: resident memory unknown
        }
        System.out.printf(Locale.ROOT, "t=%4.0f s  old generation after GC %6.1f MB  resident %s MB%n",
                (System.nanoTime() - start) / 1e9, oldAfterGc / 1048576.0, rss);
    }

    private static void run(HttpClient http, URI uri, byte[] wav, int clients, int seconds, List<Long> latencies)
            throws InterruptedException {
        run(http, uri, wav, clients, seconds, latencies, new AtomicInteger());
    }

    private static void run(HttpClient http, URI uri, byte[] wav, int clients, int seconds, List<Long> latencies,
                            AtomicInteger errors) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger budget = new AtomicInteger(200_000);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end && budget.decrementAndGet() >= 0) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers
                                        .ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (latencies != null) {
                        latencies.add(System.nanoTime() - t0);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
        return sorted.get(i) / 1e6;
    }
}
