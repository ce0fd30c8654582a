package org.ser4j.server;

import java.nio.file.Path;
import java.util.List;
import org.ser4j.server.store.ApiKeyStore;
import org.ser4j.server.store.Database;

/**
 * API key administration for the CLI ({@code ser4j apikey create|list|revoke}). It opens the same database a
 * server with these settings uses (migrating it if needed); a running server sees new keys at once.
 */
public final class ApiKeyAdmin {
    private ApiKeyAdmin() {
    }

    /**
     * Creates a key; the returned {@code key()} is the secret to hand to the client (it is stored only hashed).
     *
     * @param dataDir the server's data directory (null: the default)
     * @param jdbcUrl the server's database (null: SQLite in the data directory)
     */
    public static ApiKeyStore.CreatedKey create(Path dataDir, String jdbcUrl, String name) {
        try (Database db = Database.open(url(dataDir, jdbcUrl))) {
            return new ApiKeyStore(db).create(name);
        }
    }

    public static List<ApiKeyStore.KeyInfo> list(Path dataDir, String jdbcUrl) {
        try (Database db = Database.open(url(dataDir, jdbcUrl))) {
            return new ApiKeyStore(db).list();
        }
    }

    /** Revokes a key by id; false if no active key has that id. */
    public static boolean revoke(Path dataDir, String jdbcUrl, String id) {
        try (Database db = Database.open(url(dataDir, jdbcUrl))) {
            return new ApiKeyStore(db).revoke(id);
        }
    }

    private static String url(Path dataDir, String jdbcUrl) {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        Path dir = dataDir != null ? dataDir : ServerConfig.defaultDataDir();
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return ServerConfig.sqliteUrl(dir);
    }
}
