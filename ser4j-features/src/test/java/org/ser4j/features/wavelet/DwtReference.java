package org.ser4j.features.wavelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * PyWavelets' values in the test resource {@code reference/dwt/dwt_reference.json}, written by
 * {@code scripts/reference/dwt_reference.py} (its header names the PyWavelets version). Also the error measures the
 * wavelet tests report.
 */
final class DwtReference {
    static final JsonNode JSON = read();

    private DwtReference() {
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }

    /** max |actual - expected|; lengths must agree (a mismatch is infinite). */
    static double maxAbs(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double err = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            err = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(err, d);
        }
        return err;
    }

    static double peak(double[] a) {
        double p = 0;
        for (double v : a) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private static JsonNode read() {
        try (InputStream in = DwtReference.class.getResourceAsStream("/reference/dwt/dwt_reference.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource reference/dwt/dwt_reference.json missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
