package org.ser4j.features.spectral;

/**
 * {@code librosa.feature.zero_crossing_rate(y, frame_length=2048, hop_length=512, center=True, threshold=1e-10,
 * pad=False, zero_pos=True)}: per frame, the number of sign changes between consecutive samples divided by the frame
 * length. With center=True the signal is padded by frame_length // 2 <em>edge</em> values (not zeros) on each side.
 * Samples with |x| &le; threshold count as 0, and with zero_pos 0 counts as positive (numpy's signbit); with
 * zero_pos=False a sample's sign is -1, 0 or +1, so a step to or from 0 also counts. pad=True counts the first
 * sample of every frame as a crossing, as librosa does.
 */
public final class ZeroCrossingRate {
    private ZeroCrossingRate() {
    }

    /** ZCR with librosa's defaults for the given framing: (1 x frames). */
    public static double[][] zeroCrossingRate(float[] y, int frameLength, int hopLength) {
        return zeroCrossingRate(y, frameLength, hopLength, true, 1e-10, false, true);
    }

    /** ZCR: (1 x frames); frames = 1 + (len(padded) - frame_length) // hop_length. */
    public static double[][] zeroCrossingRate(float[] y, int frameLength, int hopLength, boolean center,
            double threshold, boolean pad, boolean zeroPos) {
        if (frameLength <= 0 || hopLength <= 0) {
            throw new IllegalArgumentException("frame_length and hop_length must be > 0, got " + frameLength
                    + " and " + hopLength);
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("zero_crossing_rate of an empty signal");
        }
        int padding = center ? frameLength / 2 : 0;
        int n = y.length + 2 * padding;
        if (n < frameLength) {
            throw new IllegalArgumentException("signal of " + y.length + " samples is shorter than frame_length="
                    + frameLength);
        }
        // sign class of every padded sample, computed once: -1 / 0 / +1, or with zero_pos 1 (negative) / 0
        byte[] sign = new byte[n];
        for (int i = 0; i < n; i++) {
            double x = y[Math.min(Math.max(i - padding, 0), y.length - 1)];
            if (Math.abs(x) <= threshold && threshold > 0) {
                x = 0.0;
            }
            sign[i] = zeroPos ? (byte) (signBit(x) ? 1 : 0) : (byte) Math.signum(x);
        }
        // change[i] = 1 when sample i differs in sign from sample i-1
        int[] cumulative = new int[n];
        for (int i = 1; i < n; i++) {
            cumulative[i] = cumulative[i - 1] + (sign[i] != sign[i - 1] ? 1 : 0);
        }
        int nFrames = 1 + (n - frameLength) / hopLength;
        double[] rate = new double[nFrames];
        for (int t = 0; t < nFrames; t++) {
            int start = t * hopLength;
            int crossings = cumulative[start + frameLength - 1] - cumulative[start] + (pad ? 1 : 0);
            rate[t] = crossings / (double) frameLength;
        }
        return new double[][] {rate};
    }

    private static boolean signBit(double x) {
        return Double.doubleToRawLongBits(x) < 0;
    }
}
