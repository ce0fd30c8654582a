package org.ser4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files byte by byte for decoder tests, including deliberately broken ones. */
public final class TestWav {
    private TestWav() {
    }

    /** A 16-byte 'fmt ' body. */
    public static byte[] fmt(int tag, int channels, long rate, int blockAlign, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt((int) rate)
                .putInt((int) (rate * blockAlign)).putShort((short) blockAlign).putShort((short) bits);
        return b.array();
    }

    /** RIFF/WAVE with a fmt chunk and a data chunk declaring {@code declaredDataSize} bytes, holding {@code data}. */
    public static byte[] wav(byte[] fmt, byte[] data, long declaredDataSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(4 + 8 + fmt.length + 8 + data.length));
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        chunk(out, "fmt ", fmt, fmt.length);
        chunk(out, "data", data, declaredDataSize);
        return out.toByteArray();
    }

    /** 16-bit PCM mono. */
    public static byte[] pcm16(short[] samples, int rate) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return wav(fmt(1, 1, rate, 2, 16), b.array(), 2L * samples.length);
    }

    public static void chunk(ByteArrayOutputStream out, String id, byte[] body, long declared) {
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(declared));
        out.writeBytes(body);
    }

    public static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    public static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
