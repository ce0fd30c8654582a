package org.ser4j.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Audio made by the tests themselves: WAV noise of any length, and a FLAC "bomb" of silence. */
public final class TestAudio {
    private TestAudio() {
    }

    /** 16-bit mono WAV of the samples (clipped to [-1, 1]). */
    public static byte[] wav(float[] samples, int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        for (float v : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        return b.array();
    }

    /** Gaussian noise at the given amplitude. */
    public static float[] noise(double seconds, int sampleRate, double amplitude, long seed) {
        Random r = new Random(seed);
        float[] y = new float[(int) (seconds * sampleRate)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amplitude * r.nextGaussian());
        }
        return y;
    }

    /**
     * Speech-like noise: Gaussian bursts at {@code amplitude}, 0.6 s every second, over a faint floor (50 dB lower).
     * Steady {@link #noise} is "no speech" to the predictor, which then skips the features; tests that need the
     * whole prediction's work (timeouts, a busy pool) use this.
     */
    public static float[] bursts(double seconds, int sampleRate, double amplitude, long seed) {
        float[] y = noise(seconds, sampleRate, amplitude, seed);
        for (int i = 0; i < y.length; i++) {
            if (i % sampleRate >= 0.6 * sampleRate) {
                y[i] *= (float) 0.003;
            }
        }
        return y;
    }

    /**
     * A valid FLAC file of {@code frames} blocks of 65535 silent samples (16 kHz, 16-bit mono): each block is one
     * CONSTANT subframe, so 20 minutes of audio take about 4 KB.
     */
    public static byte[] flacOfSilence(int frames) {
        int block = 65535;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("fLaC".getBytes());
        Bits info = new Bits();
        info.put(1, 1).put(0, 7).put(34, 24); // last metadata block: STREAMINFO, 34 bytes
        info.put(block, 16).put(block, 16).put(0, 24).put(0, 24);
        info.put(16000, 20).put(0, 3).put(15, 5).put(0, 4).put((long) frames * block, 32);
        for (int i = 0; i < 16; i++) {
            info.put(0, 8); // MD5 unknown
        }
        out.writeBytes(info.bytes());
        for (int n = 0; n < frames; n++) {
            Bits h = new Bits();
            h.put(0x3FFE, 14).put(0, 1).put(0, 1); // sync, reserved, fixed block size
            h.put(0b0111, 4).put(0, 4).put(0, 4).put(0, 3).put(0, 1); // 16-bit size follows; rates from STREAMINFO
            utf8(h, n);
            h.put(block - 1, 16);
            byte[] header = h.bytes();
            Bits f = new Bits();
            for (byte x : header) {
                f.put(x & 0xFF, 8);
            }
            f.put(crc8(header), 8);
            f.put(0, 8).put(0, 16); // CONSTANT subframe, value 0
            byte[] frame = f.bytes();
            out.writeBytes(frame);
            int crc = crc16(frame);
            out.write(crc >> 8);
            out.write(crc & 0xFF);
        }
        return out.toByteArray();
    }

    private static void utf8(Bits h, int n) {
        if (n < 0x80) {
            h.put(n, 8);
        } else if (n < 0x800) {
            h.put(0xC0 | (n >> 6), 8).put(0x80 | (n & 0x3F), 8);
        } else {
            h.put(0xE0 | (n >> 12), 8).put(0x80 | ((n >> 6) & 0x3F), 8).put(0x80 | (n & 0x3F), 8);
        }
    }

    private static int crc8(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    private static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    /** A big-endian bit writer. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        Bits put(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                acc = (acc << 1) | ((value >> i) & 1);
                if (++n == 8) {
                    out.write((int) acc);
                    acc = 0;
                    n = 0;
                }
            }
            return this;
        }

        byte[] bytes() {
            if (n != 0) {
                throw new IllegalStateException("not byte aligned");
            }
            return out.toByteArray();
        }
    }
}
