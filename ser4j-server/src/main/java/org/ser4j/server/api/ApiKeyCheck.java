package org.ser4j.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.ser4j.server.ServerConfig;
import org.ser4j.server.store.ApiKeyStore;
import org.ser4j.server.store.PredictionStore;

/**
 * With API keys switched on, every route under {@code /api/} and the monitoring routes ({@code /health}, {@code
 * /metrics}) need a valid key, except the {@link #ALWAYS_OPEN} ones and the monitoring routes the configuration opens
 * ({@link ServerConfig#effectiveOpenRoutes}). The check is one handler in front of every request and every WebSocket
 * upgrade ({@link #register}), so a new API route is guarded without asking. The key comes in {@code Authorization:
 * Bearer KEY} or {@code X-API-Key: KEY}.
 */
public final class ApiKeyCheck {
    /**
     * Routes open even with keys on: they hold no stored data and run no model. The API description, and what the
     * server keeps and accepts (the About page's privacy section, and how a client learns that keys are required).
     */
    public static final Set<String> ALWAYS_OPEN = Set.of("/api/v1/openapi.json", "/api/v1/server");

    /** The owner of requests when keys are off: everyone shares it. */
    public static final String ANONYMOUS = "-";

    private static final String OWNER_ATTRIBUTE = "ser4j.api-key-id";

    private final ApiKeyStore keys;
    private final boolean required;
    private final Set<String> openPaths;

    /** @param openRoutes the monitoring routes open without a key (ignored when keys are off: then all are open) */
    public ApiKeyCheck(ApiKeyStore keys, boolean required, Set<ServerConfig.OpenRoute> openRoutes) {
        this.keys = keys;
        this.required = required;
        Set<String> open = new HashSet<>(ALWAYS_OPEN);
        openRoutes.forEach(r -> open.add(r.path()));
        this.openPaths = Set.copyOf(open);
    }

    public boolean required() {
        return required;
    }

    /**
     * True if a request for {@code path} needs a key: keys are on, and the path is under {@code /api/} or is a
     * monitoring route, and not in the open list. The path is compared as routing would see it (repeated and
     * trailing slashes ignored); other spellings (another case) are not routes at all, and under {@code /api/} they
     * are refused too rather than answered 404, so a caller without a key learns nothing about which routes exist.
     */
    public boolean needsKey(String path) {
        if (!required) {
            return false;
        }
        String route = path.replaceAll("/{2,}", "/");
        if (route.length() > 1 && route.endsWith("/")) {
            route = route.substring(0, route.length() - 1);
        }
        String lower = route.toLowerCase(Locale.ROOT);
        boolean guarded = lower.startsWith("/api/") || Arrays.stream(ServerConfig.OpenRoute.values())
                .anyMatch(r -> r.path().equals(lower));
        return guarded && !openPaths.contains(route);
    }

    /**
     * Puts the key check in front of every request (before any route is matched) and every WebSocket upgrade. The
     * web page's static files are outside {@code /api/} and stay open.
     */
    public void register(Javalin app) {
        app.before(ctx -> {
            if (needsKey(ctx.path())) {
                ctx.attribute(OWNER_ATTRIBUTE, owner(ctx));
            }
        });
        app.wsBeforeUpgrade(ctx -> ctx.attribute(OWNER_ATTRIBUTE, owner(ctx))); // no WebSocket route is open
    }

    /**
     * Who sends the request, for data that must never mix between clients (predictions, adaptation sessions): the
     * id of its valid API key, or {@link #ANONYMOUS} when keys are off. Throws 401 when keys are on and the request
     * has no valid key.
     */
    public String owner(Context ctx) {
        String checked = ctx.attribute(OWNER_ATTRIBUTE);
        return checked != null ? checked : owner(ctx.header("Authorization"), ctx.header("X-API-Key"));
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

    /** Which stored predictions the request may see: all of them when keys are off, else its key's own. */
    public PredictionStore.Scope scope(Context ctx) {
        return scopeOf(owner(ctx));
    }

    /** {@link #scope(Context)} for a caller already known by {@link #owner}. */
    public PredictionStore.Scope scopeOf(String owner) {
        return required ? PredictionStore.Scope.ownedBy(owner) : PredictionStore.Scope.ALL;
    }

    static String presentedKey(String authorization, String apiKeyHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return apiKeyHeader == null || apiKeyHeader.isBlank() ? null : apiKeyHeader.trim();
    }
}
