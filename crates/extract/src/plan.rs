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

/// Verbs that cite another document by its title: `为贯彻落实《“十四五”工业绿色发展规划》`
/// speaks of a plan, it is none.
pub(crate) const CITING: &[&str] = &[
    "贯彻", "落实", "根据", "按照", "依据", "依照", "遵照", "对照", "围绕", "结合",
];

/// Whether every plan word of `head` lies in a title cited after a citing verb (a news
/// item that names the plan it implements), so the document does not call itself a plan.
fn cites_plans_only(head: &str) -> bool {
    let mut outside = String::with_capacity(head.len());
    let mut rest = head;
    let mut cited = false;
    while let Some(open) = rest.find('《') {
        let before = &rest[..open];
        // 《A》《B》: a title right after a cited one is cited too.
        cited = (cited && before.trim().is_empty()) || {
            let clause = before.rsplit(['，', ',', '。', '；', '\n']).next().unwrap_or(before);
            CITING.iter().any(|w| clause.contains(w))
        };
        outside.push_str(before);
        let after = &rest[open..];
        let close = after.find('》').map_or(after.len(), |c| c + '》'.len_utf8());
        if !cited {
            outside.push_str(&after[..close]);
        }
        rest = &after[close..];
    }
    outside.push_str(rest);
    outside.len() < head.len() && !PLAN_WORDS.iter().any(|w| outside.contains(w))
}

/// The five-year plans by their ordinal, from the 11th ([`FIRST_ORDINAL`]) on.
pub(crate) const ORDINALS: [&str; 5] = ["十一五", "十二五", "十三五", "十四五", "十五五"];

/// The ordinal of the first of [`ORDINALS`].
const FIRST_ORDINAL: i32 = 11;

/// The first and last year of the five-year plan the head of `text` (simplified) names,
/// when the head also calls the document a plan: the span within which its unmarked
/// amounts count (`完成新造林100万亩` is an increment over the plan).
pub fn plan_span(head: &Head<'_>) -> Option<(i32, i32)> {
    let cites = head.has(CITING, HEAD_BYTES) && cites_plans_only(crate::head::head(head.text, HEAD_BYTES));
    if !head.has(PLAN_WORDS, HEAD_BYTES) || cites {
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
    fn news_that_cites_a_plan_is_none() {
        let news = "济南11家企业上“绿榜”\n日前，省工信厅公布2023年省级绿色制造名单。\n为贯彻落实《“十四五”工业绿色发展规划》《工业领域碳达峰实施方案》，持续完善绿色制造体系";
        assert_eq!(plan_span(&Head::new(news)), None);
        let notice = "关于印发《济南市“十四五”节能减排规划》的通知\n为贯彻落实《国家“十四五”规划纲要》，现印发";
        assert_eq!(plan_span(&Head::new(notice)), Some((2021, 2025)));
    }

    #[test]
    fn news_without_a_plan_word() {
        assert_eq!(plan_span(&Head::new("“十四五”开局之年，全市经济平稳运行")), None);
    }
}
