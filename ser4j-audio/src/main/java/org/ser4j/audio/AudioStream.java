package org.ser4j.audio;

import java.util.Arrays;

/**
 * Blocks of mono float samples from a file or upload, decoded incrementally (WAV read as it goes, compressed
 * formats packet by packet) and resampled on the fly by a streaming {@link Resampler}, so memory stays bounded
 * whatever the input's length. The concatenated blocks equal {@link AudioReader#read(java.nio.file.Path, int)}
 * of the same input (up to float rounding; in practice identically).
 *
 * <p>Every block has {@link #blockSize()} samples except the last. Samples that are NaN, infinite or absurdly large
 * (see {@link AudioReader#MAX_SAMPLE_MAGNITUDE}) raise {@link InvalidAudioException}; an input without any sample raises {@link EmptyAudioException} on the first
 * call. Not thread-safe; close it (try-with-resources) to release the file or decoder.
 */
public final class AudioStream implements AutoCloseable {
    private final PcmSource source;
    private final String name;
    private final int sampleRate;
    private final int blockSize;
    private final Resampler resampler;
    private final float[] scratch;
    private float[] pending = new float[0];
    private int pendingPos;
    private int pendingLen;
    private boolean sourceDone;
    private long delivered;
    private long nativeRead;

    AudioStream(PcmSource source, String name, Integer targetSr, int blockSize) {
        if (blockSize <= 0) {
            source.close();
            throw new IllegalArgumentException("blockSize must be positive, got " + blockSize);
        }
        this.source = source;
        this.name = name;
        this.blockSize = blockSize;
        int nativeRate = source.sampleRate();
        this.sampleRate = targetSr == null ? nativeRate : targetSr;
        this.resampler = sampleRate == nativeRate ? null
                : new Resampler(nativeRate, sampleRate, Resample.DEFAULT_RES_TYPE);
        this.scratch = new float[Math.max(blockSize, 4096)];
    }

    /** The rate of the blocks (the requested rate, or the native one). */
    public int sampleRate() {
        return sampleRate;
    }

    /** The file's own rate. */
    public int nativeSampleRate() {
        return source.sampleRate();
    }

    /** Channels in the file before the mix-down. */
    public int channels() {
        return source.channels();
    }

    public int blockSize() {
        return blockSize;
    }

    /** The input's name (its path, or the upload's name), for messages and answers. */
    public String name() {
        return name;
    }

    /** The recording's length in seconds as its header announces it, or -1 when it announces none. */
    public double announcedSeconds() {
        long n = source.lengthHint();
        return n < 0 ? -1 : n / (double) source.sampleRate();
    }

    /** Samples delivered so far. */
    public long position() {
        return delivered;
    }

    /** The next block (a new array), or null at the end of the input. */
    public float[] nextBlock() {
        while (pendingLen < blockSize && !sourceDone) {
            fill();
        }
        if (pendingLen == 0) {
            if (delivered == 0) {
                throw new EmptyAudioException(name, "the audio contains no samples");
            }
            return null;
        }
        int n = Math.min(blockSize, pendingLen);
        float[] block = Arrays.copyOfRange(pending, pendingPos, pendingPos + n);
        pendingPos += n;
        pendingLen -= n;
        delivered += n;
        return block;
    }

    private void fill() {
        int n = source.read(scratch, 0, scratch.length);
        if (n < 0) {
            sourceDone = true;
            if (resampler != null) {
                push(resampler.finish());
            }
            return;
        }
        AudioReader.checkSamples(scratch, n, name, nativeRead);
        nativeRead += n;
        if (resampler == null) {
            push(scratch, n);
        } else {
            push(resampler.process(scratch, 0, n));
        }
    }

    private void push(double[] y) {
        ensure(y.length);
        int at = pendingPos + pendingLen;
        for (int i = 0; i < y.length; i++) {
            pending[at + i] = (float) y[i];
        }
        pendingLen += y.length;
    }

    private void push(float[] y, int n) {
        ensure(n);
        System.arraycopy(y, 0, pending, pendingPos + pendingLen, n);
        pendingLen += n;
    }

    private void ensure(int extra) {
        if (pendingPos + pendingLen + extra <= pending.length) {
            return;
        }
        float[] next = pendingLen + extra <= pending.length ? pending
                : new float[Math.max(pendingLen + extra, 2 * pending.length)];
        System.arraycopy(pending, pendingPos, next, 0, pendingLen);
        pending = next;
        pendingPos = 0;
    }

    @Override
    public void close() {
        source.close();
    }
}
