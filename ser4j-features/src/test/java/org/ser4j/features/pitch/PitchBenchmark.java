package org.ser4j.features.pitch;

import java.util.Arrays;

/**
 * Hand-run single-thread benchmark (not a unit test): pYIN and YIN on the 3 s RAVDESS reference clip at 16 kHz
 * with frame_length 1024, hop 160, fmin 65 Hz, fmax 2093 Hz (the `full` set's setting; target: pYIN &le; 30 ms).
 * Run: java -cp target-pitch/classes:target-pitch/test-classes:$(deps) org.ser4j.features.pitch.PitchBenchmark
 */
public final class PitchBenchmark {
    private PitchBenchmark() {
    }

    public static void main(String[] args) {
        ReferenceClips.Clip clip = ReferenceClips.clip("ravdess_neutral_16k");
        PyinParams pyin = PyinParams.of(65.0, 2093.0).withFrames(1024, 160);
        YinParams yin = YinParams.of(65.0, 2093.0).withFrames(1024, 160);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        report("pyin", rounds, () -> Pyin.pyin(clip.y(), clip.sr(), pyin));
        report("yin", rounds, () -> Yin.yin(clip.y(), clip.sr(), yin));
        report("pyin", rounds, () -> Pyin.pyin(clip.y(), clip.sr(), pyin));
        System.out.printf("clip %.2f s%n", clip.y().length / (double) clip.sr());
    }

    private static void report(String what, int rounds, Runnable r) {
        for (int i = 0; i < rounds; i++) {
            r.run(); // warm-up
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%s: median %.2f ms, best %.2f ms, p90 %.2f ms over %d runs%n", what, ms[rounds / 2], ms[0],
                ms[(int) (rounds * 0.9)], rounds);
    }
}
