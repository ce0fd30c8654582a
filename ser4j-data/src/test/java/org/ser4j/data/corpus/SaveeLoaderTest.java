package org.ser4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

/** SAVEE is not in ../shared: these tests build its full published layout (480 names) as a fixture. */
class SaveeLoaderTest {
    private static final List<String> SPEAKERS = List.of("DC", "JE", "JK", "KL");
    private static final Map<String, Integer> SENTENCES = Map.of("a", 15, "d", 15, "f", 15, "h", 15, "n", 30,
            "sa", 15, "su", 15);

    private final SaveeLoader loader = new SaveeLoader();

    /** The original {@code AudioData/<speaker>/<code><nn>.wav} names, or the flat {@code <speaker>_<code><nn>}. */
    private static List<String> saveeNames(boolean flat) {
        List<String> names = new ArrayList<>();
        for (String speaker : SPEAKERS) {
            SENTENCES.forEach((code, count) -> {
                for (int n = 1; n <= count; n++) {
                    String file = String.format("%s%02d.wav", code, n);
                    names.add(flat ? "ALL/" + speaker + "_" + file : "AudioData/" + speaker + "/" + file);
                }
            });
        }
        return names;
    }

    @Test
    void loadsTheOriginalLayoutWithItsDocumentedCounts(@TempDir Path root) {
        Fixtures.files(root, saveeNames(false));
        assertTrue(loader.recognises(root));
        assertCounts(loader.load(root));
    }

    @Test
    void loadsTheFlatCopyWithTheSameCounts(@TempDir Path root) {
        Fixtures.files(root, saveeNames(true));
        assertTrue(loader.recognises(root.resolve("ALL")));
        assertCounts(loader.load(root.resolve("ALL")));
    }

    private static void assertCounts(LoadResult result) {
        assertEquals(480, result.utterances().size());
        assertTrue(result.skipped().isEmpty());
        Map<Emotion, Long> expected = new TreeMap<>(Map.of(Emotion.ANGRY, 60L, Emotion.DISGUST, 60L,
                Emotion.FEARFUL, 60L, Emotion.HAPPY, 60L, Emotion.NEUTRAL, 120L, Emotion.SAD, 60L,
                Emotion.SURPRISED, 60L));
        assertEquals(expected, result.countByEmotion());
        assertEquals(Map.of("savee:DC", 120L, "savee:JE", 120L, "savee:JK", 120L, "savee:KL", 120L),
                result.countBySpeaker());
        assertEquals(Map.of(Gender.MALE, 4L), Fixtures.speakersPerGender(result.utterances()));
    }

    @Test
    void parsesCodesSentenceAndOtherExtensions(@TempDir Path root) {
        Fixtures.files(root, "AudioData/KL/sa03.flac", "AudioData/KL/su15.MP3", "AudioData/JK/n30.ogg",
                "AudioData/JK/x01.wav", "AudioData/XY/a01.wav", "flat/je_d07.wav");
        LoadResult result = loader.load(root);
        List<Utterance> all = result.utterances();
        Utterance sad = Fixtures.byName(all, "sa03.flac");
        assertEquals(Emotion.SAD, sad.emotion());
        assertEquals("savee:KL", sad.speaker());
        assertEquals(Map.of("sentence", "03"), sad.extra());
        assertEquals(Emotion.SURPRISED, Fixtures.byName(all, "su15.MP3").emotion());
        assertEquals(Emotion.NEUTRAL, Fixtures.byName(all, "n30.ogg").emotion());
        assertEquals("savee:JE", Fixtures.byName(all, "je_d07.wav").speaker());
        assertEquals(2, result.skipped().size()); // unknown code x, unknown speaker folder XY
    }
}
