package org.ser4j.server.store;

/** The database failed or is unreachable; the server answers 503 and logs the cause. */
public final class StoreException extends RuntimeException {
    /** What the failed operation left in the database. */
    public enum Outcome {
        /** Nothing of the operation was stored (or it only read). */
        NOT_STORED,
        /** A commit failed and the database could not be asked afterwards whether it went through. */
        UNKNOWN
    }

    private final Outcome outcome;

    public StoreException(String message, Throwable cause) {
        this(message, cause, Outcome.NOT_STORED);
    }

    public StoreException(String message, Throwable cause, Outcome outcome) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
