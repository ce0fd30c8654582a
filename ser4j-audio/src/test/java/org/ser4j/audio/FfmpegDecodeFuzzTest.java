package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes decoding of uploaded bytes in any container (docs/server.md, "Fuzzing"), through the function the
 * server's uploads go through ({@link AudioReader#stream(byte[], String, Integer, int)}, which hands everything
 * but WAV to FFmpeg): blocks of finite samples at the requested rate, or an {@link AudioException}; nothing else
 * is thrown, and no input takes 20 s. Like the server, it stops reading after a duration limit, since a tiny file
 * may declare hours of audio. Seeds: 0.1 s of a sine in each container FFmpeg reads for ser4j, in
 * FfmpegDecodeFuzzTestInputs (made with the ffmpeg command line, FLAC without its padding block).
 */
class FfmpegDecodeFuzzTest {
    private static final int RATE = 16_000;
    /** The server's block size (UploadDecoder). */
    private static final int BLOCK = 1 << 15;
    /** Decoded seconds after which the input is dropped, as the server refuses it past its limit. */
    private static final int MAX_SECONDS = 30;

    @FuzzTest(maxDuration = "60s")
    @Timeout(20)
    void fuzzDecode(byte[] data) {
        long total = 0;
        try (AudioStream stream = AudioReader.stream(data, "fuzz", RATE, BLOCK)) {
            assertEquals(RATE, stream.sampleRate());
            for (float[] block; total <= (long) MAX_SECONDS * RATE && (block = stream.nextBlock()) != null; ) {
                assertTrue(block.length > 0 && block.length <= BLOCK, "block of " + block.length);
                for (float v : block) {
                    assertTrue(Float.isFinite(v), "sample " + v);
                }
                total += block.length;
            }
        } catch (AudioException refused) {
            // the documented refusal of bad input
        }
    }
}
