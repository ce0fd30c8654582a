package org.ser4j.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web page: HTML, CSS and JavaScript modules from the jar's {@code /org/ser4j/server/web/} folder, served at
 * {@code /} (so {@code /} answers {@code index.html}). The page only talks to this server's REST API and WebSocket.
 */
public final class WebAssets {
    /** Classpath folder of the assets; it holds no classes, so nothing but the page can be fetched through it. */
    public static final String DIRECTORY = "/org/ser4j/server/web";

    /**
     * Everything the page loads comes from this server: the policy makes the browser refuse anything else (a CDN
     * script, a web font), so "works offline" cannot silently break. {@code blob:} is the audio player's source
     * (the file or recording the person chose); {@code ws:}/{@code wss:} are the live stream.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private WebAssets() {
    }

    public static void configure(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
            // Revalidated each time (ETag), so a new ser4j version never runs with yesterday's script.
            files.headers = Map.of("Cache-Control", "no-cache", "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
        });
    }
}
