package org.ser4j.audio;

/** Thrown when the input decodes to no samples. */
public class EmptyAudioException extends AudioException {
    public EmptyAudioException(String source, String problem) {
        super(source, problem);
    }

    public EmptyAudioException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
