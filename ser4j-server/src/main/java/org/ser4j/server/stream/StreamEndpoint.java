package org.ser4j.server.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ser4j.audio.Signal;
import org.ser4j.audio.effects.StreamSegmenter;
import org.ser4j.models.Prediction;
import org.ser4j.server.ServerConfig;
import org.ser4j.server.api.ApiException;
import org.ser4j.server.api.ApiJson;
import org.ser4j.server.api.ApiKeyCheck;
import org.ser4j.server.inference.InferenceService;
import org.ser4j.server.inference.PredictionRecorder;
import org.ser4j.server.inference.SessionAdaptation;
import org.ser4j.server.store.PredictionStore;
import org.ser4j.server.store.StoredPrediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket {@code /api/v1/stream?sample_rate=16000&format=s16le}: the client sends raw mono PCM as binary
 * messages (little-endian 16-bit integers, or 32-bit floats with {@code format=f32le}; NaN and infinite floats are
 * taken as silence); the server answers a text message {@code {"type": "segment", "index", "id", "start_s",
 * "end_s", "speech": true, ...Prediction}} for each speech segment as soon as it closes, and each prediction is
 * stored like an upload. A stretch the {@link StreamSegmenter} opened but the predictor finds without speech
 * (steady noise, a hum, a click train) is answered {@code {"type": "segment", "speech": false, "start_s", "end_s",
 * "no_speech_reason"}}: no emotion, no id, not stored, only counted in {@code ser4j_no_speech_total}. Silence
 * between segments is not sent at all. The text message {@code end} closes the last segment, answers
 * {@code {"type": "end", "segments": N, "no_speech_segments": M, "duration_s"}} ({@code N} speech segments, each
 * stored) and closes the socket.
 *
 * <p>Resources are bounded ({@link ServerConfig.StreamLimits}): a stream buffers at most its longest segment (10 s at
 * no more than 48 kHz), and only while a segment is open; streams open at once are capped in all (503 at the upgrade)
 * and per client (429; a client is an API key when keys are on, else an IP address); a stream silent for the idle
 * timeout is closed. A burst of upgrades that passes the check together is cut back on connect (close code 1013).
 */
public final class StreamEndpoint {
    public static final String PATH = "/api/v1/stream";
    /** Largest binary message accepted (Jetty closes the socket with 1009 above it). */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);

    private final InferenceService inference;
    private final PredictionRecorder recorder;
    private final ApiKeyCheck keys;
    private final ServerConfig.StreamLimits limits;
    private final Map<String, StreamState> streams = new ConcurrentHashMap<>();
    /** Open streams per client; a client's entry is removed when its last stream closes. */
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();

    public StreamEndpoint(InferenceService inference, PredictionRecorder recorder, ApiKeyCheck keys,
                          ServerConfig.StreamLimits limits) {
        this.inference = inference;
        this.recorder = recorder;
        this.keys = keys;
        this.limits = limits;
    }

    public void register(Javalin app) {
        app.wsBeforeUpgrade(PATH, this::checkUpgrade);
        app.ws(PATH, this::configure);
    }

    /** Streams open now. */
    public int openStreams() {
        return streams.size();
    }

    /** Refuses a bad upgrade request with an ordinary JSON error, before the socket opens. */
    private void checkUpgrade(Context ctx) {
        SessionAdaptation.Key session = SessionAdaptation.key(keys.owner(ctx), ctx.queryParam("session"),
                ctx.queryParam("speaker"));
        sampleRate(ctx.queryParam("sample_rate"));
        PcmFormat.parse(ctx.queryParam("format"));
        if (session != null && inference.sessions().isEmpty()) {
            throw ApiException.badRequest("the served model does not adapt to a session: drop 'session'");
        }
        // A cheap look before the socket opens; onConnect's reservation is the one that counts.
        ApiException refusal = refusal(streams.size(), perClient.getOrDefault(client(keys.owner(ctx), ctx.ip()), 0));
        if (refusal != null) {
            ctx.header("Retry-After", "10");
            throw refusal;
        }
    }

    /** Who a stream counts against: its API key, or its IP address when keys are off. */
    private String client(String owner, String ip) {
        return keys.required() ? "key:" + owner : "ip:" + ip;
    }

    /** Why one more stream is refused with this many open (429 for the client's cap, 503 for the server's), or null. */
    private ApiException refusal(int open, int openByClient) {
        if (openByClient >= limits.perClient()) {
            return new ApiException(429, "too_many_streams", "this client already has " + openByClient
                    + " open streams (the limit is " + limits.perClient() + "); close one before opening another");
        }
        if (open >= limits.total()) {
            return new ApiException(503, "too_many_streams", "the server has " + open
                    + " open streams, its limit; retry shortly");
        }
        return null;
    }

    /** Counts a new stream against its client, or says why it is refused. */
    private synchronized ApiException reserve(String client) {
        ApiException refusal = refusal(streams.size(), perClient.getOrDefault(client, 0));
        if (refusal == null) {
            perClient.merge(client, 1, Integer::sum);
        }
        return refusal;
    }

    private synchronized void release(String client) {
        perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    private void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            int rate = sampleRate(ctx.queryParam("sample_rate"));
            PcmFormat format = PcmFormat.parse(ctx.queryParam("format"));
            String name = ctx.queryParam("name");
            String owner = keys.owner(ctx.header("Authorization"), ctx.header("X-API-Key"));
            String client = client(owner, remoteIp(ctx));
            synchronized (this) {
                ApiException refusal = reserve(client);
                if (refusal != null) {
                    LOG.info("stream {} refused: {}", ctx.sessionId(), refusal.getMessage());
                    ctx.closeSession(1013, refusal.getMessage()); // 1013: try again later
                    return;
                }
                SessionAdaptation.Key session = SessionAdaptation.key(owner, ctx.queryParam("session"),
                        ctx.queryParam("speaker"));
                streams.put(ctx.sessionId(), new StreamState(StreamSegmenter.forSpeech(rate), format, rate,
                        name == null || name.isBlank() ? "stream" : name.strip(), session, keys.scopeOf(owner), client));
            }
            LOG.info("stream {} opened: {} Hz {}", ctx.sessionId(), rate, format);
        });
        ws.onBinaryMessage(this::onAudio);
        ws.onMessage(this::onText);
        ws.onClose(ctx -> {
            StreamState s = forget(ctx.sessionId());
            if (s != null) {
                LOG.info("stream {} closed after {} s, {} segments", ctx.sessionId(),
                        s.segmenter.position() / (double) s.sampleRate, s.segments);
            }
        });
        ws.onError(ctx -> forget(ctx.sessionId()));
    }

    /** Drops a stream and gives its place back to its client; null if it was already gone. */
    private StreamState forget(String sessionId) {
        StreamState s = streams.remove(sessionId);
        if (s != null) {
            release(s.client);
        }
        return s;
    }

    private static String remoteIp(WsContext ctx) {
        return ctx.session.getRemoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteAddress());
    }

    private void onAudio(WsBinaryMessageContext ctx) {
        StreamState s = streams.get(ctx.sessionId());
        if (s == null) {
            return;
        }
        float[] samples = s.decode(ctx.data(), ctx.offset(), ctx.length());
        for (StreamSegmenter.Closed c : s.segmenter.accept(samples, 0, samples.length)) {
            answer(ctx, s, c);
        }
    }

    private void onText(WsMessageContext ctx) {
        StreamState s = streams.get(ctx.sessionId());
        if (s == null) {
            return;
        }
        if (!ctx.message().strip().equalsIgnoreCase("end")) {
            sendError(ctx, "bad_message", "send audio as binary messages, and the text 'end' to finish");
            return;
        }
        for (StreamSegmenter.Closed c : s.segmenter.flush()) {
            answer(ctx, s, c);
        }
        ObjectNode end = ApiJson.MAPPER.createObjectNode();
        end.put("type", "end");
        end.put("segments", s.segments);
        end.put("no_speech_segments", s.noSpeechSegments);
        end.put("duration_s", s.segmenter.position() / (double) s.sampleRate);
        ctx.send(ApiJson.write(end));
        ctx.closeSession(1000, "end of stream");
    }

    /**
     * Predicts one closed segment; stores and pushes it when it holds speech, pushes it as a segment without speech
     * (never an emotion, never stored) when it does not.
     */
    private void answer(WsContext ctx, StreamState s, StreamSegmenter.Closed segment) {
        try {
            long start = System.nanoTime();
            Prediction p = inference.predictSignal(new Signal(segment.samples(), s.sampleRate, s.name), s.session);
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            ObjectNode out = ApiJson.MAPPER.createObjectNode();
            out.put("type", "segment");
            if (!p.speech()) {
                recorder.countUnstored(p, "stream", latency);
                s.noSpeechSegments++;
                out.put("speech", false);
                out.put("start_s", segment.startS());
                out.put("end_s", segment.endS());
                out.put("no_speech_reason", p.noSpeechReason());
                ctx.send(ApiJson.write(out));
                return;
            }
            StoredPrediction row = recorder.record(p, null, null, "stream", latency, s.scope);
            s.segments++;
            out.put("index", s.segments - 1);
            out.put("start_s", segment.startS());
            out.put("end_s", segment.endS());
            out.setAll(PredictionRecorder.toJson(row));
            ctx.send(ApiJson.write(out));
        } catch (ApiException e) {
            sendError(ctx, e.code(), "segment " + segment.startS() + "-" + segment.endS() + " s was not predicted: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("stream {}: segment {}-{} s failed", ctx.sessionId(), segment.startS(), segment.endS(), e);
            sendError(ctx, "internal_error", "segment " + segment.startS() + "-" + segment.endS()
                    + " s could not be predicted");
        }
    }

    private static void sendError(WsContext ctx, String code, String message) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("type", "error");
        out.put("error", code);
        out.put("message", message);
        ctx.send(ApiJson.write(out));
    }

    private static int sampleRate(String value) {
        try {
            int rate = Integer.parseInt(value == null ? "" : value.trim());
            if (rate >= 8000 && rate <= ServerConfig.StreamLimits.MAX_SAMPLE_RATE) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'sample_rate' is required: the stream's rate in Hz, 8000 to "
                + ServerConfig.StreamLimits.MAX_SAMPLE_RATE);
    }

    /** The sample encodings a stream may use. */
    enum PcmFormat {
        S16LE(2), F32LE(4);

        final int bytes;

        PcmFormat(int bytes) {
            this.bytes = bytes;
        }

        static PcmFormat parse(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("s16le")) {
                return S16LE;
            }
            if (value.equalsIgnoreCase("f32le")) {
                return F32LE;
            }
            throw ApiException.badRequest("'format' must be s16le (default) or f32le");
        }
    }

    /** One open stream. Jetty delivers a session's messages one at a time, so no locking is needed. */
    private static final class StreamState {
        final StreamSegmenter segmenter;
        final PcmFormat format;
        final int sampleRate;
        final String name;
        /** The client's adaptation session, or null. */
        final SessionAdaptation.Key session;
        /** Whose predictions the stored segments are. */
        final PredictionStore.Scope scope;
        /** Who the stream counts against ({@link #client}). */
        final String client;
        /** Bytes of a sample split across two messages. */
        final byte[] carry = new byte[4];
        int carryLen;
        /** Speech segments answered (and stored) so far. */
        int segments;
        /** Segments answered as without speech so far. */
        int noSpeechSegments;

        StreamState(StreamSegmenter segmenter, PcmFormat format, int sampleRate, String name,
                    SessionAdaptation.Key session, PredictionStore.Scope scope, String client) {
            this.segmenter = segmenter;
            this.format = format;
            this.sampleRate = sampleRate;
            this.name = name;
            this.session = session;
            this.scope = scope;
            this.client = client;
        }

        float[] decode(byte[] data, int offset, int length) {
            byte[] joined = new byte[carryLen + length];
            System.arraycopy(carry, 0, joined, 0, carryLen);
            System.arraycopy(data, offset, joined, carryLen, length);
            int n = joined.length / format.bytes;
            carryLen = joined.length - n * format.bytes;
            System.arraycopy(joined, n * format.bytes, carry, 0, carryLen);
            ByteBuffer in = ByteBuffer.wrap(joined, 0, n * format.bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                float v = format == PcmFormat.S16LE ? in.getShort() / 32768f : in.getFloat();
                out[i] = Float.isFinite(v) ? Math.max(-1f, Math.min(1f, v)) : 0f;
            }
            return out;
        }
    }
}
