package org.ser4j.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compressed formats (FLAC, MP3, Ogg Vorbis/Opus, M4A/AAC, ...) through FFmpeg (JavaCPP presets), decoded
 * packet by packet at the native rate. Samples are converted from the decoder's own sample format here, not
 * through swresample: integers are scaled like soundfile (int16 /32768, int32 /2^31), so FLAC equals the WAV
 * original bit-exactly; channels are averaged (swresample's default down-mix would weight them by 0.707).
 * Encoder delay and padding are removed by FFmpeg itself where the file records them (LAME/Xing header, Opus
 * pre-skip, MP4 edit list).
 *
 * <p>Only this class touches FFmpeg, so its natives are loaded the first time a compressed file is read. Input
 * held in memory is written to a temporary file that {@link #close()} deletes. Not thread-safe; one instance per
 * stream.
 */
final class FfmpegSource implements PcmSource {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegSource.class);
    /** Consecutive undecodable packets after which the input is declared corrupt. */
    private static final int MAX_CONSECUTIVE_ERRORS = 64;

    static {
        av_log_set_level(AV_LOG_QUIET); // errors surface as typed exceptions instead of stderr noise
    }

    private final String source;
    private final Path tempFile;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private final int streamIndex;
    private final int sampleRate;
    private final int channels;
    private final long lengthHint;

    private float[] pending = new float[0];
    private int pendingPos;
    private int pendingLen;
    private boolean demuxerDone;
    private boolean decoderDone;
    private long decodedSamples;
    private int consecutiveErrors;
    private int totalErrors;

    private FfmpegSource(Path path, String source, Path tempFile) {
        this.source = source;
        this.tempFile = tempFile;
        try {
            format = new AVFormatContext(null);
            check(avformat_open_input(format, path.toAbsolutePath().toString(), null, (AVDictionary) null),
                    "cannot open", true);
            check(avformat_find_stream_info(format, (AVDictionary) null), "cannot read stream info", true);
            streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new UnsupportedAudioException(source, "the file holds no audio stream");
            }
            AVCodecParameters par = format.streams(streamIndex).codecpar();
            AVCodec decoder = avcodec_find_decoder(par.codec_id());
            if (decoder == null) {
                throw new UnsupportedAudioException(source, "no decoder for codec id " + par.codec_id());
            }
            codec = avcodec_alloc_context3(decoder);
            check(avcodec_parameters_to_context(codec, par), "cannot configure decoder", false);
            check(avcodec_open2(codec, decoder, (AVDictionary) null), "cannot open " + decoder.name().getString()
                    + " decoder", false);
            sampleRate = codec.sample_rate();
            channels = codec.ch_layout().nb_channels();
            PcmSource.checkDeclaredRate(sampleRate, source, "stream");
            if (channels <= 0 || channels > WavSource.MAX_CHANNELS) {
                throw new InvalidAudioException(source, "stream declares " + channels + " channels");
            }
            long duration = format.streams(streamIndex).duration();
            var tb = format.streams(streamIndex).time_base();
            lengthHint = duration > 0 && tb.den() > 0
                    ? Math.round((double) duration * tb.num() / tb.den() * sampleRate) : -1;
            packet = av_packet_alloc();
            frame = av_frame_alloc();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens a file; {@code format} is the container its magic bytes showed. */
    static FfmpegSource open(Path path, String source) {
        return new FfmpegSource(path, source, null);
    }

    /** Opens in-memory data via a temporary file that {@link #close()} removes. */
    static FfmpegSource open(byte[] data, String source) {
        Path tmp;
        try {
            tmp = Files.createTempFile("ser4j-audio-", ".bin");
            Files.write(tmp, data);
        } catch (IOException e) {
            throw new AudioException(source, "cannot stage the data for decoding: " + e.getMessage(), e);
        }
        try {
            return new FfmpegSource(tmp, source, tmp);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
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
        return lengthHint;
    }

    @Override
    public int read(float[] buf, int off, int len) {
        while (pendingLen == 0) {
            if (decoderDone) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(len, pendingLen);
        System.arraycopy(pending, pendingPos, buf, off, n);
        pendingPos += n;
        pendingLen -= n;
        return n;
    }

    /** Feeds packets until the decoder yields a frame (into pending) or ends. */
    private void decodeMore() {
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r == 0) {
                takeFrame();
                av_frame_unref(frame);
                if (pendingLen > 0) {
                    return;
                }
                continue;
            }
            if (r == AVERROR_EOF()) {
                decoderDone = true;
                if (decodedSamples == 0 && totalErrors > 0) {
                    throw new CorruptAudioException(source, "no decodable audio (" + totalErrors
                            + " corrupt packets)");
                }
                return;
            }
            if (r != AVERROR_EAGAIN()) {
                onDecodeError(r);
            }
            sendNextPacket();
        }
    }

    private void sendNextPacket() {
        if (demuxerDone) {
            return;
        }
        while (true) {
            int r = av_read_frame(format, packet);
            if (r < 0) {
                demuxerDone = true;
                avcodec_send_packet(codec, null); // enter draining mode
                return;
            }
            try {
                if (packet.stream_index() != streamIndex) {
                    continue;
                }
                int s = avcodec_send_packet(codec, packet);
                if (s < 0 && s != AVERROR_EAGAIN()) {
                    onDecodeError(s);
                } else {
                    consecutiveErrors = 0;
                }
                return;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private void onDecodeError(int code) {
        totalErrors++;
        if (++consecutiveErrors > MAX_CONSECUTIVE_ERRORS) {
            throw new CorruptAudioException(source, "corrupt data after " + decodedSamples + " samples: "
                    + errorText(code));
        }
        if (totalErrors == 1) {
            LOG.warn("{}: skipping undecodable packet ({})", source, errorText(code));
        }
    }

    /** Appends the frame's samples, mixed to mono by the channel mean, to pending. */
    private void takeFrame() {
        double[] mono = monoMean(frame, source);
        int n = mono.length;
        if (n == 0) {
            return;
        }
        if (pendingPos + pendingLen + n > pending.length) {
            float[] grown = new float[Math.max(pendingLen + n, 2 * pending.length)];
            System.arraycopy(pending, pendingPos, grown, 0, pendingLen);
            pending = grown;
            pendingPos = 0;
        }
        int at = pendingPos + pendingLen;
        for (int i = 0; i < n; i++) {
            pending[at + i] = (float) mono[i];
        }
        pendingLen += n;
        decodedSamples += n;
    }

    /**
     * A decoded frame's samples mixed to mono by the channel mean (librosa's mix-down, not swresample's matrix), in
     * any sample format {@link #readPlane} reads; empty for an empty frame. Also used by {@link CodecRoundTrip}.
     */
    static double[] monoMean(AVFrame frame, String source) {
        int n = frame.nb_samples();
        int ch = frame.ch_layout().nb_channels();
        if (n <= 0 || ch <= 0) {
            return new double[0];
        }
        int fmt = frame.format();
        boolean planar = avutil.av_sample_fmt_is_planar(fmt) != 0;
        int packed = planar ? 1 : ch;
        double[] sum = new double[n];
        double[] tmp = new double[n * packed];
        for (int plane = 0; plane < (planar ? ch : 1); plane++) {
            readPlane(frame.extended_data(plane), fmt, n * packed, tmp, source);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < packed; c++) {
                    sum[i] += tmp[i * packed + c];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            sum[i] /= ch;
        }
        return sum;
    }

    /**
     * count values of the plane in sample format fmt, scaled like soundfile (also used by {@link CodecRoundTrip});
     * {@code source} names the input in the error for a format this does not read.
     */
    static void readPlane(BytePointer data, int fmt, int count, double[] out, String source) {
        switch (fmt) {
            case avutil.AV_SAMPLE_FMT_FLT, avutil.AV_SAMPLE_FMT_FLTP -> {
                float[] v = new float[count];
                new FloatPointer(data).get(v, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = v[i];
                }
            }
            case avutil.AV_SAMPLE_FMT_DBL, avutil.AV_SAMPLE_FMT_DBLP -> new DoublePointer(data).get(out, 0, count);
            case avutil.AV_SAMPLE_FMT_S16, avutil.AV_SAMPLE_FMT_S16P -> {
                short[] v = new short[count];
                new ShortPointer(data).get(v, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = v[i] / 32768.0;
                }
            }
            case avutil.AV_SAMPLE_FMT_S32, avutil.AV_SAMPLE_FMT_S32P -> {
                int[] v = new int[count];
                new IntPointer(data).get(v, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = v[i] / 2147483648.0;
                }
            }
            case avutil.AV_SAMPLE_FMT_S64, avutil.AV_SAMPLE_FMT_S64P -> {
                long[] v = new long[count];
                new LongPointer(data).get(v, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = v[i] / 9223372036854775808.0;
                }
            }
            case avutil.AV_SAMPLE_FMT_U8, avutil.AV_SAMPLE_FMT_U8P -> {
                byte[] v = new byte[count];
                data.get(v, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = ((v[i] & 0xFF) - 128) / 128.0;
                }
            }
            default -> throw new UnsupportedAudioException(source, "decoder produced unsupported sample format "
                    + fmt);
        }
    }

    private void check(int code, String what, boolean container) {
        if (code < 0) {
            String msg = what + ": " + errorText(code);
            throw container ? new CorruptAudioException(source, msg) : new UnsupportedAudioException(source, msg);
        }
    }

    /** FFmpeg's text for an error code, with the code (also used by {@link CodecRoundTrip}). */
    static String errorText(int code) {
        byte[] b = new byte[256];
        av_strerror(code, b, b.length);
        int len = 0;
        while (len < b.length && b[len] != 0) {
            len++;
        }
        return new String(b, 0, len, java.nio.charset.StandardCharsets.US_ASCII) + " (" + code + ")";
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (format != null) {
            if (!format.isNull()) {
                avformat_close_input(format);
            }
            format = null;
        }
        if (tempFile != null) {
            deleteQuietly(tempFile);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete temporary file {}: {}", p, e.toString());
        }
    }
}
