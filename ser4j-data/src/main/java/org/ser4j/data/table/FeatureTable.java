package org.ser4j.data.table;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.data.Utterance;

/**
 * Utterance-level features as a matrix: one row per utterance that could be decoded and extracted, one named
 * column per feature. Files that failed are listed in {@link #failures()} instead of having a row, so split
 * {@link #utterances()} (not the list given to the builder) when fold indices should address rows directly;
 * {@link #sourceIndices()} maps rows back to that list.
 *
 * @param columns       feature names, one per column
 * @param utterances    the utterance of each row
 * @param values        the matrix, {@code values[row][column]}
 * @param sourceIndices each row's index in the list given to the builder
 * @param failures      the files that got no row, in input order
 * @param cacheHits     how many rows came from the feature cache rather than extraction
 * @param augmented     per row, the vectors of its augmented copies ({@code augmented[row][copy]}), or null when
 *                      the table was built without augmentation
 */
public record FeatureTable(List<String> columns, List<Utterance> utterances, double[][] values,
                           int[] sourceIndices, List<ExtractionFailure> failures, int cacheHits,
                           double[][][] augmented) {
    public FeatureTable {
        columns = List.copyOf(columns);
        utterances = List.copyOf(utterances);
        failures = List.copyOf(failures);
        if (values.length != utterances.size() || sourceIndices.length != utterances.size()
                || augmented != null && augmented.length != utterances.size()) {
            throw new IllegalArgumentException("rows (" + values.length + "), utterances (" + utterances.size()
                    + "), source indices (" + sourceIndices.length + ") and augmented rows ("
                    + (augmented == null ? "none" : augmented.length) + ") differ in number");
        }
    }

    /** A table without augmented copies. */
    public FeatureTable(List<String> columns, List<Utterance> utterances, double[][] values, int[] sourceIndices,
                        List<ExtractionFailure> failures, int cacheHits) {
        this(columns, utterances, values, sourceIndices, failures, cacheHits, null);
    }

    public int rowCount() {
        return values.length;
    }

    public int columnCount() {
        return columns.size();
    }

    /** The rows at {@code rows} (e.g. a fold's train indices), sharing the row arrays. */
    public double[][] rows(int[] rows) {
        double[][] selected = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = values[rows[i]];
        }
        return selected;
    }

    /** One column by name, copied out. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no feature column '" + name + "'");
        }
        double[] column = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            column[r] = values[r][c];
        }
        return column;
    }

    /**
     * A table from per-utterance results: {@code vectors[i]} (null where extraction failed, with {@code errors[i]}
     * saying why). Failed utterances get no row and are listed as failures instead.
     */
    public static FeatureTable assemble(List<Utterance> utterances, List<String> columns, double[][] vectors,
                                         String[] errors, int cacheHits) {
        return assemble(utterances, columns, vectors, null, errors, cacheHits);
    }

    /** As {@link #assemble(List, List, double[][], String[], int)}, with each utterance's augmented copies. */
    public static FeatureTable assemble(List<Utterance> utterances, List<String> columns, double[][] vectors,
                                         double[][][] copies, String[] errors, int cacheHits) {
        List<Utterance> rows = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<double[][]> augmented = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        List<ExtractionFailure> failures = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            if (vectors[i] != null) {
                rows.add(utterances.get(i));
                values.add(vectors[i]);
                sources.add(i);
                if (copies != null) {
                    augmented.add(copies[i]);
                }
            } else {
                failures.add(new ExtractionFailure(i, utterances.get(i), errors[i]));
            }
        }
        return new FeatureTable(columns, rows, values.toArray(double[][]::new),
                sources.stream().mapToInt(Integer::intValue).toArray(), failures, cacheHits,
                copies == null ? null : augmented.toArray(double[][][]::new));
    }
}
