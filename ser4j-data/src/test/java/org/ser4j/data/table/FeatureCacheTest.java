package org.ser4j.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.features.FeatureSpec;

class FeatureCacheTest {
    private static final String HASH = "ab".repeat(32);
    private static final FeatureSpec SPEC = new FeatureSpec("seed", 1, 16000, Map.of("n_mfcc", "40"));

    @Test
    void storedVectorsComeBackBitExactPerSpec(@TempDir Path dir) {
        FeatureCache cache = new FeatureCache(dir);
        double[] v = {1.5, -0.0, Double.NaN, 1e-300, Double.MAX_VALUE};
        assertEquals(Optional.empty(), cache.get(HASH, SPEC, 5));
        cache.put(HASH, SPEC, v);
        assertArrayEquals(v, cache.get(HASH, SPEC, 5).orElseThrow());
        assertArrayEquals(v, cache.get(HASH, SPEC, -1).orElseThrow());
        // Another spec, or another expected width, is a miss.
        FeatureSpec other = new FeatureSpec("seed", 1, 16000, Map.of("n_mfcc", "20"));
        assertEquals(Optional.empty(), cache.get(HASH, other, 5));
        assertEquals(Optional.empty(), cache.get(HASH, SPEC, 4));
        assertTrue(Files.exists(dir.resolve(SPEC.cacheKey()).resolve("spec.json")));
    }

    @Test
    void aTruncatedFileReadsAsAMissAndIsRepairedByTheNextPut(@TempDir Path dir) throws IOException {
        FeatureCache cache = new FeatureCache(dir);
        cache.put(HASH, SPEC, new double[] {1, 2, 3});
        Path file = cache.fileFor(HASH, SPEC);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(Optional.empty(), cache.get(HASH, SPEC, 3));
        cache.put(HASH, SPEC, new double[] {4, 5, 6});
        assertArrayEquals(new double[] {4, 5, 6}, cache.get(HASH, SPEC, 3).orElseThrow());
    }

    @Test
    void concurrentWritersOfTheSameKeyLeaveOneWholeVectorAndNoTempFiles(@TempDir Path dir) throws Exception {
        FeatureCache cache = new FeatureCache(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            double[] vector = new double[2000];
            Arrays.fill(vector, w);
            writes.add(pool.submit(() -> cache.put(HASH, SPEC, vector)));
            writes.add(pool.submit(() -> cache.get(HASH, SPEC, 2000).ifPresent(v -> {
                // A reader never sees a mixed vector: every element equals the first.
                for (double x : v) {
                    if (x != v[0]) {
                        throw new AssertionError("torn read");
                    }
                }
            })));
        }
        for (Future<?> f : writes) {
            f.get();
        }
        pool.shutdown();
        double[] stored = cache.get(HASH, SPEC, 2000).orElseThrow();
        assertTrue(stored[0] >= 0 && stored[0] < 16);
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void hashesThatAreNotHexAreRefused(@TempDir Path dir) {
        FeatureCache cache = new FeatureCache(dir);
        assertThrows(IllegalArgumentException.class, () -> cache.put("../../etc/passwd", SPEC, new double[1]));
    }

    @Test
    void defaultLocationIsUnderTheUserCacheUnlessTheEnvironmentSaysOtherwise() {
        String env = System.getenv(FeatureCache.ENV);
        Path expected = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "ser4j", "features");
        assertEquals(expected, FeatureCache.defaultDirectory());
    }
}
