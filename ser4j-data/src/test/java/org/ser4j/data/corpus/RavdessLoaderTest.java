package org.ser4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.CorpusException;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

class RavdessLoaderTest {
    private final RavdessLoader loader = new RavdessLoader();

    @Test
    void parsesEveryFieldOfTheOriginalNamesWhateverTheExtension(@TempDir Path root) {
        Fixtures.files(root, "Actor_01/03-01-05-02-01-02-01.wav", "Actor_01/03-01-02-01-02-01-01.FLAC",
                "Actor_24/03-02-08-01-01-01-24.mp3", "Actor_24/03-01-01-01-01-01-24.ogg");
        List<Utterance> all = loader.load(root).utterances();
        assertEquals(4, all.size());
        Utterance angry = Fixtures.byName(all, "03-01-05-02-01-02-01.wav");
        assertEquals(Emotion.ANGRY, angry.emotion());
        assertEquals("ravdess", angry.corpus());
        assertEquals("ravdess:01", angry.speaker());
        assertEquals(Gender.MALE, angry.gender());
        assertEquals(Map.of("modality", "audio-only", "channel", "speech", "intensity", "strong", "statement", "01",
                "repetition", "02"), angry.extra());
        assertEquals(Emotion.CALM, Fixtures.byName(all, "03-01-02-01-02-01-01.FLAC").emotion());
        Utterance song = Fixtures.byName(all, "03-02-08-01-01-01-24.mp3");
        assertEquals(Emotion.SURPRISED, song.emotion());
        assertEquals(Gender.FEMALE, song.gender());
        assertEquals("song", song.extra().get("channel"));
    }

    @Test
    void skipsFilesOffConventionWithAReasonAndIgnoresNonAudio(@TempDir Path root) {
        Fixtures.files(root, "Actor_02/03-01-03-01-01-01-02.wav", "Actor_02/03-01-09-01-01-01-02.wav",
                "Actor_02/notes.wav", "Actor_02/readme.txt", "Actor_02/._03-01-03-01-01-01-02.wav");
        LoadResult result = loader.load(root);
        assertEquals(1, result.utterances().size());
        assertEquals(2, result.skipped().size());
        assertTrue(result.skipped().stream().anyMatch(s -> s.reason().contains("emotion code 09")));
    }

    @Test
    void recognisesActorFoldersAndFlatCopies(@TempDir Path root) {
        Fixtures.files(root.resolve("nested"), "Actor_03/03-01-04-01-01-01-03.wav");
        Fixtures.files(root.resolve("flat"), "03-01-04-01-01-01-03.wav", "03-01-04-02-01-01-03.wav");
        Fixtures.files(root.resolve("other"), "03a01Fa.wav");
        assertTrue(loader.recognises(root.resolve("nested")));
        assertTrue(loader.recognises(root.resolve("flat")));
        assertFalse(loader.recognises(root.resolve("other")));
    }

    @Test
    void folderWithoutRavdessFilesIsATypedError(@TempDir Path root) {
        Fixtures.files(root, "a.wav");
        CorpusException e = assertThrows(CorpusException.class, () -> loader.load(root));
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("MM-VV-EE"), e.getMessage());
        assertThrows(CorpusException.class, () -> loader.load(root.resolve("missing")));
    }

    /** Counts from datasets/README.md: actors 01-20 (10 m, 10 f), 60 clips each; neutral 80, others 160. */
    @Test
    void sharedCopyHasTheDocumentedCounts() {
        LoadResult result = loader.load(Fixtures.dataset("ravdess"));
        List<Utterance> all = result.utterances();
        assertEquals(1200, all.size());
        assertTrue(result.skipped().isEmpty());
        Map<Emotion, Long> byEmotion = result.countByEmotion();
        assertEquals(80L, byEmotion.get(Emotion.NEUTRAL));
        for (Emotion e : List.of(Emotion.CALM, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY, Emotion.FEARFUL,
                Emotion.DISGUST, Emotion.SURPRISED)) {
            assertEquals(160L, byEmotion.get(e), e.label());
        }
        Map<String, Long> bySpeaker = result.countBySpeaker();
        assertEquals(20, bySpeaker.size());
        bySpeaker.values().forEach(n -> assertEquals(60L, n));
        Map<Gender, Long> speakersByGender = Fixtures.speakersPerGender(all);
        assertEquals(Map.of(Gender.MALE, 10L, Gender.FEMALE, 10L), speakersByGender);
        Map<String, Long> byIntensity = all.stream().collect(Collectors.groupingBy(u -> u.extra().get("intensity"),
                Collectors.counting()));
        assertEquals(Map.of("normal", 640L, "strong", 560L), byIntensity);
    }

}
