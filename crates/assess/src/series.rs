//! The whole-year series of a target's indicator, built from observations in any form.
//!
//! Observations come as levels, changes (同比 against the previous year, or cumulative
//! against an earlier year; relative in `%` or absolute in a unit) and increments. They
//! are turned into values on the goal's scale by chaining: a year's value is known when
//! it was observed as a level (for an index or a cumulative scale, relative to a known
//! baseline level) or when a change or increment leads to it from a year whose value is
//! known. When several observations lead to a year, a level wins, then the one that
//! starts earliest (a cumulative change beats a chain of year-on-year ones). Nothing is
//! interpolated or extrapolated: a gap in a chain leaves the later years unknown.

use pledge_model::{Measure, Observation, Unit};

use crate::date::Date;
use crate::error::AssessError;
use crate::goal::{Goal, Scale};

/// One whole-year value on the goal's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The value on the goal's scale.
    pub value: f64,
}

/// A part-year observation, kept apart and reported as given.
#[derive(Debug, Clone, PartialEq)]
pub struct PartYear {
    /// The year.
    pub year: i32,
    /// The part of the year (`Q1`, `H1`, `1-9月`).
    pub period: String,
    /// The value as reported.
    pub value: f64,
    /// The unit as reported.
    pub unit: String,
    /// Level, change or increment.
    pub measure: Measure,
    /// The baseline year of a change or increment.
    pub baseline_year: Option<i32>,
    /// For a ratio, share or concentration (a level in `%` or a unit per unit): the
    /// value the linear 序时进度 path from the base to the target reaches in that year,
    /// in the target's unit. Such a figure over part of a year is comparable with the
    /// path; amounts over part of a year (元, 吨, 场) are not, and get `None`.
    pub expected: Option<f64>,
    /// Whether the part-year value is on the target's side of `expected`.
    pub on_pace: Option<bool>,
}

/// What the observations say on the goal's scale.
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// The baseline year b and value v_b, when known.
    pub base: Option<Point>,
    /// Known whole-year values, ascending by year (for index and cumulative scales only
    /// years from the baseline on).
    pub points: Vec<Point>,
    /// Part-year observations, never compared with the whole-year target.
    pub part_year: Vec<PartYear>,
    /// Observations that could not be placed on the scale, with the reason (English).
    pub unused: Vec<String>,
    /// Whether the base value was read from a level observed for the baseline year
    /// (false when it is only the origin of an index or cumulative scale, 1 or 0 by
    /// definition, which no source reported).
    pub base_observed: bool,
    /// Observations left out because their period ends after the as-of date.
    pub after_as_of: usize,
}

/// How a change or an increment moves a value from one year to another.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    /// Add an amount (absolute change, increment, level difference).
    Add(f64),
    /// Multiply by a factor (relative change in `%`, level ratio).
    Mul(f64),
}

/// A step from one year's value to a later year's.
#[derive(Debug, Clone, Copy)]
struct Segment {
    from: i32,
    to: i32,
    op: Op,
    /// Index of the observation it came from (`usize::MAX` for derived steps).
    source: usize,
}

impl Op {
    fn apply(self, x: f64) -> f64 {
        match self {
            Op::Add(a) => x + a,
            Op::Mul(f) => x * f,
        }
    }
}

/// Builds the series of `goal` from `observations`; an observation whose unit cannot be
/// converted to the goal's is an error, not a guess.
pub fn build(goal: &Goal, observations: &[Observation]) -> Result<Series, AssessError> {
    build_as_of(goal, observations, None)
}

/// Builds the series as known on `as_of`: observations whose period ends after that day
/// are checked like the others but left out (counted in [`Series::after_as_of`]).
pub fn build_as_of(goal: &Goal, observations: &[Observation], as_of: Option<Date>) -> Result<Series, AssessError> {
    let mut series = Series::default();
    let mut levels: Vec<Point> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    // For an index goal, levels are read in the unit of the first whole-year level.
    let mut level_unit: Option<Unit> = goal.level_unit.clone();
    if level_unit.is_none() {
        level_unit = observations
            .iter()
            .filter(|o| o.period.is_none() && o.measure == Measure::Level)
            .min_by_key(|o| o.year)
            .map(|o| Unit::parse(&o.unit));
    }
    let bad = |index: usize, field: &str, message: String| AssessError::Observation {
        index,
        field: field.to_owned(),
        message,
    };
    // Observations mostly share a few units: parse each spelling once.
    let mut units: Vec<(&str, Unit)> = Vec::new();
    for (index, obs) in observations.iter().enumerate() {
        if !obs.value.is_finite() {
            return Err(bad(index, "value", "not a finite number".into()));
        }
        let baseline = match obs.measure {
            Measure::Level => None,
            Measure::Change | Measure::Increment => {
                let b = obs.baseline_year.unwrap_or(obs.year - 1);
                if b >= obs.year {
                    return Err(bad(
                        index,
                        "baseline_year",
                        format!("baseline year {b} is not before the year {}", obs.year),
                    ));
                }
                Some(b)
            }
        };
        let pos = match units.iter().position(|(text, _)| *text == obs.unit) {
            Some(pos) => pos,
            None => {
                units.push((&obs.unit, Unit::parse(&obs.unit)));
                units.len() - 1
            }
        };
        let unit = &units[pos].1;
        if as_of.is_some_and(|day| Date::end_of_period(obs.year, obs.period.as_deref()) > day) {
            check_unit(goal, level_unit.as_ref(), unit, obs.measure).map_err(|message| bad(index, "unit", message))?;
            series.after_as_of += 1;
            continue;
        }
        if let Some(period) = &obs.period {
            // Kept apart, but a unit that cannot relate to the target is still refused.
            check_unit(goal, level_unit.as_ref(), unit, obs.measure).map_err(|message| bad(index, "unit", message))?;
            series.part_year.push(PartYear {
                year: obs.year,
                period: period.clone(),
                value: obs.value,
                unit: obs.unit.clone(),
                measure: obs.measure,
                baseline_year: baseline,
                expected: None,
                on_pace: None,
            });
            continue;
        }
        let op =
            check_unit(goal, level_unit.as_ref(), unit, obs.measure).map_err(|message| bad(index, "unit", message))?;
        match (obs.measure, baseline, op) {
            (Measure::Level, _, Some(Op::Mul(factor))) => {
                let value = pledge_model::unit::scale(obs.value, factor);
                if !value.is_finite() {
                    return Err(bad(index, "value", "too large to convert".into()));
                }
                // A later level for the same year replaces an earlier one.
                if let Some(pos) = levels.iter().position(|p| p.year == obs.year) {
                    levels[pos].value = value;
                } else {
                    levels.push(Point { year: obs.year, value });
                }
            }
            (Measure::Change, Some(from), _) if unit.is_percent() => segments.push(Segment {
                from,
                to: obs.year,
                op: Op::Mul(1.0 + obs.value / 100.0),
                source: index,
            }),
            (_, Some(from), Some(Op::Mul(factor))) => segments.push(Segment {
                from,
                to: obs.year,
                op: Op::Add(pledge_model::unit::scale(obs.value, factor)),
                source: index,
            }),
            _ => series.unused.push(format!(
                "observation {index} ({} {} in {}) has no level to relate to",
                obs.value, obs.unit, obs.year
            )),
        }
    }
    levels.sort_by_key(|p| p.year);

    // Phase 1: the indicator's levels, from observed levels and steps between years.
    let level_series = chain(&levels, &segments, |_| true);

    // Phase 2: the goal's scale.
    match goal.scale {
        Scale::Level => {
            series.base = match goal.baseline_year {
                Some(b) => level_series.iter().copied().find(|p| p.year == b),
                None => level_series.first().copied(),
            };
            series.base_observed = series.base.is_some();
            series.points = level_series;
        }
        Scale::Index | Scale::Cumulative => {
            let Some(b) = goal.baseline_year.or_else(|| {
                // Without a stated baseline year, the earliest year the observations start from.
                let first_level = levels.first().map(|p| p.year);
                let first_step = segments.iter().map(|s| s.from).min();
                match (first_level, first_step) {
                    (Some(a), Some(s)) => Some(a.min(s)),
                    (a, s) => a.or(s),
                }
            }) else {
                return Ok(series);
            };
            let index = goal.scale == Scale::Index;
            let origin = if index { 1.0 } else { 0.0 };
            let base_level = level_series.iter().find(|p| p.year == b).map(|p| p.value);
            let mut anchors = vec![Point { year: b, value: origin }];
            if let Some(lb) = base_level {
                for p in level_series.iter().filter(|p| p.year > b) {
                    let value = if index {
                        if lb == 0.0 {
                            continue;
                        }
                        p.value / lb
                    } else {
                        p.value - lb
                    };
                    anchors.push(Point { year: p.year, value });
                }
            }
            let mut steps: Vec<Segment> = segments
                .iter()
                .copied()
                .filter(|s| matches!(s.op, Op::Mul(_)) == index)
                .collect();
            for (i, x) in level_series.iter().enumerate() {
                for y in &level_series[i + 1..] {
                    let op = if index {
                        if x.value == 0.0 {
                            continue;
                        }
                        Op::Mul(y.value / x.value)
                    } else {
                        Op::Add(y.value - x.value)
                    };
                    steps.push(Segment {
                        from: x.year,
                        to: y.year,
                        op,
                        source: usize::MAX,
                    });
                }
            }
            let points: Vec<Point> = chain(&anchors, &steps, |year| year >= b)
                .into_iter()
                .filter(|p| p.year >= b && p.value.is_finite())
                .collect();
            series.base = points.first().copied().filter(|p| p.year == b);
            series.base_observed = series.base.is_some() && base_level.is_some();
            series.points = points;
        }
    }
    series.points.retain(|p| p.value.is_finite());
    Ok(series)
}

/// Checks that an observation's unit relates to the goal, and returns the factor that
/// converts its amounts into the level unit (`Op::Mul`), or `None` when it is a relative
/// change (`%`) or there is no level unit to convert into.
fn check_unit(goal: &Goal, level_unit: Option<&Unit>, unit: &Unit, measure: Measure) -> Result<Option<Op>, String> {
    if measure == Measure::Change && unit.is_percent() {
        return Ok(None);
    }
    let Some(target) = level_unit else {
        // An index goal without any level: absolute amounts cannot be related to it.
        return Ok(None);
    };
    // Percentage points are differences of percentages.
    let effective = if measure != Measure::Level && unit.is_percentage_point() {
        Unit::parse("%")
    } else {
        unit.clone()
    };
    match effective.factor_to(target) {
        Some(factor) => Ok(Some(Op::Mul(factor))),
        None => {
            let wanted = match goal.scale {
                Scale::Index => format!("the unit of the levels, `{target}`"),
                Scale::Level | Scale::Cumulative => format!("the target's unit `{}`", goal.unit),
            };
            Err(format!("`{unit}` does not convert to {wanted}"))
        }
    }
}

/// Forward chaining: anchors are known values; a year without one takes the value of the
/// step that starts earliest from a known year. `keep` limits the years considered.
fn chain(anchors: &[Point], steps: &[Segment], keep: impl Fn(i32) -> bool) -> Vec<Point> {
    let mut years: Vec<i32> = anchors
        .iter()
        .map(|p| p.year)
        .chain(steps.iter().map(|s| s.to))
        .filter(|&y| keep(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut known: Vec<Point> = Vec::with_capacity(years.len());
    for year in years {
        if let Some(a) = anchors.iter().rev().find(|p| p.year == year) {
            known.push(*a);
            continue;
        }
        let mut best: Option<(i32, usize, f64)> = None;
        for s in steps.iter().filter(|s| s.to == year) {
            let Ok(pos) = known.binary_search_by_key(&s.from, |p| p.year) else {
                continue;
            };
            let value = s.op.apply(known[pos].value);
            // Earliest start wins; among equal starts, the observation given last.
            let better = match best {
                None => true,
                Some((from, source, _)) => s.from < from || (s.from == from && s.source >= source),
            };
            if better {
                best = Some((s.from, s.source, value));
            }
        }
        if let Some((_, _, value)) = best {
            known.push(Point { year, value });
        }
    }
    known
}
