package org.ser4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.Progress;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.LibrosaFeatures;
import org.ser4j.features.Params;
import org.ser4j.io.Npy;
import org.ser4j.models.report.FeatureImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ser4j features}: frame-level features by librosa name, or a named utterance-level set, written per file
 * as .npy (loads with np.load), .csv or .json, each with a JSON sidecar of the parameters used.
 */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Extract features from audio files or folders.",
            "With --feature, each frame-level feature is written as one array in librosa's orientation "
                + "(features x frames); names and --param keys are librosa's (e.g. --feature mfcc --param n_mfcc=20). "
                + "With --set, the utterance-level vector of a named set (seed, full, egemaps) is written per file, and "
                + "for --format csv also as one table <set>.csv with a row per file.",
            "Known features: run 'ser4j features --list'."})
final class FeaturesCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--set", paramLabel = "NAME", description = "Named feature set: seed, full, egemaps.")
    String set;

    @Option(names = "--feature", paramLabel = "NAME", description = "Frame-level feature by librosa name "
            + "(repeatable), e.g. mfcc, melspectrogram, chroma_stft, spectral_contrast, rms, pyin.")
    List<String> featureNames = new ArrayList<>();

    @Option(names = "--param", paramLabel = "K=V", description = "librosa parameter for --feature, or a set "
            + "parameter for --set (repeatable), e.g. n_mfcc=20 hop_length=160.")
    List<String> params = new ArrayList<>();

    @Option(names = "--sr", paramLabel = "N|native", defaultValue = "native",
            description = "Sample rate to resample to before --feature extraction (default: ${DEFAULT-VALUE}). "
                + "Sets use their own rate (16000) unless given.")
    String sr;

    @Option(names = "--format", defaultValue = "npy", description = "npy, csv or json (default: ${DEFAULT-VALUE}); "
            + "png draws each --feature as an image (spectra in dB), e.g. mel spectrograms for image CNNs.")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--list", description = "List the known features and sets, then exit.")
    boolean list;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Audio files or folders (recursive).")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            stdout.println("sets: " + String.join(", ", FeatureSets.names()));
            for (String n : LibrosaFeatures.names()) {
                stdout.printf("  %-22s %s%n", n, LibrosaFeatures.description(n));
            }
            return 0;
        }
        format = format.toLowerCase(Locale.ROOT);
        if (!List.of("npy", "csv", "json", "png").contains(format)) {
            throw new IllegalArgumentException("--format must be npy, csv, json or png, not " + format);
        }
        if ((set == null) == featureNames.isEmpty()) {
            throw new IllegalArgumentException("give either --set NAME or one or more --feature NAME");
        }
        if (format.equals("png") && set != null) {
            throw new IllegalArgumentException("--format png draws frame features (e.g. --feature melspectrogram); "
                    + "a set's vector is not an image: use npy, csv or json with --set");
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input files given");
        }
        for (String f : featureNames) {
            if (!LibrosaFeatures.names().contains(f)) {
                throw new IllegalArgumentException("unknown feature '" + f + "' (known: " + LibrosaFeatures.names()
                        + ")");
            }
        }
        List<Path> files = AudioInputs.expand(inputs);
        if (files.isEmpty()) {
            throw new UserException("no audio files found in " + inputs);
        }
        Files.createDirectories(out);
        Map<Path, String> names = outputNames(files);
        FeatureExtractor extractor = set == null ? null : FeatureSets.extractor(setSpec());
        Integer targetSr = sr.equalsIgnoreCase("native") ? null : parseRate(sr);

        List<String> failures = new ArrayList<>();
        List<Map.Entry<Path, double[]>> rows = new ArrayList<>();
        try (Progress progress = Progress.start("features", files.size(), quiet)) {
            for (Path file : files) {
                try {
                    if (extractor != null) {
                        Signal s = targetSr == null ? AudioReader.read(file) : AudioReader.read(file, targetSr);
                        double[] v = extractor.extract(s);
                        writeSetVector(names.get(file), file, extractor, v);
                        rows.add(Map.entry(file, v));
                    } else {
                        Signal s = targetSr == null ? AudioReader.read(file) : AudioReader.read(file, targetSr);
                        for (String f : featureNames) {
                            Params p = Params.parse(params);
                            double[][] m = LibrosaFeatures.compute(f, s, p);
                            writeFrameFeature(names.get(file) + "." + f, file, f, s.sampleRate(), p, m);
                        }
                    }
                } catch (RuntimeException e) {
                    if (e instanceof IllegalArgumentException && !(e instanceof org.ser4j.audio.AudioException)) {
                        throw e; // a bad --param fails the whole run, not each file
                    }
                    failures.add(file + ": " + e.getMessage());
                }
                progress.step();
            }
        }
        if (extractor != null && format.equals("csv") && !rows.isEmpty()) {
            writeTable(out.resolve(set + ".csv"), extractor.names(), rows);
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String f : failures) {
            err.println("error: " + f);
        }
        err.printf("features: %d file(s) written to %s, %d failed%n", files.size() - failures.size(), out,
                failures.size());
        return failures.isEmpty() ? 0 : Main.EXIT_INPUT_ERROR;
    }

    private FeatureSpec setSpec() {
        return FeatureSets.spec(set, Params.parse(params).asMap(), sr.equalsIgnoreCase("native") ? null : parseRate(sr));
    }

    private static int parseRate(String s) {
        try {
            int r = Integer.parseInt(s);
            if (r < 1000 || r > 384000) {
                throw new IllegalArgumentException("--sr must be between 1000 and 384000 Hz, or 'native'");
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sr must be a number of Hz or 'native', not " + s);
        }
    }

    /** Output base names: the file stem, made unique with the parent folder name where stems repeat. */
    private static Map<Path, String> outputNames(List<Path> files) {
        Map<String, Integer> count = new HashMap<>();
        for (Path f : files) {
            count.merge(AudioInputs.stem(f), 1, Integer::sum);
        }
        Map<Path, String> names = new LinkedHashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (Path f : files) {
            String stem = AudioInputs.stem(f);
            String name = stem;
            if (count.get(stem) > 1) {
                Path parent = f.toAbsolutePath().getParent();
                name = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "__") + stem;
                int n = used.merge(name, 1, Integer::sum);
                if (n > 1) {
                    name = name + "__" + n;
                }
            }
            names.put(f, name);
        }
        return names;
    }

    private void writeFrameFeature(String base, Path file, String feature, int rate, Params p, double[][] m)
            throws IOException {
        if (format.equals("png")) {
            double exponent = switch (feature) {
                case "stft" -> 1;
                case "melspectrogram" -> p.getDouble("power", 2.0);
                default -> 0;
            };
            if (m.length == 0 || m[0].length == 0) {
                throw new UserException(base + ".png: the clip is too short for one frame");
            }
            Files.write(out.resolve(base + ".png"), FeatureImage.png(m, exponent));
        } else {
            writeArray(out.resolve(base + "." + format), m, null);
        }
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("file", file.toString());
        side.put("feature", feature);
        side.put("sr", rate);
        side.put("params", p.asMap());
        side.put("shape", List.of(m.length, m.length == 0 ? 0 : m[0].length));
        side.put("orientation", "features x frames (librosa)");
        JSON.writeValue(out.resolve(base + ".params.json").toFile(), side);
    }

    private void writeSetVector(String base, Path file, FeatureExtractor ex, double[] v) throws IOException {
        String name = base + "." + set;
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < v.length; i++) {
                values.put(ex.names().get(i), v[i]);
            }
            doc.put("features", values);
            JSON.writeValue(out.resolve(name + ".json").toFile(), doc);
        } else {
            writeArray(out.resolve(name + "." + format), new double[][] {v}, ex.names());
        }
        Path sidecar = out.resolve(set + ".spec.json");
        if (!Files.exists(sidecar)) {
            Files.writeString(sidecar, ex.spec().toJson());
        }
    }

    private void writeArray(Path path, double[][] m, List<String> header) throws IOException {
        switch (format) {
            case "npy" -> {
                if (header != null) {
                    Npy.write(path, m[0]);
                } else {
                    Npy.write(path, m);
                }
            }
            case "csv" -> {
                try (Writer w = Files.newBufferedWriter(path)) {
                    if (header != null) {
                        w.write(String.join(",", header));
                        w.write('\n');
                    }
                    for (double[] row : m) {
                        w.write(joinNumbers(row));
                        w.write('\n');
                    }
                }
            }
            default -> JSON.writeValue(path.toFile(), m);
        }
    }

    private static void writeTable(Path path, List<String> names, List<Map.Entry<Path, double[]>> rows)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(path)) {
            w.write("file," + String.join(",", names) + "\n");
            for (Map.Entry<Path, double[]> r : rows) {
                w.write(csvQuote(r.getKey().toString()) + "," + joinNumbers(r.getValue()) + "\n");
            }
        }
    }

    private static String joinNumbers(double[] row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Double.isNaN(row[i]) ? "nan" : Double.toString(row[i]));
        }
        return sb.toString();
    }

    /** A CSV field, quoted when it holds a comma or a quote (file names). */
    static String csvQuote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
