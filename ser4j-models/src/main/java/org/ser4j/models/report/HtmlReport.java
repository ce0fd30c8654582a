package org.ser4j.models.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Signal;
import org.ser4j.data.Utterance;
import org.ser4j.dsp.StftParams;
import org.ser4j.features.spectral.Mel;
import org.ser4j.features.spectral.MelParams;
import org.ser4j.features.spectral.Spectrogram;
import org.ser4j.models.Json;
import org.ser4j.models.Provenance;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.eval.FeatureImportance;
import org.ser4j.models.adaptation.AdaptationReport;
import org.ser4j.models.eval.Robustness;
import org.ser4j.models.experiment.ExperimentResult;

/**
 * A self-contained HTML report (one file, readable offline): summary metrics with confidence intervals, a
 * row-normalised confusion heat map, per-class scores, the gender breakdown, per-corpus and per-speaker tables,
 * a reliability diagram, per-fold results and the model's provenance. Plots are PNGs embedded as base64 data URIs;
 * the styling is inline; nothing is fetched from anywhere.
 */
public final class HtmlReport {
    private final String title;
    private Evaluation evaluation;
    private ReliabilityDiagram before;
    private ReliabilityDiagram after;
    private Double temperature;
    private Provenance provenance;
    private List<ExperimentResult.FoldResult> folds = List.of();
    private final List<Section> sections = new java.util.ArrayList<>();
    private List<Robustness> robustness = List.of();
    private List<FeatureImportance> importance = List.of();
    private String trainingOverlap;
    private AdaptationReport adaptation;
    private List<Miss> misses = List.of();
    private List<Miss> examples = List.of();
    private int misclassifiedTotal;
    private boolean embedAudio;

    /** Mistakes listed in the error analysis at most, most confident first. */
    static final int MAX_MISSES = 50;
    /** Clips larger than this are linked, not embedded, even with {@link #embedAudio(boolean)}. */
    static final long MAX_EMBEDDED_BYTES = 1 << 20;

    /** A misclassified clip of the error analysis. */
    private record Miss(Path path, String speaker, String truth, String predicted, double confidence) {
    }

    /** A section added by another module (e.g. ser4j-deep's training curves): a heading, a paragraph, plots. */
    private record Section(String heading, String text, List<byte[]> pngs) {
    }

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A report of everything an experiment produced. */
    public static HtmlReport of(String title, ExperimentResult result) {
        HtmlReport report = new HtmlReport(title).folds(result.folds());
        if (result.evaluation() != null) {
            report.evaluation(result.evaluation());
        }
        if (result.calibration() != null) {
            var c = result.calibration();
            report.calibration(c.before(), c.after(), c.temperature());
        }
        if (result.bundle() != null) {
            report.provenance(result.bundle().provenance());
        }
        if (result.robustness() != null && !result.robustness().isEmpty()) {
            report.robustness(result.robustness());
        }
        if (result.adaptation() != null) {
            report.adaptation(result.adaptation());
        }
        if (result.importance() != null && !result.importance().isEmpty()) {
            report.importance(result.importance());
        }
        if (result.evaluation() != null && result.utterances() != null && result.calibrated() != null) {
            List<String> classes = result.evaluation().confusion().labels();
            report.misclassified(result.utterances(), classes, result.truth(), result.calibrated())
                    .classExamples(result.utterances(), classes, result.truth(), result.calibrated());
        }
        return report;
    }

    /**
     * The error analysis: the clips whose top class is not their true one, the most confident mistakes first
     * ({@value #MAX_MISSES} at most), each with its speaker, true and predicted emotion and a player.
     *
     * @param probabilities each item's class probabilities, in {@code classes} order
     */
    public HtmlReport misclassified(List<Utterance> items, List<String> classes, int[] truth,
                                    double[][] probabilities) {
        int[] predicted = Evaluation.argmax(probabilities);
        List<Miss> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (predicted[i] != truth[i]) {
                all.add(new Miss(items.get(i).path(), items.get(i).speaker(), classes.get(truth[i]),
                        classes.get(predicted[i]), probabilities[i][predicted[i]]));
            }
        }
        all.sort(Comparator.comparingDouble(Miss::confidence).reversed());
        this.misclassifiedTotal = all.size();
        this.misses = List.copyOf(all.subList(0, Math.min(MAX_MISSES, all.size())));
        return this;
    }

    /**
     * One clip per class, the one recognised most confidently as its true class, shown as a log-mel spectrogram
     * with a player: what the model finds typical of each emotion (the image-CNN view of the clips).
     *
     * @param probabilities each item's class probabilities, in {@code classes} order
     */
    public HtmlReport classExamples(List<Utterance> items, List<String> classes, int[] truth,
                                    double[][] probabilities) {
        Miss[] best = new Miss[classes.size()];
        for (int i = 0; i < items.size(); i++) {
            double p = probabilities[i][truth[i]];
            if (Evaluation.argmax(new double[][] {probabilities[i]})[0] == truth[i]
                    && (best[truth[i]] == null || p > best[truth[i]].confidence())) {
                best[truth[i]] = new Miss(items.get(i).path(), items.get(i).speaker(), classes.get(truth[i]),
                        classes.get(truth[i]), p);
            }
        }
        this.examples = java.util.Arrays.stream(best).filter(java.util.Objects::nonNull).toList();
        return this;
    }

    /**
     * Whether the error analysis embeds its clips in the page (those up to {@value #MAX_EMBEDDED_BYTES} bytes), so
     * the report plays them anywhere; by default it links them relative to the report's folder.
     */
    public HtmlReport embedAudio(boolean embed) {
        this.embedAudio = embed;
        return this;
    }

    public HtmlReport evaluation(Evaluation e) {
        this.evaluation = e;
        return this;
    }

    /** Reliability before and (may be null) after calibration, and the temperature (may be null). */
    public HtmlReport calibration(ReliabilityDiagram beforeScaling, ReliabilityDiagram afterScaling, Double t) {
        this.before = beforeScaling;
        this.after = afterScaling;
        this.temperature = t;
        return this;
    }

    /** Rows of the robustness table: how answers held per rendering of the test clips. */
    public HtmlReport robustness(List<Robustness> rows) {
        this.robustness = List.copyOf(rows);
        return this;
    }

    /**
     * A warning at the top of the page that the evaluated clips or speakers trained the model
     * ({@link org.ser4j.models.TrainedOn#overlapWarning}); null for none.
     */
    public HtmlReport trainingOverlap(String warning) {
        this.trainingOverlap = warning;
        return this;
    }

    /** Permutation importance of each feature group on the held-out folds. */
    public HtmlReport importance(List<FeatureImportance> groups) {
        this.importance = List.copyOf(groups);
        return this;
    }

    /** How a model that adapts to speakers did after a few of a speaker's clips and on skewed sessions. */
    public HtmlReport adaptation(AdaptationReport report) {
        this.adaptation = report;
        return this;
    }

    public HtmlReport provenance(Provenance p) {
        this.provenance = p;
        return this;
    }

    /**
     * Adds a section after the built-in ones and before the per-fold table: {@code heading}, a paragraph of plain
     * {@code text} (escaped; may be empty) and PNG plots (e.g. from XChart's {@code BitmapEncoder}).
     */
    public HtmlReport section(String heading, String text, List<byte[]> pngs) {
        sections.add(new Section(heading, text, List.copyOf(pngs)));
        return this;
    }

    public HtmlReport folds(List<ExperimentResult.FoldResult> foldResults) {
        this.folds = List.copyOf(foldResults);
        return this;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, render(parent), StandardCharsets.UTF_8);
    }

    /** The page, with clips linked as absolute file URIs (see {@link #render(Path)}). */
    public String render() {
        return render(null);
    }

    /** The page; {@code reportDir} (may be null) is where it will be written, for relative links to clips. */
    public String render(Path reportDir) {
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n<h1>").append(esc(title))
                .append("</h1>\n");
        if (trainingOverlap != null) {
            html.append("<p class=\"warning\"><b>Warning:</b> ").append(esc(trainingOverlap)).append(".</p>\n");
        }
        if (evaluation != null) {
            summary(html);
            html.append("<h2>Confusion matrix</h2>\n");
            image(html, Charts.confusion(evaluation.confusion()), "confusion matrix, row-normalised");
            counts(html);
            html.append("<h2>Per class</h2>\n");
            image(html, Charts.perClass(evaluation.perClass()), "per-class precision, recall and F1");
            perClassTable(html);
            html.append("<h2>By gender</h2>\n");
            if (!evaluation.perGender().isEmpty()) {
                image(html, Charts.groups("By gender", evaluation.perGender()), "accuracy by gender");
            }
            groupTable(html, "gender", evaluation.perGender());
            if (evaluation.genderGap() != null) {
                html.append("<p>Gender gap (female − male): accuracy ").append(signed(evaluation.genderGap()
                        .accuracy())).append(", unweighted accuracy ").append(signed(evaluation.genderGap()
                        .unweightedAccuracy())).append(".</p>\n");
            }
            html.append("<h2>By corpus</h2>\n");
            groupTable(html, "corpus", evaluation.perCorpus());
            if (!evaluation.perIntensity().isEmpty()) {
                html.append("<h2>By intensity</h2>\n<p>The intensity each corpus asked its actors for (RAVDESS "
                        + "normal or strong; CREMA-D low, medium, high or unspecified).</p>\n");
                groupTable(html, "intensity", evaluation.perIntensity());
            }
            html.append("<h2>By speaker</h2>\n");
            groupTable(html, "speaker", evaluation.perSpeaker());
        }
        if (!examples.isEmpty()) {
            classExamplesSection(html, reportDir);
        }
        if (misclassifiedTotal > 0) {
            errorAnalysis(html, reportDir);
        }
        if (!robustness.isEmpty()) {
            robustnessTable(html);
        }
        if (adaptation != null) {
            adaptationTable(html);
        }
        if (!importance.isEmpty()) {
            importanceSection(html);
        }
        if (before != null) {
            html.append("<h2>Calibration</h2>\n<p>Expected calibration error (").append(before.bins().size())
                    .append(" bins) ").append(num(before.expectedCalibrationError()));
            if (after != null) {
                html.append(" before, ").append(num(after.expectedCalibrationError()))
                        .append(" after temperature scaling (each fold scaled by a temperature fitted on the other"
                                + " folds)");
            }
            if (temperature != null) {
                html.append("; the model's temperature is ").append(String.format(Locale.ROOT, "%.3f", temperature));
            }
            html.append(".</p>\n");
            image(html, Charts.reliability(before, after), "reliability diagram");
        }
        for (Section section : sections) {
            html.append("<h2>").append(esc(section.heading())).append("</h2>\n");
            if (!section.text().isEmpty()) {
                html.append("<p>").append(esc(section.text())).append("</p>\n");
            }
            for (byte[] png : section.pngs()) {
                image(html, png, section.heading());
            }
        }
        if (!folds.isEmpty()) {
            foldTable(html);
        }
        if (provenance != null) {
            provenanceSection(html);
        }
        html.append("<footer>Generated by ser4j. Intervals: item-level bootstrap; utterances of one speaker are "
                + "correlated, so they are on the narrow side.</footer>\n</body></html>\n");
        return html.toString();
    }

    private void robustnessTable(StringBuilder html) {
        html.append("<h2>Robustness: the same test clips through other channels</h2>\n<p>Each held-out clip was "
                + "rendered as below and predicted by its fold's model. Agreement: share of clips whose top emotion is "
                + "the one of the clean clip; JSD: mean Jensen-Shannon divergence (bits) between the two probability "
                + "vectors.</p>\n<table><tr><th>rendering</th><th>clips</th><th>UA</th><th>UA clean</th>"
                + "<th>agreement</th><th>mean JSD</th></tr>\n");
        for (Robustness r : robustness) {
            html.append("<tr><td>").append(esc(r.rendering())).append("</td><td>").append(r.n()).append("</td><td>")
                    .append(num(r.ua())).append("</td><td>").append(num(r.cleanUa())).append("</td><td>")
                    .append(num(r.agreement())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4f", r.meanJsd())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void importanceSection(StringBuilder html) {
        html.append("<h2>Feature importance</h2>\n<p>How much the unweighted accuracy of each fold's model on its "
                + "held-out clips drops when one group of features is shuffled across those clips (up to "
                + FeatureImportance.MAX_CLIPS_PER_FOLD + " clips a fold). A group the model can do without drops by "
                + "about 0, even if it carries emotion, when other groups carry the same information.</p>\n");
        image(html, Charts.importance(importance), "permutation importance of each feature group");
        html.append("<table><tr><th>group</th><th>features</th><th>UA drop</th><th>sd over folds</th></tr>\n");
        for (FeatureImportance g : importance) {
            html.append("<tr><td>").append(esc(g.group())).append("</td><td>").append(g.features())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%+.3f", g.uaDrop())).append("</td><td>")
                    .append(num(g.uaDropSd())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void adaptationTable(StringBuilder html) {
        html.append("<h2>Adaptation to the speaker (").append(esc(adaptation.method())).append(")</h2>\n<p>Held-out "
                + "speakers' clips answered adapted to what the model has seen of their speaker, without labels: "
                + "after N other clips of the speaker (drawn at random), after all of them (the figures above), and on "
                + "sessions subsampled to 75 % of one emotion or to equal counts of each. 'Single clip' is the same "
                + "clips answered one by one without adaptation.</p>\n<table><tr><th>session</th><th>clips</th>"
                + "<th>UA adapted</th><th>UA single clip</th><th>gain</th></tr>\n");
        for (AdaptationReport.Scenario s : adaptation.scenarios()) {
            boolean single = !Double.isNaN(s.singleClipUa());
            html.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(s.clips()).append("</td><td>")
                    .append(num(s.adaptedUa())).append("</td><td>").append(single ? num(s.singleClipUa()) : "-")
                    .append("</td><td>").append(single ? String.format(Locale.ROOT, "%+.3f", s.adaptedUa()
                            - s.singleClipUa()) : "-").append("</td></tr>\n");
        }
        html.append("</table>\n");
        image(html, Charts.adaptationCurve(adaptation), "accuracy by clips of the speaker seen");
    }

    private void summary(StringBuilder html) {
        Evaluation e = evaluation;
        html.append("<h2>Summary</h2>\n<table><tr><th>metric</th><th>value</th><th>95 % interval</th></tr>\n");
        row(html, "items evaluated", Integer.toString(e.n()), "");
        row(html, "accuracy", num(e.accuracy()), interval(e.accuracyCi()));
        row(html, "unweighted accuracy (mean recall)", num(e.unweightedAccuracy()), interval(e.unweightedAccuracyCi()));
        row(html, "macro-F1", num(e.macroF1()), "");
        row(html, "excluded before evaluation", Integer.toString(e.excluded()), "");
        html.append("</table>\n");
        if (!e.excludedByReason().isEmpty()) {
            html.append("<table><tr><th>excluded because</th><th>items</th></tr>\n");
            e.excludedByReason().forEach((reason, count) -> row(html, reason, Integer.toString(count)));
            html.append("</table>\n");
        }
    }

    private void counts(StringBuilder html) {
        Evaluation.Confusion c = evaluation.confusion();
        html.append("<table class=\"matrix\"><tr><th>true \\ predicted</th>");
        c.labels().forEach(l -> html.append("<th>").append(esc(l)).append("</th>"));
        html.append("</tr>\n");
        for (int t = 0; t < c.labels().size(); t++) {
            html.append("<tr><th>").append(esc(c.labels().get(t))).append("</th>");
            for (long v : c.counts()[t]) {
                html.append("<td>").append(v).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void perClassTable(StringBuilder html) {
        html.append("<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
        evaluation.perClass().forEach((name, m) -> row(html, name, num(m.precision()), num(m.recall()), num(m.f1()),
                Long.toString(m.support())));
        html.append("</table>\n");
    }

    private static void groupTable(StringBuilder html, String what, Map<String, Evaluation.GroupMetrics> groups) {
        html.append("<table><tr><th>").append(what).append("</th><th>items</th><th>accuracy</th>")
                .append("<th>unweighted accuracy</th><th>macro-F1</th></tr>\n");
        groups.forEach((name, m) -> row(html, name, Integer.toString(m.n()), num(m.accuracy()),
                num(m.unweightedAccuracy()), num(m.macroF1())));
        html.append("</table>\n");
    }

    private void foldTable(StringBuilder html) {
        html.append("<h2>Folds</h2>\n<table><tr><th>fold</th><th>train</th><th>test</th><th>chosen "
                + "hyper-parameters</th><th>accuracy</th><th>unweighted accuracy</th></tr>\n");
        for (ExperimentResult.FoldResult f : folds) {
            row(html, f.name(), Integer.toString(f.trainSize()), Integer.toString(f.testSize()),
                    f.hyperParameters().toString(), num(f.accuracy()), num(f.unweightedAccuracy()));
        }
        html.append("</table>\n");
    }

    private void provenanceSection(StringBuilder html) {
        Provenance p = provenance;
        html.append("<h2>Model provenance</h2>\n<table>\n");
        row(html, "name", p.name() + " " + p.version());
        row(html, "created", p.created());
        row(html, "ser4j", p.ser4jVersion() + " (commit " + p.gitCommit() + ")");
        row(html, "model", p.modelType() + " " + p.hyperParameters());
        row(html, "features", p.features());
        row(html, "label map", p.labelMap());
        row(html, "protocol", p.protocol());
        p.options().forEach((k, v) -> row(html, k.replace('_', ' '), String.valueOf(v)));
        row(html, "seeds", String.valueOf(p.seeds()));
        row(html, "licences", p.licences());
        html.append("</table>\n<table><tr><th>corpus</th><th>files</th><th>speakers</th><th>SHA-256 of sorted "
                + "file names</th><th>licence</th></tr>\n");
        for (Provenance.CorpusInfo c : p.corpora()) {
            row(html, c.name(), Integer.toString(c.files()), Integer.toString(c.speakers()),
                    "<code>" + c.fileListSha256() + "</code>", c.licence());
        }
        html.append("</table>\n<details><summary>provenance as JSON</summary><pre>").append(esc(Json.write(p)))
                .append("</pre></details>\n");
    }

    private static void image(StringBuilder html, byte[] png, String alt) {
        html.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    /** A table row; cells are escaped unless they are already markup (start with '<'). */
    private static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (int i = 0; i < cells.length; i++) {
            String tag = i == 0 ? "th" : "td";
            String cell = cells[i].startsWith("<") ? cells[i] : esc(cells[i]);
            html.append('<').append(tag).append('>').append(cell).append("</").append(tag).append('>');
        }
        html.append("</tr>\n");
    }

    private void errorAnalysis(StringBuilder html, Path reportDir) {
        html.append("<h2>Misclassified clips</h2>\n<p>").append(misclassifiedTotal).append(" clips were misclassified; ")
                .append(misses.size() < misclassifiedTotal ? "the " + misses.size() + " most confident mistakes"
                        : "all of them, the most confident first").append(". Confident mistakes are worth a listen: "
                        + "a mislabelled clip, a recording problem, or an emotion the model confuses.</p>\n")
                .append("<table><tr><th>clip</th><th>speaker</th><th>true</th><th>predicted</th><th>confidence</th>"
                        + "<th>listen</th></tr>\n");
        for (Miss m : misses) {
            row(html, "<code>" + esc(m.path().getFileName().toString()) + "</code>", m.speaker(), m.truth(),
                    m.predicted(), num(m.confidence()), "<audio controls preload=\"none\" src=\""
                            + esc(audioSource(m.path(), reportDir)) + "\"></audio>");
        }
        html.append("</table>\n");
    }

    /** Spectrogram settings of the examples: 25 ms windows every 10 ms, 64 mel bands up to 8 kHz, at 16 kHz. */
    private static final StftParams EXAMPLE_STFT = new StftParams(512, 160, 400, "hann", true, "constant");
    private static final MelParams EXAMPLE_MELS = MelParams.DEFAULT.withNMels(64);

    private void classExamplesSection(StringBuilder html, Path reportDir) {
        html.append("<h2>An example of each emotion</h2>\n<p>For each class, the held-out clip the model recognised "
                + "most confidently, as a log-mel spectrogram (64 bands up to 8 kHz, time to the right, 80 dB of "
                + "range).</p>\n<div class=\"examples\">\n");
        for (Miss e : examples) {
            html.append("<figure>");
            try {
                Signal signal = AudioReader.read(e.path(), 16000);
                double[][] mel = Mel.melspectrogram(Spectrogram.of(signal, EXAMPLE_STFT), EXAMPLE_MELS);
                image(html, FeatureImage.png(mel, 2), e.truth() + " example spectrogram");
            } catch (RuntimeException unreadable) {
                html.append("<p>(the clip cannot be read now: ").append(esc(String.valueOf(unreadable.getMessage())))
                        .append(")</p>");
            }
            html.append("<figcaption><b>").append(esc(e.truth())).append("</b> ").append(num(e.confidence()))
                    .append(" · <code>").append(esc(e.path().getFileName().toString())).append("</code> · ")
                    .append(esc(e.speaker())).append("<br><audio controls preload=\"none\" src=\"")
                    .append(esc(audioSource(e.path(), reportDir))).append("\"></audio></figcaption></figure>\n");
        }
        html.append("</div>\n");
    }

    /** The clip inline as a data URI (when asked and small enough), else a link relative to the report. */
    private String audioSource(Path clip, Path reportDir) {
        try {
            if (embedAudio && Files.size(clip) <= MAX_EMBEDDED_BYTES) {
                return "data:" + mediaType(clip) + ";base64,"
                        + Base64.getEncoder().encodeToString(Files.readAllBytes(clip));
            }
        } catch (IOException e) {
            // not readable now: link it, the player says what it finds
        }
        Path absolute = clip.toAbsolutePath().normalize();
        if (reportDir == null || !absolute.getRoot().equals(reportDir.getRoot())) {
            return absolute.toUri().toString();
        }
        StringBuilder link = new StringBuilder();
        for (Path part : reportDir.normalize().relativize(absolute)) {
            if (!link.isEmpty()) {
                link.append('/');
            }
            link.append(java.net.URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return link.toString();
    }

    private static String mediaType(Path clip) {
        String name = clip.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "wav", "wave" -> "audio/wav";
            case "flac" -> "audio/flac";
            case "mp3" -> "audio/mpeg";
            case "ogg", "oga", "opus" -> "audio/ogg";
            case "m4a", "mp4", "aac" -> "audio/mp4";
            case "webm" -> "audio/webm";
            default -> "application/octet-stream";
        };
    }

    private static String interval(Evaluation.Interval ci) {
        return ci == null ? "" : "[" + num(ci.lower()) + ", " + num(ci.upper()) + "]";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static final String CSS = "body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
            + ".warning{background:#fff3cd;border:1px solid #e0c36a;padding:.6em}"
            + ".examples{display:flex;flex-wrap:wrap;gap:12px}.examples figure{margin:0}"
            + ".examples img{height:128px;max-width:320px;image-rendering:pixelated}"
            + "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}"
            + "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left}td{font-variant-numeric:tabular-nums}table.matrix td{text-align:right}"
            + "img{max-width:100%;display:block;margin:.6em 0}code{font-size:.8em}"
            + "footer{margin-top:2em;color:#777;font-size:.85em}";
}
