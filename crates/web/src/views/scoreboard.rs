//! The scoreboard: every target assessed, with the fields the table, the filters, the
//! summary bar and the JSON API show, worst first.

use std::collections::HashMap;

use pledge_assess::{Assessment, Gap, Light, NdrcLevel, Options as AssessOptions, Status, TargetInput};
use pledge_model::Observation;
use pledge_store::{Indicator, Store, StoreError, TargetFilter, TargetRecord};
use serde::{Deserialize, Serialize};

use crate::chart::Point;

/// One scoreboard row: a target, what it is about, and its assessment.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRow {
    /// The target's id (`/targets/{id}`).
    pub id: i64,
    /// The indicator's library name.
    pub indicator: String,
    /// The indicator as worded in the source.
    pub indicator_text: String,
    /// The indicator's category code (`energy`…).
    pub category: String,
    /// The region's name.
    pub region: String,
    /// The region's id.
    pub region_id: i64,
    /// The plan's id.
    pub plan_id: Option<i64>,
    /// The plan's title.
    pub plan: Option<String>,
    /// The target year.
    pub year: i32,
    /// The stated target value (`下降13.5%` → 13.5), in `unit`.
    pub target: f64,
    /// The upper end of a stated range.
    pub target_max: Option<f64>,
    /// The unit of the stated value.
    pub unit: String,
    /// `level`, `change` or `increment`.
    pub measure: pledge_model::Measure,
    /// `up`/`down` for a change.
    pub direction: Option<pledge_model::Direction>,
    /// `=`, `>=`, `<=`, `~`.
    pub bound: pledge_model::Bound,
    /// The target's baseline year as stated.
    pub baseline_year: Option<i32>,
    /// Binding (约束性), expected (预期性) or unspecified.
    pub binding: pledge_store::Binding,
    /// Lead departments (牵头单位).
    pub lead_departments: Vec<String>,
    /// Cooperating departments.
    pub cooperating_departments: Vec<String>,
    /// Where the target was read.
    pub source: pledge_store::Source,
    /// The status (`assess-io.md`); `NOT_ASSESSABLE` when the inputs were refused.
    pub status: Status,
    /// The light.
    pub light: Light,
    /// The status in words.
    pub status_label: Labels,
    /// Why the engine refused the inputs (an unconvertible unit…), if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The whole-year values on the assessment's scale, oldest first (the sparkline).
    pub series: Vec<[f64; 2]>,
    /// The row's figures as people read them (`≤42μg/m³`, `84.6亿元 (2022)`, `81%`).
    pub display: RowDisplay,
    /// Every field of the assessment, as `pledge assess --input` prints it (its `unit`
    /// as `scale_unit`).
    #[serde(flatten)]
    pub assessment_json: serde_json::Map<String, serde_json::Value>,
    /// The assessment itself (for the pages).
    #[serde(skip)]
    pub assessment: Option<Assessment>,
    /// The values behind the series, typed.
    #[serde(skip)]
    pub points: Vec<Point>,
}

/// A row's figures written for people by `pledge_model::display`, the same text the
/// dashboard and the exports show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RowDisplay {
    /// The target with its bound: `≤42μg/m³`, `较2020年下降13.5%`, `新增≥4000万平方米`.
    pub target: String,
    /// The base: `40.5μg/m³ (2020)`, `— (2020)` for an origin no source gave, `—`.
    pub base: String,
    /// The latest whole-year figure: `84.6亿元 (2022)`, `—`.
    pub latest: String,
    /// Completion as a percentage: `81%`, `—`.
    pub completion: String,
    /// The unit the figures are shown in: `μg/m³`, `%` for a change index.
    pub unit: String,
}

/// A label in both languages.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// The counts of the summary bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// All rows shown.
    pub total: usize,
    /// ON_TRACK.
    pub on_track: usize,
    /// NEEDS_ACCELERATION, LAGGING, DETERIORATING, MISSED, OVERDUE.
    pub behind: usize,
    /// ACHIEVED.
    pub achieved: usize,
    /// INSUFFICIENT_DATA, NOT_ASSESSABLE.
    pub no_data: usize,
    /// OVERDUE (逾期未报; also counted in `behind`).
    pub overdue: usize,
    /// No verdict, no whole-year figure at all (从未报送).
    pub never_reported: usize,
    /// No verdict, a single whole-year figure (仅一个数据点).
    pub one_point: usize,
    /// No verdict, no figure after the base due yet (尚未到报送期).
    pub not_yet_due: usize,
    /// Verdicts resting on stale figures (数据过时, never green).
    pub stale: usize,
}

/// The filters of the scoreboard (query parameters of `/` and `/api/scoreboard`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ScoreQuery {
    /// A category code (`energy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// A status (`ON_TRACK`) or a group (`on_track`, `behind`, `achieved`, `no_data`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// A region's name or id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Part of a lead or cooperating department's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// A plan id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// A named gap (`overdue`, `never_reported`, `one_point`, `not_yet_due`), or `stale`
    /// for verdicts on stale figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<String>,
    /// A 预警 level: `一级`, `二级`, `三级` (or `1`, `2`, `3`), or `none` for targets
    /// without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ndrc: Option<String>,
}

/// The 预警 levels a `?ndrc=` names: `Some(level)`, `Some(None)` for `none`, `None` when
/// the text names no level.
pub fn parse_ndrc(text: &str) -> Option<Option<NdrcLevel>> {
    match text.trim() {
        "一级" | "1" | "level1" => Some(Some(NdrcLevel::Level1)),
        "二级" | "2" | "level2" => Some(Some(NdrcLevel::Level2)),
        "三级" | "3" | "level3" => Some(Some(NdrcLevel::Level3)),
        t if t.eq_ignore_ascii_case("none") => Some(None),
        _ => None,
    }
}

impl ScoreQuery {
    /// Refuses a `status` or `gap` that names nothing (a typo would otherwise filter every
    /// row away and answer an empty board): 422 naming the field and the values it takes.
    pub fn validate(&self) -> Result<(), crate::error::ApiError> {
        let set = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let mut errors = Vec::new();
        if let Some(s) = set(&self.status) {
            let groups = ["on_track", "behind", "achieved", "no_data"];
            let known = groups.iter().any(|g| s.eq_ignore_ascii_case(g))
                || STATUSES.iter().any(|st| s.eq_ignore_ascii_case(st.as_str()));
            if !known {
                let mut values: Vec<&str> = groups.to_vec();
                values.extend(STATUSES.iter().map(|st| st.as_str()));
                errors.push(crate::error::FieldError {
                    field: "status".into(),
                    message: format!("unknown status {s:?}: expected one of {}", values.join(", ")),
                    row: None,
                    value: Some(s),
                });
            }
        }
        if let Some(g) = set(&self.gap) {
            let values = ["overdue", "never_reported", "one_point", "not_yet_due", "stale"];
            if !values.iter().any(|v| g.eq_ignore_ascii_case(v)) {
                errors.push(crate::error::FieldError {
                    field: "gap".into(),
                    message: format!("unknown gap {g:?}: expected one of {}", values.join(", ")),
                    row: None,
                    value: Some(g),
                });
            }
        }
        if let Some(n) = set(&self.ndrc) {
            if parse_ndrc(&n).is_none() {
                errors.push(crate::error::FieldError {
                    field: "ndrc".into(),
                    message: format!("unknown 预警 level {n:?}: expected one of 一级, 二级, 三级, none"),
                    row: None,
                    value: Some(n),
                });
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(crate::error::ApiError::unprocessable(errors))
        }
    }
}

/// The `?as_of=YYYY-MM-DD` of the pages and the API: the day to assess as of.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AsOfQuery {
    /// The day, `YYYY-MM-DD`; absent or empty = today.
    #[serde(default)]
    pub as_of: Option<String>,
}

impl AsOfQuery {
    /// The day asked for: `None` when absent or empty, an error naming the field when it
    /// is not a date.
    pub fn date(&self) -> Result<Option<pledge_assess::Date>, crate::error::ApiError> {
        parse_as_of(self.as_of.as_deref())
    }
}

/// Reads an `as_of` parameter: `None` when absent or empty, 422 naming `as_of` when it is
/// not a `YYYY-MM-DD` date.
pub fn parse_as_of(text: Option<&str>) -> Result<Option<pledge_assess::Date>, crate::error::ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => pledge_assess::Date::parse(t).map(Some).ok_or_else(|| {
            crate::error::ApiError::unprocessable(vec![crate::error::FieldError {
                field: "as_of".into(),
                message: format!("expected a date YYYY-MM-DD, got {t:?}"),
                row: None,
                value: Some(t.to_owned()),
            }])
        }),
    }
}

/// How bad a status is, for "worst first": lower sorts first.
pub fn severity(status: Status) -> u8 {
    match status {
        Status::Deteriorating => 0,
        Status::Missed => 1,
        Status::Overdue => 2,
        Status::Lagging => 3,
        Status::NeedsAcceleration => 4,
        Status::NotAssessable => 5,
        Status::InsufficientData => 6,
        Status::OnTrack => 7,
        Status::Achieved => 8,
    }
}

/// The summary group of a status: `on_track`, `behind`, `achieved` or `no_data`.
pub fn group(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "on_track",
        Status::NeedsAcceleration | Status::Lagging | Status::Deteriorating | Status::Missed | Status::Overdue => {
            "behind"
        }
        Status::Achieved => "achieved",
        Status::InsufficientData | Status::NotAssessable => "no_data",
    }
}

/// Every status, worst first.
pub const STATUSES: [Status; 9] = [
    Status::Deteriorating,
    Status::Missed,
    Status::Overdue,
    Status::Lagging,
    Status::NeedsAcceleration,
    Status::NotAssessable,
    Status::InsufficientData,
    Status::OnTrack,
    Status::Achieved,
];

/// Assesses one target with its observations.
pub fn assess_row(
    record: &TargetRecord,
    observations: &[Observation],
    indicator: Option<&Indicator>,
    options: &AssessOptions,
) -> ScoreRow {
    let desirable = indicator.and_then(|i| i.desirability);
    let input = TargetInput {
        target: record.target.clone(),
        desirable,
    };
    let result = pledge_assess::assess(&input, observations, options);
    // The figures known on the as-of day; the origin of an index or cumulative scale is
    // drawn only when a level was reported for the base year (no invented data point).
    let points: Vec<Point> = pledge_assess::goal::Goal::new(&record.target, desirable, options.tolerance)
        .ok()
        .and_then(|goal| pledge_assess::series::build_as_of(&goal, observations, options.as_of).ok())
        .map(|s| {
            let origin = s.base.filter(|_| !s.base_observed).map(|b| b.year);
            s.points
                .iter()
                .filter(|p| Some(p.year) != origin)
                .map(|p| Point::new(p.year, p.value))
                .collect()
        })
        .unwrap_or_default();
    let (status, light, error, assessment) = match result {
        Ok(a) => (a.status, a.light, None, Some(a)),
        Err(e) => (Status::NotAssessable, Light::Grey, Some(e.to_string()), None),
    };
    let assessment_json = match &assessment {
        Some(a) => match serde_json::to_value(a) {
            Ok(serde_json::Value::Object(map)) => {
                let mut map = map;
                map.remove("status");
                map.remove("light");
                // The row's `unit` is the target's stated one; the scale's goes beside it,
                // under its own key (one key once per object).
                if let Some(unit) = map.remove("unit") {
                    map.insert("scale_unit".into(), unit);
                }
                map
            }
            _ => serde_json::Map::new(),
        },
        None => serde_json::Map::new(),
    };
    let mut row = ScoreRow {
        id: record.id,
        indicator: record.indicator_name.clone(),
        indicator_text: if record.indicator_text.is_empty() {
            record.indicator_name.clone()
        } else {
            record.indicator_text.clone()
        },
        category: indicator.map_or("other", |i| i.category.as_str()).to_owned(),
        region: record.region_name.clone(),
        region_id: record.region,
        plan_id: record.plan,
        plan: record.plan_title.clone(),
        year: record.target.year,
        target: record.target.value,
        target_max: record.target.value_max,
        unit: record.target.unit.clone(),
        measure: record.target.measure,
        direction: record.target.direction,
        bound: record.target.bound,
        baseline_year: record.target.baseline_year,
        binding: record.binding,
        lead_departments: record.lead_departments.clone(),
        cooperating_departments: record.cooperating_departments.clone(),
        source: record.source.clone(),
        status,
        light,
        status_label: Labels {
            zh: status.label_zh().to_owned(),
            en: status.label_en().to_owned(),
        },
        error,
        series: points.iter().map(|p| [f64::from(p.year), round6(p.value)]).collect(),
        display: RowDisplay::default(),
        assessment_json,
        assessment,
        points,
    };
    row.display = RowDisplay {
        target: crate::views::format::target_text(&row, crate::i18n::Tr::new(crate::i18n::Lang::Zh)),
        base: crate::views::format::baseline_text(&row),
        latest: crate::views::format::latest_text(&row),
        completion: crate::views::format::percent(row.assessment.as_ref().and_then(|a| a.completion)),
        unit: display_unit(&row),
    };
    row
}

/// Rounds to 6 significant decimals for JSON (the series is for drawing).
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Assesses every target of the store, worst first.
pub fn build(store: &dyn Store, options: &AssessOptions) -> Result<Vec<ScoreRow>, StoreError> {
    let indicators: HashMap<i64, Indicator> = store.indicators()?.into_iter().map(|i| (i.id, i)).collect();
    let targets = store.target_figures(&TargetFilter::default())?;
    let mut rows: Vec<ScoreRow> = targets
        .iter()
        .map(|t| assess_row(&t.target, &t.observations, indicators.get(&t.target.indicator), options))
        .collect();
    sort_worst_first(&mut rows);
    Ok(rows)
}

/// Sorts rows worst first: by status severity, then by progress index (lower first),
/// then region and indicator for a stable order.
pub fn sort_worst_first(rows: &mut [ScoreRow]) {
    rows.sort_by(|a, b| {
        let pi = |r: &ScoreRow| {
            r.assessment
                .as_ref()
                .and_then(|a| a.progress_index)
                .unwrap_or(f64::INFINITY)
        };
        severity(a.status)
            .cmp(&severity(b.status))
            .then(pi(a).total_cmp(&pi(b)))
            .then_with(|| a.region.cmp(&b.region))
            .then_with(|| a.indicator.cmp(&b.indicator))
            .then(a.id.cmp(&b.id))
    });
}

/// Does `row` pass the filters of `q`?
pub fn matches(row: &ScoreRow, q: &ScoreQuery) -> bool {
    let set = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    if let Some(c) = set(&q.category) {
        if row.category != c {
            return false;
        }
    }
    if let Some(s) = set(&q.status) {
        let ok = s.eq_ignore_ascii_case(row.status.as_str()) || s.eq_ignore_ascii_case(group(row.status));
        if !ok {
            return false;
        }
    }
    if let Some(r) = set(&q.region) {
        if row.region != r && row.region_id.to_string() != r {
            return false;
        }
    }
    if let Some(d) = set(&q.department) {
        let hit = row
            .lead_departments
            .iter()
            .chain(&row.cooperating_departments)
            .any(|dep| dep.contains(d.as_str()));
        if !hit {
            return false;
        }
    }
    if let Some(g) = set(&q.gap) {
        let a = row.assessment.as_ref();
        let hit = if g.eq_ignore_ascii_case("stale") {
            a.is_some_and(|a| a.stale)
        } else {
            a.and_then(|a| a.gap)
                .is_some_and(|gap| gap.as_str().eq_ignore_ascii_case(&g))
        };
        if !hit {
            return false;
        }
    }
    if let Some(level) = set(&q.ndrc).and_then(|n| parse_ndrc(&n)) {
        if row.assessment.as_ref().and_then(|a| a.ndrc_level) != level {
            return false;
        }
    }
    if let Some(p) = set(&q.plan) {
        if row.plan_id.map(|id| id.to_string()) != Some(p) {
            return false;
        }
    }
    true
}

/// The rows that pass the filters.
pub fn filter(rows: &[ScoreRow], q: &ScoreQuery) -> Vec<ScoreRow> {
    rows.iter().filter(|r| matches(r, q)).cloned().collect()
}

/// Counts rows by summary group.
pub fn summarize(rows: &[ScoreRow]) -> Summary {
    let mut s = Summary {
        total: rows.len(),
        ..Summary::default()
    };
    for r in rows {
        match group(r.status) {
            "on_track" => s.on_track += 1,
            "behind" => s.behind += 1,
            "achieved" => s.achieved += 1,
            _ => s.no_data += 1,
        }
        let a = r.assessment.as_ref();
        match a.and_then(|a| a.gap) {
            Some(Gap::Overdue) => s.overdue += 1,
            Some(Gap::NeverReported) => s.never_reported += 1,
            Some(Gap::OnePoint) => s.one_point += 1,
            Some(Gap::NotYetDue) => s.not_yet_due += 1,
            None => {}
        }
        if a.is_some_and(|a| a.stale) {
            s.stale += 1;
        }
    }
    s
}

/// 时间进度 as the board and the reports show it beside 完成度: the share of the time
/// from the base year to the latest figure's year, the point 完成度 is measured at, so
/// that 完成度 ÷ 时间进度 is the 进度指数 the status rests on (80% done by 2024 of a
/// 2020–2025 target is on pace, not behind a calendar 100%). `None` without a figure
/// after the base: there is nothing to pace, and a share of the calendar would be read
/// against a 完成度 of `—` (a change target's base is the origin of its scale, not a
/// figure). The explanation still says how much time has gone by as of the day.
pub fn elapsed_shown(assessment: Option<&Assessment>) -> Option<f64> {
    assessment.and_then(|a| a.time_elapsed)
}

/// The display of a value on the assessment's scale: an index scale (a `%` change target,
/// base year = 1) is shown as the cumulative change in percent; other scales as they are.
pub fn display_value(assessment: Option<&Assessment>, value: f64) -> f64 {
    match assessment {
        Some(a) if a.scale == "index" => (value - 1.0) * 100.0,
        _ => value,
    }
}

/// The unit label of displayed values (`%` for an index scale shown as change),
/// typeset (`μg/m³`).
pub fn display_unit(row: &ScoreRow) -> String {
    match &row.assessment {
        Some(a) if a.scale == "index" => "%".to_owned(),
        Some(a) => pledge_model::display::unit(&a.unit),
        None => pledge_model::display::unit(&row.unit),
    }
}
