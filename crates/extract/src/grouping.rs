//! A regional grouping a plan is for (`《长江三角洲区域一体化发展规划纲要》` → `长江三角洲区域`).
//!
//! A plan for a grouping of places (a delta, a basin, a city cluster) is titled with the
//! grouping's name, which is the scope of its figures as worded; the places it lists
//! (`范围包括上海市、江苏省…`) are its parts, not its scope.

/// The endings of a grouping's name.
const ENDINGS: &[&str] = &["区域", "地区", "城市群", "经济带", "经济区", "经济圈", "都市圈", "流域"];

/// Words of a plan's title.
const PLAN_WORDS: &[&str] = &["规划", "纲要", "方案", "计划"];

/// The most characters a grouping's name has.
const MAX_CHARS: usize = 12;

/// The grouping named at the start of a plan's title in `head` (simplified): the first
/// `《…》` title that is a plan and begins with a name ending in [`ENDINGS`].
pub fn grouping(head: &str) -> Option<&str> {
    let mut rest = head;
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let close = after.find('》')?;
        let title = &after[..close];
        if let Some(name) = named(title) {
            return Some(name);
        }
        rest = &after[close..];
    }
    None
}

/// The grouping's name at the start of a plan's title.
fn named(title: &str) -> Option<&str> {
    if !PLAN_WORDS.iter().any(|w| title.contains(w)) {
        return None;
    }
    let end = title
        .char_indices()
        .take(MAX_CHARS)
        .map(|(i, c)| i + c.len_utf8())
        .find(|&e| ENDINGS.iter().any(|w| title[..e].ends_with(w)))?;
    // A name, not a bare ending (`地区生产总值…规划`).
    (title[..end].chars().count() > 2).then(|| &title[..end])
}

#[cfg(test)]
mod tests {
    use super::grouping;

    #[test]
    fn a_plan_for_a_grouping() {
        assert_eq!(
            grouping("中共中央印发了《长江三角洲区域一体化发展规划纲要》。"),
            Some("长江三角洲区域")
        );
        assert_eq!(grouping("《黄河流域生态保护和高质量发展规划纲要》"), Some("黄河流域"));
        assert_eq!(grouping("《成渝地区双城经济圈建设规划纲要》"), Some("成渝地区"));
    }

    #[test]
    fn other_titles_name_no_grouping() {
        assert_eq!(grouping("《京津冀协同发展规划纲要》"), None);
        assert_eq!(grouping("《人民日报》报道，长江三角洲区域…"), None);
        assert_eq!(grouping("《北京市“十四五”时期重大基础设施发展规划》"), None);
    }
}
