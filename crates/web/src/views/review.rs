//! The review queue as the page writes it: each pending fact's sentence, what it would
//! join and why it waits, in the page's language (the reasons themselves come from
//! [`pledge_store::queue`], shared with the CLI).

use pledge_model::{Bound, Direction, Fact, Kind, Measure};
use pledge_store::queue::{Conflict, ConflictWith, JoinedTarget, QueueItem, Reason};
use pledge_store::{Acceptance, FactEdit, IndicatorId, RegionId, Store};

use crate::error::{ApiError, FieldError};
use crate::i18n::{Lang, Tr};
use crate::views::format::value_unit;

/// A reason as the page shows it.
#[derive(Debug, Clone)]
pub struct ReasonView {
    /// The reason's code (a CSS class).
    pub code: &'static str,
    /// What it says, in the page's language.
    pub text: String,
}

/// A target the fact would join.
#[derive(Debug, Clone)]
pub struct JoinView {
    /// Link to the target page.
    pub href: String,
    /// `2025 ≥62亿元`.
    pub label: String,
}

/// One pending fact as the page shows it.
#[derive(Debug, Clone)]
pub struct ItemView {
    /// Fact id.
    pub id: i64,
    /// Target or actual, in words.
    pub kind: &'static str,
    /// The document's title.
    pub document: String,
    /// Link to the fact in its document.
    pub document_href: String,
    /// The sentence before the quote.
    pub before: String,
    /// The quote.
    pub quote: String,
    /// The sentence after the quote.
    pub after: String,
    /// Scope · indicator · year as extracted.
    pub what: String,
    /// The value as extracted (`≥62亿元`).
    pub value: String,
    /// The region it would join ('' when none matched).
    pub region: String,
    /// The library indicator it would join ('' when none matched).
    pub indicator: String,
    /// The match score in words (`0.85`), '' without an indicator.
    pub score: String,
    /// The targets it would join.
    pub targets: Vec<JoinView>,
    /// Why it waits.
    pub reasons: Vec<ReasonView>,
    /// The edit form's initial values: indicator (the library name, else the wording),
    /// region, year, value, unit.
    pub form: EditValues,
}

/// The values of an edit form.
#[derive(Debug, Clone, Default)]
pub struct EditValues {
    /// Indicator name.
    pub indicator: String,
    /// Region name.
    pub region: String,
    /// Year ('' when none).
    pub year: String,
    /// Value as a plain number.
    pub value: String,
    /// Unit.
    pub unit: String,
}

/// The value of a fact as stated: bound, direction, amount and unit.
pub fn fact_value(f: &Fact) -> String {
    let dir = match f.direction {
        Some(Direction::Up) => "+",
        Some(Direction::Down) => "−",
        None => "",
    };
    let bound = match f.bound {
        Bound::Eq => "",
        Bound::Ge => "≥",
        Bound::Le => "≤",
        Bound::About => "≈",
    };
    format!("{bound}{dir}{}", value_unit(Some(f.value), &f.unit))
}

/// A plain number for a form field (no grouping, no magnitude word).
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Where a conflicting value came from, for people.
fn source_text(c: &Conflict, title: &str) -> String {
    let quote = if c.source.quote.is_empty() {
        String::new()
    } else {
        format!("「{}」", c.source.quote)
    };
    let place = if !title.is_empty() {
        title.to_owned()
    } else if !c.source.url.is_empty() {
        c.source.url.clone()
    } else {
        "—".to_owned()
    };
    format!("{place}{quote}")
}

/// One reason in the page's language.
pub fn reason_text(tr: Tr, r: &Reason) -> String {
    let zh = tr.lang == Lang::Zh;
    match r {
        Reason::NewIndicator { wording } if zh => format!("新指标：指标库中没有“{wording}”，请选择或命名指标"),
        Reason::NewIndicator { wording } => {
            format!("new indicator: the library has no “{wording}”; choose or name one")
        }
        Reason::NoRegion { scope } if zh => format!("范围“{scope}”未匹配到地区"),
        Reason::NoRegion { scope } => format!("the scope “{scope}” matched no region"),
        Reason::NoDueYear if zh => "目标没有完成年份，无法评估".to_owned(),
        Reason::NoDueYear => "a target without a due year cannot be assessed".to_owned(),
        Reason::LowConfidence { indicator, score } if zh => {
            format!("指标匹配度低：与“{indicator}”的匹配度 {score:.2}")
        }
        Reason::LowConfidence { indicator, score } => format!("low confidence: matches “{indicator}” at {score:.2}"),
        Reason::Implausible { message_zh, .. } if zh => format!("数值不合理：{message_zh}"),
        Reason::Implausible { message, .. } => format!("implausible value: {message}"),
        Reason::Conflict { conflict, source_title } => conflict_text(tr, conflict, source_title),
    }
}

/// A conflict in words: which value, from where, and what accepting does to it.
pub fn conflict_text(tr: Tr, c: &Conflict, title: &str) -> String {
    let value = value_unit(Some(c.value), &c.unit);
    let from = source_text(c, title);
    match (c.with, tr.lang) {
        (ConflictWith::Observation, Lang::Zh) => {
            format!(
                "与现有数值冲突：{value}（实际值 #{}，来源：{from}）；采纳将替换该值",
                c.id
            )
        }
        (ConflictWith::Observation, Lang::En) => format!(
            "conflicts with the current value {value} (observation #{}, from {from}); accepting replaces it",
            c.id
        ),
        (ConflictWith::Target, Lang::Zh) => {
            format!("与已有目标冲突：{value}（目标 #{}，来源：{from}）", c.id)
        }
        (ConflictWith::Target, Lang::En) => format!("conflicts with target #{} of {value} (from {from})", c.id),
    }
}

fn join_view(c: &crate::pages::Ctx, t: &JoinedTarget) -> JoinView {
    let bound = match t.bound {
        Bound::Ge => "≥",
        Bound::Le => "≤",
        Bound::About => "≈",
        Bound::Eq => "",
    };
    JoinView {
        href: c.href(&format!("/targets/{}", t.id)),
        label: format!("#{} · {} {bound}{}", t.id, t.year, value_unit(Some(t.value), &t.unit)),
    }
}

/// A queue item as the page shows it.
pub fn item_view(c: &crate::pages::Ctx, item: &QueueItem) -> ItemView {
    let r = &item.fact;
    let f = &r.fact;
    let region = item.joins.region.clone().unwrap_or_default();
    let indicator = item.joins.indicator.clone().unwrap_or_default();
    ItemView {
        id: r.id,
        kind: c.tr.s(match f.kind {
            Kind::Target => "k_target",
            Kind::Actual => "k_actual",
        }),
        document: item.document_title.clone(),
        document_href: c.href(&format!("/documents/{}?fact={}#fact-{}", r.document, r.id, r.id)),
        before: item.context.before.clone(),
        quote: item.context.quote.clone(),
        after: item.context.after.clone(),
        what: format!(
            "{} · {}{}",
            f.scope,
            f.indicator,
            f.year.map(|y| format!(" · {y}")).unwrap_or_default()
        ),
        value: fact_value(f),
        score: item.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
        targets: item.joins.targets.iter().map(|t| join_view(c, t)).collect(),
        reasons: item
            .reasons
            .iter()
            .map(|x| ReasonView {
                code: x.code(),
                text: reason_text(c.tr, x),
            })
            .collect(),
        form: EditValues {
            indicator: if indicator.is_empty() {
                f.indicator.clone()
            } else {
                indicator.clone()
            },
            region: if region.is_empty() {
                f.scope.to_string()
            } else {
                region.clone()
            },
            year: f.year.map(|y| y.to_string()).unwrap_or_default(),
            value: plain(f.value),
            unit: f.unit.to_string(),
        },
        region,
        indicator,
    }
}

/// The fields of an edit-then-accept form, as submitted (text).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EditForm {
    /// Indicator: a library name or alias, or a new name.
    pub indicator: String,
    /// Region name.
    pub region: String,
    /// Year.
    pub year: String,
    /// Value.
    pub value: String,
    /// Unit.
    pub unit: String,
    /// The reviewer's remark.
    pub note: String,
    /// `1` when the reviewer confirmed replacing a conflicting value.
    pub confirm: String,
    /// The session's CSRF token.
    pub csrf: Option<String>,
}

fn field(name: &str, message: String, value: &str) -> FieldError {
    FieldError {
        field: name.into(),
        message,
        row: None,
        value: Some(value.to_owned()),
    }
}

/// The indicator a form names: `Ok((Some(id), None))` for a library indicator, `(None,
/// Some(name))` for a new one a person names, `(None, None)` to keep the match.
fn form_indicator(
    store: &dyn Store,
    text: &str,
    matched: Option<IndicatorId>,
) -> Result<(Option<IndicatorId>, Option<String>), ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok((None, None));
    }
    match store.find_indicator(text)? {
        Some(i) if Some(i.id) == matched => Ok((None, None)),
        Some(i) => Ok((Some(i.id), None)),
        None => Ok((None, Some(text.to_owned()))),
    }
}

/// The region a form names (`None` to keep the match).
fn form_region(store: &dyn Store, text: &str, matched: Option<RegionId>) -> Result<Option<RegionId>, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match store.find_region(text, None)? {
        Some(r) if Some(r.id) == matched => Ok(None),
        Some(r) => Ok(Some(r.id)),
        None => Err(ApiError::unprocessable(vec![field(
            "region",
            format!("no region is called {text:?}"),
            text,
        )])),
    }
}

/// The corrections a form makes to the fact's year, value and unit (unchanged fields are
/// no correction).
fn form_edit(form: &EditForm, f: &Fact) -> Result<FactEdit, ApiError> {
    let mut edit = FactEdit::default();
    let mut errors = Vec::new();
    let year = form.year.trim();
    if !year.is_empty() {
        match year.parse::<i32>() {
            Ok(y) if Some(y) != f.year => edit.year = Some(y),
            Ok(_) => {}
            Err(_) => errors.push(field("year", "not a year".into(), year)),
        }
    }
    let value = form.value.trim().replace([',', '，'], "");
    if !value.is_empty() {
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() && v != f.value => edit.value = Some(v),
            Ok(v) if v.is_finite() => {}
            _ => errors.push(field("value", "not a number".into(), &value)),
        }
    }
    let unit = form.unit.trim();
    if !unit.is_empty() && unit != &*f.unit {
        edit.unit = Some(unit.to_owned());
    }
    if errors.is_empty() {
        Ok(edit)
    } else {
        Err(ApiError::unprocessable(errors))
    }
}

/// The acceptance an edit form asks for.
pub fn acceptance(
    store: &dyn Store,
    form: &EditForm,
    record: &pledge_store::FactRecord,
) -> Result<Acceptance, ApiError> {
    let (indicator, new_indicator) = form_indicator(store, &form.indicator, record.indicator)?;
    Ok(Acceptance {
        region: form_region(store, &form.region, record.region)?,
        indicator,
        new_indicator,
        edit: form_edit(form, &record.fact)?,
        note: form.note.trim().to_owned(),
        replace: form.confirm == "1",
        ..Acceptance::default()
    })
}

/// What accepting changes, one line per conflict, for the confirmation page.
pub fn changes(tr: Tr, record: &pledge_store::FactRecord, how: &Acceptance, conflicts: &[Conflict]) -> Vec<String> {
    let f = how.edit.apply(&record.fact);
    let new = value_unit(Some(signed(&f)), &f.unit);
    conflicts
        .iter()
        .map(|c| {
            let old = value_unit(Some(c.value), &c.unit);
            match (c.with, tr.lang) {
                (ConflictWith::Observation, Lang::Zh) => format!(
                    "{} {} {}年的现值 {old}（实际值 #{}）将被替换为 {new}；相关目标将按新值评估。",
                    f.scope,
                    f.indicator,
                    f.year.unwrap_or_default(),
                    c.id
                ),
                (ConflictWith::Observation, Lang::En) => format!(
                    "The current {} {} {} value {old} (observation #{}) is replaced by {new}; its targets are assessed on the new value.",
                    f.scope,
                    f.indicator,
                    f.year.unwrap_or_default(),
                    c.id
                ),
                (ConflictWith::Target, Lang::Zh) => {
                    format!("已有目标 #{} 为 {old}；采纳后同一承诺将有两个不同的目标值 {new}。", c.id)
                }
                (ConflictWith::Target, Lang::En) => format!(
                    "Target #{} says {old}; accepting gives the same commitment a second value, {new}.",
                    c.id
                ),
            }
        })
        .collect()
}

/// The value an actual fact is stored with (a stated decrease is negative).
fn signed(f: &Fact) -> f64 {
    match (f.measure, f.direction) {
        (Measure::Change, Some(Direction::Down)) => -f.value.abs(),
        _ => f.value,
    }
}
