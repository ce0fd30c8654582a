package org.ser4j.models.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.models.SyntheticData;

class HyperParameterSearchTest {
    @Test
    void searchPrefersTheSettingThatGeneralisesToUnseenSpeakers() {
        TrainingSet data = SyntheticData.gaussian(List.of("a", "b", "c"), 4, 12, 5, 3.0, 3);
        // gamma 1000 makes the RBF kernel a lookup table of the training rows: it cannot generalise.
        HyperParameters overfit = HyperParameters.of("C", 10, "gamma", 1000);
        HyperParameters sensible = HyperParameters.of("C", 1, "gamma", 0.2);
        HyperParameterSearch search = new HyperParameterSearch(new ClassicalTrainer(ModelType.SVM_RBF, true, 1, 1),
                4, 5, 2);
        HyperParameterSearch.Result result = search.search(data, List.of(overfit, sensible));
        assertEquals(sensible, result.best());
        assertEquals(2, result.candidates().size());
        double overfitUa = result.candidates().get(0).unweightedAccuracy();
        double sensibleUa = result.candidates().get(1).unweightedAccuracy();
        assertTrue(sensibleUa > 0.9 && sensibleUa > overfitUa + 0.2, overfitUa + " vs " + sensibleUa);
        // Same seed, same threads or not: same scores.
        HyperParameterSearch.Result serial = new HyperParameterSearch(new ClassicalTrainer(ModelType.SVM_RBF, true, 1,
                1), 4, 5, 1).search(data, List.of(overfit, sensible));
        assertEquals(result.candidates(), serial.candidates());
    }

    @Test
    void aSinglePointNeedsNoSearch() {
        TrainingSet data = SyntheticData.gaussian(List.of("a", "b"), 2, 5, 3, 3.0, 4);
        HyperParameters only = HyperParameters.of("C", 1);
        HyperParameterSearch.Result result = new HyperParameterSearch(
                new ClassicalTrainer(ModelType.SVM_LINEAR, true, 1, 1), 3, 1, 1).search(data, List.of(only));
        assertEquals(only, result.best());
        assertTrue(Double.isNaN(result.candidates().get(0).unweightedAccuracy()));
    }
}
