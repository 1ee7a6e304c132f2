//! The part of a year a document reports on, and what its closing quarter means.
//!
//! A half-year or three-quarter report (`上半年，全县经济…`) gives its figures from the
//! year's start: there `二季度全县地区生产总值为1437936万元` (the quarterly national
//! accounts) is the figure up to the end of the second quarter, `H1`, not the second
//! quarter alone. An earlier quarter stays itself (`较一季度(-10.8%)` → `Q1`).

use smallvec::SmallVec;

use crate::head::Head;

/// Words of a head that name the part of a year a report covers, with the period they
/// stand for and the quarter that closes it.
pub(crate) const PARTS: &[(&str, &str, &str)] = &[
    ("上半年", "H1", "Q2"),
    ("前三季度", "1-9月", "Q3"),
    ("1-6月", "H1", "Q2"),
    ("1-9月", "1-9月", "Q3"),
];

/// The part of a year that `head` (simplified) reports on: the first such word in it.
pub(crate) fn period(head: &Head<'_>) -> Option<&'static str> {
    let words: SmallVec<[&str; 4]> = PARTS.iter().map(|p| p.0).collect();
    head.first_of(&words, usize::MAX).map(|k| PARTS[k].1)
}

/// What quarter `quarter` (`Q2`) means in a report on `reported` (`H1`): the reported
/// period when the quarter closes it.
pub(crate) fn cumulative(reported: &str, quarter: &str) -> Option<&'static str> {
    PARTS
        .iter()
        .find(|(_, p, q)| *p == reported && *q == quarter)
        .map(|(_, p, _)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::Head;

    #[test]
    fn a_half_year_report_reads_its_second_quarter_as_the_half_year() {
        let head = "上半年，县委、县政府团结带领全县上下…二季度全县地区生产总值为1437936万元";
        let p = period(&Head::new(head)).unwrap();
        assert_eq!(p, "H1");
        assert_eq!(cumulative(p, "Q2"), Some("H1"));
        assert_eq!(cumulative(p, "Q1"), None);
    }

    #[test]
    fn a_head_without_a_part_of_a_year_reports_on_none() {
        assert_eq!(period(&Head::new("2022年全区国民经济和社会发展统计公报")), None);
    }
}
