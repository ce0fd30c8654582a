package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.io.Npy;
import org.ser4j.io.SharedPaths;

class FeaturesCommandTest {
    private static final Path REF = SharedPaths.reference();

    @TempDir
    Path out;

    /** The written .npy equals librosa's own mfcc(n_mfcc=13) of the clip (tolerance 1e-6 peak-relative, README). */
    @Test
    void mfccNpyMatchesLibrosaReference() throws IOException {
        Path clip = REF.resolve("audio/speech1_16k.wav");
        Cli r = Cli.run("features", "--feature", "mfcc", "--param", "n_mfcc=13", "--format", "npy",
                "--out", out.toString(), clip.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Npy.Array got = Npy.read(out.resolve("speech1_16k.mfcc.npy"));
        Npy.Array want = Npy.read(REF.resolve("features/speech1_16k/mfcc_n13.npy"));
        assertEquals(List.of(13, 63), List.of(got.shape()[0], got.shape()[1]));
        assertTrue(maxRelError(got.data(), want.data()) < 1e-6);
        String sidecar = Files.readString(out.resolve("speech1_16k.mfcc.params.json"));
        assertTrue(sidecar.contains("\"n_mfcc\" : \"13\""), sidecar);
    }

    /** The seed set over a folder: one CSV table, a header of 59 feature names plus the file column. */
    @Test
    void seedSetOverAFolderWritesOneTable() throws IOException {
        Path dir = Files.createDirectories(out.resolve("in"));
        for (String clip : List.of("speech1_16k", "speech2_16k")) {
            Files.copy(REF.resolve("audio/" + clip + ".wav"), dir.resolve(clip + ".wav"));
        }
        Cli r = Cli.run("features", "--set", "seed", "--format", "csv", "--out", out.resolve("o").toString(),
                dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = Files.readAllLines(out.resolve("o/seed.csv"));
        assertEquals(3, lines.size());
        assertEquals(60, lines.get(0).split(",").length);
        assertTrue(lines.get(0).startsWith("file,"));
    }

    @Test
    void unknownParameterIsAUsageError() {
        Cli r = Cli.run("features", "--feature", "mfcc", "--param", "n_mfccc=13", "--out", out.toString(),
                REF.resolve("audio/speech1_16k.wav").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("n_mfccc"), r.err());
    }

    /** A corrupt file is reported by name; the good file is still written; the exit code says something failed. */
    @Test
    void badFileIsReportedAndOthersStillProcessed() throws IOException {
        Path bad = out.resolve("broken.wav");
        Files.write(bad, new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        Cli r = Cli.run("features", "--feature", "rms", "--out", out.resolve("o").toString(), bad.toString(),
                REF.resolve("audio/speech1_16k.wav").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("broken.wav"), r.err());
        assertTrue(Files.exists(out.resolve("o/speech1_16k.rms.npy")));
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    static double maxRelError(double[] got, double[] want) {
        double peak = 0;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            peak = Math.max(peak, Math.abs(want[i]));
            err = Math.max(err, Math.abs(got[i] - want[i]));
        }
        return err / peak;
    }
}
