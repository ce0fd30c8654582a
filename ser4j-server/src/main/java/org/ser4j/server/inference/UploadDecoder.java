package org.ser4j.server.inference;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.AudioStream;
import org.ser4j.audio.Signal;

/**
 * Decodes uploads with a duration limit. Decoding goes block by block through {@link AudioReader#stream}, so a
 * tiny file that expands to hours of audio (e.g. a FLAC of silence) is refused after {@code maxSeconds} of
 * decoded audio, without ever holding more than that in memory.
 */
public final class UploadDecoder {
    private static final int BLOCK = 1 << 15;
    private final int sampleRate;
    private final double maxSeconds;

    /**
     * @param sampleRate the rate the model's features expect; uploads are resampled to it
     * @param maxSeconds longest accepted recording
     */
    public UploadDecoder(int sampleRate, double maxSeconds) {
        this.sampleRate = sampleRate;
        this.maxSeconds = maxSeconds;
    }

    /** The upload as a mono signal at the model's rate; typed {@link org.ser4j.audio.AudioException}s on bad input. */
    public Signal decode(byte[] data, String name) {
        long maxSamples = (long) Math.ceil(maxSeconds * sampleRate);
        List<float[]> blocks = new ArrayList<>();
        long total = 0;
        try (AudioStream stream = AudioReader.stream(data, name, sampleRate, BLOCK)) {
            for (float[] block; (block = stream.nextBlock()) != null; ) {
                total += block.length;
                if (total > maxSamples) {
                    throw new AudioTooLongException(name, maxSeconds);
                }
                blocks.add(block);
            }
        }
        float[] samples = new float[(int) total];
        int at = 0;
        for (float[] block : blocks) {
            System.arraycopy(block, 0, samples, at, block.length);
            at += block.length;
        }
        return new Signal(samples, sampleRate, name);
    }
}
