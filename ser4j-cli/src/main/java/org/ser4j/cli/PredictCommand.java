package org.ser4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioException;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.AudioStream;
import org.ser4j.audio.Signal;
import org.ser4j.data.Progress;
import org.ser4j.data.Utterance;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.CorpusException;
import org.ser4j.models.Json;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.TimelineSmoothing;
import org.ser4j.models.TimelineSummary;
import org.ser4j.models.adaptation.Grouping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ser4j predict}: the emotion of each clip, as JSON ({@code {file, emotion, confidence, top_3, all_scores,
 * speech, duration_s, model}}), JSON lines or a table. Bad files are reported one per line on stderr and make the
 * exit code non-zero; the good files are still predicted. A clip without speech (silence, steady noise) is an
 * answer, not an error: {@code "emotion": "no_speech"}, {@code "speech": false} and {@code no_speech_reason} in
 * JSON; {@code no_speech}, {@code -} for the confidence and the reason in the table; exit code 0. With
 * {@code --segments}, stretches without speech are segments with {@code "speech": false} and no emotion (in the
 * table: {@code no_speech} and {@code -}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict the emotion of audio files (WAV, FLAC, MP3, OGG, Opus, M4A; any sample rate).",
            "Without --model the shipped 'default' model is used (non-commercial licence: see 'ser4j inspect "
                + "default'); '--model commercial' selects the CREMA-D-only model.",
            "Scores are calibrated probabilities that sum to 1.",
            "A clip without speech (silence, steady noise) is answered emotion 'no_speech' with the reason, "
                + "confidence 0 ('-' in the table) and no scores; that is an answer, not an error (exit code 0).",
            "A recording over 10 minutes is read as a stream in bounded memory: cut at its pauses, each segment "
                + "predicted, and its scores the mean of its speech segments' scores weighted by their length."})
final class PredictCommand implements Callable<Integer> {
    /** Recordings announced longer than this (s) are predicted as a stream, in bounded memory. */
    static final double LONG_RECORDING_S = 600;
    /** Samples per block of such a stream (1 s at 16 kHz). */
    private static final int STREAM_BLOCK = 16000;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE",
            description = "A shipped model name (default, commercial, default-adaptive, "
                    + "commercial-adaptive) or a bundle file (default: default).")
    String model;

    @Option(names = "--segments", description = "Also predict each speech segment (voice activity; fixed windows "
            + "with --window for continuous speech).")
    boolean segments;

    @Option(names = "--window", paramLabel = "SECONDS",
            description = "With --segments: fixed windows of this length (hop = half) instead of voice activity.")
    Double window;

    @Option(names = "--adapt", paramLabel = "none|folder|speaker", defaultValue = "none",
            description = "With a model that adapts (e.g. default-adaptive): answer each clip adapted to the other "
                + "clips of its folder (one folder per speaker, session or phone line) or of its speaker (inputs that "
                + "are corpus folders whose file names give speakers), from their audio alone; the JSON's "
                + "'adaptation' says which group and how many clips. Clips without speech are left out of a group's "
                + "statistics. A model trained with plain per-speaker standardisation needs folder or speaker, "
                + "and at least two clips per group (default: ${DEFAULT-VALUE}).")
    String adapt;

    @Option(names = {"-f", "--format"}, defaultValue = "json",
            description = "json (pretty for one file, one line per file for several), jsonl, table, csv (one row "
                + "per file, or per segment with --segments, every class's score in a column) or summary (with "
                + "--segments: share of speech time per emotion, longest stretches, emotion changes) "
                + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--smooth", paramLabel = "K", description = "With --segments: replace each speech segment's "
            + "scores by the duration-weighted mean over it and its K speech neighbours on each side (default: 0, "
            + "none); emotions in a conversation change more slowly than segment answers do.")
    int smooth;

    @Option(names = "--plot", paramLabel = "FILE.png|svg", description = "With --segments and one input: draw the "
            + "timeline (waveform envelope, segments in their emotion's colour, time axis) into a PNG or SVG file.")
    Path plot;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Audio files or folders (recursive).")
    List<Path> inputs = new ArrayList<>();

    /** The model's classes, the columns of the csv format. */
    private List<String> classes;

    @Override
    public Integer call() throws IOException {
        format = format.toLowerCase(Locale.ROOT);
        if (!List.of("json", "jsonl", "table", "csv", "summary").contains(format)) {
            throw new IllegalArgumentException("--format must be json, jsonl, table, csv or summary, not " + format);
        }
        if (format.equals("summary") && !segments) {
            throw new IllegalArgumentException("--format summary sums up a timeline: add --segments");
        }
        if (smooth != 0 && (!segments || smooth < 0 || smooth > 50)) {
            throw new IllegalArgumentException("--smooth K needs --segments and 0 <= K <= 50, not " + smooth);
        }
        if (plot != null && (!segments || inputs.size() != 1 || Files.isDirectory(inputs.get(0)))) {
            throw new IllegalArgumentException("--plot draws the timeline of one recording: give one file and "
                    + "--segments");
        }
        if (plot != null && !plot.toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|svg)")) {
            throw new IllegalArgumentException("--plot writes a .png or .svg file, not " + plot);
        }
        if (window != null && !segments) {
            throw new IllegalArgumentException("--window only makes sense with --segments");
        }
        if (window != null && !(window > 0.25 && window < 3600)) {
            throw new IllegalArgumentException("--window must be between 0.25 and 3600 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = AudioInputs.expand(inputs);
        if (files.isEmpty()) {
            throw new UserException("no audio files found in " + inputs);
        }
        Grouping grouping = Grouping.parse(adapt, Grouping.allBut(Grouping.CORPUS));
        ModelBundle bundle = ShippedModels.load(model);
        grouping.check(bundle);
        Predictor predictor = new Predictor(bundle);
        if (grouping != Grouping.NONE && segments) {
            throw new IllegalArgumentException("--adapt and --segments cannot be combined");
        }
        SegmentSource segmentSource = !segments ? null
                : window != null ? SegmentSource.fixedWindows(window, window / 2) : SegmentSource.voiceActivity();
        Map<Path, String> speakers = grouping == Grouping.SPEAKER ? speakers(files) : Map.of();
        int failed = 0;
        boolean pretty = format.equals("json") && files.size() == 1;
        if (format.equals("table")) {
            out.printf("%-40s %-10s %6s  %s%n", "file", "emotion", "conf", "top 3");
        }
        classes = bundle.classes();
        if (format.equals("csv")) {
            out.println((segments ? "file,start_s,end_s,speech,emotion,confidence," : "file,duration_s,speech,emotion,"
                    + "confidence,") + String.join(",", classes));
        }
        // With --adapt, each clip's features wait (without their audio) for the rest of its group.
        Map<String, List<Predictor.Clip>> groups = new LinkedHashMap<>();
        try (Progress progress = Progress.start("predict", files.size(), quiet || files.size() < 2)) {
            for (Path file : files) {
                try {
                    if (grouping != Grouping.NONE) {
                        String group = grouping == Grouping.FOLDER ? Grouping.folderOf(file)
                                : speakers.get(file.toAbsolutePath().normalize());
                        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(predictor.featurise(readClip(file,
                                bundle.featureSpec().sampleRate())));
                    } else {
                        Prediction p = TimelineSmoothing.smooth(predictFile(predictor, file, segmentSource),
                                classes, smooth);
                        print(out, p, pretty);
                        if (plot != null) {
                            int rate = bundle.featureSpec().sampleRate();
                            TimelinePlot.write(plot, p, TimelinePlot.envelope(file, rate, p.durationS()), classes);
                        }
                    }
                } catch (AudioException | UserException e) {
                    failed++;
                    err.println("error: " + e.getMessage());
                }
                progress.step();
            }
        }
        for (Map.Entry<String, List<Predictor.Clip>> group : groups.entrySet()) {
            try {
                for (Prediction p : predictor.predictGroup(group.getValue(), grouping.id(), group.getKey())) {
                    print(out, p, pretty);
                }
            } catch (IllegalArgumentException e) {
                failed += group.getValue().size();
                err.println("error: " + e.getMessage());
            }
        }
        out.flush();
        if (failed > 0) {
            err.printf("predict: %d of %d file(s) failed%n", failed, files.size());
            return Main.EXIT_INPUT_ERROR;
        }
        return 0;
    }

    /**
     * A clip to be answered with its group, read whole: a recording over {@link #LONG_RECORDING_S} is refused (its
     * timeline is the answer, not one clip's).
     */
    private static Signal readClip(Path file, int rate) {
        try (AudioStream stream = AudioReader.stream(file, rate, STREAM_BLOCK)) {
            double announced = stream.announcedSeconds();
            if (announced < 0 || announced > LONG_RECORDING_S) {
                throw new UserException(file + ": --adapt answers clips; a recording over "
                        + (int) (LONG_RECORDING_S / 60) + " minutes is predicted on its own (drop --adapt)");
            }
        }
        return AudioReader.read(file, rate);
    }

    /**
     * The speaker of every file, from the corpus folders among the inputs (their loaders read speakers from file
     * names). A file of no recognised corpus cannot be grouped by speaker.
     */
    private Map<Path, String> speakers(List<Path> files) {
        Map<Path, String> bySpeaker = new HashMap<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try {
                    for (Utterance u : Corpora.load(input).utterances()) {
                        bySpeaker.put(u.path().toAbsolutePath().normalize(), u.speaker());
                    }
                } catch (CorpusException e) {
                    throw new UserException("--adapt speaker: " + e.getMessage() + "; with one folder per speaker, "
                            + "use --adapt folder");
                }
            }
        }
        List<Path> unknown = files.stream().filter(f -> !bySpeaker.containsKey(f.toAbsolutePath().normalize()))
                .toList();
        if (!unknown.isEmpty()) {
            throw new UserException("--adapt speaker: the speaker of " + unknown.size() + " file(s) is unknown (e.g. "
                    + unknown.get(0) + "); give corpus folders whose names give speakers, or use --adapt folder");
        }
        return bySpeaker;
    }

    /**
     * One recording's answer. One announced longer than {@link #LONG_RECORDING_S} (or not announcing its length) is
     * predicted as a stream in bounded memory, its score the duration-weighted mean of its voice-activity segments
     * ({@link Predictor#predictLong}); a shorter one is read whole and featurised as one clip.
     */
    private Prediction predictFile(Predictor predictor, Path file, SegmentSource segmentSource) {
        int rate = predictor.bundle().featureSpec().sampleRate();
        try (AudioStream stream = AudioReader.stream(file, rate, STREAM_BLOCK)) {
            double announced = stream.announcedSeconds();
            if (announced < 0 || announced > LONG_RECORDING_S) {
                if (window != null) {
                    throw new UserException(file + ": a recording over " + (int) (LONG_RECORDING_S / 60)
                            + " minutes is cut at its pauses, not into fixed windows: drop --window");
                }
                return predictor.predictLong(stream, segments, Runtime.getRuntime().availableProcessors());
            }
        }
        // Opening the stream only parsed the header; a short recording is read the way every other entry point
        // (serve, Spark, training) reads one, so its samples are exactly theirs.
        return predictor.predict(AudioReader.read(file, rate), segmentSource);
    }

    private void print(PrintWriter out, Prediction p, boolean pretty) {
        switch (format) {
            case "table" -> {
                if (p.speech()) {
                    StringBuilder top = new StringBuilder();
                    for (Prediction.Score s : p.top3()) {
                        top.append(String.format(Locale.ROOT, "%s %.2f  ", s.emotion(), s.score()));
                    }
                    out.printf(Locale.ROOT, "%-40s %-10s %6.3f  %s%n", shorten(p.file()), p.emotion(),
                            p.confidence(), top.toString().trim());
                } else {
                    out.printf(Locale.ROOT, "%-40s %-10s %6s  %s%n", shorten(p.file()), p.emotion(), "-",
                            p.noSpeechReason() == null ? "no speech" : "no speech: " + p.noSpeechReason());
                }
                if (p.segments() != null) {
                    for (Prediction.Segment s : p.segments()) {
                        if (s.speech()) {
                            out.printf(Locale.ROOT, "  %7.2f-%7.2f s %-10s %6.3f%n", s.startS(), s.endS(),
                                    s.emotion(), s.confidence());
                        } else {
                            out.printf(Locale.ROOT, "  %7.2f-%7.2f s %-10s %6s%n", s.startS(), s.endS(),
                                    Prediction.NO_SPEECH, "-");
                        }
                    }
                }
            }
            case "csv" -> {
                if (p.segments() == null) {
                    out.println(String.join(",", FeaturesCommand.csvQuote(p.file()), Double.toString(p.durationS()),
                            Boolean.toString(p.speech()), p.emotion(), Double.toString(p.confidence()),
                            scores(p.allScores())));
                } else {
                    for (Prediction.Segment s : p.segments()) {
                        out.println(String.join(",", FeaturesCommand.csvQuote(p.file()), Double.toString(s.startS()),
                                Double.toString(s.endS()), Boolean.toString(s.speech()),
                                s.speech() ? s.emotion() : "", s.speech() ? Double.toString(s.confidence()) : "",
                                scores(s.allScores())));
                    }
                }
            }
            case "summary" -> out.println(compact(TimelineSummary.of(p, classes)));
            default -> out.println(pretty ? p.toJson() : compact(p));
        }
        out.flush();
    }

    /** The class scores in the header's order; empty cells for a stretch or recording without speech. */
    private String scores(java.util.Map<String, Double> all) {
        List<String> cells = new ArrayList<>();
        for (String c : classes) {
            Double v = all == null ? null : all.get(c);
            cells.add(v == null ? "" : Double.toString(v));
        }
        return String.join(",", cells);
    }

    private static String compact(Object p) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 37);
    }
}
