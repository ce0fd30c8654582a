package org.ser4j.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Signal} as a 16-bit PCM mono WAV file (the format every player and {@link AudioReader} reads).
 * Samples outside [-1, 1] are clipped; values are rounded to the nearest 16-bit step, the inverse of the reader's
 * {@code s / 32768} scaling.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /** Writes {@code signal} to {@code file}, creating parent folders. */
    public static void write(Signal signal, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(signal, out);
        }
    }

    /** Writes the WAV bytes of {@code signal} to a stream (left open). */
    public static void write(Signal signal, OutputStream out) throws IOException {
        int dataBytes = 2 * signal.length();
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(signal.sampleRate()).putInt(2 * signal.sampleRate())
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (float s : signal.samples()) {
            double clipped = Math.max(-1.0, Math.min(1.0, s));
            b.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(clipped * 32768.0))));
        }
        out.write(b.array());
    }
}
