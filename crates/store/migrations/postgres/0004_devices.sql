-- pledge schema, version 4: the browsers an account has signed in from (issue 16, defect 10).
--
-- A successful sign-in leaves a device cookie; only its SHA-256 is kept here. While an
-- account name is rate-limited by failures, a correct password still passes from a device
-- it signed in from before, so whoever types wrong passwords for that name keeps out only
-- browsers the owner never used. A wrong password from a device forgets it.
CREATE TABLE known_devices (
    id           BIGSERIAL PRIMARY KEY,
    device_hash  TEXT COLLATE "C" NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT COLLATE "C" NOT NULL,
    last_used_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id);
