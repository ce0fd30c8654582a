-- Idempotency keys of POST requests that create rows (Idempotency-Key header): a client that retries a request
-- (after a timeout, a 503, a lost connection) with the same key gets the first answer again instead of a second row.
-- owner: the API key's id ('-' when keys are off), so two keys never share a key; operation: 'prediction' or
-- 'feedback'; request_sha256: a hash of what was asked (the audio or body and the parameters), so the same key with
-- another request is refused; resource_id: the row the first request created, written in the same transaction.
-- The primary key decides between concurrent retries: the second insert fails and reads the first one's row.
-- Kept as long as the database (nothing deletes predictions or feedback).
CREATE TABLE idempotency_keys (
    owner           VARCHAR(36)      NOT NULL,
    operation       VARCHAR(16)      NOT NULL,
    idempotency_key VARCHAR(255)     NOT NULL,
    request_sha256  CHAR(64)         NOT NULL,
    resource_id     VARCHAR(36)      NOT NULL,
    created_at      BIGINT           NOT NULL,
    PRIMARY KEY (owner, operation, idempotency_key)
);
