package org.ser4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ser4j.models.ShippedModels;
import org.ser4j.server.Ser4jServer;
import org.ser4j.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ser4j serve}: the REST API (and web page) with a prediction and feedback store. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve predictions over HTTP: REST API, WebSocket streaming, Prometheus metrics; every "
            + "prediction and piece of feedback is stored in a database (SQLite in the data directory by default, "
            + "PostgreSQL with --db).",
            "Stops cleanly on Ctrl-C / SIGTERM: in-flight requests finish, the database is closed."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory: database, stored audio, lock (default: SER4J_HOME_DATA or ~/.ser4j).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database, e.g. jdbc:postgresql://host/db?user=u&password=p (default: SQLite in --data-dir).")
    String db;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE",
            description = "A shipped model name (default, commercial, default-adaptive, "
                    + "commercial-adaptive) or a bundle file (default: default).")
    String model;

    @Option(names = "--max-upload-mb", defaultValue = "50", description = "Largest upload in MB (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;

    @Option(names = "--max-audio-seconds", defaultValue = "600",
            description = "Longest audio accepted, in seconds (default: ${DEFAULT-VALUE}).")
    double maxAudioSeconds;

    @Option(names = "--timeout-seconds", defaultValue = "30", description = "Request timeout (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--workers", description = "Prediction threads (default: cores).")
    Integer workers;

    @Option(names = "--queue", description = "Requests waiting for a worker before 503 (default: 4 per worker).")
    Integer queue;

    @Option(names = "--api-keys", description = "Require an API key ('Authorization: Bearer KEY' or X-API-Key) on "
            + "every route but the web page, /api/v1/openapi.json, /api/v1/server and --open-routes; each key sees "
            + "only its own predictions. Create keys with 'ser4j apikey create'.")
    boolean apiKeys;

    @Option(names = "--open-routes", paramLabel = "health,metrics|none", description = "With --api-keys: the "
            + "monitoring routes that still answer without a key (default: health,metrics when --host is a loopback "
            + "address, none otherwise).")
    String openRoutes;

    @Option(names = "--allowed-hosts", paramLabel = "NAME,...|any", description = "Host names requests may be "
            + "addressed to (the Host header, without port); others get 400, which stops other web sites from reaching "
            + "a local server through DNS rebinding (default: localhost, 127.0.0.1 and [::1] when --host is a loopback "
            + "address, any otherwise).")
    String allowedHosts;

    @Option(names = "--store-audio", description = "Keep uploaded audio (for feedback-driven retraining).")
    boolean storeAudio;

    @Option(names = "--retention-days", defaultValue = "30",
            description = "With --store-audio: delete stored audio older than this (default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--session-idle-hours", defaultValue = "24", description = "With a model that adapts (e.g. "
            + "default-adaptive): a client's session ('session' on an upload or stream) that sent nothing for this "
            + "long starts afresh (default: ${DEFAULT-VALUE}).")
    double sessionIdleHours;

    @Option(names = "--max-streams", paramLabel = "N", description = "WebSocket streams open at once, from all "
            + "clients; more get 503 (default: as many as a quarter of the heap holds at 48 kHz, at most 256).")
    Integer maxStreams;

    @Option(names = "--max-streams-per-client", paramLabel = "N", defaultValue = "8", description = "WebSocket "
            + "streams open at once from one client (an API key with --api-keys, else an IP address); more get 429 "
            + "(default: ${DEFAULT-VALUE}).")
    int maxStreamsPerClient;

    @Option(names = "--stream-idle-seconds", paramLabel = "S", defaultValue = "60", description = "A WebSocket "
            + "stream that sends nothing for this long is closed (default: ${DEFAULT-VALUE}).")
    int streamIdleSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!(sessionIdleHours > 0 && sessionIdleHours <= 24 * 365)) {
            throw new IllegalArgumentException("--session-idle-hours must be between 0 and 8760, not "
                    + sessionIdleHours);
        }
        PrintWriter out = spec.commandLine().getOut();
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        ServerConfig config = ServerConfig.defaults(ShippedModels.load(model)).withHost(host).withPort(port)
                .withLimits(maxUploadMb * 1024 * 1024, maxAudioSeconds, Duration.ofSeconds(timeoutSeconds))
                .withWorkers(threads, queue != null ? queue : ServerConfig.QUEUE_PER_WORKER * threads)
                .withApiKeysRequired(apiKeys).withAudioStorage(storeAudio, Duration.ofDays(retentionDays))
                .withSessionIdle(Duration.ofSeconds(Math.round(sessionIdleHours * 3600)));
        int totalStreams = maxStreams != null ? maxStreams
                : Math.max(config.streamLimits().total(), maxStreamsPerClient);
        if (totalStreams < 1 || maxStreamsPerClient < 1 || maxStreamsPerClient > totalStreams
                || streamIdleSeconds < 1) {
            throw new IllegalArgumentException("--max-streams (" + totalStreams + "), --max-streams-per-client ("
                    + maxStreamsPerClient + ") and --stream-idle-seconds (" + streamIdleSeconds + ") must be at least "
                    + "1, and a client may not have more streams than the server");
        }
        config = config.withStreamLimits(new ServerConfig.StreamLimits(totalStreams, maxStreamsPerClient,
                Duration.ofSeconds(streamIdleSeconds)));
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        if (db != null) {
            config = config.withJdbcUrl(db);
        }
        if (openRoutes != null) {
            config = config.withOpenRoutes(ServerConfig.OpenRoute.parseList(openRoutes));
        }
        if (allowedHosts != null) {
            config = config.withAllowedHosts(ServerConfig.parseHostNames(allowedHosts));
        }
        Ser4jServer server;
        try {
            server = Ser4jServer.start(config);
        } catch (IllegalStateException e) {
            throw new UserException(e.getMessage());
        }
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        out.printf("ser4j serving model %s on http://%s:%d/ (data in %s; Ctrl-C to stop)%n",
                config.model().provenance().name(), shown, server.port(), server.config().dataDir());
        out.flush();
        server.awaitStop();
        return 0;
    }
}
