package org.ser4j.data.split;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/**
 * A single fixed speaker split: test on named speakers, or on a seeded, gender-balanced fraction of them
 * ({@code round(fraction * speakers)}, at least one, leaving at least one to train on).
 */
final class SpeakerSplit extends Protocol {
    private final Set<String> named;
    private final double fraction;
    private final long seed;

    SpeakerSplit(Set<String> testSpeakers) {
        if (testSpeakers.isEmpty()) {
            throw new SplitException("speaker split", "no test speakers named");
        }
        this.named = new TreeSet<>(testSpeakers);
        this.fraction = Double.NaN;
        this.seed = 0;
    }

    SpeakerSplit(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new SplitException("speaker split", "test fraction must be between 0 and 1, got " + fraction);
        }
        this.named = null;
        this.fraction = fraction;
        this.seed = seed;
    }

    @Override
    public String description() {
        return named != null ? "test speakers " + named
                : "test on " + Math.round(fraction * 100) + "% of speakers (seed " + seed + ")";
    }

    @Override
    protected List<Fold> split(List<Utterance> utterances) {
        List<Speakers.Group> groups = Speakers.group(utterances);
        if (groups.size() < 2) {
            throw new SplitException(description(), "needs at least 2 speakers, the utterances have " + groups.size());
        }
        Set<String> test;
        if (named != null) {
            Set<String> known = groups.stream().map(Speakers.Group::speaker).collect(Collectors.toSet());
            Set<String> unknown = new TreeSet<>(named);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new SplitException(description(), "unknown speakers " + unknown + " (known: "
                        + new TreeSet<>(known) + ")");
            }
            if (named.size() == groups.size()) {
                throw new SplitException(description(), "every speaker is a test speaker; none left to train on");
            }
            test = named;
        } else {
            test = Speakers.pick(groups, fraction, seed).stream().map(Speakers.Group::speaker)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        int[] testIndices = groups.stream().filter(g -> test.contains(g.speaker()))
                .flatMap(g -> g.indices().stream()).mapToInt(Integer::intValue).toArray();
        return List.of(new Fold("test " + String.join(",", test),
                SpeakerKFold.complement(utterances.size(), testIndices), testIndices));
    }
}
