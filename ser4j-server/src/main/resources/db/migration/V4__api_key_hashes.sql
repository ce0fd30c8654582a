-- API keys are stored as a salted PBKDF2 hash ('pbkdf2-sha256$ITERATIONS$SALT$HASH', see ApiKeyStore) instead of a
-- bare SHA-256. Keys made before keep their SHA-256, now written 'sha256$HEX', until their first use: the server
-- then has the key itself, rewrites the hash as PBKDF2 and keeps the key's first characters in legacy_prefix, the
-- only way to find the row of a key that does not carry its id. SQLite cannot drop a NOT NULL or UNIQUE column
-- constraint, so the table is rebuilt (nothing references it).
CREATE TABLE api_keys_v4 (
    id              VARCHAR(36)      PRIMARY KEY,
    name            VARCHAR(200)     NOT NULL,
    key_hash        VARCHAR(200)     NOT NULL,
    legacy_prefix   VARCHAR(32),
    created_at      BIGINT           NOT NULL,
    revoked_at      BIGINT
);
INSERT INTO api_keys_v4 (id, name, key_hash, legacy_prefix, created_at, revoked_at)
    SELECT id, name, 'sha256$' || key_sha256, NULL, created_at, revoked_at FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_v4 RENAME TO api_keys;
CREATE UNIQUE INDEX api_keys_by_hash ON api_keys (key_hash);
CREATE INDEX api_keys_by_legacy_prefix ON api_keys (legacy_prefix);
