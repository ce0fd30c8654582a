package org.ser4j.features;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named parameters as text, keyed by librosa's parameter names ({@code n_fft}, {@code hop_length}, {@code n_mels},
 * ...). The CLI's {@code --param k=v} and the serialised {@link FeatureSpec} both use this form, so a value can be
 * checked against librosa by hand. Readers record which keys they consumed, so unknown keys can be refused.
 */
public final class Params {
    private final Map<String, String> values;
    private final Set<String> used = Collections.synchronizedSet(new TreeSet<>());

    public Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params empty() {
        return new Params(Map.of());
    }

    /** Parses "k=v" strings. */
    public static Params parse(Iterable<String> kvs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : kvs) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + kv + "' is not of the form name=value");
            }
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return new Params(m);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key) && !isNone(values.get(key));
    }

    public String getString(String key, String dflt) {
        used.add(key);
        String v = values.get(key);
        return v == null || isNone(v) ? dflt : v;
    }

    public int getInt(String key, int dflt) {
        String v = getString(key, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + "=" + v + " is not an integer");
        }
    }

    /** An integer that may be None (returned as null), e.g. win_length. */
    public Integer getIntOrNull(String key, Integer dflt) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        return isNone(v) ? null : getInt(key, 0);
    }

    public double getDouble(String key, double dflt) {
        String v = getString(key, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + "=" + v + " is not a number");
        }
    }

    /** A number that may be None (returned as null), e.g. fmax. */
    public Double getDoubleOrNull(String key, Double dflt) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        return isNone(v) ? null : getDouble(key, 0);
    }

    public boolean getBool(String key, boolean dflt) {
        String v = getString(key, null);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("parameter " + key + "=" + v + " is not a boolean");
        };
    }

    /** Keys given but never read: a typo or a parameter the feature does not take. */
    public Set<String> unused() {
        Set<String> s = new TreeSet<>(values.keySet());
        s.removeAll(used);
        return s;
    }

    /** Throws if any given key was not read by the feature named {@code what}. */
    public void requireAllUsed(String what) {
        Set<String> u = unused();
        if (!u.isEmpty()) {
            throw new IllegalArgumentException(what + " does not take parameter(s) " + u);
        }
    }

    private static boolean isNone(String v) {
        return v.equalsIgnoreCase("none") || v.equalsIgnoreCase("null");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
