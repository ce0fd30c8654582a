package org.ser4j.features.spectral;

/** {@code librosa.feature.melspectrogram}: a mel filter bank applied to a power (or magnitude) spectrogram. */
public final class Mel {
    private Mel() {
    }

    /** The mel spectrogram of |STFT|^2 (librosa's power=2.0 default): (n_mels x frames). */
    public static double[][] melspectrogram(Spectrogram spec, MelParams p) {
        return melspectrogram(spec, p, 2.0);
    }

    /** The mel spectrogram of |STFT|^power. */
    public static double[][] melspectrogram(Spectrogram spec, MelParams p, double power) {
        return MelFilterBank.of(spec.sampleRate(), spec.nFft(), p).apply(spec.withPower(power));
    }
}
