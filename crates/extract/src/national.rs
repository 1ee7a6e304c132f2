//! Whether a document speaks for the whole country.
//!
//! A national plan or bulletin says so in its head (`国务院印发…`, `全国…`, `我国…`,
//! `国新办`) and speaks of `全国`/`我国` more than of `全省`/`全市`/`全区`/`全县`: its figures
//! that name no place are `中国`'s, whatever city a dateline or a meeting venue names.

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

/// Words that name the whole country as a scope.
const NATIONAL_SCOPE: &[&str] = &["全国", "我国"];

/// Words that name a province, city, district or county as a scope.
const LOCAL_SCOPE: &[&str] = &["全省", "全市", "全区", "全县", "本市", "全州", "本省"];

/// How many bytes of the document's beginning count as its head.
const HEAD_BYTES: usize = 600;

/// True when a document is national by its head (`head`, simplified) and by the scope
/// words of its whole `text` (simplified only when the head names a national issuer, so
/// most documents pay for their head alone).
pub fn is_national(head: &str, text: &str) -> bool {
    let head = crate::head::head(head, HEAD_BYTES);
    if !NATIONAL_HEAD.iter().any(|w| head.contains(w)) {
        return false;
    }
    let text = crate::shadow::shadow(text);
    let count = |words: &[&str]| words.iter().map(|w| text.matches(w).count()).sum::<usize>();
    count(NATIONAL_SCOPE) > count(LOCAL_SCOPE)
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
