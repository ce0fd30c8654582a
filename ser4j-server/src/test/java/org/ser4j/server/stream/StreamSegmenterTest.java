package org.ser4j.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamSegmenterTest {
    private static final int SR = 16000;

    private static float[] burst(Random r, double seconds, double amplitude) {
        float[] y = new float[(int) (seconds * SR)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amplitude * r.nextGaussian());
        }
        return y;
    }

    @Test
    void burstsBetweenPausesBecomeOneSegmentEach() {
        Random r = new Random(1);
        StreamSegmenter s = StreamSegmenter.forSpeech(SR);
        List<StreamSegmenter.Closed> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] quiet = burst(r, 1.0, 0.0005);
            float[] loud = burst(r, 1.5, 0.2);
            out.addAll(s.accept(quiet, 0, quiet.length));
            out.addAll(s.accept(loud, 0, loud.length));
        }
        out.addAll(s.flush());
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            double onset = 1.0 + i * 2.5;
            assertEquals(onset, out.get(i).startS(), 0.15, "segment " + i);
            assertEquals(onset + 1.5, out.get(i).endS(), 0.15, "segment " + i);
        }
    }

    @Test
    void endlessSpeechIsCutIntoBoundedSegments() {
        Random r = new Random(2);
        StreamSegmenter s = StreamSegmenter.forSpeech(SR);
        int segments = 0;
        float[] chunk = burst(r, 0.1, 0.2);
        for (int i = 0; i < 10 * 60 * 10; i++) { // 10 minutes without a pause
            for (StreamSegmenter.Closed c : s.accept(chunk, 0, chunk.length)) {
                assertTrue(c.endS() - c.startS() <= 10.0 + 1e-9, "segment of " + (c.endS() - c.startS()) + " s");
                segments++;
            }
        }
        assertEquals(10 * 60 / 10, segments, 1);
        assertEquals(10 * 60 * SR, s.position());
    }

    @Test
    void silenceAndShortClicksGiveNoSegments() {
        Random r = new Random(3);
        StreamSegmenter s = StreamSegmenter.forSpeech(SR);
        float[] quiet = burst(r, 60, 0.0005);
        float[] click = burst(r, 0.05, 0.3);
        assertTrue(s.accept(quiet, 0, quiet.length).isEmpty());
        assertTrue(s.accept(click, 0, click.length).isEmpty());
        assertTrue(s.accept(quiet, 0, quiet.length).isEmpty());
        assertTrue(s.flush().isEmpty());
    }
}
