//! The ordered rules of `assess-io.md` and the metrics of `progress-methods.md` §6.

use crate::assessment::{Assessment, CompoundRates};
use crate::date::Date;
use crate::explain;
use crate::forecast::{Context, Forecast, Method};
use crate::goal::{Goal, Scale};
use crate::metrics;
use crate::options::{Growth, Options};
use crate::series::{Point, Series};
use crate::status::{Gap, Light, NdrcLevel, Status};

/// Which rule decided the status, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Rule 2: an observation at or after the target year.
    TargetYear,
    /// Rule 3: the latest value already meets the bound.
    Early,
    /// As of a date, in place of rules 4–6: the target-year figure is past due.
    Overdue,
    /// Rule 4: no base value.
    NoBase,
    /// Rule 4: no observation after the base.
    NothingAfterBase,
    /// Rule 5: the base met the bound, the latest does not.
    LostGround,
    /// Rule 6 under compound growth: a value ≤ 0.
    NonPositive,
    /// Rule 6: the ratio could not be computed.
    NoRatio,
    /// Rule 6: the ratio against the thresholds.
    Ratio,
}

/// Everything the explanation needs besides the assessment itself.
#[derive(Debug, Clone, Copy)]
pub struct Reasons<'a> {
    /// The goal.
    pub goal: &'a Goal,
    /// The deciding rule.
    pub rule: Rule,
    /// The options.
    pub options: &'a Options,
}

/// Applies the rules in order and computes every metric the data allow.
pub fn evaluate(goal: &Goal, series: &Series, options: &Options) -> Assessment {
    let target_year = goal.year;
    let base = series.base;
    // For index and cumulative scales the baseline itself is 1 or 0 by definition and
    // says nothing about progress; only later years count as observations.
    let observed: Vec<Point> = match (goal.scale, base) {
        (Scale::Level, _) => series.points.clone(),
        (_, Some(b)) => series.points.iter().copied().filter(|p| p.year > b.year).collect(),
        (_, None) => Vec::new(),
    };
    let target_value = goal.target_value(base.map(|b| b.value));
    let at_target = observed.iter().copied().find(|p| p.year >= target_year);
    let before_target = observed.iter().copied().rfind(|p| p.year < target_year);
    let after_base = |p: &Point| base.is_some_and(|b| p.year > b.year);

    let (status, rule, latest) = if let Some(p) = at_target {
        let status = if goal.meets(p.value) {
            Status::Achieved
        } else {
            Status::Missed
        };
        (status, Rule::TargetYear, Some(p))
    } else if let Some(p) = before_target.filter(|p| goal.meets(p.value)) {
        (Status::Achieved, Rule::Early, Some(p))
    } else if options.as_of.is_some_and(|day| day > due_by(target_year, options)) {
        (Status::Overdue, Rule::Overdue, before_target)
    } else if base.is_none() {
        (Status::InsufficientData, Rule::NoBase, before_target)
    } else if !before_target.as_ref().is_some_and(after_base) {
        (Status::InsufficientData, Rule::NothingAfterBase, before_target)
    } else if base.is_some_and(|b| goal.meets(b.value)) {
        (Status::Deteriorating, Rule::LostGround, before_target)
    } else {
        (Status::NotAssessable, Rule::NoRatio, before_target)
    };

    let mut a = Assessment {
        status,
        light: status.light(options.profile),
        ndrc_level: status.ndrc_level(),
        profile: options.profile,
        growth: options.growth,
        scale: match goal.scale {
            Scale::Level => "level",
            Scale::Index => "index",
            Scale::Cumulative => "cumulative",
        },
        unit: match goal.scale {
            Scale::Index => "index".to_owned(),
            Scale::Level | Scale::Cumulative => goal.unit.as_str().to_owned(),
        },
        desirable: goal.desirable,
        aspiration: goal.aspiration,
        base,
        latest,
        target_year,
        target_value,
        met_from: metrics::finite(goal.meet_lo),
        met_to: metrics::finite(goal.meet_hi),
        cumulative_change_pct: None,
        cumulative_change: None,
        completion: None,
        time_elapsed: None,
        progress_index: None,
        required_annual: None,
        actual_annual: None,
        required_from_now: None,
        compound: None,
        ratio: None,
        forecast: None,
        forecasts: Vec::new(),
        part_year: series.part_year.clone(),
        notes: series.unused.clone(),
        as_of: options.as_of,
        stale: false,
        time_elapsed_as_of: None,
        base_observed: series.base_observed,
        base_met: base.is_some_and(|b| goal.meets(b.value)),
        after_as_of: series.after_as_of,
        gap: None,
        explanation: explain::empty(),
    };
    if let Some(l) = latest {
        match goal.scale {
            Scale::Index => a.cumulative_change_pct = metrics::finite((l.value - 1.0) * 100.0),
            Scale::Cumulative => a.cumulative_change = Some(l.value),
            Scale::Level => {}
        }
    }
    let mut rule = rule;
    if let (Some(b), Some(l)) = (base, latest.filter(after_base)) {
        fill_metrics(&mut a, goal, series, b, l, target_value);
        if rule == Rule::NoRatio {
            let (status, decided) = rate(&a, options, b, l, target_value);
            a.status = status;
            rule = decided;
        }
    }
    a.light = a.status.light(options.profile);
    a.ndrc_level = a.status.ndrc_level();
    if let Some(day) = options.as_of {
        if let Some(b) = base {
            a.time_elapsed_as_of = metrics::ratio(day.as_year() - f64::from(b.year), f64::from(target_year - b.year))
                .map(|e| e.clamp(0.0, 1.0));
        }
        // A verdict at the target year is final; one read from earlier figures goes stale.
        let limit = options.profile.staleness_limit_years();
        if let Some(l) = latest.filter(|_| rule != Rule::TargetYear) {
            if day > Date::end_of_year(l.year).plus_years(limit) {
                a.stale = true;
                if a.light == Light::Green {
                    a.light = Light::Grey;
                }
                if a.ndrc_level == Some(NdrcLevel::Level3) {
                    a.ndrc_level = None;
                }
            }
        }
    }
    a.gap = gap(&a, goal, series, options);
    part_year_pace(&mut a, goal);
    a.explanation = explain::explain(&a, &Reasons { goal, rule, options });
    a
}

/// Compares part-year levels of a ratio, share or concentration (unit `%` or `X/Y`)
/// with the linear 序时进度 path of their year; the status never depends on it.
fn part_year_pace(a: &mut Assessment, goal: &Goal) {
    let intensive = goal.unit.is_percent() || goal.unit.as_str().contains('/');
    let Some(b) = a
        .base
        .filter(|_| goal.scale == Scale::Level && intensive && !a.base_met)
    else {
        return;
    };
    let (target_value, target_year) = (a.target_value, a.target_year);
    for p in &mut a.part_year {
        if p.measure != pledge_model::Measure::Level || p.year <= b.year || p.year > target_year {
            continue;
        }
        let Some(factor) = pledge_model::Unit::parse(&p.unit).factor_to(&goal.unit) else {
            continue;
        };
        let value = pledge_model::unit::scale(p.value, factor);
        let share = f64::from(p.year - b.year) / f64::from(target_year - b.year);
        let expected = b.value + (target_value - b.value) * share;
        if expected.is_finite() && value.is_finite() {
            p.expected = Some(expected);
            p.on_pace = Some((value - expected) * (target_value - b.value) >= 0.0);
        }
    }
}

/// The last day by which the figure for `year` is normally published under the profile.
fn due_by(year: i32, options: &Options) -> Date {
    Date::end_of_year(year + options.profile.publication_lag_years())
}

/// The named gap of a result without a verdict on progress (INSUFFICIENT_DATA, OVERDUE).
fn gap(a: &Assessment, goal: &Goal, series: &Series, options: &Options) -> Option<Gap> {
    match a.status {
        Status::Overdue => return Some(Gap::Overdue),
        Status::InsufficientData => {}
        _ => return None,
    }
    // Whole-year figures actually reported: the origin of an index or cumulative scale
    // is not one unless a level was observed for the base year.
    let reported = series
        .points
        .iter()
        .filter(|p| goal.scale == Scale::Level || series.base_observed || series.base.is_none_or(|b| p.year != b.year))
        .count();
    if let Some(day) = options.as_of {
        // Nothing after the base is due yet: the first year after it is not published.
        let first_due = goal
            .baseline_year
            .or(a.base.map(|b| b.year))
            .map(|b| due_by(b + 1, options));
        if reported <= 1 && first_due.is_some_and(|due| day <= due) {
            return Some(Gap::NotYetDue);
        }
    }
    Some(if reported == 0 {
        Gap::NeverReported
    } else {
        Gap::OnePoint
    })
}

/// Rule 6: the status from the progress index (linear) or the compound ratio.
fn rate(a: &Assessment, options: &Options, b: Point, l: Point, target_value: f64) -> (Status, Rule) {
    let ratio = match options.growth {
        Growth::Linear => a.progress_index,
        Growth::Compound => {
            if b.value <= 0.0 || l.value <= 0.0 || target_value <= 0.0 {
                return (Status::NotAssessable, Rule::NonPositive);
            }
            a.compound.and_then(|c| c.ratio)
        }
    };
    let Some(ratio) = ratio else {
        return (Status::NotAssessable, Rule::NoRatio);
    };
    let th = options.profile.thresholds();
    // ε = 1e-9 so that a ratio of exactly 0.95 computed as 0.9499999999 stays ON_TRACK.
    let eps = 1e-9;
    let status = if ratio >= th.on_track - eps {
        Status::OnTrack
    } else if ratio >= th.needs_acceleration - eps {
        Status::NeedsAcceleration
    } else if ratio >= th.lagging - eps {
        Status::Lagging
    } else {
        Status::Deteriorating
    };
    (status, Rule::Ratio)
}

/// Completion, time elapsed, progress index, rates and forecasts from base `b` to `l`.
fn fill_metrics(a: &mut Assessment, goal: &Goal, series: &Series, b: Point, l: Point, target_value: f64) {
    let t_year = goal.year;
    a.completion = metrics::completion(b.value, l.value, target_value);
    a.time_elapsed = metrics::time_elapsed(b.year, l.year, t_year);
    a.progress_index = metrics::progress_index(b.year, b.value, l.year, l.value, t_year, target_value);
    a.required_annual = metrics::linear_rate(b.year, b.value, t_year, target_value);
    a.actual_annual = metrics::linear_rate(b.year, b.value, l.year, l.value);
    if l.year < t_year {
        a.required_from_now = metrics::linear_rate(l.year, l.value, t_year, target_value);
    }
    let g_req = metrics::compound_rate(b.year, b.value, t_year, target_value);
    let g_act = metrics::compound_rate(b.year, b.value, l.year, l.value);
    let direction = if target_value >= b.value { 1.0 } else { -1.0 };
    let g_now = if l.year < t_year {
        metrics::compound_rate(l.year, l.value, t_year, target_value)
    } else {
        None
    };
    if g_req.is_some() || g_act.is_some() {
        a.compound = Some(CompoundRates {
            required_annual_rate: g_req,
            actual_annual_rate: g_act,
            ratio: g_req
                .zip(g_act)
                .and_then(|(r, g)| metrics::compound_ratio(direction, g, r)),
            required_from_now_rate: g_now,
        });
    }
    if l.year < t_year {
        let points: Vec<Point> = series
            .points
            .iter()
            .copied()
            .filter(|p| p.year >= b.year && p.year <= l.year)
            .collect();
        let ctx = Context {
            goal,
            base: b,
            latest: l,
            target_value,
            points: &points,
        };
        a.forecasts = ctx.all();
        let wanted = match a.growth {
            Growth::Linear => Method::Linear,
            Growth::Compound => Method::Compound,
        };
        a.forecast = a.forecasts.iter().copied().find(|f: &Forecast| f.method == wanted);
    }
    a.ratio = match a.growth {
        Growth::Linear => a.progress_index,
        Growth::Compound => a.compound.and_then(|c| c.ratio),
    };
    if goal.meets(b.value) {
        // The base already met the bound: there was no distance to cover, so completion,
        // the required pace and the ratio would only be numbers of the wrong sign.
        a.completion = None;
        a.progress_index = None;
        a.required_annual = None;
        a.ratio = None;
        if goal.meets(l.value) {
            a.required_from_now = None;
        }
        if let Some(c) = a.compound.as_mut() {
            c.required_annual_rate = None;
            c.ratio = None;
            if goal.meets(l.value) {
                c.required_from_now_rate = None;
            }
        }
        for f in a.forecasts.iter_mut().chain(a.forecast.iter_mut()) {
            f.expected_completion = None;
        }
    }
}
