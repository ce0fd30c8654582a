package org.ser4j.server.api;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Each request gets an id: the client's {@code X-Request-Id} when it is a sane token, else a fresh one. It is
 * echoed in the response header, in error bodies and in every log line about the request.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "ser4j.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** Assigns the id (before-handler). */
    public static void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : fresh();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** A new id, for a request that brings none. */
    public static String fresh() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
