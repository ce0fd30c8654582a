package org.ser4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of audio files' bytes, computed once per file and remembered. The same hash keys the feature cache and
 * tells the leakage check that two differently named files hold the same recording. Thread-safe; share one
 * instance across a training run.
 */
public final class ContentHashes {
    private final ConcurrentHashMap<Path, String> byPath = new ConcurrentHashMap<>();

    /** Lower-case hex SHA-256 of the file's bytes; throws {@link CorpusException} if the file cannot be read. */
    public String of(Path file) {
        return byPath.computeIfAbsent(file.toAbsolutePath().normalize(), ContentHashes::sha256);
    }

    /** How many distinct files have been hashed so far. */
    public int size() {
        return byPath.size();
    }

    /** SHA-256 of a file, without remembering it. */
    public static String sha256(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new CorpusException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new CorpusException(file.toString(), "cannot read file: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
