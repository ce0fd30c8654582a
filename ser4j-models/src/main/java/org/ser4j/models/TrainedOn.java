package org.ser4j.models;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.ser4j.data.Utterance;

/**
 * Which recordings and speakers trained a model, kept in its bundle ({@code trained_on.json}) so that evaluation
 * can say when it is shown clips or speakers the model has already seen: an accuracy measured on them says nothing
 * about new speakers. Recordings are named by the first 16 hex digits (64 bits) of the SHA-256 of their file's bytes
 * (the same hash that keys the feature cache and the training-time leakage check): enough to tell thousands of clips
 * apart, and a bundle of the whole pool grows by about 100 KB.
 *
 * @param speakers  the corpus-qualified speaker ids (e.g. {@code ravdess:01}), sorted
 * @param clipSha256 hash prefixes of the training recordings, sorted
 */
public record TrainedOn(List<String> speakers, List<String> clipSha256) {
    /** Hex digits kept of each SHA-256. */
    public static final int HASH_DIGITS = 16;

    public TrainedOn {
        speakers = List.copyOf(new TreeSet<>(speakers));
        clipSha256 = List.copyOf(new TreeSet<>(clipSha256));
    }

    /** The training set of {@code utterances}; {@code sha256} gives a file's hex SHA-256 (e.g. ContentHashes::of). */
    public static TrainedOn of(List<Utterance> utterances, Function<Path, String> sha256) {
        return new TrainedOn(utterances.stream().map(Utterance::speaker).toList(),
                utterances.stream().map(u -> prefix(sha256.apply(u.path()))).toList());
    }

    /** The training set of a model made of several (an ensemble): every member's recordings and speakers. */
    public static TrainedOn union(List<TrainedOn> sets) {
        return new TrainedOn(sets.stream().flatMap(t -> t.speakers().stream()).toList(),
                sets.stream().flatMap(t -> t.clipSha256().stream()).toList());
    }

    /** What of {@code utterances} the model was trained on: the clips (by content) and the speakers. */
    public Overlap overlap(List<Utterance> utterances, Function<Path, String> sha256) {
        Set<String> clips = new HashSet<>(clipSha256);
        Set<String> trainedSpeakers = new HashSet<>(speakers);
        int seenClips = 0;
        Set<String> seenSpeakers = new TreeSet<>();
        Set<String> allSpeakers = new HashSet<>();
        for (Utterance u : utterances) {
            if (clips.contains(prefix(sha256.apply(u.path())))) {
                seenClips++;
            }
            allSpeakers.add(u.speaker());
            if (trainedSpeakers.contains(u.speaker())) {
                seenSpeakers.add(u.speaker());
            }
        }
        return new Overlap(seenClips, utterances.size(), List.copyOf(seenSpeakers), allSpeakers.size());
    }

    /**
     * Why evaluating {@code bundle} on {@code evaluated} would overstate its accuracy on new speakers (clips or
     * speakers it was trained on), in one sentence, or null when the clips are new to it. A bundle that does not
     * record what trained it is checked by corpus name only.
     */
    public static String overlapWarning(ModelBundle bundle, List<Utterance> evaluated, Function<Path, String> sha256) {
        if (bundle.trainedOn().isEmpty()) {
            Set<String> trainedCorpora = new TreeSet<>();
            bundle.provenance().corpora().forEach(c -> trainedCorpora.add(c.name()));
            trainedCorpora.retainAll(evaluated.stream().map(Utterance::corpus).toList());
            return trainedCorpora.isEmpty() ? null : "the model was trained on " + String.join(", ", trainedCorpora)
                    + " but its bundle does not record which clips and speakers, so overlap with these clips cannot "
                    + "be ruled out";
        }
        Overlap overlap = bundle.trainedOn().get().overlap(evaluated, sha256);
        return overlap.any() ? overlap.describe() + ": these figures overstate accuracy on new speakers" : null;
    }

    private static String prefix(String sha256) {
        return sha256.substring(0, Math.min(HASH_DIGITS, sha256.length()));
    }

    /**
     * The part of an evaluation set the model was trained on.
     *
     * @param clips         evaluated clips whose recording (by content) trained the model
     * @param ofClips       evaluated clips
     * @param speakers      evaluated speakers who also trained the model
     * @param ofSpeakers    evaluated speakers
     */
    public record Overlap(int clips, int ofClips, List<String> speakers, int ofSpeakers) {
        public boolean any() {
            return clips > 0 || !speakers.isEmpty();
        }

        /** One line for a person, e.g. "12 of 40 clips and 2 of 4 speakers (ravdess:01, ravdess:02) ...". */
        public String describe() {
            String named = speakers.size() <= 5 ? String.join(", ", speakers)
                    : String.join(", ", speakers.subList(0, 5)) + ", ...";
            return clips + " of " + ofClips + " clips and " + speakers.size() + " of " + ofSpeakers + " speakers"
                    + (speakers.isEmpty() ? "" : " (" + named + ")") + " were in the model's training data";
        }
    }
}
