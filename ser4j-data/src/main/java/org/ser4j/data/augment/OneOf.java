package org.ser4j.data.augment;

import java.util.List;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Applies exactly one of several augmentations, chosen uniformly with the caller's {@link Random} (one
 * {@code nextInt} draw, then the chosen step's own draws). The description is the chosen step's.
 *
 * @param choices the augmentations to choose from (at least one)
 */
public record OneOf(List<WaveformAugmentation> choices) implements WaveformAugmentation {
    public OneOf {
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("one-of needs at least one augmentation to choose from");
        }
    }

    @Override
    public String name() {
        return "oneof";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        return choices.get(random.nextInt(choices.size())).apply(signal, random);
    }
}
