package org.ser4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;

class TessLoaderTest {
    private final TessLoader loader = new TessLoader();

    @Test
    void readsEmotionFromTheFileNameWhateverTheFolderSpelling(@TempDir Path root) {
        Fixtures.files(root, "OAF_Fear/OAF_back_fear.wav", "OAF_Pleasant_surprise/OAF_bar_ps.wav",
                "OAF_Sad/OAF_base_sad.flac", "YAF_pleasant_surprised/YAF_bath_ps.WAV", "YAF_angry/YAF_bean_angry.ogg",
                "YAF_disgust/YAF_beg_disgust.mp3", "YAF_happy/YAF_bite_happy.wav");
        List<Utterance> all = loader.load(root).utterances();
        assertEquals(7, all.size());
        assertEquals(Emotion.FEARFUL, Fixtures.byName(all, "OAF_back_fear.wav").emotion());
        assertEquals(Emotion.SURPRISED, Fixtures.byName(all, "OAF_bar_ps.wav").emotion());
        assertEquals(Emotion.SAD, Fixtures.byName(all, "OAF_base_sad.flac").emotion());
        Utterance ps = Fixtures.byName(all, "YAF_bath_ps.WAV");
        assertEquals(Emotion.SURPRISED, ps.emotion());
        assertEquals("tess:YAF", ps.speaker());
        assertEquals(Gender.FEMALE, ps.gender());
        assertEquals(Map.of("word", "bath"), ps.extra());
        assertEquals(Emotion.ANGRY, Fixtures.byName(all, "YAF_bean_angry.ogg").emotion());
        assertEquals(Emotion.DISGUST, Fixtures.byName(all, "YAF_beg_disgust.mp3").emotion());
        assertEquals(Emotion.HAPPY, Fixtures.byName(all, "YAF_bite_happy.wav").emotion());
    }

    @Test
    void theCorpusOwnOaPrefixBelongsToOaf(@TempDir Path root) {
        Fixtures.files(root, "OAF_neutral/OA_bite_neutral.wav", "flat/OA_bean_neutral.wav",
                "flat/YAF_bean_unknownmood.wav");
        LoadResult result = loader.load(root);
        assertEquals("tess:OAF", Fixtures.byName(result.utterances(), "OA_bite_neutral.wav").speaker());
        assertEquals("tess:OAF", Fixtures.byName(result.utterances(), "OA_bean_neutral.wav").speaker());
        assertEquals(1, result.skipped().size());
        assertTrue(result.skipped().get(0).reason().contains("unknownmood"));
    }

    @Test
    void recognisesSpeakerEmotionFolders(@TempDir Path root) {
        Fixtures.files(root.resolve("tess"), "OAF_Fear/OAF_back_fear.wav");
        Fixtures.files(root.resolve("ravdess"), "Actor_01/03-01-01-01-01-01-01.wav");
        assertTrue(loader.recognises(root.resolve("tess")));
        assertFalse(loader.recognises(root.resolve("ravdess")));
    }

    /** datasets/README.md: 1399 files, 100 per speaker x emotion folder except OAF_angry (99). */
    @Test
    void sharedCopyHasTheDocumentedCounts() {
        LoadResult result = loader.load(Fixtures.dataset("tess"));
        assertEquals(1399, result.utterances().size());
        assertTrue(result.skipped().isEmpty());
        for (Emotion e : List.of(Emotion.DISGUST, Emotion.FEARFUL, Emotion.HAPPY, Emotion.NEUTRAL,
                Emotion.SURPRISED, Emotion.SAD)) {
            assertEquals(200L, result.countByEmotion().get(e), e.label());
        }
        assertEquals(199L, result.countByEmotion().get(Emotion.ANGRY));
        assertEquals(Map.of("tess:OAF", 699L, "tess:YAF", 700L), result.countBySpeaker());
        assertEquals(Map.of(Gender.FEMALE, 2L), Fixtures.speakersPerGender(result.utterances()));
    }
}
