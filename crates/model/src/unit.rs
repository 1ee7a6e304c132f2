//! Units of measurement: a base unit with a dimension, plus a Chinese magnitude prefix.
//!
//! Reports state the same quantity as `5.5万个`, `55000个` or `0.55十万个`; plans write
//! `430万千瓦` and statistics `4300000千瓦`. To compare them we split a unit into a
//! magnitude prefix (`十`, `百`, `千`, `万`, `十万`, `百万`, `千万`, `亿`, `万亿`) and a base
//! unit, and give each known base unit a dimension and a factor within it (`公里` is
//! 1000 `米`). Two units convert when their dimensions match. Counted things keep their
//! own dimension (`个` never converts to `家`), and an unknown unit compares only with the
//! very same string: we would rather refuse a comparison than guess.

use std::borrow::Cow;
use std::fmt;

/// Chinese magnitude prefixes, longest first so that `十万` wins over `十`.
const PREFIXES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("十万", 1e5),
    ("百万", 1e6),
    ("千万", 1e7),
    ("十", 1e1),
    ("百", 1e2),
    ("千", 1e3),
    ("万", 1e4),
    ("亿", 1e8),
];

/// Known base units: (name, dimension, factor of the dimension's reference unit).
///
/// Counted things (`个`, `家`, …) are each their own dimension.
const BASES: &[(&str, &str, f64)] = &[
    // ratios
    ("%", "%", 1.0),
    ("百分点", "百分点", 1.0),
    // money
    ("元", "元", 1.0),
    // length
    ("米", "length", 1.0),
    ("公里", "length", 1e3),
    ("千米", "length", 1e3),
    // area
    ("平方米", "area", 1.0),
    ("平方公里", "area", 1e6),
    ("平方千米", "area", 1e6),
    ("公顷", "area", 1e4),
    ("亩", "area", 10_000.0 / 15.0),
    // volume
    ("立方米", "volume", 1.0),
    ("升", "volume", 1e-3),
    // mass
    ("微克", "mass", 1e-6),
    ("毫克", "mass", 1e-3),
    ("克", "mass", 1.0),
    ("千克", "mass", 1e3),
    ("公斤", "mass", 1e3),
    ("吨", "mass", 1e6),
    // energy as coal equivalent
    ("吨标准煤", "tce", 1.0),
    ("吨标煤", "tce", 1.0),
    // power and energy
    ("瓦", "power", 1.0),
    ("千瓦", "power", 1e3),
    ("兆瓦", "power", 1e6),
    ("吉瓦", "power", 1e9),
    ("千瓦时", "energy", 1.0),
    ("度", "energy", 1.0),
    ("兆瓦时", "energy", 1e3),
    // time
    ("小时", "time", 1.0),
    ("天", "day", 1.0),
    ("日", "day", 1.0),
    // counted things
    ("个", "个", 1.0),
    ("家", "家", 1.0),
    ("辆", "辆", 1.0),
    // Pieces of equipment are counted in 台 or 个 alike (充电桩 11.76万台 = 11.76万个).
    ("台", "个", 1.0),
    ("座", "座", 1.0),
    ("人", "人", 1.0),
    ("名", "人", 1.0),
    ("人次", "人次", 1.0),
    ("户", "户", 1.0),
    ("项", "项", 1.0),
    ("所", "所", 1.0),
    ("处", "处", 1.0),
    ("套", "套", 1.0),
    ("件", "件", 1.0),
    ("次", "次", 1.0),
    ("场", "场", 1.0),
    ("册", "册", 1.0),
    ("张", "张", 1.0),
    ("条", "条", 1.0),
    ("间", "间", 1.0),
    ("床", "床", 1.0),
    ("张床", "床", 1.0),
    ("株", "株", 1.0),
    ("棵", "株", 1.0),
    ("头", "头", 1.0),
    ("只", "只", 1.0),
    ("篇", "篇", 1.0),
    ("部", "部", 1.0),
    ("批", "批", 1.0),
];

/// Spellings that mean the same unit, mapped to the spelling used in [`BASES`].
const ALIASES: &[(&str, &str)] = &[
    ("μg/m3", "微克/立方米"),
    ("μg/m³", "微克/立方米"),
    ("µg/m3", "微克/立方米"),
    ("µg/m³", "微克/立方米"),
    ("ug/m3", "微克/立方米"),
    ("ug/m³", "微克/立方米"),
    ("mg/m3", "毫克/立方米"),
    ("mg/m³", "毫克/立方米"),
    ("微克每立方米", "微克/立方米"),
    ("毫克每立方米", "毫克/立方米"),
    ("％", "%"),
    ("个百分点", "百分点"),
    ("pp", "百分点"),
    ("kWh", "千瓦时"),
    ("kW", "千瓦"),
    ("km", "公里"),
    ("m2", "平方米"),
    ("m²", "平方米"),
    ("m3", "立方米"),
    ("m³", "立方米"),
    ("kg", "千克"),
    ("t", "吨"),
];

/// A parsed unit: its dimension and how many reference units of that dimension one of it is.
///
/// Build one with [`Unit::parse`]; ask [`Unit::factor_to`] how to convert between two.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The unit as written (trimmed), kept for messages.
    text: String,
    /// The dimension key: a known dimension, a `num/den` pair, or the raw text of an
    /// unknown unit (prefixed so it never collides with a known one).
    dimension: Cow<'static, str>,
    /// How many reference units of the dimension one of this unit is.
    factor: f64,
}

impl Unit {
    /// Parses a unit as written in a fact or a report (`万个`, `亿元`, `μg/m3`, `万吨/日`).
    ///
    /// Never fails: a unit we do not know becomes its own dimension, comparable only with
    /// the same string.
    pub fn parse(text: &str) -> Unit {
        let trimmed = text.trim();
        let canonical = canonical_spelling(trimmed);
        let (dimension, factor) = match parse_compound(canonical) {
            Some(found) => found,
            None => (Cow::Owned(format!("?{canonical}")), 1.0),
        };
        Unit {
            text: trimmed.to_owned(),
            dimension,
            factor,
        }
    }

    /// The unit as written, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the unit is a percentage (`%`), which a `change` reads as a relative change.
    pub fn is_percent(&self) -> bool {
        self.dimension == "%" && self.factor == 1.0
    }

    /// True when the unit is percentage points (`百分点`), an absolute difference of percentages.
    pub fn is_percentage_point(&self) -> bool {
        self.dimension == "百分点"
    }

    /// The factor `f` such that `x` of `self` equals `x * f` of `other`, when the dimensions
    /// match; `None` when they do not (the caller must refuse, not guess).
    pub fn factor_to(&self, other: &Unit) -> Option<f64> {
        if self.dimension == other.dimension {
            Some(self.factor / other.factor)
        } else {
            None
        }
    }

    /// Converts `value` of this unit into `other`, or `None` when the dimensions differ.
    ///
    /// Scaling by a power of ten is done on the decimal digits, so `84.6亿元` is exactly
    /// 8460000000 `元` rather than 8459999999.999999.
    pub fn convert(&self, value: f64, other: &Unit) -> Option<f64> {
        let factor = self.factor_to(other)?;
        if factor == 1.0 {
            return Some(value);
        }
        Some(scale(value, factor))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Converts `value` from the unit written `from` into the unit written `to`.
///
/// A shorthand for [`Unit::parse`] and [`Unit::convert`]; `None` when the units do not convert.
pub fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    if from.trim() == to.trim() {
        return Some(value);
    }
    Unit::parse(from).convert(value, &Unit::parse(to))
}

/// `value × factor`, computed on the decimal digits when `factor` is a power of ten so
/// that `84.6 × 1e8` is exactly 8460000000.
pub fn scale(value: f64, factor: f64) -> f64 {
    shift_decimal(value, factor).unwrap_or(value * factor)
}

/// `value × factor` on the decimal digits, when `factor` is a power of ten.
fn shift_decimal(value: f64, factor: f64) -> Option<f64> {
    if factor == 1.0 || !value.is_finite() {
        return Some(value);
    }
    let k = factor.log10().round();
    if !(-300.0..=300.0).contains(&k) || (factor / 10f64.powi(k as i32) - 1.0).abs() > 1e-12 {
        return None;
    }
    let text = format!("{value:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    format!("{mantissa}e{}", exponent + k as i32).parse().ok()
}

/// Maps alternative spellings (`μg/m3`, `％`) to the one [`BASES`] knows.
fn canonical_spelling(text: &str) -> &str {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == text)
        .map_or(text, |(_, canonical)| canonical)
}

/// Parses `num/den` or a plain unit into (dimension, factor).
fn parse_compound(text: &str) -> Option<(Cow<'static, str>, f64)> {
    match text.split_once('/') {
        Some((num, den)) => {
            let (num_dim, num_factor) = parse_prefixed(num)?;
            let den = canonical_spelling(den);
            let (den_dim, den_factor) = lookup_base(den)
                .map(|(dim, factor)| (Cow::Borrowed(dim), factor))
                .unwrap_or_else(|| (Cow::Owned(format!("?{den}")), 1.0));
            Some((Cow::Owned(format!("{num_dim}/{den_dim}")), num_factor / den_factor))
        }
        None => parse_prefixed(text),
    }
}

/// Parses a unit that may carry a magnitude prefix (`万千瓦` → power × 1e4 × 1e3).
fn parse_prefixed(text: &str) -> Option<(Cow<'static, str>, f64)> {
    if let Some((dim, factor)) = lookup_base(text) {
        return Some((Cow::Borrowed(dim), factor));
    }
    for (prefix, magnitude) in PREFIXES {
        if let Some(rest) = text.strip_prefix(prefix) {
            if let Some((dim, factor)) = lookup_base(rest) {
                return Some((Cow::Borrowed(dim), magnitude * factor));
            }
        }
    }
    None
}

/// Looks up a base unit by its exact name.
fn lookup_base(text: &str) -> Option<(&'static str, f64)> {
    BASES
        .iter()
        .find(|(name, _, _)| *name == text)
        .map(|(_, dim, factor)| (*dim, *factor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnitude_prefixes_convert_within_a_dimension() {
        assert_eq!(convert(5.5, "万个", "个"), Some(55000.0));
        assert_eq!(convert(84.6, "亿元", "元"), Some(8_460_000_000.0));
        assert_eq!(convert(430.0, "万千瓦", "千瓦"), Some(4_300_000.0));
        assert_eq!(convert(1.0, "万亿元", "亿元"), Some(10_000.0));
    }

    #[test]
    fn counted_things_do_not_mix() {
        assert_eq!(convert(1.0, "个", "家"), None);
        assert_eq!(convert(1.0, "%", "百分点"), None);
    }

    #[test]
    fn unknown_units_compare_only_when_equal() {
        assert_eq!(convert(3.0, "标箱", "标箱"), Some(3.0));
        assert_eq!(convert(3.0, "万标箱", "标箱"), None);
    }

    #[test]
    fn concentration_aliases_are_one_unit() {
        assert_eq!(convert(29.3, "μg/m3", "微克/立方米"), Some(29.3));
        let mg = convert(0.04, "毫克/立方米", "μg/m3").unwrap();
        assert!((mg - 40.0).abs() < 1e-9);
    }
}
