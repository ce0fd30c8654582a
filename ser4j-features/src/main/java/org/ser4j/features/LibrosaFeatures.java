package org.ser4j.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Frames;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.cqt.ChromaCqt;
import org.ser4j.features.cqt.ChromaCqtParams;
import org.ser4j.features.cqt.Cqt;
import org.ser4j.features.cqt.CqtParams;
import org.ser4j.features.lpc.Lpc;
import org.ser4j.features.pitch.Pyin;
import org.ser4j.features.pitch.PyinParams;
import org.ser4j.features.pitch.Yin;
import org.ser4j.features.pitch.YinParams;
import org.ser4j.features.spectral.Chroma;
import org.ser4j.features.spectral.ChromaParams;
import org.ser4j.features.spectral.ContrastParams;
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
import org.ser4j.features.wavelet.DwtFrames;
import org.ser4j.features.wavelet.DwtParams;

/**
 * Frame-level features by librosa function name, for the CLI: {@link #compute} returns (features x frames)
 * exactly as librosa orients it, for a signal at its own sample rate (librosa's {@code sr}) and librosa-named
 * parameters with librosa's defaults. Parameters a feature does not take are refused.
 *
 * <p>Every feature also has delta variants: {@code <name>_delta} and {@code <name>_delta2} apply
 * {@code librosa.feature.delta(width=9, order=1|2, mode='interp')} to its output ({@code width} may be given).
 *
 * <p>To add a feature, add one {@link FrameFeature} line to {@link #FEATURES}.
 */
public final class LibrosaFeatures {
    private static final List<FrameFeature> FEATURES = List.of(
            new FrameFeature("stft", "|STFT| magnitude, (1 + n_fft/2) x frames (np.abs(librosa.stft))",
                    (s, p) -> Stft.magnitude(s.toDoubles(), Spectrogram.stftParams(p))),
            new FrameFeature("melspectrogram", "mel spectrogram of |STFT|^power (128 Slaney bands, power 2)",
                    LibrosaFeatures::melspectrogram),
            new FrameFeature("mfcc", "MFCCs: DCT-II of power_to_db(mel spectrogram) (n_mfcc=20, n_mels=128)",
                    (s, p) -> Mfcc.mfcc(spectrogram(s, p), MfccParams.from(p))),
            new FrameFeature("chroma_stft", "12-bin chromagram of the power spectrogram, tuning estimated",
                    (s, p) -> Chroma.chromaStft(spectrogram(s, p), ChromaParams.from(p))),
            new FrameFeature("tonnetz_chroma_stft", "6 tonal centroid dimensions (tonnetz) of chroma_stft",
                    (s, p) -> Tonnetz.tonnetz(Chroma.chromaStft(spectrogram(s, p), ChromaParams.from(p)))),
            new FrameFeature("spectral_contrast", "peak-valley contrast in dB of 7 octave bands (from 200 Hz)",
                    (s, p) -> {
                        Spectrogram spec = spectrogram(s, p);
                        return SpectralContrast.contrast(spec.magnitude(), s.sampleRate(), spec.nFft(),
                                ContrastParams.from(p));
                    }),
            new FrameFeature("spectral_centroid", "magnitude-weighted mean frequency (Hz)",
                    (s, p) -> {
                        Spectrogram spec = spectrogram(s, p);
                        return SpectralShape.centroid(spec.magnitude(), s.sampleRate(), spec.nFft());
                    }),
            new FrameFeature("spectral_bandwidth", "magnitude-weighted spread around the centroid (Hz, p=2)",
                    (s, p) -> {
                        Spectrogram spec = spectrogram(s, p);
                        return SpectralShape.bandwidth(spec.magnitude(), s.sampleRate(), spec.nFft(), null,
                                p.getBool("norm", true), p.getDouble("p", 2.0));
                    }),
            new FrameFeature("spectral_rolloff", "frequency below which roll_percent (0.85) of the magnitude lies",
                    (s, p) -> {
                        Spectrogram spec = spectrogram(s, p);
                        return SpectralShape.rolloff(spec.magnitude(), s.sampleRate(), spec.nFft(),
                                p.getDouble("roll_percent", 0.85));
                    }),
            new FrameFeature("spectral_flatness", "geometric / arithmetic mean of the power spectrum (0..1)",
                    (s, p) -> SpectralShape.flatness(spectrogram(s, p).magnitude(), p.getDouble("amin", 1e-10),
                            p.getDouble("power", 2.0))),
            new FrameFeature("zero_crossing_rate", "sign changes per sample in frames of frame_length (2048)",
                    (s, p) -> ZeroCrossingRate.zeroCrossingRate(s.samples(), p.getInt("frame_length", 2048),
                            p.getInt("hop_length", 512), p.getBool("center", true), p.getDouble("threshold", 1e-10),
                            p.getBool("pad", false), p.getBool("zero_pos", true))),
            new FrameFeature("rms", "root-mean-square energy of frames of frame_length (2048), float32 like librosa",
                    LibrosaFeatures::rms),
            new FrameFeature("yin", "YIN f0 in Hz, 1 x frames (fmin=C2, fmax=C7 unless given; frame_length 2048)",
                    (s, p) -> new double[][] {Yin.yin(s.toDoubles(), s.sampleRate(), YinParams.from(p))}),
            new FrameFeature("pyin", "pYIN rows f0 (Hz, NaN unvoiced), voiced_flag (0/1), voiced_prob; fmin C2 fmax C7",
                    (s, p) -> Pyin.pyin(s.toDoubles(), s.sampleRate(), PyinParams.from(p)).asRows()),
            new FrameFeature("lpc", "Burg LPC of the whole signal, 1 x (order + 1) with a[0] = 1 (order required)",
                    (s, p) -> new double[][] {Lpc.lpc(s.toDoubles(), p.getInt("order", 0))}),
            new FrameFeature("cqt", "|CQT|, 84 bins from C1 at 12 per octave (octaves resampled with kaiser_best)",
                    (s, p) -> Cqt.magnitude(s.toDoubles(), s.sampleRate(), CqtParams.from(p))),
            new FrameFeature("chroma_cqt", "12-bin chromagram of a 7-octave, 36-bin CQT, tuning estimated",
                    (s, p) -> ChromaCqt.chromaCqt(s.toDoubles(), s.sampleRate(), ChromaCqtParams.from(p))),
            new FrameFeature("tonnetz", "6 tonal centroid dimensions of chroma_cqt (librosa's default tonnetz)",
                    (s, p) -> Tonnetz.tonnetz(ChromaCqt.chromaCqt(s.toDoubles(), s.sampleRate(),
                            ChromaCqtParams.from(p)))),
            new FrameFeature("dwt", "log energy per level of each frame's wavelet decomposition (pywt.wavedec, "
                    + "db4, level 5), (level + 1) x frames", (s, p) -> DwtFrames.logEnergies(s.toDoubles(),
                    DwtParams.from(p))),
            new FrameFeature("mfcc_delta", "first-order delta (Savitzky-Golay, width 9) of mfcc",
                    (s, p) -> delta("mfcc", s, p, 1)),
            new FrameFeature("mfcc_delta2", "second-order delta (Savitzky-Golay, width 9) of mfcc",
                    (s, p) -> delta("mfcc", s, p, 2)));

    private static final Map<String, FrameFeature> BY_NAME = index(FEATURES);

    private LibrosaFeatures() {
    }

    /** The registered names, in registry order (delta variants of any of them work too). */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The registry entries (name, description, function). */
    public static List<FrameFeature> features() {
        return FEATURES;
    }

    /** One-line description of a feature, for {@code --help}. */
    public static String description(String name) {
        return resolve(name).description();
    }

    /**
     * The feature as librosa returns it, (features x frames), for the signal at its own sample rate.
     *
     * @throws IllegalArgumentException for an unknown name, a parameter the feature does not take, or an invalid
     *                                  parameter value
     * @throws org.ser4j.audio.AudioException for an empty signal or non-finite samples
     */
    public static double[][] compute(String name, Signal signal, Params params) {
        FrameFeature f = resolve(name);
        SignalChecks.requireUsable(signal);
        double[][] out = f.function().compute(signal, params);
        params.requireAllUsed(name);
        return out;
    }

    private static FrameFeature resolve(String name) {
        FrameFeature f = BY_NAME.get(name);
        if (f != null) {
            return f;
        }
        for (int order : new int[] {2, 1}) {
            String suffix = order == 1 ? "_delta" : "_delta2";
            if (name != null && name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (BY_NAME.containsKey(base)) {
                    return new FrameFeature(name, (order == 1 ? "first" : "second") + "-order delta of " + base,
                            (s, p) -> delta(base, s, p, order));
                }
            }
        }
        throw new IllegalArgumentException("unknown feature '" + name + "' (known: " + String.join(", ", names())
                + ", and <name>_delta / <name>_delta2 of each)");
    }

    private static double[][] delta(String base, Signal s, Params p, int order) {
        String mode = p.getString("mode", "interp").replace("'", "");
        if (!mode.equals("interp")) {
            throw new IllegalArgumentException("delta mode='" + mode + "' is not supported (only 'interp')");
        }
        int width = p.getInt("width", 9);
        return Delta.delta(resolve(base).function().compute(s, p), width, order);
    }

    private static Spectrogram spectrogram(Signal s, Params p) {
        return Spectrogram.of(s, Spectrogram.stftParams(p));
    }

    private static double[][] melspectrogram(Signal s, Params p) {
        StftParams stft = Spectrogram.stftParams(p);
        double power = p.getDouble("power", 2.0);
        return Mel.melspectrogram(Spectrogram.of(s, stft), MelParams.from(p, "norm"), power);
    }

    private static double[][] rms(Signal s, Params p) {
        String dtype = p.getString("dtype", "float32").replace("np.", "");
        if (!dtype.equals("float32") && !dtype.equals("float64")) {
            throw new IllegalArgumentException("rms dtype=" + dtype + " is not float32 or float64");
        }
        return new double[][] {Frames.rms(s.toDoubles(), p.getInt("frame_length", 2048), p.getInt("hop_length", 512),
                p.getBool("center", true), p.getString("pad_mode", "constant").replace("'", ""),
                dtype.equals("float32"))};
    }

    private static Map<String, FrameFeature> index(List<FrameFeature> features) {
        Map<String, FrameFeature> m = new LinkedHashMap<>();
        for (FrameFeature f : features) {
            if (m.put(f.name(), f) != null) {
                throw new IllegalStateException("feature '" + f.name() + "' registered twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
