package org.ser4j.audio;

/** Thrown when the input is truncated or its header or data is malformed. */
public class CorruptAudioException extends AudioException {
    public CorruptAudioException(String source, String problem) {
        super(source, problem);
    }

    public CorruptAudioException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
