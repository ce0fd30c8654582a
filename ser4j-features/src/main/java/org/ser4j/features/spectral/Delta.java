package org.ser4j.features.spectral;

/**
 * Delta features, {@code librosa.feature.delta(data, width=9, order=1, axis=-1, mode='interp')}: a Savitzky-Golay
 * derivative along time ({@code scipy.signal.savgol_filter(data, width, polyorder=order, deriv=order,
 * mode='interp')}). Interior frames use the least-squares polynomial fitted to the {@code width} frames centred on
 * them; the first and last {@code width // 2} frames use the polynomial fitted to the first / last {@code width}
 * frames, evaluated at their positions (scipy's 'interp' edge mode). Like librosa, it refuses fewer than
 * {@code width} frames.
 */
public final class Delta {
    private Delta() {
    }

    /** First-order delta with librosa's default width 9. */
    public static double[][] delta(double[][] data) {
        return delta(data, 9, 1);
    }

    /**
     * The order-th derivative estimate of each row of a (features x frames) array.
     *
     * @param width odd window length &ge; 3 (width)
     * @param order derivative order &ge; 1; also the fitted polynomial's degree (order)
     */
    public static double[][] delta(double[][] data, int width, int order) {
        if (width < 3 || width % 2 != 1) {
            throw new IllegalArgumentException("delta width must be an odd integer >= 3, got " + width);
        }
        if (order < 1) {
            throw new IllegalArgumentException("delta order must be a positive integer, got " + order);
        }
        if (order >= width) {
            throw new IllegalArgumentException("delta order=" + order + " must be less than width=" + width);
        }
        int nFrames = data.length == 0 ? 0 : data[0].length;
        if (width > nFrames) {
            throw new IllegalArgumentException("delta with mode='interp': width=" + width
                    + " cannot exceed the number of frames (" + nFrames + ")");
        }
        int half = width / 2;
        // weights[i][j]: contribution of window sample j to the derivative at window position i
        double[][] weights = new double[width][];
        for (int i = 0; i < width; i++) {
            weights[i] = savgolWeights(width, order, order, i);
        }
        double[][] out = new double[data.length][nFrames];
        for (int r = 0; r < data.length; r++) {
            double[] x = data[r];
            double[] y = out[r];
            double[] centre = weights[half];
            for (int t = half; t < nFrames - half; t++) {
                double acc = 0;
                for (int j = 0; j < width; j++) {
                    acc += centre[j] * x[t - half + j];
                }
                y[t] = acc;
            }
            int tail = nFrames - width;
            for (int i = 0; i < half; i++) {
                double head = 0;
                double end = 0;
                double[] wHead = weights[i];
                double[] wEnd = weights[width - half + i];
                for (int j = 0; j < width; j++) {
                    head += wHead[j] * x[j];
                    end += wEnd[j] * x[tail + j];
                }
                y[i] = head;
                y[nFrames - half + i] = end;
            }
        }
        return out;
    }

    /**
     * Linear weights over {@code width} equally spaced samples that give the {@code deriv}-th derivative, at sample
     * position {@code pos}, of the degree-{@code polyorder} least-squares polynomial through them (unit spacing).
     * Solves the normal equations on positions centred on the window for conditioning.
     */
    static double[] savgolWeights(int width, int polyorder, int deriv, int pos) {
        int m = polyorder + 1;
        double c = (width - 1) / 2.0;
        // Vandermonde V (width x m) of centred positions; weights = g^T (V^T V)^-1 V^T
        double[][] v = new double[width][m];
        for (int j = 0; j < width; j++) {
            double p = 1;
            for (int a = 0; a < m; a++) {
                v[j][a] = p;
                p *= j - c;
            }
        }
        double[][] gram = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double s = 0;
                for (int j = 0; j < width; j++) {
                    s += v[j][a] * v[j][b];
                }
                gram[a][b] = s;
            }
        }
        // g[a] = d^deriv/dx^deriv of (x - c)^a at x = pos
        double[] g = new double[m];
        for (int a = deriv; a < m; a++) {
            double coef = 1;
            for (int q = 0; q < deriv; q++) {
                coef *= a - q;
            }
            g[a] = coef * Math.pow(pos - c, a - deriv);
        }
        double[] h = solve(gram, g);
        double[] w = new double[width];
        for (int j = 0; j < width; j++) {
            double s = 0;
            for (int a = 0; a < m; a++) {
                s += v[j][a] * h[a];
            }
            w[j] = s;
        }
        return w;
    }

    /** Solves the small symmetric positive definite system A x = b by Gaussian elimination with pivoting. */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
