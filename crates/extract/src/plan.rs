//! The year a plan document's targets are due.
//!
//! A five-year plan, an outline or a work programme names its period in its head
//! (`“十四五”节能减排综合工作方案`, `十三五规划`): a figure it gives with no year and no
//! report word is one of its targets, due at the plan's last year.

use crate::head::Head;
use crate::periods::plan_years;

/// Words that mark a document as a plan.
pub(crate) const PLAN_WORDS: &[&str] = &["规划", "纲要", "方案", "计划", "意见"];

/// How many bytes of the document's beginning count as its head.
const HEAD_BYTES: usize = 800;

/// The five-year plans by their ordinal, from the 11th ([`FIRST_ORDINAL`]) on.
pub(crate) const ORDINALS: [&str; 5] = ["十一五", "十二五", "十三五", "十四五", "十五五"];

/// The ordinal of the first of [`ORDINALS`].
const FIRST_ORDINAL: i32 = 11;

/// The first and last year of the five-year plan the head of `text` (simplified) names,
/// when the head also calls the document a plan: the span within which its unmarked
/// amounts count (`完成新造林100万亩` is an increment over the plan).
pub fn plan_span(head: &Head<'_>) -> Option<(i32, i32)> {
    if !head.has(PLAN_WORDS, HEAD_BYTES) {
        return None;
    }
    let first = head.first_of(&ORDINALS, HEAD_BYTES)?;
    Some(plan_years(FIRST_ORDINAL + first as i32))
}

#[cfg(test)]
mod tests {
    use super::plan_span;
    use crate::head::Head;

    #[test]
    fn five_year_plan() {
        assert_eq!(
            plan_span(&Head::new("北京市“十四五”时期重大基础设施发展规划")),
            Some((2021, 2025))
        );
    }

    #[test]
    fn news_without_a_plan_word() {
        assert_eq!(plan_span(&Head::new("“十四五”开局之年，全市经济平稳运行")), None);
    }
}
