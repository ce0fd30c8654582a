package org.ser4j.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys. A key is 32 random bytes (URL-safe Base64 with a {@code ser4j_} prefix); the database keeps only its
 * SHA-256, so a leaked database does not leak usable keys. A plain (unsalted) hash is enough here because the
 * keys are random and long, not user-chosen passwords.
 */
public final class ApiKeyStore {
    /** A key as created: {@code key} is the secret, shown once and never stored. */
    public record CreatedKey(String id, String name, String key) {
    }

    /** A key as listed (no secret). */
    public record KeyInfo(String id, String name, Instant createdAt, Instant revokedAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;

    public ApiKeyStore(Database db) {
        this.db = db;
    }

    public CreatedKey create(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an API key needs a name of 1 to 200 characters");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "ser4j_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO api_keys (id, name, key_sha256, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, name.strip());
            s.setString(3, sha256(key));
            s.setLong(4, System.currentTimeMillis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot create an API key: " + e.getMessage(), e);
        }
        return new CreatedKey(id, name.strip(), key);
    }

    /** True if {@code key} is a key that was created and not revoked. */
    public boolean isValid(String key) {
        return idOf(key).isPresent();
    }

    /** The id of {@code key} if it was created and not revoked. */
    public Optional<String> idOf(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT id FROM api_keys WHERE key_sha256 = ? AND revoked_at IS NULL")) {
            s.setString(1, sha256(key));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot check an API key: " + e.getMessage(), e);
        }
    }

    /** Revokes the key with this id; false if there is none. */
    public boolean revoke(String id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setLong(1, System.currentTimeMillis());
            s.setString(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke API key " + id + ": " + e.getMessage(), e);
        }
    }

    public List<KeyInfo> list() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
             ResultSet r = s.executeQuery()) {
            List<KeyInfo> out = new ArrayList<>();
            while (r.next()) {
                long revoked = r.getLong(4);
                Instant revokedAt = r.wasNull() ? null : Instant.ofEpochMilli(revoked);
                out.add(new KeyInfo(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)), revokedAt));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list API keys: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
