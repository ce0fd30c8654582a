package org.ser4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy .npy files (format 1.0, little-endian float64/float32/int64/bool, C order), so that
 * ser4j's feature output loads with {@code np.load} and librosa's reference values load here.
 */
public final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** An array's shape and its values flattened in C order, widened to double. */
    public record Array(int[] shape, double[] data) {
        /** Number of rows of a 2-D array (or the length of a 1-D one). */
        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }

        /** The array as rows x cols (1-D becomes one row). */
        public double[][] matrix() {
            if (shape.length == 1 || shape.length == 0) {
                return new double[][] {data.clone()};
            }
            int r = shape[0];
            int c = data.length / Math.max(1, r);
            double[][] m = new double[r][];
            for (int i = 0; i < r; i++) {
                m[i] = Arrays.copyOfRange(data, i * c, (i + 1) * c);
            }
            return m;
        }
    }

    private Npy() {
    }

    public static Array read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(path + ": not a .npy file");
        }
        int major = b.get();
        b.get();
        int hlen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] hb = new byte[hlen];
        b.get(hb);
        String header = new String(hb, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(path + ": unreadable .npy header " + header);
        }
        if (f.group(1).equals("True")) {
            throw new IOException(path + ": Fortran-order arrays are not supported");
        }
        int[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = 1;
        for (int x : shape) {
            n *= x;
        }
        double[] data = new double[n];
        String descr = d.group(1);
        for (int i = 0; i < n; i++) {
            data[i] = switch (descr) {
                case "<f8" -> b.getDouble();
                case "<f4" -> b.getFloat();
                case "<i8" -> b.getLong();
                case "<i4" -> b.getInt();
                case "|b1", "|u1" -> b.get() & 0xff;
                case "|i1" -> b.get();
                default -> throw new IOException(path + ": unsupported dtype " + descr);
            };
        }
        return new Array(shape, data);
    }

    /** Writes a rows x cols float64 array (librosa's features x frames orientation). */
    public static void write(Path path, double[][] m) throws IOException {
        int r = m.length;
        int c = r == 0 ? 0 : m[0].length;
        double[] flat = new double[r * c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(m[i], 0, flat, i * c, c);
        }
        write(path, new int[] {r, c}, flat);
    }

    /** Writes a 1-D float64 array. */
    public static void write(Path path, double[] v) throws IOException {
        write(path, new int[] {v.length}, v);
    }

    public static void write(Path path, int[] shape, double[] data) throws IOException {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(shape.length == 1 ? "," : (i < shape.length - 1 ? ", " : ""));
        }
        sh.append(')');
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + sh + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : data) {
            b.putDouble(v);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(b.array());
        }
    }
}
