package org.ser4j.data.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Conditioning;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureSpec;

class SequenceFeaturesTest {
    private static Signal noise(double seconds, long seed) {
        Random r = new Random(seed);
        float[] y = new float[(int) (seconds * 16000)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.1 * r.nextGaussian());
        }
        return new Signal(y, 16000, "noise");
    }

    @Test
    void shapesFollowTheSpec() {
        Signal s = noise(1.0, 1);
        float[][] mel = SequenceFeatures.compute(s, SequenceSpec.LOG_MEL_DEFAULT);
        assertEquals(64, mel.length);
        assertEquals(101, mel[0].length); // 1 + 16000 / 160 frames, centred
        float[][] mfcc = SequenceFeatures.compute(s, SequenceSpec.MFCC_DELTA_DEFAULT);
        assertEquals(120, mfcc.length);
        assertEquals(SequenceSpec.MFCC_DELTA_DEFAULT, SequenceSpec.fromFeatureSpec(
                SequenceSpec.MFCC_DELTA_DEFAULT.toFeatureSpec()));
    }

    @Test
    void sequencesGoThroughTheOneAudioPath() {
        Signal s = noise(1.0, 2);
        float[] quieterWithDc = s.samples().clone();
        for (int i = 0; i < quieterWithDc.length; i++) {
            quieterWithDc[i] = 0.25f * quieterWithDc[i] + 0.05f; // -12 dB and a DC offset
        }
        float[][] a = SequenceFeatures.compute(s, SequenceSpec.LOG_MEL_DEFAULT);
        float[][] b = SequenceFeatures.compute(new Signal(quieterWithDc, 16000, "changed"), SequenceSpec.LOG_MEL_DEFAULT);
        for (int c = 0; c < a.length; c++) {
            assertArrayEquals(a[c], b[c], 0.05f, "mel band " + c);
        }
        assertEquals(Conditioning.SPEECH, SequenceSpec.LOG_MEL_DEFAULT.conditioning());
        // a deep bundle written before conditioning existed records no conditioning object: it stays unconditioned
        FeatureSpec old = new FeatureSpec("sequence-logmel", 1, 16000, SequenceSpec.LOG_MEL_DEFAULT.toFeatureSpec()
                .params());
        assertEquals(Conditioning.NONE, SequenceSpec.fromFeatureSpec(old).conditioning());
    }

    @Test
    void fixedLengthPadsCropsAndMasks() {
        float[][] x = {{1, 2, 3, 4, 5}};
        Sequence padded = SequenceFeatures.fixLength(x, 8, 0);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 0, 0, 0}, padded.values()[0]);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0, 0, 0}, padded.mask());
        assertEquals(5, padded.validFrames());
        Sequence centre = SequenceFeatures.centerCrop(x, 3);
        assertArrayEquals(new float[] {2, 3, 4}, centre.values()[0]);
        assertArrayEquals(new float[] {1, 1, 1}, centre.mask());
    }

    @Test
    void normaliserStandardisesEachChannelOnTrainingData() {
        List<float[][]> train = List.of(new float[][] {{1, 3}, {10, 10}}, new float[][] {{5, 7, 9}, {20, 20, 20}});
        ChannelNormalizer n = ChannelNormalizer.fit(train);
        assertArrayEquals(new double[] {5, 16}, n.mean(), 1e-9);
        float[][] z = n.apply(new float[][] {{5, 5 + (float) n.std()[0]}, {16, 16}});
        assertArrayEquals(new float[] {0, 1}, z[0], 1e-6f);
    }
}
