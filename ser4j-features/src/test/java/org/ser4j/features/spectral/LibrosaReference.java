package org.ser4j.features.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.ser4j.audio.Signal;
import org.ser4j.io.Npy;
import org.ser4j.io.SharedPaths;

/**
 * Test access to librosa 0.11's reference values in {@code ../shared/reference}: the clips (16-bit PCM read as
 * int16 / 32768, exactly as the generator read them), the .npy outputs, and the manifest (which quantities exist
 * per clip, and which librosa refused). Also the peak-relative error measure the reference README prescribes.
 */
public final class LibrosaReference {
    private static final JsonNode MANIFEST = readManifest();

    private LibrosaReference() {
    }

    public static Path root() {
        return SharedPaths.reference();
    }

    /** Every reference clip name, e.g. speech1_16k. */
    public static List<String> clips() {
        List<String> out = new ArrayList<>();
        MANIFEST.get("clips").fieldNames().forEachRemaining(out::add);
        return out;
    }

    public static int sampleRate(String clip) {
        return MANIFEST.get("clips").get(clip).get("sr").asInt();
    }

    /** The clip's samples: int16 / 32768 at its native rate. */
    public static Signal load(String clip) {
        Path wav = root().resolve("audio").resolve(clip + ".wav");
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            b.position(12);
            int rate = 0;
            while (b.remaining() >= 8) {
                String id = new String(new byte[] {b.get(), b.get(), b.get(), b.get()},
                        java.nio.charset.StandardCharsets.US_ASCII);
                int size = b.getInt();
                if (id.equals("fmt ")) {
                    int start = b.position();
                    int format = b.getShort();
                    int channels = b.getShort();
                    rate = b.getInt();
                    b.position(start + 14);
                    int bits = b.getShort();
                    if (format != 1 || channels != 1 || bits != 16) {
                        throw new IOException(wav + ": not mono 16-bit PCM");
                    }
                    b.position(start + size);
                } else if (id.equals("data")) {
                    float[] y = new float[size / 2];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = b.getShort() / 32768f;
                    }
                    return new Signal(y, rate, clip);
                } else {
                    b.position(b.position() + size + (size & 1));
                }
            }
            throw new IOException(wav + ": no data chunk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A quantity of a clip as (rows x cols); 1-D arrays become one row. Empty when not stored for this clip. */
    public static Optional<double[][]> features(String clip, String quantity) {
        Path p = root().resolve("features").resolve(clip).resolve(quantity + ".npy");
        return Files.exists(p) ? Optional.of(npy(p).matrix()) : Optional.empty();
    }

    public static double[][] filter(String name) {
        return npy(root().resolve("filters").resolve(name + ".npy")).matrix();
    }

    /** librosa's error message for a quantity of a clip, if librosa refused it. */
    public static Optional<String> librosaError(String clip, String quantity) {
        JsonNode e = MANIFEST.get("clips").get(clip).get("librosa_errors").get(quantity);
        return e == null ? Optional.empty() : Optional.of(e.asText());
    }

    /** The manifest's call text of a stored file (to assert the parameters a test assumes). */
    public static String call(String clip, String quantity) {
        String file = "features/" + clip + "/" + quantity + ".npy";
        for (Iterator<JsonNode> it = MANIFEST.get("files").elements(); it.hasNext(); ) {
            JsonNode f = it.next();
            if (f.get("file").asText().equals(file)) {
                return f.get("call").asText();
            }
        }
        throw new IllegalArgumentException("no manifest entry " + file);
    }

    /** max |a - ref| / max |ref| over the array (the README's peak-relative measure); shapes must agree. */
    public static double peakRelativeError(double[][] ref, double[][] actual, String what) {
        double peak = 0;
        for (double[] row : ref) {
            for (double v : row) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        double err = maxAbsError(ref, actual, what);
        return peak == 0 ? err : err / peak;
    }

    /** max |a - ref|; shapes must agree. */
    public static double maxAbsError(double[][] ref, double[][] actual, String what) {
        assertEquals(ref.length, actual.length, what + ": rows");
        double err = 0;
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i].length, actual[i].length, what + ": columns of row " + i);
            for (int j = 0; j < ref[i].length; j++) {
                double d = Math.abs(ref[i][j] - actual[i][j]);
                if (Double.isNaN(d)) {
                    return Double.POSITIVE_INFINITY;
                }
                err = Math.max(err, d);
            }
        }
        return err;
    }

    private static Npy.Array npy(Path p) {
        try {
            return Npy.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readManifest() {
        try {
            return new ObjectMapper().readTree(SharedPaths.reference().resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
