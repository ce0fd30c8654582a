package org.ser4j.data;

/**
 * A fold that would leak: one speaker, or one recording (same content hash), on two sides of the split. Thrown by
 * the leakage check that runs on every fold a protocol produces.
 */
public class LeakageException extends SplitException {
    public LeakageException(String fold, String problem) {
        super(fold, problem);
    }
}
