package org.ser4j.models.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.ser4j.features.spectral.Decibels;

/**
 * A frame feature as an image, the input image-based CNNs take: one pixel per value, features upwards (row 0 at the
 * bottom), frames to the right, no axes. Values are scaled from the matrix's minimum (dark) to its maximum (light)
 * through matplotlib's "magma" colours, as the web page draws its spectrogram. A spectrum is first put in decibels
 * as librosa's {@code specshow} examples do ({@code power_to_db(S, ref=np.max)}, 80 dB of range). Used by
 * {@code features --format png} and for the reports' example spectrograms.
 */
public final class FeatureImage {
    /** Stops of "magma", from dark to light (the same as the web page's). */
    private static final int[][] MAGMA = {{0, 0, 4}, {59, 15, 112}, {140, 41, 129}, {222, 73, 104},
            {254, 159, 109}, {252, 253, 191}};

    private FeatureImage() {
    }

    /**
     * {@code m} (features x frames, at least one of each) as PNG bytes.
     *
     * @param exponent for a spectrum, the power its magnitudes are raised to (1 for |STFT|, 2 for a power mel
     *                 spectrogram): it is shown in dB; 0 for any other feature, shown as it is
     */
    public static byte[] png(double[][] m, double exponent) {
        if (m.length == 0 || m[0].length == 0) {
            throw new IllegalArgumentException("an image needs at least one feature and one frame");
        }
        double[][] v = m;
        if (exponent > 0) {
            double[][] power = new double[m.length][];
            for (int r = 0; r < m.length; r++) {
                power[r] = new double[m[r].length];
                for (int c = 0; c < m[r].length; c++) {
                    power[r][c] = Math.pow(m[r][c], 2 / exponent);
                }
            }
            v = Decibels.powerToDb(power, Decibels.max(power), Decibels.AMIN, Decibels.TOP_DB);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        int rows = v.length;
        int cols = v[0].length;
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double t = hi > lo && Double.isFinite(v[r][c]) ? (v[r][c] - lo) / (hi - lo) : 0;
                image.setRGB(c, rows - 1 - r, magma(t));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    /** The colour at {@code t} in [0, 1], as packed RGB. */
    public static int magma(double t) {
        double x = Math.max(0, Math.min(1, t)) * (MAGMA.length - 1);
        int i = Math.min(MAGMA.length - 2, (int) Math.floor(x));
        double f = x - i;
        int rgb = 0;
        for (int k = 0; k < 3; k++) {
            rgb = rgb << 8 | (int) Math.round(MAGMA[i][k] + (MAGMA[i + 1][k] - MAGMA[i][k]) * f);
        }
        return rgb;
    }
}
