-- pledge schema, version 2, for PostgreSQL: accounts, API tokens, sessions, login attempts.
-- The same tables as migrations/sqlite/0002_accounts.sql, spelled as 0001_init.sql here.
--
-- Secrets are never stored in the clear: `password_hash` is an argon2 PHC string,
-- `token_hash` and `id_hash` are the lowercase hex SHA-256 of the plaintext handed out once.
-- Same conventions as version 1: UTC RFC 3339 text times, 0/1 flags, CHECKed codes.

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT COLLATE "C" NOT NULL UNIQUE,
    role          TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin', 'analyst', 'reporter', 'viewer')),
    password_hash TEXT COLLATE "C" NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT COLLATE "C" NOT NULL,
    created_by    TEXT COLLATE "C" NOT NULL,
    updated_at    TEXT COLLATE "C" NOT NULL,
    updated_by    TEXT COLLATE "C" NOT NULL
);

-- The regions a user is assigned to (what a reporter may write).
CREATE TABLE user_regions (
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    PRIMARY KEY (user_id, region_id)
);

-- The departments a user is assigned to (names as in target_departments).
CREATE TABLE user_departments (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, department)
);

-- Browser sessions, looked up by the hash of the cookie value.
CREATE TABLE sessions (
    id           BIGSERIAL PRIMARY KEY,
    id_hash      TEXT COLLATE "C" NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT COLLATE "C" NOT NULL,
    created_at   TEXT COLLATE "C" NOT NULL,
    last_seen_at TEXT COLLATE "C" NOT NULL,
    expires_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens, looked up by the hash of the plaintext; revoked ones are kept for the record.
CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    token_hash   TEXT COLLATE "C" NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    name         TEXT COLLATE "C" NOT NULL DEFAULT '',
    role         TEXT COLLATE "C" NOT NULL CHECK (role IN ('admin', 'analyst', 'reporter', 'viewer')),
    created_at   TEXT COLLATE "C" NOT NULL,
    created_by   TEXT COLLATE "C" NOT NULL,
    last_used_at TEXT COLLATE "C",
    revoked_at   TEXT COLLATE "C",
    revoked_by   TEXT COLLATE "C"
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The regions a token is confined to (none: the user's confinement).
CREATE TABLE api_token_regions (
    token_id  BIGINT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
    region_id BIGINT NOT NULL REFERENCES regions (id),
    PRIMARY KEY (token_id, region_id)
);

-- Every login attempt, for rate limiting (by user name and by client address).
CREATE TABLE login_attempts (
    id        BIGSERIAL PRIMARY KEY,
    at        TEXT COLLATE "C" NOT NULL,
    user_name TEXT COLLATE "C" NOT NULL,
    ip        TEXT COLLATE "C" NOT NULL,
    ok        INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX login_attempts_user ON login_attempts (user_name, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
