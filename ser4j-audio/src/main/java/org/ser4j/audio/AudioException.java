package org.ser4j.audio;

/**
 * Base of every audio input error. The message is meant for a user: it names the input and the problem.
 * The CLI prints it as one line and exits non-zero; the server answers 4xx with it.
 */
public class AudioException extends RuntimeException {
    private final String source;

    public AudioException(String source, String problem) {
        this(source, problem, null);
    }

    public AudioException(String source, String problem, Throwable cause) {
        super((source == null ? "<input>" : source) + ": " + problem, cause);
        this.source = source;
    }

    /** The file or stream the error is about. */
    public String source() {
        return source;
    }
}
