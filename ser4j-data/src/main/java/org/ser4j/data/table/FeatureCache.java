package org.ser4j.data.table;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.ser4j.data.DataException;
import org.ser4j.features.FeatureSpec;

/**
 * Feature vectors on disk, keyed by the audio file's content (SHA-256 of its bytes) and the feature spec
 * ({@link FeatureSpec#cacheKey()}), so retraining, or the same clip under another name, reuses them. Layout:
 * {@code <dir>/<cacheKey>/<hash[0..2]>/<hash>.f64} plus {@code <dir>/<cacheKey>/spec.json} for humans.
 * <p>
 * Each vector file is a 4-byte magic, a 4-byte count and the doubles, big-endian. Writers write a temporary file
 * in the same folder and rename it into place atomically, so concurrent writers (threads or processes) never
 * expose a half-written file; a file that is truncated or of the wrong length anyway reads as a miss.
 */
public final class FeatureCache {
    /** Environment variable naming the cache folder. */
    public static final String ENV = "SER4J_CACHE";
    private static final int MAGIC = 0x53344a46; // "S4JF"

    private final Path directory;

    public FeatureCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The cache at {@link #defaultDirectory()}. */
    public static FeatureCache atDefaultLocation() {
        return new FeatureCache(defaultDirectory());
    }

    /** {@code $SER4J_CACHE} if set, else {@code ~/.cache/ser4j/features}. */
    public static Path defaultDirectory() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ser4j", "features");
    }

    public Path directory() {
        return directory;
    }

    /** The cached vector, if present, intact and {@code expectedLength} long (any length if negative). */
    public Optional<double[]> get(String contentHash, FeatureSpec spec, int expectedLength) {
        Path file = fileFor(contentHash, spec);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            int n = in.readInt();
            if (n < 0 || (expectedLength >= 0 && n != expectedLength) || Files.size(file) != 8 + 8L * n) {
                return Optional.empty();
            }
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = in.readDouble();
            }
            return Optional.of(values);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // truncated or unreadable: treat as a miss, the caller recomputes and rewrites
        }
    }

    /** Stores a vector, replacing any previous one atomically. */
    public void put(String contentHash, FeatureSpec spec, double[] values) {
        Path file = fileFor(contentHash, spec);
        try {
            Files.createDirectories(file.getParent());
            Path specFile = file.getParent().getParent().resolve("spec.json");
            if (!Files.exists(specFile)) {
                byte[] json = spec.toJson().getBytes(StandardCharsets.UTF_8);
                writeAtomically(specFile, out -> out.write(json));
            }
            writeAtomically(file, out -> {
                DataOutputStream data = new DataOutputStream(out);
                data.writeInt(MAGIC);
                data.writeInt(values.length);
                for (double v : values) {
                    data.writeDouble(v);
                }
                data.flush();
            });
        } catch (IOException e) {
            throw new DataException(directory.toString(), "cannot write feature cache: " + e.getMessage(), e);
        }
    }

    /** Where a vector lives. The hash must be hex (it becomes a file name). */
    Path fileFor(String contentHash, FeatureSpec spec) {
        if (contentHash == null || !contentHash.matches("[0-9a-f]{16,}")) {
            throw new IllegalArgumentException("content hash must be lower-case hex, got '" + contentHash + "'");
        }
        String key = spec.cacheKey().replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve(key).resolve(contentHash.substring(0, 2)).resolve(contentHash + ".f64");
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                writer.write(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
