package org.ser4j.dsp;

import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.utils.CommonUtils;

/**
 * Shared, thread-safe JTransforms plans, one per size. JTransforms' own thread pool is switched off:
 * ser4j parallelises over files, not inside one FFT.
 */
public final class Fft {
    private static final ConcurrentHashMap<Integer, DoubleFFT_1D> PLANS = new ConcurrentHashMap<>();

    static {
        CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Integer.MAX_VALUE);
        CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Integer.MAX_VALUE);
    }

    private Fft() {
    }

    /** The plan for real or complex transforms of length n. */
    public static DoubleFFT_1D plan(int n) {
        return PLANS.computeIfAbsent(n, DoubleFFT_1D::new);
    }

    /**
     * In-place real forward FFT of {@code buf} (length n), JTransforms' packed layout:
     * buf[2k] = Re X[k], buf[2k+1] = Im X[k] for 0 &lt; k &lt; n/2; buf[0] = X[0], buf[1] = X[n/2] (n even).
     */
    public static void realForward(double[] buf) {
        plan(buf.length).realForward(buf);
    }

    /** |X[k]|^2 for k = 0..n/2 from a packed real-FFT buffer. */
    public static void powerFromPacked(double[] packed, double[] out) {
        int n = packed.length;
        out[0] = packed[0] * packed[0];
        out[n / 2] = packed[1] * packed[1];
        for (int k = 1; k < n / 2; k++) {
            double re = packed[2 * k];
            double im = packed[2 * k + 1];
            out[k] = re * re + im * im;
        }
    }
}
