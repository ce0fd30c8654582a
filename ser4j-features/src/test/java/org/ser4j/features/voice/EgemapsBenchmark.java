package org.ser4j.features.voice;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.pitch.Pyin;
import org.ser4j.features.pitch.PyinParams;
import org.ser4j.features.pitch.Yin;
import org.ser4j.features.pitch.YinParams;
import org.ser4j.io.SharedPaths;

/**
 * Single-thread speed of the {@code egemaps} set on real speech: the first 40 RAVDESS clips of actors 01 and 02
 * (16 kHz), decoded once, extracted 3 times to warm up, then 5 timed rounds. Reports the best round's wall time
 * and the thread's CPU time (robust to other processes on a shared machine) per clip and as a multiple of real
 * time, plus YIN and pYIN alone for the F0 choice. Runs only on request:
 * {@code mvn -o -pl ser4j-features test -Dtest=EgemapsBenchmark -Dser4j.bench=true}.
 */
@EnabledIfSystemProperty(named = "ser4j.bench", matches = "true")
class EgemapsBenchmark {
    private interface Work {
        void run(Signal s);
    }

    @Test
    void speed() throws IOException {
        List<Signal> clips = new ArrayList<>();
        for (String actor : List.of("Actor_01", "Actor_02")) {
            try (Stream<Path> files = Files.list(SharedPaths.datasets().resolve("ravdess").resolve(actor))) {
                for (Path p : files.sorted().limit(20).toList()) {
                    clips.add(AudioReader.read(p, 16000));
                }
            }
        }
        double audio = clips.stream().mapToDouble(Signal::durationSeconds).sum();
        EgemapsSet.Extractor ex = (EgemapsSet.Extractor) FeatureSets.extractor(FeatureSets.defaultSpec("egemaps"));
        report("egemaps (88 functionals)", clips, audio, ex::extract);
        YinParams yin = new YinParams(60, 600, 640, 160, 0.1, true, "constant");
        report("YIN alone (as used)", clips, audio, s -> Yin.yin(s, yin));
        PyinParams pyin = PyinParams.of(60, 600).withFrames(1024, 160);
        report("pYIN alone (1024/160)", clips, audio, s -> Pyin.pyin(s, pyin));
    }

    private static void report(String what, List<Signal> clips, double audioSeconds, Work work) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < 3; r++) {
            clips.forEach(work::run);
        }
        double[] wall = new double[5];
        double[] cpu = new double[5];
        for (int r = 0; r < wall.length; r++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            clips.forEach(work::run);
            wall[r] = (System.nanoTime() - w0) / 1e9;
            cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        double bestWall = Arrays.stream(wall).min().orElseThrow();
        double bestCpu = Arrays.stream(cpu).min().orElseThrow();
        System.out.printf("%-26s %d clips, %.1f s audio: wall %.2f ms/clip (%.0fx real time), "
                + "CPU %.2f ms/clip (%.0fx real time)%n", what, clips.size(), audioSeconds,
                1e3 * bestWall / clips.size(), audioSeconds / bestWall, 1e3 * bestCpu / clips.size(),
                audioSeconds / bestCpu);
    }
}
