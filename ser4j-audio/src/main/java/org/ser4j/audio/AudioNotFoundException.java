package org.ser4j.audio;

/** Thrown when the path does not exist, is a directory or cannot be read. */
public class AudioNotFoundException extends AudioException {
    public AudioNotFoundException(String source, String problem) {
        super(source, problem);
    }

    public AudioNotFoundException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
