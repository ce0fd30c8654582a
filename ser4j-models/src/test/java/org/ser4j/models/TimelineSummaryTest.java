package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineSummaryTest {
    private static final List<String> CLASSES = List.of("angry", "happy", "sad");
    private static final Prediction.ModelRef MODEL = new Prediction.ModelRef("m", "1");

    private static Prediction.Segment speech(double from, double to, String emotion) {
        double[] p = new double[CLASSES.size()];
        p[CLASSES.indexOf(emotion)] = 0.8;
        p[(CLASSES.indexOf(emotion) + 1) % CLASSES.size()] = 0.2;
        return Prediction.segment(from, to, CLASSES, p);
    }

    @Test
    void sharesStretchesAndChangesFollowTheSpeechSegments() throws Exception {
        // angry 1-3, pause, angry 3.5-4.5 (one stretch of 3.5 s across the pause), sad 4.5-6.5, pause, angry 7-8
        List<Prediction.Segment> segments = List.of(Prediction.nonSpeech(0, 1), speech(1, 3, "angry"),
                Prediction.nonSpeech(3, 3.5), speech(3.5, 4.5, "angry"), speech(4.5, 6.5, "sad"),
                Prediction.nonSpeech(6.5, 7), speech(7, 8, "angry"), Prediction.nonSpeech(8, 9));
        Prediction p = Prediction.of("call.wav", CLASSES, new double[] {0.6, 0.1, 0.3}, 9, MODEL, segments);
        TimelineSummary s = TimelineSummary.of(p, CLASSES);
        assertEquals(6.0, s.speechS(), 1e-12);
        assertEquals("angry", s.dominant());
        assertEquals(4.0 / 6, s.share().get("angry"), 1e-12);
        assertEquals(0.0, s.share().get("happy"), 0);
        assertEquals(2.0 / 6, s.share().get("sad"), 1e-12);
        assertEquals(new TimelineSummary.Stretch(1, 4.5), s.longest().get("angry"));
        assertEquals(new TimelineSummary.Stretch(4.5, 6.5), s.longest().get("sad"));
        assertNull(s.longest().get("happy"));
        assertEquals(2, s.changes(), "angry -> sad -> angry");
        JsonNode json = Json.MAPPER.readTree(s.toJson());
        assertEquals(9.0, json.get("duration_s").asDouble(), 0);
        assertEquals(4.5, json.get("longest").get("angry").get("end_s").asDouble(), 0);
    }

    @Test
    void aRecordingWithoutSpeechHasNoDominantEmotion() {
        Prediction silent = Prediction.noSpeech("quiet.wav", "silence", 5, MODEL, List.of(Prediction.nonSpeech(0, 5)));
        TimelineSummary s = TimelineSummary.of(silent, CLASSES);
        assertNull(s.dominant());
        assertEquals(0.0, s.speechS(), 0);
        assertEquals(0, s.changes());
        assertThrows(IllegalArgumentException.class, () -> TimelineSummary.of(Prediction.noSpeech("x.wav", "silence",
                5, MODEL, null), CLASSES));
    }
}
