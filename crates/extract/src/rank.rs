//! A rank is no fact (facts.md, "Not facts": `位居六区两县第1位`), nor is the size of the
//! set ranked or a move within it: `在全国168个重点城市中排第130名` (168 cities),
//! `同比前进16个位次`, `退出168城市排名后20位`, nor the size of a set the subject is one
//! of (`十五个副省级城市之一`). An ordinal after `第` is never read as a number at all
//! ([`crate::quantity`]); these are the cardinal numbers a ranking holds.

/// Units that count places in a ranking.
const RANK_UNITS: [&str; 2] = ["位次", "名次"];

/// Words that end a rank's lead before its number (`排名后20位`, `排名前10`).
const RANK_LEADS: [&str; 6] = ["排名前", "排名后", "排名", "排在前", "排在后", "位列前"];

/// Words after the size of a ranked set (`168个重点城市中排第130名`).
const RANKED_IN: [&str; 7] = ["排第", "排名第", "位列第", "位居第", "居第", "排在第", "名列第"];

/// Whether the quantity with unit `unit`, after `before` and before `after` (the rest of
/// its clause) is a rank, a move in a ranking or the size of the set ranked.
pub fn is_rank(before: &str, unit: &str, after: &str) -> bool {
    RANK_UNITS.iter().any(|u| unit.ends_with(u) || after.starts_with(u))
        || RANK_LEADS.iter().any(|w| before.ends_with(w))
        || ranked_in(after)
        || after.trim_end_matches(['，', ',', '。', '；']).ends_with("之一")
}

/// Whether `after` holds one of [`RANKED_IN`]: each ends with 第, so only the text up to
/// each 第 is compared (most clauses have none).
fn ranked_in(after: &str) -> bool {
    after
        .match_indices('第')
        .any(|(i, w)| RANKED_IN.iter().any(|r| after[..i + w.len()].ends_with(r)))
}

#[cfg(test)]
mod tests {
    use super::is_rank;

    #[test]
    fn ranks_and_ranked_sets() {
        assert!(is_rank("空气质量在全国", "个", "重点城市中排第130名"));
        assert!(is_rank("同比前进", "个", "位次"));
        assert!(is_rank("综合指数成功退出168城市排名后", "位", ""));
        assert!(is_rank("作为全国", "个", "副省级城市之一"));
        assert!(!is_rank("全市引进", "位", "院士专家"));
        assert!(!is_rank("全市新增", "家", "规上企业"));
    }
}
