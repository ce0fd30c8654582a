package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ser4j.audio.AudioException;
import org.ser4j.audio.AudioReader;
import org.ser4j.data.Progress;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Predictor;
import org.ser4j.models.Provenance;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.Grouping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ser4j adapt}: a copy of an adaptive model whose population statistics come from a new deployment's
 * unlabelled audio (a day of calls on one line, a study's recordings), so a clip of that channel is answered
 * relative to the channel even before its speaker has said anything else. No labels are read; the classifier is
 * unchanged.
 */
@Command(name = "adapt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Adapt a model that adapts (trained with --adaptation relative, e.g. default-adaptive) to a "
                + "new channel or corpus from its unlabelled audio: the bundle written to --out takes its population "
                + "statistics (the typical speaker's mean and spread) from these recordings instead of the training "
                + "data, and says so in its provenance. Files in one folder are taken to share a speaker unless "
                + "--group none.",
            "Recordings without speech are skipped; at least 20 with speech are needed."})
final class AdaptCommand implements Callable<Integer> {
    /** Fewer clips than this give no usable population statistics. */
    static final int MIN_CLIPS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE", required = true,
            description = "An adaptive model: default-adaptive, commercial-adaptive or a bundle file.")
    String model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the adapted bundle.")
    Path out;

    @Option(names = "--group", paramLabel = "folder|none", defaultValue = "folder",
            description = "How clips share a speaker for the within-speaker spread (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--name", description = "Name of the adapted model (default: the model's name + '-adapted').")
    String name;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Unlabelled audio of the target channel.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Grouping grouping = Grouping.parse(group, EnumSet.of(Grouping.FOLDER, Grouping.NONE));
        ModelBundle bundle = ShippedModels.load(model);
        Adaptation adaptation = bundle.adaptation().orElse(null);
        if (adaptation == null || adaptation.method() != Adaptation.Method.RELATIVE) {
            throw new IllegalArgumentException("model " + bundle.provenance().name() + " has no population "
                    + "statistics to adapt: use a model trained with --adaptation relative (e.g. default-adaptive)");
        }
        List<Path> files = AudioInputs.expand(inputs);
        if (files.isEmpty()) {
            throw new UserException("no audio files found in " + inputs);
        }
        PrintWriter err = spec.commandLine().getErr();
        Predictor predictor = new Predictor(bundle);
        int rate = bundle.featureSpec().sampleRate();
        List<double[]> rows = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int failed = 0;
        int silent = 0;
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, n));
        try (Progress progress = Progress.start("adapt", files.size(), quiet || files.size() < 2)) {
            List<Future<Predictor.Clip>> clips = new ArrayList<>();
            for (Path f : files) {
                clips.add(pool.submit(() -> predictor.featurise(AudioReader.read(f, rate))));
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    Predictor.Clip clip = clips.get(i).get();
                    if (clip.speech()) {
                        rows.add(clip.features());
                        groups.add(grouping == Grouping.FOLDER ? Grouping.folderOf(files.get(i)) : "all");
                        names.add(files.get(i).getFileName().toString());
                    } else {
                        silent++;
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof AudioException)) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    failed++;
                    err.println("error: " + e.getCause().getMessage());
                }
                progress.step();
            }
        } finally {
            pool.shutdownNow();
        }
        if (rows.size() < MIN_CLIPS) {
            throw new UserException("only " + rows.size() + " recording(s) with speech (" + silent + " without, "
                    + failed + " unreadable); at least " + MIN_CLIPS + " are needed for population statistics");
        }
        Adaptation adapted = Adaptation.relative(rows.toArray(double[][]::new), groups, adaptation.priorClips());
        long speakers = groups.stream().distinct().count();
        String source = String.format(Locale.ROOT, "population statistics from %d unlabelled recordings with speech "
                        + "(%s; file list sha256 %s) in %d %s, replacing those of the training data", rows.size(),
                inputs, Provenance.fileListSha256(names), speakers, grouping == Grouping.FOLDER ? "folder(s)"
                        : "group");
        Provenance p = bundle.provenance();
        ModelBundle result = bundle.withAdaptation(adapted, p.derived(name != null ? name : p.name() + "-adapted",
                p.version(), "adapted_to", source));
        TrainCommand.createParent(out);
        result.save(out);
        err.printf("adapt: wrote %s: %s%n", out, source);
        if (failed > 0) {
            err.printf("adapt: %d of %d file(s) could not be read%n", failed, files.size());
        }
        return 0;
    }
}
