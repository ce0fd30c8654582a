package org.ser4j.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.models.adaptation.GroupStatistics;
import org.ser4j.server.ServerConfig;

class AdaptationSessionsTest {
    private static final int FEATURES = 387;

    private static AdaptationSessions.Reference reference(long seed) {
        Random r = new Random(seed);
        double[] mean = new double[FEATURES];
        double[] scale = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            mean[j] = 1000 * r.nextGaussian();
            scale[j] = Math.exp(3 * r.nextGaussian());
        }
        return AdaptationSessions.Reference.of(mean, scale);
    }

    /** A speaker's statistics: clips around a speaker mean within 3 reference scales, one feature sometimes missing. */
    private static GroupStatistics speaker(AdaptationSessions.Reference ref, int clips, long seed) {
        Random r = new Random(seed);
        GroupStatistics g = new GroupStatistics(FEATURES);
        double[] centre = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            centre[j] = ref.mean()[j] + r.nextGaussian() * ref.scale()[j];
        }
        for (int c = 0; c < clips; c++) {
            double[] x = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = j == 5 && c % 3 == 0 ? Double.NaN : centre[j] + r.nextGaussian() * ref.scale()[j];
            }
            g.add(x);
        }
        return g;
    }

    @Test
    void theCompactFormKeepsMeansWithinAThousandthOfTheModelsScaleAndSpreadsWithinOnePercent() {
        AdaptationSessions.Reference ref = reference(1);
        GroupStatistics g = speaker(ref, 12, 2);
        byte[] bytes = AdaptationSessions.encode(g, ref);
        assertEquals(20 + 8 + 3 * FEATURES, bytes.length, "3 bytes a feature, 8 for the feature with missing values");
        GroupStatistics back = AdaptationSessions.decode(bytes, ref);
        assertEquals(12, back.clips());
        assertEquals(8, back.count()[5]);
        for (int j = 0; j < FEATURES; j++) {
            assertEquals(g.mean()[j], back.mean()[j], 0.0006 * ref.scale()[j], "mean " + j);
            double sd = Math.sqrt(g.m2()[j] / g.count()[j]);
            double sdBack = Math.sqrt(back.m2()[j] / back.count()[j]);
            assertEquals(1, sdBack / sd, 0.011, "spread " + j);
        }
        GroupStatistics one = speaker(ref, 1, 3);
        GroupStatistics oneBack = AdaptationSessions.decode(AdaptationSessions.encode(one, ref), ref);
        assertEquals(0, oneBack.m2()[0], "a single clip has no spread");
        assertNull(AdaptationSessions.decode(bytes, reference(9)), "statistics of another model read as none");
    }

    @Test
    void aThousandSessionsOfTheFullFeaturesTakeUnderTwoKilobytesEach(@TempDir Path dir) throws Exception {
        AdaptationSessions.Reference ref = reference(1);
        long before;
        long after;
        try (Database db = Database.open(ServerConfig.sqliteUrl(dir))) {
            AdaptationSessions store = new AdaptationSessions(db, ref);
            before = Files.size(dir.resolve("ser4j.db"));
            Instant now = Instant.parse("2026-12-05T12:00:00Z");
            for (int i = 0; i < 1000; i++) {
                store.save("key-" + (i % 7), "session-" + i, speaker(ref, 1 + i % 20, i), now);
            }
            assertEquals(1000, store.count());
            assertEquals(1 + 17 % 20, store.find("key-3", "session-17", now).orElseThrow().statistics().clips());
            assertTrue(store.find("key-4", "session-17", now).isEmpty(), "another key's session of that name");
            assertTrue(store.find("key-3", "session-17", now.plusSeconds(1)).isEmpty(), "idle since before");
            assertEquals(1000, store.expire(now.plusSeconds(1)));
        }
        after = Files.size(dir.resolve("ser4j.db"));
        double perSession = (after - before) / 1000.0;
        assertTrue(perSession < 2000, perSession + " bytes per session: 100,000 would exceed 200 MB");
    }
}
