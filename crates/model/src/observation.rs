//! Observations: values reported for an indicator in a year.

use serde::{Deserialize, Serialize};

use crate::fact::{Fact, Kind, Measure};

/// One reported value of an indicator, in any of the forms real reports use.
///
/// - `level`: the indicator's value in `year` (`383家`);
/// - `change`: a signed change from `baseline_year` to `year`, relative in `%` or absolute
///   in the indicator's unit (`同比下降2.7%` → −2.7 with baseline `year − 1`;
///   `较2020年下降7.3%` → −7.3 with baseline 2020);
/// - `increment`: an amount added between `baseline_year` and `year` (`新增8家`).
///
/// A part-year value (`period` = `Q1`, `H1`, `1-9月`) is never compared with a whole-year target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// The year the value refers to.
    pub year: i32,
    /// Part of the year (`Q1`, `H1`, `1-9月`); `None` for a whole year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The value; signed for a change (a fall is negative).
    pub value: f64,
    /// The unit of `value`.
    pub unit: String,
    /// Level (default), change or increment.
    #[serde(default = "default_measure")]
    pub measure: Measure,
    /// For a change or increment: the year it is counted from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<i32>,
}

/// The measure an observation has when none is given.
fn default_measure() -> Measure {
    Measure::Level
}

impl Observation {
    /// A whole-year level observation.
    pub fn level(year: i32, value: f64, unit: &str) -> Observation {
        Observation {
            year,
            period: None,
            value,
            unit: unit.to_owned(),
            measure: Measure::Level,
            baseline_year: None,
        }
    }

    /// A whole-year change from `baseline_year` to `year` (signed: a fall is negative).
    pub fn change(year: i32, baseline_year: i32, value: f64, unit: &str) -> Observation {
        Observation {
            measure: Measure::Change,
            baseline_year: Some(baseline_year),
            ..Observation::level(year, value, unit)
        }
    }

    /// A whole-year increment added from `baseline_year` to `year`.
    pub fn increment(year: i32, baseline_year: i32, value: f64, unit: &str) -> Observation {
        Observation {
            measure: Measure::Increment,
            baseline_year: Some(baseline_year),
            ..Observation::level(year, value, unit)
        }
    }

    /// True for a part-year value (`period` present).
    pub fn is_part_year(&self) -> bool {
        self.period.is_some()
    }

    /// Builds an observation from an `actual` fact record; a change's value gets the sign
    /// of its direction. `None` for a target or a fact without a year.
    pub fn from_fact(fact: &Fact) -> Option<Observation> {
        if fact.kind != Kind::Actual {
            return None;
        }
        let year = fact.year?;
        let value = match (fact.measure, fact.direction) {
            (Measure::Change, Some(crate::fact::Direction::Down)) => -fact.value.abs(),
            _ => fact.value,
        };
        Some(Observation {
            year,
            period: fact.period.clone(),
            value,
            unit: fact.unit.to_string(),
            measure: fact.measure,
            baseline_year: fact.baseline_year,
        })
    }
}
