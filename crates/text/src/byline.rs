//! Bylines (`□记者 王健 通讯员 韩宏伟 报道`) and datelines (`本报济南讯`, `新华社北京3月1日电`).

use std::sync::OnceLock;

/// The people a byline names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// Staff reporters (`记者`).
    pub reporters: Vec<String>,
    /// Correspondents (`通讯员`).
    pub correspondents: Vec<String>,
}

const MARKERS: [char; 10] = ['□', '■', '▲', '◆', '●', '○', '◇', '☆', '★', '|'];

/// Role keywords, possibly printed with spaces between their characters (`记 者`).
const ROLES: [(&str, Role); 7] = [
    ("记者", Role::Reporter),
    ("記者", Role::Reporter),
    ("通訊員", Role::Correspondent),
    ("報道", Role::End),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Correspondent),
    ("报道", Role::End),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Reporter,
    Correspondent,
    End,
}

/// For each of [`ROLES`], its characters spread apart (`记 者`) and the keyword padded
/// with spaces (` 记者 `): built once.
fn role_forms() -> &'static [(String, String)] {
    static FORMS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FORMS.get_or_init(|| {
        ROLES
            .iter()
            .map(|(kw, _)| {
                let spread = kw.chars().map(String::from).collect::<Vec<_>>().join(" ");
                (spread, format!(" {kw} "))
            })
            .collect()
    })
}

/// Parses a byline's text (spaces kept: they separate the names).
pub fn parse_byline(raw: &str) -> Byline {
    // Glue role keywords whose characters were spread apart, keeping names apart.
    let mut text: String = raw
        .chars()
        .map(|c| {
            if MARKERS.contains(&c) || c == '\u{3000}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    // (Replacing only what is there: most bylines hold two or three of the keywords.)
    let forms = role_forms();
    for (spread, padded) in forms {
        if text.contains(spread.as_str()) {
            text = text.replace(spread.as_str(), padded);
        }
    }
    for ((kw, _), (_, padded)) in ROLES.iter().zip(forms) {
        if text.contains(kw) {
            text = text.replace(kw, padded);
        }
    }
    let mut out = Byline::default();
    let mut role = None;
    for token in text.split_whitespace() {
        if matches!(
            token,
            "本报"
                | "本報"
                | "特约"
                | "特約"
                | "见习"
                | "見習"
                | "首席"
                | "文"
                | "图"
                | "圖"
                | "文/图"
                | "摄"
                | "攝"
                | "摄影"
        ) {
            continue;
        }
        if let Some((_, r)) = ROLES.iter().find(|(k, _)| *k == token) {
            role = Some(*r);
            continue;
        }
        let name: String = token
            .chars()
            .filter(|c| !matches!(c, '、' | '，' | ',' | '/' | '：' | ':'))
            .collect();
        if name.is_empty() {
            continue;
        }
        match role {
            Some(Role::Reporter) => out.reporters.push(name),
            Some(Role::Correspondent) => out.correspondents.push(name),
            _ => {}
        }
    }
    out
}

/// A dateline at the start of a paragraph (`本报济南讯`, `新华社北京3月1日电`, in
/// simplified or traditional characters), possibly followed by a byline in brackets
/// (`本报讯（记者 王健 通讯员 韩宏伟）`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    /// The place (`济南`); empty for `本报讯`.
    pub place: String,
    /// Byte length of the dateline and its bracketed byline: the body starts after it.
    pub len: usize,
    /// The byline in brackets, if any.
    pub byline: Option<Byline>,
}

/// Parses a dateline at the start of a paragraph.
pub fn parse_dateline(text: &str) -> Option<Dateline> {
    let (place, mut len) = if let Some(rest) = text.strip_prefix("本报").or_else(|| text.strip_prefix("本報")) {
        let end = rest.char_indices().take(10).find(|&(_, c)| c == '讯' || c == '訊')?.0;
        let place = rest[..end].trim_end_matches(['电', '電']);
        (place.to_string(), "本报".len() + end + '讯'.len_utf8())
    } else if let Some(rest) = text.strip_prefix("新华社").or_else(|| text.strip_prefix("新華社")) {
        let digit = rest.char_indices().take(10).find(|(_, c)| c.is_ascii_digit())?.0;
        let end = rest[digit..].find(['电', '電'])? + digit;
        (rest[..digit].to_string(), "新华社".len() + end + "电".len())
    } else {
        return None;
    };
    let mut byline = None;
    let rest = &text[len..];
    if let Some(inner) = rest.strip_prefix(['（', '(']) {
        if let Some(close) = inner.find(['）', ')']) {
            let people = &inner[..close];
            if ROLES.iter().any(|(k, _)| people.contains(k)) {
                byline = Some(parse_byline(people));
                len += rest.len() - inner.len() + close + inner[close..].chars().next().map_or(0, char::len_utf8);
            }
        }
    }
    Some(Dateline { place, len, byline })
}
