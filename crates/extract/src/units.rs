//! What follows a number: an approximation (`余`, `多`), a magnitude (`万`, `亿`,
//! `万亿`, `千`) and a unit (`吨/日`, `千瓦`, `微克/立方米`, `个百分点` → `百分点`).

use pledge_model::Bound;

use crate::lexicon::{Lexicon, UnitClass, UnitName};

/// The magnitude and unit read after a number.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRead {
    /// Multiplier of the magnitude (1 when none).
    pub multiplier: f64,
    /// Whether a magnitude word was read.
    pub has_magnitude: bool,
    /// The unit as emitted, when one was read.
    pub unit: Option<UnitName>,
    /// The unit's class.
    pub class: Option<UnitClass>,
    /// `余`/`多` between the number and its unit: the value is a lower bound.
    pub approx: Option<Bound>,
    /// Byte end of what was read.
    pub end: usize,
}

fn approx_at(s: &str, i: usize) -> Option<usize> {
    ["余", "多"]
        .iter()
        .find(|w| s[i..].starts_with(*w))
        .map(|w| i + w.len())
}

/// Reads `余`/`多`, a magnitude, `余`/`多` again and a unit after byte `i` of `s`.
/// `magnitude` is false after a Chinese numeral that already holds its magnitude.
pub fn read_unit(lex: &Lexicon, s: &str, i: usize, magnitude: bool) -> UnitRead {
    let mut j = i;
    let mut approx = None;
    if let Some(e) = approx_at(s, j) {
        approx = Some(Bound::Ge);
        j = e;
    }
    let mut multiplier = 1.0;
    let mut has_magnitude = false;
    let unit_first = lex.unit_at(s, j);
    let unit_from = j;
    if magnitude {
        // A unit that starts like a magnitude (千瓦, 千米) is a unit.
        let unit_here = unit_first.is_some_and(|(u, _)| u.canonical.starts_with('千'));
        if !unit_here {
            if let Some((m, e)) = lex.magnitude_at(s, j) {
                multiplier = m;
                has_magnitude = true;
                j = e;
                if let Some(e) = approx_at(s, j) {
                    approx = Some(Bound::Ge);
                    j = e;
                }
            }
        }
    }
    let unit_after = if j == unit_from { unit_first } else { lex.unit_at(s, j) };
    let (mut unit, class) = match unit_after {
        Some((u, e)) => {
            j = e;
            (Some(u.canonical.clone()), Some(u.class))
        }
        None => (None, None),
    };
    // 507公里/万平方公里: a magnitude in the denominator stays in the unit.
    if let Some(u) = unit.as_mut().filter(|u| !u.contains('/')) {
        if let Some((per, e)) = per_unit(lex, s, j) {
            *u = format!("{u}/{per}").into();
            j = e;
        }
    }
    UnitRead {
        multiplier,
        has_magnitude,
        unit,
        class,
        approx,
        end: j,
    }
}

/// A denominator after a unit at byte `i`: `/`, a magnitude word, a unit
/// (`/万平方公里`), as written and where it ends.
fn per_unit(lex: &Lexicon, s: &str, i: usize) -> Option<(String, usize)> {
    let slash = s[i..].chars().next().filter(|c| matches!(c, '/' | '／'))?;
    let k = i + slash.len_utf8();
    // 万, 亿 as the lexicon reads them, and 百/千/十, which it reads only after numbers.
    let m_end = lex
        .magnitude_at(s, k)
        .map(|(_, e)| e)
        .or_else(|| {
            ["百", "千", "十"]
                .iter()
                .find(|p| s[k..].starts_with(*p))
                .map(|p| k + p.len())
        })
        .unwrap_or(k);
    let (u, e) = lex.unit_at(s, m_end)?;
    (m_end > k).then(|| (format!("{}{}", &s[k..m_end], u.canonical), e))
}

/// Whether a number with this unit, followed by `next`, describes a thing's size or
/// specification rather than stating a fact (`110千伏高压电缆`, `110米高的立塔`).
pub fn is_attribute(class: Option<UnitClass>, next: Option<char>) -> bool {
    let Some(c) = next else { return false };
    match class {
        Some(UnitClass::Spec) => is_cjk(c) && !matches!(c, '以' | '左' | '上' | '的' | '和' | '及' | '与'),
        Some(UnitClass::Measure) => matches!(c, '高' | '长' | '宽' | '深' | '厚' | '粗'),
        _ => false,
    }
}

/// Whether `c` is a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '〇')
}
