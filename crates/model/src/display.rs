//! Numbers, units and bounds written the way Chinese readers and official texts write
//! them: `62亿元` not `6,200,000,000元`, `180万吨/日`, `μg/m³`, `≤42μg/m³`.
//!
//! One module for every surface (web pages, `pledge assess`, explanations), so that a
//! value reads the same wherever it is shown. JSON numbers stay plain numbers; these are
//! for people.

use crate::{Bound, Desirability};

/// Formats a number for people: `亿` from 10⁸, `万` from 10⁵ (and from 10⁴ when the
/// amount is a round number of 万 such as 8万 or 2.2万), otherwise the digits without
/// grouping. Decimals follow the size: whole numbers from 1000, one decimal from 100,
/// two from 1, four below 1, trailing zeros dropped; a scaled amount keeps up to four
/// decimals (`84.6亿`, `1.818万`). Not finite: `—`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let abs = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    if abs >= 1e8 {
        let scaled = trimmed(abs / 1e8, 4);
        return format!("{sign}{scaled}亿");
    }
    let round_wan = (abs / 1e3 - (abs / 1e3).round()).abs() < 1e-9;
    if abs >= 1e5 || (abs >= 1e4 && round_wan) {
        let scaled = trimmed(abs / 1e4, 4);
        return format!("{sign}{scaled}万");
    }
    let text = plain(value);
    if text == "-0" { "0".into() } else { text }
}

/// The digits of a number below 10⁵ (or unscaled), with decimals by size.
pub fn plain(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let abs = value.abs();
    let decimals = if abs >= 1000.0 {
        0
    } else if abs >= 100.0 {
        1
    } else if abs >= 1.0 {
        2
    } else {
        4
    };
    let text = trimmed(value, decimals);
    if text == "-0" { "0".into() } else { text }
}

/// `value` with at most `decimals` decimals, trailing zeros dropped.
fn trimmed(value: f64, decimals: usize) -> String {
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        while text.ends_with('0') {
            text.pop();
        }
        if text.ends_with('.') {
            text.pop();
        }
    }
    text
}

/// A number rounded to `digits` significant digits, then written by [`number`]: for
/// derived figures (rates, forecasts) that the data support only to a few digits.
pub fn significant(value: f64, digits: i32) -> String {
    if !value.is_finite() || value == 0.0 {
        return number(value);
    }
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    let rounded = (value * scale).round() / scale;
    number(if rounded.is_finite() { rounded } else { value })
}

/// A unit typeset: superscript powers (`m3` → `m³`, `μg/m3` → `μg/m³`), and the
/// Chinese names of the air-quality unit read as `μg/m³` (`微克/立方米`).
pub fn unit(unit: &str) -> String {
    let u = unit.trim();
    match u {
        "微克/立方米" | "微克每立方米" | "ug/m3" | "µg/m3" | "μg/m3" | "μg/m³" => return "μg/m³".into(),
        "毫克/立方米" | "mg/m3" => return "mg/m³".into(),
        _ => {}
    }
    let mut out = String::with_capacity(u.len());
    let chars: Vec<char> = u.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let after_m = i > 0 && chars[i - 1] == 'm' && (i < 2 || !chars[i - 2].is_ascii_alphabetic());
        let last = i + 1 == chars.len() || !chars[i + 1].is_ascii_alphanumeric();
        match c {
            '2' if after_m && last => out.push('²'),
            '3' if after_m && last => out.push('³'),
            _ => out.push(c),
        }
    }
    out
}

/// A value with its unit: `62亿元`, `180万吨/日`, `28μg/m³`, `0.5568 kgCO2/kWh` (a space
/// only before a unit in Latin letters), the bare number for no unit or an index.
pub fn amount(value: f64, unit_text: &str) -> String {
    let n = number(value);
    let u = unit(unit_text);
    if u.is_empty() || u == "index" {
        n
    } else if u.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && !n.ends_with(['万', '亿']) {
        format!("{n} {u}")
    } else {
        format!("{n}{u}")
    }
}

/// The comparator a reader needs in front of a target value: `≥`, `≤`, `≈`; for `=` the
/// side the indicator's desirability makes acceptable (a PM2.5 target of 42 is `≤42`),
/// nothing when it is two-sided.
pub fn bound_symbol(bound: Bound, desirable: Option<Desirability>) -> &'static str {
    match (bound, desirable) {
        (Bound::Ge, _) => "≥",
        (Bound::Le, _) => "≤",
        (Bound::About, _) => "≈",
        (Bound::Eq, Some(Desirability::Up)) => "≥",
        (Bound::Eq, Some(Desirability::Down)) => "≤",
        (Bound::Eq, None) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_numbers_use_wan_and_yi() {
        assert_eq!(number(6_200_000_000.0), "62亿");
        assert_eq!(number(314_000_000_000.0), "3140亿");
        assert_eq!(number(8_460_000_000.0), "84.6亿");
        assert_eq!(number(1_800_000.0), "180万");
        assert_eq!(number(250_000.0), "25万");
        assert_eq!(number(80_000.0), "8万");
        assert_eq!(number(22_000.0), "2.2万");
        assert_eq!(number(-1_234_567.0), "-123.4567万");
        assert_eq!(number(33_400.0), "33400");
        assert_eq!(number(18_180.0), "18180");
        assert_eq!(number(9494.0), "9494");
        assert_eq!(number(0.865), "0.865");
        assert_eq!(number(-7.3), "-7.3");
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(f64::NAN), "—");
    }

    #[test]
    fn no_number_of_a_hundred_thousand_or_more_is_left_unscaled() {
        for x in [1e5, 123_456.7, 9.99e7, 1e8, 1.14367e14, -5e5] {
            let text = number(x);
            assert!(text.ends_with('万') || text.ends_with('亿'), "{x}: {text}");
        }
    }

    #[test]
    fn units_are_typeset_and_joined() {
        assert_eq!(unit("μg/m3"), "μg/m³");
        assert_eq!(unit("微克/立方米"), "μg/m³");
        assert_eq!(unit("m2"), "m²");
        assert_eq!(unit("万m3"), "万m³");
        assert_eq!(unit("kgCO2/kWh"), "kgCO2/kWh");
        assert_eq!(amount(6_200_000_000.0, "元"), "62亿元");
        assert_eq!(amount(1_800_000.0, "吨/日"), "180万吨/日");
        assert_eq!(amount(40.0, "μg/m3"), "40μg/m³");
        assert_eq!(amount(0.5568, "kgCO2/kWh"), "0.5568 kgCO2/kWh");
        assert_eq!(amount(4_300_000.0, "千瓦"), "430万千瓦");
        assert_eq!(amount(0.93, "index"), "0.93");
    }

    #[test]
    fn significant_digits_round_derived_figures() {
        assert_eq!(significant(-0.0270565, 3), "-0.0271");
        assert_eq!(significant(78_333.33, 4), "78330");
        assert_eq!(significant(0.8647175, 4), "0.8647");
        assert_eq!(significant(12_500.0, 3), "12500");
    }

    #[test]
    fn an_equal_bound_takes_the_desirable_side() {
        assert_eq!(bound_symbol(Bound::Eq, Some(Desirability::Down)), "≤");
        assert_eq!(bound_symbol(Bound::Eq, Some(Desirability::Up)), "≥");
        assert_eq!(bound_symbol(Bound::Eq, None), "");
        assert_eq!(bound_symbol(Bound::Le, None), "≤");
    }
}
