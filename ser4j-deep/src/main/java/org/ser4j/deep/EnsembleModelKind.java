package org.ser4j.deep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSpec;
import org.ser4j.models.BundleException;
import org.ser4j.models.Classifier;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.TrainedOn;
import org.ser4j.models.ModelKind;
import org.ser4j.models.Provenance;

/**
 * Ensemble bundles (model kind {@code ensemble}): several bundles of any kinds (classical or deep) with the same
 * classes, whose calibrated probabilities are averaged. The members are stored whole inside the ensemble's zip
 * ({@code ensemble/member-0.ser4j}, ...). The ensemble's input is the members' inputs concatenated, so the shared
 * {@code Predictor} computes every member's features from the one signal.
 */
public final class EnsembleModelKind implements ModelKind {
    public static final String ID = "ensemble";
    static final String SET = "ensemble";

    @Override
    public String id() {
        return ID;
    }

    /**
     * An ensemble of {@code members} (at least two, same classes in the same order). The ensemble owns them:
     * closing it closes them.
     */
    public static ModelBundle bundle(List<ModelBundle> members, Provenance provenance) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two members, got " + members.size());
        }
        List<String> classes = members.get(0).classes();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).classes().equals(classes)) {
                throw new IllegalArgumentException("member " + i + " has classes " + members.get(i).classes()
                        + ", member 0 " + classes);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                members.get(i).write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            entries.put(entry(i), bytes.toByteArray());
        }
        Loaded loaded = combine(members);
        ModelBundle ensemble = ModelBundle.ofKind(ID, loaded.classifier(), loaded.extractor(), entries, 1.0,
                provenance, null);
        List<TrainedOn> memberRecords = members.stream().map(m -> m.trainedOn().orElse(null)).toList();
        return memberRecords.contains(null) ? ensemble : ensemble.withTrainedOn(TrainedOn.union(memberRecords));
    }

    @Override
    public Loaded read(ModelBundle.Manifest manifest, FeatureSpec spec, Map<String, byte[]> entries, String name) {
        List<ModelBundle> members = new ArrayList<>();
        for (int i = 0; entries.containsKey(entry(i)); i++) {
            members.add(ModelBundle.load(new ByteArrayInputStream(entries.get(entry(i))), name + "/" + entry(i)));
        }
        if (members.size() < 2) {
            throw new BundleException(name, "damaged ensemble: " + members.size() + " members found");
        }
        return combine(members);
    }

    private static String entry(int i) {
        return "ensemble/member-" + i + ".ser4j";
    }

    private static Loaded combine(List<ModelBundle> members) {
        int[] offsets = new int[members.size() + 1];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            List<String> memberNames = members.get(i).featureExtractor().names();
            offsets[i + 1] = offsets[i] + memberNames.size();
            for (String n : memberNames) {
                names.add("m" + i + ":" + n);
            }
        }
        Classifier average = new Average(members, offsets);
        FeatureSpec spec = new FeatureSpec(SET, 1, members.get(0).featureSpec().sampleRate(),
                Map.of("members", Integer.toString(members.size())));
        List<String> allNames = List.copyOf(names);
        FeatureExtractor extractor = new FeatureExtractor() {
            @Override
            public FeatureSpec spec() {
                return spec;
            }

            @Override
            public List<String> names() {
                return allNames;
            }

            @Override
            public double[] extract(Signal signal) {
                double[] out = new double[offsets[members.size()]];
                for (int i = 0; i < members.size(); i++) {
                    double[] x = members.get(i).featureExtractor().extract(signal);
                    System.arraycopy(x, 0, out, offsets[i], x.length);
                }
                return out;
            }
        };
        return new Loaded(average, extractor);
    }

    /**
     * The mean of the members' calibrated probabilities, each member reading its own slice of the input. It owns
     * the members: closing it closes them.
     */
    private static final class Average implements Classifier, AutoCloseable {
        private final List<ModelBundle> members;
        private final int[] offsets;

        Average(List<ModelBundle> members, int[] offsets) {
            this.members = members;
            this.offsets = offsets;
        }

        @Override
        public List<String> classes() {
            return members.get(0).classes();
        }

        @Override
        public double[] predictProba(double[] features) {
            double[] sum = new double[classes().size()];
            for (int i = 0; i < members.size(); i++) {
                double[] p = members.get(i).classifier().predictProba(
                        java.util.Arrays.copyOfRange(features, offsets[i], offsets[i + 1]));
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += p[k] / members.size();
                }
            }
            return sum;
        }

        @Override
        public void close() {
            members.forEach(ModelBundle::close);
        }
    }
}
