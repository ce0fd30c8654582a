package org.ser4j.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ser4j.models.Prediction;
import org.ser4j.server.inference.InferenceService;
import org.ser4j.server.inference.PredictionRecorder;
import org.ser4j.server.inference.SessionAdaptation;
import org.ser4j.server.metrics.ServerMetrics;
import org.ser4j.server.store.Feedback;
import org.ser4j.server.store.IdempotencyKey;
import org.ser4j.server.store.PredictionStore;
import org.ser4j.server.store.StoredPrediction;

/** Predictions and feedback: {@code /api/v1/predictions...} and {@code /api/v1/feedback.csv}. */
public final class PredictionRoutes {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;
    private static final int MAX_COMMENT = 2000;
    private static final int MAX_FEEDBACK_BYTES = 64 * 1024;
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Sent on an answer that an earlier request with the same Idempotency-Key stored. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final InferenceService inference;
    private final PredictionRecorder recorder;
    private final PredictionStore store;
    private final ServerMetrics metrics;
    private final ApiKeyCheck keys;
    private final List<String> classes;
    private final long maxUploadBytes;

    public PredictionRoutes(InferenceService inference, PredictionRecorder recorder, PredictionStore store,
                            ServerMetrics metrics, ApiKeyCheck keys, long maxUploadBytes) {
        this.inference = inference;
        this.recorder = recorder;
        this.store = store;
        this.metrics = metrics;
        this.keys = keys;
        this.classes = inference.predictor().bundle().classes();
        this.maxUploadBytes = maxUploadBytes;
    }

    public void register(Javalin app) {
        app.post("/api/v1/predictions", this::create);
        app.get("/api/v1/predictions", this::list);
        app.get("/api/v1/predictions/{id}", this::get);
        app.post("/api/v1/predictions/{id}/feedback", this::feedback);
        app.get("/api/v1/feedback.csv", this::exportFeedback);
        app.get("/api/v1/feedback/summary", this::feedbackSummary);
        app.get("/api/v1/sessions/{session}", this::session);
        app.delete("/api/v1/sessions/{session}", this::resetSession);
    }

    /** GET /api/v1/sessions/{session}: how many clips with speech the caller's session has seen. */
    void session(Context ctx) {
        SessionAdaptation.Key key = sessionKey(ctx);
        SessionAdaptation sessions = inference.sessions().orElseThrow(() -> ApiException.notFound(
                "the served model does not adapt to sessions"));
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("session", key.session());
        body.put("clips", sessions.clips(key));
        body.put("clips_for_full_effect", SessionAdaptation.CLIPS_FOR_FULL_EFFECT);
        ctx.json(body);
    }

    /** DELETE /api/v1/sessions/{session}: forget the caller's session (204; 404 if there was none). */
    void resetSession(Context ctx) {
        SessionAdaptation.Key key = sessionKey(ctx);
        SessionAdaptation sessions = inference.sessions().orElseThrow(() -> ApiException.notFound(
                "the served model does not adapt to sessions"));
        if (!sessions.reset(key)) {
            throw ApiException.notFound("no session " + key.session());
        }
        ctx.status(204);
    }

    private SessionAdaptation.Key sessionKey(Context ctx) {
        return SessionAdaptation.key(keys.owner(ctx), ctx.pathParam("session"), ctx.queryParam("speaker"));
    }

    /**
     * POST /api/v1/predictions: audio in, Prediction JSON + id out (201), after the row is committed. With
     * {@code ?session=ID} (and optionally {@code &speaker=ID}), an adaptive model answers adapted to the session's
     * clips so far. With an {@code Idempotency-Key} that an earlier request of the caller already stored a prediction
     * under, that prediction is answered again (201, {@code Idempotent-Replayed: true}) without predicting, so a
     * retried upload neither makes a second row nor counts twice in a session; 422 if that request was another one.
     */
    void create(Context ctx) {
        String owner = keys.owner(ctx);
        String idempotencyKey = idempotencyKey(ctx);
        boolean segments = booleanParam(ctx, "segments");
        SessionAdaptation.Key session = SessionAdaptation.key(owner, ctx.queryParam("session"),
                ctx.queryParam("speaker"));
        PredictionStore.Scope scope = keys.scopeOf(owner);
        Upload upload = Upload.read(ctx, maxUploadBytes);
        String contentSha256 = sha256(upload.bytes());
        IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(owner, IdempotencyKey.PREDICTION,
                idempotencyKey, sha256(String.join("\n", contentSha256, String.valueOf(upload.fileName()),
                String.valueOf(segments), String.valueOf(ctx.queryParam("session")),
                String.valueOf(ctx.queryParam("speaker"))).getBytes(StandardCharsets.UTF_8)));
        if (key != null && replayPrediction(ctx, key, scope)) {
            return;
        }
        long start = System.nanoTime();
        Prediction prediction = inference.predictUpload(upload.bytes(), upload.fileName(), segments, session);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        PredictionRecorder.Recorded recorded = recorder.record(prediction, contentSha256, upload.bytes(), "upload",
                latency, scope, key);
        if (!recorded.created()) {
            // a concurrent request with the same key stored its prediction first
            if (!replayPrediction(ctx, key, scope)) {
                throw new IllegalStateException("idempotency key lost a race to a request that left no row");
            }
            return;
        }
        answerPrediction(ctx, recorded.row());
    }

    /** Answers the prediction an earlier request with {@code key} stored; false if there was none. */
    private boolean replayPrediction(Context ctx, IdempotencyKey key, PredictionStore.Scope scope) {
        Optional<String> earlier = earlierResource(key);
        if (earlier.isEmpty()) {
            return false;
        }
        StoredPrediction row = store.find(earlier.get(), scope).orElseThrow(() -> new IllegalStateException(
                "idempotency key " + key.key() + " names a missing prediction " + earlier.get()));
        ctx.header(REPLAYED_HEADER, "true");
        answerPrediction(ctx, row);
        return true;
    }

    private static void answerPrediction(Context ctx, StoredPrediction row) {
        ctx.status(201).header("Location", "/api/v1/predictions/" + row.id()).json(PredictionRecorder.toJson(row));
    }

    /**
     * The id of the row an earlier request with {@code key} created, if any; 422 when that request differed (another
     * recording, other parameters or another body), since answering it would tell the client something untrue.
     */
    private Optional<String> earlierResource(IdempotencyKey key) {
        Optional<IdempotencyKey.Earlier> earlier = store.findEarlier(key);
        if (earlier.isPresent() && !earlier.get().sameRequestAs(key)) {
            throw new ApiException(422, "idempotency_key_reused", "the Idempotency-Key '" + key.key()
                    + "' was already used for a different request; use a new key for a new request");
        }
        return earlier.map(IdempotencyKey.Earlier::resourceId);
    }

    /**
     * The {@code Idempotency-Key} header, or null without one: 1 to {@value #MAX_IDEMPOTENCY_KEY} visible ASCII
     * characters (a UUID is a good key), else 400.
     */
    static String idempotencyKey(Context ctx) {
        String v = ctx.header(IDEMPOTENCY_HEADER);
        if (v == null) {
            return null;
        }
        if (v.isEmpty() || v.length() > MAX_IDEMPOTENCY_KEY || !v.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
            throw ApiException.badRequest("'" + IDEMPOTENCY_HEADER + "' must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " visible ASCII characters (no spaces), e.g. a UUID");
        }
        return v;
    }

    /** GET /api/v1/predictions/{id}: another key's prediction is 404 like a missing one, so ids reveal nothing. */
    void get(Context ctx) {
        String id = validId(ctx.pathParam("id"));
        StoredPrediction row = store.find(id, keys.scope(ctx))
                .orElseThrow(() -> ApiException.notFound("no prediction " + id));
        ctx.json(PredictionRecorder.toJson(row));
    }

    /** GET /api/v1/predictions?from=&to=&emotion=&limit=&offset=: newest first, one page. */
    void list(Context ctx) {
        Instant from = instantParam(ctx, "from");
        Instant to = instantParam(ctx, "to");
        String emotion = ctx.queryParam("emotion");
        if (emotion != null && !classes.contains(emotion) && !emotion.equals(Prediction.NO_SPEECH)) {
            throw ApiException.badRequest("unknown emotion '" + emotion + "'; the model's classes are " + classes
                    + " (or " + Prediction.NO_SPEECH + " for recordings without speech)");
        }
        int limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        // One row more than asked tells whether there is a next page.
        List<StoredPrediction> rows = store.list(keys.scope(ctx), from, to, emotion, limit + 1, offset);
        ObjectNode page = ApiJson.MAPPER.createObjectNode();
        ArrayNode items = page.putArray("items");
        rows.stream().limit(limit).forEach(r -> items.add(PredictionRecorder.toJson(r)));
        page.put("limit", limit);
        page.put("offset", offset);
        if (rows.size() > limit) {
            page.put("next_offset", offset + limit);
        } else {
            page.putNull("next_offset");
        }
        ctx.json(page);
    }

    /**
     * POST /api/v1/predictions/{id}/feedback: {correct, emotion?, comment?} → 201 with the stored feedback.
     * {@code emotion} is one of the model's classes, or {@code no_speech} to say a recording holds no speech. On a
     * prediction answered {@code no_speech}, {@code correct: true} confirms that there was no speech (so an emotion
     * contradicts it), and {@code correct: false} with an emotion says which emotion the missed speech had;
     * {@code no_speech} as the emotion must agree with {@code correct} in the same way.
     */
    void feedback(Context ctx) {
        String owner = keys.owner(ctx);
        PredictionStore.Scope scope = keys.scopeOf(owner);
        String idempotencyKey = idempotencyKey(ctx);
        String predictionId = validId(ctx.pathParam("id"));
        // Only a JSON content type: browsers send text/plain and form bodies across sites without asking, a JSON one
        // only after a CORS preflight this server never grants, so another site cannot post feedback for a user.
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "feedback must be sent as application/json, not "
                    + (type.isEmpty() ? "a body without Content-Type" : type));
        }
        JsonNode body;
        byte[] bytes;
        try {
            bytes = ctx.bodyInputStream().readNBytes(MAX_FEEDBACK_BYTES + 1);
            if (bytes.length > MAX_FEEDBACK_BYTES) {
                throw ApiException.tooLarge(MAX_FEEDBACK_BYTES);
            }
            body = ApiJson.MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body must be JSON like {\"correct\": false, \"emotion\": \"sad\"}");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object like {\"correct\": true}");
        }
        JsonNode correct = body.get("correct");
        if (correct == null || !correct.isBoolean()) {
            throw ApiException.badRequest("'correct' (true or false) is required");
        }
        String emotion = optionalText(body, "emotion");
        if (emotion != null && !classes.contains(emotion) && !emotion.equals(Prediction.NO_SPEECH)) {
            throw ApiException.badRequest("unknown emotion '" + emotion + "'; the model's classes are " + classes
                    + " (or " + Prediction.NO_SPEECH + " for a recording without speech)");
        }
        String comment = optionalText(body, "comment");
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ApiException.badRequest("'comment' is longer than " + MAX_COMMENT + " characters");
        }
        IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(owner, IdempotencyKey.FEEDBACK,
                idempotencyKey, sha256(concat(predictionId.getBytes(StandardCharsets.UTF_8), bytes)));
        if (key != null && replayFeedback(ctx, key)) {
            return;
        }
        if (emotion != null) {
            StoredPrediction predicted = store.find(predictionId, scope)
                    .orElseThrow(() -> ApiException.notFound("no prediction " + predictionId));
            checkAgreement(predicted.emotion(), correct.booleanValue(), emotion);
        }
        Feedback f = new Feedback(UUID.randomUUID().toString(), predictionId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), correct.booleanValue(), emotion,
                comment);
        String stored = store.addFeedback(f, scope, key);
        if (stored == null) {
            throw ApiException.notFound("no prediction " + predictionId);
        }
        if (!stored.equals(f.id())) {
            // a concurrent request with the same key stored its feedback first
            if (!replayFeedback(ctx, key)) {
                throw new IllegalStateException("idempotency key lost a race to a request that left no row");
            }
            return;
        }
        metrics.recordFeedback(f.correct());
        answerFeedback(ctx, f);
    }

    /** Answers the feedback an earlier request with {@code key} stored; false if there was none. */
    private boolean replayFeedback(Context ctx, IdempotencyKey key) {
        Optional<String> earlier = earlierResource(key);
        if (earlier.isEmpty()) {
            return false;
        }
        Feedback f = store.findFeedback(earlier.get()).orElseThrow(() -> new IllegalStateException(
                "idempotency key " + key.key() + " names missing feedback " + earlier.get()));
        ctx.header(REPLAYED_HEADER, "true");
        answerFeedback(ctx, f);
        return true;
    }

    private static void answerFeedback(Context ctx, Feedback f) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("id", f.id());
        out.put("prediction_id", f.predictionId());
        out.put("created_at", Prediction.TIMESTAMP.format(f.createdAt()));
        out.put("correct", f.correct());
        out.put("emotion", f.trueEmotion());
        out.put("comment", f.comment());
        ctx.status(201).json(out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + 1 + b.length);
        System.arraycopy(b, 0, out, a.length + 1, b.length); // a 0 byte between: the id never contains one
        return out;
    }

    /**
     * Refuses feedback that contradicts the prediction it is about: "correct" with another emotion than the one
     * predicted, "not correct" with the predicted one, and the same for no-speech answers ("correct" on a no-speech
     * answer with an emotion, "not correct" saying no_speech, and the other way round).
     */
    private static void checkAgreement(String predicted, boolean correct, String emotion) {
        boolean predictedNoSpeech = predicted.equals(Prediction.NO_SPEECH);
        boolean saysNoSpeech = emotion.equals(Prediction.NO_SPEECH);
        if (predictedNoSpeech && correct && !saysNoSpeech) {
            throw ApiException.badRequest("the prediction was 'no speech': {\"correct\": true} confirms that, so it "
                    + "cannot come with the emotion '" + emotion + "'; send {\"correct\": false, \"emotion\": \""
                    + emotion + "\"} if the recording does hold speech");
        }
        if (predictedNoSpeech && !correct && saysNoSpeech) {
            throw ApiException.badRequest("the prediction was 'no speech': {\"correct\": false} needs the emotion "
                    + "the speech had, not " + Prediction.NO_SPEECH);
        }
        if (!predictedNoSpeech && correct && saysNoSpeech) {
            throw ApiException.badRequest("the prediction found speech: {\"correct\": true} cannot say "
                    + Prediction.NO_SPEECH + "; send {\"correct\": false, \"emotion\": \"" + Prediction.NO_SPEECH
                    + "\"} if the recording holds no speech");
        }
        if (!predictedNoSpeech && !saysNoSpeech && correct && !emotion.equals(predicted)) {
            throw ApiException.badRequest("the prediction was '" + predicted + "': {\"correct\": true} cannot come with "
                    + "the emotion '" + emotion + "'; send {\"correct\": false, \"emotion\": \"" + emotion
                    + "\"} to correct it");
        }
        if (!predictedNoSpeech && !correct && emotion.equals(predicted)) {
            throw ApiException.badRequest("the prediction was '" + predicted + "': {\"correct\": false} needs the "
                    + "emotion it should have been, not '" + predicted + "' itself");
        }
    }

    /**
     * GET /api/v1/feedback/summary: how much feedback there is on the caller's predictions and how often it agreed
     * with the model.
     */
    void feedbackSummary(Context ctx) {
        long[] counts = store.feedbackCounts(keys.scope(ctx)); // {total, correct}
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("total", counts[0]);
        out.put("correct", counts[1]);
        if (counts[0] > 0) {
            out.put("agreement", counts[1] / (double) counts[0]);
        } else {
            out.putNull("agreement");
        }
        ctx.json(out);
    }

    /**
     * GET /api/v1/feedback.csv?format=full|simple: all feedback on the caller's predictions joined with them,
     * streamed.
     */
    void exportFeedback(Context ctx) throws Exception {
        PredictionStore.Scope scope = keys.scope(ctx);
        String format = ctx.queryParam("format");
        PredictionStore.FeedbackView view;
        if (format == null || format.equals("full")) {
            view = PredictionStore.FeedbackView.FULL;
        } else if (format.equals("simple")) {
            view = PredictionStore.FeedbackView.SIMPLE;
        } else {
            throw ApiException.badRequest("'format' must be full (every column, the default) or simple (file, "
                    + "prediction, feedback, comment)");
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"ser4j-feedback.csv\"");
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            store.exportFeedbackCsv(out, view, scope);
        }
    }

    // ------------------------------------------------------------------------------------------------ params

    private static String validId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no prediction " + (id.length() > 64 ? id.substring(0, 64) + "..." : id));
        }
    }

    private static boolean booleanParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.isEmpty()) {
            return true;
        }
        throw ApiException.badRequest("'" + name + "' must be true or false");
    }

    /** An ISO-8601 instant ({@code 2024-05-01T12:00:00Z}), a date ({@code 2024-05-01}, UTC) or epoch millis. */
    static Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            if (v.chars().allMatch(Character::isDigit) && v.length() <= 15) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 time like 2024-05-01T12:00:00Z, a date "
                    + "or epoch milliseconds");
        }
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
        }
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
