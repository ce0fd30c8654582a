package org.ser4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the invariance suite measured, as the Markdown the engineers paste into docs and as JSON for tools. Written
 * before the suite asserts anything, so a failing run still leaves its numbers behind.
 *
 * @param model              the model's name and version
 * @param clipsPerCorpus     how many pool clips each corpus gave
 * @param seconds            wall time of the whole suite
 * @param rows               one per rendering, then the published 48 kHz RAVDESS originals
 * @param featureSet         the model's feature set, e.g. "full v1 @16000 Hz, conditioning: none"
 * @param featureCount       how many features the set has
 * @param featureShiftLimit  the largest shift allowed, in cross-clip standard deviations
 * @param worstFeatureShifts the features that moved most between the float 48 kHz rendering and the reference
 * @param featuresOverLimit  how many features moved more than the limit
 * @param failures           every failed check, one line each (empty when the suite passes)
 */
record InvarianceReport(String model, Map<String, Integer> clipsPerCorpus, double seconds, List<Row> rows,
                        String featureSet, int featureCount, double featureShiftLimit,
                        List<FeatureShift> worstFeatureShifts, int featuresOverLimit, List<String> failures) {

    /**
     * One rendering compared with the reference.
     *
     * @param rendering   short name
     * @param description what the rendering is
     * @param kind        reference, lossless, lossy or report-only
     * @param n           clips that were rendered, decoded and answered
     * @param unanswered  clips that could not be rendered, decoded or predicted (each is a failure)
     * @param agreement   share of those whose top answer equals the reference's
     * @param meanJsd     mean Jensen-Shannon divergence (bits) from the reference's probabilities
     * @param ua          unweighted accuracy against the clips' true emotions (NaN if none is labelled)
     * @param limits      the thresholds that apply, in words ("" when only reported)
     * @param passed      whether every clip was answered and every threshold that applies was met
     */
    record Row(String rendering, String description, String kind, int n, int unanswered, double agreement,
               double meanJsd, double ua, String limits, boolean passed) {
    }

    /**
     * How far one feature moved between two renderings of the same clips.
     *
     * @param feature      the feature's name
     * @param shift        mean over clips of |value(float 48 kHz) - value(reference)|, in cross-clip SDs
     * @param meanAbsDiff  the same mean in the feature's own unit
     * @param crossClipSd  the feature's standard deviation over the reference renderings of all clips
     */
    record FeatureShift(String feature, double shift, double meanAbsDiff, double crossClipSd) {
    }

    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Invariance: model `").append(model).append("`\n\n");
        int clips = clipsPerCorpus.values().stream().mapToInt(Integer::intValue).sum();
        md.append(String.format(Locale.ROOT, "%d pool clips (%s), each rendered with sox/ffmpeg, decoded by "
                        + "`AudioReader` and predicted; every rendering is compared with the clip's 16-bit 16 kHz "
                        + "reference. Agreement: same top answer as the reference; JSD: mean Jensen-Shannon "
                        + "divergence of the probabilities (bits, 0..1); UA: unweighted accuracy against the true "
                        + "emotions (these clips are in the model's training data, so UA is optimistic; what matters "
                        + "is how it moves). %.0f s on this machine.%n%n",
                clips, perCorpus(), seconds));
        md.append("| rendering | what | kind | n | unanswered | agreement | mean JSD | UA | limits | result |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.3f | %.4f | %s | %s | %s |%n",
                    r.rendering(), r.description(), r.kind(), r.n(), r.unanswered(), r.agreement(), r.meanJsd(),
                    Double.isNaN(r.ua()) ? "-" : String.format(Locale.ROOT, "%.3f", r.ua()), r.limits(),
                    !r.passed() ? "**FAIL**" : r.limits().isEmpty() ? "reported" : "pass"));
        }
        md.append(String.format(Locale.ROOT, "%nFeature shift, float 48 kHz vs reference (%s, %d features; mean "
                        + "|difference| in cross-clip SDs, limit %.2f): %d features over the limit. Worst %d:%n%n",
                featureSet, featureCount, featureShiftLimit, featuresOverLimit, worstFeatureShifts.size()));
        md.append("| feature | shift (SD) | mean abs difference | cross-clip SD |\n|---|---:|---:|---:|\n");
        for (FeatureShift f : worstFeatureShifts) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.4g | %.4g |%n", f.feature(), f.shift(),
                    f.meanAbsDiff(), f.crossClipSd()));
        }
        md.append(failures.isEmpty() ? "\nAll checks passed.\n" : "\nFailed checks:\n\n");
        for (String f : failures) {
            md.append("- ").append(f).append('\n');
        }
        return md.toString();
    }

    /** Writes {@code invariance.md} and {@code invariance.json} into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("invariance.md"), toMarkdown());
        Files.writeString(dir.resolve("invariance.json"), Json.write(this) + "\n");
    }

    private String perCorpus() {
        StringBuilder s = new StringBuilder();
        clipsPerCorpus.forEach((corpus, n) -> s.append(s.length() == 0 ? "" : ", ").append(n).append(' ')
                .append(corpus));
        return s.toString();
    }
}
