package org.ser4j.features.pitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.ser4j.io.Npy;
import org.ser4j.io.SharedPaths;

/**
 * Test access to librosa's reference clips and values in {@code shared/reference}: clips are read as librosa's
 * generator read them (int16 / 32768, native rate), quantities from {@code features/<clip>/<name>.npy}.
 */
public final class ReferenceClips {
    private ReferenceClips() {
    }

    /** A reference clip: name, samples (int16 / 32768) and sample rate. */
    public record Clip(String name, double[] y, int sr) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Path root() {
        return SharedPaths.reference();
    }

    /** Every clip that has the quantity {@code quantity} (e.g. "pyin_f0_speech"), sorted by name. */
    public static List<String> clipsWith(String quantity) {
        try (Stream<Path> dirs = Files.list(root().resolve("features"))) {
            List<String> names = new ArrayList<>();
            dirs.filter(d -> Files.exists(d.resolve(quantity + ".npy"))).forEach(d -> names.add(
                    d.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Clip clip(String name) {
        Path wav = root().resolve("audio").resolve(name + ".wav");
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16
                    || f.getChannels() != 1 || f.isBigEndian()) {
                throw new IllegalStateException(wav + ": expected mono 16-bit little-endian PCM, got " + f);
            }
            byte[] bytes = in.readAllBytes();
            double[] y = new double[bytes.length / 2];
            for (int i = 0; i < y.length; i++) {
                int s = (bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8);
                y[i] = s / 32768.0;
            }
            return new Clip(name, y, Math.round(f.getSampleRate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(wav + ": " + e.getMessage(), e);
        }
    }

    public static Npy.Array quantity(String clip, String quantity) {
        try {
            return Npy.read(root().resolve("features").resolve(clip).resolve(quantity + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** max |a - b| / max |b| over an array (peak-relative error, the README's measure). */
    public static double peakRelativeError(double[] actual, double[] expected) {
        double peak = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            peak = Math.max(peak, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(actual[i] - expected[i]));
        }
        return peak == 0 ? err : err / peak;
    }
}
