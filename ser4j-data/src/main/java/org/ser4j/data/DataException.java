package org.ser4j.data;

/**
 * Base of every data-handling error (corpus layout, label map, split, leakage). The message is meant for a user: it
 * names the input (a folder, file, fold or map) and the problem, so the CLI can print it as one line.
 */
public class DataException extends RuntimeException {
    private final String input;

    public DataException(String input, String problem) {
        this(input, problem, null);
    }

    public DataException(String input, String problem, Throwable cause) {
        super((input == null ? "<data>" : input) + ": " + problem, cause);
        this.input = input;
    }

    /** The folder, file, fold or map the error is about. */
    public String input() {
        return input;
    }
}
