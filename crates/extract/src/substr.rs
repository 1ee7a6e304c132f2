//! Substring tests on the short texts the grammar reads (indicators, quotes), without
//! the setup a general searcher pays on every call.

/// The start of the first occurrence of `needle` in `hay`.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&last) = n.last() else { return Some(0) };
    // The last byte of a CJK character varies more than its first.
    memchr::memchr_iter(last, h)
        .map(|i| i + 1)
        .find(|&end| end >= n.len() && &h[end - n.len()..end] == n)
        .map(|end| end - n.len())
}

/// Whether `hay` holds `needle`.
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_occurrence() {
        assert_eq!(find("排放总量排放", "排放"), Some(0));
        assert_eq!(find("总排放量排放", "排放"), Some(3));
        assert_eq!(find("abc", ""), Some(0));
        assert_eq!(find("ab", "abc"), None);
        assert_eq!(find("浓度", "度"), Some(3));
        assert!(contains("单位能耗", "能耗"));
        assert!(!contains("单位能", "能耗"));
    }
}
