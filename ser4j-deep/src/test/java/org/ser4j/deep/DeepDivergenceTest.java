package org.ser4j.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training run that diverges for real ends in a clear error, never in a NaN network. A class of its own, so it runs
 * in a JVM of its own (ser4j-deep's surefire does not reuse forks): the NaN-filled memory such a run frees makes the
 * engine's occasional non-finite gradients (docs/deep.md) far more frequent for the next trainings in the same JVM.
 */
class DeepDivergenceTest {
    @Test
    void aRunThatKeepsDivergingFailsWithAClearErrorInsteadOfReturningANaNNetwork() {
        DeepData data = Synthetic.data(2, 2, 3);
        int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
        // A learning rate no network survives: every epoch ends with non-finite weights, every restart too.
        DeepSettings settings = Synthetic.tiny(Architecture.CNN, 4).withTraining(4, 8, 1e30, 4);
        List<String> log = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DeepTrainer(settings, log::add).fit(data, new float[data.size()][][], all, new int[0], 4,
                        "diverging"));
        assertTrue(e.getMessage().contains("training diverged") && e.getMessage().contains("--lr"), e.getMessage());
        assertEquals(DeepTrainer.DIVERGENCE_RESTARTS,
                log.stream().filter(l -> l.contains("ended with non-finite weights")).count(), log.toString());
    }
}
