package org.ser4j.features.spectral;

/**
 * {@code librosa.feature.chroma_stft}: the chroma filter bank applied to the power spectrogram, each frame
 * normalised (by its maximum with the default norm=inf). With tuning=None the tuning is first estimated from the
 * same power spectrogram ({@link Tuning#estimateTuning}).
 */
public final class Chroma {
    private Chroma() {
    }

    /** chroma_stft of a spectrogram: (n_chroma x frames). */
    public static double[][] chromaStft(Spectrogram spec, ChromaParams p) {
        double tuning = p.tuning() != null ? p.tuning() : estimateTuning(spec, p);
        return chromaStft(spec.power(), spec.sampleRate(), spec.nFft(), tuning, p);
    }

    /** The tuning chroma_stft uses when none is given: estimate_tuning of the power spectrogram. */
    public static double estimateTuning(Spectrogram spec, ChromaParams p) {
        return Tuning.estimateTuning(spec.power(), spec.sampleRate(), spec.nFft(), 0.01, p.nChroma());
    }

    /** chroma_stft of a (bins x frames) power spectrogram with a known tuning. */
    public static double[][] chromaStft(double[][] power, double sr, int nFft, double tuning, ChromaParams p) {
        double[][] chroma = ChromaFilterBank.of(sr, nFft, tuning, p).apply(power);
        if (!Double.isNaN(p.norm())) {
            Normalize.columns(chroma, p.norm());
        }
        return chroma;
    }
}
