//! Observations and their revisions.

use std::collections::{HashMap, HashSet};

use pledge_model::{Measure, Observation};

use super::write_audit;
use crate::codes::{self, plausible_year};
use crate::sql::{Db, P, Row, p};
use crate::{
    ImportSummary, IndicatorId, NewObservation, ObservationFilter, ObservationId, ObservationKey, ObservationPage,
    ObservationRecord, PageRequest, Recorded, RegionId, Result, RowError, Source, StoreError,
};

/// How often an import reports progress, in rows.
const PROGRESS_EVERY: usize = 10_000;

/// The query [`row`] reads.
const SELECT: &str = "SELECT o.id, o.region_id, r.name, o.indicator_id, i.name, o.indicator_text, o.year, \
     o.period, o.value, o.unit, o.measure, o.baseline_year, o.note, o.source_document_id, o.span_start, \
     o.span_end, o.source_url, o.quote, o.reporter, o.recorded_at, o.import_id, o.revision, o.supersedes, \
     o.is_current FROM observations o JOIN regions r ON r.id = o.region_id \
     JOIN indicators i ON i.id = o.indicator_id";

/// Reads an observation row.
fn row(r: &Row) -> Result<ObservationRecord> {
    let period = r.text(7)?;
    Ok(ObservationRecord {
        id: r.i64(0)?,
        region: r.i64(1)?,
        region_name: r.text(2)?,
        indicator: r.i64(3)?,
        indicator_name: r.text(4)?,
        indicator_text: r.text(5)?,
        observation: Observation {
            year: r.i32(6)?,
            period: (!period.is_empty()).then_some(period),
            value: r.f64(8)?,
            unit: r.text(9)?,
            measure: r.code(10, "measure", codes::parse_measure)?,
            baseline_year: r.opt_i32(11)?,
        },
        note: r.text(12)?,
        source: Source {
            document: r.opt_i64(13)?,
            span: r.span(14)?,
            url: r.text(16)?,
            quote: r.text(17)?,
        },
        reporter: r.text(18)?,
        recorded_at: r.text(19)?,
        import: r.opt_i64(20)?,
        revision: u32::try_from(r.i64(21)?).unwrap_or_default(),
        supersedes: r.opt_i64(22)?,
        current: r.flag(23)?,
    })
}

/// The revision with this id.
pub(crate) fn get(c: &mut dyn Db, id: ObservationId) -> Result<Option<ObservationRecord>> {
    c.query_opt("reading an observation", &format!("{SELECT} WHERE o.id = ?1"), p![id])?
        .as_ref()
        .map(row)
        .transpose()
}

/// The observations a filter selects.
pub(crate) fn list(c: &mut dyn Db, f: &ObservationFilter) -> Result<Vec<ObservationRecord>> {
    // The literal `is_current = 1` lets the planner use the partial index on current rows.
    let current = if f.include_history { "" } else { "AND o.is_current = 1" };
    c.query(
        "listing observations",
        &format!(
            "{SELECT} WHERE (CAST(?1 AS BIGINT) IS NULL OR o.region_id = ?1) \
             AND (CAST(?2 AS BIGINT) IS NULL OR o.indicator_id = ?2) \
             AND (CAST(?3 AS INTEGER) IS NULL OR o.year = ?3) {current} \
             ORDER BY o.region_id, o.indicator_id, o.year, o.period, o.measure, COALESCE(o.baseline_year, -1), o.note, o.revision"
        ),
        p![f.region, f.indicator, f.year],
    )?
    .iter()
    .map(row)
    .collect()
}

/// The figures of the current observations of one region and indicator, in the order of
/// [`list`]: the six columns an assessment reads, without joins.
pub(crate) fn figures(c: &mut dyn Db, region: RegionId, indicator: IndicatorId) -> Result<Vec<Observation>> {
    c.query(
        "reading figures",
        "SELECT year, period, value, unit, measure, baseline_year FROM observations \
         WHERE region_id = ?1 AND indicator_id = ?2 AND is_current = 1 \
         ORDER BY year, period, measure, COALESCE(baseline_year, -1), note, revision",
        p![region, indicator],
    )?
    .iter()
    .map(|r| {
        let period = r.text(1)?;
        Ok(Observation {
            year: r.i32(0)?,
            period: (!period.is_empty()).then_some(period),
            value: r.f64(2)?,
            unit: r.text(3)?,
            measure: r.code(4, "measure", codes::parse_measure)?,
            baseline_year: r.opt_i32(5)?,
        })
    })
    .collect()
}

/// One page of the observations a filter selects, newest first, with their count.
pub(crate) fn page(c: &mut dyn Db, f: &ObservationFilter, page: PageRequest) -> Result<ObservationPage> {
    let current = if f.include_history { "" } else { "AND o.is_current = 1" };
    let filter = format!(
        "WHERE (CAST(?1 AS BIGINT) IS NULL OR o.region_id = ?1) \
         AND (CAST(?2 AS BIGINT) IS NULL OR o.indicator_id = ?2) \
         AND (CAST(?3 AS INTEGER) IS NULL OR o.year = ?3) {current}"
    );
    let total = c
        .query_opt(
            "counting observations",
            &format!("SELECT COUNT(*) FROM observations o {filter}"),
            p![f.region, f.indicator, f.year],
        )?
        .map(|r| r.i64(0))
        .transpose()?
        .unwrap_or(0);
    let limit = i64::from(page.per_page.max(1));
    let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
    let rows = c
        .query(
            "listing observations",
            &format!(
                "{SELECT} {filter} ORDER BY o.year DESC, o.period DESC, o.measure, COALESCE(o.baseline_year, -1), \
                 o.note, o.id DESC LIMIT ?4 OFFSET ?5"
            ),
            p![f.region, f.indicator, f.year, limit, offset],
        )?
        .iter()
        .map(row)
        .collect::<Result<Vec<_>>>()?;
    Ok(ObservationPage {
        total: u64::try_from(total).unwrap_or(0),
        rows,
    })
}

/// Every revision of the series `id` belongs to, oldest first: back through `supersedes`
/// to the first revision, then forward through the rows superseding each.
pub(crate) fn history(c: &mut dyn Db, id: ObservationId) -> Result<Vec<ObservationRecord>> {
    let mut at = get(c, id)?.ok_or(StoreError::NotFound {
        entity: "observation",
        id,
    })?;
    while let Some(prev) = at.supersedes {
        at = get(c, prev)?.ok_or_else(|| StoreError::Corrupt {
            what: "observations",
            message: format!("revision {} supersedes missing row {prev}", at.id),
        })?;
    }
    let mut out = vec![at];
    loop {
        let last = out.last().map(|o| o.id).unwrap_or_default();
        let next = c.query_opt(
            "reading observation history",
            &format!("{SELECT} WHERE o.supersedes = ?1"),
            p![last],
        )?;
        match next {
            Some(n) => out.push(row(&n)?),
            None => return Ok(out),
        }
    }
}

/// A row with its period and note trimmed and an empty period made `None`.
pub(crate) fn normalized(o: &NewObservation) -> NewObservation {
    let mut o = o.clone();
    o.observation.period = o
        .observation
        .period
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    o.note = o.note.trim().to_owned();
    o
}

/// The problems of one row that do not need the database.
fn check_values(i: usize, o: &NewObservation, errors: &mut Vec<RowError>) {
    let v = &o.observation;
    if !v.value.is_finite() {
        errors.push(RowError::new(i, "value", format!("{} is not a finite number", v.value)));
    }
    if !plausible_year(v.year) {
        errors.push(RowError::new(i, "year", format!("{} is not a plausible year", v.year)));
    }
    match (v.measure, v.baseline_year) {
        (Measure::Change | Measure::Increment, None) => errors.push(RowError::new(
            i,
            "baseline_year",
            format!("a {} needs the year it counts from", codes::measure(v.measure)),
        )),
        (_, Some(b)) if !plausible_year(b) => errors.push(RowError::new(
            i,
            "baseline_year",
            format!("{b} is not a plausible year"),
        )),
        (_, Some(b)) if b > v.year => errors.push(RowError::new(
            i,
            "baseline_year",
            format!("baseline year {b} is after the year {}", v.year),
        )),
        _ => {}
    }
    if let Some([a, b]) = o.source.span {
        if a > b {
            errors.push(RowError::new(i, "span", "the span ends before it starts"));
        }
    }
    if let Err(message) = Source::check_url(&o.source.url) {
        errors.push(RowError::new(i, "source_url", message));
    }
}

/// The current revision of a series, with what decides whether a new row changes it.
pub(crate) struct Current {
    /// Its id.
    pub(crate) id: ObservationId,
    /// Its value.
    pub(crate) value: f64,
    /// Its unit.
    pub(crate) unit: String,
    /// Where it was read.
    pub(crate) source: Source,
    /// Its revision number.
    revision: i64,
}

/// Finds the current revision of the series of `o` (already normalized).
pub(crate) fn current(c: &mut dyn Db, o: &NewObservation) -> Result<Option<Current>> {
    let v = &o.observation;
    let found = c.query_opt(
        "looking up the current observation",
        &format!(
            "SELECT {CURRENT_COLUMNS} FROM observations WHERE region_id = ?1 AND indicator_id = ?2 AND year = ?3 AND period = ?4 \
             AND measure = ?5 AND COALESCE(baseline_year, -1) = COALESCE(?6, -1) AND note = ?7 AND is_current = 1"
        ),
        p![
            o.region,
            o.indicator,
            v.year,
            v.period.as_deref().unwrap_or(""),
            codes::measure(v.measure),
            v.baseline_year,
            &o.note
        ],
    )?;
    found.as_ref().map(current_of).transpose()
}

/// The columns a lookup of current revisions reads first, in the order of [`current_of`].
const CURRENT_COLUMNS: &str = "id, value, unit, source_document_id, span_start, span_end, source_url, quote, revision";

/// A current revision read from the first nine columns of a lookup ([`CURRENT_COLUMNS`]).
fn current_of(r: &Row) -> Result<Current> {
    Ok(Current {
        id: r.i64(0)?,
        value: r.f64(1)?,
        unit: r.text(2)?,
        source: Source {
            document: r.opt_i64(3)?,
            span: r.span(4)?,
            url: r.text(6)?,
            quote: r.text(7)?,
        },
        revision: r.i64(8)?,
    })
}

/// How many new rows one INSERT of an import carries: [`ROW_PARAMS`] each after the
/// [`SHARED_PARAMS`], far below SQLite's 32,766 and PostgreSQL's 65,535.
const INSERT_BATCH: usize = 256;

/// The current revisions of every series of the (region, indicator) pairs `rows` name,
/// by key: one query per pair instead of one per row.
fn currents(c: &mut dyn Db, rows: &[NewObservation]) -> Result<HashMap<ObservationKey, Current>> {
    let pairs: HashSet<(RegionId, IndicatorId)> = rows.iter().map(|o| (o.region, o.indicator)).collect();
    let mut out = HashMap::new();
    for (region, indicator) in pairs {
        let found = c.query(
            "looking up the current observations",
            &format!(
                "SELECT {CURRENT_COLUMNS}, year, period, measure, baseline_year, note \
                 FROM observations WHERE region_id = ?1 AND indicator_id = ?2 AND is_current = 1"
            ),
            p![region, indicator],
        )?;
        for r in &found {
            let key = ObservationKey {
                region,
                indicator,
                year: r.i32(9)?,
                period: r.text(10)?,
                measure: r.code(11, "measure", codes::parse_measure)?,
                baseline_year: r.opt_i32(12)?,
                note: r.text(13)?,
            };
            out.insert(key, current_of(r)?);
        }
    }
    Ok(out)
}

/// Writes the first revisions of new series, in order: by the backend's bulk path
/// ([`Db::copy_rows`], PostgreSQL's COPY) where it has one, else [`INSERT_BATCH`] to a
/// statement.
fn insert_new(c: &mut dyn Db, rows: &[&NewObservation], actor: &str, now: &str, import: i64) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let shared = [
        P::from(actor),
        P::from(now),
        P::from(import),
        P::from(1_i64),
        P::Null,
        P::from(1_i64),
    ];
    let mut copied = rows.iter().map(|o| {
        let mut values = Vec::with_capacity(ROW_PARAMS + shared.len());
        values.extend_from_slice(&row_params(o));
        values.extend_from_slice(&shared);
        values
    });
    if c.copy_rows("inserting observations", "observations", &COLUMNS, &mut copied)? {
        return Ok(());
    }
    // A full batch's statement is built once.
    static FULL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    for batch in rows.chunks(INSERT_BATCH) {
        let sql = if batch.len() == INSERT_BATCH {
            FULL.get_or_init(|| batch_sql(INSERT_BATCH)).as_str()
        } else {
            &batch_sql(batch.len())
        };
        let mut params = Vec::with_capacity(SHARED_PARAMS + batch.len() * ROW_PARAMS);
        params.extend_from_slice(&[P::from(actor), P::from(now), P::from(import)]);
        for o in batch {
            params.extend_from_slice(&row_params(o));
        }
        c.exec("inserting observations", sql, &params)?;
    }
    Ok(())
}

/// The columns of an inserted revision, in order: the [`ROW_PARAMS`] of [`row_params`],
/// then reporter, time, import, revision, supersedes and `is_current`.
const COLUMNS: [&str; 21] = [
    "region_id",
    "indicator_id",
    "indicator_text",
    "year",
    "period",
    "measure",
    "baseline_year",
    "note",
    "value",
    "unit",
    "source_document_id",
    "span_start",
    "span_end",
    "source_url",
    "quote",
    "reporter",
    "recorded_at",
    "import_id",
    "revision",
    "supersedes",
    "is_current",
];

/// The parameters every row of an import's INSERT shares, bound once a statement: the
/// reporter, the time and the import run (a first revision supersedes nothing).
const SHARED_PARAMS: usize = 3;

/// The parameters of one row ([`row_params`]).
const ROW_PARAMS: usize = 15;

/// The INSERT of `n` first revisions of an import: [`SHARED_PARAMS`] bound once, then
/// [`ROW_PARAMS`] a row (binding the same reporter and time a million times over cost
/// two copied strings a row).
fn batch_sql(n: usize) -> String {
    let mut sql = insert_head();
    for k in 0..n {
        let marks: Vec<String> = (1..=ROW_PARAMS)
            .map(|j| format!("?{}", SHARED_PARAMS + k * ROW_PARAMS + j))
            .collect();
        if k > 0 {
            sql.push(',');
        }
        sql.push_str(&format!("({}, ?1, ?2, ?3, 1, NULL, 1)", marks.join(", ")));
    }
    sql
}

/// `INSERT INTO observations (` the [`COLUMNS`] `) VALUES `.
fn insert_head() -> String {
    format!("INSERT INTO observations ({}) VALUES ", COLUMNS.join(", "))
}

/// Inserts one revision.
fn insert(
    c: &mut dyn Db,
    o: &NewObservation,
    actor: &str,
    now: &str,
    import: Option<i64>,
    revision: i64,
    supersedes: Option<ObservationId>,
) -> Result<ObservationId> {
    static ONE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = ONE.get_or_init(|| {
        let marks: Vec<String> = (1..=ROW_PARAMS + 5).map(|j| format!("?{j}")).collect();
        format!("{}({}, 1) RETURNING id", insert_head(), marks.join(", "))
    });
    let mut params = Vec::with_capacity(ROW_PARAMS + 5);
    params.extend_from_slice(&row_params(o));
    params.extend_from_slice(&[
        P::from(actor),
        P::from(now),
        P::from(import),
        P::from(revision),
        P::from(supersedes),
    ]);
    c.insert("inserting an observation", sql, &params)
}

/// The parameters of a row that differ from row to row, in the column order of
/// [`COLUMNS`].
fn row_params(o: &NewObservation) -> [P<'_>; ROW_PARAMS] {
    let v = &o.observation;
    [
        P::from(o.region),
        P::from(o.indicator),
        P::from(&o.indicator_text),
        P::from(v.year),
        P::from(v.period.as_deref().unwrap_or("")),
        P::from(codes::measure(v.measure)),
        P::from(v.baseline_year),
        P::from(&o.note),
        P::from(v.value),
        P::from(&v.unit),
        P::from(o.source.document),
        P::from(o.source.span.map(|s| s[0])),
        P::from(o.source.span.map(|s| s[1])),
        P::from(&o.source.url),
        P::from(&o.source.quote),
    ]
}

/// Records one normalized, validated row: insert, revise or nothing. New series are
/// audited only when `audit_inserts` (an import audits itself as a whole); revisions are
/// always audited with the row before and after.
fn record(
    c: &mut dyn Db,
    o: &NewObservation,
    actor: &str,
    now: &str,
    import: Option<i64>,
    audit_inserts: bool,
) -> Result<Recorded> {
    match current(c, o)? {
        Some(cur) if unchanged(&cur, o) => Ok(Recorded::Unchanged(cur.id)),
        Some(cur) => revise(c, o, &cur, actor, now, import),
        None => {
            let id = insert(c, o, actor, now, import, 1, None)?;
            if audit_inserts {
                let after = get(c, id)?;
                write_audit(c, actor, "insert", "observations", Some(id), None, Some(&after))?;
            }
            Ok(Recorded::Inserted(id))
        }
    }
}

/// Whether `o` says what the current revision `cur` of its series says already.
fn unchanged(cur: &Current, o: &NewObservation) -> bool {
    cur.value == o.observation.value && cur.unit == o.observation.unit && cur.source == o.source
}

/// Supersedes `cur` by a new revision holding `o`, audited with both.
fn revise(
    c: &mut dyn Db,
    o: &NewObservation,
    cur: &Current,
    actor: &str,
    now: &str,
    import: Option<i64>,
) -> Result<Recorded> {
    c.exec(
        "superseding an observation",
        "UPDATE observations SET is_current = 0 WHERE id = ?1",
        p![cur.id],
    )?;
    let id = insert(c, o, actor, now, import, cur.revision + 1, Some(cur.id))?;
    let before = get(c, cur.id)?;
    let after = get(c, id)?;
    write_audit(
        c,
        actor,
        "revise",
        "observations",
        Some(id),
        Some(&before),
        Some(&after),
    )?;
    Ok(Recorded::Revised { id, supersedes: cur.id })
}

/// Checks that the region and indicator of a row exist.
fn check_refs(c: &mut dyn Db, i: usize, o: &NewObservation, errors: &mut Vec<RowError>) -> Result<()> {
    let mut exists = |table: &str, id: i64| -> Result<bool> {
        c.exists(
            "checking references",
            &format!("SELECT 1 FROM {table} WHERE id = ?1"),
            p![id],
        )
    };
    if !exists("regions", o.region)? {
        errors.push(RowError::new(i, "region", format!("no region with id {}", o.region)));
    }
    if !exists("indicators", o.indicator)? {
        errors.push(RowError::new(
            i,
            "indicator",
            format!("no indicator with id {}", o.indicator),
        ));
    }
    if let Some(d) = o.source.document {
        if !exists("documents", d)? {
            errors.push(RowError::new(i, "source", format!("no document with id {d}")));
        }
    }
    Ok(())
}

/// Records one observation on its own (audited as such).
pub(crate) fn record_alone(c: &mut dyn Db, o: &NewObservation, actor: &str) -> Result<Recorded> {
    let o = normalized(o);
    let mut errors = Vec::new();
    check_values(0, &o, &mut errors);
    check_refs(c, 0, &o, &mut errors)?;
    if let Some(e) = errors.into_iter().next() {
        return Err(StoreError::Invalid(format!("{}: {}", e.field, e.message)));
    }
    record(c, &o, actor, &crate::time::now(), None, true)
}

/// Imports rows all-or-nothing; see [`crate::Store::import_observations_with_progress`].
pub(crate) fn import(
    c: &mut dyn Db,
    rows: &[NewObservation],
    actor: &str,
    progress: &dyn Fn(usize),
) -> Result<ImportSummary> {
    let rows: Vec<NewObservation> = rows.iter().map(normalized).collect();
    let mut ids =
        |sql: &str| -> Result<HashSet<i64>> { c.query("reading ids", sql, p![])?.iter().map(|r| r.i64(0)).collect() };
    let regions = ids("SELECT id FROM regions")?;
    let indicators = ids("SELECT id FROM indicators")?;
    let mut documents: HashMap<i64, bool> = HashMap::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<ObservationKey, usize> = HashMap::with_capacity(rows.len());
    for (i, o) in rows.iter().enumerate() {
        check_values(i, o, &mut errors);
        if !regions.contains(&o.region) {
            errors.push(RowError::new(i, "region", format!("no region with id {}", o.region)));
        }
        if !indicators.contains(&o.indicator) {
            errors.push(RowError::new(
                i,
                "indicator",
                format!("no indicator with id {}", o.indicator),
            ));
        }
        if let Some(d) = o.source.document {
            let known = match documents.get(&d) {
                Some(k) => *k,
                None => {
                    let k = c.exists("checking references", "SELECT 1 FROM documents WHERE id = ?1", p![d])?;
                    documents.insert(d, k);
                    k
                }
            };
            if !known {
                errors.push(RowError::new(i, "source", format!("no document with id {d}")));
            }
        }
        if let Some(first) = seen.insert(o.key(), i) {
            errors.push(RowError::new(
                i,
                "key",
                format!(
                    "duplicate of row {first}: same region, indicator, year, period, measure, baseline year and note"
                ),
            ));
        }
    }
    drop(seen);
    if !errors.is_empty() {
        return Err(StoreError::Import(errors));
    }
    let now = crate::time::now();
    let import = c.insert(
        "recording an import",
        "INSERT INTO imports (actor, at, row_count, inserted, revised, unchanged) VALUES (?1, ?2, ?3, 0, 0, 0) \
         RETURNING id",
        p![actor, now.as_str(), rows.len()],
    )?;
    let mut summary = ImportSummary {
        import: Some(import),
        rows: rows.len(),
        ..ImportSummary::default()
    };
    // The series the rows belong to, read a (region, indicator) pair at a time, and the
    // new rows written many to a statement: one lookup and one insert per row made a
    // million-row import four times slower than the sqlite3 shell's.
    let currents = currents(c, &rows)?;

    let mut fresh: Vec<&NewObservation> = Vec::with_capacity(PROGRESS_EVERY);
    for (i, o) in rows.iter().enumerate() {
        match currents.get(&o.key()) {
            Some(cur) if unchanged(cur, o) => summary.unchanged += 1,
            Some(cur) => {
                // Rows keep their order in the ids: what waits is written first.
                insert_new(c, &fresh, actor, &now, import)?;
                fresh.clear();
                revise(c, o, cur, actor, &now, Some(import))?;
                summary.revised += 1;
            }
            None => {
                fresh.push(o);
                summary.inserted += 1;
                // Written as they come, so that progress reports what was written.
                if fresh.len() == PROGRESS_EVERY {
                    insert_new(c, &fresh, actor, &now, import)?;
                    fresh.clear();
                }
            }
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(i + 1);
        }
    }
    insert_new(c, &fresh, actor, &now, import)?;
    c.exec(
        "recording an import",
        "UPDATE imports SET inserted = ?1, revised = ?2, unchanged = ?3 WHERE id = ?4",
        p![summary.inserted, summary.revised, summary.unchanged, import],
    )?;
    write_audit(c, actor, "import", "imports", Some(import), None, Some(&summary))?;
    progress(rows.len());
    Ok(summary)
}
