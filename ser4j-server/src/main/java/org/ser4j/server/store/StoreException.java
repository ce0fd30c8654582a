package org.ser4j.server.store;

/** The database failed or is unreachable; the server answers 503 and logs the cause. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
