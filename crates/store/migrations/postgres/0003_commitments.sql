-- pledge schema, version 3: one target per commitment (issue 12).
--
-- A commitment is region × indicator × year × measure. The same commitment read from
-- another source is one more row of `target_sources`; read with another value, it is an
-- open `target_conflicts` row, shown until a person keeps the target's value or takes
-- the other one. Same conventions as version 1.

CREATE TABLE target_sources (
    id                 BIGSERIAL PRIMARY KEY,
    target_id          BIGINT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    plan_id            BIGINT REFERENCES plans (id),
    source_document_id BIGINT REFERENCES documents (id),
    span_start         BIGINT,
    span_end           BIGINT,
    source_url         TEXT COLLATE "C" NOT NULL DEFAULT '',
    quote              TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at         TEXT COLLATE "C" NOT NULL,
    created_by         TEXT COLLATE "C" NOT NULL
);
CREATE INDEX target_sources_target ON target_sources (target_id);

CREATE TABLE target_conflicts (
    id                 BIGSERIAL PRIMARY KEY,
    target_id          BIGINT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    plan_id            BIGINT REFERENCES plans (id),
    direction          TEXT COLLATE "C" CHECK (direction IN ('up', 'down')),
    bound              TEXT COLLATE "C" NOT NULL CHECK (bound IN ('=', '>=', '<=', '~')),
    value              DOUBLE PRECISION NOT NULL,
    value_max          DOUBLE PRECISION,
    unit               TEXT COLLATE "C" NOT NULL,
    baseline_year      INTEGER,
    source_document_id BIGINT REFERENCES documents (id),
    span_start         BIGINT,
    span_end           BIGINT,
    source_url         TEXT COLLATE "C" NOT NULL DEFAULT '',
    quote              TEXT COLLATE "C" NOT NULL DEFAULT '',
    status             TEXT COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'replaced')),
    created_at         TEXT COLLATE "C" NOT NULL,
    created_by         TEXT COLLATE "C" NOT NULL,
    decided_at         TEXT COLLATE "C",
    decided_by         TEXT COLLATE "C",
    note               TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX target_conflicts_target ON target_conflicts (target_id);
