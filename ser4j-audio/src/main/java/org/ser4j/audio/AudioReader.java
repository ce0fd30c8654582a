package org.ser4j.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads audio files and uploads into a mono {@link Signal}, like {@code librosa.load(path, sr=None, mono=True)}:
 * channels averaged, samples as float in [-1, 1] scaled as soundfile scales them.
 *
 * <p>The format is detected from the content's first bytes ({@link ContainerFormat}), never from the name.
 * WAV (PCM 8/16/24/32-bit, float 32/64, mu-law, A-law, EXTENSIBLE, RF64) is decoded in pure Java; everything
 * else (FLAC, MP3, Ogg Vorbis/Opus, M4A/AAC, AIFF, WebM, ...) through FFmpeg, whose natives are loaded only
 * when such a file is read.
 *
 * <p>Resampling, when a target rate is given, uses {@link Resample} with {@code kaiser_best}. Note that
 * {@code librosa.load(path, sr=16000)} itself resamples with soxr_hq, which ser4j does not reproduce exactly.
 *
 * <p>Errors are typed: {@link AudioNotFoundException} (missing, a directory, unreadable),
 * {@link EmptyAudioException} (0 bytes, or no samples), {@link UnsupportedAudioException} (unknown format or
 * codec), {@link CorruptAudioException} (malformed or truncated header or data), {@link InvalidAudioException}
 * (NaN, infinite or absurdly large samples, sample rate 0, absurd channel counts). All methods are thread-safe.
 */
public final class AudioReader {
    private static final int STREAM_BUFFER = 1 << 16;
    /**
     * Samples allocated up front from a header's announced length, at most: a header may announce far more than
     * the data holds (a 100-byte WAV can declare 4 GB), so beyond this the buffer grows with what is decoded.
     */
    private static final int MAX_PREALLOCATED = 1 << 20;

    private AudioReader() {
    }

    /** The file at its native rate. */
    public static Signal read(Path path) {
        try (PcmSource src = open(path)) {
            return readAll(src, path.toString(), null);
        }
    }

    /** The file resampled to {@code targetSr} Hz (kaiser_best); no resampling when it is already at that rate. */
    public static Signal read(Path path, int targetSr) {
        checkRate(targetSr);
        try (PcmSource src = open(path)) {
            return readAll(src, path.toString(), targetSr);
        }
    }

    /**
     * In-memory data, e.g. an upload.
     *
     * @param data     the file's bytes
     * @param name     a name for messages (e.g. the upload's file name); not used to detect the format
     * @param targetSr the rate to resample to, or null for the native rate
     */
    public static Signal read(byte[] data, String name, Integer targetSr) {
        if (targetSr != null) {
            checkRate(targetSr);
        }
        String source = name == null ? "<upload>" : name;
        try (PcmSource src = open(data, source)) {
            return readAll(src, source, targetSr);
        }
    }

    /**
     * A streaming reader over a file: blocks of {@code blockSize} mono samples at {@code targetSr} (null: native
     * rate), decoded and resampled incrementally.
     */
    public static AudioStream stream(Path path, Integer targetSr, int blockSize) {
        if (targetSr != null) {
            checkRate(targetSr);
        }
        return new AudioStream(open(path), path.toString(), targetSr, blockSize);
    }

    /** A streaming reader over in-memory data (see {@link #stream(Path, Integer, int)}). */
    public static AudioStream stream(byte[] data, String name, Integer targetSr, int blockSize) {
        if (targetSr != null) {
            checkRate(targetSr);
        }
        String source = name == null ? "<upload>" : name;
        return new AudioStream(open(data, source), source, targetSr, blockSize);
    }

    /** The container detected from the file's first bytes. */
    public static ContainerFormat detect(Path path) {
        checkFile(path);
        byte[] head = new byte[ContainerFormat.PROBE_BYTES];
        int n = readHead(path, head);
        return requireFormat(head, n, path.toString());
    }

    static PcmSource open(Path path) {
        String source = path.toString();
        ContainerFormat format = detect(path);
        if (format == ContainerFormat.WAV) {
            try {
                InputStream in = new BufferedInputStream(Files.newInputStream(path), STREAM_BUFFER);
                return WavSource.open(in, source);
            } catch (IOException e) {
                throw new AudioNotFoundException(source, "cannot open: " + e.getMessage(), e);
            }
        }
        return FfmpegSource.open(path, source);
    }

    static PcmSource open(byte[] data, String source) {
        if (data == null || data.length == 0) {
            throw new EmptyAudioException(source, "the data is empty (0 bytes)");
        }
        ContainerFormat format = requireFormat(data, Math.min(data.length, ContainerFormat.PROBE_BYTES), source);
        if (format == ContainerFormat.WAV) {
            return WavSource.open(new ByteArrayInputStream(data), source);
        }
        return FfmpegSource.open(data, source);
    }

    private static void checkFile(Path path) {
        String source = path.toString();
        if (!Files.exists(path)) {
            throw new AudioNotFoundException(source, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new AudioNotFoundException(source, "is a directory, not an audio file");
        }
        if (!Files.isReadable(path)) {
            throw new AudioNotFoundException(source, "file is not readable");
        }
    }

    private static int readHead(Path path, byte[] head) {
        try (InputStream in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n == 0) {
                throw new EmptyAudioException(path.toString(), "the file is empty (0 bytes)");
            }
            return n;
        } catch (IOException e) {
            throw new AudioNotFoundException(path.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static ContainerFormat requireFormat(byte[] head, int n, String source) {
        ContainerFormat f = ContainerFormat.detect(head, n);
        if (f == null) {
            boolean text = true;
            for (int i = 0; i < n; i++) {
                int b = head[i] & 0xFF;
                text &= b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7F);
            }
            throw new UnsupportedAudioException(source, "unrecognised audio format" + (text ? " (looks like text)"
                    : "") + "; supported: WAV, FLAC, MP3, Ogg Vorbis/Opus, M4A/AAC, AIFF, WebM");
        }
        return f;
    }

    /** All of a source's samples, checked (see checkSamples) and non-empty, resampled to targetSr when given. */
    static Signal readAll(PcmSource src, String source, Integer targetSr) {
        long hint = src.lengthHint();
        float[] y = new float[(int) Math.max(4096, Math.min(hint + 1, MAX_PREALLOCATED))];
        int n = 0;
        while (true) {
            if (n == y.length) {
                y = Arrays.copyOf(y, y.length * 2);
            }
            int r = src.read(y, n, y.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n == 0) {
            throw new EmptyAudioException(source, "the audio contains no samples");
        }
        checkSamples(y, n, source, 0);
        Signal native_ = new Signal(n == y.length ? y : Arrays.copyOf(y, n), src.sampleRate(), source);
        return targetSr == null ? native_ : Resample.resample(native_, targetSr);
    }

    /**
     * Largest sample magnitude accepted: 120 dB above full scale (audio is within +-1, floats a little beyond when
     * clipped). Larger values are garbage, not loud audio, and resampling them could overflow to infinity.
     */
    static final float MAX_SAMPLE_MAGNITUDE = 1e6f;

    /** Throws InvalidAudioException if any of y[0..n) is NaN, infinite or beyond {@link #MAX_SAMPLE_MAGNITUDE}. */
    static void checkSamples(float[] y, int n, String source, long offset) {
        for (int i = 0; i < n; i++) {
            if (!valid(y[i])) {
                int bad = 0;
                for (int j = i; j < n; j++) {
                    bad += valid(y[j]) ? 0 : 1;
                }
                throw new InvalidAudioException(source, "sample " + (offset + i) + " is " + y[i] + " ("
                        + bad + " of the " + (n - i) + " samples from there on are NaN, infinite or beyond +-"
                        + MAX_SAMPLE_MAGNITUDE + ", where audio lies within +-1)");
            }
        }
    }

    private static boolean valid(float v) {
        return Math.abs(v) <= MAX_SAMPLE_MAGNITUDE; // false for NaN too
    }

    private static void checkRate(int targetSr) {
        if (targetSr <= 0) {
            throw new IllegalArgumentException("target sample rate must be positive, got " + targetSr);
        }
    }
}
