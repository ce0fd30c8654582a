package org.ser4j.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_FORMAT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CONFIG_SAMPLE_RATE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_supported_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * A lossy codec round trip in memory: the signal is encoded with one of FFmpeg's encoders at a given bitrate and
 * the packets are fed straight back to the matching decoder (no container), as audio that passed through an MP3,
 * Opus or AAC file or stream would sound. The output has the input's rate and length and is time-aligned with it
 * (best-matching lag 0): the decoder is told the encoder's priming ({@code initial_padding}, the Opus pre-skip,
 * LAME's skip-samples side data, which a container would otherwise carry) and the decoded frames are placed on the
 * input's timeline by their timestamps, so priming samples land before 0 and are dropped whether or not the
 * decoder dropped them itself; the tail is cut or zero-padded to the input's length.
 *
 * <p>When the codec cannot run at the signal's rate (Opus: 8/12/16/24/48 kHz; MP3: 8-48 kHz in its own set) the
 * signal is resampled (kaiser_fast) to the nearest higher supported rate and back. Each call opens its own
 * encoder and decoder and frees them before it returns, so calls are thread-safe; the output depends only on the
 * input, the codec and the bitrate.
 */
public final class CodecRoundTrip {
    /** The lossy codecs, by the FFmpeg encoder that implements each. */
    public enum Codec {
        /** MP3 through LAME ({@code libmp3lame}). */
        MP3("mp3", "libmp3lame", null),
        /** Opus through libopus ({@code libopus}), decoded by libopus too when FFmpeg has its decoder. */
        OPUS("opus", "libopus", "libopus"),
        /** AAC-LC through FFmpeg's native encoder ({@code aac}). */
        AAC("aac", "aac", null);

        private final String id;
        private final String encoder;
        private final String preferredDecoder;

        Codec(String id, String encoder, String preferredDecoder) {
            this.id = id;
            this.encoder = encoder;
            this.preferredDecoder = preferredDecoder;
        }

        /** The short name used in specs: {@code mp3}, {@code opus}, {@code aac}. */
        public String id() {
            return id;
        }

        /** The FFmpeg encoder's name, e.g. {@code libmp3lame}. */
        public String encoderName() {
            return encoder;
        }

        /** Whether this FFmpeg build has the encoder. */
        public boolean available() {
            return avcodec_find_encoder_by_name(encoder) != null;
        }

        /** The codec named {@code id} (case-insensitive: mp3, opus, aac). */
        public static Codec parse(String id) {
            String s = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
            for (Codec c : values()) {
                if (c.id.equals(s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown codec '" + (id == null ? "" : id.trim())
                    + "' (mp3, opus, aac)");
        }
    }

    /** Highest bitrate accepted, in kbit/s (Opus's maximum per channel is 256; MP3's is 320). */
    public static final int MAX_KBPS = 512;
    /** Frame length used for encoders that accept any frame size. */
    private static final int DEFAULT_FRAME = 1024;

    static {
        av_log_set_level(AV_LOG_QUIET); // errors surface as exceptions, not stderr noise
    }

    private CodecRoundTrip() {
    }

    /**
     * The signal after encoding with {@code codec} at {@code bitrateKbps} and decoding again.
     *
     * @return a new signal with the input's sample rate, length and source
     * @throws UnsupportedAudioException when this FFmpeg build lacks the encoder or a matching decoder, or the
     *                                   encoder refuses the settings
     * @throws IllegalArgumentException  for a bitrate outside 1..{@link #MAX_KBPS}
     */
    public static Signal roundTrip(Signal signal, Codec codec, int bitrateKbps) {
        if (bitrateKbps < 1 || bitrateKbps > MAX_KBPS) {
            throw new IllegalArgumentException("codec bitrate must be in 1.." + MAX_KBPS + " kbit/s, got "
                    + bitrateKbps);
        }
        AVCodec encoder = avcodec_find_encoder_by_name(codec.encoder);
        if (encoder == null) {
            throw new UnsupportedAudioException(signal.source(), "this FFmpeg build has no " + codec.encoder
                    + " encoder, so the " + codec.id + " round trip is not available");
        }
        if (signal.length() == 0) {
            return new Signal(new float[0], signal.sampleRate(), signal.source());
        }
        int rate = codecRate(encoder, signal.sampleRate());
        double[] y = Resample.resample(signal.toDoubles(), signal.sampleRate(), rate, "kaiser_fast");
        int codecLength = y.length;
        Decoded decoded = encodeDecode(y, rate, encoder, codec, bitrateKbps * 1000L, signal.source());
        double[] out = decoded.samples;
        if (decoded.rate != rate) {
            out = Resample.resample(out, decoded.rate, rate, "kaiser_fast");
        }
        out = Arrays.copyOf(out, codecLength);
        out = Resample.resample(out, rate, signal.sampleRate(), "kaiser_fast");
        return Signal.ofDoubles(Arrays.copyOf(out, signal.length()), signal.sampleRate(), signal.source());
    }

    /** The rates the encoder accepts (empty when it accepts any). */
    public static int[] supportedRates(Codec codec) {
        AVCodec encoder = avcodec_find_encoder_by_name(codec.encoder);
        if (encoder == null) {
            throw new UnsupportedAudioException(null, "this FFmpeg build has no " + codec.encoder + " encoder");
        }
        return supportedConfig(encoder, AV_CODEC_CONFIG_SAMPLE_RATE);
    }

    /** The signal's rate when the encoder takes it, else the lowest supported rate above it (else the highest). */
    static int codecRate(AVCodec encoder, int rate) {
        int[] rates = supportedConfig(encoder, AV_CODEC_CONFIG_SAMPLE_RATE);
        if (rates.length == 0) {
            return rate;
        }
        int above = Integer.MAX_VALUE;
        int highest = 0;
        for (int r : rates) {
            if (r == rate) {
                return rate;
            }
            if (r > rate) {
                above = Math.min(above, r);
            }
            highest = Math.max(highest, r);
        }
        return above != Integer.MAX_VALUE ? above : highest;
    }

    /** The int-valued list avcodec_get_supported_config gives (empty meaning "anything"). */
    private static int[] supportedConfig(AVCodec codec, int config) {
        try (PointerPointer<Pointer> list = new PointerPointer<>(1); IntPointer count = new IntPointer(1)) {
            if (avcodec_get_supported_config(null, codec, config, 0, list, count) < 0) {
                return new int[0];
            }
            Pointer values = list.get(0);
            if (values == null || values.isNull()) {
                return new int[0];
            }
            int[] out = new int[count.get()];
            new IntPointer(values).get(out, 0, out.length);
            return out;
        }
    }

    /** Decoded samples, time-aligned with the encoder's input, and their rate. */
    private record Decoded(double[] samples, int rate) {
    }

    private static Decoded encodeDecode(double[] y, int rate, AVCodec encoder, Codec codec, long bitrate,
                                        String source) {
        AVCodecContext enc = null;
        AVCodecContext dec = null;
        AVCodecParameters par = null;
        AVFrame in = null;
        AVFrame out = null;
        AVPacket packet = null;
        try {
            enc = avcodec_alloc_context3(encoder);
            if (enc == null) {
                throw new OutOfMemoryError("avcodec_alloc_context3");
            }
            int fmt = encoderFormat(encoder, source, codec);
            enc.sample_fmt(fmt);
            enc.sample_rate(rate);
            av_channel_layout_default(enc.ch_layout(), 1);
            enc.bit_rate(bitrate);
            enc.time_base().num(1);
            enc.time_base().den(rate);
            enc.thread_count(1);
            check(avcodec_open2(enc, encoder, (AVDictionary) null), source, "cannot open the " + codec.encoder
                    + " encoder at " + rate + " Hz, " + bitrate / 1000 + " kbit/s");
            int frameSize = enc.frame_size() > 0
                    && (encoder.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) == 0 ? enc.frame_size()
                    : DEFAULT_FRAME;

            par = avcodec_parameters_alloc();
            check(avcodec_parameters_from_context(par, enc), source, "cannot read the encoder's parameters");
            AVCodec decoder = codec.preferredDecoder == null ? null
                    : avcodec_find_decoder_by_name(codec.preferredDecoder);
            if (decoder == null) {
                decoder = avcodec_find_decoder(encoder.id());
            }
            if (decoder == null) {
                throw new UnsupportedAudioException(source, "this FFmpeg build has no " + codec.id + " decoder");
            }
            dec = avcodec_alloc_context3(decoder);
            if (dec == null) {
                throw new OutOfMemoryError("avcodec_alloc_context3");
            }
            check(avcodec_parameters_to_context(dec, par), source, "cannot configure the " + codec.id + " decoder");
            dec.thread_count(1);
            // decoded frames then carry timestamps in input samples: where each belongs on the input's timeline
            dec.pkt_timebase().num(1);
            dec.pkt_timebase().den(rate);
            check(avcodec_open2(dec, decoder, (AVDictionary) null), source, "cannot open the "
                    + decoder.name().getString() + " decoder");

            in = av_frame_alloc();
            out = av_frame_alloc();
            packet = av_packet_alloc();
            in.nb_samples(frameSize);
            in.format(fmt);
            in.sample_rate(rate);
            check(av_channel_layout_copy(in.ch_layout(), enc.ch_layout()), source, "cannot set the channel layout");
            check(av_frame_get_buffer(in, 0), source, "cannot allocate an audio frame");

            Collector collector = new Collector(source);
            for (int start = 0; start < y.length; start += frameSize) {
                int n = Math.min(frameSize, y.length - start);
                check(av_frame_make_writable(in), source, "cannot write an audio frame");
                // a short last frame is zero-padded to a whole frame; the tail is cut to length afterwards
                in.nb_samples(frameSize);
                writeFrame(in, fmt, y, start, n, frameSize);
                in.pts(start);
                check(avcodec_send_frame(enc, in), source, "the " + codec.encoder + " encoder failed");
                drainEncoder(enc, dec, packet, out, collector, source);
            }
            check(avcodec_send_frame(enc, null), source, "cannot flush the " + codec.encoder + " encoder");
            drainEncoder(enc, dec, packet, out, collector, source);
            check(avcodec_send_packet(dec, null), source, "cannot flush the " + codec.id + " decoder");
            drainDecoder(dec, out, collector, source);

            return collector.placed(y.length, rate);
        } finally {
            if (packet != null) {
                av_packet_free(packet);
            }
            if (in != null) {
                av_frame_free(in);
            }
            if (out != null) {
                av_frame_free(out);
            }
            if (par != null) {
                avcodec_parameters_free(par);
            }
            if (enc != null) {
                avcodec_free_context(enc);
            }
            if (dec != null) {
                avcodec_free_context(dec);
            }
        }
    }

    /** Float formats first (no quantisation before the codec), then 16- and 32-bit integers. */
    private static int encoderFormat(AVCodec encoder, String source, Codec codec) {
        int[] formats = supportedConfig(encoder, AV_CODEC_CONFIG_SAMPLE_FORMAT);
        int[] preferred = {avutil.AV_SAMPLE_FMT_FLTP, avutil.AV_SAMPLE_FMT_FLT, avutil.AV_SAMPLE_FMT_S16,
            avutil.AV_SAMPLE_FMT_S16P, avutil.AV_SAMPLE_FMT_S32, avutil.AV_SAMPLE_FMT_S32P};
        if (formats.length == 0) {
            return avutil.AV_SAMPLE_FMT_FLTP;
        }
        for (int p : preferred) {
            for (int f : formats) {
                if (f == p) {
                    return p;
                }
            }
        }
        throw new UnsupportedAudioException(source, "the " + codec.encoder + " encoder takes no float or integer "
                + "PCM format this class writes");
    }

    /** Writes y[start, start+n) into the (mono) frame, zeros after n up to frameSize. */
    private static void writeFrame(AVFrame frame, int fmt, double[] y, int start, int n, int frameSize) {
        BytePointer data = frame.data(0);
        switch (fmt) {
            case avutil.AV_SAMPLE_FMT_FLTP, avutil.AV_SAMPLE_FMT_FLT -> {
                float[] v = new float[frameSize];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) y[start + i];
                }
                new FloatPointer(data).put(v, 0, frameSize);
            }
            case avutil.AV_SAMPLE_FMT_S16, avutil.AV_SAMPLE_FMT_S16P -> {
                short[] v = new short[frameSize];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y[start + i] * 32768)));
                }
                new ShortPointer(data).put(v, 0, frameSize);
            }
            default -> { // S32, S32P
                int[] v = new int[frameSize];
                for (int i = 0; i < n; i++) {
                    v[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                            Math.round(y[start + i] * 2147483648.0)));
                }
                new IntPointer(data).put(v, 0, frameSize);
            }
        }
    }

    /** Moves every packet the encoder has ready into the decoder, and the decoder's frames into the collector. */
    private static void drainEncoder(AVCodecContext enc, AVCodecContext dec, AVPacket packet, AVFrame out,
                                     Collector collector, String source) {
        while (true) {
            int r = avcodec_receive_packet(enc, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            check(r, source, "the encoder failed");
            try {
                int s = avcodec_send_packet(dec, packet);
                check(s, source, "the decoder refused an encoded packet");
            } finally {
                av_packet_unref(packet);
            }
            drainDecoder(dec, out, collector, source);
        }
    }

    private static void drainDecoder(AVCodecContext dec, AVFrame out, Collector collector, String source) {
        while (true) {
            int r = avcodec_receive_frame(dec, out);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF()) {
                return;
            }
            check(r, source, "the decoder failed");
            try {
                collector.take(out);
            } finally {
                av_frame_unref(out);
            }
        }
    }

    /** Decoded mono samples (the channel mean should a decoder return more than one channel). */
    private static final class Collector {
        private final String source;
        private final List<double[]> blocks = new ArrayList<>();
        private final List<Long> starts = new ArrayList<>();
        private int rate;

        Collector(String source) {
            this.source = source;
        }

        void take(AVFrame frame) {
            double[] sum = FfmpegSource.monoMean(frame, source);
            if (sum.length == 0) {
                return;
            }
            rate = frame.sample_rate();
            blocks.add(sum);
            long pts = frame.pts();
            starts.add(pts == avutil.AV_NOPTS_VALUE ? null : pts);
        }

        /**
         * The decoded samples on the input's timeline: timestamps count input samples from the input's first
         * ({@code inputRate}, the encoder's time base) while a decoder may return another rate (libopus decodes at
         * 48 kHz), so each frame starts at its timestamp scaled to the decoded rate. Priming before 0 is dropped,
         * the tail cut or zero-padded to {@code length} input samples' worth; a frame without a timestamp follows
         * the previous one.
         */
        Decoded placed(int length, int inputRate) {
            int outRate = blocks.isEmpty() ? inputRate : rate;
            double scale = outRate / (double) inputRate;
            double[] y = new double[(int) Math.ceil(length * scale)];
            long next = 0;
            for (int b = 0; b < blocks.size(); b++) {
                double[] block = blocks.get(b);
                long start = starts.get(b) != null ? Math.round(starts.get(b) * scale) : next;
                for (int i = 0; i < block.length; i++) {
                    long t = start + i;
                    if (t >= 0 && t < y.length) {
                        y[(int) t] = block[i];
                    }
                }
                next = start + block.length;
            }
            return new Decoded(y, outRate);
        }
    }

    private static void check(int code, String source, String what) {
        if (code < 0) {
            throw new UnsupportedAudioException(source, what + ": " + FfmpegSource.errorText(code));
        }
    }
}
