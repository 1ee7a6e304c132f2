//! Whether a document speaks for the whole country.
//!
//! A national plan or bulletin says so in its head (`国务院印发…`, `全国…`, `我国…`,
//! `国新办`) and speaks of `全国`/`我国` more than of `全省`/`全市`/`全区`/`全县`: its figures
//! that name no place are `中国`'s, whatever city a dateline or a meeting venue names.

use crate::head::Head;

/// Words in a document's head that mark a national issuer or subject.
pub(crate) const NATIONAL_HEAD: &[&str] = &[
    "国务院",
    "全国",
    "我国",
    "国新办",
    "国家发展改革委",
    "发改委",
    "国家统计局",
];

/// Words that name the whole country as a scope, simplified and traditional.
const NATIONAL_SCOPE: &[&str] = &["全国", "我国", "全國", "我國"];

/// Words that name a province, city, district or county as a scope, simplified and
/// traditional.
const LOCAL_SCOPE: &[&str] = &["全省", "全市", "全区", "全县", "本市", "全州", "本省", "全區", "全縣"];

/// How many bytes of the document's beginning count as its head.
const HEAD_BYTES: usize = 600;

/// True when a document is national by its head (`head`, simplified) and by the scope
/// words of its whole `text` (counted only when the head names a national issuer).
pub fn is_national(head: &Head<'_>, text: &str) -> bool {
    if !head.has(NATIONAL_HEAD, HEAD_BYTES) {
        return false;
    }
    count(text, NATIONAL_SCOPE) > count(text, LOCAL_SCOPE)
}

/// How often the words of `words` occur in `text`. The scope words all begin with one
/// of a few characters (`全`, `我`, `本`): one vectorized search per distinct first
/// character, then a check of the word there, reads Chinese text several times faster
/// than one automaton over all words, whose start bytes (`E5`, `E6`) begin most
/// characters.
fn count(text: &str, words: &[&str]) -> usize {
    let mut firsts: Vec<&str> = words
        .iter()
        .filter_map(|w| w.get(..w.chars().next()?.len_utf8()))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
        .iter()
        .map(|first| {
            memchr::memmem::find_iter(text.as_bytes(), first)
                .filter(|&i| words.iter().any(|w| text.as_bytes()[i..].starts_with(w.as_bytes())))
                .count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::{LOCAL_SCOPE, NATIONAL_SCOPE, count, is_national};
    use crate::head::Head;

    fn national(text: &str) -> bool {
        is_national(&Head::new(text), text)
    }

    #[test]
    fn national_plan() {
        assert!(national(
            "国务院印发“十三五”节能减排综合工作方案。到2020年，全国万元国内生产总值能耗下降15%。"
        ));
    }

    #[test]
    fn provincial_report_citing_the_state_council() {
        assert!(!national(
            "根据国务院《方案》要求，全省单位GDP能耗下降3%，全省完成目标，全国领先。"
        ));
    }

    #[test]
    fn counts_each_word_where_it_starts() {
        let text = "全国和我國，全省、本市与全市；全国";
        assert_eq!(count(text, NATIONAL_SCOPE), 3);
        assert_eq!(count(text, LOCAL_SCOPE), 3);
        assert_eq!(count("全面推进", LOCAL_SCOPE), 0);
    }

    #[test]
    fn city_news() {
        assert!(!national("本报讯 全市清洁取暖率达到90%。"));
    }
}
