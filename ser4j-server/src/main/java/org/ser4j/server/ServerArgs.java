package org.ser4j.server;

import java.nio.file.Path;
import java.time.Duration;
import org.ser4j.models.ShippedModels;

/**
 * The options of {@link Ser4jServer#main}, a minimal stand-in for the CLI's {@code ser4j serve} used by tests
 * and the load benchmark.
 */
record ServerArgs(ServerConfig config) {

    static ServerArgs parse(String[] args) {
        String model = null;
        String host = null;
        Integer port = null;
        Path dataDir = null;
        String db = null;
        boolean apiKeys = false;
        boolean storeAudio = false;
        Integer workers = null;
        String openRoutes = null;
        String allowedHosts = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--model" -> model = value(args, ++i, a);
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--db" -> db = value(args, ++i, a);
                case "--workers" -> workers = Integer.parseInt(value(args, ++i, a));
                case "--api-keys" -> apiKeys = true;
                case "--open-routes" -> openRoutes = value(args, ++i, a);
                case "--allowed-hosts" -> allowedHosts = value(args, ++i, a);
                case "--store-audio" -> storeAudio = true;
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --model FILE|NAME "
                        + "--port N --host H --data-dir DIR --db JDBC_URL --workers N --api-keys --open-routes "
                        + "health,metrics|none --allowed-hosts NAME,... --store-audio");
            }
        }
        ServerConfig c = ServerConfig.defaults(ShippedModels.load(model));
        if (host != null) {
            c = c.withHost(host);
        }
        if (port != null) {
            c = c.withPort(port);
        }
        if (dataDir != null) {
            c = c.withDataDir(dataDir);
        }
        if (workers != null) {
            c = c.withWorkers(workers, 4 * workers);
        }
        if (openRoutes != null) {
            c = c.withOpenRoutes(ServerConfig.OpenRoute.parseList(openRoutes));
        }
        if (allowedHosts != null) {
            c = c.withAllowedHosts(ServerConfig.parseHostNames(allowedHosts));
        }
        c = c.withJdbcUrl(db).withApiKeysRequired(apiKeys).withAudioStorage(storeAudio, Duration.ofDays(30));
        return new ServerArgs(c);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
