//! A rate an earlier period had, cited in brackets after a comparison: `较一季度(-10.8%)`,
//! `较上年同期(3.2%)`. The change of the growth rate that follows (`回升2.1个百分点`) is
//! no fact, but the rate it cites is one (`../shared/spec/facts.md`): the indicator the
//! sentence measures, in the period the comparison names.

/// The period a cited rate belongs to, relative to the figure it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cited {
    /// A period the comparison names (`较一季度`): a time expression before the bracket.
    Named,
    /// The same period a year before (`较上年同期`, `比去年同期`).
    SamePeriodLastYear,
    /// The year before (`较上年`, `比去年`).
    LastYear,
}

/// Comparison words that open a cited rate.
const COMPARISONS: [char; 2] = ['较', '比'];

/// The most characters between the comparison word and the bracket (`较前三季度`).
const MAX_BETWEEN: usize = 8;

/// Whether the number at `start..end` of `s` is a rate in brackets after a comparison,
/// read back no further than `floor`: the offset where the comparison word starts and
/// what it names.
pub(crate) fn cited_rate(s: &str, floor: usize, start: usize, end: usize) -> Option<(usize, Cited)> {
    let before = s.get(floor..start)?.trim_end_matches(['-', '－', '−', '+']);
    let before = before.strip_suffix(['(', '（'])?;
    if !s.get(end..)?.starts_with([')', '）']) {
        return None;
    }
    let (at, word) = before
        .char_indices()
        .rev()
        .take(MAX_BETWEEN + 1)
        .find(|&(_, c)| COMPARISONS.contains(&c))?;
    let between = &before[at + word.len_utf8()..];
    let cited = match between {
        "" => return None,
        "上年同期" | "去年同期" => Cited::SamePeriodLastYear,
        "上年" | "去年" => Cited::LastYear,
        _ => Cited::Named,
    };
    Some((floor + at, cited))
}

/// The offset just after the bracket closing a cited rate that ends at `end`.
pub(crate) fn closing_end(s: &str, end: usize) -> usize {
    s[end..].chars().next().map_or(end, |c| end + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::{Cited, cited_rate};

    fn cited(s: &str, number: &str) -> Option<(String, Cited)> {
        let start = s.find(number)?;
        let (at, c) = cited_rate(s, 0, start, start + number.len())?;
        Some((s[at..start].to_string(), c))
    }

    #[test]
    fn reads_the_comparison_before_a_bracketed_rate() {
        assert_eq!(
            cited("较一季度(-10.8%)回升", "10.8%"),
            Some(("较一季度(-".into(), Cited::Named))
        );
        assert_eq!(
            cited("增长11.6%,较上年同期（3.2%）大幅增长", "3.2%"),
            Some(("较上年同期（".into(), Cited::SamePeriodLastYear))
        );
        assert_eq!(cited("比上年(5%)加快", "5%"), Some(("比上年(".into(), Cited::LastYear)));
    }

    #[test]
    fn leaves_other_brackets_alone() {
        assert_eq!(cited("规模以上工业(500万元口径)", "500万元"), None);
        assert_eq!(cited("较(3%)", "3%"), None);
        assert_eq!(cited("较一季度(-10.8%", "10.8%"), None);
        assert_eq!(cited("比较而言这一时期的数字(3%)", "3%"), None);
    }
}
