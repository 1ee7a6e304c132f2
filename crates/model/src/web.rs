//! What a source's page address may be.

/// True for an `http://` or `https://` address (scheme in any case) with a host and no
/// whitespace or control characters: the only addresses pages render as links to a
/// source. A `javascript:` link, a `data:` address or a bare word is not one.
pub fn is_web_address(url: &str) -> bool {
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    });
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_http_and_https_addresses_with_a_host_are_web_addresses() {
        for good in ["https://www.jinan.gov.cn/a.html", "HTTP://e.cn", "https://e.cn/?q=1#x"] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)//",
            "notaurl",
            "JavaScript://e.cn/%0aalert(1)",
            "data:text/html,x",
            "http://",
            "https:///path",
            "https://e.cn/a b",
            "https://e.cn/\n",
            "ftp://e.cn/",
            "",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
