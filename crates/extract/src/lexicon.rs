//! The word lists the grammar reads: units, bound words, predicates, kind cues, scope
//! words, organizations, trimmed words, scene words, time words and list heads.
//!
//! The lists are data files in `crates/extract/data/` (embedded at build time) so an
//! analyst can extend them without recompiling: [`Lexicon::from_dir`] reads files of
//! the same names from a folder and adds their lines to the embedded ones, and
//! [`Lexicon::from_env`] does so for the folder named by `PLEDGE_LEXICON`.

use std::collections::HashMap;
use std::path::Path;

use pledge_model::Bound;

use crate::error::LexiconError;
use crate::words::WordIndex;

/// The data files, by name, with their embedded contents.
pub const FILES: [(&str, &str); 14] = [
    ("units.txt", include_str!("../data/units.txt")),
    ("bounds.txt", include_str!("../data/bounds.txt")),
    ("predicates.txt", include_str!("../data/predicates.txt")),
    ("kinds.txt", include_str!("../data/kinds.txt")),
    ("neutral.txt", include_str!("../data/neutral.txt")),
    ("scope.txt", include_str!("../data/scope.txt")),
    ("orgs.txt", include_str!("../data/orgs.txt")),
    ("lead.txt", include_str!("../data/lead.txt")),
    ("scene.txt", include_str!("../data/scene.txt")),
    ("periods.txt", include_str!("../data/periods.txt")),
    ("heads.txt", include_str!("../data/heads.txt")),
    ("indicators.txt", include_str!("../data/indicators.txt")),
    ("magnitudes.txt", include_str!("../data/magnitudes.txt")),
    ("traditional.txt", include_str!("../data/traditional.txt")),
];

/// What a unit counts, which decides how a number with it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    /// `%`, `‰`: a share or a rate.
    Percent,
    /// `百分点`: a difference of percentages.
    Points,
    /// A classifier of things counted (`家`, `个`).
    Count,
    /// A physical measure (`吨`, `平方米`).
    Measure,
    /// Money (`元`).
    Money,
    /// A specification (`千伏`): never a fact when a noun follows it.
    Spec,
}

impl UnitClass {
    /// A share or a difference of shares (`%`, `百分点`), as opposed to an amount.
    pub fn is_rate(self) -> bool {
        matches!(self, UnitClass::Percent | UnitClass::Points)
    }
}

/// A unit's name as emitted, shared by every quantity that carries it.
pub type UnitName = std::sync::Arc<str>;

/// A unit form and what it stands for.
#[derive(Debug, Clone)]
pub struct UnitEntry {
    /// The unit as emitted (simplified).
    pub canonical: UnitName,
    /// Its class.
    pub class: UnitClass,
}

/// Which side of the number a bound word stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Before the number (`超过8万个`).
    Before,
    /// After the number or its unit (`8万个以上`).
    After,
}

/// The role of a word between an indicator and its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pred {
    /// The indicator's value (`达到`).
    Level,
    /// A change upwards (`增长`).
    Up,
    /// A change downwards (`下降`).
    Down,
    /// A reduction (`削减`): a change downwards before a rate (`削减10%`), while before an
    /// amount the amount reduced is the indicator's value (`化学需氧量削减850吨`).
    Reduce,
    /// An amount added or done within the period (`新增`).
    Increment,
    /// Introduces a baseline year (`较`).
    Compare,
    /// The baseline is the year before (`同比`).
    ComparePrev,
    /// A `分别` list.
    Each,
    /// A change for the better (`改善`): its direction depends on the indicator.
    Improve,
    /// A word to skip.
    Filler,
}

/// What a word says about a fact's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindCue {
    /// A commitment or forecast anywhere in the sentence.
    Target,
    /// A commitment only next to the number.
    TargetNoun,
    /// A report of what was reached.
    Actual,
}

/// The level of the article's place a scope word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeWord {
    /// 全国, 我国.
    Country,
    /// 全省.
    Province,
    /// 全市.
    Prefecture,
    /// 全区, 该区.
    County,
}

/// The role of a word in naming organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgWord {
    /// Ends an organization's name (`有限公司`).
    Suffix,
    /// Refers back to the last organization named (`该公司`).
    Anaphor,
    /// A verb that joins or founds an organization (`加盟`, `组建`): a name starts after it.
    Joins,
}

/// How a word is trimmed from an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trim {
    /// Dropped at the start.
    Lead,
    /// The indicator starts after it.
    Cut,
    /// Dropped at the end.
    Tail,
    /// Ends the noun phrase after a number.
    Stop,
}

/// A time word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodWord {
    /// A year relative to the document's date.
    Year(i32),
    /// The year in context.
    Same,
    /// Part of a year (`H1`, `Q3`, `1-9月`).
    Part(String),
    /// A five-year plan by number.
    Plan(i32),
    /// After a plan: the whole period.
    Interval,
    /// After a plan: its last year.
    End,
}

/// Everything the lexicon knows about one word of the cue automaton.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    /// Bound word and side.
    pub bound: Option<(Bound, Side)>,
    /// Predicate role.
    pub pred: Option<Pred>,
    /// Kind cue.
    pub kind: Option<KindCue>,
    /// Scope word.
    pub scope: Option<ScopeWord>,
    /// Organization word.
    pub org: Option<OrgWord>,
    /// Trim rule.
    pub trim: Option<Trim>,
    /// A scene word.
    pub scene: bool,
    /// A time word.
    pub period: Option<PeriodWord>,
    /// A character only traditional text uses.
    pub traditional: bool,
}

/// What an indicator's own words imply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorRule {
    /// An indicator ending in the word is an increment.
    Increment,
    /// A capacity per time unit: append `/value` to a plain unit.
    Per(String),
    /// An indicator holding the word is better when lower (`改善` is then down).
    LowerBetter,
}

/// The loaded word lists and the indexes that find them.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Unit forms.
    pub units: HashMap<String, UnitEntry>,
    /// Finds unit forms at a position (longest first); ids index `unit_entries`.
    unit_index: WordIndex,
    /// Entries parallel to the unit index's words.
    pub unit_entries: Vec<UnitEntry>,
    /// Magnitude words after a number (`万` → 1e4), longest first.
    pub magnitudes: Vec<(String, f64)>,
    /// The cue words.
    pub words: Vec<String>,
    /// Their tags, parallel to `words`.
    pub tags: Vec<Tags>,
    /// Finds `words` (leftmost-longest).
    word_index: WordIndex,
    /// Finds the magnitude words; ids index `magnitudes`.
    magnitude_index: WordIndex,
    /// Head starters of `分别` lists.
    pub heads: Vec<String>,
    /// Shared prefixes of `分别` lists.
    pub prefixes: Vec<String>,
    /// Indicator rules.
    pub indicator_rules: Vec<(String, IndicatorRule)>,
    /// The class bits ([`crate::marks`]) of every character below U+10000: where a
    /// number may start, a sentence or clause mark, a character tagged traditional.
    char_class: Box<[u8; 0x10000]>,
    /// The characters tagged traditional above U+FFFF.
    traditional_other: Vec<char>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::embedded()
    }
}

fn fields(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

impl Lexicon {
    /// The lexicon built from the embedded data files.
    pub fn embedded() -> Self {
        let sources: Vec<(&str, Vec<&str>)> = FILES.iter().map(|&(n, t)| (n, vec![t])).collect();
        Self::build(&sources).expect("the embedded lexicon parses")
    }

    /// The embedded lexicon extended with the files of the same names found in `dir`
    /// (missing files are fine; their lines are added to the embedded ones).
    pub fn from_dir(dir: &Path) -> Result<Self, LexiconError> {
        let mut extra: Vec<(String, String)> = Vec::new();
        for (name, _) in FILES {
            let path = dir.join(name);
            if path.exists() {
                let text = std::fs::read_to_string(&path).map_err(|source| LexiconError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                extra.push((name.to_string(), text));
            }
        }
        if !dir.is_dir() {
            return Err(LexiconError::NotADirectory(dir.display().to_string()));
        }
        let sources: Vec<(&str, Vec<&str>)> = FILES
            .iter()
            .map(|&(n, t)| {
                let mut v = vec![t];
                v.extend(extra.iter().filter(|(en, _)| en == n).map(|(_, et)| et.as_str()));
                (n, v)
            })
            .collect();
        Self::build(&sources)
    }

    /// The lexicon extended from the folder named by `PLEDGE_LEXICON`, or the embedded one
    /// when the variable is unset or empty.
    pub fn from_env() -> Result<Self, LexiconError> {
        match std::env::var_os("PLEDGE_LEXICON") {
            Some(dir) if !dir.is_empty() => Self::from_dir(Path::new(&dir)),
            _ => Ok(Self::embedded()),
        }
    }

    fn build(sources: &[(&str, Vec<&str>)]) -> Result<Self, LexiconError> {
        let mut units = HashMap::new();
        let mut magnitudes = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut tags: Vec<Tags> = Vec::new();
        let mut heads = Vec::new();
        let mut prefixes = Vec::new();
        let mut indicator_rules = Vec::new();
        for (file, texts) in sources {
            for text in texts {
                for (n, line) in content_lines(text) {
                    let f = fields(line);
                    let bad = |what: &str| LexiconError::Line {
                        file: file.to_string(),
                        line: n,
                        message: what.to_string(),
                    };
                    let word = f[0].to_string();
                    if word.is_empty() {
                        return Err(bad("empty word"));
                    }
                    let arg = f.get(1).copied().unwrap_or("");
                    let mut tag = |words: &mut Vec<String>, tags: &mut Vec<Tags>| -> usize {
                        *index.entry(word.clone()).or_insert_with(|| {
                            words.push(word.clone());
                            tags.push(Tags::default());
                            words.len() - 1
                        })
                    };
                    if *file == "traditional.txt" {
                        for c in line.chars().filter(|c| !c.is_whitespace()) {
                            let w = c.to_string();
                            let i = *index.entry(w.clone()).or_insert_with(|| {
                                words.push(w.clone());
                                tags.push(Tags::default());
                                words.len() - 1
                            });
                            tags[i].traditional = true;
                        }
                        continue;
                    }
                    match *file {
                        "units.txt" => {
                            let class = match arg {
                                "percent" => UnitClass::Percent,
                                "points" => UnitClass::Points,
                                "count" => UnitClass::Count,
                                "measure" => UnitClass::Measure,
                                "money" => UnitClass::Money,
                                "spec" => UnitClass::Spec,
                                _ => {
                                    return Err(bad(
                                        "unit class must be percent, points, count, measure, money or spec",
                                    ));
                                }
                            };
                            let canonical = f
                                .get(2)
                                .filter(|c| !c.is_empty())
                                .map_or_else(|| UnitName::from(word.as_str()), |c| UnitName::from(*c));
                            units.insert(word.clone(), UnitEntry { canonical, class });
                        }
                        "magnitudes.txt" => {
                            let v: f64 = arg.parse().map_err(|_| bad("magnitude must be a number"))?;
                            magnitudes.push((word.clone(), v));
                        }
                        "bounds.txt" => {
                            let b = match arg {
                                ">=" => Bound::Ge,
                                "<=" => Bound::Le,
                                "~" => Bound::About,
                                "=" => Bound::Eq,
                                _ => return Err(bad("bound must be >=, <=, ~ or =")),
                            };
                            let side = match f.get(2).copied().unwrap_or("") {
                                "before" => Side::Before,
                                "after" => Side::After,
                                _ => return Err(bad("side must be before or after")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].bound = Some((b, side));
                        }
                        "predicates.txt" => {
                            let p = match arg {
                                "level" => Pred::Level,
                                "up" => Pred::Up,
                                "down" => Pred::Down,
                                "reduce" => Pred::Reduce,
                                "increment" => Pred::Increment,
                                "compare" => Pred::Compare,
                                "compare-prev" => Pred::ComparePrev,
                                "each" => Pred::Each,
                                "improve" => Pred::Improve,
                                "filler" => Pred::Filler,
                                _ => return Err(bad("unknown predicate role")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].pred = Some(p);
                        }
                        "kinds.txt" => {
                            let k = match arg {
                                "target" => KindCue::Target,
                                "target-noun" => KindCue::TargetNoun,
                                "actual" => KindCue::Actual,
                                _ => return Err(bad("kind cue must be target, target-noun or actual")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].kind = Some(k);
                        }
                        "neutral.txt" => {
                            tag(&mut words, &mut tags);
                        }
                        "scope.txt" => {
                            let s = match arg {
                                "country" => ScopeWord::Country,
                                "province" => ScopeWord::Province,
                                "prefecture" => ScopeWord::Prefecture,
                                "county" => ScopeWord::County,
                                _ => return Err(bad("scope level must be country, province, prefecture or county")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].scope = Some(s);
                        }
                        "orgs.txt" => {
                            let o = match arg {
                                "suffix" => OrgWord::Suffix,
                                "anaphor" => OrgWord::Anaphor,
                                "joins" => OrgWord::Joins,
                                _ => return Err(bad("organization role must be suffix, anaphor or joins")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].org = Some(o);
                        }
                        "lead.txt" => {
                            let t = match arg {
                                "lead" | "" => Trim::Lead,
                                "cut" => Trim::Cut,
                                "tail" => Trim::Tail,
                                "stop" => Trim::Stop,
                                _ => return Err(bad("trim role must be lead, cut, tail or stop")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].trim = Some(t);
                        }
                        "scene.txt" => {
                            let i = tag(&mut words, &mut tags);
                            tags[i].scene = true;
                        }
                        "periods.txt" => {
                            let value = f.get(2).copied().unwrap_or("");
                            let num = || value.parse::<i32>().map_err(|_| bad("period value must be a number"));
                            let p = match arg {
                                "year" => PeriodWord::Year(num()?),
                                "same" => PeriodWord::Same,
                                "part" if !value.is_empty() => PeriodWord::Part(value.to_string()),
                                "plan" => PeriodWord::Plan(num()?),
                                "interval" => PeriodWord::Interval,
                                "end" => PeriodWord::End,
                                _ => return Err(bad("period kind must be year, same, part, plan, interval or end")),
                            };
                            let i = tag(&mut words, &mut tags);
                            tags[i].period = Some(p);
                        }
                        "heads.txt" => match arg {
                            "head" => heads.push(word.clone()),
                            "prefix" => prefixes.push(word.clone()),
                            _ => return Err(bad("list role must be head or prefix")),
                        },
                        "indicators.txt" => match arg {
                            "increment" => indicator_rules.push((word.clone(), IndicatorRule::Increment)),
                            "lower-better" => indicator_rules.push((word.clone(), IndicatorRule::LowerBetter)),
                            "per" => {
                                let v = f.get(2).copied().unwrap_or("");
                                if v.is_empty() {
                                    return Err(bad("per needs a time unit"));
                                }
                                indicator_rules.push((word.clone(), IndicatorRule::Per(v.to_string())));
                            }
                            _ => return Err(bad("indicator rule must be increment, per or lower-better")),
                        },
                        _ => {}
                    }
                }
            }
        }
        magnitudes.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let unit_forms: Vec<&String> = units.keys().collect();
        let unit_entries: Vec<UnitEntry> = unit_forms.iter().map(|f| units[*f].clone()).collect();
        let unit_index = WordIndex::new(unit_forms.iter().map(|f| f.as_str()));
        let word_index = WordIndex::new(words.iter().map(String::as_str));
        let magnitude_index = WordIndex::new(magnitudes.iter().map(|(w, _)| w.as_str()));
        let mut char_class = crate::marks::base_classes();
        for cp in word_index.first_chars() {
            char_class[cp as usize] |= crate::marks::CUE;
        }
        let mut traditional_other = Vec::new();
        for (w, t) in words.iter().zip(&tags) {
            let mut chars = w.chars();
            if let (true, Some(c), None) = (t.traditional, chars.next(), chars.next()) {
                match char_class.get_mut(c as usize) {
                    Some(class) => *class |= crate::marks::TRADITIONAL,
                    None => traditional_other.push(c),
                }
            }
        }
        Ok(Self {
            char_class,
            traditional_other,
            units,
            unit_index,
            unit_entries,
            magnitudes,
            words,
            tags,
            word_index,
            magnitude_index,
            heads,
            prefixes,
            indicator_rules,
        })
    }

    /// The longest unit starting at byte `i` of `s`: its entry and end.
    pub fn unit_at(&self, s: &str, i: usize) -> Option<(&UnitEntry, usize)> {
        let (id, end) = self.unit_index.longest_at(s, i)?;
        Some((&self.unit_entries[id], end))
    }

    /// The magnitude word starting at byte `i` of `s` (longest first): value and end.
    pub fn magnitude_at(&self, s: &str, i: usize) -> Option<(f64, usize)> {
        let (id, end) = self.magnitude_index.longest_at(s, i)?;
        Some((self.magnitudes[id].1, end))
    }

    /// Whether `c` is tagged traditional (`traditional.txt`).
    pub fn is_traditional(&self, c: char) -> bool {
        match self.char_class.get(c as usize) {
            Some(class) => class & crate::marks::TRADITIONAL != 0,
            None => self.traditional_other.contains(&c),
        }
    }

    /// The class bits of a character below U+10000 ([`crate::marks`]).
    pub(crate) fn char_class(&self) -> &[u8; 0x10000] {
        &self.char_class
    }

    /// The cue word starting exactly at byte `i` of `s` (longest), as (word index, end).
    pub fn word_at(&self, s: &str, i: usize) -> Option<(usize, usize)> {
        self.word_index.longest_at(s, i)
    }

    /// The longest cue word starting at byte `i` of `h` with the character whose code
    /// point is `cp`: its index and end.
    pub(crate) fn word_with(&self, h: &[u8], i: usize, cp: u32) -> Option<(usize, usize)> {
        self.word_index.longest_with(h, i, cp)
    }

    /// The cue words of `s` as (start, end, word index), leftmost-longest and not
    /// overlapping, in order.
    pub(crate) fn find_words(&self, s: &str, emit: impl FnMut(usize, usize, usize)) {
        self.word_index.find_all(s, emit);
    }
}
