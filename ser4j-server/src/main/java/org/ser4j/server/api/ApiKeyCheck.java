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

    /** Throws 401 unless keys are off or the request carries a valid key. */
    public void require(Context ctx) {
        if (!required) {
            return;
        }
        String key = presentedKey(ctx.header("Authorization"), ctx.header("X-API-Key"));
        if (key == null) {
            throw new ApiException(401, "unauthorized", "this route needs an API key: send 'Authorization: Bearer "
                    + "KEY' (create one with 'ser4j apikey create NAME')");
        }
        if (!keys.isValid(key)) {
            throw new ApiException(401, "unauthorized", "the API key is not valid (unknown or revoked)");
        }
    }

    static String presentedKey(String authorization, String apiKeyHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return apiKeyHeader == null || apiKeyHeader.isBlank() ? null : apiKeyHeader.trim();
    }
}
