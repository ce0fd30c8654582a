package org.ser4j.features.spectral;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.StftParams;

/**
 * One reference clip under one of the reference's two parameter sets: "default" (n_fft 2048, hop 512, window 2048,
 * 128 mels; quantity names without suffix) and "speech" (n_fft 512, hop 160, window 400, 64 mels; suffix
 * {@code _speech}; 16 kHz clips only, not all of them).
 */
record ParityCase(String clip, String suffix, StftParams stft, int nMels, int frameLength, int hopLength) {
    static final StftParams DEFAULT_STFT = new StftParams(2048, 512, 2048, "hann", true, "constant");
    static final StftParams SPEECH_STFT = new StftParams(512, 160, 400, "hann", true, "constant");

    /** Every (clip, parameter set) pair the reference holds values for. */
    static List<ParityCase> all() {
        List<ParityCase> out = new ArrayList<>();
        for (String clip : LibrosaReference.clips()) {
            out.add(new ParityCase(clip, "", DEFAULT_STFT, 128, 2048, 512));
            if (LibrosaReference.features(clip, "mel_n64_speech").isPresent()) {
                out.add(new ParityCase(clip, "_speech", SPEECH_STFT, 64, 400, 160));
            }
        }
        return out;
    }

    Signal signal() {
        return LibrosaReference.load(clip);
    }

    int sampleRate() {
        return LibrosaReference.sampleRate(clip);
    }

    /** The reference quantity of this case (name without suffix), if stored. */
    java.util.Optional<double[][]> reference(String quantity) {
        return LibrosaReference.features(clip, quantity + suffix);
    }

    @Override
    public String toString() {
        return clip + (suffix.isEmpty() ? " (default)" : " (speech)");
    }
}
