//! Plausible values: rules by unit and by what an indicator is (a share, a count, days
//! of a year) that tell an impossible figure (refused on entry) from an unlikely one
//! (held for a person to look at).

use pledge_model::{Measure, Unit};
use serde::Serialize;

/// How bad a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Possible but unusual: hold it for a person (a rise of more than 100 % in a year).
    Unlikely,
    /// Cannot be true: refuse it (a share above 100 %, a negative count).
    Impossible,
}

/// Which rule a figure breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A share or rate in % of a whole lies from 0 to 100.
    ShareRange,
    /// A count or a physical amount is not negative.
    Negative,
    /// A year has at most 366 days.
    DaysInYear,
    /// Nothing that cannot be negative falls by more than 100 %.
    FallBeyondWhole,
    /// A share moves by at most 100 percentage points.
    PointsBeyondWhole,
    /// A change of more than +100 % in one step.
    LargeChange,
    /// A level more than doubling, or falling by more than half, from the year before.
    LargeStep,
}

impl Rule {
    /// The rule as a code (`share_range`, `negative`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::ShareRange => "share_range",
            Rule::Negative => "negative",
            Rule::DaysInYear => "days_in_year",
            Rule::FallBeyondWhole => "fall_beyond_whole",
            Rule::PointsBeyondWhole => "points_beyond_whole",
            Rule::LargeChange => "large_change",
            Rule::LargeStep => "large_step",
        }
    }
}

/// Why a figure is not plausible: the rule, how bad, and a message for people naming
/// the value (the field at fault is always the value).
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct Implausible {
    /// The rule broken.
    pub rule: Rule,
    /// Refuse or hold.
    pub severity: Severity,
    /// What is wrong, in English, naming the bound (`a share cannot exceed 100 %`).
    pub message: String,
    /// The same in Chinese, for pages and reporters.
    pub message_zh: String,
}

impl Implausible {
    /// True when the figure cannot be true and must be refused.
    pub fn is_impossible(&self) -> bool {
        self.severity == Severity::Impossible
    }

    fn new(rule: Rule, severity: Severity, message: String, message_zh: String) -> Implausible {
        Implausible {
            rule,
            severity,
            message,
            message_zh,
        }
    }
}

/// A figure to check: which indicator, and the value as stored (signed: a fall is
/// negative) with its unit and measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value<'a> {
    /// The indicator's name (its wording tells a share or a growth rate).
    pub indicator: &'a str,
    /// The indicator's unit in the library, if known.
    pub indicator_unit: Option<&'a str>,
    /// The value, signed.
    pub value: f64,
    /// Its unit.
    pub unit: &'a str,
    /// Level, change or increment.
    pub measure: Measure,
}

/// Words that make a `%` level a growth rate, which may be negative or above 100.
const GROWTH: &[&str] = &[
    "增长", "增速", "增幅", "涨幅", "降幅", "下降", "变化", "提高", "回升", "增加",
];

/// Words naming an amount that may be negative (a balance, a net flow).
const SIGNED: &[&str] = &["利润", "差额", "余额", "净", "收支", "顺差", "逆差", "盈亏", "自然增长"];

/// Checks one figure against the rules of its unit and indicator; the first rule broken.
///
/// ```
/// use pledge_indicators::{Rule, Severity, Value, check_value};
/// use pledge_model::Measure;
/// let share = Value { indicator: "空气质量优良天数比例", indicator_unit: Some("%"),
///     value: 1234.5, unit: "%", measure: Measure::Level };
/// let e = check_value(&share).unwrap_err();
/// assert_eq!((e.rule, e.severity), (Rule::ShareRange, Severity::Impossible));
/// assert!(check_value(&Value { value: 80.2, ..share }).is_ok());
/// ```
pub fn check_value(v: &Value<'_>) -> Result<(), Implausible> {
    let unit = Unit::parse(v.unit);
    let growth = GROWTH.iter().any(|w| v.indicator.contains(w));
    match v.measure {
        Measure::Level if unit.is_percent() && is_share(v, growth) => share_range(v.value),
        Measure::Level if is_days(v.unit) => days(v.value),
        Measure::Level if may_not_be_negative(v, &unit, growth) && v.value < 0.0 => Err(Implausible::new(
            Rule::Negative,
            Severity::Impossible,
            format!("{} cannot be negative: a count or an amount is 0 or more", v.value),
            format!("{}不能为负数：数量或总量不小于0", v.value),
        )),
        Measure::Change if unit.is_percent() => relative_change(v.value),
        Measure::Change if unit.is_percentage_point() && v.value.abs() > 100.0 => Err(Implausible::new(
            Rule::PointsBeyondWhole,
            Severity::Impossible,
            format!(
                "{} percentage points is more than a whole: a share moves by at most 100",
                v.value
            ),
            format!("{}个百分点超出了整体：比重的变化不超过100个百分点", v.value),
        )),
        _ => Ok(()),
    }
}

/// Checks a level against the level of the year before: more than doubling or falling by
/// more than half in one year is unlikely (a typo in the magnitude, a wrong unit).
///
/// ```
/// use pledge_indicators::check_step;
/// assert!(check_step(80.0, 95.0).is_ok());
/// assert!(check_step(80.0, 1234.5).is_err());
/// ```
pub fn check_step(previous: f64, value: f64) -> Result<(), Implausible> {
    if previous <= 0.0 || value < 0.0 {
        return Ok(());
    }
    let change = (value / previous - 1.0) * 100.0;
    if !(-50.0..=100.0).contains(&change) {
        return Err(Implausible::new(
            Rule::LargeStep,
            Severity::Unlikely,
            format!("{value} is {change:+.0} % against {previous} the year before"),
            format!("{value}较上年{previous}变化{change:+.0}%"),
        ));
    }
    Ok(())
}

/// A share or rate of a whole: a `%` indicator (or, unknown, one worded as a share) that
/// is not a growth rate.
fn is_share(v: &Value<'_>, growth: bool) -> bool {
    if growth {
        return false;
    }
    match v.indicator_unit {
        Some(unit) => Unit::parse(unit).is_percent(),
        None => ["比重", "比例", "占比", "比率", "率"]
            .iter()
            .any(|w| v.indicator.contains(w)),
    }
}

fn share_range(value: f64) -> Result<(), Implausible> {
    if (0.0..=100.0).contains(&value) {
        return Ok(());
    }
    Err(Implausible::new(
        Rule::ShareRange,
        Severity::Impossible,
        format!("{value} % is not a share: a share or rate of a whole lies from 0 to 100 %"),
        format!("{value}%不是比例：占整体的比重或比率在0到100%之间"),
    ))
}

fn is_days(unit: &str) -> bool {
    matches!(unit.trim(), "天" | "日")
}

fn days(value: f64) -> Result<(), Implausible> {
    if (0.0..=366.0).contains(&value) {
        return Ok(());
    }
    Err(Implausible::new(
        Rule::DaysInYear,
        Severity::Impossible,
        format!("{value} days do not fit in a year (0 to 366)"),
        format!("{value}天超出了一年的天数（0到366天）"),
    ))
}

/// Levels that cannot be negative: anything with a unit that is not a ratio, unless the
/// indicator is a balance or a growth rate.
fn may_not_be_negative(v: &Value<'_>, unit: &Unit, growth: bool) -> bool {
    let text = v.unit.trim();
    let ratio = unit.is_percent() || unit.is_percentage_point() || matches!(text, "‰" | "");
    !ratio && !growth && !SIGNED.iter().any(|w| v.indicator.contains(w))
}

fn relative_change(value: f64) -> Result<(), Implausible> {
    if value < -100.0 {
        return Err(Implausible::new(
            Rule::FallBeyondWhole,
            Severity::Impossible,
            format!("a fall of {} % is more than the whole (at most 100 %)", -value),
            format!("下降{}%超过了整体（最多下降100%）", -value),
        ));
    }
    if value > 100.0 {
        return Err(Implausible::new(
            Rule::LargeChange,
            Severity::Unlikely,
            format!("a change of +{value} % in one step is beyond ±100 %"),
            format!("一次变化+{value}%超出了±100%"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(indicator: &str, indicator_unit: &str, value: f64, unit: &str) -> Result<(), Rule> {
        check_value(&Value {
            indicator,
            indicator_unit: Some(indicator_unit),
            value,
            unit,
            measure: Measure::Level,
        })
        .map_err(|e| e.rule)
    }

    fn change(value: f64, unit: &str) -> Result<(), (Rule, Severity)> {
        check_value(&Value {
            indicator: "单位地区生产总值能耗",
            indicator_unit: Some("吨标准煤/万元"),
            value,
            unit,
            measure: Measure::Change,
        })
        .map_err(|e| (e.rule, e.severity))
    }

    #[test]
    fn shares_lie_within_the_whole() {
        assert_eq!(level("空气质量优良天数比例", "%", 1234.5, "%"), Err(Rule::ShareRange));
        assert_eq!(level("城市生活污水集中收集率", "%", -1.0, "%"), Err(Rule::ShareRange));
        assert_eq!(level("空气质量优良天数比例", "%", 100.0, "%"), Ok(()));
        // A growth rate in % is no share.
        assert_eq!(level("地区生产总值增长", "%", 130.0, "%"), Ok(()));
        assert_eq!(level("GDP增速", "%", -3.0, "%"), Ok(()));
    }

    #[test]
    fn counts_and_amounts_are_not_negative() {
        assert_eq!(level("充换电设施保有量", "个", -5.0, "个"), Err(Rule::Negative));
        assert_eq!(level("污水处理能力", "吨/日", -1.0, "万吨/日"), Err(Rule::Negative));
        assert_eq!(level("规模以上工业企业利润", "元", -1.0, "亿元"), Ok(()));
        assert_eq!(level("环境空气质量综合指数", "", 4.5, ""), Ok(()));
        assert_eq!(level("空气质量优良天数", "天", 400.0, "天"), Err(Rule::DaysInYear));
        assert_eq!(level("空气质量优良天数", "天", 262.0, "天"), Ok(()));
    }

    #[test]
    fn changes_beyond_the_whole() {
        assert_eq!(change(-14.8, "%"), Ok(()));
        assert_eq!(change(-120.0, "%"), Err((Rule::FallBeyondWhole, Severity::Impossible)));
        assert_eq!(change(150.0, "%"), Err((Rule::LargeChange, Severity::Unlikely)));
        assert!(check_step(50.0, 20.0).is_err());
        assert!(check_step(0.0, 20.0).is_ok());
    }
}
