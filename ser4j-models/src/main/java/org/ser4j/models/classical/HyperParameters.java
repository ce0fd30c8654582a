package org.ser4j.models.classical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Named numeric hyper-parameters of one model (C, gamma, max_depth...), kept sorted by name so equal settings print
 * and serialise identically. Serialises to JSON as a plain object.
 */
public final class HyperParameters {
    private final SortedMap<String, Double> values;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public HyperParameters(Map<String, Double> values) {
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static HyperParameters of(String name, double value) {
        return new HyperParameters(Map.of(name, value));
    }

    public static HyperParameters of(String name1, double value1, String name2, double value2) {
        return new HyperParameters(Map.of(name1, value1, name2, value2));
    }

    /** The value of a parameter, or {@code fallback} when it is not set. */
    public double get(String name, double fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int getInt(String name, int fallback) {
        return values.containsKey(name) ? (int) Math.round(values.get(name)) : fallback;
    }

    /** These settings overridden by {@code overrides}. */
    public HyperParameters with(HyperParameters overrides) {
        Map<String, Double> merged = new TreeMap<>(values);
        merged.putAll(overrides.values);
        return new HyperParameters(merged);
    }

    @JsonValue
    public SortedMap<String, Double> asMap() {
        return values;
    }

    /** Every combination of the given values (a full grid), in a stable order. */
    public static List<HyperParameters> grid(Map<String, List<Double>> axes) {
        List<Map<String, Double>> combos = new ArrayList<>();
        combos.add(new TreeMap<>());
        for (Map.Entry<String, List<Double>> axis : new TreeMap<>(axes).entrySet()) {
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> partial : combos) {
                for (double v : axis.getValue()) {
                    Map<String, Double> extended = new TreeMap<>(partial);
                    extended.put(axis.getKey(), v);
                    next.add(extended);
                }
            }
            combos = next;
        }
        return combos.stream().map(HyperParameters::new).collect(Collectors.toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperParameters other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** e.g. {@code C=10, gamma=0.005}. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + formatNumber(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
