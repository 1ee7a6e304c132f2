//! A target restated on the scale it is assessed on, with the band of values that meet it.

use pledge_model::{Bound, Desirability, Direction, Measure, Target, Unit};

use crate::error::AssessError;

/// The scale on which a target's values are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The indicator's own level, in the target's unit (`level` targets).
    Level,
    /// An index with the baseline year at 1 (`change` targets stated in `%`).
    Index,
    /// The amount added or changed since the baseline year, 0 at the baseline, in the
    /// target's unit (`increment` targets and absolute `change` targets such as
    /// `提高0.5个百分点`).
    Cumulative,
}

/// A target restated on its assessment scale.
#[derive(Debug, Clone)]
pub struct Goal {
    /// The scale of every value below.
    pub scale: Scale,
    /// The target's unit (for `Scale::Index` the unit of the stated change, `%`).
    pub unit: Unit,
    /// The unit levels are expressed in when they are read (for a change in `百分点`, `%`).
    pub level_unit: Option<Unit>,
    /// The target year T.
    pub year: i32,
    /// The stated baseline year, if any.
    pub baseline_year: Option<i32>,
    /// The desirability given or implied by the wording; `None` = met from both sides.
    pub desirable: Option<Desirability>,
    /// The stated value on the scale (low end of a range).
    pub value_lo: f64,
    /// The high end of a stated range on the scale (equal to `value_lo` for a single value).
    pub value_hi: f64,
    /// Values at or above this meet the bound (−∞ when unbounded below).
    pub meet_lo: f64,
    /// Values at or below this meet the bound (+∞ when unbounded above).
    pub meet_hi: f64,
    /// The stated bound.
    pub bound: Bound,
    /// Aspirational wording (`力争`).
    pub aspiration: bool,
}

/// Relative slack for floating-point noise when testing a bound (`0.1 + 0.2` is `0.3`).
const EPS: f64 = 1e-9;

/// `a ≥ b` up to floating-point noise relative to their size.
pub fn at_least(a: f64, b: f64) -> bool {
    if b == f64::NEG_INFINITY {
        return true;
    }
    a >= b - EPS * a.abs().max(b.abs())
}

/// `a ≤ b` up to floating-point noise relative to their size.
pub fn at_most(a: f64, b: f64) -> bool {
    if b == f64::INFINITY {
        return true;
    }
    a <= b + EPS * a.abs().max(b.abs())
}

impl Goal {
    /// Restates `target` on its scale. `desirable` is the indicator's desirability when
    /// known; `tolerance` is the relative half-width of a `~` bound.
    pub fn new(target: &Target, desirable: Option<Desirability>, tolerance: f64) -> Result<Goal, AssessError> {
        let bad = |field: &str, message: String| AssessError::Target {
            field: field.to_owned(),
            message,
        };
        if !target.value.is_finite() {
            return Err(bad("value", "not a finite number".into()));
        }
        if let Some(max) = target.value_max {
            if !max.is_finite() {
                return Err(bad("value_max", "not a finite number".into()));
            }
        }
        if !tolerance.is_finite() || tolerance < 0.0 {
            return Err(AssessError::Options {
                field: "tolerance".into(),
                message: format!("must be a finite number ≥ 0, got {tolerance}"),
            });
        }
        if let Some(b) = target.baseline_year {
            if b >= target.year {
                return Err(bad(
                    "baseline_year",
                    format!("baseline year {b} is not before the target year {}", target.year),
                ));
            }
        }
        let unit = Unit::parse(&target.unit);
        let (scale, level_unit) = match target.measure {
            Measure::Level => (Scale::Level, Some(unit.clone())),
            Measure::Change if unit.is_percent() => (Scale::Index, None),
            Measure::Change | Measure::Increment if unit.is_percentage_point() => {
                (Scale::Cumulative, Some(Unit::parse("%")))
            }
            Measure::Change | Measure::Increment => (Scale::Cumulative, Some(unit.clone())),
        };
        // The map from a stated number to the scale, and whether it reverses order.
        let sign = match (target.measure, target.direction) {
            (Measure::Change, Some(Direction::Down)) => -1.0,
            _ => 1.0,
        };
        let magnitude = |x: f64| match (target.measure, target.direction) {
            (Measure::Change, Some(_)) => x.abs(),
            _ => x,
        };
        let map = |x: f64| match scale {
            Scale::Index => 1.0 + sign * magnitude(x) / 100.0,
            Scale::Level => x,
            Scale::Cumulative => sign * magnitude(x),
        };
        let (stated_lo, stated_hi) = match target.value_max {
            Some(max) if max >= target.value => (target.value, max),
            Some(max) => (max, target.value),
            None => (target.value, target.value),
        };
        let (s_lo, s_hi) = (magnitude(stated_lo), magnitude(stated_hi));
        let (s_lo, s_hi) = if s_lo <= s_hi { (s_lo, s_hi) } else { (s_hi, s_lo) };
        // The bound read on the stated numbers, then mapped onto the scale.
        let (band_lo, band_hi) = match target.bound {
            Bound::About => (s_lo - tolerance * s_lo.abs(), s_hi + tolerance * s_hi.abs()),
            Bound::Eq | Bound::Ge | Bound::Le => (s_lo, s_hi),
        };
        let increasing = !(scale != Scale::Level && sign < 0.0);
        let (lo, hi) = if increasing {
            (map(band_lo), map(band_hi))
        } else {
            (map(band_hi), map(band_lo))
        };
        let (value_lo, value_hi) = {
            let (a, b) = (map(s_lo), map(s_hi));
            if a <= b { (a, b) } else { (b, a) }
        };
        if !(lo.is_finite() && hi.is_finite() && value_lo.is_finite() && value_hi.is_finite()) {
            return Err(bad("value", "too large to assess".into()));
        }
        let implied = target.implied_desirability();
        let desirable = desirable.or(implied);
        // `>=` / `<=` on the stated number; on a reversed scale they swap.
        let stated_ge = |ge: bool| {
            if ge == increasing {
                (lo, f64::INFINITY)
            } else {
                (f64::NEG_INFINITY, hi)
            }
        };
        let (meet_lo, meet_hi) = match target.bound {
            Bound::Ge => stated_ge(true),
            Bound::Le => stated_ge(false),
            Bound::Eq | Bound::About => match desirable {
                Some(Desirability::Up) => (lo, f64::INFINITY),
                Some(Desirability::Down) => (f64::NEG_INFINITY, hi),
                None => (lo, hi),
            },
        };
        Ok(Goal {
            scale,
            unit,
            level_unit,
            year: target.year,
            baseline_year: target.baseline_year,
            desirable,
            value_lo,
            value_hi,
            meet_lo,
            meet_hi,
            bound: target.bound,
            aspiration: target.aspiration,
        })
    }

    /// True when `value` (on the goal's scale) meets the bound.
    pub fn meets(&self, value: f64) -> bool {
        at_least(value, self.meet_lo) && at_most(value, self.meet_hi)
    }

    /// The target value v_T used for progress from a base value: the stated value, or for
    /// a range the end that the desirability (or, without one, the base) points to.
    pub fn target_value(&self, base: Option<f64>) -> f64 {
        if self.value_lo == self.value_hi {
            return self.value_lo;
        }
        if self.meet_lo == f64::NEG_INFINITY {
            return self.value_hi;
        }
        if self.meet_hi == f64::INFINITY {
            return self.value_lo;
        }
        match base {
            Some(b) if b > self.value_hi => self.value_hi,
            _ => self.value_lo,
        }
    }

    /// The edge of the meeting band a value approaching from `from` crosses first.
    pub fn edge_from(&self, from: f64) -> Option<f64> {
        if from < self.meet_lo {
            Some(self.meet_lo)
        } else if from > self.meet_hi {
            Some(self.meet_hi)
        } else {
            None
        }
    }
}
