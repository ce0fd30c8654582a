package org.ser4j.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine needs nothing from the network: a fresh JVM with DJL's offline switch on and empty cache folders
 * (DJL_CACHE_DIR, ENGINE_CACHE_DIR) loads PyTorch from the Maven jars and trains and runs a network
 * ({@link OfflineCheck}). A child process is needed because DJL loads its engine once per JVM.
 */
class OfflineEngineTest {
    @Test
    void theEngineLoadsAndTrainsOfflineWithAnEmptyCache() throws Exception {
        Path cache = Files.createTempDirectory("ser4j-djl-cache");
        try {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", OfflineCheck.class.getName());
            pb.environment().put("DJL_CACHE_DIR", cache.toString());
            pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("PYTORCH_VERSION", "2.7.1");
            pb.environment().put("PYTORCH_FLAVOR", "cpu");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), output);
            assertTrue(output.contains("offline check passed: PyTorch 2.7.1"), output);
            // the natives were unpacked from the jars into the empty cache, not fetched
            try (Stream<Path> files = Files.walk(cache)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("libtorch_cpu")), output);
            }
        } finally {
            deleteTree(cache);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        }
    }
}
