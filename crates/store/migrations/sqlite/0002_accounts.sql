-- pledge schema, version 2: accounts, API tokens, sessions and login attempts (issue 7).
--
-- Secrets are never stored in the clear: `password_hash` is an argon2 PHC string,
-- `token_hash` and `id_hash` are the lowercase hex SHA-256 of the plaintext handed out once.
-- Same conventions as version 1: UTC RFC 3339 text times, 0/1 flags, CHECKed codes.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reporter', 'viewer')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
);

-- The regions a user is assigned to (what a reporter may write).
CREATE TABLE user_regions (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    region_id INTEGER NOT NULL REFERENCES regions (id),
    PRIMARY KEY (user_id, region_id)
);

-- The departments a user is assigned to (names as in target_departments).
CREATE TABLE user_departments (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    PRIMARY KEY (user_id, department)
);

-- Browser sessions, looked up by the hash of the cookie value.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    id_hash      TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens, looked up by the hash of the plaintext; revoked ones are kept for the record.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reporter', 'viewer')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT,
    revoked_by   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The regions a token is confined to (none: the user's confinement).
CREATE TABLE api_token_regions (
    token_id  INTEGER NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    region_id INTEGER NOT NULL REFERENCES regions (id),
    PRIMARY KEY (token_id, region_id)
);

-- Every login attempt, for rate limiting (by user name and by client address).
CREATE TABLE login_attempts (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_name TEXT NOT NULL,
    ip        TEXT NOT NULL,
    ok        INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX login_attempts_user ON login_attempts (user_name, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
