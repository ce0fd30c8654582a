package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.SharedPaths;

class AugmentCommandTest {
    @TempDir
    Path out;

    /** Two copies with a fixed gain: readable 16 kHz WAVs whose level moved by the requested -6 dB (factor 1/2). */
    @Test
    void writesReadableCopiesAndTheirLog() throws IOException {
        Path clip = SharedPaths.reference().resolve("audio/speech1_16k.wav");
        Cli r = Cli.run("augment", "--pipeline", "gain=-6:-6", "--copies", "2", "--out", out.toString(),
                clip.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<Path> wavs;
        try (Stream<Path> s = Files.list(out)) {
            wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        assertEquals(2, wavs.size(), wavs.toString());
        assertTrue(Files.readString(out.resolve("augmentations.tsv")).contains("gain"));
        Signal original = AudioReader.read(clip);
        Signal copy = AudioReader.read(wavs.get(0));
        assertEquals(16000, copy.sampleRate());
        assertEquals(0.501, rms(copy) / rms(original), 0.005); // 10^(-6/20); 16-bit re-quantisation
    }

    private static double rms(Signal s) {
        double sum = 0;
        for (float v : s.samples()) {
            sum += v * v;
        }
        return Math.sqrt(sum / s.length());
    }
}
