package org.ser4j.audio;

/** Thrown when the container or codec is not one ser4j can decode. */
public class UnsupportedAudioException extends AudioException {
    public UnsupportedAudioException(String source, String problem) {
        super(source, problem);
    }

    public UnsupportedAudioException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
