//! Targets: a value someone has committed to reach by a year.

use serde::{Deserialize, Serialize};

use crate::desirability::Desirability;
use crate::fact::{Bound, Direction, Fact, Kind, Measure};

/// A quantitative target, normalized from a fact record or entered by hand.
///
/// The fields are those of a fact (`facts.md`) that matter for assessing it, so a target
/// can be read from the same JSON; it adds only the aspiration flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Whether the target is a level, a change against `baseline_year`, or an increment.
    pub measure: Measure,
    /// For a `change`: up (提高/增长) or down (下降/降低); `None` reads the sign of `value`.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// How the stated value bounds the real one.
    pub bound: Bound,
    /// The stated number, magnitudes applied (`8万` → 80000, `下降14.8%` → 14.8).
    pub value: f64,
    /// The upper end of a stated range (`3亿元-4亿元`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// The unit of `value` (`个`, `%`, `百分点`, `万千瓦`).
    pub unit: String,
    /// The year the target is due.
    pub year: i32,
    /// The year a change is compared against, or the year before an increment starts;
    /// for a level target, optionally the start of the plan period.
    #[serde(default)]
    pub baseline_year: Option<i32>,
    /// Aspirational wording (`力争`): reported, but assessed like any other target.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aspiration: bool,
}

/// Why a fact record cannot become a target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// The fact reports an actual value, not a commitment.
    #[error("the fact is an actual value, not a target")]
    NotATarget,
    /// The fact has no due year (`预计年产能达9000万米`).
    #[error("the target has no year")]
    NoYear,
}

impl Target {
    /// Builds a target from a fact record of kind `target`; `力争` in the quote marks it
    /// as aspirational.
    pub fn from_fact(fact: &Fact) -> Result<Target, TargetError> {
        if fact.kind != Kind::Target {
            return Err(TargetError::NotATarget);
        }
        let year = fact.year.ok_or(TargetError::NoYear)?;
        Ok(Target {
            measure: fact.measure,
            direction: fact.direction,
            bound: fact.bound,
            value: fact.value,
            value_max: fact.value_max,
            unit: fact.unit.to_string(),
            year,
            baseline_year: fact.baseline_year,
            aspiration: fact.quote.contains("力争"),
        })
    }

    /// The desirability the target's wording implies ([`Desirability::implied_by`]).
    pub fn implied_desirability(&self) -> Option<Desirability> {
        Desirability::implied_by(self.measure, self.direction, self.bound, self.value)
    }
}
