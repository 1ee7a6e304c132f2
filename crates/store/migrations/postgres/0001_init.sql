-- pledge schema, version 1, for PostgreSQL and compatible servers (openGauss, KingbaseES).
--
-- The same tables, columns and constraints as migrations/sqlite/0001_init.sql, spelled in
-- plain PostgreSQL without extensions: ids are BIGSERIAL (identity columns are missing on
-- some compatible servers), text columns use the "C" collation so that ORDER BY sorts by
-- code point exactly as SQLite does, numbers are DOUBLE PRECISION, flags stay 0/1
-- integers, times stay UTC RFC 3339 text, and the append-only rules are plpgsql triggers.

CREATE TABLE regions (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT COLLATE "C" NOT NULL,              -- the name pledge shows (济南高新区)
    official_name TEXT COLLATE "C" NOT NULL,              -- full official name (济南高新技术产业开发区)
    code          TEXT COLLATE "C",                       -- GB/T 2260 code; NULL for zones without one
    level         TEXT COLLATE "C" NOT NULL CHECK (level IN ('country', 'province', 'prefecture', 'county', 'other')),
    parent_id     BIGINT REFERENCES regions (id)
);
CREATE UNIQUE INDEX regions_code ON regions (code);
CREATE INDEX regions_name ON regions (name);
CREATE INDEX regions_official_name ON regions (official_name);
CREATE INDEX regions_parent ON regions (parent_id);

CREATE TABLE region_aliases (
    alias     TEXT COLLATE "C" NOT NULL,
    region_id BIGINT NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    PRIMARY KEY (alias, region_id)
);

CREATE TABLE indicators (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT COLLATE "C" NOT NULL UNIQUE,
    unit         TEXT COLLATE "C" NOT NULL,               -- the usual unit ('' when dimensionless)
    desirability TEXT COLLATE "C" NOT NULL CHECK (desirability IN ('up', 'down', 'none')),
    category     TEXT COLLATE "C" NOT NULL CHECK (category IN ('energy', 'environment', 'buildings', 'transport',
                     'industry', 'water', 'waste', 'economy', 'innovation', 'culture', 'other')),
    description  TEXT COLLATE "C" NOT NULL DEFAULT ''
);

-- An alias names exactly one indicator.
CREATE TABLE indicator_aliases (
    alias        TEXT COLLATE "C" PRIMARY KEY,
    indicator_id BIGINT NOT NULL REFERENCES indicators (id) ON DELETE CASCADE
);
CREATE INDEX indicator_aliases_indicator ON indicator_aliases (indicator_id);

CREATE TABLE documents (
    id         BIGSERIAL PRIMARY KEY,
    sha256     TEXT COLLATE "C" NOT NULL UNIQUE,          -- of the original bytes, lowercase hex
    title      TEXT COLLATE "C" NOT NULL DEFAULT '',
    kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('plan', 'news', 'bulletin', 'web', 'other')),
    doc_date   TEXT COLLATE "C",                          -- YYYY-MM-DD
    source_url TEXT COLLATE "C" NOT NULL DEFAULT '',
    name       TEXT COLLATE "C" NOT NULL DEFAULT '',      -- the id facts use (`doc` field: the file stem)
    byte_len   BIGINT NOT NULL,
    body       TEXT COLLATE "C" NOT NULL,                 -- the decoded text
    added_at   TEXT COLLATE "C" NOT NULL,
    added_by   TEXT COLLATE "C" NOT NULL
);

CREATE TABLE plans (
    id            BIGSERIAL PRIMARY KEY,
    title         TEXT COLLATE "C" NOT NULL,
    issuer        TEXT COLLATE "C" NOT NULL DEFAULT '',
    region_id     BIGINT NOT NULL REFERENCES regions (id),
    period_start  INTEGER,
    period_end    INTEGER,
    baseline_year INTEGER,
    document_id   BIGINT REFERENCES documents (id),
    created_at    TEXT COLLATE "C" NOT NULL,
    created_by    TEXT COLLATE "C" NOT NULL,
    UNIQUE (title, region_id)
);

CREATE TABLE targets (
    id             BIGSERIAL PRIMARY KEY,
    plan_id        BIGINT REFERENCES plans (id),
    indicator_id   BIGINT NOT NULL REFERENCES indicators (id),
    region_id      BIGINT NOT NULL REFERENCES regions (id),
    indicator_text TEXT COLLATE "C" NOT NULL DEFAULT '',  -- the indicator as worded in the source
    measure        TEXT COLLATE "C" NOT NULL CHECK (measure IN ('level', 'change', 'increment')),
    direction      TEXT COLLATE "C" CHECK (direction IN ('up', 'down')),
    bound          TEXT COLLATE "C" NOT NULL CHECK (bound IN ('=', '>=', '<=', '~')),
    value          DOUBLE PRECISION NOT NULL,
    value_max      DOUBLE PRECISION,
    unit           TEXT COLLATE "C" NOT NULL,
    year           INTEGER NOT NULL,
    baseline_year  INTEGER,
    aspiration     INTEGER NOT NULL DEFAULT 0 CHECK (aspiration IN (0, 1)),
    binding        TEXT COLLATE "C" NOT NULL CHECK (binding IN ('binding', 'expected', 'unspecified')),
    source_document_id BIGINT REFERENCES documents (id),
    span_start     BIGINT,
    span_end       BIGINT,
    source_url     TEXT COLLATE "C" NOT NULL DEFAULT '',
    quote          TEXT COLLATE "C" NOT NULL DEFAULT '',
    note           TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at     TEXT COLLATE "C" NOT NULL,
    created_by     TEXT COLLATE "C" NOT NULL,
    updated_at     TEXT COLLATE "C" NOT NULL,
    updated_by     TEXT COLLATE "C" NOT NULL
);
CREATE INDEX targets_region_indicator ON targets (region_id, indicator_id);
CREATE INDEX targets_plan ON targets (plan_id);

CREATE TABLE target_departments (
    target_id  BIGINT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    role       TEXT COLLATE "C" NOT NULL CHECK (role IN ('lead', 'cooperating')),
    position   INTEGER NOT NULL,
    department TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (target_id, role, position)
);
CREATE INDEX target_departments_department ON target_departments (department);

-- One run of `import_observations` (or one observation entered alone: a batch of one is
-- not recorded here; its audit entry says who and when).
CREATE TABLE imports (
    id         BIGSERIAL PRIMARY KEY,
    actor      TEXT COLLATE "C" NOT NULL,
    at         TEXT COLLATE "C" NOT NULL,
    row_count  BIGINT NOT NULL,
    inserted   BIGINT NOT NULL,
    revised    BIGINT NOT NULL,
    unchanged  BIGINT NOT NULL
);

-- Every revision of every observation. The logical key is
-- (region, indicator, year, period, measure, baseline_year, note): a correction is a new
-- row with the same key, `revision` one higher and `supersedes` pointing at the row it
-- replaces, which then gets `is_current = 0`. Rows are never deleted.
CREATE TABLE observations (
    id             BIGSERIAL PRIMARY KEY,
    region_id      BIGINT NOT NULL REFERENCES regions (id),
    indicator_id   BIGINT NOT NULL REFERENCES indicators (id),
    indicator_text TEXT COLLATE "C" NOT NULL DEFAULT '',
    year           INTEGER NOT NULL,
    period         TEXT COLLATE "C" NOT NULL DEFAULT '',  -- '' = the whole year
    measure        TEXT COLLATE "C" NOT NULL CHECK (measure IN ('level', 'change', 'increment')),
    baseline_year  INTEGER,
    note           TEXT COLLATE "C" NOT NULL DEFAULT '',  -- qualifier such as the accounting basis
    value          DOUBLE PRECISION NOT NULL,
    unit           TEXT COLLATE "C" NOT NULL,
    source_document_id BIGINT REFERENCES documents (id),
    span_start     BIGINT,
    span_end       BIGINT,
    source_url     TEXT COLLATE "C" NOT NULL DEFAULT '',
    quote          TEXT COLLATE "C" NOT NULL DEFAULT '',
    reporter       TEXT COLLATE "C" NOT NULL,
    recorded_at    TEXT COLLATE "C" NOT NULL,
    import_id      BIGINT REFERENCES imports (id),
    revision       INTEGER NOT NULL,
    supersedes     BIGINT REFERENCES observations (id),
    is_current     INTEGER NOT NULL CHECK (is_current IN (0, 1))
);
CREATE UNIQUE INDEX observations_current_key ON observations
    (region_id, indicator_id, year, period, measure, (COALESCE(baseline_year, -1)), note)
    WHERE is_current = 1;
-- The current-key index above also serves lookups by region and indicator; history is
-- walked through `supersedes`, indexed only where set (corrections are few).
CREATE INDEX observations_supersedes ON observations (supersedes) WHERE supersedes IS NOT NULL;

-- Facts found by the extractor, waiting for (or past) review.
CREATE TABLE facts (
    id            BIGSERIAL PRIMARY KEY,
    document_id   BIGINT NOT NULL REFERENCES documents (id),
    doc           TEXT COLLATE "C" NOT NULL,                          -- the fact's `doc` field as extracted
    article       BIGINT NOT NULL,
    kind          TEXT COLLATE "C" NOT NULL CHECK (kind IN ('target', 'actual')),
    scope         TEXT COLLATE "C" NOT NULL,
    indicator     TEXT COLLATE "C" NOT NULL,
    year          INTEGER,
    period        TEXT COLLATE "C",
    baseline_year INTEGER,
    measure       TEXT COLLATE "C" NOT NULL CHECK (measure IN ('level', 'change', 'increment')),
    direction     TEXT COLLATE "C" CHECK (direction IN ('up', 'down')),
    bound         TEXT COLLATE "C" NOT NULL CHECK (bound IN ('=', '>=', '<=', '~')),
    value         DOUBLE PRECISION NOT NULL,
    value_max     DOUBLE PRECISION,
    unit          TEXT COLLATE "C" NOT NULL,
    quote         TEXT COLLATE "C" NOT NULL,
    span_start    BIGINT NOT NULL,
    span_end      BIGINT NOT NULL,
    region_id     BIGINT REFERENCES regions (id),       -- the scope, when matched
    indicator_id  BIGINT REFERENCES indicators (id),    -- the indicator, when matched
    review        TEXT COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'accepted', 'rejected')),
    reviewed_by   TEXT COLLATE "C",
    reviewed_at   TEXT COLLATE "C",
    review_note   TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_id      BIGINT REFERENCES targets (id),      -- what an accepted target fact became
    observation_id BIGINT REFERENCES observations (id), -- what an accepted actual fact became
    created_at    TEXT COLLATE "C" NOT NULL,
    created_by    TEXT COLLATE "C" NOT NULL
);
CREATE INDEX facts_document ON facts (document_id);
CREATE INDEX facts_review ON facts (review);

-- Append-only: who did what to which row, with the row before and after as JSON.
-- Accounts, sessions and API tokens (issue 7) come in a later migration; `actor` is the
-- account name then.
CREATE TABLE audit (
    id        BIGSERIAL PRIMARY KEY,
    at        TEXT COLLATE "C" NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    action    TEXT COLLATE "C" NOT NULL,
    entity    TEXT COLLATE "C" NOT NULL,
    entity_id BIGINT,
    before_json TEXT COLLATE "C",
    after_json  TEXT COLLATE "C"
);
CREATE INDEX audit_entity ON audit (entity, entity_id);

-- Serializes writers: every write transaction of pledge starts with
-- `LOCK TABLE pledge_writer IN EXCLUSIVE MODE`, so check-then-write logic never races
-- another writer (the one-writer-at-a-time model of SQLite); readers are not blocked.
CREATE TABLE pledge_writer (
    id INTEGER PRIMARY KEY
);

-- One function raises the message its trigger passes (TG_ARGV[0]). `EXECUTE PROCEDURE` is
-- the spelling older and compatible servers accept too.
CREATE FUNCTION pledge_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE PROCEDURE pledge_refuse('the audit log is append-only');
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE PROCEDURE pledge_refuse('the audit log is append-only');
CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations
    FOR EACH ROW EXECUTE PROCEDURE pledge_refuse('observations are never deleted; record a correction instead');
CREATE TRIGGER observations_no_truncate BEFORE TRUNCATE ON observations
    FOR EACH STATEMENT EXECUTE PROCEDURE pledge_refuse('observations are never deleted; record a correction instead');
