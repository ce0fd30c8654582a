package org.ser4j.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure-Java RIFF/WAVE (and RF64) decoder, read incrementally from a stream.
 *
 * <p>Supported: PCM unsigned 8-bit, signed 16/24/32-bit, IEEE float 32/64-bit, G.711 mu-law and A-law, each
 * also inside WAVE_FORMAT_EXTENSIBLE; any channel count up to {@value #MAX_CHANNELS}; unknown chunks before
 * and after {@code data} (odd sizes with their pad byte). Integers are scaled as soundfile/libsndfile scale
 * them, so lossless files match the reference tools bit-exactly: u8 (v-128)/128, int16 /32768,
 * int24 /8388608, int32 /2^31, mu-law and A-law through their int16 expansion /32768. Channels are averaged.
 *
 * <p>A data chunk that declares more bytes than the file holds (a truncated file, or a writer that never
 * patched the size) is decoded as far as it goes, with a logged warning; a size of 0xFFFFFFFF means "to the end
 * of the file". Compressed WAV codecs (ADPCM, GSM, MP3-in-WAV, ...) are refused with
 * {@link UnsupportedAudioException}.
 */
final class WavSource implements PcmSource {
    private static final Logger LOG = LoggerFactory.getLogger(WavSource.class);
    static final int MAX_CHANNELS = 1024;
    private static final int MAX_FMT_SIZE = 1 << 16;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    /** Most bytes read at once, so the read buffer stays small whatever the caller asks for and the header declares. */
    private static final int MAX_READ_BYTES = 1 << 20;

    private static final Map<Integer, String> CODEC_NAMES = Map.of(
            0x0002, "Microsoft ADPCM", 0x0011, "IMA ADPCM", 0x0031, "GSM 6.10", 0x0050, "MPEG audio",
            0x0055, "MPEG layer 3", 0x0161, "Windows Media Audio", 0x0092, "Dolby AC-3", 0x1610, "AAC");

    private enum Encoding { U8, S16, S24, S32, F32, F64, ULAW, ALAW }

    private final InputStream in;
    private final String source;
    private final int channels;
    private final int sampleRate;
    private final int blockAlign;
    private final int bytesPerSample;
    private final Encoding encoding;
    /** Declared data bytes (-1: until end of file). */
    private final long declaredBytes;
    private long consumedBytes;
    private boolean ended;
    private byte[] raw = new byte[0];

    private WavSource(InputStream in, String source, int channels, int sampleRate, int blockAlign,
                      int bytesPerSample, Encoding encoding, long declaredBytes) {
        this.in = in;
        this.source = source;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.blockAlign = blockAlign;
        this.bytesPerSample = bytesPerSample;
        this.encoding = encoding;
        this.declaredBytes = declaredBytes;
    }

    /**
     * Parses the header up to the start of the audio data, leaving {@code in} positioned there.
     * The stream is closed by {@link #close()} (or here, if the header is bad).
     */
    static WavSource open(InputStream in, String source) {
        try {
            return parse(in, source);
        } catch (IOException e) {
            closeQuietly(in);
            throw new CorruptAudioException(source, "cannot read WAV header: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static WavSource parse(InputStream in, String source) throws IOException {
        byte[] riff = in.readNBytes(12);
        if (riff.length < 12) {
            throw new CorruptAudioException(source, "truncated WAV header (" + riff.length + " bytes)");
        }
        String id = ascii(riff, 0);
        boolean rf64 = id.equals("RF64");
        if (!(id.equals("RIFF") || rf64) || !ascii(riff, 8).equals("WAVE")) {
            throw new CorruptAudioException(source, "not a RIFF/WAVE file (starts with '" + id + "')");
        }
        byte[] fmt = null;
        long ds64DataSize = -1;
        byte[] chunkHeader = new byte[8];
        while (true) {
            if (in.readNBytes(chunkHeader, 0, 8) < 8) {
                throw new CorruptAudioException(source, fmt == null ? "no 'fmt ' chunk (truncated header)"
                        : "no 'data' chunk (truncated file)");
            }
            String chunk = ascii(chunkHeader, 0);
            long size = u32(chunkHeader, 4);
            switch (chunk) {
                case "fmt " -> {
                    if (size < 16 || size > MAX_FMT_SIZE) {
                        throw new CorruptAudioException(source, "'fmt ' chunk of " + size + " bytes (expected 16-"
                                + MAX_FMT_SIZE + ")");
                    }
                    fmt = in.readNBytes((int) size);
                    if (fmt.length < size) {
                        throw new CorruptAudioException(source, "truncated 'fmt ' chunk");
                    }
                    skipFully(in, size & 1, source);
                }
                case "ds64" -> {
                    byte[] ds64 = in.readNBytes((int) Math.min(size, MAX_FMT_SIZE));
                    if (ds64.length < 16) {
                        throw new CorruptAudioException(source, "truncated 'ds64' chunk");
                    }
                    ds64DataSize = u32(ds64, 8) | (u32(ds64, 12) << 32);
                    skipFully(in, size - ds64.length + (size & 1), source);
                }
                case "data" -> {
                    if (fmt == null) {
                        throw new CorruptAudioException(source, "'data' chunk before the 'fmt ' chunk");
                    }
                    long dataBytes = size;
                    if (rf64 && size == UNKNOWN_SIZE && ds64DataSize >= 0) {
                        dataBytes = ds64DataSize;
                    } else if (size == UNKNOWN_SIZE) {
                        dataBytes = -1;
                    }
                    return fromFmt(in, source, fmt, dataBytes);
                }
                default -> skipFully(in, size + (size & 1), source);
            }
        }
    }

    private static WavSource fromFmt(InputStream in, String source, byte[] fmt, long dataBytes) {
        int tag = u16(fmt, 0);
        int channels = u16(fmt, 2);
        long rate = u32(fmt, 4);
        int blockAlign = u16(fmt, 12);
        int bits = u16(fmt, 14);
        if (tag == 0xFFFE) {
            if (fmt.length < 40) {
                throw new CorruptAudioException(source, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of " + fmt.length
                        + " bytes (expected 40)");
            }
            tag = u16(fmt, 24); // the first two bytes of the sub-format GUID are the classic format tag
        }
        if (channels == 0 || channels > MAX_CHANNELS) {
            throw new InvalidAudioException(source, "WAV header declares " + channels + " channels (expected 1-"
                    + MAX_CHANNELS + ")");
        }
        PcmSource.checkDeclaredRate(rate, source, "WAV header");
        if (blockAlign == 0 || blockAlign % channels != 0) {
            throw new CorruptAudioException(source, "WAV block align " + blockAlign + " does not fit " + channels
                    + " channels");
        }
        int bytesPerSample = blockAlign / channels;
        if (bits > 8 * bytesPerSample) {
            throw new CorruptAudioException(source, "WAV header declares " + bits + "-bit samples in "
                    + bytesPerSample + "-byte slots");
        }
        Encoding enc = switch (tag) {
            case 1 -> switch (bytesPerSample) {
                case 1 -> Encoding.U8;
                case 2 -> Encoding.S16;
                case 3 -> Encoding.S24;
                case 4 -> Encoding.S32;
                default -> throw new UnsupportedAudioException(source, "WAV PCM with " + bytesPerSample
                        + "-byte samples is not supported");
            };
            case 3 -> switch (bytesPerSample) {
                case 4 -> Encoding.F32;
                case 8 -> Encoding.F64;
                default -> throw new UnsupportedAudioException(source, "WAV float with " + bytesPerSample
                        + "-byte samples is not supported");
            };
            case 6 -> Encoding.ALAW;
            case 7 -> Encoding.ULAW;
            default -> throw new UnsupportedAudioException(source, String.format("WAV format tag 0x%04X (%s) is "
                    + "not supported (supported: PCM, IEEE float, mu-law, A-law)", tag,
                    CODEC_NAMES.getOrDefault(tag, "unknown codec")));
        };
        if ((enc == Encoding.ULAW || enc == Encoding.ALAW) && bytesPerSample != 1) {
            throw new CorruptAudioException(source, "G.711 WAV with " + bytesPerSample + "-byte samples");
        }
        return new WavSource(in, source, channels, (int) rate, blockAlign, bytesPerSample, enc, dataBytes);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public long lengthHint() {
        return declaredBytes < 0 ? -1 : declaredBytes / blockAlign;
    }

    @Override
    public int read(float[] buf, int off, int len) {
        if (ended || len == 0) {
            return ended ? -1 : 0;
        }
        long framesLeft = declaredBytes < 0 ? Long.MAX_VALUE : (declaredBytes - consumedBytes) / blockAlign;
        // blockAlign is at most 8 bytes x MAX_CHANNELS, so a read is at least 128 frames.
        int frames = (int) Math.min(Math.min(len, framesLeft), MAX_READ_BYTES / blockAlign);
        if (frames == 0) {
            ended = true;
            return -1;
        }
        int want = frames * blockAlign;
        if (raw.length < want) {
            raw = new byte[want];
        }
        int got;
        try {
            got = in.readNBytes(raw, 0, want);
        } catch (IOException e) {
            throw new CorruptAudioException(source, "read error in WAV data: " + e.getMessage(), e);
        }
        consumedBytes += got;
        if (got < want) {
            ended = true;
            if (declaredBytes >= 0) {
                LOG.warn("{}: WAV data chunk declares {} bytes but the file ends after {}; decoding what is there",
                        source, declaredBytes, consumedBytes);
            }
        }
        int n = got / blockAlign;
        if (n == 0) {
            return -1;
        }
        decode(raw, n, buf, off);
        return n;
    }

    /** Decodes n interleaved frames from raw into mono floats (channel mean). */
    private void decode(byte[] b, int n, float[] out, int off) {
        int total = n * channels;
        if (channels == 1) {
            for (int i = 0; i < total; i++) {
                out[off + i] = (float) value(b, i * bytesPerSample);
            }
            return;
        }
        for (int f = 0; f < n; f++) {
            double sum = 0;
            int p = f * blockAlign;
            for (int c = 0; c < channels; c++) {
                sum += value(b, p + c * bytesPerSample);
            }
            out[off + f] = (float) (sum / channels);
        }
    }

    /** One sample scaled to [-1, 1) as soundfile reads it. */
    private double value(byte[] b, int p) {
        return switch (encoding) {
            case U8 -> ((b[p] & 0xFF) - 128) / 128.0;
            case S16 -> (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768.0;
            case S24 -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) / 8388608.0;
            case S32 -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24))
                    / 2147483648.0;
            case F32 -> Float.intBitsToFloat((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16)
                    | (b[p + 3] << 24));
            case F64 -> {
                long bits = 0;
                for (int i = 7; i >= 0; i--) {
                    bits = (bits << 8) | (b[p + i] & 0xFF);
                }
                yield Double.longBitsToDouble(bits);
            }
            case ULAW -> G711.ULAW[b[p] & 0xFF] / 32768.0;
            case ALAW -> G711.ALAW[b[p] & 0xFF] / 32768.0;
        };
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void skipFully(InputStream in, long n, String source) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new CorruptAudioException(source, "no 'data' chunk (file ends inside a chunk)");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String ascii(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | ((b[p + 1] & 0xFFL) << 8) | ((b[p + 2] & 0xFFL) << 16) | ((b[p + 3] & 0xFFL) << 24);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a reader must never mask the real error
        }
    }
}
