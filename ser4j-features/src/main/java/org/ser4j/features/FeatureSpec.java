package org.ser4j.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.ser4j.audio.Conditioning;
import org.ser4j.audio.Signal;

/**
 * A named utterance-level feature set and every parameter that shapes its vector. The same spec always yields
 * the same vector layout ({@link FeatureExtractor#names()}), so a model bundle stores the spec it was trained on
 * and predicts with exactly the same features. Serialises to and from JSON.
 *
 * @param set        the set's name, e.g. {@code seed}, {@code full}, {@code egemaps}
 * @param version    the set's layout version; bumped whenever the same name and params would give other numbers
 * @param sampleRate the rate audio is resampled to before extraction
 * @param params     set-specific parameters with librosa names (n_fft, hop_length, n_mfcc, ...), as text
 * @param conditioning how audio is conditioned after resampling ({@link Conditioning}); specs written before it
 *                     existed (no such field) read as {@link Conditioning#NONE}
 */
public record FeatureSpec(String set, int version, int sampleRate, Map<String, String> params,
                          Conditioning conditioning) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public FeatureSpec {
        params = Map.copyOf(new TreeMap<>(params == null ? Map.of() : params));
        conditioning = conditioning == null ? Conditioning.NONE : conditioning;
    }

    /** A spec without conditioning (resampling only). */
    public FeatureSpec(String set, int version, int sampleRate, Map<String, String> params) {
        this(set, version, sampleRate, params, Conditioning.NONE);
    }

    /** The same spec with another conditioning. */
    public FeatureSpec withConditioning(Conditioning c) {
        return new FeatureSpec(set, version, sampleRate, params, c);
    }

    /** The one audio path: {@code signal} resampled to this spec's rate and conditioned as the spec says. */
    public Signal prepare(Signal signal) {
        return conditioning.prepare(signal, sampleRate);
    }

    /** The parameters as a {@link Params} reader. */
    public Params paramsReader() {
        return new Params(params);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FeatureSpec fromJson(String json) {
        try {
            return JSON.readValue(json, FeatureSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a feature specification: " + e.getMessage(), e);
        }
    }

    /**
     * A stable key (set, version, rate, SHA-256 of the sorted params and of the conditioning unless it is none)
     * used to key feature caches.
     */
    public String cacheKey() {
        try {
            String hashed = new TreeMap<>(params) + (conditioning.resamplesOnly() ? "" : " " + conditioning);
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(
                    hashed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return set + "-v" + version + "-" + sampleRate + "-" + java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
