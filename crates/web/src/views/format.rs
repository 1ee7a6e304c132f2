//! Numbers, targets and shares written for people, in the page's language.

use pledge_model::{Direction, Measure};

use crate::chart::format_number;
use crate::i18n::{Lang, Tr};
use crate::views::scoreboard::ScoreRow;

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
