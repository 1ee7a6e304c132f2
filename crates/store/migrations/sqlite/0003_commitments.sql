-- pledge schema, version 3: one target per commitment (issue 12).
--
-- A commitment is region × indicator × year × measure. The same commitment read from
-- another source is one more row of `target_sources`; read with another value, it is an
-- open `target_conflicts` row, shown until a person keeps the target's value or takes
-- the other one. Same conventions as version 1.

CREATE TABLE target_sources (
    id                 INTEGER PRIMARY KEY,
    target_id          INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    plan_id            INTEGER REFERENCES plans (id),
    source_document_id INTEGER REFERENCES documents (id),
    span_start         INTEGER,
    span_end           INTEGER,
    source_url         TEXT NOT NULL DEFAULT '',
    quote              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);
CREATE INDEX target_sources_target ON target_sources (target_id);

CREATE TABLE target_conflicts (
    id                 INTEGER PRIMARY KEY,
    target_id          INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    plan_id            INTEGER REFERENCES plans (id),
    direction          TEXT CHECK (direction IN ('up', 'down')),
    bound              TEXT NOT NULL CHECK (bound IN ('=', '>=', '<=', '~')),
    value              REAL NOT NULL,
    value_max          REAL,
    unit               TEXT NOT NULL,
    baseline_year      INTEGER,
    source_document_id INTEGER REFERENCES documents (id),
    span_start         INTEGER,
    span_end           INTEGER,
    source_url         TEXT NOT NULL DEFAULT '',
    quote              TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'replaced')),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    decided_at         TEXT,
    decided_by         TEXT,
    note               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX target_conflicts_target ON target_conflicts (target_id);
