//! Whose total a bare `总…` is: `完成安化县光伏发电项目(一)建设,总装机33.2万千瓦` gives the
//! project of the clause before it its total (`光伏发电项目(一)总装机`), as a project's
//! figures follow its name in the language of plans and news (`新建XX工程,总投资12亿元`).

/// Verbs that open a clause naming a project.
const OPENING_VERBS: &[&str] = &[
    "开工建设",
    "加快建设",
    "启动建设",
    "完成",
    "建成",
    "建设",
    "新建",
    "实施",
    "启动",
    "推进",
    "开工",
    "投运",
];

/// Nouns that end a project's name.
const PROJECT_NOUNS: &[&str] = &["项目", "工程", "电站", "基地", "园区", "产业园", "示范区"];

/// The longest indicator, in characters, that reads as a bare total (`总装机`, `总投资`).
const MAX_TOTAL_CHARS: usize = 4;

/// Whether `indicator` is a bare total that needs its owner (`总装机`, `总投资`, `总规模`).
pub fn is_bare_total(indicator: &str) -> bool {
    indicator.starts_with('总') && indicator.chars().count() <= MAX_TOTAL_CHARS
}

/// The project a clause names when it opens with a verb of building and ends with a
/// project (`完成安化县光伏发电项目(一)建设` → `安化县光伏发电项目(一)`), or `None`.
/// The clause must hold no digit: a clause with a figure of its own is no name.
pub fn project_of(clause: &str) -> Option<&str> {
    let clause = clause.trim();
    if clause.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = OPENING_VERBS.iter().find_map(|v| clause.strip_prefix(v))?;
    let rest = rest.strip_suffix("建设").unwrap_or(rest);
    // A numbered part of the project (项目(一), 工程（二期）) stays with its name.
    let name = match rest.strip_suffix([')', '）']) {
        Some(r) => r.rfind(['(', '（']).map_or(rest, |i| &r[..i]),
        None => rest,
    };
    (PROJECT_NOUNS.iter().any(|n| name.ends_with(n)) && name.chars().count() >= 4).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::{is_bare_total, project_of};

    #[test]
    fn a_project_named_before_its_total() {
        assert_eq!(
            project_of("完成安化县光伏发电项目(一)建设"),
            Some("安化县光伏发电项目(一)")
        );
        assert_eq!(project_of("新建城南污水处理厂扩建工程"), Some("城南污水处理厂扩建工程"));
        assert!(is_bare_total("总装机"));
        assert!(is_bare_total("总投资"));
    }

    #[test]
    fn no_project_no_owner() {
        // A clause with a figure, without a building verb or without a project noun.
        assert_eq!(project_of("完成投资3亿元的项目"), None);
        assert_eq!(project_of("全县光伏发电项目"), None);
        assert_eq!(project_of("推进乡村振兴"), None);
        assert!(!is_bare_total("装机容量"));
        assert!(!is_bare_total("总装机容量规模"));
    }
}
