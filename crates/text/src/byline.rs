//! Bylines (`□记者 王健 通讯员 韩宏伟 报道`) and datelines (`本报济南讯`, `新华社北京3月1日电`).

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
const ROLES: [(&str, Role); 4] = [
    ("记者", Role::Reporter),
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
    for (kw, _) in ROLES {
        let spread: String = kw.chars().map(String::from).collect::<Vec<_>>().join(" ");
        text = text.replace(&spread, &format!(" {kw} "));
    }
    for (kw, _) in ROLES {
        text = text.replace(kw, &format!(" {kw} "));
    }
    let mut out = Byline::default();
    let mut role = None;
    for token in text.split_whitespace() {
        if matches!(token, "本报" | "特约" | "见习" | "首席" | "文" | "图" | "文/图") {
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

/// A dateline at the start of a paragraph: the place and the byte length of the marker
/// (the body starts after it).
pub fn parse_dateline(text: &str) -> Option<(String, usize)> {
    if let Some(rest) = text.strip_prefix("本报") {
        let end = rest.char_indices().take(10).find(|&(_, c)| c == '讯')?.0;
        let place = &rest[..end];
        let place = place.trim_end_matches("电");
        return Some((place.to_string(), "本报".len() + end + '讯'.len_utf8()));
    }
    if let Some(rest) = text.strip_prefix("新华社") {
        let digit = rest.char_indices().take(10).find(|(_, c)| c.is_ascii_digit())?.0;
        let end = rest[digit..].find("电")? + digit;
        return Some((rest[..digit].to_string(), "新华社".len() + end + "电".len()));
    }
    None
}
