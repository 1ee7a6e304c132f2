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

/// Words that make an amount an amount per day (`日处理污水能力151万吨`, `每天的处理能力7500吨`).
const PER_DAY: &[&str] = &["日处理", "日处置", "日供水", "日产", "每日", "每天", "日均"];

/// The per-day unit of an amount whose wording says it is counted per day but whose unit
/// does not (`中心城区整体日处理污水能力` in `万吨` → `万吨/日`), as facts.md writes a daily
/// capacity (`吨/日`); `None` when the unit is already a rate, is no mass or volume, or
/// the wording says nothing of a day.
///
/// ```
/// use pledge_indicators::units::per_day;
/// assert_eq!(per_day("中心城區整體日處理污水能力", "吨").as_deref(), Some("吨/日"));
/// assert_eq!(per_day("污水处理能力", "吨"), None);
/// assert_eq!(per_day("每日可焚烧生活垃圾", "吨/日"), None);
/// ```
pub fn per_day(wording: &str, unit: &str) -> Option<String> {
    let unit = unit.trim();
    if unit.is_empty() || unit.contains('/') {
        return None;
    }
    let parsed = Unit::parse(unit);
    let amount = ["吨", "立方米"]
        .iter()
        .any(|base| parsed.factor_to(&Unit::parse(base)).is_some());
    let simplified = fast2s::convert(wording);
    (amount && PER_DAY.iter().any(|w| simplified.contains(w))).then(|| format!("{unit}/日"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_amounts() {
        assert_eq!(per_day("日处理能力", "万吨").as_deref(), Some("万吨/日"));
        assert_eq!(per_day("每天的处理能力大概", "吨").as_deref(), Some("吨/日"));
        assert!(units_agree(
            Some("吨/日"),
            &per_day("日處理污水能力", "万吨").unwrap(),
            Measure::Level
        ));
        assert_eq!(per_day("日处理能力", "个"), None);
        assert_eq!(per_day("垃圾处理量", "吨"), None);
        assert_eq!(per_day("有害垃圾每月", "吨"), None);
    }

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
