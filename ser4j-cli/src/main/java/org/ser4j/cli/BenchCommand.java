package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Resample;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Predictor;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.adaptation.GroupStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ser4j bench}: single-thread throughput of decoding, resampling and each feature set on the librosa
 * reference speech clips and on RAVDESS files, printed as a Markdown table (x real time = audio seconds per wall
 * second; ms per 3 s clip). Each row runs a warm-up pass, then {@code --repeats} timed passes; the median pass is
 * reported.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure single-thread speed of decoding, resampling and feature sets; prints a table.",
            "Run on an otherwise idle machine; numbers are medians over --repeats passes after a warm-up."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ravdess", paramLabel = "N", defaultValue = "200",
            description = "Number of RAVDESS files (evenly spread over the corpus; default ${DEFAULT-VALUE}).")
    int nRavdess;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed passes per row (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--sets", split = ",", defaultValue = "seed,full,egemaps",
            description = "Feature sets to time (default ${DEFAULT-VALUE}); sets this build lacks are skipped.")
    List<String> sets;

    @Option(names = "--data", paramLabel = "DIR", description = "Corpora folder (default: SER4J_DATA or ../shared/datasets).")
    Path data;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = data != null ? data : SharedPaths.datasets();
        List<Path> speech = referenceSpeech();
        List<Path> ravdess = ravdessSample(root.resolve("ravdess"), nRavdess);
        if (speech.isEmpty() && ravdess.isEmpty()) {
            throw new UserException("no benchmark audio found (looked in " + SharedPaths.reference() + " and "
                    + root + ")");
        }
        out.printf("| task | clips | audio s | x real time | ms per 3 s clip |%n|---|---:|---:|---:|---:|%n");
        List<Signal> speech16 = decodeAll(speech, 16000);
        List<Signal> ravdess16 = decodeAll(ravdess, 16000);
        row(out, "decode WAV 16-bit (reference speech, native rate)", speech, p -> AudioReader.read(p));
        row(out, "decode FLAC (RAVDESS, 16 kHz)", ravdess, p -> AudioReader.read(p));
        List<Signal> ravdess48 = new ArrayList<>();
        for (Signal s : ravdess16) {
            ravdess48.add(Signal.ofDoubles(Resample.resample(s.toDoubles(), 16000, 48000, "kaiser_best"), 48000,
                    s.source()));
        }
        rowSignals(out, "resample 48 kHz -> 16 kHz kaiser_best (RAVDESS)", ravdess48,
                s -> Resample.resample(s.toDoubles(), 48000, 16000, "kaiser_best"));
        rowSignals(out, "resample 48 kHz -> 16 kHz kaiser_fast (RAVDESS)", ravdess48,
                s -> Resample.resample(s.toDoubles(), 48000, 16000, "kaiser_fast"));
        for (String set : sets) {
            if (!FeatureSets.names().contains(set)) {
                out.printf("| set `%s` | - | - | not in this build | - |%n", set);
                continue;
            }
            FeatureExtractor ex = FeatureSets.extractor(FeatureSets.defaultSpec(set));
            rowSignals(out, "set `" + set + "` (reference speech, 16 kHz)", speech16, ex::extract);
            rowSignals(out, "set `" + set + "` (RAVDESS, 16 kHz)", ravdess16, ex::extract);
        }
        predictLatency(out, ravdess.isEmpty() ? speech : ravdess);
        out.printf("%nsingle thread; %s; %d cores; Java %s%n", cpuName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        return 0;
    }

    /**
     * Warm end-to-end latency of one prediction (decode the file, resample, features, model) with the shipped
     * models, one clip at a time on this thread: p50 and p90 over every clip of the last timed pass. The adaptive
     * model is timed on single clips and adapted to a session (each clip added to the session's statistics first,
     * as {@code serve} does, without the database).
     */
    private void predictLatency(PrintWriter out, List<Path> files) {
        if (!ShippedModels.names().contains(ShippedModels.DEFAULT) || files.isEmpty()) {
            out.printf("%n(no shipped default model in this build: predict latency not measured)%n");
            return;
        }
        out.printf("%n| warm predict (decode + features + model) | clips | mean clip s | p50 ms | p90 ms |"
                + "%n|---|---:|---:|---:|---:|%n");
        latencyRow(out, files, ShippedModels.DEFAULT, false);
        if (ShippedModels.names().contains(ADAPTIVE)) {
            latencyRow(out, files, ADAPTIVE, false);
            latencyRow(out, files, ADAPTIVE, true);
        }
    }

    private static final String ADAPTIVE = "default-adaptive";

    private void latencyRow(PrintWriter out, List<Path> files, String model, boolean session) {
        ModelBundle bundle = ShippedModels.load(model);
        Predictor predictor = new Predictor(bundle);
        int sr = bundle.featureSpec().sampleRate();
        double[] ms = new double[files.size()];
        double audio = 0;
        for (int pass = 0; pass <= repeats + 1; pass++) { // passes 0 and 1 warm up
            audio = 0;
            GroupStatistics statistics = new GroupStatistics(bundle.featureExtractor().names().size());
            for (int i = 0; i < files.size(); i++) {
                long t0 = System.nanoTime();
                Signal s = AudioReader.read(files.get(i), sr);
                if (session) {
                    predictor.predict(s, null, clip -> {
                        if (clip.speech()) {
                            statistics.add(clip.features());
                        }
                        return statistics;
                    }, "session", "bench");
                } else {
                    predictor.predict(s);
                }
                ms[i] = (System.nanoTime() - t0) / 1e6;
                audio += s.durationSeconds();
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf("| `%s`, %s | %d | %.2f | %.1f | %.1f |%n", model, session ? "adapted to a session"
                : "one clip", files.size(), audio / files.size(), sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.9)]);
    }

    private void row(PrintWriter out, String task, List<Path> files, Consumer<Path> work) {
        if (files.isEmpty()) {
            return;
        }
        double audio = 0;
        List<Signal> decoded = decodeAll(files, null);
        for (Signal s : decoded) {
            audio += s.durationSeconds();
        }
        double[] walls = time(() -> files.forEach(work));
        print(out, task, files.size(), audio, walls);
    }

    private void rowSignals(PrintWriter out, String task, List<Signal> signals, Consumer<Signal> work) {
        if (signals.isEmpty()) {
            return;
        }
        double audio = signals.stream().mapToDouble(Signal::durationSeconds).sum();
        double[] walls = time(() -> signals.forEach(work));
        print(out, task, signals.size(), audio, walls);
    }

    private double[] time(Runnable pass) {
        long warmStart = System.nanoTime();
        do {
            pass.run(); // warm-up (at least one pass and two seconds): JIT and caches
        } while (System.nanoTime() - warmStart < 2_000_000_000L);
        double[] walls = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            pass.run();
            walls[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(walls);
        return walls;
    }

    private static void print(PrintWriter out, String task, int n, double audio, double[] sortedWalls) {
        double median = sortedWalls[sortedWalls.length / 2];
        double xrt = audio / median;
        out.printf("| %s | %d | %.1f | %.0f | %.2f |%n", task, n, audio, xrt, 3000.0 / xrt);
        out.flush();
    }

    private static List<Signal> decodeAll(List<Path> files, Integer sr) {
        List<Signal> out = new ArrayList<>();
        for (Path p : files) {
            out.add(sr == null ? AudioReader.read(p) : AudioReader.read(p, sr));
        }
        return out;
    }

    private static List<Path> referenceSpeech() throws IOException {
        Path dir = SharedPaths.reference().resolve("audio");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("(speech\\d|ravdess_\\w+)_16k\\.wav")).sorted()
                    .toList();
        }
    }

    /** n files spread evenly over the sorted corpus, so every actor and emotion is represented. */
    private static List<Path> ravdessSample(Path dir, int n) throws IOException {
        if (!Files.isDirectory(dir) || n <= 0) {
            return List.of();
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(Files::isRegularFile).filter(AudioInputs::isAudioName).sorted().toList();
        }
        List<Path> pick = new ArrayList<>();
        for (int i = 0; i < Math.min(n, all.size()); i++) {
            pick.add(all.get((int) ((long) i * all.size() / Math.min(n, all.size()))));
        }
        return pick;
    }

    private static String cpuName() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll(".*:\\s*", ""))
                    .orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
