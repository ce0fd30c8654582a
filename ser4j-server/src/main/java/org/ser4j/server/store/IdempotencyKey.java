package org.ser4j.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's {@code Idempotency-Key} on a request that creates a row: stored (table {@code idempotency_keys}, Flyway
 * V5) in the same transaction as the row, so a retry finds the row its first try made instead of making another.
 *
 * @param owner         the API key's id, or {@code -} while keys are off: keys are scoped per owner
 * @param operation     what the request creates: {@link #PREDICTION} or {@link #FEEDBACK}
 * @param key           the header's value
 * @param requestSha256 a hash of the request (the bytes and the parameters that shape the answer)
 */
public record IdempotencyKey(String owner, String operation, String key, String requestSha256) {
    public static final String PREDICTION = "prediction";
    public static final String FEEDBACK = "feedback";

    public IdempotencyKey {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestSha256, "requestSha256");
    }

    /** What an earlier request with the same key stored: its request hash and the id of the row it created. */
    public record Earlier(String requestSha256, String resourceId) {
        /** Whether the earlier request asked the same as {@code key}'s (else the key was reused for another). */
        public boolean sameRequestAs(IdempotencyKey key) {
            return requestSha256.equals(key.requestSha256());
        }
    }

    /** Claims the key for {@code resourceId}; fails (primary key) when a request with this key already stored a row. */
    void claim(Connection c, String resourceId, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys (owner, operation, "
                + "idempotency_key, request_sha256, resource_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, owner);
            s.setString(2, operation);
            s.setString(3, key);
            s.setString(4, requestSha256);
            s.setString(5, resourceId);
            s.setLong(6, at.toEpochMilli());
            s.executeUpdate();
        }
    }

    /** The row stored under this key, if any. */
    Optional<Earlier> find(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT request_sha256, resource_id FROM idempotency_keys "
                + "WHERE owner = ? AND operation = ? AND idempotency_key = ?")) {
            s.setString(1, owner);
            s.setString(2, operation);
            s.setString(3, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Earlier(r.getString(1), r.getString(2))) : Optional.empty();
            }
        }
    }
}
