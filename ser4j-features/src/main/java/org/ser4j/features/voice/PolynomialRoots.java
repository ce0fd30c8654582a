package org.ser4j.features.voice;

/**
 * All complex roots of a real polynomial by the Aberth–Ehrlich simultaneous iteration (Aberth, "Iteration methods
 * for finding all zeros of a polynomial simultaneously", Math. Comp. 27, 1973): each estimate z_k moves by
 * w = N/(1 − N·S), with N = p(z_k)/p'(z_k) (Newton's step) and S = &Sigma;_{j&ne;k} 1/(z_k − z_j), which repels
 * the estimates from each other. Convergence is cubic for simple roots. Used for LPC polynomials, whose roots lie
 * inside the unit circle, so the start points sit on a circle of radius 0.9. No allocation: the caller passes
 * the output arrays (which keep their contents as scratch only).
 */
public final class PolynomialRoots {
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_WARM_ITERATIONS = 15;
    private static final double TOLERANCE = 1e-12;

    private PolynomialRoots() {
    }

    /**
     * The n roots of c[0]·z^n + c[1]·z^(n−1) + ... + c[n] (c[0] &ne; 0).
     *
     * @param c  coefficients, highest power first; n = c.length − 1
     * @param re receives the real parts (length &ge; n)
     * @param im receives the imaginary parts (length &ge; n)
     * @return true if the iteration converged
     */
    public static boolean roots(double[] c, double[] re, double[] im) {
        return roots(c, re, im, false);
    }

    /**
     * As {@link #roots(double[], double[], double[])}, optionally starting from the values already in re/im (e.g.
     * the roots of the previous frame's LPC polynomial, which are close: a warm start needs far fewer
     * iterations). A warm start that does not converge is retried from the standard start points.
     */
    public static boolean roots(double[] c, double[] re, double[] im, boolean warmStart) {
        int n = c.length - 1;
        if (warmStart) {
            for (int k = 0; k < n; k++) {
                // Nudged off the real axis: real start points of a real polynomial would stay real forever.
                im[k] += 1e-3 * (k + 1);
            }
            if (iterate(c, re, im, n, MAX_WARM_ITERATIONS)) {
                return true;
            }
        }
        for (int k = 0; k < n; k++) {
            // An angle offset keeps the start points off the real axis and off each other's conjugates.
            double angle = 2 * Math.PI * k / n + 0.4;
            re[k] = 0.9 * Math.cos(angle);
            im[k] = 0.9 * Math.sin(angle);
        }
        return iterate(c, re, im, n, MAX_ITERATIONS);
    }

    private static boolean iterate(double[] c, double[] re, double[] im, int n, int maxIterations) {
        for (int iter = 0; iter < maxIterations; iter++) {
            double maxStep = 0;
            for (int k = 0; k < n; k++) {
                double zr = re[k];
                double zi = im[k];
                // Horner for p(z) and p'(z).
                double pr = c[0];
                double pi = 0;
                double dr = 0;
                double di = 0;
                for (int j = 1; j <= n; j++) {
                    double ndr = dr * zr - di * zi + pr;
                    double ndi = dr * zi + di * zr + pi;
                    dr = ndr;
                    di = ndi;
                    double npr = pr * zr - pi * zi + c[j];
                    double npi = pr * zi + pi * zr;
                    pr = npr;
                    pi = npi;
                }
                // Newton ratio N = p / p'.
                double den = dr * dr + di * di;
                if (den == 0) {
                    continue;
                }
                double nr = (pr * dr + pi * di) / den;
                double ni = (pi * dr - pr * di) / den;
                // S = sum 1/(z_k - z_j).
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    if (j != k) {
                        double ar = zr - re[j];
                        double ai = zi - im[j];
                        double m = ar * ar + ai * ai;
                        if (m > 0) {
                            sr += ar / m;
                            si -= ai / m;
                        }
                    }
                }
                // w = N / (1 - N S)
                double qr = 1 - (nr * sr - ni * si);
                double qi = -(nr * si + ni * sr);
                double qm = qr * qr + qi * qi;
                double wr = (nr * qr + ni * qi) / qm;
                double wi = (ni * qr - nr * qi) / qm;
                re[k] = zr - wr;
                im[k] = zi - wi;
                maxStep = Math.max(maxStep, Math.sqrt((wr * wr + wi * wi) / (1 + zr * zr + zi * zi)));
            }
            if (maxStep < TOLERANCE) {
                return true;
            }
        }
        return false;
    }
}
