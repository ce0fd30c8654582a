package org.ser4j.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ser4j.audio.Conditioning;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Frames;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.pitch.PitchTrack;
import org.ser4j.features.pitch.Pyin;
import org.ser4j.features.pitch.PyinParams;
import org.ser4j.features.spectral.Chroma;
import org.ser4j.features.spectral.ChromaParams;
import org.ser4j.features.spectral.ContrastParams;
import org.ser4j.features.spectral.Decibels;
import org.ser4j.features.spectral.Delta;
import org.ser4j.features.spectral.Mel;
import org.ser4j.features.spectral.MelParams;
import org.ser4j.features.spectral.Mfcc;
import org.ser4j.features.spectral.MfccParams;
import org.ser4j.features.spectral.SpectralContrast;
import org.ser4j.features.spectral.SpectralShape;
import org.ser4j.features.spectral.Spectrogram;
import org.ser4j.features.spectral.Tonnetz;
import org.ser4j.features.spectral.ZeroCrossingRate;
import org.ser4j.features.stats.Functionals;
import org.ser4j.features.wavelet.Dwt;
import org.ser4j.features.wavelet.Wavelet;
import org.ser4j.features.wavelet.WaveletStatistics;

/**
 * The {@code full} set: every frame-level feature, summarised over the utterance by {@link Functionals}. Speech
 * framing at 16 kHz: n_fft 512 (32 ms), win_length 400 (25 ms), hop_length 160 (10 ms), 64 Slaney mel bands.
 *
 * <table>
 *   <caption>layout (version 2, default parameters: 497 values; version 1: 387)</caption>
 *   <tr><th>feature (rows)</th><th>statistics</th></tr>
 *   <tr><td>mfcc (n_mfcc = 40) of the 64-band log-mel spectrogram</td><td>mean, std, skew, kurtosis, p10, p90
 *       (version 1: mean, std, p10, p90)</td></tr>
 *   <tr><td>mfcc_delta, mfcc_delta2 (40 each; Savitzky-Golay width 9)</td><td>std</td></tr>
 *   <tr><td>chroma_stft (12), spectral_contrast (7), tonnetz of chroma_stft (6)</td><td>mean, std</td></tr>
 *   <tr><td>zcr, rms, spectral_centroid, spectral_bandwidth, spectral_rolloff, spectral_flatness (1 each);
 *       f0 in semitones above 27.5 Hz over voiced frames and voiced probability from pYIN (65-500 Hz, frame 1024,
 *       hop pyin_hop_length = 320, i.e. 20 ms; pitch bins of pyin_resolution = 0.2 semitones)</td><td>{@link Functionals#CONTOUR}: mean, std, min, max, p10, p25,
 *       p50, p75, p90, skew, kurtosis, slope (per frame of the row's own hop)</td></tr>
 *   <tr><td>f0_voiced_fraction</td><td>share of frames pYIN calls voiced</td></tr>
 *   <tr><td>version 2: the discrete wavelet transform of the whole utterance (dwt_wavelet = db4, dwt_level = 5;
 *       PyWavelets' wavedec conventions)</td><td>{@link WaveletStatistics} of each level: energy, relative
 *       energy, entropy, mean |c|, std</td></tr>
 * </table>
 * Version 2 adds MFCC skewness and kurtosis (the design's "mean, std, skew" summaries) and the wavelet statistics;
 * bundles trained on version 1 keep computing version 1.
 * The log-mel spectrogram itself is not summarised: its 64 band means are (up to the truncated quefrencies) a linear
 * function of the MFCC means. ZCR and RMS use frames of win_length. A statistic that is undefined for an utterance
 * (no voiced frame; a constant row's skew or kurtosis; deltas of an utterance shorter than 9 frames) is 0 instead of
 * NaN, so classifiers always see finite vectors; f0_voiced_fraction tells the no-voicing case apart.
 *
 * <p>Parameters (librosa names): n_fft, hop_length, win_length, n_mels, n_mfcc; and pyin_hop_length and
 * pyin_resolution (320 and 0.2 in the default spec; a spec without them, as bundles made before they existed, uses
 * hop_length and librosa's 0.1). {@code mfcc_norm} (default {@code none}) normalises each MFCC row over the
 * utterance before its statistics: {@code mean} subtracts the row's mean (cepstral mean normalisation, which removes
 * a fixed channel's spectral tilt) and drops the then constant mean statistic; {@code meanvar} also divides by the
 * row's standard deviation and drops the std statistic too.
 */
public final class FullSet implements FeatureSet {
    public static final FullSet INSTANCE = new FullSet();

    private static final Functionals MFCC_STATS_V1 = Functionals.of("mean", "std", "p10", "p90");
    private static final Functionals DELTA_STATS = Functionals.of("std");
    private static final Functionals MEAN_STD = Functionals.MEAN_STD;
    private static final Functionals CONTOUR = Functionals.CONTOUR;
    private static final int DELTA_WIDTH = 9;
    private static final double F0_MIN = 65.0;
    private static final double F0_MAX = 500.0;
    private static final int PYIN_FRAME_LENGTH = 1024;

    private FullSet() {
    }

    /** Each row minus its mean (and divided by its standard deviation when {@code scale}); deltas use the raw rows. */
    private static double[][] normalisedRows(double[][] rows, boolean scale) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double mean = Functionals.mean(rows[r]);
            double sd = 0;
            for (double v : rows[r]) {
                sd += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(sd / Math.max(1, rows[r].length));
            double divisor = scale && sd > 0 ? sd : 1;
            out[r] = new double[rows[r].length];
            for (int t = 0; t < rows[r].length; t++) {
                out[r][t] = (rows[r][t] - mean) / divisor;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "full";
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public int oldestVersion() {
        return 1;
    }

    /**
     * The MFCC statistics of a layout version after {@code mfccNorm}: mean normalisation drops the then constant
     * mean, mean-variance normalisation the standard deviation too.
     */
    private static Functionals mfccStatistics(int version, String mfccNorm) {
        List<String> stats = new ArrayList<>(version >= 2 ? List.of("mean", "std", "skew", "kurtosis", "p10", "p90")
                : MFCC_STATS_V1.stats());
        switch (mfccNorm) {
            case "none" -> { }
            case "mean" -> stats.remove("mean");
            case "meanvar" -> stats.removeAll(List.of("mean", "std"));
            default -> throw new IllegalArgumentException("mfcc_norm must be none, mean or meanvar, got '" + mfccNorm
                    + "'");
        }
        return Functionals.of(stats.toArray(String[]::new));
    }

    @Override
    public String description() {
        return "MFCC-40 + deltas, chroma, contrast, tonnetz, ZCR, RMS, spectral shape and pYIN F0, with statistics";
    }

    @Override
    public FeatureSpec defaultSpec() {
        return new FeatureSpec(name(), version(), 16000, Map.of("n_fft", "512", "win_length", "400", "hop_length",
                "160", "n_mels", "64", "n_mfcc", "40", "pyin_hop_length", "320", "pyin_resolution", "0.2",
                "dwt_wavelet", WaveletStatistics.DEFAULT_WAVELET, "dwt_level",
                String.valueOf(WaveletStatistics.DEFAULT_LEVEL)), Conditioning.SPEECH);
    }

    /** Version 1's defaults: version 2's without the wavelet parameters. */
    @Override
    public FeatureSpec defaultSpec(int layoutVersion) {
        if (layoutVersion != 1) {
            return FeatureSet.super.defaultSpec(layoutVersion);
        }
        FeatureSpec current = defaultSpec();
        Map<String, String> params = new java.util.LinkedHashMap<>(current.params());
        params.keySet().removeAll(List.of("dwt_wavelet", "dwt_level"));
        return new FeatureSpec(name(), 1, current.sampleRate(), params, current.conditioning());
    }

    @Override
    public FeatureExtractor extractor(FeatureSpec spec, Params params) {
        int nFft = params.getInt("n_fft", 512);
        int hop = params.getInt("hop_length", 160);
        int win = params.getInt("win_length", 400);
        StftParams stft = new StftParams(nFft, hop, win, "hann", true, "constant");
        MfccParams mfcc = new MfccParams(params.getInt("n_mfcc", 40), true, 0,
                MelParams.DEFAULT.withNMels(params.getInt("n_mels", 64)));
        // pYIN's Viterbi decoding dominated the set's cost (states x transition band x frames). A 20 ms pitch hop and
        // 20-cent pitch bins cut it by more than half and are ample for utterance statistics. Specs without these
        // keys (bundles trained before they existed) keep librosa's 10 cents and a pitch hop equal to the STFT hop.
        PyinParams pyin = PyinParams.of(F0_MIN, F0_MAX)
                .withFrames(PYIN_FRAME_LENGTH, params.getInt("pyin_hop_length", hop))
                .withResolution(params.getDouble("pyin_resolution", 0.1));
        String mfccNorm = params.getString("mfcc_norm", "none");
        Functionals mfccStats = mfccStatistics(spec.version(), mfccNorm);
        // version 1 specs have no wavelet parameters, and any given to them is refused as unread
        Wavelet wavelet = spec.version() >= 2
                ? Wavelet.of(params.getString("dwt_wavelet", WaveletStatistics.DEFAULT_WAVELET)) : null;
        int dwtLevel = spec.version() >= 2 ? params.getInt("dwt_level", WaveletStatistics.DEFAULT_LEVEL) : 0;
        if (wavelet != null && dwtLevel < 1) {
            throw new IllegalArgumentException("dwt_level must be at least 1, got " + dwtLevel);
        }
        int nChroma = ChromaParams.DEFAULT.nChroma();
        int nContrast = ContrastParams.DEFAULT.nBands() + 1;

        List<String> names = new ArrayList<>();
        names.addAll(mfccStats.names("mfcc", mfcc.nMfcc()));
        names.addAll(DELTA_STATS.names("mfcc_delta", mfcc.nMfcc()));
        names.addAll(DELTA_STATS.names("mfcc_delta2", mfcc.nMfcc()));
        names.addAll(MEAN_STD.names("chroma_stft", nChroma));
        names.addAll(MEAN_STD.names("spectral_contrast", nContrast));
        names.addAll(MEAN_STD.names("tonnetz", 6));
        for (String contour : List.of("zcr", "rms", "spectral_centroid", "spectral_bandwidth", "spectral_rolloff",
                "spectral_flatness", "f0_semitones", "voiced_prob")) {
            names.addAll(CONTOUR.names(contour, 1));
        }
        names.add("f0_voiced_fraction");
        if (wavelet != null) {
            names.addAll(WaveletStatistics.names(dwtLevel));
        }

        return new ResamplingExtractor(spec, names) {
            @Override
            protected double[] compute(Signal signal) {
                int sr = signal.sampleRate();
                double[] y = signal.toDoubles();
                Spectrogram spectrogram = Spectrogram.of(y, sr, stft);
                double[][] mag = spectrogram.magnitude();
                double[] out = new double[names().size()];

                double[][] mfccs = Mfcc.fromDb(Decibels.powerToDb(Mel.melspectrogram(spectrogram, mfcc.mel())), mfcc);
                int i = mfccStats.apply(mfccNorm.equals("none") ? mfccs
                        : normalisedRows(mfccs, mfccNorm.equals("meanvar")), out, 0);
                if (spectrogram.nFrames() >= DELTA_WIDTH) {
                    i = DELTA_STATS.apply(Delta.delta(mfccs, DELTA_WIDTH, 1), out, i);
                    i = DELTA_STATS.apply(Delta.delta(mfccs, DELTA_WIDTH, 2), out, i);
                } else {
                    i += 2 * mfcc.nMfcc() * DELTA_STATS.size(); // too short for deltas: left 0
                }
                double[][] chroma = Chroma.chromaStft(spectrogram, ChromaParams.DEFAULT);
                i = MEAN_STD.apply(chroma, out, i);
                i = MEAN_STD.apply(SpectralContrast.contrast(mag, sr, nFft, ContrastParams.DEFAULT), out, i);
                i = MEAN_STD.apply(Tonnetz.tonnetz(chroma), out, i);

                i = CONTOUR.apply(ZeroCrossingRate.zeroCrossingRate(signal.samples(), win, hop)[0], out, i);
                i = CONTOUR.apply(Frames.rms(y, win, hop, true, "constant", false), out, i);
                double[][] centroid = SpectralShape.centroid(mag, sr, nFft);
                i = CONTOUR.apply(centroid[0], out, i);
                i = CONTOUR.apply(SpectralShape.bandwidth(mag, sr, nFft, centroid)[0], out, i);
                i = CONTOUR.apply(SpectralShape.rolloff(mag, sr, nFft, 0.85)[0], out, i);
                i = CONTOUR.apply(SpectralShape.flatness(mag, Decibels.AMIN, 2.0)[0], out, i);

                PitchTrack track = Pyin.pyin(y, sr, pyin);
                i = CONTOUR.apply(track.f0Semitones(), out, i);
                i = CONTOUR.apply(track.voicedProb(), out, i);
                out[i++] = track.nFrames() == 0 ? 0 : (double) track.voicedCount() / track.nFrames();
                if (wavelet != null && Dwt.maxLevel(y.length, wavelet) >= 1) { // else too short: left 0
                    double[] dwt = WaveletStatistics.values(y, wavelet, dwtLevel);
                    System.arraycopy(dwt, 0, out, i, dwt.length);
                }
                for (int k = 0; k < out.length; k++) {
                    if (Double.isNaN(out[k])) {
                        out[k] = 0; // undefined statistic (see the class documentation)
                    }
                }
                return out;
            }
        };
    }
}
