//! Whether a document speaks for the whole country.
//!
//! A national plan or bulletin says so in its head (`国务院印发…`, `全国…`, `我国…`,
//! `国新办`) and speaks of `全国`/`我国` more than of `全省`/`全市`/`全区`/`全县`: its figures
//! that name no place are `中国`'s, whatever city a dateline or a meeting venue names.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Words in a document's head that mark a national issuer or subject.
const NATIONAL_HEAD: &[&str] = &[
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

/// One automaton over both lists (national words first), so the whole text is read once.
fn scope_words() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| AhoCorasick::new(NATIONAL_SCOPE.iter().chain(LOCAL_SCOPE)).expect("scope words"))
}

/// How many bytes of the document's beginning count as its head.
const HEAD_BYTES: usize = 600;

/// True when a document is national by its head (`head`, simplified) and by the scope
/// words of its whole `text` (read in one pass, only when the head names a national
/// issuer).
pub fn is_national(head: &str, text: &str) -> bool {
    let head = crate::head::head(head, HEAD_BYTES);
    if !NATIONAL_HEAD.iter().any(|w| head.contains(w)) {
        return false;
    }
    let (mut national, mut local) = (0usize, 0usize);
    for m in scope_words().find_iter(text) {
        if m.pattern().as_usize() < NATIONAL_SCOPE.len() {
            national += 1;
        } else {
            local += 1;
        }
    }
    national > local
}

#[cfg(test)]
mod tests {
    use super::is_national;

    fn national(text: &str) -> bool {
        is_national(text, text)
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
    fn city_news() {
        assert!(!national("本报讯 全市清洁取暖率达到90%。"));
    }
}
