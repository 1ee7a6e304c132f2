//! Whether a value's unit can belong to an indicator: the same dimension, or a relative
//! change of any indicator.

use pledge_model::{Measure, Unit};

/// True when a value written in `value_unit` with `measure` can be a figure of an
/// indicator whose values are in `indicator_unit`.
///
/// The dimensions must agree (`万吨` converts to `吨`, never to `%`); a change may also be
/// relative (`%`) whatever the indicator's unit, and a change of a `%` indicator may be
/// in percentage points. Empty units agree with empty units only (a dimensionless index).
/// An `indicator_unit` of `None` (not known) agrees with anything.
///
/// ```
/// use pledge_indicators::units_agree;
/// use pledge_model::Measure;
/// assert!(units_agree(Some("吨"), "万吨", Measure::Level));
/// assert!(!units_agree(Some("%"), "万吨", Measure::Level));
/// assert!(units_agree(Some("吨标准煤/万元"), "%", Measure::Change));
/// assert!(units_agree(Some("%"), "百分点", Measure::Change));
/// ```
pub fn units_agree(indicator_unit: Option<&str>, value_unit: &str, measure: Measure) -> bool {
    let Some(indicator_unit) = indicator_unit.map(str::trim) else {
        return true;
    };
    let value_unit = value_unit.trim();
    if indicator_unit == value_unit {
        return true;
    }
    let from = Unit::parse(value_unit);
    let to = Unit::parse(indicator_unit);
    if measure == Measure::Change && (from.is_percent() || (from.is_percentage_point() && to.is_percent())) {
        return true;
    }
    !value_unit.is_empty() && !indicator_unit.is_empty() && from.factor_to(&to).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions() {
        assert!(units_agree(Some("元"), "亿元", Measure::Level));
        assert!(units_agree(Some("吨/日"), "万吨/日", Measure::Increment));
        assert!(units_agree(Some(""), "", Measure::Level));
        assert!(units_agree(None, "万吨", Measure::Level));
        assert!(!units_agree(Some("天"), "%", Measure::Level));
        assert!(!units_agree(Some("元"), "百分点", Measure::Change));
        assert!(!units_agree(Some(""), "%", Measure::Level));
        assert!(!units_agree(Some("个"), "家", Measure::Level));
    }
}
