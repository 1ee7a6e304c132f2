-- pledge schema, version 4: the browsers an account has signed in from (issue 16, defect 10).
--
-- A successful sign-in leaves a device cookie; only its SHA-256 is kept here. While an
-- account name is rate-limited by failures, a correct password still passes from a device
-- it signed in from before, so whoever types wrong passwords for that name keeps out only
-- browsers the owner never used. A wrong password from a device forgets it.
CREATE TABLE known_devices (
    id           INTEGER PRIMARY KEY,
    device_hash  TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id);
