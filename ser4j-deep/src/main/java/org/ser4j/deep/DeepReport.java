package org.ser4j.deep;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.experiment.ExperimentResult;
import org.ser4j.models.report.HtmlReport;

/**
 * The HTML report of a deep run: ser4j-models' {@link HtmlReport} (evaluation, confusion, per-group tables,
 * provenance, per-fold table) plus training curves, loss and unweighted accuracy per epoch, training against
 * validation, for every fold and for the final model.
 */
public final class DeepReport {
    private DeepReport() {
    }

    public static HtmlReport of(String title, DeepResult result) {
        HtmlReport report = new HtmlReport(title);
        if (result.evaluation() != null) {
            report.evaluation(result.evaluation());
        }
        List<byte[]> plots = new ArrayList<>();
        for (DeepResult.FoldOutcome f : result.folds()) {
            plots.add(curves(f.name() + ": loss", f.history(), TrainingHistory.Epoch::trainLoss,
                    TrainingHistory.Epoch::validationLoss, "cross-entropy"));
            plots.add(curves(f.name() + ": unweighted accuracy", f.history(), TrainingHistory.Epoch::trainUa,
                    TrainingHistory.Epoch::validationUa, "UA"));
        }
        if (result.finalHistory() != null) {
            plots.add(curves("final model: loss", result.finalHistory(), TrainingHistory.Epoch::trainLoss,
                    e -> Double.NaN, "cross-entropy"));
        }
        report.section("Training curves", String.format(Locale.ROOT, "%s, %d trainable parameters; training figures"
                        + " are measured on the augmented training batches during each epoch, validation figures "
                        + "on the held-out validation speakers after it. The kept weights are those of the best "
                        + "validation epoch. Total time %.0f s.", result.settings().architecture().id(),
                result.parameterCount(), result.seconds()), plots);
        List<ExperimentResult.FoldResult> folds = result.folds().stream().map(f -> new ExperimentResult.FoldResult(
                f.name(), f.trainSize() + f.validationSize(), f.testSize(), new HyperParameters(Map.of(
                "best_epoch", (double) f.bestEpoch(), "epochs_run", (double) f.epochsRun())), List.of(),
                f.accuracy(), f.unweightedAccuracy())).toList();
        report.folds(folds);
        if (result.bundle() != null) {
            report.provenance(result.bundle().provenance());
        }
        return report;
    }

    /** Training and (where present) validation values of one metric per epoch. */
    static byte[] curves(String title, TrainingHistory history, ToDoubleFunction<TrainingHistory.Epoch> train,
                         ToDoubleFunction<TrainingHistory.Epoch> validation, String yTitle) {
        XYChart chart = new XYChartBuilder().width(480).height(300).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setChartBackgroundColor(Color.WHITE)
                .setDecimalPattern("0.00");
        add(chart, "training", history, train, new Color(0x2166AC), SeriesLines.SOLID);
        add(chart, "validation", history, validation, new Color(0xD6604D), SeriesLines.DASH_DASH);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(XYChart chart, String name, TrainingHistory history,
                            ToDoubleFunction<TrainingHistory.Epoch> value, Color color, java.awt.BasicStroke line) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (TrainingHistory.Epoch e : history.epochs()) {
            double v = value.applyAsDouble(e);
            if (!Double.isNaN(v)) {
                x.add((double) e.epoch());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(line);
    }
}
