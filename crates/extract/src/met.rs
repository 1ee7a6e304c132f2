//! Counts of units that met a target are results (facts.md: `26个城市完成了PM2.5浓度改善
//! 目标` → 26 个): `有28个地区超额完成了…节能目标任务`, `11家环保节能单位全国通过…考核目标`.
//! The commitment word at the end (`目标`) names what was met, it does not make the
//! count a target; the indicator is the units that met it.

/// Verbs that say a target was met.
const MET_VERBS: [&str; 5] = ["超额完成", "完成", "通过", "实现", "达到"];

/// Words that end the target met.
const TARGET_WORDS: [&str; 4] = ["目标任务", "目标", "任务", "指标"];

/// Words between the units and the verb that belong to neither (`全国`, `均`).
const BETWEEN: [&str; 5] = ["全国", "全部", "均", "都", "已"];

/// Where the units end and the met target starts in `after`, the words after a count
/// up to its clause's end (simplified), when they say the units met a target.
pub fn met_target(after: &str) -> Option<(usize, usize)> {
    let after = after.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '。' | '；' | ';'));
    if !TARGET_WORDS.iter().any(|w| after.ends_with(w)) {
        return None;
    }
    let verb = MET_VERBS.iter().filter_map(|v| after.find(v)).min()?;
    let mut units_end = verb;
    while let Some(w) = BETWEEN.iter().find(|w| after[..units_end].ends_with(**w)) {
        units_end -= w.len();
    }
    (units_end > 0).then_some((units_end, verb))
}

/// Characters that end, read backwards, the words naming a target (`完成了“十一五”节能
/// 目标` → `“十一五”节能`).
fn ends_target_name(c: char) -> bool {
    matches!(
        c,
        '了' | '的' | '成' | '过' | '出' | '在' | '对' | '和' | '与' | '及' | '为'
    ) || !(crate::units::is_cjk(c) || matches!(c, '“' | '”' | '"'))
}

/// The target a bare `目标` refers to: the last target `text` names with words before
/// it (`…超额完成了“十一五”节能目标任务` → `“十一五”节能目标`), as a later `超出目标` means
/// that target.
pub fn named_target(text: &str) -> Option<String> {
    // The name of a target is short.
    const MAX_NAME_CHARS: usize = 12;
    let mut end = text.len();
    while let Some(at) = text[..end].rfind("目标") {
        let name_start = text[..at]
            .char_indices()
            .rev()
            .take(MAX_NAME_CHARS)
            .take_while(|&(_, c)| !ends_target_name(c))
            .last()
            .map_or(at, |(i, _)| i);
        let name = &text[name_start..at];
        if name.chars().filter(|c| crate::units::is_cjk(*c)).count() >= 2 {
            return Some(format!("{name}目标"));
        }
        end = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::met_target;

    #[test]
    fn a_bare_target_is_the_one_named_before() {
        assert_eq!(
            super::named_target("有28个地区超额完成了“十一五”节能目标任务,超额完成"),
            Some("“十一五”节能目标".to_owned())
        );
        assert_eq!(super::named_target("完成了目标,超出"), None);
    }

    #[test]
    fn units_that_met_a_target() {
        let a = "地区超额完成了“十一五”节能目标任务";
        assert_eq!(met_target(a), Some(("地区".len(), "地区".len())));
        let a = "环保节能单位全国通过山西省节能减排考核目标";
        let (units, verb) = met_target(a).expect("met");
        assert_eq!((&a[..units], &a[verb..verb + 6]), ("环保节能单位", "通过"));
    }

    #[test]
    fn a_commitment_is_no_result() {
        assert_eq!(met_target("污水处理厂"), None);
        assert_eq!(met_target("目标"), None);
    }
}
