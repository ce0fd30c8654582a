package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the pure-Java WAV decoder (docs/server.md, "Fuzzing"): any bytes either decode to a non-empty signal of
 * finite samples at a supported rate, or are refused with an {@link AudioException}; nothing else is thrown, no
 * input takes 10 s, and the memory allocated follows the bytes given, not the sizes a header declares. Seeds: one
 * tiny file per encoding and layout it reads, in WavParserFuzzTestInputs.
 */
class WavParserFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /**
     * Allocation allowed besides 32 bytes per input byte (a u8 sample becomes a float, in buffers that double): room
     * for the first buffers and for loading (and instrumenting) classes on the first inputs, far under the gigabyte
     * a 100-byte header could once make the decoder allocate.
     */
    private static final long ALLOCATION_BASE = 64L << 20;

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void fuzzWavParser(byte[] data) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        Signal signal;
        // The decoder behind AudioReader for anything its sniffing calls WAV, read the way AudioReader.read reads it.
        try (PcmSource source = WavSource.open(new ByteArrayInputStream(data), "fuzz.wav")) {
            signal = AudioReader.readAll(source, "fuzz.wav", null);
        } catch (AudioException refused) {
            return;
        } finally {
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertTrue(allocated <= ALLOCATION_BASE + 32L * data.length,
                    allocated + " bytes allocated to decode " + data.length + " bytes");
        }
        assertTrue(signal.sampleRate() >= PcmSource.MIN_SAMPLE_RATE && signal.sampleRate() <= PcmSource.MAX_SAMPLE_RATE,
                "rate " + signal.sampleRate());
        assertTrue(signal.length() > 0);
        for (float v : signal.samples()) {
            assertTrue(Float.isFinite(v), "sample " + v);
        }
    }
}
