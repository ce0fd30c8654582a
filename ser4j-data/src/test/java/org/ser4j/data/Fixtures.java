package org.ser4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ser4j.io.SharedPaths;

/** Test helpers: fixture trees of named files, tiny real WAVs, and the shared corpora. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Creates each file (and its folders) under {@code root}. The content is the relative path itself, so every
     * file has a distinct content hash; loaders only read names.
     */
    public static void files(Path root, String... relativePaths) {
        for (String relative : relativePaths) {
            write(root.resolve(relative), relative.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static void files(Path root, List<String> relativePaths) {
        files(root, relativePaths.toArray(String[]::new));
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 16-bit PCM mono WAV of the given samples (clipped to [-1, 1]). */
    public static void wav(Path file, float[] samples, int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1);
        b.putInt(sampleRate).putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        write(file, b.array());
    }

    /** A sine of {@code seconds} at {@code hz} and amplitude {@code amp}. */
    public static float[] sine(double hz, double amp, double seconds, int sampleRate) {
        float[] y = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return y;
    }

    /** Number of distinct speakers per gender. */
    public static Map<Gender, Long> speakersPerGender(List<Utterance> utterances) {
        return utterances.stream().collect(Collectors.groupingBy(Utterance::gender, Collectors.mapping(
                Utterance::speaker, Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
    }

    /** The utterance with this file name. */
    public static Utterance byName(List<Utterance> utterances, String fileName) {
        return utterances.stream().filter(u -> u.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    /** A shared corpus folder, e.g. {@code ravdess}. */
    public static Path dataset(String name) {
        return SharedPaths.datasets().resolve(name);
    }
}
