package org.ser4j.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.ser4j.audio.AudioException;
import org.ser4j.audio.CorruptAudioException;
import org.ser4j.audio.EmptyAudioException;
import org.ser4j.audio.InvalidAudioException;
import org.ser4j.audio.UnsupportedAudioException;
import org.ser4j.server.inference.AudioTooLongException;
import org.ser4j.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a JSON answer {@code {"error": code, "message": text, "request_id": id}} with the right
 * status. Stack traces go to the log (with the request id), never to the client.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** The request attribute holding the error code of an error answer (for metrics and logs). */
    public static final String ERROR_CODE = "ser4j.error";

    private ErrorResponses() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            answer(ctx, e.status(), e.code(), e.getMessage());
        });
        app.exception(AudioException.class, (e, ctx) -> {
            int status = e instanceof UnsupportedAudioException ? 415 : 422;
            answer(ctx, status, audioCode(e), e.getMessage());
        });
        app.exception(StoreException.class, (e, ctx) -> {
            // the exception's cause is the database's own error, any failed rollback added to it as suppressed
            LOG.error("request {}: database failure", RequestIds.of(ctx), e);
            ctx.header("Retry-After", "5");
            if (e.outcome() == StoreException.Outcome.UNKNOWN) {
                answer(ctx, 503, "database_outcome_unknown", "the database failed while committing and cannot tell "
                        + "whether the request was stored; retry it with the same Idempotency-Key to be sure");
            } else {
                answer(ctx, 503, "database_unavailable", "the database is not available; nothing was stored");
            }
        });
        app.exception(HttpResponseException.class, (e, ctx) ->
                answer(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {}: unexpected failure on {} {}", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
            answer(ctx, 500, "internal_error", "an unexpected error occurred; quote request id "
                    + RequestIds.of(ctx) + " when reporting it");
        });
        // Javalin's own 404/405 for unknown routes come without a JSON body.
        app.error(404, ctx -> fillIfEmpty(ctx, "not_found", "no such route: " + ctx.method() + " " + ctx.path()));
        app.error(405, ctx -> fillIfEmpty(ctx, "method_not_allowed", ctx.method() + " is not allowed on "
                + ctx.path()));
    }

    static void answer(Context ctx, int status, String code, String message) {
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        body.put("request_id", RequestIds.of(ctx));
        ctx.attribute(ERROR_CODE, code);
        ctx.status(status).json(body);
    }

    private static void fillIfEmpty(Context ctx, String code, String message) {
        String current = ctx.result();
        if (current == null || current.isEmpty() || !current.startsWith("{")) {
            answer(ctx, ctx.statusCode(), code, message);
        }
    }

    private static String audioCode(AudioException e) {
        if (e instanceof AudioTooLongException) {
            return "audio_too_long";
        }
        if (e instanceof UnsupportedAudioException) {
            return "unsupported_audio";
        }
        if (e instanceof EmptyAudioException) {
            return "empty_audio";
        }
        if (e instanceof CorruptAudioException) {
            return "corrupt_audio";
        }
        if (e instanceof InvalidAudioException) {
            return "invalid_audio";
        }
        return "bad_audio";
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /**
     * Jetty answers requests it cannot even parse (huge headers: 431, bad request lines: 400) before Javalin sees
     * them; this makes those answers JSON too.
     */
    public static final class JsonBadMessageHandler extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            // Jetty refuses these before any handler runs, so the request gets its id here (as RequestIds would).
            String id = RequestIds.fresh();
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            fields.put(RequestIds.HEADER, id);
            ObjectNode body = ApiJson.MAPPER.createObjectNode();
            body.put("error", status == 431 ? "headers_too_large" : codeOf(status));
            body.put("message", reason == null ? "the request could not be parsed" : reason);
            body.put("request_id", id);
            LOG.debug("request {}: refused by the HTTP parser with {} ({})", id, status, reason);
            return ByteBuffer.wrap(ApiJson.write(body).getBytes(StandardCharsets.UTF_8));
        }
    }
}
