package org.ser4j.data.sequence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ser4j.audio.Conditioning;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.Params;
import org.ser4j.features.spectral.MelParams;
import org.ser4j.features.spectral.MfccParams;

/**
 * A fixed-size time-frequency input for sequence models: log-mel spectrograms or MFCCs with first and second
 * deltas, {@code frames} frames long (cropped or zero-padded, with a mask marking real frames). Serialises to a
 * {@link FeatureSpec} (set {@code sequence-logmel} or {@code sequence-mfcc-delta}) so a model bundle records it.
 *
 * @param kind       {@link Kind#LOG_MEL} or {@link Kind#MFCC_DELTA}
 * @param sampleRate audio is resampled to this rate first
 * @param nFft       FFT size
 * @param winLength  analysis window length
 * @param hopLength  samples between frames
 * @param nMels      mel bands
 * @param nMfcc      cepstral coefficients (MFCC_DELTA only)
 * @param frames     fixed number of frames
 * @param conditioning how audio is conditioned after resampling, as for utterance-level sets (the one audio path,
 *                   {@link Conditioning}); bundles written before it existed read as {@link Conditioning#NONE}
 */
public record SequenceSpec(Kind kind, int sampleRate, int nFft, int winLength, int hopLength, int nMels, int nMfcc,
                           int frames, Conditioning conditioning) {
    /** The kinds of sequence input. */
    public enum Kind {
        LOG_MEL("logmel"), MFCC_DELTA("mfcc-delta");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equalsIgnoreCase(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown sequence input '" + id + "' (logmel, mfcc-delta)");
        }
    }

    static final String SET_PREFIX = "sequence-";
    static final int VERSION = 1;

    /** 64 log-mel bands of 25 ms windows every 10 ms at 16 kHz, 3 s (300 frames): a common SER front end. */
    public static final SequenceSpec LOG_MEL_DEFAULT = new SequenceSpec(Kind.LOG_MEL, 16000, 512, 400, 160, 64, 0,
            300, Conditioning.SPEECH);
    /** 40 MFCCs (from 64 mel bands) with deltas and delta-deltas (120 channels), same framing. */
    public static final SequenceSpec MFCC_DELTA_DEFAULT = new SequenceSpec(Kind.MFCC_DELTA, 16000, 512, 400, 160, 64,
            40, 300, Conditioning.SPEECH);

    public SequenceSpec {
        if (sampleRate <= 0 || nMels <= 0 || frames <= 0 || (kind == Kind.MFCC_DELTA && (nMfcc <= 0
                || nMfcc > nMels))) {
            throw new IllegalArgumentException("bad sequence spec: rate " + sampleRate + ", n_mels " + nMels
                    + ", n_mfcc " + nMfcc + ", frames " + frames);
        }
        new StftParams(nFft, hopLength, winLength, "hann", true, "constant"); // validates the framing
        conditioning = conditioning == null ? Conditioning.NONE : conditioning;
    }

    /** Channels per frame: n_mels, or 3 x n_mfcc. */
    public int channels() {
        return kind == Kind.LOG_MEL ? nMels : 3 * nMfcc;
    }

    /** The same spec with another fixed length. */
    public SequenceSpec withFrames(int n) {
        return new SequenceSpec(kind, sampleRate, nFft, winLength, hopLength, nMels, nMfcc, n, conditioning);
    }

    public StftParams stft() {
        return new StftParams(nFft, hopLength, winLength, "hann", true, "constant");
    }

    public MelParams mel() {
        return MelParams.DEFAULT.withNMels(nMels);
    }

    public MfccParams mfcc() {
        return new MfccParams(nMfcc, true, 0, mel());
    }

    /** Seconds of audio the fixed length covers. */
    public double seconds() {
        return frames * hopLength / (double) sampleRate;
    }

    public FeatureSpec toFeatureSpec() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("n_fft", Integer.toString(nFft));
        p.put("win_length", Integer.toString(winLength));
        p.put("hop_length", Integer.toString(hopLength));
        p.put("n_mels", Integer.toString(nMels));
        if (kind == Kind.MFCC_DELTA) {
            p.put("n_mfcc", Integer.toString(nMfcc));
        }
        p.put("frames", Integer.toString(frames));
        return new FeatureSpec(SET_PREFIX + kind.id(), VERSION, sampleRate, p, conditioning);
    }

    /** Whether {@code spec} describes a sequence input (rather than an utterance-level feature set). */
    public static boolean isSequence(FeatureSpec spec) {
        return spec.set().startsWith(SET_PREFIX);
    }

    public static SequenceSpec fromFeatureSpec(FeatureSpec spec) {
        if (!isSequence(spec)) {
            throw new IllegalArgumentException("'" + spec.set() + "' is not a sequence input");
        }
        if (spec.version() > VERSION) {
            throw new IllegalArgumentException(spec.set() + " v" + spec.version() + " is newer than this build ("
                    + VERSION + ")");
        }
        Params p = spec.paramsReader();
        return new SequenceSpec(Kind.of(spec.set().substring(SET_PREFIX.length())), spec.sampleRate(),
                p.getInt("n_fft", 512), p.getInt("win_length", 400), p.getInt("hop_length", 160),
                p.getInt("n_mels", 64), p.getInt("n_mfcc", 0), p.getInt("frames", 300), spec.conditioning());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %d ch x %d frames (%.2f s) @%d Hz", kind.id(), channels(), frames,
                seconds(), sampleRate) + (conditioning.resamplesOnly() ? "" : "; audio: " + conditioning.describe());
    }
}
