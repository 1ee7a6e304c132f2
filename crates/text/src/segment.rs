//! Pages into articles: bylines open articles, datelines open bodies, and headlines are
//! found after the body (newspaper pages set in columns) or before it (web pages, plans).

use std::ops::Range;

use serde::Serialize;

use crate::byline::{Byline, parse_byline, parse_dateline};
use crate::document::Document;
use crate::places::{Gazetteer, gazetteer};

/// One article of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// 0-based index in the page.
    pub article: usize,
    /// The headline (without kicker and subtitle).
    pub headline: String,
    /// The line above the headline (`…印发，2025年———`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// The line below the headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Staff reporters.
    pub reporters: Vec<String>,
    /// Correspondents.
    pub correspondents: Vec<String>,
    /// The dateline's place (`本报济南讯` → `济南`).
    pub dateline: Option<String>,
    /// The place the article is about, as a full name (`槐荫区`, `济南高新区`).
    pub scope: Option<String>,
    /// The body, normalized, paragraphs separated by `'\n'`.
    pub body: String,
    /// Byte range of the body in the document's normalized text.
    #[serde(skip)]
    pub body_range: Range<usize>,
    /// Byte range of the body in the original input.
    pub body_span: [usize; 2],
    /// Index of the scope in the gazetteer.
    #[serde(skip)]
    pub scope_place: Option<usize>,
}

impl Article {
    /// Headline with kicker and subtitle, in reading order.
    pub fn full_headline(&self) -> String {
        [
            self.kicker.as_deref(),
            Some(self.headline.as_str()),
            self.subtitle.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', ' ']);
    t.ends_with(['。', '！', '？', '!', '?', '…', '；'])
}

/// Whether a paragraph reads as a title: short and not a finished sentence.
fn looks_like_title(t: &str) -> bool {
    let n = t.chars().count();
    n > 0 && n <= 64 && !ends_sentence(t) && parse_dateline(t).is_none()
}

/// Splits a document into articles.
pub fn segment(doc: &Document) -> Vec<Article> {
    let g = gazetteer();
    let paras = &doc.paragraphs;
    // Articles open at a byline, or at a dateline that no byline precedes.
    let openers: Vec<usize> = (0..paras.len())
        .filter(|&i| {
            paras[i].byline || (parse_dateline(doc.paragraph_text(i)).is_some() && (i == 0 || !paras[i - 1].byline))
        })
        .collect();
    if openers.len() < 2 && !openers.first().is_some_and(|&i| paras[i].byline) {
        return vec![single(doc, g)];
    }
    let before_layout = (0..openers[0]).any(|i| looks_like_title(doc.paragraph_text(i)));
    let mut out = Vec::new();
    let mut headline_start = 0;
    for (k, &b) in openers.iter().enumerate() {
        let next = openers.get(k + 1).copied().unwrap_or(paras.len());
        let body_first = if paras[b].byline { b + 1 } else { b };
        let body_last = (body_first..next).rev().find(|&i| ends_sentence(doc.paragraph_text(i)));
        let body_end = body_last.map_or(next, |i| i + 1);
        let heads: Vec<usize> = if before_layout {
            (headline_start..b).collect()
        } else {
            (body_end..next).collect()
        };
        headline_start = body_end;
        let byline = if paras[b].byline {
            let text: Vec<&str> = (paras[b].lines.clone()).map(|i| doc.line_text(i)).collect();
            parse_byline(&text.join(" "))
        } else {
            Byline::default()
        };
        let head_texts: Vec<&str> = heads.iter().map(|&i| doc.paragraph_text(i)).collect();
        out.push(build(
            doc,
            g,
            out.len(),
            &head_texts,
            body_first..body_end,
            byline.reporters,
            byline.correspondents,
        ));
    }
    out
}

/// The most paragraphs of site navigation read before a page's title.
const MAX_NAVIGATION: usize = 4;

/// The longest paragraph read as navigation, in normalized bytes.
const MAX_NAVIGATION_BYTES: usize = 600;

/// Whether a paragraph (normalized) is short enough to be navigation: a menu or a trail is
/// a line or two; a long paragraph is text.
fn may_be_navigation(text: &str) -> bool {
    text.len() <= MAX_NAVIGATION_BYTES
}

/// Whether paragraph `i` is a site's navigation rather than a title, read in its raw
/// lines (normalizing drops the spaces between Chinese words that set a menu apart).
fn is_navigation(doc: &Document, i: usize) -> bool {
    if !may_be_navigation(doc.paragraph_text(i)) {
        return false;
    }
    let raw: Vec<&str> = doc.paragraphs[i].lines.clone().map(|l| doc.line_text(l)).collect();
    is_navigation_text(&raw.join(" "))
}

/// A menu of short words set apart by spaces (`经济导报    原创    山东    公司    金融`) or a
/// breadcrumb trail ([`is_breadcrumb`]).
fn is_navigation_text(raw: &str) -> bool {
    let raw = raw.trim();
    if is_breadcrumb(raw) {
        return true;
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    words.len() >= 5
        && words
            .iter()
            .all(|w| w.chars().count() <= 6 && !w.contains(['，', '。', '：', '；', ',', ':', ';', '！', '？']))
}

/// How many paragraphs of a page's beginning may hold its header (site name, breadcrumb,
/// menus, the title repeated).
const MAX_HEADER: usize = 12;

/// The paragraph that is a page's title as its breadcrumb names it
/// (`您当前位置：…>招考动态>2026年济南市人民政府工作报告`, the title again below): the
/// first paragraph after the breadcrumb, within the header, that reads as a title and
/// that the breadcrumb's last step holds.
fn title_after_breadcrumb(doc: &Document) -> Option<usize> {
    let n = doc.paragraphs.len().min(MAX_HEADER);
    let crumb = (0..n).find(|&i| {
        let t = doc.paragraph_text(i);
        may_be_navigation(t) && is_breadcrumb(t)
    })?;
    let text = doc.paragraph_text(crumb);
    let last = text.rsplit(['>', '＞', '»']).next()?;
    // The last step names the page; a title below it is the page's own.
    (crumb + 1..n).find(|&i| {
        let t = doc.paragraph_text(i).trim();
        t.chars().count() >= 4 && looks_like_title(t) && last.contains(t)
    })
}

/// Whether a paragraph is a breadcrumb trail (`山东财经网 >> 导报原创`,
/// `当前位置：首页 > 新闻 > 正文`).
fn is_breadcrumb(text: &str) -> bool {
    let t = text.trim();
    const LEADS: [&str; 6] = [
        "当前位置",
        "您的位置",
        "您现在的位置",
        "您当前位置",
        "你的位置",
        "当前的位置",
    ];
    if LEADS.iter().any(|w| t.starts_with(w)) {
        return true;
    }
    // Steps `>` or `＞` (EF BC 9E), or one `»` (C2 BB): one search for their last bytes.
    let b = t.as_bytes();
    let mut steps = 0;
    for i in memchr::memchr3_iter(b'>', 0x9E, 0xBB, b) {
        match b[i] {
            b'>' => steps += 1,
            0x9E if b[..=i].ends_with("＞".as_bytes()) => steps += 1,
            0xBB if b[..=i].ends_with("»".as_bytes()) => return true,
            _ => {}
        }
    }
    steps >= 2
}

/// A text without bylines: one article, titled by its first paragraph when that reads
/// as a title.
fn single(doc: &Document, g: &Gazetteer) -> Article {
    let n = doc.paragraphs.len();
    // A page saved from a site opens with its menus; the title comes after them.
    let mut first = 0;
    while first < n.min(MAX_NAVIGATION) && n > first + 1 && is_navigation(doc, first) {
        first += 1;
    }
    // A breadcrumb ends with the page's title: where that title stands alone further
    // down, what lies before it is the site's header.
    if let Some(t) = title_after_breadcrumb(doc) {
        first = first.max(t);
    }
    let title_from = first;
    let mut heads = Vec::new();
    while first < n && first < title_from + 3 && looks_like_title(doc.paragraph_text(first)) && n > first + 1 {
        heads.push(doc.paragraph_text(first));
        first += 1;
        // A second title line only when it is a subtitle in brackets or after a dash.
        let next = doc.paragraph_text(first.min(n - 1));
        if !(next.starts_with(['（', '(', '—', '-']) || next.ends_with(['）', ')'])) {
            break;
        }
    }
    build(doc, g, 0, &heads, first..n, Vec::new(), Vec::new())
}

fn build(
    doc: &Document,
    g: &Gazetteer,
    index: usize,
    heads: &[&str],
    body: Range<usize>,
    reporters: Vec<String>,
    correspondents: Vec<String>,
) -> Article {
    let (kicker, headline, subtitle) = split_headline(heads);
    let mut range = match (
        doc.paragraphs.get(body.start),
        body.end.checked_sub(1).and_then(|e| doc.paragraphs.get(e)),
    ) {
        (Some(a), Some(z)) if body.start < body.end => a.range.start..z.range.end,
        _ => {
            let at = doc.paragraphs.get(body.start).map_or(doc.norm.len(), |p| p.range.start);
            at..at
        }
    };
    let mut dateline = None;
    let (mut reporters, mut correspondents) = (reporters, correspondents);
    if let Some(d) = parse_dateline(&doc.norm.text[range.clone()]) {
        dateline = Some(d.place);
        range.start += d.len;
        if let Some(b) = d.byline {
            reporters.extend(b.reporters);
            correspondents.extend(b.correspondents);
        }
        let rest = &doc.norm.text[range.clone()];
        let skip = rest.len() - rest.trim_start_matches([' ', '，', '：', ':', ',', '\n']).len();
        range.start += skip;
    }
    let body_text = doc.norm.text[range.clone()].to_string();
    let all_heads = [
        kicker.as_deref().unwrap_or(""),
        &headline,
        subtitle.as_deref().unwrap_or(""),
    ]
    .join(" ");
    let scope_place = g.article_scope(&all_heads, &body_text, dateline.as_deref().filter(|d| !d.is_empty()));
    let span = doc.norm.original_span(range.clone());
    Article {
        article: index,
        headline,
        kicker,
        subtitle,
        reporters,
        correspondents,
        dateline,
        scope: scope_place.map(|p| g.places[p].name.clone()),
        body: body_text,
        body_range: range,
        body_span: [span.start, span.end],
        scope_place,
    }
}

/// Kicker (a line ending in a dash or colon), headline, and subtitle (a markedly longer
/// second line).
fn split_headline(heads: &[&str]) -> (Option<String>, String, Option<String>) {
    let mut rest = heads;
    let mut kicker = None;
    if rest.len() >= 2 && rest[0].trim_end().ends_with(['—', '：', ':', '-']) {
        kicker = Some(rest[0].to_string());
        rest = &rest[1..];
    }
    let len = |s: &str| s.chars().count();
    if rest.len() == 2 && len(rest[1]) > 12 && len(rest[1]) * 2 >= len(rest[0]) * 3 {
        return (kicker, rest[0].to_string(), Some(rest[1].to_string()));
    }
    (kicker, rest.concat(), None)
}
