package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineSmoothingTest {
    private static final List<String> CLASSES = List.of("angry", "sad");

    @Test
    void aLoneSegmentTakesItsNeighboursEmotionAndPausesStay() {
        // angry (2 s, 0.9), pause, sad (1 s, 0.6), angry (2 s, 0.8): with k = 1 the middle one becomes angry
        List<Prediction.Segment> segments = List.of(
                Prediction.segment(0, 2, CLASSES, new double[] {0.9, 0.1}), Prediction.nonSpeech(2, 3),
                Prediction.segment(3, 4, CLASSES, new double[] {0.4, 0.6}),
                Prediction.segment(4, 6, CLASSES, new double[] {0.8, 0.2}));
        Prediction p = Prediction.of("a.wav", CLASSES, new double[] {0.7, 0.3}, 6, new Prediction.ModelRef("m", "1"),
                segments);
        Prediction smoothed = TimelineSmoothing.smooth(p, CLASSES, 1);
        // middle: (2 * 0.9 + 1 * 0.4 + 2 * 0.8) / 5 = 0.76 angry
        assertEquals("angry", smoothed.segments().get(2).emotion());
        assertEquals(0.76, smoothed.segments().get(2).confidence(), 1e-12);
        // first: (2 * 0.9 + 1 * 0.4) / 3; the pause between does not count and stays a pause
        assertEquals(2.2 / 3, smoothed.segments().get(0).allScores().get("angry"), 1e-12);
        assertEquals(segments.get(1), smoothed.segments().get(1));
        assertEquals(p.allScores(), smoothed.allScores(), "the recording's own answer is kept");
        assertSame(p, TimelineSmoothing.smooth(p, CLASSES, 0));
        assertThrows(IllegalArgumentException.class, () -> TimelineSmoothing.smooth(p, CLASSES, -1));
    }
}
