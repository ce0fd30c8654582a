-- Per-session statistics of the feature vectors a client's clips had, for models that adapt to a speaker or channel
-- (see AdaptationSessions). owner: the API key's id ('-' when keys are off), so sessions never mix between keys.
CREATE TABLE adaptation_sessions (
    owner           VARCHAR(36)      NOT NULL,
    session         VARCHAR(128)     NOT NULL,
    clips           INTEGER          NOT NULL,
    statistics      ${blob_type}     NOT NULL,
    updated_at      BIGINT           NOT NULL,
    PRIMARY KEY (owner, session)
);
CREATE INDEX adaptation_sessions_by_time ON adaptation_sessions (updated_at);
