package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.Emotion;
import org.ser4j.data.Utterance;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.io.SharedPaths;
import org.ser4j.models.InvarianceReport.FeatureShift;
import org.ser4j.models.InvarianceReport.Row;
import org.ser4j.models.Rendering.Kind;

/**
 * The invariance ("same answer") suite: the shipped {@code default} model must answer the same for the same voice
 * whatever container it arrives in: sample rate, bit depth, channels, level, DC offset, a lead-in of room noise,
 * or a lossy codec.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>picks {@value #CLIPS_PER_CORPUS} clips of every corpus under {@code SER4J_DATA} (a fixed stride over each
 *       corpus's files sorted by path, so the same clips every run);</li>
 *   <li>renders each clip with sox and ffmpeg ({@link Rendering#CATALOGUE}) into a temporary folder, on
 *       {@value #THREADS} threads;</li>
 *   <li>decodes every rendering with the product's own decoder ({@link AudioReader#read(Path)}, native rate) and
 *       predicts it with {@link Predictor}, exactly as {@code ser4j predict} does;</li>
 *   <li>compares each rendering's answers with the reference's: top-1 agreement and mean Jensen-Shannon divergence
 *       ({@link InvarianceMetrics});</li>
 *   <li>compares the features of the float 48 kHz rendering with the reference's, in cross-clip standard
 *       deviations, through the bundle's own extractor (which prepares the audio as prediction does);</li>
 *   <li>predicts the 40 published 48 kHz RAVDESS originals and their 16 kHz pool copies;</li>
 *   <li>writes {@code target/invariance/invariance.md} and {@code .json}, prints the Markdown, and only then
 *       asserts every threshold at once, so one run shows everything that fails.</li>
 * </ol>
 * Without sox or ffmpeg on PATH the suite is skipped, unless {@code CI} is set ({@link ExternalTools}). To measure
 * a candidate before it is shipped, name its bundle file in the system property {@value #BUNDLE_PROPERTY}
 * ({@code mvn test -Dtest=InvarianceSuiteTest -Dser4j.invariance.bundle=/path/to/model.ser4j}).
 */
class InvarianceSuiteTest {
    private static final int CLIPS_PER_CORPUS = 50;
    private static final int MIN_CLIPS = 200;
    /** CI machines have two cores; the external tools and prediction share them. */
    private static final int THREADS = 2;

    private static final double LOSSLESS_MIN_AGREEMENT = 0.95;
    private static final double LOSSY_MIN_AGREEMENT = 0.90;
    private static final double MAX_MEAN_JSD = 0.02;
    /** Largest allowed mean |feature(float 48 kHz) - feature(reference)|, in cross-clip standard deviations. */
    private static final double MAX_FEATURE_SHIFT = 0.5;
    private static final int WORST_FEATURES_REPORTED = 10;
    private static final double ORIGINALS_MIN_AGREEMENT = 0.95;

    private static final Path REPORT_DIR = Path.of("target", "invariance");
    /** System property naming another bundle to measure instead of the shipped default. */
    static final String BUNDLE_PROPERTY = "ser4j.invariance.bundle";

    /** The answer to one rendering: the top emotion as reported, and {@link InvarianceMetrics#outcome}. */
    private record Answer(String emotion, double[] outcome) {
    }

    /** A rendering of one clip that produced no answer, and at which step. */
    private record Failure(String rendering, String step, String clip, String message) {
    }

    /** Everything measured on one clip. */
    private static final class ClipResult {
        final Utterance clip;
        final Map<String, Answer> answers = new LinkedHashMap<>();
        final List<Failure> failures = new ArrayList<>();
        double[] referenceFeatures;
        double[] float48kFeatures;

        ClipResult(Utterance clip) {
            this.clip = clip;
        }
    }

    /** A published 48 kHz original and its 16 kHz pool copy (null if the pool has no such file). */
    private record OriginalPair(Path original, Utterance poolCopy, Answer originalAnswer, Answer poolAnswer,
                                String failure) {
    }

    @TempDir
    Path work;

    private ModelBundle bundle;
    private Predictor predictor;
    private FeatureExtractor extractor;
    private LabelMap labelMap;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theAnswerDependsOnTheVoiceNotOnTheContainer() throws Exception {
        ExternalTools.requireOnPath("sox", "ffmpeg");
        long start = System.nanoTime();
        bundle = ShippedModels.load(System.getProperty(BUNDLE_PROPERTY, ShippedModels.DEFAULT));
        predictor = new Predictor(bundle);
        extractor = bundle.featureExtractor();
        labelMap = bundle.labelMap();
        Path datasets = SharedPaths.datasets();
        List<Utterance> corpora = Corpora.load(datasets).utterances();
        List<Utterance> clips = pickClips(corpora);

        // One room-noise file for all clips; each clip scales it to its own speech level.
        Path roomNoise = work.resolve("pink_noise_0.5s.wav");
        ExternalTools.run(Rendering.roomNoiseCommand(roomNoise));
        double roomNoiseRms = InvarianceMetrics.rms(AudioReader.read(roomNoise));

        List<ClipResult> results = new ArrayList<>();
        List<OriginalPair> originals = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<ClipResult>> clipJobs = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                Utterance clip = clips.get(i);
                Path dir = work.resolve(String.format(Locale.ROOT, "clip-%03d", i));
                clipJobs.add(pool.submit(() -> evaluate(clip, dir, roomNoise, roomNoiseRms)));
            }
            List<Future<OriginalPair>> originalJobs = new ArrayList<>();
            for (Path original : ravdessOriginals()) {
                originalJobs.add(pool.submit(() -> evaluateOriginal(original, datasets, corpora)));
            }
            for (Future<ClipResult> f : clipJobs) {
                results.add(get(f));
            }
            for (Future<OriginalPair> f : originalJobs) {
                originals.add(get(f));
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> failures = new ArrayList<>();
        if (clips.size() < MIN_CLIPS) {
            failures.add("only " + clips.size() + " pool clips under " + datasets + " (at least " + MIN_CLIPS
                    + " wanted)");
        }
        failures.addAll(unanswered(results));
        List<Row> rows = new ArrayList<>();
        for (Rendering r : Rendering.CATALOGUE) {
            rows.add(compare(r, results, failures));
        }
        rows.add(compareOriginals(originals, failures));
        List<FeatureShift> shifts = featureShifts(results);
        List<FeatureShift> over = shifts.stream().filter(s -> !(s.shift() <= MAX_FEATURE_SHIFT)).toList();
        if (!over.isEmpty()) {
            failures.add(String.format(Locale.ROOT, "feature shift: %d of %d features move more than %.2f cross-clip "
                    + "SD between float 48 kHz and the reference: %s", over.size(), shifts.size(), MAX_FEATURE_SHIFT,
                    over.stream().map(s -> String.format(Locale.ROOT, "%s %.2f", s.feature(), s.shift()))
                            .collect(Collectors.joining(", "))));
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        InvarianceReport report = new InvarianceReport(
                bundle.provenance().name() + " v" + bundle.provenance().version(), clipsPerCorpus(clips), seconds,
                rows, featureSetDescription(), extractor.names().size(), MAX_FEATURE_SHIFT,
                shifts.subList(0, Math.min(WORST_FEATURES_REPORTED, shifts.size())), over.size(), failures);
        report.write(REPORT_DIR);
        System.out.println(report.toMarkdown());
        System.out.println("(written to " + REPORT_DIR.toAbsolutePath() + ")");

        assertTrue(failures.isEmpty(), failures.size() + " invariance check(s) failed (table in "
                + REPORT_DIR.resolve("invariance.md").toAbsolutePath() + "):\n  " + String.join("\n  ", failures));
    }

    // ------------------------------------------------------------------------------------------------ the clips

    /**
     * {@value #CLIPS_PER_CORPUS} clips of each corpus (as the corpus loaders read and label them): indices 0,
     * n/50, 2n/50, ... of the corpus's files sorted by path, so every speaker and emotion range of a corpus is
     * visited and the choice never changes between runs.
     */
    private static List<Utterance> pickClips(List<Utterance> corpora) {
        Map<String, List<Utterance>> byCorpus = corpora.stream()
                .collect(Collectors.groupingBy(Utterance::corpus, TreeMap::new, Collectors.toList()));
        List<Utterance> picked = new ArrayList<>();
        for (List<Utterance> corpus : byCorpus.values()) {
            List<Utterance> sorted = corpus.stream().sorted(Comparator.comparing(u -> u.path().toString())).toList();
            int take = Math.min(CLIPS_PER_CORPUS, sorted.size());
            for (int i = 0; i < take; i++) {
                picked.add(sorted.get((int) ((long) i * sorted.size() / take)));
            }
        }
        return picked;
    }

    private static Map<String, Integer> clipsPerCorpus(List<Utterance> clips) {
        Map<String, Integer> counts = new TreeMap<>();
        clips.forEach(u -> counts.merge(u.corpus(), 1, Integer::sum));
        return counts;
    }

    /**
     * Renders one clip every way, decodes and predicts each rendering, and keeps the features of the reference and
     * the float 48 kHz rendering. The clip's folder is deleted afterwards, so the suite needs little disk.
     */
    private ClipResult evaluate(Utterance clip, Path dir, Path roomNoise, double roomNoiseRms) throws IOException {
        ClipResult result = new ClipResult(clip);
        Files.createDirectories(dir);
        try {
            Path reference = dir.resolve(Rendering.REFERENCE.fileName());
            Signal referenceSignal = render(Rendering.REFERENCE, new Rendering.Job(clip.path(), reference, roomNoise,
                    0), result);
            if (referenceSignal == null) {
                return result; // nothing to compare with; reported as a failure of the reference rendering
            }
            predict(Rendering.REFERENCE, referenceSignal, result);
            result.referenceFeatures = features(Rendering.REFERENCE, referenceSignal, result);
            double noiseScale = InvarianceMetrics.speechLevel(referenceSignal)
                    * Math.pow(10, -Rendering.ROOM_NOISE_DB / 20) / roomNoiseRms;
            for (Rendering r : Rendering.compared()) {
                Signal decoded = render(r, new Rendering.Job(reference, dir.resolve(r.fileName()), roomNoise,
                        noiseScale), result);
                if (decoded == null) {
                    continue;
                }
                predict(r, decoded, result);
                if (r == Rendering.FLOAT_48K) {
                    result.float48kFeatures = features(r, decoded, result);
                }
            }
        } finally {
            deleteTree(dir);
        }
        return result;
    }

    /** Renders with the external tool and decodes with ser4j's decoder; null (and a failure noted) if either fails. */
    private static Signal render(Rendering r, Rendering.Job job, ClipResult result) {
        try {
            ExternalTools.run(r.command().apply(job));
        } catch (ExternalTools.CommandFailed e) {
            result.failures.add(new Failure(r.name(), "render", clipName(result.clip), e.getMessage()));
            return null;
        }
        try {
            return AudioReader.read(job.out());
        } catch (RuntimeException e) {
            result.failures.add(new Failure(r.name(), "decode", clipName(result.clip),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return null;
        }
    }

    private void predict(Rendering r, Signal signal, ClipResult result) {
        try {
            result.answers.put(r.name(), answer(signal));
        } catch (RuntimeException e) {
            result.failures.add(new Failure(r.name(), "predict", clipName(result.clip),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * The bundle's features of a rendering, through the extractor's {@code extract(Signal)} exactly as prediction
     * reaches them (it resamples and conditions the audio as the bundle's spec says); null (and a failure noted) if
     * extraction fails.
     */
    private double[] features(Rendering r, Signal signal, ClipResult result) {
        try {
            return extractor.extract(signal);
        } catch (RuntimeException e) {
            result.failures.add(new Failure(r.name(), "features", clipName(result.clip),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return null;
        }
    }

    private Answer answer(Signal signal) {
        Prediction p = predictor.predict(signal);
        return new Answer(p.emotion(), InvarianceMetrics.outcome(p, bundle.classes()));
    }

    // --------------------------------------------------------------------------------------------- comparisons

    /** One table row: a rendering's answers against the reference's, and its thresholds checked. */
    private Row compare(Rendering r, List<ClipResult> results, List<String> failures) {
        List<String> truthLabels = new ArrayList<>();
        // Clips this rendering gave no answer for; unanswered() has already listed them as failures.
        int unanswered = (int) results.stream()
                .filter(c -> c.failures.stream().anyMatch(f -> f.rendering().equals(r.name()))).count();
        int agree = 0;
        double jsd = 0;
        List<Answer> answered = new ArrayList<>();
        for (ClipResult c : results) {
            Answer ref = c.answers.get(Rendering.REFERENCE.name());
            Answer a = c.answers.get(r.name());
            if (ref == null || a == null) {
                continue;
            }
            agree += a.emotion().equals(ref.emotion()) ? 1 : 0;
            jsd += InvarianceMetrics.jensenShannon(ref.outcome(), a.outcome());
            answered.add(a);
            truthLabels.add(trueClass(c.clip));
        }
        int n = answered.size();
        double agreement = n == 0 ? Double.NaN : (double) agree / n;
        double meanJsd = n == 0 ? Double.NaN : jsd / n;
        double ua = unweightedAccuracy(truthLabels, answered.stream().map(Answer::emotion).toList());

        double minAgreement = switch (r.kind()) {
            case LOSSLESS -> LOSSLESS_MIN_AGREEMENT;
            case LOSSY -> LOSSY_MIN_AGREEMENT;
            case REFERENCE, REPORT_ONLY -> Double.NaN;
        };
        if (Double.isNaN(minAgreement)) {
            return new Row(r.name(), r.description(), r.kind().label(), n, unanswered, agreement, meanJsd, ua, "",
                    unanswered == 0);
        }
        boolean passed = unanswered == 0;
        // NaN (no clip answered) fails too: the rendering was not measured, which the failure lines explain.
        if (!(agreement >= minAgreement)) {
            failures.add(String.format(Locale.ROOT, "%s (%s): agreement %.3f < %.2f (%d of %d clips changed their "
                    + "answer)", r.name(), r.kind().label(), agreement, minAgreement, n - agree, n));
            passed = false;
        }
        if (!(meanJsd <= MAX_MEAN_JSD)) {
            failures.add(String.format(Locale.ROOT, "%s (%s): mean JSD %.4f > %.2f", r.name(), r.kind().label(),
                    meanJsd, MAX_MEAN_JSD));
            passed = false;
        }
        String limits = String.format(Locale.ROOT, "agreement ≥ %.2f, JSD ≤ %.2f", minAgreement, MAX_MEAN_JSD);
        return new Row(r.name(), r.description(), r.kind().label(), n, unanswered, agreement, meanJsd, ua, limits,
                passed);
    }

    /**
     * Renderings that gave no answer, one line per rendering and step (render, decode, predict), naming how many
     * clips and the first message. A rendering ser4j cannot decode is exactly what users meet, so each is a
     * failure of its own, besides the agreement it then lacks.
     */
    private static List<String> unanswered(List<ClipResult> results) {
        Map<String, List<Failure>> byRenderingAndStep = results.stream().flatMap(c -> c.failures.stream())
                .collect(Collectors.groupingBy(f -> f.rendering() + ": " + f.step(), LinkedHashMap::new,
                        Collectors.toList()));
        List<String> lines = new ArrayList<>();
        byRenderingAndStep.forEach((key, list) -> {
            Failure first = list.get(0);
            String step = switch (first.step()) {
                case "render" -> "could not be rendered by sox/ffmpeg";
                case "decode" -> "could not be decoded by AudioReader";
                case "features" -> "gave no features (bundle extractor failed)";
                default -> "could not be predicted";
            };
            lines.add(String.format(Locale.ROOT, "%s: %d of %d clips %s (first: %s: %s)", first.rendering(),
                    list.size(), results.size(), step, first.clip(), first.message()));
        });
        return lines;
    }

    /**
     * Mean over clips of |feature(float 48 kHz) - feature(reference)| divided by the feature's standard deviation
     * across the clips' references: how far the container moves a feature, compared with how much it varies
     * between recordings. Sorted, largest shift first. A feature constant over the clips shifts 0 if it never
     * moves and infinitely if it does.
     */
    private List<FeatureShift> featureShifts(List<ClipResult> results) {
        List<double[]> refs = new ArrayList<>();
        List<double[]> floats = new ArrayList<>();
        for (ClipResult c : results) {
            if (c.referenceFeatures != null && c.float48kFeatures != null) {
                refs.add(c.referenceFeatures);
                floats.add(c.float48kFeatures);
            }
        }
        List<String> names = extractor.names();
        List<FeatureShift> shifts = new ArrayList<>();
        if (refs.size() < 2) {
            return shifts; // unanswered() has already reported why
        }
        for (int f = 0; f < names.size(); f++) {
            double mean = 0;
            for (double[] v : refs) {
                mean += v[f];
            }
            mean /= refs.size();
            double var = 0;
            for (double[] v : refs) {
                var += (v[f] - mean) * (v[f] - mean);
            }
            double sd = Math.sqrt(var / (refs.size() - 1));
            double diff = 0;
            for (int i = 0; i < refs.size(); i++) {
                diff += Math.abs(floats.get(i)[f] - refs.get(i)[f]);
            }
            diff /= refs.size();
            // NaN (a non-finite feature) stays NaN and fails the check, as it should.
            double shift = sd > 0 ? diff / sd : diff == 0 ? 0 : Double.POSITIVE_INFINITY;
            shifts.add(new FeatureShift(names.get(f), shift, diff, sd));
        }
        shifts.sort(Comparator.comparingDouble((FeatureShift s) -> Double.isNaN(s.shift())
                ? Double.POSITIVE_INFINITY : s.shift()).reversed());
        return shifts;
    }

    private String featureSetDescription() {
        var spec = extractor.spec();
        return spec.set() + " v" + spec.version() + " @" + spec.sampleRate() + " Hz, conditioning: "
                + spec.conditioning().describe();
    }

    // ------------------------------------------------------------------------------------- published originals

    /** The published 48 kHz RAVDESS recordings of samples/ravdess-48k, sorted by path. */
    private static List<Path> ravdessOriginals() throws IOException {
        try (Stream<Path> files = Files.walk(SharedPaths.samples().resolve("ravdess-48k"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
        }
    }

    /** Predicts an original and its pool copy (datasets/ravdess/Actor_NN/same name.flac). */
    private OriginalPair evaluateOriginal(Path original, Path datasets, List<Utterance> corpora) {
        String name = original.getFileName().toString().replaceAll("\\.wav$", ".flac");
        Path copyPath = datasets.resolve("ravdess").resolve(original.getParent().getFileName().toString())
                .resolve(name).toAbsolutePath().normalize();
        Utterance copy = corpora.stream().filter(u -> u.path().toAbsolutePath().normalize().equals(copyPath))
                .findFirst().orElse(null);
        if (copy == null) {
            return new OriginalPair(original, null, null, null, "no pool copy " + copyPath);
        }
        try {
            return new OriginalPair(original, copy, answer(AudioReader.read(original)),
                    answer(AudioReader.read(copy.path())), null);
        } catch (RuntimeException e) {
            return new OriginalPair(original, copy, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The originals' row: the same top answer as the pool copy (asserted), mean JSD (reported). */
    private Row compareOriginals(List<OriginalPair> pairs, List<String> failures) {
        int failuresBefore = failures.size();
        int unanswered = 0;
        int agree = 0;
        double jsd = 0;
        int n = 0;
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (OriginalPair p : pairs) {
            if (p.failure() != null) {
                failures.add("ravdess-48k-originals: " + p.original().getFileName() + " or its pool copy could not "
                        + "be read or predicted: " + p.failure());
                unanswered++;
                continue;
            }
            n++;
            agree += p.originalAnswer().emotion().equals(p.poolAnswer().emotion()) ? 1 : 0;
            jsd += InvarianceMetrics.jensenShannon(p.poolAnswer().outcome(), p.originalAnswer().outcome());
            truth.add(trueClass(p.poolCopy()));
            predicted.add(p.originalAnswer().emotion());
        }
        double agreement = n == 0 ? Double.NaN : (double) agree / n;
        if (pairs.size() < 40) {
            failures.add("ravdess-48k-originals: only " + pairs.size() + " of the 40 published originals found under "
                    + SharedPaths.samples().resolve("ravdess-48k"));
        }
        if (!(agreement >= ORIGINALS_MIN_AGREEMENT)) {
            failures.add(String.format(Locale.ROOT, "ravdess-48k-originals (lossless): agreement %.3f < %.2f (%d of %d "
                    + "published 48 kHz originals answer differently from their 16 kHz pool copies)", agreement,
                    ORIGINALS_MIN_AGREEMENT, n - agree, n));
        }
        return new Row("ravdess-48k-originals", "the 40 published 48 kHz RAVDESS WAVs vs their 16 kHz pool FLACs",
                Kind.LOSSLESS.label(), n, unanswered, agreement, n == 0 ? Double.NaN : jsd / n,
                unweightedAccuracy(truth, predicted),
                String.format(Locale.ROOT, "agreement ≥ %.2f (JSD reported)", ORIGINALS_MIN_AGREEMENT),
                failures.size() == failuresBefore);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The clip's emotion as the model's class label (the model's label map folds e.g. calm into neutral), or null. */
    private String trueClass(Utterance clip) {
        return labelMap.map(clip.emotion()).map(Emotion::label).orElse(null);
    }

    /** UA of predicted labels against true labels (null: a clip whose emotion the model does not predict). */
    private double unweightedAccuracy(List<String> truth, List<String> predicted) {
        List<String> classes = bundle.classes();
        int[] t = truth.stream().mapToInt(e -> e == null ? -1 : classes.indexOf(e)).toArray();
        int[] p = predicted.stream().mapToInt(classes::indexOf).toArray();
        return InvarianceMetrics.unweightedAccuracy(t, p, classes.size());
    }

    private static String clipName(Utterance clip) {
        Path datasets = SharedPaths.datasets().toAbsolutePath();
        Path p = clip.path().toAbsolutePath();
        return p.startsWith(datasets) ? datasets.relativize(p).toString() : p.toString();
    }

    private static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
