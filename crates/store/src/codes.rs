//! Text codes of the model's enumerations, shared by every SQL backend.

use pledge_model::{Bound, Direction, Kind, Measure};

/// `level`, `change`, `increment`.
pub(crate) fn measure(m: Measure) -> &'static str {
    match m {
        Measure::Level => "level",
        Measure::Change => "change",
        Measure::Increment => "increment",
    }
}

/// Parses a measure code.
pub(crate) fn parse_measure(s: &str) -> Option<Measure> {
    Some(match s {
        "level" => Measure::Level,
        "change" => Measure::Change,
        "increment" => Measure::Increment,
        _ => return None,
    })
}

/// `=`, `>=`, `<=`, `~`.
pub(crate) fn bound(b: Bound) -> &'static str {
    match b {
        Bound::Eq => "=",
        Bound::Ge => ">=",
        Bound::Le => "<=",
        Bound::About => "~",
    }
}

/// Parses a bound code.
pub(crate) fn parse_bound(s: &str) -> Option<Bound> {
    Some(match s {
        "=" => Bound::Eq,
        ">=" => Bound::Ge,
        "<=" => Bound::Le,
        "~" => Bound::About,
        _ => return None,
    })
}

/// `up`, `down`.
pub(crate) fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// Parses a direction code.
pub(crate) fn parse_direction(s: &str) -> Option<Direction> {
    Some(match s {
        "up" => Direction::Up,
        "down" => Direction::Down,
        _ => return None,
    })
}

/// `target`, `actual`.
pub(crate) fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Target => "target",
        Kind::Actual => "actual",
    }
}

/// Parses a kind code.
pub(crate) fn parse_kind(s: &str) -> Option<Kind> {
    Some(match s {
        "target" => Kind::Target,
        "actual" => Kind::Actual,
        _ => return None,
    })
}

/// A year a figure can plausibly refer to: refuses typos like `20225` and `0`.
pub(crate) fn plausible_year(y: i32) -> bool {
    (1900..=2200).contains(&y)
}
