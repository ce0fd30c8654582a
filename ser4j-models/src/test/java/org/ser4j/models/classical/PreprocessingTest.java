package org.ser4j.models.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.models.Json;

class PreprocessingTest {
    @Test
    void standardizerUsesTrainingMeanAndPopulationDeviation() {
        // column 0: 1, 2, 3 -> mean 2, sd sqrt(2/3); column 1 constant -> scale 1; column 2 has a NaN, ignored
        Standardizer s = Standardizer.fit(new double[][] {{1, 5, 0}, {2, 5, Double.NaN}, {3, 5, 4}});
        assertArrayEquals(new double[] {2, 5, 2}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), 1, 2}, s.scale(), 1e-12);
        assertArrayEquals(new double[] {1 / Math.sqrt(2.0 / 3), 0, 0}, s.apply(new double[] {3, 5, Double.NaN}),
                1e-12);
        Standardizer back = Json.read(Json.write(s), Standardizer.class);
        assertArrayEquals(s.mean(), back.mean(), 0);
        assertArrayEquals(s.scale(), back.scale(), 0);
    }

    @Test
    void speakerFoldsKeepSpeakersTogetherAndBalanceRows() {
        // 6 speakers with 10, 10, 10, 10, 5, 5 rows into 3 folds: largest first to the emptiest fold gives 20/15/15
        // or 20/20/10 at worst; here the greedy deal gives sizes {20, 15, 15}.
        List<String> speakers = new java.util.ArrayList<>();
        String[] names = {"a", "b", "c", "d", "e", "f"};
        int[] rows = {10, 10, 10, 10, 5, 5};
        for (int s = 0; s < names.length; s++) {
            for (int r = 0; r < rows[s]; r++) {
                speakers.add(names[s]);
            }
        }
        int[] fold = SpeakerFolds.assign(speakers, 3, 9);
        Map<String, Integer> foldOf = new HashMap<>();
        int[] size = new int[3];
        for (int i = 0; i < fold.length; i++) {
            Integer previous = foldOf.putIfAbsent(speakers.get(i), fold[i]);
            assertEquals(previous == null ? fold[i] : previous, fold[i], "speaker split across folds");
            size[fold[i]]++;
        }
        java.util.Arrays.sort(size);
        assertArrayEquals(new int[] {15, 15, 20}, size);
        assertArrayEquals(fold, SpeakerFolds.assign(speakers, 3, 9));
    }

    @Test
    void gridIsTheFullCartesianProductInStableOrder() {
        List<HyperParameters> grid = HyperParameters.grid(Map.of("gamma", List.of(0.1, 1.0), "C", List.of(1.0, 10.0,
                100.0)));
        assertEquals(6, grid.size());
        assertEquals(HyperParameters.of("C", 1, "gamma", 0.1), grid.get(0));
        assertEquals(HyperParameters.of("C", 100, "gamma", 1.0), grid.get(5));
        assertEquals("C=10, gamma=0.1", grid.get(2).toString());
        assertEquals(grid.get(3), Json.read(Json.write(grid.get(3)), HyperParameters.class));
    }
}
