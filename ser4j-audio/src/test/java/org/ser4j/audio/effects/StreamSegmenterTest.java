package org.ser4j.audio.effects;

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
    void aQuietStreamHoldsFramesNotASegmentBufferAndSpeechOnlyWhatItNeeds() {
        Random r = new Random(3);
        int rate = 48000;
        StreamSegmenter s = StreamSegmenter.forSpeech(rate);
        int idle = s.bufferedCapacity();
        assertTrue(idle <= rate / 5, "an idle stream holds " + idle + " samples");
        float[] quiet = new float[rate];
        s.accept(quiet, 0, quiet.length);
        assertEquals(idle, s.bufferedCapacity(), "silence allocates nothing");
        float[] loud = new float[2 * rate];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (float) (0.2 * r.nextGaussian());
        }
        s.accept(loud, 0, loud.length);
        int speaking = s.bufferedCapacity();
        assertTrue(speaking >= 2 * rate && speaking <= 5 * rate, "2 s of speech hold " + speaking + " samples");
        assertEquals(1, s.accept(quiet, 0, quiet.length).size(), "the pause closes the segment");
        assertEquals(idle, s.bufferedCapacity(), "a closed segment's buffer is released");
    }

    /** Noise under a syllable-rate envelope (4 syllables a second, dipping 16 dB between them): speech-like. */
    private static float[] syllables(Random r, double seconds, double amplitude) {
        float[] y = burst(r, seconds, amplitude);
        for (int i = 0; i < y.length; i++) {
            y[i] *= (float) (0.15 + 0.85 * Math.abs(Math.sin(2 * Math.PI * 2 * i / SR)));
        }
        return y;
    }

    @Test
    void endlessSpeechIsCutIntoBoundedSegments() {
        Random r = new Random(2);
        StreamSegmenter s = StreamSegmenter.forSpeech(SR);
        int segments = 0;
        float[] chunk = syllables(r, 0.5, 0.2);
        for (int i = 0; i < 10 * 60 * 2; i++) { // 10 minutes without a pause
            for (StreamSegmenter.Closed c : s.accept(chunk, 0, chunk.length)) {
                assertTrue(c.endS() - c.startS() <= 10.0 + 1e-9, "segment of " + (c.endS() - c.startS()) + " s");
                segments++;
            }
        }
        assertEquals(10 * 60 / 10, segments, 1);
        assertEquals(10 * 60 * SR, s.position());
    }

    /**
     * Steady noise (a fan, hiss) is not endless speech: when it is there from the start, or switches on later, the
     * floor rises to it within {@link StreamSegmenter#FLOOR_WINDOW_S} s, so it gives at most one short segment
     * (which the predictor then finds without speech), not a 10 s segment every 10 s. Speech over it is heard again.
     */
    @Test
    void steadyNoiseStopsCountingAsSpeechAfterAFewSeconds() {
        Random r = new Random(4);
        for (double lead : new double[] {0, 2}) {
            StreamSegmenter s = StreamSegmenter.forSpeech(SR);
            List<StreamSegmenter.Closed> out = new ArrayList<>();
            float[] quiet = burst(r, lead, 0.0005);
            out.addAll(s.accept(quiet, 0, quiet.length));
            float[] fan = burst(r, 60, 0.03); // about -30 dBFS, far above the initial floor
            out.addAll(s.accept(fan, 0, fan.length));
            assertTrue(out.size() <= 1, lead + " s lead: " + out.size() + " segments of steady noise");
            for (StreamSegmenter.Closed c : out) {
                assertTrue(c.endS() - c.startS() < StreamSegmenter.FLOOR_WINDOW_S + 1, "segment of "
                        + (c.endS() - c.startS()) + " s");
            }
            // Speech-like sound 20 dB over the fan is a segment again.
            float[] talk = syllables(r, 2, 0.3);
            float[] after = burst(r, 1, 0.03);
            for (int i = 0; i < talk.length; i++) {
                talk[i] += (float) (0.03 * r.nextGaussian());
            }
            List<StreamSegmenter.Closed> speech = new ArrayList<>(s.accept(talk, 0, talk.length));
            speech.addAll(s.accept(after, 0, after.length));
            assertEquals(1, speech.size(), lead + " s lead");
            assertEquals(lead + 60, speech.get(0).startS(), 0.15);
            assertEquals(lead + 62, speech.get(0).endS(), 0.25);
        }
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
