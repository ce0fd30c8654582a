package org.ser4j.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.ser4j.audio.effects.StreamSegmenter;
import org.ser4j.models.ModelBundle;

/**
 * Everything a {@link Ser4jServer} needs. Build one with {@link #defaults(ModelBundle)} and the {@code with...}
 * methods; every limit has a safe default.
 *
 * @param host               address to bind (default 127.0.0.1; "0.0.0.0" to serve other machines)
 * @param port               TCP port (default 8080; 0 picks a free one)
 * @param dataDir            where the SQLite database, the lock file and stored audio live (default
 *                           {@code $SER4J_HOME_DATA} or {@code ~/.ser4j})
 * @param jdbcUrl            the database; null means SQLite at {@code dataDir/ser4j.db}
 * @param model              the model bundle to serve
 * @param maxUploadBytes     largest accepted request body (default 50 MB); larger ones get 413 before reading
 * @param maxAudioSeconds    longest accepted recording (default 600 s); longer ones get 422
 * @param requestTimeout     how long a prediction may wait and run before 503 (default 30 s); also the idle
 *                           timeout of connections
 * @param workerThreads      predictions computed at once (default: number of cores)
 * @param queueCapacity      predictions waiting for a worker before new ones get 503 (default {@link #QUEUE_PER_WORKER} x workers)
 * @param requireApiKeys     when true, every route that returns stored data or runs the model needs a key
 *                           ({@code Authorization: Bearer KEY}), and a key sees only its own predictions
 * @param storeAudio         keep uploaded audio in the database (for feedback-driven retraining; default off)
 * @param audioRetention     how long stored audio is kept (default 30 days)
 * @param driftWindow        predictions in the rolling window of the drift gauge (default 1000)
 * @param shutdownGrace      how long stop() lets in-flight requests finish (default 10 s)
 * @param sessionIdle        how long an adaptation session may stay idle before it starts afresh (default 1 day)
 * @param openRoutes         with API keys on, which of {@code /health} and {@code /metrics} still answer without a
 *                           key; null (the default): both when {@code host} is a loopback address, neither otherwise
 *                           (see {@link #effectiveOpenRoutes})
 * @param allowedHosts       the names (of the {@code Host} header, without port) requests may be addressed to;
 *                           others get 400, so a web page on another site cannot reach a loopback server through
 *                           DNS rebinding; null (the default): the loopback names when {@code host} is a loopback
 *                           address, any name otherwise (see {@link #effectiveAllowedHosts})
 * @param streamLimits       how many WebSocket streams may be open, in all and per client, and how long one may stay
 *                           silent (see {@link StreamLimits#defaults})
 */
public record ServerConfig(String host, int port, Path dataDir, String jdbcUrl, ModelBundle model,
                           long maxUploadBytes, double maxAudioSeconds, Duration requestTimeout, int workerThreads,
                           int queueCapacity, boolean requireApiKeys, boolean storeAudio, Duration audioRetention,
                           int driftWindow, Duration shutdownGrace, Duration sessionIdle,
                           Set<OpenRoute> openRoutes, Set<String> allowedHosts, StreamLimits streamLimits) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;
    /** Default predictions waiting per worker thread before new ones get 503. */
    public static final int QUEUE_PER_WORKER = 4;
    /** Environment variable that moves the default data directory. */
    public static final String DATA_DIR_ENV = "SER4J_HOME_DATA";

    /** The monitoring routes that may be opened to callers without a key when keys are on. */
    public enum OpenRoute {
        HEALTH("/health"), METRICS("/metrics");

        private final String path;

        OpenRoute(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** {@code health} or {@code metrics}, as {@code serve --open-routes} spells them. */
        public static OpenRoute of(String name) {
            for (OpenRoute r : values()) {
                if (r.name().equalsIgnoreCase(name.strip())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown open route '" + name + "': use health, metrics or none");
        }

        /** A comma-separated list of {@code health} and {@code metrics}, or {@code none}. */
        public static Set<OpenRoute> parseList(String list) {
            if (list.strip().equalsIgnoreCase("none")) {
                return Set.of();
            }
            Set<OpenRoute> out = EnumSet.noneOf(OpenRoute.class);
            for (String name : list.split(",")) {
                out.add(of(name));
            }
            return Set.copyOf(out);
        }
    }

    /**
     * Bounds on the WebSocket streams ({@code /api/v1/stream}), so that clients opening many of them cannot exhaust
     * the server's memory.
     *
     * @param total     streams open at once, from all clients; more get 503
     * @param perClient streams open at once from one client (one API key when keys are on, else one IP address);
     *                  more get 429
     * @param idle      a stream that sends nothing for this long is closed
     */
    public record StreamLimits(int total, int perClient, Duration idle) {
        /** The highest sample rate a stream may declare: browsers record at 48 kHz, and the models use 16 kHz. */
        public static final int MAX_SAMPLE_RATE = 48_000;
        public StreamLimits {
            require(total > 0, "the total number of streams must be positive");
            require(perClient > 0 && perClient <= total, "streams per client must be 1.." + total);
            require(idle != null && !idle.isNegative() && !idle.isZero(), "the stream idle timeout must be positive");
        }

        /**
         * At most 8 streams per client, 60 s of silence, and in all as many streams as a quarter of the heap holds
         * when each buffers its longest segment at the highest rate (256 at most; 2 GB of heap gives 256, 512 MB 66).
         */
        public static StreamLimits defaults() {
            long worstPerStream = (long) (StreamSegmenter.SPEECH_MAX_SEGMENT_S * MAX_SAMPLE_RATE * Float.BYTES);
            int total = (int) Math.max(8, Math.min(256, Runtime.getRuntime().maxMemory() / 4 / worstPerStream));
            return new StreamLimits(total, 8, Duration.ofSeconds(60));
        }
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(streamLimits, "streamLimits");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(model, "model");
        require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
        require(maxUploadBytes > 0, "maxUploadBytes must be positive");
        require(maxAudioSeconds > 0, "maxAudioSeconds must be positive");
        require(workerThreads > 0, "workerThreads must be positive");
        require(queueCapacity >= 0, "queueCapacity must not be negative");
        require(driftWindow > 0, "driftWindow must be positive");
        require(sessionIdle != null && !sessionIdle.isNegative() && !sessionIdle.isZero(),
                "sessionIdle must be positive");
        openRoutes = openRoutes == null ? null : Set.copyOf(openRoutes);
        allowedHosts = allowedHosts == null ? null : allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A comma-separated list of host names for {@code --allowed-hosts} (e.g. {@code ser4j.example.org,localhost});
     * {@code any} accepts every name.
     */
    public static Set<String> parseHostNames(String text) {
        if (text.strip().equalsIgnoreCase("any")) {
            return Set.of();
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String part : text.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]")) {
                throw new IllegalArgumentException("--allowed-hosts: '" + part.strip() + "' is not a host name (names "
                        + "like ser4j.example.org or 10.0.0.5, [::1] for IPv6, comma-separated; or any)");
            }
            names.add(name);
        }
        return names;
    }

    /** The names a loopback server answers to by default. */
    public static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    /**
     * The {@code Host} names requests may carry (lower case, without port): the configured ones, or by default the
     * loopback names when the server listens on loopback only, and an empty set (any name) when it listens elsewhere
     * (it is then reached under names only its operator knows; put it behind a proxy that checks them).
     */
    public Set<String> effectiveAllowedHosts() {
        if (allowedHosts != null) {
            return allowedHosts;
        }
        return isLoopback(host) ? LOOPBACK_NAMES : Set.of();
    }

    /**
     * The monitoring routes that answer without a key when keys are on: the configured ones, or by default both when
     * the server listens on loopback only (its callers are on this machine) and neither when it listens elsewhere.
     */
    public Set<OpenRoute> effectiveOpenRoutes() {
        if (openRoutes != null) {
            return openRoutes;
        }
        return isLoopback(host) ? EnumSet.allOf(OpenRoute.class) : Set.of();
    }

    /** True for 127.0.0.0/8, ::1 and names that resolve to them (localhost); false for 0.0.0.0 and the rest. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Defaults for everything but the model. */
    public static ServerConfig defaults(ModelBundle model) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, defaultDataDir(), null, model, DEFAULT_MAX_UPLOAD_BYTES,
                600, Duration.ofSeconds(30), cores, QUEUE_PER_WORKER * cores, false, false, Duration.ofDays(30), 1000,
                Duration.ofSeconds(10), Duration.ofDays(1), null, null, StreamLimits.defaults());
    }

    /** {@code $SER4J_HOME_DATA}, else {@code ~/.ser4j}. */
    public static Path defaultDataDir() {
        String env = System.getenv(DATA_DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".ser4j");
    }

    /** The JDBC URL actually used: the configured one, or SQLite in the data directory. */
    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : sqliteUrl(dataDir);
    }

    /** The embedded default database: {@code DATA_DIR/ser4j.db}. */
    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("ser4j.db").toAbsolutePath();
    }

    public ServerConfig withHost(String v) {
        return new ServerConfig(v, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withPort(int v) {
        return new ServerConfig(host, v, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withDataDir(Path v) {
        return new ServerConfig(host, port, v, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    /** null: SQLite in the data directory. */
    public ServerConfig withJdbcUrl(String v) {
        return new ServerConfig(host, port, dataDir, v, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withModel(ModelBundle v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, v, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withLimits(long maxUploadBytes, double maxAudioSeconds, Duration requestTimeout) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withWorkers(int workerThreads, int queueCapacity) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withApiKeysRequired(boolean v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, v, storeAudio, audioRetention, driftWindow, shutdownGrace, sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withAudioStorage(boolean store, Duration retention) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, store, retention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withDriftWindow(int v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, v, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withShutdownGrace(Duration v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, v, sessionIdle, openRoutes, allowedHosts, streamLimits);
    }

    public ServerConfig withSessionIdle(Duration v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                v, openRoutes, allowedHosts, streamLimits);
    }

    /** null: the default by host (see {@link #effectiveOpenRoutes}). */
    public ServerConfig withOpenRoutes(Set<OpenRoute> v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, v, allowedHosts, streamLimits);
    }

    /** null: the default by host (see {@link #effectiveAllowedHosts}). */
    public ServerConfig withAllowedHosts(Set<String> v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, v, streamLimits);
    }

    public ServerConfig withStreamLimits(StreamLimits v) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, model, maxUploadBytes, maxAudioSeconds, requestTimeout,
                workerThreads, queueCapacity, requireApiKeys, storeAudio, audioRetention, driftWindow, shutdownGrace,
                sessionIdle, openRoutes, allowedHosts, v);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
