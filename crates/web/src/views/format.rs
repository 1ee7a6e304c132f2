//! Numbers, targets and shares written for people, in the page's language.

use pledge_model::{Direction, Measure};

use crate::chart::format_number;
use crate::i18n::{Lang, Tr};
use crate::views::scoreboard::{ScoreRow, display_unit, display_value};

/// A share as a whole percentage (`0.5833` → `58%`); `—` when unknown.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(v) if v.is_finite() => format!("{}%", format_number((v * 100.0).round())),
        _ => "—".to_owned(),
    }
}

/// A value with its unit (`8万个`, `62亿元`, `40μg/m³`, `-7.3%`); `—` when unknown.
pub fn value_unit(value: Option<f64>, unit: &str) -> String {
    match value {
        Some(v) => pledge_model::display::amount(v, unit),
        None => "—".to_owned(),
    }
}

/// The target as stated, with the comparator that makes it read right: `≥8万个`,
/// `≤42μg/m³` (an `=` target on a lower-is-better indicator), `较2020年下降13.5%`,
/// `新增40万吨/日`.
pub fn target_text(row: &ScoreRow, tr: Tr) -> String {
    let value = match row.target_max {
        Some(max) => format!("{}–{}", format_number(row.target), value_unit(Some(max), &row.unit)),
        None => value_unit(Some(row.target), &row.unit),
    };
    // For a change, the direction word already says which way; the level's desirability
    // puts the side of an `=` in front of the value.
    let desirable = match row.measure {
        Measure::Level => row.assessment.as_ref().and_then(|a| a.desirable),
        Measure::Change | Measure::Increment => None,
    };
    let b = pledge_model::display::bound_symbol(row.bound, desirable);
    match (row.measure, tr.lang) {
        (Measure::Level, _) => format!("{b}{value}"),
        (Measure::Change, Lang::Zh) => {
            let dir = match row.direction {
                Some(Direction::Down) => "下降",
                Some(Direction::Up) => "提高",
                None => "变化",
            };
            let since = row.baseline_year.map(|y| format!("较{y}年")).unwrap_or_default();
            format!("{since}{dir}{b}{value}")
        }
        (Measure::Change, Lang::En) => {
            let dir = match row.direction {
                Some(Direction::Down) => "down",
                Some(Direction::Up) => "up",
                None => "change",
            };
            let since = row.baseline_year.map(|y| format!(" vs {y}")).unwrap_or_default();
            format!("{dir} {b}{value}{since}")
        }
        (Measure::Increment, Lang::Zh) => format!("新增{b}{value}"),
        (Measure::Increment, Lang::En) => format!("+{b}{value}"),
    }
}

/// A point with its year: `55,000个 (2023)`.
pub fn point_text(value: Option<(i32, f64)>, unit: &str) -> String {
    match value {
        Some((year, v)) => format!("{} ({year})", value_unit(Some(v), unit)),
        None => "—".to_owned(),
    }
}

/// The baseline cell of a row: `40.5μg/m³ (2020)`, or `— (2020)` when the base is only the
/// origin of a scale (an index 1, an increment's 0) that no source reported.
pub fn baseline_text(row: &ScoreRow) -> String {
    let a = row.assessment.as_ref();
    match a.and_then(|a| a.base.filter(|_| !a.base_observed)) {
        Some(b) => format!("— ({})", b.year),
        None => point_text(
            a.and_then(|a| a.base.as_ref())
                .map(|p| (p.year, display_value(a, p.value))),
            &display_unit(row),
        ),
    }
}

/// The latest-value cell of a row: `84.6亿元 (2022)`, `-10.82% (2024)` for an index.
pub fn latest_text(row: &ScoreRow) -> String {
    let a = row.assessment.as_ref();
    point_text(
        a.and_then(|a| a.latest.as_ref())
            .map(|p| (p.year, display_value(a, p.value))),
        &display_unit(row),
    )
}
