//! Which way an indicator should move: the desirability of higher or lower values.

use serde::{Deserialize, Serialize};

use crate::fact::{Bound, Direction, Measure};

/// Whether higher or lower values of an indicator are better.
///
/// It comes from the indicator when known (more charging points are better, more
/// pollution days worse) and otherwise follows from the wording of the target
/// ([`Desirability::implied_by`]). Progress is measured against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Desirability {
    /// Higher values are better (d = +1).
    Up,
    /// Lower values are better (d = −1).
    Down,
}

impl Desirability {
    /// The sign used in the formulas of `progress-methods.md`: +1 for up, −1 for down.
    pub fn sign(self) -> f64 {
        match self {
            Desirability::Up => 1.0,
            Desirability::Down => -1.0,
        }
    }

    /// The opposite desirability.
    pub fn reversed(self) -> Desirability {
        match self {
            Desirability::Up => Desirability::Down,
            Desirability::Down => Desirability::Up,
        }
    }

    /// The desirability a target's wording implies when the indicator does not say
    /// (`assess-io.md`): a `<=` bound wants lower values, a `>=` bound higher ones, a
    /// `change` target wants its own direction (reversed when the bound caps the change,
    /// as in `增长控制在5%以内`), and an `increment` wants more. `=` and `~` level targets
    /// imply nothing, and are then met from both sides.
    pub fn implied_by(
        measure: Measure,
        direction: Option<Direction>,
        bound: Bound,
        value: f64,
    ) -> Option<Desirability> {
        match measure {
            Measure::Level => match bound {
                Bound::Ge => Some(Desirability::Up),
                Bound::Le => Some(Desirability::Down),
                Bound::Eq | Bound::About => None,
            },
            Measure::Change => {
                let moved = match direction {
                    Some(Direction::Up) => Some(Desirability::Up),
                    Some(Direction::Down) => Some(Desirability::Down),
                    None if value > 0.0 => Some(Desirability::Up),
                    None if value < 0.0 => Some(Desirability::Down),
                    None => None,
                };
                match bound {
                    Bound::Le => moved.map(Desirability::reversed),
                    Bound::Ge | Bound::Eq | Bound::About => moved,
                }
            }
            Measure::Increment => match bound {
                Bound::Le => Some(Desirability::Down),
                Bound::Ge | Bound::Eq | Bound::About => Some(Desirability::Up),
            },
        }
    }

    /// The lowercase name used in JSON (`up`, `down`).
    pub fn as_str(self) -> &'static str {
        match self {
            Desirability::Up => "up",
            Desirability::Down => "down",
        }
    }
}
