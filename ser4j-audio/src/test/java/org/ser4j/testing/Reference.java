package org.ser4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.io.Npy;
import org.ser4j.io.SharedPaths;

/** Access to librosa's reference values in ../shared/reference and the shared sample clips. */
public final class Reference {
    private Reference() {
    }

    /** All reference clip names (audio/*.wav without extension). */
    public static List<String> clips() {
        try (Stream<Path> s = Files.list(SharedPaths.reference().resolve("audio"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path clipPath(String clip) {
        return SharedPaths.reference().resolve("audio").resolve(clip + ".wav");
    }

    /** A reference clip as librosa saw it (int16 / 32768, native rate). */
    public static Signal clip(String clip) {
        return AudioReader.read(clipPath(clip));
    }

    public static Path feature(String clip, String quantity) {
        return SharedPaths.reference().resolve("features").resolve(clip).resolve(quantity + ".npy");
    }

    public static Npy.Array npy(Path p) {
        try {
            return Npy.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path sample(String name) {
        return SharedPaths.samples().resolve(name);
    }

    /** max |a - ref| / max |ref| over both arrays. */
    public static double peakRelativeError(double[] a, double[] ref) {
        if (a.length != ref.length) {
            throw new AssertionError("length " + a.length + " != reference length " + ref.length);
        }
        double maxDiff = 0;
        double peak = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - ref[i]));
            peak = Math.max(peak, Math.abs(ref[i]));
        }
        return peak == 0 ? maxDiff : maxDiff / peak;
    }
}
