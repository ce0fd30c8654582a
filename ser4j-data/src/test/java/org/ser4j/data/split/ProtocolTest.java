package org.ser4j.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.corpus.RavdessLoader;
import org.ser4j.io.SharedPaths;

class ProtocolTest {
    private final ContentHashes hashes = new ContentHashes();

    /**
     * {@code speakers} speakers per corpus, alternating male/female, each saying {@code emotions} three times
     * (distinct file contents).
     */
    private static List<Utterance> corpus(Path dir, String corpus, int speakers, List<Emotion> emotions) {
        List<Utterance> all = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            for (Emotion e : emotions) {
                for (int take = 0; take < 3; take++) {
                    String name = corpus + "/" + s + "_" + e.label() + "_" + take + ".wav";
                    Fixtures.files(dir, name);
                    all.add(new Utterance(dir.resolve(name), corpus, corpus + ":" + s,
                            s % 2 == 0 ? Gender.MALE : Gender.FEMALE, e, Map.of()));
                }
            }
        }
        return all;
    }

    private static final List<Emotion> FOUR = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY);

    private static Set<String> speakersAt(List<Utterance> all, int[] indices) {
        return Arrays.stream(indices).mapToObj(i -> all.get(i).speaker()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void kFoldPutsEverySpeakerInExactlyOneTestFoldBalancedByGender(@TempDir Path dir) {
        List<Utterance> all = corpus(dir, "c", 10, FOUR);
        List<Fold> folds = Protocol.speakerKFold(5, 42).folds(all, hashes);
        assertEquals(5, folds.size());
        Set<String> seen = new HashSet<>();
        Set<Integer> tested = new HashSet<>();
        for (Fold f : folds) {
            Set<String> test = speakersAt(all, f.test());
            assertEquals(2, test.size(), f.name());
            assertTrue(test.stream().noneMatch(seen::contains), "speaker tested twice");
            seen.addAll(test);
            // 5 male and 5 female speakers over 5 folds: one of each per fold.
            assertEquals(Set.of(Gender.MALE, Gender.FEMALE), Arrays.stream(f.test()).mapToObj(i -> all.get(i).gender())
                    .collect(Collectors.toSet()), f.name());
            assertEquals(all.size(), f.train().length + f.test().length);
            Arrays.stream(f.test()).forEach(tested::add);
        }
        assertEquals(all.size(), tested.size());
    }

    @Test
    void kFoldIsDeterministicAndSeeded(@TempDir Path dir) {
        List<Utterance> all = corpus(dir, "c", 12, FOUR);
        List<Fold> a = Protocol.speakerKFold(3, 7).folds(all, hashes);
        List<Fold> b = Protocol.speakerKFold(3, 7).folds(all, hashes);
        List<Fold> other = Protocol.speakerKFold(3, 8).folds(all, hashes);
        assertEquals(a, b);
        assertFalse(a.equals(other), "another seed deals speakers differently");
    }

    @Test
    void kFoldStratifiesEmotionsAcrossSpeakerGroups(@TempDir Path dir) {
        // Half the speakers act only angry/sad, half only happy/neutral: every fold must get both kinds.
        List<Utterance> all = new ArrayList<>(corpus(dir, "x", 4, List.of(Emotion.ANGRY, Emotion.SAD)));
        all.addAll(corpus(dir, "y", 4, List.of(Emotion.HAPPY, Emotion.NEUTRAL)));
        for (Fold f : Protocol.speakerKFold(4, 1).folds(all, hashes)) {
            Set<Emotion> emotions = EnumSet.noneOf(Emotion.class);
            Arrays.stream(f.test()).forEach(i -> emotions.add(all.get(i).emotion()));
            assertEquals(EnumSet.of(Emotion.ANGRY, Emotion.SAD, Emotion.HAPPY, Emotion.NEUTRAL), emotions, f.name());
        }
    }

    @Test
    void kFoldRefusesTooFewSpeakers(@TempDir Path dir) {
        List<Utterance> all = corpus(dir, "c", 3, FOUR);
        SplitException e = assertThrows(SplitException.class, () -> Protocol.speakerKFold(5, 1).folds(all, hashes));
        assertTrue(e.getMessage().contains("at least 5 speakers"), e.getMessage());
        assertThrows(SplitException.class, () -> Protocol.speakerKFold(1, 1));
    }

    @Test
    void leaveOneSpeakerOutTestsEachSpeakerAlone(@TempDir Path dir) {
        List<Utterance> all = corpus(dir, "c", 4, FOUR);
        List<Fold> folds = Protocol.leaveOneSpeakerOut().folds(all, hashes);
        assertEquals(List.of("test c:0", "test c:1", "test c:2", "test c:3"), folds.stream().map(Fold::name).toList());
        for (int s = 0; s < 4; s++) {
            assertEquals(Set.of("c:" + s), speakersAt(all, folds.get(s).test()));
            assertEquals(12, folds.get(s).test().length);
        }
    }

    @Test
    void fixedSplitByNamesOrByGenderBalancedFraction(@TempDir Path dir) {
        List<Utterance> all = corpus(dir, "c", 10, FOUR);
        Fold named = Protocol.testSpeakers(Set.of("c:3", "c:4")).folds(all, hashes).get(0);
        assertEquals(Set.of("c:3", "c:4"), speakersAt(all, named.test()));
        assertEquals(8, speakersAt(all, named.train()).size());
        SplitException unknown = assertThrows(SplitException.class,
                () -> Protocol.testSpeakers(Set.of("c:99")).folds(all, hashes));
        assertTrue(unknown.getMessage().contains("c:99"), unknown.getMessage());

        Fold fraction = Protocol.testSpeakerFraction(0.2, 5).folds(all, hashes).get(0);
        Set<String> test = speakersAt(all, fraction.test());
        assertEquals(2, test.size());
        assertEquals(Set.of(Gender.MALE, Gender.FEMALE), Arrays.stream(fraction.test())
                .mapToObj(i -> all.get(i).gender()).collect(Collectors.toSet()));
        assertEquals(fraction, Protocol.testSpeakerFraction(0.2, 5).folds(all, hashes).get(0));
    }

    @Test
    void crossCorpusAndLeaveOneCorpusOut(@TempDir Path dir) {
        List<Utterance> all = new ArrayList<>(corpus(dir, "a", 2, FOUR));
        all.addAll(corpus(dir, "b", 2, FOUR));
        all.addAll(corpus(dir, "c", 2, FOUR));
        Fold cross = Protocol.crossCorpus(Set.of("a", "b"), Set.of("c")).folds(all, hashes).get(0);
        assertEquals(48, cross.train().length);
        assertEquals(24, cross.test().length);
        assertTrue(Arrays.stream(cross.test()).allMatch(i -> all.get(i).corpus().equals("c")));
        Fold partial = Protocol.crossCorpus(Set.of("a"), Set.of("b")).folds(all, hashes).get(0);
        assertEquals(48, partial.train().length + partial.test().length); // corpus c left out

        List<Fold> loco = Protocol.leaveOneCorpusOut().folds(all, hashes);
        assertEquals(List.of("test a", "test b", "test c"), loco.stream().map(Fold::name).toList());
        assertThrows(SplitException.class, () -> Protocol.crossCorpus(Set.of("a"), Set.of("a", "b")));
        assertThrows(SplitException.class,
                () -> Protocol.crossCorpus(Set.of("a"), Set.of("z")).folds(all, hashes));
    }

    @Test
    void validationSpeakersComeFromTrainingSpeakersOnly(@TempDir Path dir) {
        List<Utterance> all = corpus(dir, "c", 10, FOUR);
        for (Fold f : Protocol.speakerKFold(5, 3).withValidation(0.25, 3).folds(all, hashes)) {
            Set<String> train = speakersAt(all, f.train());
            Set<String> validation = speakersAt(all, f.validation());
            Set<String> test = speakersAt(all, f.test());
            assertEquals(2, validation.size(), f.name()); // round(0.25 * 8 training speakers)
            assertEquals(6, train.size());
            assertEquals(2, test.size());
            assertEquals(all.size(), f.train().length + f.validation().length + f.test().length);
        }
    }

    /** RAVDESS actors all record the same 60-clip design, so 5 folds of 4 actors mirror the whole corpus. */
    @Test
    void ravdessFiveFoldHasFourActorsPerFoldTwoOfEachGender() {
        List<Utterance> all = new RavdessLoader().load(Fixtures.dataset("ravdess")).utterances();
        for (Fold f : Protocol.speakerKFold(5, 0).folds(all, hashes)) {
            assertEquals(240, f.test().length, f.name());
            assertEquals(4, speakersAt(all, f.test()).size());
            assertEquals(2L, speakersAt(all, f.test()).stream()
                    .filter(s -> Integer.parseInt(s.substring("ravdess:".length())) % 2 == 1).count());
            assertEquals(16, Arrays.stream(f.test()).filter(i -> all.get(i).emotion() == Emotion.NEUTRAL).count());
        }
    }

    /** Every shared corpus together: the leakage check (hashing all 5038 files once) passes on every fold. */
    @Test
    void allSharedCorporaSplitWithoutLeakage() {
        List<Utterance> all = Corpora.load(SharedPaths.datasets()).utterances();
        ContentHashes shared = new ContentHashes();
        List<Fold> folds = Protocol.speakerKFold(5, 1).folds(all, shared);
        assertEquals(5038, shared.size());
        int[] tested = folds.stream().flatMapToInt(f -> Arrays.stream(f.test())).sorted().toArray();
        int[] everyIndex = new int[all.size()];
        Arrays.setAll(everyIndex, i -> i);
        assertArrayEquals(everyIndex, tested);
        assertEquals(4, Protocol.leaveOneCorpusOut().folds(all, shared).size());
    }
}
