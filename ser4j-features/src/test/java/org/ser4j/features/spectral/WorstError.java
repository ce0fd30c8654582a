package org.ser4j.features.spectral;

/** Tracks the worst error of a parity check over many arrays and says where it happened. */
final class WorstError {
    private final String quantity;
    private double worst;
    private String where = "-";
    private int arrays;

    WorstError(String quantity) {
        this.quantity = quantity;
    }

    double add(double error, String where) {
        arrays++;
        if (error > worst || Double.isNaN(error)) {
            worst = error;
            this.where = where;
        }
        return error;
    }

    double worst() {
        return worst;
    }

    int arrays() {
        return arrays;
    }

    @Override
    public String toString() {
        return String.format("%-28s worst %.3e over %3d arrays (at %s)", quantity, worst, arrays, where);
    }
}
