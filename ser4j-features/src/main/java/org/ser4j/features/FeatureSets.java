package org.ser4j.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.features.voice.EgemapsSet;

/**
 * The named feature sets and their default specs. {@code seed}: the seed notebooks' vector (mean MFCC-40, mean
 * chroma_stft, mean spectral contrast; {@link SeedSet}); {@code full}: every frame feature with utterance statistics
 * ({@link FullSet}); {@code egemaps}: the 88 eGeMAPS v02 functionals ({@link EgemapsSet}).
 */
public final class FeatureSets {
    /** Every set this build computes; a new set is one line here. */
    private static final List<FeatureSet> SETS = List.of(
            SeedSet.INSTANCE,
            FullSet.INSTANCE,
            EgemapsSet.INSTANCE
    );

    private static final Map<String, FeatureSet> BY_NAME = index();

    private FeatureSets() {
    }

    /** Names of the sets this build can compute. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** A set by name. */
    public static FeatureSet get(String name) {
        FeatureSet set = BY_NAME.get(name);
        if (set == null) {
            throw unknown(name);
        }
        return set;
    }

    /** The default spec of a named set. */
    public static FeatureSpec defaultSpec(String name) {
        return get(name).defaultSpec();
    }

    /**
     * A named set's default spec with some parameters replaced and, when {@code sampleRate} is not null, another
     * rate; the set's conditioning is kept. This is what {@code --set NAME --param K=V --sr RATE} means everywhere.
     * {@code NAME@VERSION} (e.g. {@code full@1}) takes an older layout version's defaults, to retrain a model on the
     * features it was trained on.
     */
    public static FeatureSpec spec(String name, Map<String, String> params, Integer sampleRate) {
        int at = name.indexOf('@');
        FeatureSpec defaults = at < 0 ? defaultSpec(name) : get(name.substring(0, at)).defaultSpec(
                layoutVersion(name.substring(at + 1), name));
        Map<String, String> merged = new LinkedHashMap<>(defaults.params());
        merged.putAll(params);
        return new FeatureSpec(defaults.set(), defaults.version(),
                sampleRate == null ? defaults.sampleRate() : sampleRate, merged, defaults.conditioning());
    }

    /**
     * An extractor for a spec. Fails with a clear message when this build cannot reproduce the spec (unknown set,
     * newer version, unknown parameter), which is what loading a model bundle from another build relies on.
     */
    public static FeatureExtractor extractor(FeatureSpec spec) {
        FeatureSet set = get(spec.set());
        if (spec.version() > set.version()) {
            throw new IllegalArgumentException("feature set '" + spec.set() + "' version " + spec.version()
                    + " comes from a newer ser4j; this build computes version " + set.version());
        }
        if (spec.version() < set.oldestVersion()) {
            throw new IllegalArgumentException("feature set '" + spec.set() + "' version " + spec.version()
                    + " is no longer computed; this build computes versions " + set.oldestVersion() + " to "
                    + set.version());
        }
        if (spec.sampleRate() <= 0) {
            throw new IllegalArgumentException("feature set '" + spec.set() + "': sample rate must be positive, got "
                    + spec.sampleRate());
        }
        Params params = spec.paramsReader();
        FeatureExtractor extractor = set.extractor(spec, params);
        params.requireAllUsed("feature set '" + spec.set() + "'");
        return extractor;
    }

    private static int layoutVersion(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "': the version after @ must be a number");
        }
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown feature set '" + name + "' (known: " + names() + ")");
    }

    private static Map<String, FeatureSet> index() {
        Map<String, FeatureSet> m = new LinkedHashMap<>();
        for (FeatureSet s : SETS) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalStateException("feature set '" + s.name() + "' registered twice");
            }
        }
        return m;
    }
}
