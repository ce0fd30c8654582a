package org.ser4j.features.pitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** librosa 0.11 parity of {@link Yin#yin} on every reference clip, default and speech parameter sets. */
class YinParityTest {
    /** README tolerance for yin_f0 in float64: rtol 1e-6, peak-relative. */
    private static final double RTOL = 1e-6;

    static Stream<Arguments> cases() {
        Stream<Arguments> dflt = ReferenceClips.clipsWith("yin_f0").stream()
                .map(c -> Arguments.of(c, "yin_f0", 2048, 512));
        Stream<Arguments> speech = ReferenceClips.clipsWith("yin_f0_speech").stream()
                .map(c -> Arguments.of(c, "yin_f0_speech", 1024, 160));
        return Stream.concat(dflt, speech);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesLibrosa(String clipName, String quantity, int frameLength, int hop) {
        ReferenceClips.Clip clip = ReferenceClips.clip(clipName);
        double[] expected = ReferenceClips.quantity(clipName, quantity).data();
        double[] f0 = Yin.yin(clip.y(), clip.sr(), YinParams.of(65.0, 500.0).withFrames(frameLength, hop));
        assertEquals(expected.length, f0.length, "frame count");
        double err = ReferenceClips.peakRelativeError(f0, expected);
        // Measured: see the report printed here; tolerance from reference/README.md.
        System.out.printf("yin %s %s: peak-relative error %.3g%n", clipName, quantity, err);
        assertTrue(err <= RTOL, clipName + " " + quantity + ": peak-relative error " + err);
    }

    @Test
    void referenceCoversBothParameterSets() {
        assertEquals(15, ReferenceClips.clipsWith("yin_f0").size());
        assertEquals(7, ReferenceClips.clipsWith("yin_f0_speech").size());
    }

    @Test
    void pureToneGivesItsFrequency() {
        // A 200 Hz sine at 16 kHz: period 80 samples exactly, so every fully covered frame finds 200 Hz.
        int sr = 16000;
        double[] y = new double[sr];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.5 * Math.sin(2 * Math.PI * 200 * i / sr);
        }
        double[] f0 = Yin.yin(y, sr, YinParams.of(65, 500).withFrames(1024, 160));
        for (int t = 4; t < f0.length - 4; t++) {
            assertEquals(200.0, f0[t], 0.5, "frame " + t);
        }
    }

    @Test
    void rejectsInfeasibleRange() {
        double[] y = new double[4000];
        List<YinParams> bad = List.of(YinParams.of(0, 500), YinParams.of(500, 400), YinParams.of(65, 9000));
        for (YinParams p : bad) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Yin.yin(y, 16000, p));
        }
    }
}
