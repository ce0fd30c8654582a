package org.ser4j.dsp;

/**
 * Framing helpers and frame-wise statistics with librosa's conventions ({@code librosa.util.frame},
 * {@code librosa.feature.rms}). A frame {@code t} covers samples {@code [t*hop, t*hop + frame_length)} of the
 * (optionally centre-padded) signal; with {@code center=true} the signal is padded by {@code frame_length/2} on
 * both sides, so frame {@code t} is centred on sample {@code t*hop} of the original.
 *
 * <p>All methods are pure and thread-safe.
 */
public final class Frames {
    private Frames() {
    }

    /**
     * Number of frames librosa produces for {@code n} samples: {@code 1 + (len - frame_length) // hop}, where
     * {@code len = n + 2*(frame_length/2)} when centred.
     *
     * @throws IllegalArgumentException if the lengths are not positive, or if (uncentred) the signal is shorter
     *                                  than one frame, as librosa's ParameterError
     */
    public static int count(int n, int frameLength, int hopLength, boolean center) {
        checkLengths(frameLength, hopLength);
        int len = center ? n + 2 * (frameLength / 2) : n;
        if (len < frameLength) {
            throw new IllegalArgumentException("input of " + n + " samples is shorter than frame_length="
                    + frameLength);
        }
        return 1 + (len - frameLength) / hopLength;
    }

    /** The first sample of frame {@code frame}, librosa's {@code frames_to_samples(frame, hop_length)}. */
    public static long framesToSamples(long frame, int hopLength) {
        return frame * hopLength;
    }

    /**
     * Frame root-mean-square energy with librosa's defaults: {@code frame_length=2048, hop_length=512,
     * center=True, pad_mode='constant'}, squares averaged in float32.
     */
    public static double[] rms(double[] y) {
        return rms(y, 2048, 512, true, "constant", true);
    }

    /**
     * Frame RMS exactly as {@code librosa.feature.rms(y=y, frame_length, hop_length, center, pad_mode, dtype)}:
     * no window; each frame's mean of squares, then the square root.
     *
     * @param y                   the signal
     * @param frameLength         samples per frame (librosa {@code frame_length}, default 2048)
     * @param hopLength           samples between frame starts ({@code hop_length}, default 512)
     * @param center              pad {@code frame_length/2} on both sides first ({@code center}, default true)
     * @param padMode             padding for {@code center}: "constant" (zeros, librosa's default), "edge" or
     *                            "reflect" ({@code pad_mode})
     * @param float32Accumulation square and average in float32 with numpy's pairwise summation, as librosa's
     *                            default {@code dtype=np.float32} does (reference {@code rms}); false computes in
     *                            float64 ({@code dtype=np.float64}, reference {@code rms_f64})
     * @return one RMS value per frame
     */
    public static double[] rms(double[] y, int frameLength, int hopLength, boolean center, String padMode,
                               boolean float32Accumulation) {
        int nFrames = count(y.length, frameLength, hopLength, center);
        double[] x = center ? Stft.pad(y, frameLength / 2, padMode) : y;
        double[] out = new double[nFrames];
        if (float32Accumulation) {
            float[] squares = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                float v = (float) x[i];
                squares[i] = v * v;
            }
            for (int t = 0; t < nFrames; t++) {
                float mean = pairwiseSum(squares, t * hopLength, frameLength) / frameLength;
                out[t] = (float) Math.sqrt(mean);
            }
        } else {
            double[] squares = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                squares[i] = x[i] * x[i];
            }
            for (int t = 0; t < nFrames; t++) {
                out[t] = Math.sqrt(pairwiseSum(squares, t * hopLength, frameLength) / frameLength);
            }
        }
        return out;
    }

    /**
     * numpy's pairwise summation ({@code np.add.reduce} over a contiguous axis) in float32: blocks of up to 128
     * values summed with 8 interleaved accumulators, larger runs split in halves (multiples of 8). Reproducing it
     * makes float32 results bit-identical to numpy's.
     */
    public static float pairwiseSum(float[] a, int from, int n) {
        if (n < 8) {
            float res = 0f;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            float r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            float r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int j = from + i;
                r0 += a[j];
                r1 += a[j + 1];
                r2 += a[j + 2];
                r3 += a[j + 3];
                r4 += a[j + 4];
                r5 += a[j + 5];
                r6 += a[j + 6];
                r7 += a[j + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /** numpy's pairwise summation in float64 (see {@link #pairwiseSum(float[], int, int)}). */
    public static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int j = from + i;
                r0 += a[j];
                r1 += a[j + 1];
                r2 += a[j + 2];
                r3 += a[j + 3];
                r4 += a[j + 4];
                r5 += a[j + 5];
                r6 += a[j + 6];
                r7 += a[j + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    private static void checkLengths(int frameLength, int hopLength) {
        if (frameLength <= 0 || hopLength <= 0) {
            throw new IllegalArgumentException("frame_length and hop_length must be positive, got frame_length="
                    + frameLength + " hop_length=" + hopLength);
        }
    }
}
