package org.ser4j.models.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ser4j.models.adaptation.AdaptationReport;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.eval.FeatureImportance;

/** The report's plots as PNG bytes (XChart; needs no display, run with {@code -Djava.awt.headless=true}). */
final class Charts {
    private Charts() {
    }

    /** Row-normalised confusion matrix: rows are true classes (first class on top), columns predicted classes. */
    static byte[] confusion(Evaluation.Confusion confusion) {
        List<String> labels = confusion.labels();
        int k = labels.size();
        int side = Math.max(420, 60 * k + 160);
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 80).height(side).title("Confusion (row-normalised)")
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.00").setMin(0).setMax(1)
                .setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x3182BD)})
                .setValueFontColor(Color.BLACK);
        chart.getStyler().setLegendVisible(true).setChartBackgroundColor(Color.WHITE);
        // XChart draws y index 0 at the bottom, so the rows go in reversed.
        List<String> rows = new ArrayList<>(labels);
        java.util.Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        double[][] normalized = confusion.normalized();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, normalized[t][p]});
            }
        }
        chart.addSeries("share of true class", labels, rows, cells);
        return png(chart);
    }

    /** Precision, recall and F1 of every class. */
    static byte[] perClass(Map<String, Evaluation.ClassMetrics> perClass) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(380).title("Per-class scores")
                .yAxisTitle("score").build();
        styleBars(chart);
        List<String> names = new ArrayList<>(perClass.keySet());
        chart.addSeries("precision", names, perClass.values().stream().map(m -> (Number) m.precision()).toList());
        chart.addSeries("recall", names, perClass.values().stream().map(m -> (Number) m.recall()).toList());
        chart.addSeries("F1", names, perClass.values().stream().map(m -> (Number) m.f1()).toList());
        return png(chart);
    }

    /** The drop of unweighted accuracy when each feature group is shuffled, with its spread over folds. */
    static byte[] importance(List<FeatureImportance> groups) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(380)
                .title("Permutation importance on held-out folds").yAxisTitle("drop of unweighted accuracy").build();
        styleBars(chart);
        // drops are a few points of UA: scale to them (and below 0 when shuffling happened to help)
        double top = groups.stream().mapToDouble(g -> g.uaDrop() + g.uaDropSd()).max().orElse(0);
        double bottom = groups.stream().mapToDouble(g -> g.uaDrop() - g.uaDropSd()).min().orElse(0);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisMax(Math.max(0.05, top * 1.1)).setYAxisMin(Math.min(0, bottom * 1.1))
                .setDecimalPattern("0.00");
        chart.addSeries("mean drop (bars: ±1 sd over folds)", groups.stream().map(FeatureImportance::group).toList(),
                groups.stream().map(g -> (Number) g.uaDrop()).toList(),
                groups.stream().map(g -> (Number) g.uaDropSd()).toList());
        return png(chart);
    }

    /** Accuracy and unweighted accuracy of every group (e.g. each gender). */
    static byte[] groups(String title, Map<String, Evaluation.GroupMetrics> groups) {
        CategoryChart chart = new CategoryChartBuilder().width(520).height(340).title(title).yAxisTitle("score")
                .build();
        styleBars(chart);
        List<String> names = new ArrayList<>(groups.keySet());
        chart.addSeries("accuracy", names, groups.values().stream().map(m -> (Number) m.accuracy()).toList());
        chart.addSeries("unweighted accuracy", names,
                groups.values().stream().map(m -> (Number) m.unweightedAccuracy()).toList());
        return png(chart);
    }

    /** Accuracy against confidence per bin, before and (if given) after calibration, with the diagonal. */
    static byte[] reliability(ReliabilityDiagram before, ReliabilityDiagram after) {
        XYChart chart = new XYChartBuilder().width(520).height(460).title("Reliability")
                .xAxisTitle("confidence (top-class probability)").yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE)
                .setDecimalPattern("0.0");
        XYSeries diagonal = chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        addBins(chart, "before (ECE " + String.format("%.3f", before.expectedCalibrationError()) + ")", before,
                new Color(0xD6604D));
        if (after != null) {
            addBins(chart, "after (ECE " + String.format("%.3f", after.expectedCalibrationError()) + ")", after,
                    new Color(0x2166AC));
        }
        return png(chart);
    }

    /** Unweighted accuracy after N clips of the speaker (the curve), with the single-clip level for comparison. */
    static byte[] adaptationCurve(AdaptationReport report) {
        XYChart chart = new XYChartBuilder().width(520).height(360).title("Adapting to a speaker")
                .xAxisTitle("clips of the speaker seen").yAxisTitle("unweighted accuracy").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.InsideSE)
                .setChartBackgroundColor(Color.WHITE).setDecimalPattern("0.0#");
        List<Double> n = new ArrayList<>();
        List<Double> adapted = new ArrayList<>();
        List<Double> single = new ArrayList<>();
        for (AdaptationReport.Scenario s : report.scenarios()) {
            if (s.name().startsWith("after ")) {
                n.add(Double.parseDouble(s.name().split(" ")[1]));
                adapted.add(s.adaptedUa());
                single.add(s.singleClipUa());
            }
        }
        if (n.isEmpty()) {
            n.add(0.0);
            adapted.add(0.0);
            single.add(Double.NaN);
        }
        XYSeries curve = chart.addSeries("adapted", n, adapted);
        curve.setMarker(SeriesMarkers.CIRCLE);
        curve.setLineColor(new Color(0x2166AC));
        curve.setMarkerColor(new Color(0x2166AC));
        if (single.stream().noneMatch(v -> v.isNaN())) {
            XYSeries flat = chart.addSeries("single clip", n, single);
            flat.setMarker(SeriesMarkers.NONE);
            flat.setLineColor(Color.GRAY);
        }
        return png(chart);
    }

    private static void addBins(XYChart chart, String name, ReliabilityDiagram diagram, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ReliabilityDiagram.Bin bin : diagram.bins()) {
            if (bin.count() > 0) {
                x.add(bin.meanConfidence());
                y.add(bin.accuracy());
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
    }

    private static void styleBars(CategoryChart chart) {
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal).setChartBackgroundColor(Color.WHITE)
                .setDecimalPattern("0.0");
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x9ECAE1), new Color(0x4292C6),
                new Color(0x08519C)});
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
