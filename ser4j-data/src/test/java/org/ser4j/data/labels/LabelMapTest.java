package org.ser4j.data.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Emotion;
import org.ser4j.data.Fixtures;
import org.ser4j.data.Gender;
import org.ser4j.data.LabelMapException;
import org.ser4j.data.Utterance;

class LabelMapTest {
    private static Utterance utterance(Emotion e) {
        return new Utterance(Path.of(e.label() + ".wav"), "c", "c:1", Gender.UNKNOWN, e, Map.of());
    }

    @Test
    void defaultHasSevenClassesFoldsCalmAndExcludesBoredom() {
        LabelMap map = LabelMap.defaults();
        assertEquals(List.of("neutral", "happy", "sad", "angry", "fearful", "disgust", "surprised"),
                map.classLabels());
        assertEquals(Optional.of(Emotion.NEUTRAL), map.map(Emotion.CALM));
        assertEquals(Optional.empty(), map.map(Emotion.BOREDOM));
        assertEquals(0, map.classIndex(Emotion.CALM));
        assertEquals(-1, map.classIndex(Emotion.BOREDOM));
    }

    @Test
    void corpusMapsHaveEachCorpusOwnClasses() {
        assertEquals(List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"),
                LabelMap.named("ravdess").classLabels());
        assertEquals(List.of("neutral", "happy", "sad", "angry", "fearful", "disgust", "boredom"),
                LabelMap.named("emodb").classLabels());
        assertEquals(List.of("neutral", "happy", "sad", "angry", "fearful", "disgust"),
                LabelMap.named("crema-d").classLabels());
        assertEquals(7, LabelMap.named("tess").classes().size());
        assertThrows(LabelMapException.class, () -> LabelMap.named("iemocap"));
    }

    @Test
    void selectFoldsRelabelsAndCountsTheExcluded() {
        List<Utterance> input = List.of(utterance(Emotion.CALM), utterance(Emotion.BOREDOM), utterance(Emotion.SAD),
                utterance(Emotion.BOREDOM), utterance(Emotion.SURPRISED));
        LabelMap.Selection s = LabelMap.named("crema-d").select(input);
        assertEquals(List.of(Emotion.NEUTRAL, Emotion.SAD), s.utterances().stream().map(Utterance::emotion).toList());
        assertEquals("calm", s.utterances().get(0).extra().get(Utterance.ORIGINAL_EMOTION));
        assertEquals(Map.of(Emotion.BOREDOM, 2, Emotion.SURPRISED, 1), s.excluded());
        assertEquals(3, s.excludedCount());
        assertArrayEquals(new int[] {0, 2}, s.labels());
    }

    @Test
    void rulesOverrideABaseMap(@TempDir Path dir) {
        Path file = dir.resolve("map.txt");
        Fixtures.write(file, ("# my task\nbase=ravdess\ncalm = neutral\nsurprised=exclude\n\nboredom=exclude # no\n")
                .getBytes(StandardCharsets.UTF_8));
        LabelMap map = LabelMap.load(file);
        assertEquals(List.of("neutral", "happy", "sad", "angry", "fearful", "disgust"), map.classLabels());
        assertEquals(Optional.of(Emotion.NEUTRAL), map.map(Emotion.CALM));
        LabelMap withBoredom = LabelMap.parse("boredom=boredom\nfearful=exclude", "inline");
        assertEquals(List.of("neutral", "happy", "sad", "angry", "disgust", "surprised", "boredom"),
                withBoredom.classLabels());
    }

    @Test
    void rulesRoundTripThroughText() {
        LabelMap emodb = LabelMap.named("emodb");
        assertEquals(emodb, LabelMap.parse(emodb.toRules(), "round trip"));
    }

    @Test
    void badRulesAreTypedErrorsNamingTheLine(@TempDir Path dir) {
        LabelMapException unknown = assertThrows(LabelMapException.class,
                () -> LabelMap.parse("calm=neutral\ngrumpy=angry", "m.txt"));
        assertTrue(unknown.getMessage().startsWith("m.txt:2") && unknown.getMessage().contains("grumpy"),
                unknown.getMessage());
        LabelMapException ontoExcluded = assertThrows(LabelMapException.class,
                () -> LabelMap.parse("calm=neutral\nneutral=exclude", "m.txt"));
        assertTrue(ontoExcluded.getMessage().contains("not a class"), ontoExcluded.getMessage());
        assertThrows(LabelMapException.class, () -> LabelMap.parse("calm neutral", "m.txt"));
        assertThrows(LabelMapException.class, () -> LabelMap.parse("calm=neutral\nbase=emodb", "m.txt"));
        assertThrows(LabelMapException.class, () -> LabelMap.load(dir.resolve("missing.txt")));
    }
}
