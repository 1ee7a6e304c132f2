//! A difference to another place or indicator is no fact (facts.md, "Not facts"):
//! `比全省高1.18万元`, `高于全州增速0.1个百分点`, `快于东部地区3.0个百分点`. The figure
//! measures neither the subject nor the other; only a comparison with a time
//! (`比上年提高`, `高于上年同期`) says how the subject itself changed.

/// Comparatives written before the other term (`高于全州`, `跑赢全国`).
const BEFORE_OTHER: [&str; 12] = [
    "高于",
    "高出",
    "低于",
    "快于",
    "慢于",
    "多于",
    "少于",
    "优于",
    "领先于",
    "落后于",
    "跑赢",
    "跑输",
];

/// The characters every comparative ends with or follows: 于 and 出 of `高于`/`高出`,
/// 赢 and 输 of `跑赢`/`跑输`, the `比` of `比全省高`.
const GAP_CHARS: [char; 5] = ['于', '出', '赢', '输', '比'];

/// Comparatives written after `比` and the other term (`比全省高`).
const AFTER_OTHER: [&str; 6] = ["高", "低", "多", "少", "快", "慢"];

/// The most characters the other term may have.
const OTHER_MAX: usize = 12;

/// The end of `s[from..to]` a gap can be written in: the comparative, the other term
/// and the items listed before the number (a bounded window, so a long clause is not
/// searched whole for each of its numbers).
pub fn window(s: &str, from: usize, to: usize) -> &str {
    // Chinese characters take three bytes.
    const BYTES: usize = 3 * (OTHER_MAX + 12);
    let mut start = to.saturating_sub(BYTES).max(from);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..to]
}

/// The UTF-8 bytes of [`GAP_CHARS`], in order (each three bytes long).
const GAP_BYTES: [[u8; 3]; 5] = {
    let mut out = [[0u8; 3]; 5];
    let mut k = 0;
    while k < GAP_CHARS.len() {
        GAP_CHARS[k].encode_utf8(&mut out[k]);
        k += 1;
    }
    out
};

/// Whether a byte is the last of one of [`GAP_CHARS`].
const ENDS_GAP_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < GAP_BYTES.len() {
        t[GAP_BYTES[k][2] as usize] = true;
        k += 1;
    }
    t
};

/// Which of [`GAP_CHARS`] `s` holds, one bit each by their index: a pass over the bytes
/// of the short window before a number that compares characters only where a last byte
/// of one of them stands (most numbers have none before them).
fn gap_chars(s: &str) -> u8 {
    let b = s.as_bytes();
    let mut found = 0u8;
    for i in 2..b.len() {
        if ENDS_GAP_CHAR[usize::from(b[i])] {
            if let Some(k) = GAP_BYTES.iter().position(|g| g[..] == b[i - 2..=i]) {
                found |= 1 << k;
            }
        }
    }
    found
}

/// The bit of [`gap_chars`] for `c`.
fn bit(c: char) -> u8 {
    GAP_CHARS.iter().position(|&g| g == c).map_or(0, |k| 1 << k)
}

/// Whether the text between two numbers joins them as items of one list (`0.9和1.1`).
pub fn joins_items(between: &str) -> bool {
    matches!(between, "、" | "和" | "及" | "与" | "，" | ",")
}

/// Whether the text `before` a number (simplified, from its clause's start) ends with a
/// comparison against another place or indicator.
pub fn is_gap(before: &str) -> bool {
    let present = gap_chars(before);
    if present == 0 {
        return false;
    }
    // Only the comparatives whose last character is there are looked for.
    let there = |w: &&&str| w.chars().next_back().is_some_and(|c| present & bit(c) != 0);
    // 快于东部地区0.9和1.1个百分点: the items listed before the number go with it.
    let before = before.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '和' | '、' | '及' | '与'));
    // Every comparative ends with 于, 出, 赢 or 输, or follows 比: most numbers have none
    // before them.
    let before = before.strip_suffix('出').unwrap_or(before);
    BEFORE_OTHER
        .iter()
        .filter(there)
        .any(|w| before.rfind(w).is_some_and(|i| is_other(&before[i + w.len()..])))
        || present & bit('比') != 0
            && AFTER_OTHER.iter().any(|w| {
                before
                    .strip_suffix(w)
                    .is_some_and(|rest| rest.rfind('比').is_some_and(|i| is_other(&rest[i + '比'.len_utf8()..])))
            })
}

/// Whether a multiple (`倍`) after `before` compares the subject with another place or
/// indicator (`是全国1.6倍`, `为全市平均水平的2倍`, `相当于全省的3倍`): a ratio, no fact
/// (facts.md: dimensionless values are not facts). `增长1.6倍` is a change, not this.
pub fn is_ratio(before: &str, unit: &str) -> bool {
    if unit != "倍" {
        return false;
    }
    let before = before.strip_suffix('的').unwrap_or(before);
    ["是", "为", "相当于", "达到"]
        .iter()
        .filter_map(|w| before.rfind(w).map(|i| i + w.len()))
        .max()
        .is_some_and(|after| is_other(&before[after..]))
}

/// Whether `other` names another place or indicator: a few characters, no number and
/// no time (`上年`, `同期`, `2020年`, `一季度`).
fn is_other(other: &str) -> bool {
    let n = other.chars().count();
    (1..=OTHER_MAX).contains(&n)
        && !other
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '季' | '期' | '，' | ',' | '、'))
}

#[cfg(test)]
mod tests {
    use super::is_gap;

    #[test]
    fn a_comparison_with_another_place_or_indicator() {
        assert!(is_gap("人均可支配收入比全省高"));
        assert!(is_gap("高于全州增速"));
        assert!(is_gap("分别快于东部地区"));
        assert!(is_gap("高出全国平均水平"));
        assert!(is_gap("分别快于东部地区0.9和"));
        assert!(is_gap("GDP名义增速6.07%，跑赢全国"));
        assert!(is_gap("增速领先于全省"));
    }

    #[test]
    fn a_multiple_of_another_is_a_ratio() {
        use super::is_ratio;
        assert!(is_ratio("PM2.5改善幅度是全国", "倍"));
        assert!(is_ratio("税收收入为全市平均水平的", "倍"));
        assert!(!is_ratio("新能源汽车产量增长", "倍"));
        assert!(!is_ratio("PM2.5改善幅度是全国", "%"));
    }

    #[test]
    fn a_comparison_with_a_time_or_a_bound() {
        assert!(!is_gap("比上年高"));
        assert!(!is_gap("高于上年同期"));
        assert!(!is_gap("比2020年提高"));
        assert!(!is_gap("森林覆盖率高于"));
        assert!(!is_gap("增长"));
        assert!(!is_gap("领先企业达到"));
    }
}
