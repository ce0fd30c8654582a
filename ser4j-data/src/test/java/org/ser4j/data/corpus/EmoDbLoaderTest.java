package org.ser4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

class EmoDbLoaderTest {
    private final EmoDbLoader loader = new EmoDbLoader();

    @Test
    void parsesSpeakerTextEmotionLetterAndVersion(@TempDir Path root) {
        Fixtures.files(root, "wav/03a01Fa.wav", "wav/08b10Lc.flac", "wav/16a07Wb.MP3", "wav/14b09Ea.ogg",
                "wav/11a02Aa.wav", "wav/13b01Ta.wav", "wav/10a05Na.wav", "wav/12a04Xa.wav", "wav/99a01Na.wav");
        LoadResult result = loader.load(root);
        List<Utterance> all = result.utterances();
        Utterance happy = Fixtures.byName(all, "03a01Fa.wav");
        assertEquals(Emotion.HAPPY, happy.emotion());
        assertEquals("emodb:03", happy.speaker());
        assertEquals(Gender.MALE, happy.gender());
        assertEquals(Map.of("text", "a01", "version", "a"), happy.extra());
        Utterance bored = Fixtures.byName(all, "08b10Lc.flac");
        assertEquals(Emotion.BOREDOM, bored.emotion());
        assertEquals(Gender.FEMALE, bored.gender());
        assertEquals("c", bored.extra().get("version"));
        assertEquals(Emotion.ANGRY, Fixtures.byName(all, "16a07Wb.MP3").emotion());
        assertEquals(Emotion.DISGUST, Fixtures.byName(all, "14b09Ea.ogg").emotion());
        assertEquals(Emotion.FEARFUL, Fixtures.byName(all, "11a02Aa.wav").emotion());
        assertEquals(Emotion.SAD, Fixtures.byName(all, "13b01Ta.wav").emotion());
        assertEquals(Emotion.NEUTRAL, Fixtures.byName(all, "10a05Na.wav").emotion());
        // A speaker outside the published table loads with unknown gender; an unknown letter is skipped.
        assertEquals(Gender.UNKNOWN, Fixtures.byName(all, "99a01Na.wav").gender());
        assertEquals(1, result.skipped().size());
        assertTrue(result.skipped().get(0).reason().contains("letter X"));
    }

    @Test
    void recognisesTheWavFolderAndFlatCopies(@TempDir Path root) {
        Fixtures.files(root.resolve("nested"), "wav/03a01Fa.wav");
        Fixtures.files(root.resolve("flat"), "03a01Fa.flac");
        assertTrue(loader.recognises(root.resolve("nested")));
        assertTrue(loader.recognises(root.resolve("flat")));
    }

    /** datasets/README.md: 408 files; W 100, L 58, E 30, A 54, F 54, T 49, N 63; speakers 03 08-14, 4 m 4 f. */
    @Test
    void sharedCopyHasTheDocumentedCounts() {
        LoadResult result = loader.load(Fixtures.dataset("emodb"));
        assertEquals(408, result.utterances().size());
        assertTrue(result.skipped().isEmpty());
        Map<Emotion, Long> expected = new TreeMap<>(Map.of(Emotion.ANGRY, 100L, Emotion.BOREDOM, 58L,
                Emotion.DISGUST, 30L, Emotion.FEARFUL, 54L, Emotion.HAPPY, 54L, Emotion.SAD, 49L,
                Emotion.NEUTRAL, 63L));
        assertEquals(expected, result.countByEmotion());
        assertEquals(List.of("emodb:03", "emodb:08", "emodb:09", "emodb:10", "emodb:11", "emodb:12", "emodb:13",
                "emodb:14"), List.copyOf(result.countBySpeaker().keySet()));
        Map<Gender, Long> speakersByGender = Fixtures.speakersPerGender(result.utterances());
        assertEquals(Map.of(Gender.MALE, 4L, Gender.FEMALE, 4L), speakersByGender);
    }
}
