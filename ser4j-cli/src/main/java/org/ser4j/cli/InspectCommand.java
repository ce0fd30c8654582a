package org.ser4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.models.Json;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;
import org.ser4j.models.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ser4j inspect}: what a model bundle is, what it was trained on, under which licence, and how well it did. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a model bundle's provenance: classes, features, training data and licences, "
            + "hyper-parameters, cross-validated metrics, calibration, ser4j version and commit."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the bundle's full manifest as JSON.")
    boolean json;

    @Parameters(paramLabel = "MODEL", arity = "0..1", defaultValue = ShippedModels.DEFAULT,
            description = "A shipped model name (default, commercial, default-adaptive, "
                    + "commercial-adaptive) or a bundle file (default: ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelBundle bundle = ShippedModels.load(model);
        if (json) {
            out.println(Json.write(bundle.manifest()));
            return 0;
        }
        Provenance p = bundle.provenance();
        out.printf("model        %s %s%n", p.name(), p.version());
        out.printf("licence      %s%n", licenceSummary(p));
        out.printf("classes      %s%n", String.join(", ", bundle.classes()));
        out.printf("model type   %s %s%n", p.modelType(), p.hyperParameters());
        out.printf("features     %s (%d values)%n", p.features(), bundle.manifest().featureCount());
        out.printf("audio path   resampled to %d Hz; conditioning: %s%n", bundle.featureSpec().sampleRate(),
                bundle.featureSpec().conditioning().describe());
        out.printf("label map    %s%n", p.labelMap());
        out.printf("trained on%n");
        for (Provenance.CorpusInfo c : p.corpora()) {
            out.printf("  %-10s %5d files, %3d speakers, licence %s, file list sha256 %s%n", c.name(), c.files(),
                    c.speakers(), c.licence(), c.fileListSha256().substring(0, 16) + "...");
        }
        out.printf("protocol     %s%n", p.protocol());
        bundle.adaptation().ifPresent(a -> out.printf("adaptation   %s; use predict/evaluate --adapt%n",
                a.describe()));
        if (p.metrics() != null && !p.metrics().isEmpty()) {
            Map<String, Object> headline = new java.util.LinkedHashMap<>(p.metrics());
            Object curve = headline.remove("adaptation");
            out.printf("metrics      %s%n", formatMap(headline));
            if (curve instanceof List<?> scenarios) {
                for (Object o : scenarios) {
                    if (o instanceof Map<?, ?> sc) {
                        out.printf(Locale.ROOT, "  %-15s UA %s (single clip %s), %s clips%n", sc.get("name"),
                                format(sc.get("adapted_ua")), format(sc.get("single_clip_ua")), sc.get("clips"));
                    }
                }
            }
        }
        if (p.calibration() != null && !p.calibration().isEmpty()) {
            out.printf("calibration  %s%n", formatMap(p.calibration()));
        }
        if (p.options() != null && !p.options().isEmpty()) {
            out.printf("options      %s%n", formatMap(p.options()));
        }
        out.printf("seeds        %s%n", p.seeds());
        out.printf("created      %s with ser4j %s (commit %s)%n", p.created(), p.ser4jVersion(), p.gitCommit());
        return 0;
    }

    /** Commercial use is allowed only when every training corpus allows it. */
    static String licenceSummary(Provenance p) {
        boolean nonCommercial = p.licences().contains("NC") || p.licences().toLowerCase(Locale.ROOT)
                .contains("research");
        return (nonCommercial ? "NON-COMMERCIAL research use only" : "commercial use allowed under the corpus terms")
                + " (" + p.licences() + ")";
    }

    /** Numbers to 4 decimals, intervals as [lower, upper]. */
    private static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (v instanceof Map<?, ?> m && m.containsKey("lower") && m.containsKey("upper")) {
            return "[" + format(m.get("lower")) + ", " + format(m.get("upper")) + "]";
        }
        return String.valueOf(v);
    }

    private static String formatMap(Map<String, ?> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(format(v));
        });
        return sb.toString();
    }
}
