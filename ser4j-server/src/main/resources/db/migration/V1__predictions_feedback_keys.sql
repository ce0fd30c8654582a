-- One schema for SQLite and PostgreSQL: portable types only; ${blob_type} is BLOB or BYTEA.
-- Times are epoch milliseconds (UTC), so both databases compare and sort them the same way.

CREATE TABLE predictions (
    id              VARCHAR(36)      PRIMARY KEY,
    created_at      BIGINT           NOT NULL,
    file_name       VARCHAR(512),
    content_sha256  CHAR(64),
    duration_s      DOUBLE PRECISION NOT NULL,
    model_name      VARCHAR(200)     NOT NULL,
    model_version   VARCHAR(100)     NOT NULL,
    emotion         VARCHAR(64)      NOT NULL,
    confidence      DOUBLE PRECISION NOT NULL,
    -- the whole Prediction JSON (all scores, top 3, segments) exactly as it was answered
    prediction_json TEXT             NOT NULL,
    latency_ms      DOUBLE PRECISION NOT NULL,
    -- 'upload' or 'stream'
    origin          VARCHAR(16)      NOT NULL
);
CREATE INDEX predictions_by_time ON predictions (created_at);
CREATE INDEX predictions_by_emotion ON predictions (emotion, created_at);

CREATE TABLE feedback (
    id              VARCHAR(36)      PRIMARY KEY,
    prediction_id   VARCHAR(36)      NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
    created_at      BIGINT           NOT NULL,
    correct         BOOLEAN          NOT NULL,
    true_emotion    VARCHAR(64),
    comment         VARCHAR(2000)
);
CREATE INDEX feedback_by_prediction ON feedback (prediction_id);

-- Uploaded audio, only when storing is switched on; deleted after the retention period.
CREATE TABLE prediction_audio (
    prediction_id   VARCHAR(36)      PRIMARY KEY REFERENCES predictions (id) ON DELETE CASCADE,
    created_at      BIGINT           NOT NULL,
    audio           ${blob_type}     NOT NULL
);
CREATE INDEX prediction_audio_by_time ON prediction_audio (created_at);

-- API keys: only a SHA-256 of each key is kept; the key itself is shown once, when created.
CREATE TABLE api_keys (
    id              VARCHAR(36)      PRIMARY KEY,
    name            VARCHAR(200)     NOT NULL,
    key_sha256      CHAR(64)         NOT NULL UNIQUE,
    created_at      BIGINT           NOT NULL,
    revoked_at      BIGINT
);
