package org.ser4j.audio;

import java.io.Closeable;

/**
 * A decoder's output seen as a pull stream of mono float samples at the source's native rate (channels already
 * averaged, as librosa's {@code to_mono}). Implementations: {@link WavSource} (pure Java) and
 * {@link FfmpegSource} (compressed formats). Not thread-safe.
 */
interface PcmSource extends Closeable {

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
