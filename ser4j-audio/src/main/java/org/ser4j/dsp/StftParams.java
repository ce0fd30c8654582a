package org.ser4j.dsp;

/**
 * Short-time Fourier transform parameters, with librosa's names and defaults
 * ({@code librosa.stft(n_fft=2048, hop_length=n_fft//4, win_length=n_fft, window='hann', center=True,
 * pad_mode='constant')}).
 *
 * @param nFft      FFT size (n_fft)
 * @param hopLength samples between frames (hop_length)
 * @param winLength window length, zero-padded to nFft in the centre (win_length)
 * @param window    scipy window name (window)
 * @param center    pad nFft/2 on both sides so frame t is centred on sample t*hop (center)
 * @param padMode   "constant" (zeros, librosa &ge; 0.10), "reflect" or "edge" (pad_mode)
 */
public record StftParams(int nFft, int hopLength, int winLength, String window, boolean center, String padMode) {

    /** librosa's defaults: n_fft=2048, hop 512, win 2048, hann, centred, zero padding. */
    public static final StftParams LIBROSA_DEFAULT = of(2048);

    /** A common speech setting at 16 kHz: 32 ms FFT, 25 ms window, 10 ms hop. */
    public static final StftParams SPEECH_16K = new StftParams(512, 160, 400, "hann", true, "constant");

    public StftParams {
        if (nFft <= 0 || hopLength <= 0 || winLength <= 0 || winLength > nFft) {
            throw new IllegalArgumentException("bad STFT parameters: n_fft=" + nFft + " hop_length=" + hopLength
                    + " win_length=" + winLength);
        }
    }

    /** librosa defaults for a given n_fft: hop n_fft/4, win n_fft. */
    public static StftParams of(int nFft) {
        return new StftParams(nFft, nFft / 4, nFft, "hann", true, "constant");
    }

    public StftParams withHop(int hop) {
        return new StftParams(nFft, hop, winLength, window, center, padMode);
    }

    /** Number of frequency bins, 1 + n_fft/2. */
    public int nBins() {
        return nFft / 2 + 1;
    }

    /** Frame count for a signal of n samples, as librosa computes it. */
    public int nFrames(int n) {
        int len = center ? n + 2 * (nFft / 2) : n;
        if (len < nFft) {
            return 0;
        }
        return 1 + (len - nFft) / hopLength;
    }
}
