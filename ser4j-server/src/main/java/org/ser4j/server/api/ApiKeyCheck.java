package org.ser4j.server.api;

import io.javalin.http.Context;
import org.ser4j.server.store.ApiKeyStore;

/**
 * Requires a valid API key on write and export routes when keys are switched on. The key comes in
 * {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}.
 */
public final class ApiKeyCheck {
    private final ApiKeyStore keys;
    private final boolean required;

    public ApiKeyCheck(ApiKeyStore keys, boolean required) {
        this.keys = keys;
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    /** The owner of requests when keys are off: everyone shares it. */
    public static final String ANONYMOUS = "-";

    /** Throws 401 unless keys are off or the request carries a valid key. */
    public void require(Context ctx) {
        owner(ctx);
    }

    /**
     * Who sends the request, for data that must never mix between clients (adaptation sessions): the id of its valid
     * API key, or {@link #ANONYMOUS} when keys are off. Throws 401 like {@link #require}.
     */
    public String owner(Context ctx) {
        return owner(ctx.header("Authorization"), ctx.header("X-API-Key"));
    }

    /** {@link #owner(Context)} from the two headers a key may come in (e.g. a WebSocket's upgrade request). */
    public String owner(String authorization, String apiKeyHeader) {
        if (!required) {
            return ANONYMOUS;
        }
        String key = presentedKey(authorization, apiKeyHeader);
        if (key == null) {
            throw new ApiException(401, "unauthorized", "this route needs an API key: send 'Authorization: Bearer "
                    + "KEY' (create one with 'ser4j apikey create NAME')");
        }
        return keys.idOf(key).orElseThrow(() -> new ApiException(401, "unauthorized", "the API key is not valid "
                + "(unknown or revoked)"));
    }

    static String presentedKey(String authorization, String apiKeyHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return apiKeyHeader == null || apiKeyHeader.isBlank() ? null : apiKeyHeader.trim();
    }
}
