package org.ser4j.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/**
 * Another protocol's folds with validation speakers carved out of each fold's training speakers (a seeded,
 * gender-balanced fraction, at least one, leaving at least one to train on). The test side is untouched.
 */
final class WithValidation extends Protocol {
    private final Protocol inner;
    private final double fraction;
    private final long seed;

    WithValidation(Protocol inner, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new SplitException(inner.description(), "validation fraction must be between 0 and 1, got "
                    + fraction);
        }
        this.inner = inner;
        this.fraction = fraction;
        this.seed = seed;
    }

    @Override
    public String description() {
        return inner.description() + " with " + Math.round(fraction * 100) + "% validation speakers (seed " + seed
                + ")";
    }

    @Override
    protected List<Fold> split(List<Utterance> utterances) {
        List<Fold> folds = new ArrayList<>();
        for (Fold fold : inner.split(utterances)) {
            List<Speakers.Group> trainSpeakers = Speakers.group(utterances,
                    Arrays.stream(fold.train()).boxed().toList());
            if (trainSpeakers.size() < 2) {
                throw new SplitException(fold.name(), "needs at least 2 training speakers to carve out validation");
            }
            Set<String> validation = Speakers.pick(trainSpeakers, fraction, seed).stream()
                    .map(Speakers.Group::speaker).collect(Collectors.toSet());
            int[] validationIndices = Arrays.stream(fold.train())
                    .filter(i -> validation.contains(utterances.get(i).speaker())).toArray();
            int[] trainIndices = Arrays.stream(fold.train())
                    .filter(i -> !validation.contains(utterances.get(i).speaker())).toArray();
            folds.add(new Fold(fold.name(), trainIndices, validationIndices, fold.test()));
        }
        return folds;
    }
}
