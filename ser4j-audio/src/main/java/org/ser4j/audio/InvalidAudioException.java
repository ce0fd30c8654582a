package org.ser4j.audio;

/** Thrown when the input decodes, but to values or parameters that make no sense (NaN samples, sample rate 0, absurd channel counts). */
public class InvalidAudioException extends AudioException {
    public InvalidAudioException(String source, String problem) {
        super(source, problem);
    }

    public InvalidAudioException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
