package org.ser4j.server.store;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys. A new key is {@code ser4j_<id>_<secret>}: its row's id, then 32 random bytes (URL-safe Base64). The
 * database keeps only a salted PBKDF2 hash of the key ({@link KeyHashes}), so a leaked database does not leak usable
 * keys, and the id in the key finds the one row to verify (a per-key salt cannot be looked up by hash). Keys made
 * before (plain {@code ser4j_<secret>}, stored as a bare SHA-256) keep working: the first use finds the row by that
 * SHA-256, verifies it, and rewrites it as PBKDF2 with the key's first {@value #LEGACY_PREFIX_CHARS} characters as
 * the lookup (72 of its 256 random bits; the rest stay unguessable).
 *
 * <p>PBKDF2 costs about 0.3 s, so a key verified once is remembered in memory (by the SHA-256 of the key, never
 * stored) for as long as its stored hash does not change; the row is still read on every call, so a revoked key is
 * refused at once.
 */
public final class ApiKeyStore {
    /** A key as created: {@code key} is the secret, shown once and never stored. */
    public record CreatedKey(String id, String name, String key) {
    }

    /** A key as listed (no secret). */
    public record KeyInfo(String id, String name, Instant createdAt, Instant revokedAt) {
    }

    static final String PREFIX = "ser4j_";
    /** Characters of an old-style key kept in clear to find its row once its SHA-256 is replaced. */
    static final int LEGACY_PREFIX_CHARS = PREFIX.length() + 12;
    private static final int ID_CHARS = 36;
    /** Characters of the secret part: 32 bytes in Base64 without padding. */
    private static final int SECRET_CHARS = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored hash and the in-memory digest of the key that was verified against it. */
    private record Verified(String storedHash, byte[] keyDigest) {
    }

    /** A candidate row for a presented key. */
    private record Row(String id, String keyHash) {
    }

    private final Database db;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public ApiKeyStore(Database db) {
        this.db = db;
    }

    public CreatedKey create(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an API key needs a name of 1 to 200 characters");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String id = UUID.randomUUID().toString();
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, name.strip());
            s.setString(3, KeyHashes.pbkdf2(key));
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
        String id = idInKey(key);
        List<Row> candidates = id != null
                ? rows("SELECT id, key_hash FROM api_keys WHERE id = ? AND revoked_at IS NULL", id)
                : rows("SELECT id, key_hash FROM api_keys WHERE (key_hash = ? OR legacy_prefix = ?) "
                        + "AND revoked_at IS NULL", KeyHashes.legacySha256(key), legacyPrefix(key));
        byte[] digest = KeyHashes.sha256(key);
        for (Row row : candidates) {
            Verified known = verified.get(row.id());
            if (known != null && known.storedHash().equals(row.keyHash())
                    && MessageDigest.isEqual(known.keyDigest(), digest)) {
                return Optional.of(row.id());
            }
            if (KeyHashes.matches(row.keyHash(), key)) {
                String hash = KeyHashes.isLegacy(row.keyHash()) ? upgrade(row, key) : row.keyHash();
                verified.put(row.id(), new Verified(hash, digest));
                return Optional.of(row.id());
            }
        }
        return Optional.empty();
    }

    /** The id a new-style key carries ({@code ser4j_<uuid>_<secret>}), or null for an old-style or malformed key. */
    static String idInKey(String key) {
        int end = PREFIX.length() + ID_CHARS;
        // The exact length also keeps an old-style key (49 characters) from ever being read as one with an id.
        if (!key.startsWith(PREFIX) || key.length() != end + 1 + SECRET_CHARS || key.charAt(end) != '_') {
            return null;
        }
        try {
            String id = key.substring(PREFIX.length(), end);
            return UUID.fromString(id).toString().equals(id) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String legacyPrefix(String key) {
        return key.substring(0, Math.min(key.length(), LEGACY_PREFIX_CHARS));
    }

    /** Replaces an old key's bare SHA-256 by PBKDF2 now that the key itself is known; returns the new hash. */
    private String upgrade(Row row, String key) {
        String hash = KeyHashes.pbkdf2(key);
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE api_keys SET key_hash = ?, legacy_prefix = ? WHERE id = ? AND key_hash = ?")) {
            s.setString(1, hash);
            s.setString(2, legacyPrefix(key));
            s.setString(3, row.id());
            s.setString(4, row.keyHash());
            // 0 rows: another server upgraded it first; its hash verifies the same key next time.
            return s.executeUpdate() == 1 ? hash : row.keyHash();
        } catch (SQLException e) {
            throw new StoreException("cannot rehash API key " + row.id() + ": " + e.getMessage(), e);
        }
    }

    private List<Row> rows(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<Row> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Row(r.getString(1), r.getString(2)));
                }
            }
            return out;
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
}
