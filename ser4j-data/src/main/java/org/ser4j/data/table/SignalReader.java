package org.ser4j.data.table;

import java.nio.file.Path;
import org.ser4j.audio.Signal;

/** Decodes a file to mono at a sample rate. The feature table builder's default is ser4j-audio's AudioReader. */
@FunctionalInterface
public interface SignalReader {
    /** The file's audio, mixed to mono and resampled to {@code sampleRate}; typed AudioExceptions on bad input. */
    Signal read(Path file, int sampleRate);
}
