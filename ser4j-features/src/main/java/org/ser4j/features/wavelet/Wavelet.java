package org.ser4j.features.wavelet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An orthogonal wavelet's decomposition filter pair, for the Daubechies family {@code db1} ({@code = Haar}) to
 * {@code db20}, exactly as PyWavelets defines them ({@code pywt.Wavelet("dbN").dec_lo} / {@code .dec_hi}).
 *
 * <p>The low-pass coefficients are PyWavelets' own doubles, stored in the resource {@code daubechies.txt} next to
 * this class (written by {@code scripts/reference/dwt_reference.py} from PyWavelets 1.8.0). The high-pass filter is
 * their quadrature mirror, {@code dec_hi[k] = (-1)^(k+1) dec_lo[L-1-k]}: only signs change, so it equals
 * PyWavelets' {@code dec_hi} bit for bit. Instances are immutable; {@link #decLo()} and {@link #decHi()} return
 * copies.
 */
public final class Wavelet {
    private static final Map<String, double[]> DAUBECHIES = readDaubechies();

    private final String name;
    private final double[] decLo;
    private final double[] decHi;

    private Wavelet(String name, double[] decLo) {
        this.name = name;
        this.decLo = decLo;
        int len = decLo.length;
        this.decHi = new double[len];
        for (int k = 0; k < len; k++) {
            decHi[k] = (k % 2 == 0 ? -1 : 1) * decLo[len - 1 - k];
        }
    }

    /**
     * The wavelet named {@code name}: {@code db1} ... {@code db20} (PyWavelets' names; {@code haar} is accepted as
     * {@code db1}).
     *
     * @throws IllegalArgumentException for any other name, listing the allowed ones
     */
    public static Wavelet of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("haar")) {
            key = "db1";
        }
        double[] lo = DAUBECHIES.get(key);
        if (lo == null) {
            throw new IllegalArgumentException("unknown wavelet '" + name + "' (allowed: " + String.join(", ",
                    names()) + ", haar = db1)");
        }
        return new Wavelet(key, lo.clone());
    }

    /** The names {@link #of} accepts besides {@code haar}: db1 ... db20. */
    public static List<String> names() {
        return List.copyOf(DAUBECHIES.keySet());
    }

    /** PyWavelets' name, e.g. {@code db4}. */
    public String name() {
        return name;
    }

    /** Filter length {@code L} (PyWavelets' {@code dec_len}): {@code 2N} for {@code dbN}. */
    public int length() {
        return decLo.length;
    }

    /** Decomposition low-pass filter, PyWavelets' {@code dec_lo}. */
    public double[] decLo() {
        return decLo.clone();
    }

    /** Decomposition high-pass filter, PyWavelets' {@code dec_hi}. */
    public double[] decHi() {
        return decHi.clone();
    }

    double[] lo() {
        return decLo;
    }

    double[] hi() {
        return decHi;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Map<String, double[]> readDaubechies() {
        Map<String, double[]> m = new LinkedHashMap<>();
        try (InputStream in = Wavelet.class.getResourceAsStream("daubechies.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource daubechies.txt missing next to " + Wavelet.class);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                m.put(parts[0], Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
