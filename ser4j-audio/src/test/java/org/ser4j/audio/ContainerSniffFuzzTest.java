package org.ser4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes container sniffing (docs/server.md, "Fuzzing"): {@link ContainerFormat#detect} never throws for any head
 * of any length up to {@link ContainerFormat#PROBE_BYTES}, looks only at the bytes it is told are valid, and
 * {@link AudioReader#detect(Path)} agrees with it for the same bytes in a file: the same format, or
 * {@link UnsupportedAudioException} where it finds none ({@link EmptyAudioException} for an empty file).
 */
class ContainerSniffFuzzTest {
    private static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("ser4j-sniff-fuzz", ".bin");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void fuzzContainerSniffing(byte[] data) throws IOException {
        int n = Math.min(data.length, ContainerFormat.PROBE_BYTES);
        ContainerFormat format = ContainerFormat.detect(data, n);
        for (int k = 0; k < n; k++) {
            ContainerFormat.detect(data, k);
        }
        // Bytes past n are not looked at: the same head in a longer buffer of other bytes gives the same answer.
        byte[] padded = Arrays.copyOf(data, n + ContainerFormat.PROBE_BYTES);
        Arrays.fill(padded, n, padded.length, (byte) 0xA5);
        assertEquals(format, ContainerFormat.detect(padded, n));

        Files.write(FILE, data);
        if (data.length == 0) {
            assertThrows(EmptyAudioException.class, () -> AudioReader.detect(FILE));
        } else if (format == null) {
            assertThrows(UnsupportedAudioException.class, () -> AudioReader.detect(FILE));
        } else {
            assertEquals(format, AudioReader.detect(FILE));
        }
    }
}
