package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.io.SharedPaths;

/**
 * The binary distribution as a user gets it: the real {@code ser4j-<version>.tar.gz} from {@code package},
 * extracted into a temporary folder and run through its own {@code bin/ser4j}, with a PATH that holds only the few
 * tools the launcher uses (no Maven, no java: Java comes from JAVA_HOME) and a fresh HOME.
 */
class DistributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path home;
    static Map<String, String> env;

    @BeforeAll
    static void extract() throws Exception {
        Path archive = Path.of(System.getProperty("ser4j.dist", "target/ser4j-dist.tar.gz"));
        assertTrue(Files.isRegularFile(archive), "the archive is built by package: " + archive);
        Path dir = Files.createDirectories(tmp.resolve("install"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String tarOut = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), tarOut);
        try (Stream<Path> top = Files.list(dir)) {
            List<Path> roots = top.toList();
            assertEquals(1, roots.size(), "one top folder: " + roots);
            home = roots.get(0);
        }
        assertTrue(home.getFileName().toString().startsWith("ser4j-"), home.toString());
        assertTrue(Files.isExecutable(home.resolve("bin/ser4j")));
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        assertTrue(Files.isRegularFile(home.resolve("NOTICE.md")));
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(jars.contains("ser4j-cli.jar"), jars.toString());
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("ser4j-models-")), jars.toString());
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("picocli-")), jars.toString());
        }

        // A PATH holding copies of the launcher's tools only: whatever else this machine has (mvn) is out of reach.
        Path bin = Files.createDirectories(tmp.resolve("path"));
        for (String tool : List.of("bash", "dirname", "readlink", "basename", "mkdir", "touch")) {
            Files.copy(which(tool), bin.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path userHome = Files.createDirectories(tmp.resolve("home"));
        env = Map.of("PATH", bin.toString(), "HOME", userHome.toString(),
                "JAVA_HOME", System.getProperty("java.home"));
    }

    @Test
    void predictRunsFromTheArchiveWithoutMaven() throws Exception {
        Path clip = SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav");
        Process p = start("predict", clip.toString());
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "predict finished");
        assertEquals(0, p.exitValue(), out + "\n" + err.get());
        JsonNode json = JSON.readTree(out);
        assertEquals(clip.getFileName().toString(), Path.of(json.get("file").asText()).getFileName().toString());
        assertFalse(json.get("emotion").asText().isEmpty(), out);
        double confidence = json.get("confidence").asDouble();
        assertTrue(confidence > 0 && confidence <= 1, out);
        assertEquals(3, json.get("top_3").size(), out);
        assertTrue(json.get("all_scores").size() >= 6, out);
        assertFalse(json.get("model").get("name").asText().isEmpty(), out);
        assertTrue(json.get("duration_s").asDouble() > 1, out);
    }

    @Test
    void runningOutOfMemoryIsOneLineAndExitCode3() throws Exception {
        // a heap far too small for the default model: the OutOfMemoryError must not reach the user as a trace
        Path clip = SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav");
        Process p = start(Map.of("SER4J_JAVA_OPTS", "-Xmx24m"), "predict", clip.toString());
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "predict finished");
        assertEquals(3, p.exitValue(), out.get() + "\n" + err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: out of memory (Java heap limit ") && err.contains("SER4J_JAVA_OPTS=-Xmx"),
                err);
        assertEquals("", out.get());
    }

    @Test
    void aHalfHourRecordingIsPredictedInBoundedMemory() throws Exception {
        // 30 minutes of a 3 s clip and 1 s of silence, repeated: 115 MB as floats, more than the 160 MB heap
        // holds beside the model, so only the streaming path gets through
        short[] clip = pcm16(AudioReader.read(SharedPaths.samples().resolve("03-01-08-01-02-02-11.wav"), 16000));
        int unit = clip.length + 16000;
        int repeats = 30 * 60 * 16000 / unit;
        Path wav = tmp.resolve("half-hour.wav");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(wav))) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            int dataBytes = repeats * unit * 2;
            header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                    .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                    .putShort((short) 1).putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
            out.write(header.array());
            ByteBuffer block = ByteBuffer.allocate(unit * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (short v : clip) {
                block.putShort(v);
            }
            for (int r = 0; r < repeats; r++) {
                out.write(block.array());
            }
        }
        Process p = start(Map.of("SER4J_JAVA_OPTS", "-Xmx160m"), "predict", "--segments", wav.toString());
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "predict finished");
        assertEquals(0, p.exitValue(), out + "\n" + err.get());
        JsonNode json = JSON.readTree(out);
        assertEquals(repeats * unit / 16000.0, json.get("duration_s").asDouble(), 1e-6);
        assertTrue(json.get("speech").asBoolean(), out.substring(0, 300));
        long speech = 0;
        for (JsonNode s : json.get("segments")) {
            speech += s.get("speech").asBoolean() ? 1 : 0;
        }
        assertEquals(repeats, speech, "one speech segment per repeat of the clip");
    }

    private static short[] pcm16(org.ser4j.audio.Signal s) {
        short[] out = new short[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(s.samples()[i] * 32768.0)));
        }
        return out;
    }

    @Test
    void serveAnswersHealthAndStopsOnSigterm() throws Exception {
        Path data = tmp.resolve("serve-data");
        Process p = start("serve", "--port", "0", "--data-dir", data.toString(), "--model", "commercial",
                "--workers", "1");
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String line = first.get(90, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(String.valueOf(line));
            assertTrue(m.find(), line + "\n" + (p.isAlive() ? "" : err.get()));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/health")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("ok", JSON.readTree(health.body()).get("status").asText());
            assertTrue(Files.isRegularFile(data.resolve("ser4j.db")));
            // A server out of memory exits for its supervisor to restart it instead of staying half alive.
            assertTrue(p.info().commandLine().orElse("").contains("-XX:+ExitOnOutOfMemoryError"),
                    p.info().commandLine().orElse("(no command line)"));
            p.destroy(); // SIGTERM: bin/ser4j exec'd java, so this reaches the server's shutdown hook
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** {@code bin/ser4j args} in the test's clean environment plus {@code extraEnv}. */
    private static Process start(Map<String, String> extraEnv, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/ser4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        return pb.start();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path f = Path.of(d, tool);
            if (Files.isExecutable(f)) {
                return f;
            }
        }
        throw new IllegalStateException(tool + " not found on PATH");
    }
}
