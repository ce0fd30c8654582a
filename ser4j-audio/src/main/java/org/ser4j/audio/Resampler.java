package org.ser4j.audio;

import java.util.Arrays;

/**
 * Streaming form of {@link Resample}: feed input blocks, get the output samples that are complete so far, and
 * the rest at {@link #finish()}. The concatenated output equals {@link Resample#resample(double[], int, int,
 * String)} of the concatenated input exactly (the same kernel evaluates every output sample from the same
 * input values), including librosa's output length.
 *
 * <p>Memory stays bounded: only the filter's reach of input history (about 64 input samples per side for
 * kaiser_best, scaled by the rate ratio) is kept between blocks. Not thread-safe (it is stateful); use one per
 * stream.
 */
public final class Resampler {
    private final ResampleKernel kernel;
    private final boolean identity;
    /** Input history: buf[0 .. bufLen) holds absolute input samples [bufStart, bufStart + bufLen). */
    private double[] buf = new double[0];
    private int bufLen;
    private long bufStart;
    private long totalIn;
    private long nextOut;
    private boolean finished;

    /**
     * @param srIn    input rate (&gt; 0)
     * @param srOut   output rate (&gt; 0)
     * @param resType "kaiser_best" (default when null) or "kaiser_fast"
     */
    public Resampler(int srIn, int srOut, String resType) {
        Resample.checkRates(srIn, srOut);
        this.identity = srIn == srOut;
        this.kernel = identity ? null : ResampleKernel.of(srIn, srOut, SincFilter.forResType(resType));
    }

    /** Feeds {@code len} samples of {@code x} from {@code off}; returns the output samples now complete (maybe none). */
    public double[] process(double[] x, int off, int len) {
        if (finished) {
            throw new IllegalStateException("resampler already finished");
        }
        if (identity) {
            totalIn += len;
            return Arrays.copyOfRange(x, off, off + len);
        }
        append(x, off, len);
        totalIn += len;
        // An output is final once its right-hand taps are all present and it is inside resampy's count for any
        // total length >= totalIn, i.e. (t + 1) * srIn / srOut <= totalIn.
        long last = Math.min(totalIn - 1 - kernel.maxRight, Long.MAX_VALUE);
        int count = 0;
        long t = nextOut;
        while (kernel.inputIndex(t) <= last && (t + 1) * kernel.down <= totalIn * kernel.up) {
            t++;
            count++;
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = kernel.sample(nextOut + i, buf, bufStart, Long.MAX_VALUE);
        }
        nextOut = t;
        discardHistory();
        return out;
    }

    /** Feeds a whole block. */
    public double[] process(double[] x) {
        return process(x, 0, x.length);
    }

    /** Feeds float samples (widened to double). */
    public double[] process(float[] x, int off, int len) {
        double[] d = new double[len];
        for (int i = 0; i < len; i++) {
            d[i] = x[off + i];
        }
        return process(d, 0, len);
    }

    /** Ends the input: returns the remaining output samples, up to librosa's total length. */
    public double[] finish() {
        if (finished) {
            return new double[0];
        }
        finished = true;
        if (identity) {
            return new double[0];
        }
        long total = kernel.outputLength(totalIn);
        long computed = kernel.computedLength(totalIn);
        double[] out = new double[(int) (total - nextOut)];
        for (long t = nextOut; t < computed; t++) {
            out[(int) (t - nextOut)] = kernel.sample(t, buf, bufStart, totalIn);
        }
        nextOut = total;
        return out;
    }

    /** Input samples consumed so far. */
    public long inputCount() {
        return totalIn;
    }

    private void append(double[] x, int off, int len) {
        if (bufLen + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(bufLen + len, 2 * buf.length));
        }
        System.arraycopy(x, off, buf, bufLen, len);
        bufLen += len;
    }

    /** Drops input the next output no longer reaches (its leftmost tap is x[n - maxLeft + 1]). */
    private void discardHistory() {
        long keepFrom = Math.max(bufStart, kernel.inputIndex(nextOut) - kernel.maxLeft);
        int drop = (int) Math.min(bufLen, keepFrom - bufStart);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
    }
}
