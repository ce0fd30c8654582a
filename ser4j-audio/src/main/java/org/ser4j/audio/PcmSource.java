package org.ser4j.audio;

import java.io.Closeable;

/**
 * A decoder's output seen as a pull stream of mono float samples at the source's native rate (channels already
 * averaged, as librosa's {@code to_mono}). Implementations: {@link WavSource} (pure Java) and
 * {@link FfmpegSource} (compressed formats). Not thread-safe.
 */
interface PcmSource extends Closeable {
    /**
     * Native rates a decoder accepts, in Hz. Under 2 kHz there is no speech band left, and nothing records above
     * 384 kHz; a header declaring such a rate (1 Hz, say) would otherwise cost seconds of resampling for nothing.
     */
    int MIN_SAMPLE_RATE = 2_000;
    int MAX_SAMPLE_RATE = 384_000;

    /** Refuses a declared native rate outside [{@link #MIN_SAMPLE_RATE}, {@link #MAX_SAMPLE_RATE}]. */
    static void checkDeclaredRate(long rate, String source, String declaredBy) {
        if (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
            throw new InvalidAudioException(source, declaredBy + " declares a sample rate of " + rate
                    + " Hz (supported: " + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz)");
        }
    }

    /** Native sample rate in Hz. */
    int sampleRate();

    /** Channels in the file (before the mix-down). */
    int channels();

    /**
     * Reads up to {@code len} mono samples into {@code buf[off ..]}.
     *
     * @return the number read (&gt; 0), or -1 at the end of the stream
     * @throws AudioException if the data turns out to be corrupt
     */
    int read(float[] buf, int off, int len);

    /** The number of mono samples the header announces, or -1 when unknown. */
    long lengthHint();

    /** Releases the decoder and its file; never throws. */
    @Override
    void close();
}
