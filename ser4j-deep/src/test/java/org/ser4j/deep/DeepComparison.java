package org.ser4j.deep;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.data.split.Fold;
import org.ser4j.data.split.Protocol;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.data.table.FeatureTableBuilder;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.experiment.Experiment;
import org.ser4j.models.experiment.ExperimentData;
import org.ser4j.models.experiment.ExperimentResult;
import org.ser4j.models.experiment.ExperimentSettings;

/**
 * The comparison of docs/deep.md: classical baselines and the four networks, each network with and without
 * augmentation, under one speaker-independent split of a corpus (test on a seeded quarter of the speakers; the
 * networks early-stop on one further validation speaker, which the classical models train on). Writes
 * {@code comparison.md} (a Markdown table), {@code comparison.png} and per-run HTML reports and curves.
 *
 * <p>Run: {@code java -cp <test class path> -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1
 * org.ser4j.deep.DeepComparison <corpus dir> <output dir> [max epochs] [architectures]}.
 */
public final class DeepComparison {
    private DeepComparison() {
    }

    private record Row(String model, String augmentation, Evaluation e, double seconds, double megabytes) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        List<Architecture> architectures = args.length > 3
                ? java.util.Arrays.stream(args[3].split(",")).map(Architecture::of).toList()
                : List.of(Architecture.values());
        Files.createDirectories(out);
        LoadResult loaded = Corpora.load(corpus);
        LabelMap.Selection selection = LabelMap.defaults().select(loaded.utterances());
        Protocol protocol = Protocol.testSpeakerFraction(0.25, 42).withValidation(0.2, 42);
        List<Fold> folds = protocol.folds(selection.utterances(), new ContentHashes());
        System.err.println(protocol.description() + ": " + folds);
        List<Row> rows = new ArrayList<>();

        FeatureExtractor seed = FeatureSets.extractor(FeatureSets.defaultSpec("seed"));
        FeatureTable table = new FeatureTableBuilder(seed).quiet(true).build(selection.utterances());
        ExperimentData tabular = ExperimentData.of(table, selection, seed.spec(), Map.of());
        for (ModelType type : List.of(ModelType.SVM_RBF, ModelType.LOGISTIC_REGRESSION)) {
            ExperimentSettings d = ExperimentSettings.defaults(type);
            ExperimentResult r = new Experiment(d, System.err::println).run(tabular, folds, protocol.description());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            r.bundle().write(bytes);
            rows.add(new Row(type.id() + " (seed features)", "none", r.evaluation(), r.seconds(),
                    bytes.size() / 1e6));
        }

        DeepData data = DeepData.load(selection, 16000, true);
        for (Architecture a : architectures) {
            for (boolean augment : new boolean[] {false, true}) {
                DeepSettings s = DeepSettings.defaults(a).withTraining(epochs, 16, a == Architecture.TRANSFORMER
                                ? 5e-4 : 1e-3, Math.max(3, epochs / 3))
                        .withAugmentation(augment ? "default" : "none", augment)
                        .withFinalModel(false, "cmp", "0").withQuiet(true);
                DeepResult r = new DeepTrainer(s, line -> System.err.println(a.id() + " " + line))
                        .train(data, folds, protocol.description());
                String tag = a.id() + (augment ? "-augmented" : "");
                DeepReport.of(tag, r).write(out.resolve(tag + ".html"));
                Files.write(out.resolve("curves-" + tag + ".png"), DeepReport.curves(tag + ": unweighted accuracy",
                        r.folds().get(0).history(), TrainingHistory.Epoch::trainUa,
                        TrainingHistory.Epoch::validationUa, "UA"));
                rows.add(new Row(a.id(), augment ? "waveform + SpecAugment" : "none", r.evaluation(), r.seconds(),
                        r.parameterCount() * 4 / 1e6));
                writeTable(out, protocol, folds, rows);
            }
        }
        writeTable(out, protocol, folds, rows);
        chart(out, rows);
    }

    private static void writeTable(Path out, Protocol protocol, List<Fold> folds, List<Row> rows) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("Protocol: ").append(protocol.description()).append("; ").append(folds.get(0)).append("\n\n");
        md.append("| model | augmentation | UA | UA 95 % CI | macro-F1 | accuracy | train time (s) | size (MB) |\n");
        md.append("|---|---|---:|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Evaluation e = r.e();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | [%.3f, %.3f] | %.3f | %.3f | %.0f | %.2f |%n",
                    r.model(), r.augmentation(), e.unweightedAccuracy(), e.unweightedAccuracyCi().lower(),
                    e.unweightedAccuracyCi().upper(), e.macroF1(), e.accuracy(), r.seconds(), r.megabytes()));
        }
        Files.writeString(out.resolve("comparison.md"), md.toString());
    }

    private static void chart(Path out, List<Row> rows) throws Exception {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(420).title("Unweighted accuracy")
                .yAxisTitle("UA").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setChartBackgroundColor(Color.WHITE).setDecimalPattern("0.00");
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = rows.stream().map(r -> r.model() + (r.augmentation().equals("none") ? "" : " +aug"))
                .toList();
        chart.addSeries("UA", names, rows.stream().map(r -> (Number) r.e().unweightedAccuracy()).toList(),
                rows.stream().map(r -> (Number) ((r.e().unweightedAccuracyCi().upper()
                        - r.e().unweightedAccuracyCi().lower()) / 2)).toList());
        BitmapEncoder.saveBitmap(chart, out.resolve("comparison").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
