//! Finds the quantities (a number with its magnitude, unit and bound words) and the
//! time expressions of a text in one pass over its characters, without segmenting it.
//! Numbers that are not quantities are skipped here: dates, ordinals (`第三`), codes
//! next to Latin letters (`PM2.5`, `4A级`, `5G`), slogans (`“342”`, `1+5+N`) and
//! numbers without a unit.

use std::sync::OnceLock;

use pledge_model::Bound;

use crate::bounds::after_bound;
use crate::lexicon::{Lexicon, UnitClass, UnitName};
use crate::numbers::{is_chinese_numeral, parse_arabic, parse_chinese, scale};

/// Bound words after which (with at most a verb between) a lone Chinese digit is a
/// count (`至少建设一个`, `不少于两处`), not the article `一个` of running text.
const LONE_DIGIT_BOUNDS: [&str; 4] = ["至少", "不少于", "不低于", "最多"];
use crate::periods::{Time, TimeTok};
use crate::units::{is_attribute, read_unit};

/// A number with its unit, as found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte start of the number (or of `百分之`, `翻`).
    pub start: usize,
    /// Byte end of the unit and of any bound word after it.
    pub end: usize,
    /// The value with its magnitude applied.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// The unit as emitted.
    pub unit: UnitName,
    /// The unit's class.
    pub class: UnitClass,
    /// `余`/`多` inside the quantity (≥).
    pub inline_bound: Option<Bound>,
    /// A bound word after the unit (`以上`, `左右`).
    pub after_bound: Option<Bound>,
    /// `翻一番`: a change up by the value in percent.
    pub doubling: bool,
}

/// Quantities and time expressions of a text.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Quantities in order.
    pub quantities: Vec<Quantity>,
    /// Time expressions found with numbers (`2022年`, `1—9月`), in order.
    pub times: Vec<TimeTok>,
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|r| r.chars().next_back())
}

/// The dashes and words that join the two ends of a range.
const JOINS: [&str; 8] = ["—", "-", "–", "~", "～", "至", "到", "－"];

/// Whether a byte is the first of one of [`JOINS`].
const JOIN_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < JOINS.len() {
        t[JOINS[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    t
};

/// A dash or word joining the two ends of a range, and its end.
fn range_join(s: &str, i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    // Most numbers are followed by none of them: their first byte tells.
    if !rest.as_bytes().first().is_some_and(|&b| JOIN_FIRST[usize::from(b)]) {
        return None;
    }
    for w in JOINS {
        if let Some(r) = rest.strip_prefix(w) {
            let mut j = i + w.len();
            // Long dashes come doubled or tripled.
            let mut r = r;
            while let Some(rr) = r.strip_prefix('—') {
                j += '—'.len_utf8();
                r = rr;
            }
            return Some(j);
        }
    }
    None
}

fn blocks_before(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '.' | '+' | '第' | '[' | '#' | '×' | '*' | '_' | '@' | '/' | '＋' | '［'
            )
    })
}

fn blocks_after(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphabetic() || matches!(c, '+' | '*' | ']' | '#' | '@' | '×' | '_' | '＋' | '］' | '．')
    })
}

/// Scans `s` (the simplified shadow of a normalized text) for quantities and times.
pub fn scan(lex: &Lexicon, s: &str) -> Scan {
    let starts = crate::marks::find(lex, s, false).map(|m| m.starts).unwrap_or_default();
    let mut out = Scan::default();
    scan_into(lex, s, &starts, &mut out);
    out
}

/// [`scan`] into `out` (cleared first, its room kept for the next text), given the
/// offsets of the characters where a number may start (a digit, a Chinese numeral or
/// `翻`, in order), as [`crate::marks::find`] lists them.
pub(crate) fn scan_into(lex: &Lexicon, s: &str, starts: &[usize], out: &mut Scan) {
    out.quantities.clear();
    out.times.clear();
    let b = s.as_bytes();
    // Candidates before `resume` lie inside what an earlier one read.
    let mut resume = 0;
    for &i in starts {
        if i < resume {
            continue;
        }
        let (c, len) = if b[i] < 0x80 {
            (char::from(b[i]), 1)
        } else {
            match char_at(s, i) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        let next = if c.is_ascii_digit() {
            arabic(lex, s, i, out)
        } else if c == '翻' {
            doubling(s, i, out)
        } else if is_chinese_numeral(c) && !char_before(s, i).is_some_and(|p| is_chinese_numeral(p) || p == '第') {
            chinese(lex, s, i, out)
        } else {
            None
        };
        resume = match next {
            Some(j) if j > i => j,
            _ => i + len,
        };
    }
}

/// Skips to the end of a run of digits, commas and points from `i`.
fn skip_digits(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.' || b[j] == b',') {
        j += 1;
    }
    j
}

fn four_digit_year(v: f64, integer: bool) -> Option<i32> {
    (integer && (1900.0..=2100.0).contains(&v)).then_some(v as i32)
}

/// An Arabic number at `i`; returns where scanning resumes.
fn arabic(lex: &Lexicon, s: &str, i: usize, out: &mut Scan) -> Option<usize> {
    if blocks_before(char_before(s, i)) {
        return Some(skip_digits(s, i));
    }
    let (v, e, integer) = parse_arabic(s, i)?;
    let ascii_unit = || lex.unit_at(s, e).is_some_and(|(_, ue)| !blocks_after(char_at(s, ue)));
    if blocks_after(char_at(s, e)) && !ascii_unit() {
        return Some(skip_digits(s, i));
    }
    let rest = &s[e..];
    // Years and spans of years.
    if let Some(y) = four_digit_year(v, integer) {
        // 2020年度, 2019年末, 2020年底前: the year's end is the year.
        let after_year = rest.strip_prefix("年").map(|r| {
            let tail = ["度", "底前", "末前", "底", "末"].iter().find(|w| r.starts_with(**w));
            e + "年".len() + tail.map_or(0, |w| w.len())
        });
        let join_from = after_year.unwrap_or(e);
        if let Some(j) = range_join(s, join_from) {
            if let Some((v2, e2, int2)) = parse_arabic(s, j) {
                if let Some(y2) = four_digit_year(v2, int2).filter(|&y2| y2 > y) {
                    if let Some(r) = s[e2..].strip_prefix("年") {
                        let end = s.len() - r.len();
                        out.times.push(TimeTok {
                            start: i,
                            end,
                            time: Time::Range(y, y2),
                        });
                        return Some(end);
                    }
                }
            }
        }
        if let Some(end) = after_year {
            out.times.push(TimeTok {
                start: i,
                end,
                time: Time::Year(y),
            });
            return Some(end);
        }
    }
    if integer {
        // Months: 1—9月 is a part of a year; 3月 alone is a date.
        if let Some(j) = range_join(s, e) {
            if let Some((v2, e2, int2)) = parse_arabic(s, j) {
                if int2 && (1.0..=12.0).contains(&v) && v < v2 && v2 <= 12.0 && s[e2..].starts_with('月') {
                    let mut end = e2 + '月'.len_utf8();
                    if s[end..].starts_with('份') {
                        end += '份'.len_utf8();
                    }
                    out.times.push(TimeTok {
                        start: i,
                        end,
                        time: Time::Months(format!("{}-{}月", v as i32, v2 as i32)),
                    });
                    return Some(end);
                }
            }
        }
        // 截至10月底: the months of the year up to the end of that month (a year-to-date
        // figure, `1-10月`).
        for w in ["月底", "月末"] {
            if let Some(r) = rest.strip_prefix(w) {
                if (1.0..=11.0).contains(&v) {
                    let end = s.len() - r.len();
                    out.times.push(TimeTok {
                        start: i,
                        end,
                        time: Time::UpTo(v as u32),
                    });
                    return Some(end);
                }
            }
        }
        // 前9个月: the first months of the year.
        if let Some(r) = rest.strip_prefix("个月") {
            if s[..i].ends_with('前') && (2.0..=11.0).contains(&v) {
                let end = s.len() - r.len();
                out.times.push(TimeTok {
                    start: i - '前'.len_utf8(),
                    end,
                    time: Time::Months(format!("1-{}月", v as i32)),
                });
                return Some(end);
            }
        }
        for w in ["月", "日", "号", "时", "点", "届", "年", "周岁", "版", "个月"] {
            if rest.starts_with(w) {
                return Some(e + w.len());
            }
        }
        if let Some(r) = rest.strip_prefix("季度") {
            if (1.0..=4.0).contains(&v) {
                let end = s.len() - r.len();
                out.times.push(TimeTok {
                    start: i,
                    end,
                    time: Time::Part(format!("Q{}", v as i32)),
                });
                return Some(end);
            }
        }
    }
    let u = read_unit(lex, s, e, true);
    let mut q = Quantity {
        start: i,
        end: u.end,
        value: scale(v, u.multiplier),
        value_max: None,
        unit: no_unit(),
        class: UnitClass::Count,
        inline_bound: u.approx,
        after_bound: None,
        doubling: false,
    };
    match (&u.unit, u.class) {
        (Some(unit), Some(class)) => {
            q.unit = unit.clone();
            q.class = class;
            // 3亿元-4亿元
            if let Some(j) = range_join(s, u.end) {
                if let Some((v2, e2, _)) = parse_arabic(s, j) {
                    let u2 = read_unit(lex, s, e2, true);
                    let same = u2.unit.as_deref() == Some(&**unit) || u2.unit.is_none() && !u2.has_magnitude;
                    if same && scale(v2, u2.multiplier) > q.value {
                        q.value_max = Some(scale(v2, u2.multiplier));
                        q.end = u2.end;
                    }
                }
            }
        }
        _ if u.has_magnitude && range_join(s, u.end).is_none() && names_money(s, i) => {
            // 林业总产值250亿: a headline leaves out the 元 of an amount of money.
            q.unit = yuan();
            q.class = UnitClass::Money;
        }
        _ if s[u.end..].starts_with('、') => {
            // 6.59、1.67、1个百分点: the unit of a list's last number serves each.
            let u2 = list_unit(lex, s, u.end)?;
            q.value = scale(v, if u.has_magnitude { u.multiplier } else { u2.multiplier });
            q.unit = u2.unit?;
            q.class = u2.class?;
        }
        _ => {
            // 3至4亿元: the second end's magnitude and unit serve both.
            let j = range_join(s, u.end)?;
            let (v2, e2, _) = parse_arabic(s, j)?;
            let u2 = read_unit(lex, s, e2, true);
            let (unit, class) = (u2.unit.clone()?, u2.class?);
            let m1 = if u.has_magnitude { u.multiplier } else { u2.multiplier };
            q.value = scale(v, m1);
            q.value_max = Some(scale(v2, u2.multiplier)).filter(|&m| m > q.value);
            q.unit = unit;
            q.class = class;
            q.end = u2.end;
            q.inline_bound = q.inline_bound.or(u2.approx);
        }
    }
    finish(lex, s, q, out)
}

/// The unit read after the first number of a list of bare numbers joined by `、` from
/// byte `i` (at the first `、`) that ends in a number with a unit (`、1.67、1个百分点`), or
/// `None` when an item is no plain number (a year, a word) or no unit ends the list.
fn list_unit(lex: &Lexicon, s: &str, mut i: usize) -> Option<crate::units::UnitRead> {
    // A list of more items than this is no list of values.
    const MAX_ITEMS: usize = 12;
    for _ in 0..MAX_ITEMS {
        i = i.checked_add('、'.len_utf8()).filter(|_| s[i..].starts_with('、'))?;
        let (v, e, integer) = parse_arabic(s, i)?;
        if four_digit_year(v, integer).is_some() {
            return None;
        }
        let u = read_unit(lex, s, e, true);
        if u.unit.is_some() {
            return Some(u);
        }
        if u.has_magnitude {
            return None;
        }
        i = e;
    }
    None
}

/// The unit of a quantity whose unit is not read yet.
fn no_unit() -> UnitName {
    static U: OnceLock<UnitName> = OnceLock::new();
    U.get_or_init(|| UnitName::from("")).clone()
}

/// The unit `元`.
fn yuan() -> UnitName {
    static U: OnceLock<UnitName> = OnceLock::new();
    U.get_or_init(|| UnitName::from("元")).clone()
}

/// Words of an amount of money: a magnitude without a unit right after one is in 元.
const MONEY_WORDS: [&str; 12] = [
    "产值",
    "收入",
    "投资",
    "总额",
    "增加值",
    "生产总值",
    "GDP",
    "税收",
    "营收",
    "销售额",
    "成交额",
    "利润",
];

/// Whether the words right before byte `i` of `s` (up to 4 characters back, within
/// the clause) end with a word of money (`总产值250亿`, `收入达1.2万`).
fn names_money(s: &str, i: usize) -> bool {
    let from = s[..i]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !matches!(c, '，' | ',' | '；' | '。' | '、'))
        .take(6)
        .last()
        .map_or(i, |(k, _)| k);
    let window = &s[from..i];
    MONEY_WORDS.iter().any(|w| {
        window
            .find(w)
            .is_some_and(|k| window[k + w.len()..].chars().count() <= 2)
    })
}

/// The unit `%`.
fn percent() -> UnitName {
    static U: OnceLock<UnitName> = OnceLock::new();
    U.get_or_init(|| UnitName::from("%")).clone()
}

/// Adds the bound word after a quantity and keeps it unless it describes a thing.
fn finish(lex: &Lexicon, s: &str, mut q: Quantity, out: &mut Scan) -> Option<usize> {
    if let Some((bound, end)) = after_bound(lex, s, q.end) {
        q.after_bound = Some(bound);
        q.end = end;
    }
    // 高80米的观景塔: a size word before the number describes a thing.
    let size_before = q.class == UnitClass::Measure
        && char_before(s, q.start).is_some_and(|c| matches!(c, '高' | '长' | '宽' | '深' | '厚' | '径'))
        && !s[..q.start].ends_with("提高")
        && !s[..q.start].ends_with("升高")
        && !s[..q.start].ends_with("增长");
    if size_before || is_attribute(Some(q.class), char_at(s, q.end)) || blocks_after(char_at(s, q.end)) {
        return Some(q.end);
    }
    let end = q.end;
    out.quantities.push(q);
    Some(end)
}

/// `翻一番`, `翻两番`, `翻番`: a change up by 100%, 300%…
fn doubling(s: &str, i: usize, out: &mut Scan) -> Option<usize> {
    let rest = &s[i + '翻'.len_utf8()..];
    let rest = rest.strip_prefix('了').unwrap_or(rest);
    let (times, r) = if let Some(r) = rest.strip_prefix('番') {
        (1, r)
    } else {
        let c = rest.chars().next()?;
        let n = crate::numbers::chinese_digit(c).filter(|&d| d > 0)?;
        (n, rest[c.len_utf8()..].strip_prefix('番')?)
    };
    let end = s.len() - r.len();
    out.quantities.push(Quantity {
        start: i,
        end,
        value: (2f64.powi(times as i32) - 1.0) * 100.0,
        value_max: None,
        unit: percent(),
        class: UnitClass::Percent,
        inline_bound: None,
        after_bound: None,
        doubling: true,
    });
    Some(end)
}

/// A Chinese numeral at `i` (not preceded by another numeral character).
fn chinese(lex: &Lexicon, s: &str, i: usize, out: &mut Scan) -> Option<usize> {
    if let Some(r) = s[i..].strip_prefix("百分之") {
        let j = s.len() - r.len();
        let (v, e) = match char_at(s, j) {
            Some(c) if c.is_ascii_digit() => parse_arabic(s, j).map(|(v, e, _)| (v, e))?,
            _ => parse_chinese(s, j, s.len()).map(|n| (n.value, n.end))?,
        };
        let q = Quantity {
            start: i,
            end: e,
            value: v,
            value_max: None,
            unit: percent(),
            class: UnitClass::Percent,
            inline_bound: None,
            after_bound: None,
            doubling: false,
        };
        return finish(lex, s, q, out);
    }
    let mut n = parse_chinese(s, i, s.len())?;
    // 三百万千瓦: the 千 belongs to the unit.
    if s[..n.end].ends_with('千') && lex.unit_at(s, n.end - '千'.len_utf8()).is_some() {
        n = parse_chinese(s, i, n.end - '千'.len_utf8())?;
    }
    let rest = &s[n.end..];
    if n.positional {
        if n.chars == 4 && rest.starts_with('年') {
            if let Some(y) = four_digit_year(n.value, true) {
                let end = n.end + '年'.len_utf8();
                out.times.push(TimeTok {
                    start: i,
                    end,
                    time: Time::Year(y),
                });
                return Some(end);
            }
        }
        return Some(n.end);
    }
    let single = n.chars == 1 && n.has_digit;
    if single || !n.has_unit {
        // 三成, 两个百分点: a lone digit counts only before these.
        if let Some(r) = rest.strip_prefix('成') {
            let next = r.chars().next();
            let ok = next.is_none_or(|c| !crate::units::is_cjk(c) || matches!(c, '以' | '左' | '多' | '的' | '上'));
            if ok && n.value <= 10.0 {
                let q = Quantity {
                    start: i,
                    end: s.len() - r.len(),
                    value: n.value * 10.0,
                    value_max: None,
                    unit: percent(),
                    class: UnitClass::Percent,
                    inline_bound: None,
                    after_bound: None,
                    doubling: false,
                };
                return finish(lex, s, q, out);
            }
        }
        // 至少建设一个示范区: after a bound a lone digit is a count.
        let bounded = single && {
            // The bound, or the bound and a verb (至少建设), right before the digit.
            let from = s[..i].char_indices().rev().nth(4).map_or(0, |(k, _)| k);
            let near = &s[from..i];
            near.contains(['至', '不', '最']) && LONE_DIGIT_BOUNDS.iter().any(|w| near.contains(w))
        };
        if !bounded && !rest.starts_with("个百分点") && !rest.starts_with("百分点") {
            return Some(n.end);
        }
    } else if !(n.has_digit || s[i..].starts_with('十') && n.chars >= 2) {
        // 万元, 千方百计: unit characters alone are words, not numbers.
        return Some(n.end);
    }
    let u = read_unit(lex, s, n.end, true);
    let (Some(unit), Some(class)) = (u.unit, u.class) else {
        return Some(n.end);
    };
    let q = Quantity {
        start: i,
        end: u.end,
        value: n.value,
        value_max: None,
        unit,
        class,
        inline_bound: u.approx,
        after_bound: None,
        doubling: false,
    };
    finish(lex, s, q, out)
}
