package org.ser4j.features.cqt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ser4j.features.pitch.ReferenceClips;
import org.ser4j.features.spectral.Tonnetz;

/**
 * librosa 0.11 parity of the CQT family on every reference clip that has the quantity. librosa resamples the
 * octaves with soxr_hq, ser4j with kaiser_best; the reference README measured the effect of another resampler as
 * 1.0e-2 (cqt_mag), 2.2e-2 (chroma_cqt), 1.1e-2 (tonnetz) and suggests rtol 5e-2 (peak-relative). Measured here
 * (max over clips): cqt_mag 3.5e-3, chroma_cqt 5.7e-3, tonnetz 7.3e-3; the assertion uses 2e-2. The top CQT octave
 * is computed before any resampling, so it is held to float32-basis rounding (README: 4e-7) instead.
 */
class CqtParityTest {
    /** Peak-relative; README's "another resampler" figure is 5e-2, measured max here 7.3e-3 (tonnetz, short50ms). */
    private static final double RESAMPLER_RTOL = 2e-2;
    /** Top octave (no resampling): librosa's float32 basis rounding; measured up to 7.3e-6 of the octave's own peak. */
    private static final double TOP_OCTAVE_RTOL = 1e-5;

    static java.util.List<String> cqtClips() {
        return ReferenceClips.clipsWith("cqt_mag");
    }

    static java.util.List<String> chromaClips() {
        return ReferenceClips.clipsWith("chroma_cqt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cqtClips")
    void cqtMagnitudeMatchesLibrosa(String clipName) {
        ReferenceClips.Clip clip = ReferenceClips.clip(clipName);
        double[][] ref = ReferenceClips.quantity(clipName, "cqt_mag").matrix();
        double[][] c = Cqt.magnitude(clip.y(), clip.sr(), CqtParams.defaults());
        assertEquals(ref.length, c.length, "bins");
        assertEquals(ref[0].length, c[0].length, "frames");
        double err = peakRelative(c, ref, 0, ref.length);
        double topErr = peakRelative(c, ref, ref.length - 12, ref.length);
        System.out.printf("cqt_mag %s: peak-relative error %.3g (top octave alone %.3g)%n", clipName, err, topErr);
        assertTrue(err <= RESAMPLER_RTOL, clipName + ": " + err);
        assertTrue(topErr <= TOP_OCTAVE_RTOL, clipName + " top octave: " + topErr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chromaClips")
    void chromaCqtAndTonnetzMatchLibrosa(String clipName) {
        ReferenceClips.Clip clip = ReferenceClips.clip(clipName);
        double[][] refChroma = ReferenceClips.quantity(clipName, "chroma_cqt").matrix();
        double[][] refTonnetz = ReferenceClips.quantity(clipName, "tonnetz").matrix();
        double[][] chroma = ChromaCqt.chromaCqt(clip.y(), clip.sr(), ChromaCqtParams.defaults());
        double[][] tonnetz = Tonnetz.tonnetz(chroma);
        assertEquals(refChroma.length, chroma.length);
        assertEquals(refChroma[0].length, chroma[0].length);
        double chromaErr = peakRelative(chroma, refChroma, 0, 12);
        double tonnetzErr = peakRelative(tonnetz, refTonnetz, 0, 6);
        System.out.printf("chroma_cqt %s: %.3g; tonnetz: %.3g%n", clipName, chromaErr, tonnetzErr);
        assertTrue(chromaErr <= RESAMPLER_RTOL, clipName + " chroma_cqt: " + chromaErr);
        assertTrue(tonnetzErr <= RESAMPLER_RTOL, clipName + " tonnetz: " + tonnetzErr);
    }

    /** max |a - ref| / max |ref| over rows [from, to). */
    static double peakRelative(double[][] a, double[][] ref, int from, int to) {
        double peak = 0;
        double err = 0;
        for (int k = from; k < to; k++) {
            for (int t = 0; t < ref[k].length; t++) {
                peak = Math.max(peak, Math.abs(ref[k][t]));
                err = Math.max(err, Math.abs(a[k][t] - ref[k][t]));
            }
        }
        return peak == 0 ? err : err / peak;
    }
}
