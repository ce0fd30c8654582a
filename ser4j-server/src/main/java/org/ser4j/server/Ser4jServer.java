package org.ser4j.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.server.api.ApiJson;
import org.ser4j.server.api.ApiKeyCheck;
import org.ser4j.server.api.ErrorResponses;
import org.ser4j.server.api.HostCheck;
import org.ser4j.server.api.InfoRoutes;
import org.ser4j.server.api.PlotRoutes;
import org.ser4j.server.api.PredictionRoutes;
import org.ser4j.server.api.RequestIds;
import org.ser4j.server.api.WebAssets;
import org.ser4j.server.inference.InferenceService;
import org.ser4j.server.inference.PredictionRecorder;
import org.ser4j.server.inference.SessionAdaptation;
import org.ser4j.server.inference.UploadDecoder;
import org.ser4j.server.metrics.ServerMetrics;
import org.ser4j.server.metrics.TrainingDistribution;
import org.ser4j.server.store.AdaptationSessions;
import org.ser4j.server.store.ApiKeyStore;
import org.ser4j.server.store.Database;
import org.ser4j.server.store.PredictionStore;
import org.ser4j.server.stream.StreamEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ser4j HTTP server: web page, REST API, WebSocket stream, store and metrics around one model. {@link #start} locks the
 * data directory, opens (and migrates) the database, and serves; {@link #stop} (also run on SIGTERM) lets
 * in-flight requests finish, then closes the database and releases the lock.
 */
public final class Ser4jServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ser4jServer.class);

    private final ServerConfig config;
    private final DataDirLock lock;
    private final Database db;
    private final InferenceService inference;
    private final ScheduledExecutorService housekeeping;
    private final Javalin app;
    private final ServerMetrics metrics;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private Ser4jServer(ServerConfig config, DataDirLock lock, Database db, InferenceService inference,
                        ScheduledExecutorService housekeeping, Javalin app, ServerMetrics metrics) {
        this.config = config;
        this.lock = lock;
        this.db = db;
        this.inference = inference;
        this.housekeeping = housekeeping;
        this.app = app;
        this.metrics = metrics;
        this.shutdownHook = new Thread(this::stop, "ser4j-server-shutdown");
    }

    /**
     * Starts a server. Fails with {@link IllegalStateException} when the port is taken or another server holds the
     * data directory, and with {@link org.ser4j.server.store.StoreException} when the database cannot be opened.
     */
    public static Ser4jServer start(ServerConfig config) {
        requireFreePort(config.host(), config.port());
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        Database db = null;
        InferenceService inference = null;
        ScheduledExecutorService housekeeping = null;
        try {
            db = Database.open(config.effectiveJdbcUrl());
            PredictionStore store = new PredictionStore(db);
            ApiKeyStore keyStore = new ApiKeyStore(db);
            Predictor predictor = new Predictor(config.model());
            inference = new InferenceService(predictor,
                    new UploadDecoder(config.model().featureSpec().sampleRate(), config.maxAudioSeconds()),
                    SegmentSource.voiceActivity(), config.workerThreads(), config.queueCapacity(),
                    config.requestTimeout());
            Adaptation adaptation = config.model().adaptation().orElse(null);
            boolean adapts = adaptation != null && adaptation.method() == Adaptation.Method.RELATIVE;
            AdaptationSessions sessionStore = adapts ? new AdaptationSessions(db, AdaptationSessions.Reference.of(
                    adaptation.priorMean(), adaptation.priorScale())) : null;
            if (adapts) {
                inference.withSessions(new SessionAdaptation(predictor, sessionStore, config.sessionIdle(),
                        Clock.systemUTC()));
            }
            TrainingDistribution training = TrainingDistribution.of(config.model());
            InferenceService pool = inference;
            ServerMetrics metrics = new ServerMetrics(config.model().provenance().name(),
                    config.model().provenance().version(), training, config.driftWindow(),
                    store.feedbackCounts(PredictionStore.Scope.ALL), pool::queued, pool::active);
            PredictionRecorder recorder = new PredictionRecorder(store, metrics, config.storeAudio());
            ApiKeyCheck keys = new ApiKeyCheck(keyStore, config.requireApiKeys(), config.effectiveOpenRoutes());

            Javalin app = Javalin.create(cfg -> configure(cfg, config, metrics));
            app.before(RequestIds::assign);
            ErrorResponses.register(app);
            new HostCheck(config.effectiveAllowedHosts()).register(app); // a foreign Host learns nothing, not even 401
            keys.register(app); // before any route: with keys on, every route but the open ones needs one
            new PredictionRoutes(inference, recorder, store, metrics, keys, config.maxUploadBytes()).register(app);
            new PlotRoutes(inference, config.maxUploadBytes()).register(app);
            new InfoRoutes(config, training, db, metrics).register(app);
            new StreamEndpoint(inference, recorder, keys, config.streamLimits()).register(app);

            housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ser4j-housekeeping");
                t.setDaemon(true);
                return t;
            });
            if (adapts) {
                housekeeping.scheduleWithFixedDelay(() -> expireSessions(sessionStore, config.sessionIdle()), 1, 60,
                        TimeUnit.MINUTES);
            }
            if (config.storeAudio()) {
                housekeeping.scheduleWithFixedDelay(() -> applyRetention(store, config.audioRetention()), 0, 1,
                        TimeUnit.HOURS);
            }
            app.start();
            Ser4jServer server = new Ser4jServer(config, lock, db, inference, housekeeping, app, metrics);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            LOG.info("ser4j server listening on http://{}:{} (model {} {}, database {}, api keys {})", config.host(),
                    app.port(), config.model().provenance().name(), config.model().provenance().version(),
                    db.describe(), config.requireApiKeys() ? "required (open without a key: "
                            + config.effectiveOpenRoutes() + ")" : "off");
            return server;
        } catch (RuntimeException e) {
            if (housekeeping != null) {
                housekeeping.shutdownNow();
            }
            if (inference != null) {
                inference.shutdown(Duration.ZERO);
            }
            if (db != null) {
                db.close();
            }
            lock.close();
            throw e;
        }
    }

    private static void configure(JavalinConfig cfg, ServerConfig config, ServerMetrics metrics) {
        cfg.showJavalinBanner = false;
        cfg.startupWatcherEnabled = false;
        cfg.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
        WebAssets.configure(cfg); // the web page at /
        // Javalin's own cap applies to ctx.body(); uploads (raw or multipart) are read as streams with our limit, never
        // spooled to disk (see Upload).
        cfg.http.maxRequestSize = config.maxUploadBytes();
        cfg.jetty.modifyServer(server -> {
            server.setStopTimeout(config.shutdownGrace().toMillis()); // graceful: in-flight requests finish
            server.setStopAtShutdown(false); // our own hook stops Jetty, then the database, in that order
            server.setErrorHandler(new ErrorResponses.JsonBadMessageHandler());
        });
        cfg.jetty.addConnector((server, http) -> {
            http.setSendServerVersion(false);
            // Dispatch as soon as the headers are in, so an oversized Content-Length is refused before any body.
            http.setDelayDispatchUntilContent(false);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            // Slow or stalled clients are cut off instead of holding a thread forever.
            connector.setIdleTimeout(config.requestTimeout().toMillis());
            return connector;
        });
        cfg.jetty.modifyWebSocketServletFactory(ws -> {
            ws.setMaxBinaryMessageSize(StreamEndpoint.MAX_MESSAGE_BYTES);
            ws.setMaxTextMessageSize(64 * 1024);
            ws.setIdleTimeout(config.streamLimits().idle()); // a silent stream gives its place back
        });
        cfg.requestLogger.http((ctx, ms) -> logRequest(ctx, ms, metrics));
    }

    private static void logRequest(Context ctx, float ms, ServerMetrics metrics) {
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        metrics.recordRequest(ctx.method().name(), route, status, Duration.ofNanos((long) (ms * 1e6)));
        String error = ctx.attribute(ErrorResponses.ERROR_CODE);
        if (status == 503 && ServerMetrics.REJECTIONS.contains(error)) {
            metrics.recordRejected(error);
        }
        if (status >= 500) {
            LOG.warn("request {} {} {} -> {} in {} ms", RequestIds.of(ctx), ctx.method(), ctx.path(), status, ms);
        } else {
            LOG.debug("request {} {} {} -> {} in {} ms", RequestIds.of(ctx), ctx.method(), ctx.path(), status, ms);
        }
    }

    /** The route template that served the request, or "unmatched": keeps metric labels few, whatever clients try. */
    private static String routeOf(Context ctx) {
        try {
            String route = ctx.endpointHandlerPath();
            return route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route;
        } catch (IllegalStateException e) {
            return "unmatched"; // the request ended before reaching an endpoint (e.g. a 404)
        }
    }

    private static void applyRetention(PredictionStore store, Duration retention) {
        try {
            int deleted = store.deleteAudioBefore(Instant.now().minus(retention));
            if (deleted > 0) {
                LOG.info("audio retention: deleted {} recordings older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("audio retention failed: {}", e.getMessage());
        }
    }

    private static void expireSessions(AdaptationSessions sessions, Duration idle) {
        try {
            int deleted = sessions.expire(Instant.now().minus(idle));
            if (deleted > 0) {
                LOG.info("adaptation sessions: forgot {} idle for more than {}", deleted, idle);
            }
        } catch (RuntimeException e) {
            LOG.warn("adaptation session expiry failed: {}", e.getMessage());
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Stops serving: no new connections, in-flight requests finish (up to the grace period), then the workers
     * stop, the database closes and the data directory is unlocked. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("ser4j server stopping");
        app.stop();
        inference.shutdown(config.shutdownGrace());
        housekeeping.shutdownNow();
        metrics.close();
        db.close();
        lock.close();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        LOG.info("ser4j server stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** Blocks until the server is stopped (by {@link #stop} or SIGTERM). */
    public void awaitStop() throws InterruptedException {
        while (!stopped) {
            Thread.sleep(200);
        }
    }

    /**
     * Runs a server from the command line (the CLI's {@code ser4j serve} does the same through picocli):
     * {@code --model FILE|NAME [--port N] [--host H] [--data-dir DIR] [--db JDBC_URL] [--api-keys]
     * [--open-routes health,metrics|none] [--store-audio]}. Prints {@code listening on port N} on stdout once ready.
     */
    public static void main(String[] args) throws Exception {
        ServerArgs parsed = ServerArgs.parse(args);
        Ser4jServer server = start(parsed.config());
        System.out.println("listening on port " + server.port());
        System.out.flush();
        server.awaitStop();
    }

    /**
     * Jetty reports a port that is already taken only as "STOPPED" (the bind error is swallowed while it shuts down
     * again), so the port is tried first; a program that takes it in between still fails the start, less clearly.
     */
    private static void requireFreePort(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is already in use (another server is "
                    + "listening there); choose another with --port, or --port 0 for any free one");
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }
}
