package org.ser4j.cli;

/** An error the user can fix (bad option combination, missing model...); printed as one line, exit 1. */
final class UserException extends RuntimeException {
    UserException(String message) {
        super(message);
    }
}
