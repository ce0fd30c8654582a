package org.ser4j.server.inference;

import org.ser4j.audio.AudioException;

/** The recording is longer than the server's duration limit (answered 422). */
public final class AudioTooLongException extends AudioException {
    public AudioTooLongException(String source, double limitSeconds) {
        super(source, "the audio is longer than the limit of " + limitSeconds + " seconds");
    }
}
