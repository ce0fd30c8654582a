package org.ser4j.data.split;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.LeakageException;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/**
 * Refuses folds that leak between their sides (train, validation, test): an utterance index on two sides, one
 * speaker on two sides, or one recording on two sides. Recordings are compared by content hash, because corpora
 * hold the same audio under different names (RAVDESS {@code Actor_07/03-01-03-01-02-01-07} and
 * {@code ...-02-07}; CREMA-D {@code 1006_TIE_NEU_XX} and {@code 1006_TIE_HAP_XX}), and users copy files across
 * corpora. Each file is hashed once through the shared {@link ContentHashes}.
 */
public final class LeakageCheck {
    private final List<Utterance> utterances;
    private final ContentHashes hashes;

    public LeakageCheck(List<Utterance> utterances, ContentHashes hashes) {
        this.utterances = utterances;
        this.hashes = hashes;
    }

    /** Throws {@link LeakageException} if {@code fold} leaks, {@link SplitException} if it is malformed. */
    public void check(Fold fold) {
        if (fold.train().length == 0 || fold.test().length == 0) {
            throw new SplitException(fold.name(), "empty " + (fold.train().length == 0 ? "training" : "test") + " set");
        }
        checkDisjoint(fold, "utterance", i -> "#" + i + " (" + utterances.get(i).path() + ")", i -> i);
        checkDisjoint(fold, "speaker", i -> utterances.get(i).speaker(), i -> utterances.get(i).speaker());
        checkDisjoint(fold, "recording", i -> utterances.get(i).path().toString(),
                i -> hashes.of(utterances.get(i).path()));
    }

    /** Fails if two sides share a key; {@code describe} names the offender in the message. */
    private void checkDisjoint(Fold fold, String what, Function<Integer, String> describe,
                               Function<Integer, Object> key) {
        Map<Object, Integer> firstSeen = new HashMap<>();
        Map<Object, String> sideOf = new HashMap<>();
        String[] sides = {"train", "validation", "test"};
        int[][] parts = {fold.train(), fold.validation(), fold.test()};
        for (int s = 0; s < parts.length; s++) {
            for (int i : parts[s]) {
                if (i < 0 || i >= utterances.size()) {
                    throw new SplitException(fold.name(), "index " + i + " outside 0.." + (utterances.size() - 1));
                }
                Object k = key.apply(i);
                String side = sideOf.putIfAbsent(k, sides[s]);
                if (side == null) {
                    firstSeen.put(k, i);
                } else if (!side.equals(sides[s])) {
                    String first = describe.apply(firstSeen.get(k));
                    String second = describe.apply(i);
                    throw new LeakageException(fold.name(), what + " leaks between " + side + " and " + sides[s]
                            + ": " + (first.equals(second) ? first : first + " and " + second));
                }
            }
        }
    }
}
