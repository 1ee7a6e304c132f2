//! Numbers as written: Arabic digits (`14.8`, `1,210,207`) and Chinese numerals
//! (`两千三百万`, `一千二百亿`, `三点五`, `二〇二五`), without their units.

/// The value of a Chinese digit character (`两` → 2, `〇` → 0).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a Chinese unit character (`十` → 10, `亿` → 1e8).
fn chinese_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some() || c == '点'
}

/// An Arabic number at byte `i` of `s`: its value, its end, and whether it is a plain
/// integer (no decimals), as written with digits, an optional decimal point and
/// thousands separators (`1,210,207`).
pub fn parse_arabic(s: &str, i: usize) -> Option<(f64, usize, bool)> {
    let b = s.as_bytes();
    let mut j = i;
    let mut commas = false;
    while j < b.len() {
        if b[j].is_ascii_digit() {
            j += 1;
        } else if b[j] == b',' && j > i && is_group(b, j + 1) {
            commas = true;
            j += 1;
        } else {
            break;
        }
    }
    if j == i {
        return None;
    }
    let mut integer = true;
    // 同比下降14..3%: a decimal point typed twice is one.
    let doubled = j + 2 < b.len() && b[j] == b'.' && b[j + 1] == b'.' && b[j + 2].is_ascii_digit();
    if doubled || j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        integer = false;
        j += if doubled { 2 } else { 1 };
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
    }
    if !doubled {
        if let Some(v) = exact_decimal(&b[i..j]) {
            return Some((v, j, integer));
        }
    }
    let text = &s[i..j];
    let v = if commas || doubled {
        text.replace(',', "").replacen("..", ".", 1).parse::<f64>().ok()
    } else {
        text.parse::<f64>().ok()
    };
    v.filter(|v| v.is_finite()).map(|v| (v, j, integer))
}

/// Powers of ten exactly representable as `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The value of digits with an optional point and separators when at most 15
/// significant digits make it exact: the digits as an integer divided by an exact power
/// of ten, one correctly rounded division, which is the value `str::parse` returns.
fn exact_decimal(text: &[u8]) -> Option<f64> {
    let mut mantissa = 0u64;
    let mut digits = 0;
    let mut fraction: Option<usize> = None;
    for &c in text {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                if mantissa > 0 {
                    digits += 1;
                }
                if digits > 15 {
                    return None;
                }
                fraction = fraction.map(|f| f + 1);
            }
            b'.' => fraction = Some(0),
            _ => {}
        }
    }
    POW10.get(fraction.unwrap_or(0)).map(|p| mantissa as f64 / p)
}

/// Exactly three digits at `k`, then no fourth.
fn is_group(b: &[u8], k: usize) -> bool {
    k + 3 <= b.len() && b[k..k + 3].iter().all(u8::is_ascii_digit) && !b.get(k + 3).is_some_and(u8::is_ascii_digit)
}

/// A Chinese numeral read from its characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChineseNumber {
    /// The value.
    pub value: f64,
    /// Byte end of the numeral.
    pub end: usize,
    /// Number of characters.
    pub chars: usize,
    /// Whether it holds a unit character (`十`, `百`, `千`, `万`, `亿`).
    pub has_unit: bool,
    /// Whether it holds a digit character.
    pub has_digit: bool,
    /// Read digit by digit (`二〇二五`), as years are written.
    pub positional: bool,
}

/// A Chinese numeral at byte `i` of `s` (the maximal run of numeral characters ending
/// at or before byte `limit`).
pub fn parse_chinese(s: &str, i: usize, limit: usize) -> Option<ChineseNumber> {
    let mut chars: smallvec::SmallVec<[char; 16]> = smallvec::SmallVec::new();
    let mut end = i;
    for (j, c) in s[i..].char_indices() {
        if !is_chinese_numeral(c) || i + j + c.len_utf8() > limit {
            break;
        }
        chars.push(c);
        end = i + j + c.len_utf8();
    }
    while chars.last() == Some(&'点') {
        chars.pop();
        end -= '点'.len_utf8();
    }
    if chars.is_empty() {
        return None;
    }
    let has_unit = chars.iter().any(|&c| chinese_unit(c).is_some());
    let has_digit = chars.iter().any(|&c| chinese_digit(c).is_some());
    let positional = !has_unit && chars.len() > 1 && !chars.contains(&'点');
    let value = if positional {
        chars
            .iter()
            .try_fold(0.0, |acc, &c| chinese_digit(c).map(|d| acc * 10.0 + f64::from(d)))?
    } else {
        value_of(&chars)?
    };
    Some(ChineseNumber {
        value,
        end,
        chars: chars.len(),
        has_unit,
        has_digit,
        positional,
    })
}

/// The value of a numeral split on its largest unit (`亿`, then `万`).
fn value_of(chars: &[char]) -> Option<f64> {
    for (big, mult) in [('亿', 1e8), ('万', 1e4)] {
        if let Some(p) = chars.iter().rposition(|&c| c == big) {
            let left = if p == 0 { 1.0 } else { value_of(&chars[..p])? };
            let right = &chars[p + 1..];
            // 三万五 = 35000: a lone digit after the unit counts in the next lower place.
            let right_v = if right.len() == 1 && chinese_digit(right[0]).is_some_and(|d| d > 0) {
                f64::from(chinese_digit(right[0])?) * mult / 10.0
            } else if right.is_empty() {
                0.0
            } else {
                value_of(right)?
            };
            return Some(left * mult + right_v);
        }
    }
    small(chars)
}

/// A numeral below 10000, with an optional decimal part (`三点五`).
fn small(chars: &[char]) -> Option<f64> {
    if let Some(p) = chars.iter().position(|&c| c == '点') {
        let int = if p == 0 { 0.0 } else { small(&chars[..p])? };
        let mut frac = 0.0;
        let mut scale = 0.1;
        for &c in &chars[p + 1..] {
            frac += f64::from(chinese_digit(c)?) * scale;
            scale /= 10.0;
        }
        return Some(int + frac);
    }
    let mut total = 0.0;
    let mut digit: Option<f64> = None;
    let mut last_unit = 0.0;
    let mut after_zero = false;
    for &c in chars {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                after_zero = true;
            }
            digit = Some(f64::from(d));
        } else if let Some(u) = chinese_unit(c) {
            if u >= 1e4 {
                return None;
            }
            total += digit.unwrap_or(1.0) * u;
            digit = None;
            last_unit = u;
            after_zero = false;
        } else {
            return None;
        }
    }
    if let Some(d) = digit {
        // 两千三 = 2300; 两千零三 = 2003.
        total += if last_unit >= 100.0 && !after_zero {
            d * last_unit / 10.0
        } else {
            d
        };
    }
    Some(total)
}

/// `v × m` for a power-of-ten magnitude, without binary rounding noise
/// (`84.6` × `1e8` = `8460000000`, not `8459999999.999999`).
pub fn scale(v: f64, m: f64) -> f64 {
    if m == 1.0 {
        return v;
    }
    // A whole number times a whole magnitude is exact below 2^53.
    if v.fract() == 0.0 && m.fract() == 0.0 && (v * m).abs() < 9_007_199_254_740_992.0 {
        return v * m;
    }
    let Some(exp) = POW10.iter().position(|&p| p == m) else {
        return v * m;
    };
    decimal_times_pow10(v, exp).unwrap_or_else(|| format!("{v}e{exp}").parse().unwrap_or(v * m))
}

/// `v × 10^exp` as the decimal `v` is written (its shortest form) would give it: `v` is
/// `n / 10^k` for the fewest decimals `k` that give `v` back, so the product is the
/// integer `n × 10^(exp − k)` or one correctly rounded division `n / 10^(k − exp)`, the
/// value parsing `"{v}e{exp}"` returns, without formatting and parsing. `None` when the
/// digits do not fit in 2^53.
fn decimal_times_pow10(v: f64, exp: usize) -> Option<f64> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    for (k, &p) in POW10.iter().enumerate().take(16) {
        let n = (v * p).round();
        if n.abs() >= EXACT {
            return None;
        }
        if n / p == v {
            return if exp >= k {
                let r = n * POW10[exp - k];
                (r.abs() < EXACT).then_some(r)
            } else {
                Some(n / POW10[k - exp])
            };
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{parse_arabic, scale};

    #[test]
    fn a_decimal_point_typed_twice_is_one() {
        assert_eq!(
            parse_arabic("下降14..3%", "下降".len()),
            Some((14.3, "下降14..3".len(), false))
        );
        assert_eq!(parse_arabic("1,210..5", 0), Some((1210.5, 8, false)));
        // A range or an ellipsis after a number stays outside it.
        assert_eq!(parse_arabic("3...", 0), Some((3.0, 1, true)));
        assert_eq!(parse_arabic("14..", 0), Some((14.0, 2, true)));
    }

    proptest! {
        /// Scaling by arithmetic gives what formatting and parsing the decimal gives.
        #[test]
        fn scale_matches_the_decimal(int in 0u64..10_000_000, frac in 0u32..10_000, decimals in 1usize..5, exp in 1usize..13) {
            let text = format!("{int}.{:0width$}", frac % 10u32.pow(decimals as u32), width = decimals);
            let v: f64 = text.parse().unwrap();
            let expected: f64 = format!("{v}e{exp}").parse().unwrap();
            prop_assert_eq!(scale(v, 10f64.powi(exp as i32)), expected);
        }
    }
}
