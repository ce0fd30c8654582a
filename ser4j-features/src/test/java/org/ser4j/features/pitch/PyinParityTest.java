package org.ser4j.features.pitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * librosa 0.11 parity of {@link Pyin#pyin} on every reference clip, default and speech parameter sets
 * (fmin 65, fmax 500 as in manifest.json). README: f0 lies on a 10-cent grid, so outputs must be exact on at least
 * 99 % of frames; here "exact" means f0 within 1e-12 relative (the grid value up to pow() rounding) and
 * voiced_prob within 1e-12 absolute (summation-order rounding).
 */
class PyinParityTest {
    private static final double F0_RTOL = 1e-12;
    private static final double PROB_ATOL = 1e-12;
    private static final double MIN_EXACT_FRACTION = 0.99;

    static Stream<Arguments> cases() {
        Stream<Arguments> dflt = ReferenceClips.clipsWith("pyin_f0").stream()
                .map(c -> Arguments.of(c, "", 2048, 512));
        Stream<Arguments> speech = ReferenceClips.clipsWith("pyin_f0_speech").stream()
                .map(c -> Arguments.of(c, "_speech", 1024, 160));
        return Stream.concat(dflt, speech);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesLibrosa(String clipName, String suffix, int frameLength, int hop) {
        ReferenceClips.Clip clip = ReferenceClips.clip(clipName);
        double[] f0Ref = ReferenceClips.quantity(clipName, "pyin_f0" + suffix).data();
        double[] flagRef = ReferenceClips.quantity(clipName, "pyin_voiced_flag" + suffix).data();
        double[] probRef = ReferenceClips.quantity(clipName, "pyin_voiced_prob" + suffix).data();

        PitchTrack track = Pyin.pyin(clip.y(), clip.sr(), PyinParams.of(65.0, 500.0).withFrames(frameLength, hop));
        int n = f0Ref.length;
        assertEquals(n, track.nFrames(), "frame count");

        int f0Exact = 0;
        int flagExact = 0;
        int probExact = 0;
        double maxProbErr = 0;
        for (int t = 0; t < n; t++) {
            double f = track.f0()[t];
            boolean sameF0 = Double.isNaN(f0Ref[t]) ? Double.isNaN(f)
                    : Math.abs(f - f0Ref[t]) <= F0_RTOL * f0Ref[t];
            f0Exact += sameF0 ? 1 : 0;
            flagExact += (track.voicedFlag()[t] ? 1.0 : 0.0) == flagRef[t] ? 1 : 0;
            double probErr = Math.abs(track.voicedProb()[t] - probRef[t]);
            maxProbErr = Math.max(maxProbErr, probErr);
            probExact += probErr <= PROB_ATOL ? 1 : 0;
        }
        System.out.printf("pyin %s%s: %d frames; f0 exact %d, voiced_flag exact %d, voiced_prob within 1e-12 %d"
                + " (max abs error %.3g)%n", clipName, suffix, n, f0Exact, flagExact, probExact, maxProbErr);
        assertTrue(f0Exact >= MIN_EXACT_FRACTION * n, "f0 exact on " + f0Exact + "/" + n);
        assertTrue(flagExact >= MIN_EXACT_FRACTION * n, "voiced_flag exact on " + flagExact + "/" + n);
        assertTrue(probExact >= MIN_EXACT_FRACTION * n, "voiced_prob exact on " + probExact + "/" + n);
    }
}
