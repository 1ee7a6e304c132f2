//! The year a review document reports on.
//!
//! A government work report, a statistical bulletin or a plan-execution report published in
//! the first half of year N reviews year N−1: a figure it gives without a year of its own
//! belongs to N−1, not to the publication year. A half-year or three-quarter report reviews
//! its own year. The document says which it is in its head (title, first lines); a year it
//! names there before the publication year (`2018年政府工作回顾`) is the year under review.

use crate::head::Head;

/// Words that mark a document, in its head, as a review of a past year (`公报` covers
/// `统计公报`).
pub(crate) const REVIEW_WORDS: &[&str] = &[
    "工作报告",
    "工作回顾",
    "公报",
    "初步核算",
    "执行情况",
    "工作总结",
    "社会责任报告",
    "考核结果",
    "经济运行情况",
];

/// Words that mark a report on part of the publication year.
pub(crate) const PART_YEAR_WORDS: &[&str] = &["上半年", "前三季度", "一季度", "1-6月", "1—6月"];

/// How many bytes of the document's beginning count as its head.
const HEAD_BYTES: usize = 1200;

/// The year under review, when the head of `text` marks it as a review; `doc_year` is the
/// publication year and `doc_month` its month.
pub fn review_year(head: &Head<'_>, doc_year: Option<i32>, doc_month: Option<u32>) -> Option<i32> {
    let d = doc_year?;
    let part_year = head.has(PART_YEAR_WORDS, HEAD_BYTES);
    if !head.has(REVIEW_WORDS, HEAD_BYTES) {
        // A report on part of the publication year reviews that year.
        return part_year.then_some(d);
    }
    let earlier = years_in(crate::head::head(head.text, HEAD_BYTES))
        .filter(|&y| y < d && y >= d - 2)
        .max();
    earlier.or(match doc_month {
        // 一季度经济运行情况, published in April, reviews its own year.
        Some(m) if m <= 6 && !part_year => Some(d - 1),
        _ => Some(d),
    })
}

/// The four-digit years `YYYY年` written in `s`.
fn years_in(s: &str) -> impl Iterator<Item = i32> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let digits = &s.as_bytes()[..i];
        let n = digits.len();
        if n < 4 || !digits[n - 4..].iter().all(u8::is_ascii_digit) {
            return None;
        }
        if n > 4 && digits[n - 5].is_ascii_digit() {
            return None;
        }
        s[i - 4..i].parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::review_year;
    use crate::head::Head;

    #[test]
    fn work_report_reviews_the_year_it_names() {
        let t = "(2019年1月12日在市人民代表大会上)\n政府工作报告\n一、2018年政府工作回顾";
        assert_eq!(review_year(&Head::new(t), Some(2019), Some(1)), Some(2018));
    }

    #[test]
    fn bulletin_early_in_the_year_reviews_the_last() {
        let t = "初步核算,全年完成地区生产总值295.4亿元";
        assert_eq!(review_year(&Head::new(t), Some(2023), Some(4)), Some(2022));
    }

    #[test]
    fn half_year_report_reviews_its_own_year() {
        assert_eq!(
            review_year(&Head::new("全县上半年经济运行情况"), Some(2024), Some(9)),
            Some(2024)
        );
    }

    #[test]
    fn an_account_of_the_economy_reviews_the_year_it_names() {
        let t = "国新办2015年国民经济运行情况举行发布会的数据显示";
        assert_eq!(review_year(&Head::new(t), Some(2016), Some(1)), Some(2015));
        assert_eq!(
            review_year(&Head::new("一季度经济运行情况"), Some(2024), Some(4)),
            Some(2024)
        );
    }

    #[test]
    fn a_plan_is_no_review() {
        assert_eq!(
            review_year(&Head::new("“十四五”节能减排综合工作方案"), Some(2022), Some(1)),
            None
        );
    }
}
