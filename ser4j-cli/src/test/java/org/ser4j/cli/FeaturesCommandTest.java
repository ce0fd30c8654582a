package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.Signal;
import org.ser4j.audio.WavWriter;
import org.ser4j.io.Npy;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.report.FeatureImage;

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

    /** --feature dwt writes (level + 1) x frames log energies; a bad wavelet or level is a usage error (exit 2). */
    @Test
    void dwtFeatureWritesOneRowPerWaveletLevel() throws IOException {
        Path clip = REF.resolve("audio/speech1_16k.wav");
        Cli r = Cli.run("features", "--feature", "dwt", "--param", "level=4", "--format", "npy",
                "--out", out.toString(), clip.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Npy.Array got = Npy.read(out.resolve("speech1_16k.dwt.npy"));
        assertEquals(List.of(5, 63), List.of(got.shape()[0], got.shape()[1]));
        for (String bad : List.of("wavelet=sym4", "level=12")) {
            Cli refused = Cli.run("features", "--feature", "dwt", "--param", bad, "--out", out.toString(),
                    clip.toString());
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains(bad.substring(bad.indexOf('=') + 1)), refused.err());
        }
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

    @Test
    void pngDrawsAMelSpectrogramInDecibelsWithTimeToTheRight() throws IOException {
        // 1 s of silence, then 1 s of a 1 kHz tone: dark on the left, a bright band on the right
        float[] y = new float[32000];
        for (int i = 16000; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        Path clip = out.resolve("tone.wav");
        WavWriter.write(new Signal(y, 16000, "tone"), clip);
        Cli r = Cli.run("features", "--feature", "melspectrogram", "--format", "png", "--out",
                out.resolve("img").toString(), clip.toString());
        assertEquals(0, r.exitCode(), r.toString());
        BufferedImage image = ImageIO.read(out.resolve("img/tone.melspectrogram.png").toFile());
        assertEquals(128, image.getHeight(), "one row per mel band");
        assertEquals(1 + 32000 / 512, image.getWidth(), "one column per frame (hop 512, centred)");
        int darkest = FeatureImage.magma(0);
        for (int x = 0; x < 20; x++) {
            for (int row = 0; row < image.getHeight(); row++) {
                assertEquals(darkest, image.getRGB(x, row) & 0xFFFFFF, "silence at column " + x + ", row " + row);
            }
        }
        for (int x = 40; x < 60; x++) {
            int brightest = 0;
            int at = 0;
            for (int row = 0; row < image.getHeight(); row++) {
                int red = image.getRGB(x, row) >> 16 & 0xFF;
                if (red > brightest) {
                    brightest = red;
                    at = row;
                }
            }
            assertTrue(brightest > 240, "the tone is the loudest thing in column " + x);
            // 1 kHz sits in the lower part of the 0-8 kHz mel scale: bands are drawn upwards from the bottom
            assertTrue(at > image.getHeight() / 2, "the tone drawn at row " + at + " (of " + image.getHeight() + ")");
        }

        Cli set = Cli.run("features", "--set", "full", "--format", "png", "--out", out.toString(), clip.toString());
        assertEquals(2, set.exitCode(), set.toString());
        assertTrue(set.err().contains("--format png draws frame features"), set.err());
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
