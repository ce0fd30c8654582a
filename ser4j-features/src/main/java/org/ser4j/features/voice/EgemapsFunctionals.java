package org.ser4j.features.voice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ser4j.features.stats.Functionals;

/**
 * The 88 functionals of eGeMAPS v02 (Eyben et al., "The Geneva Minimalistic Acoustic Parameter Set (GeMAPS) for
 * Voice Research and Affective Computing", IEEE TAFFC 7(2), 2016, section 4) over a signal's frame-level
 * descriptors ({@link VoiceLlds}), named and ordered exactly as the published set, so values can be compared with
 * the literature. This is an independent implementation from the paper's definitions (see docs/egemaps.md); its
 * numbers are close to, not identical with, other implementations.
 *
 * <p>Each descriptor is first smoothed by a 3-frame moving average ({@code _sma3}; over voiced frames only for
 * {@code _sma3nz} and the {@code V} variants, over unvoiced frames for the {@code UV} variants). Functionals:
 * <ul>
 * <li>{@code amean}: arithmetic mean; {@code stddevNorm}: coefficient of variation, population standard deviation
 * divided by the absolute mean;</li>
 * <li>{@code percentileNN.0}: linearly interpolated percentile; {@code pctlrange0-2}: percentile80 − percentile20;
 * </li>
 * <li>{@code mean/stddevRisingSlope}, {@code mean/stddevFallingSlope}: over the rising and falling parts of the
 * contour, in units per second, falling slopes as magnitudes ({@link Contours#risingFallingSlopes}); F0 parts
 * never span an unvoiced frame;</li>
 * <li>{@code loudnessPeaksPerSec}: loudness peaks ({@link Contours#peakCount} with a hysteresis of
 * {@link #LOUDNESS_PEAK_DELTA} of the contour's range) per second of signal;</li>
 * <li>{@code VoicedSegmentsPerSec}, {@code Mean/StddevVoicedSegmentLengthSec}: continuous voiced runs;
 * {@code Mean/StddevUnvoicedSegmentLength}: unvoiced runs between two voiced ones (pauses), in seconds;</li>
 * <li>{@code equivalentSoundLevel_dBp}: {@link VoiceAnalysis#equivalentSoundLevelDb}.</li>
 * </ul>
 *
 * <p><b>Undefined values.</b> The vector never holds NaN: a functional with nothing to summarise (no voiced frame,
 * no rising part, a zero mean under stddevNorm, ...) is 0, as in the published set's reference output. Silence,
 * unvoiced-only audio and clips shorter than one frame therefore give a finite vector in which
 * {@code VoicedSegmentsPerSec} = 0 tells that the voiced functionals are absent.
 */
public final class EgemapsFunctionals {
    /** Hysteresis of the loudness peak counter, as a fraction of the loudness contour's range. */
    public static final double LOUDNESS_PEAK_DELTA = 0.1;

    /** The 88 published names, in the published order. */
    public static final List<String> NAMES = buildNames();

    private EgemapsFunctionals() {
    }

    /** The 88 functionals of a signal's descriptors, in {@link #NAMES} order, all finite. */
    public static double[] of(VoiceLlds d) {
        double step = d.frameStepS();
        boolean[] voiced = d.pitch().voicedFlag();
        boolean[] unvoiced = new boolean[voiced.length];
        for (int t = 0; t < voiced.length; t++) {
            unvoiced[t] = !voiced[t];
        }
        Out out = new Out();

        double[] semitones = Contours.sma3(d.pitch().f0Semitones(), voiced);
        out.meanCv(semitones).percentiles(semitones).slopes(semitones, step);
        double[] loudness = Contours.sma3(d.loudness());
        out.meanCv(loudness).percentiles(loudness).slopes(loudness, step);
        out.meanCv(Contours.sma3(d.spectralFlux()));
        for (double[] c : d.mfcc()) {
            out.meanCv(Contours.sma3(c));
        }
        out.meanCv(Contours.sma3(d.jitterLocal(), voiced));
        out.meanCv(Contours.sma3(d.shimmerLocalDb(), voiced));
        out.meanCv(Contours.sma3(d.hnrDb(), voiced));
        out.meanCv(Contours.sma3(d.h1MinusH2(), voiced));
        out.meanCv(Contours.sma3(d.h1MinusA3(), voiced));
        for (int i = 0; i < 3; i++) {
            out.meanCv(Contours.sma3(d.formantFrequency()[i], voiced));
            out.meanCv(Contours.sma3(d.formantBandwidth()[i], voiced));
            out.meanCv(Contours.sma3(d.formantAmplitude()[i], voiced));
        }
        double[][] balance = {d.alphaRatio(), d.hammarbergIndex(), d.slope0to500(), d.slope500to1500(),
            d.spectralFlux()};
        for (double[] x : balance) {
            out.meanCv(Contours.sma3(x, voiced));
        }
        for (double[] c : d.mfcc()) {
            out.meanCv(Contours.sma3(c, voiced));
        }
        for (double[] x : balance) {
            out.add(Functionals.mean(Contours.sma3(x, unvoiced)));
        }

        double duration = d.durationS();
        double range = Functionals.percentile(loudness, 100) - Functionals.percentile(loudness, 0);
        out.add(perSecond(Contours.peakCount(loudness, LOUDNESS_PEAK_DELTA * range), duration));
        double[] voicedLengths = Contours.segmentLengths(voiced, step, true);
        double[] pauses = Contours.segmentLengths(voiced, step, false);
        out.add(perSecond(voicedLengths.length, duration));
        out.add(Functionals.mean(voicedLengths)).add(Functionals.std(voicedLengths));
        out.add(Functionals.mean(pauses)).add(Functionals.std(pauses));
        out.add(d.equivalentSoundLevelDb());
        return out.finish();
    }

    private static double perSecond(int count, double durationS) {
        return durationS > 0 ? count / durationS : Double.NaN;
    }

    /** Collects functionals in order; NaN (undefined) becomes 0 at the end. */
    private static final class Out {
        private final double[] values = new double[NAMES.size()];
        private int n;

        Out add(double v) {
            values[n++] = v;
            return this;
        }

        Out meanCv(double[] x) {
            double mean = Functionals.mean(x);
            return add(mean).add(Functionals.std(x) / Math.abs(mean));
        }

        Out percentiles(double[] x) {
            double p20 = Functionals.percentile(x, 20);
            double p80 = Functionals.percentile(x, 80);
            return add(p20).add(Functionals.percentile(x, 50)).add(p80).add(p80 - p20);
        }

        Out slopes(double[] x, double step) {
            for (double v : Contours.risingFallingSlopes(x, step)) {
                add(v);
            }
            return this;
        }

        double[] finish() {
            if (n != values.length) {
                throw new IllegalStateException("wrote " + n + " of " + values.length + " functionals");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(values[i])) {
                    values[i] = 0;
                }
            }
            return values;
        }
    }

    private static List<String> buildNames() {
        List<String> names = new ArrayList<>();
        String[] contourStats = {"amean", "stddevNorm", "percentile20.0", "percentile50.0", "percentile80.0",
            "pctlrange0-2", "meanRisingSlope", "stddevRisingSlope", "meanFallingSlope", "stddevFallingSlope"};
        for (String s : contourStats) {
            names.add("F0semitoneFrom27.5Hz_sma3nz_" + s);
        }
        for (String s : contourStats) {
            names.add("loudness_sma3_" + s);
        }
        List<String> meanCv = new ArrayList<>(List.of("spectralFlux_sma3", "mfcc1_sma3", "mfcc2_sma3", "mfcc3_sma3",
                "mfcc4_sma3", "jitterLocal_sma3nz", "shimmerLocaldB_sma3nz", "HNRdBACF_sma3nz",
                "logRelF0-H1-H2_sma3nz", "logRelF0-H1-A3_sma3nz"));
        for (int i = 1; i <= 3; i++) {
            meanCv.add("F" + i + "frequency_sma3nz");
            meanCv.add("F" + i + "bandwidth_sma3nz");
            meanCv.add("F" + i + "amplitudeLogRelF0_sma3nz");
        }
        meanCv.addAll(List.of("alphaRatioV_sma3nz", "hammarbergIndexV_sma3nz", "slopeV0-500_sma3nz",
                "slopeV500-1500_sma3nz", "spectralFluxV_sma3nz", "mfcc1V_sma3nz", "mfcc2V_sma3nz", "mfcc3V_sma3nz",
                "mfcc4V_sma3nz"));
        for (String lld : meanCv) {
            names.add(lld + "_amean");
            names.add(lld + "_stddevNorm");
        }
        for (String lld : List.of("alphaRatioUV", "hammarbergIndexUV", "slopeUV0-500", "slopeUV500-1500",
                "spectralFluxUV")) {
            names.add(lld + "_sma3nz_amean");
        }
        names.addAll(List.of("loudnessPeaksPerSec", "VoicedSegmentsPerSec", "MeanVoicedSegmentLengthSec",
                "StddevVoicedSegmentLengthSec", "MeanUnvoicedSegmentLength", "StddevUnvoicedSegmentLength",
                "equivalentSoundLevel_dBp"));
        return Collections.unmodifiableList(names);
    }
}
