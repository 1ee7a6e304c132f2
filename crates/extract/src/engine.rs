//! Reads the facts of one article: finds quantities, then parses only around each one
//! (its clause, the words between its indicator and its number, its sentence's time,
//! kind and subject), carrying time, kind and subject from sentence to sentence.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use pledge_model::{Bound, Direction, Fact, Kind, Measure, SharedStr};
use pledge_text::{Gazetteer, Level, Normalized};
use rustc_hash::FxHashSet;
use smallvec::SmallVec;

use crate::bounds::combine;
use crate::bracketed;
use crate::cited;
use crate::completion;
use crate::cues::{Cues, KindSignal};
use crate::gap;
use crate::indicator::{RESPECTIVELY, clean, distribute, is_slogan, shared_tail_items};
use crate::lexicon::{IndicatorRule, Lexicon, OrgWord, PeriodWord, Pred, ScopeWord, Side, Trim, UnitClass};
use crate::marks;
pub(crate) use crate::marks::Marks;
use crate::met;
use crate::periods::{Role, Time, TimeCtx, TimeTok, plan_years};
use crate::quantity::{Quantity, Scan, scan_into};
use crate::rank;
use crate::scope::{org_start, resolve_place};
use crate::shadow::shadow;
use crate::substr::contains;
use crate::total;

/// True for a period that spans part of a year (`Q1`, `H1`, `1-9月`), not a day or a
/// month's end that only dates a count.
fn is_span(period: &str) -> bool {
    period.starts_with(['Q', 'H']) || period.contains('-')
}

/// Words naming a growth rate (`增速`, `降幅`): what a difference in points after them
/// changes is a rate, not a fact's value.
const RATE_WORDS: [&str; 6] = ["增速", "降幅", "增幅", "涨幅", "跌幅", "增长率"];

/// How many paragraphs at an article's start make its lead.
const LEAD_PARAGRAPHS: usize = 3;

/// What is known of the article being read.
pub(crate) struct ArticleCtx<'a> {
    pub lex: &'a Lexicon,
    pub gaz: &'static Gazetteer,
    pub norm: &'a Normalized,
    pub doc_id: SharedStr,
    pub doc_year: Option<i32>,
    /// The month of the document's date.
    pub doc_month: Option<u32>,
    /// The year a review document reports on ([`crate::review`]): the year of its
    /// figures that name none, and a forecast (`预计`) in it is an actual.
    pub review_year: Option<i32>,
    /// The part of a year the document reports on ([`crate::reporting`]): the quarter
    /// that closes it means the whole of it.
    pub report_period: Option<&'static str>,
    /// The first and last year of the plan a plan document names ([`crate::plan`]): its
    /// figures that name no year are targets due at the last, amounts counted over both.
    pub plan_span: Option<(i32, i32)>,
    pub article: usize,
    pub place: Option<usize>,
    pub region: Option<usize>,
    pub place_name: Name,
    pub last_org: Option<Name>,
    pub target_time: Option<TimeCtx>,
    /// The part of a year the article's lead reports on (`上半年，…`, `今年1至9月，…`): the
    /// time of its later results that name none.
    pub lead_time: Option<TimeCtx>,
    /// How many paragraphs of the article have been read.
    pub paragraphs: usize,
    /// Room for the marks of a paragraph, kept from one paragraph to the next.
    pub marks: Marks,
    /// Room for the clauses of a sentence, kept likewise.
    pub clause_room: Vec<(usize, usize)>,
    /// Room for the quantities and times of a paragraph, kept likewise.
    pub scan_room: Scan,
    /// Room for the subjects of a sentence's clauses, kept likewise.
    pub subject_room: Vec<(usize, Name, bool)>,
    /// Room for the cue words of a paragraph and their position bits, kept likewise.
    pub cue_room: Cues,
    /// What the last paragraph carries into this one when it ended inside a sentence
    /// (with a comma or a colon).
    pub open_sentence: Option<ParaState>,
    /// The first characters of place names.
    pub initials: &'static PlaceInitials,
    /// The places the scope words stand for, by [`ScopeWord`], once looked up.
    pub scope_words: Cell<[Option<Option<usize>>; 4]>,
}

/// A scope's name (a place's or an organization's), shared by the facts that carry it.
pub(crate) type Name = Arc<str>;

/// An organization named in a sentence: start, end and name.
type Org = (usize, usize, Name);

/// The name of a place of the gazetteer (empty for none), shared, so carrying a place as
/// a scope from clause to clause copies no text.
pub(crate) fn place_name(place: Option<usize>) -> Name {
    static NAMES: OnceLock<(Name, Vec<Name>)> = OnceLock::new();
    let (none, names) = NAMES.get_or_init(|| {
        let names = pledge_text::gazetteer()
            .places
            .iter()
            .map(|p| Name::from(p.name.as_str()))
            .collect();
        (Name::from(""), names)
    });
    place.and_then(|p| names.get(p)).unwrap_or(none).clone()
}

/// What a paragraph carries from one sentence to the next.
#[derive(Default)]
pub(crate) struct ParaState {
    /// A sentence cited a plan: the paragraph goes on with the plan's figures.
    planned: bool,
    time: Option<TimeCtx>,
    kind: Option<Kind>,
    subject: Option<Name>,
    last_indicator: Option<String>,
}

/// A paragraph: its original text, its simplified shadow (same byte offsets) and what
/// was found in it.
struct Para<'t> {
    base: usize,
    orig: &'t str,
    s: Cow<'t, str>,
    cues: Cues,
    marks: Marks,
    times: Vec<Tok>,
    quantities: Vec<Quantity>,
}

impl Para<'_> {
    /// The first quantity starting at or after byte `p` (quantities are in order).
    fn quantity_from(&self, p: usize) -> Option<&Quantity> {
        self.quantities.get(self.quantities.partition_point(|q| q.start < p))
    }

    /// The first time expression starting at byte `p` and ending by `limit`.
    fn time_at(&self, p: usize, limit: usize) -> Option<&Tok> {
        let k = self.times.partition_point(|t| t.tok.start < p);
        self.times[k..]
            .iter()
            .take_while(|t| t.tok.start == p)
            .find(|t| t.tok.end <= limit)
    }
}

/// A time expression with how it is used.
#[derive(Debug, Clone)]
struct Tok {
    tok: TimeTok,
    role: Role,
    baseline: bool,
}

/// The reading of one quantity.
#[derive(Debug, Clone)]
struct Reading {
    measure: Measure,
    direction: Option<Direction>,
    compare_year: Option<i32>,
    compare_prev: bool,
    before_bound: Option<Bound>,
    kind: Kind,
    ctx: TimeCtx,
    scope: Name,
}

/// Verbs of going beyond: a target noun after one names what a result exceeded
/// (`超出目标6.59个百分点`).
const EXCEEDING: [&str; 4] = ["超出", "超过", "高出", "超额完成"];

const SENTENCE_END: [char; 6] = ['。', '！', '？', '!', '?', '\n'];

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '？' | '!' | '?' | '、'
    )
}

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(')
}
fn is_close(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// A size class in brackets (`规模以上(500万元口径)工业总产值`): it says how the figure is
/// counted, it is no figure.
fn is_qualifier(s: &str, q: &Quantity) -> bool {
    const WINDOW: usize = 12;
    if names_following_rate(s, q) || names_a_circle(s, q) {
        return true;
    }
    if !s[..q.start].chars().next_back().is_some_and(is_open) {
        return false;
    }
    let rest = &s[q.end..];
    let close = rest.char_indices().take(WINDOW).find(|&(_, c)| is_close(c));
    close.is_some_and(|(i, _)| rest[..i].contains("口径"))
}

/// Whether a time or length names the area it bounds (`2小时交通圈`, `15分钟生活圈`,
/// `1小时通勤圈`): part of a name, not a figure.
fn names_a_circle(s: &str, q: &Quantity) -> bool {
    q.class == UnitClass::Measure
        && s[q.end..]
            .char_indices()
            .take(4)
            .take_while(|&(_, c)| !is_clause_end(c))
            .any(|(i, c)| c == '圈' && i > 0)
}

/// The end of a baseline frame: `在2020年(的)基础上`, `在2013年煤炭产量基础上`.
const BASE_FRAME: &str = "基础上";

/// Whether the time at `start..end` of `s` opens a baseline frame: `在` before it and
/// `基础上` after it within the clause (`在2020年基础上下降15%`).
fn in_base_frame(s: &str, start: usize, end: usize) -> bool {
    const WINDOW: usize = 12;
    if !s[..start].ends_with('在') {
        return false;
    }
    let rest = &s[end..];
    let within: usize = rest
        .chars()
        .take(WINDOW)
        .take_while(|&c| !is_clause_end(c))
        .map(char::len_utf8)
        .sum();
    rest[..within].contains(BASE_FRAME)
}

/// Whether a length names the rate that follows it and is measured in the same clause
/// (`公园绿地500米服务半径覆盖率达到90%`): part of the indicator's name, not a figure.
fn names_following_rate(s: &str, q: &Quantity) -> bool {
    const WINDOW: usize = 12;
    if q.class != UnitClass::Measure {
        return false;
    }
    let rest = &s[q.end..];
    let Some((e, c)) = rest
        .char_indices()
        .take(WINDOW)
        .find(|&(_, c)| is_clause_end(c) || c.is_ascii_digit())
    else {
        return false;
    };
    c.is_ascii_digit() && (rest[..e].contains('率') || rest[..e].contains("比例"))
}

/// An indicator without the `分别` (`分別`) that opened it once its items are read
/// (`分别超出目标` → `超出目标`).
fn strip_respectively(indicator: &str) -> &str {
    RESPECTIVELY
        .iter()
        .find_map(|w| indicator.strip_prefix(w))
        .unwrap_or(indicator)
}

/// Whether `c` is a minus sign before a number (`增长-8.7%`, `、-97.7%`).
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−')
}

/// What a programme's name ends with (`“5个100工程”`, `“蓝天行动”`).
const PROGRAMME_ENDS: [&str; 6] = ["工程", "行动", "计划", "专项", "战略", "项目"];

/// The quoted programme name in `text` (a sentence's first clause up to its first number:
/// `我省“5個100工程”共完成投資` → `5個100工程`), read through the shadow for its ending.
fn programme_name(text: &str) -> Option<&str> {
    let open = text.find('“')? + '“'.len_utf8();
    let close = open + text[open..].find('”')?;
    let name = &text[open..close];
    let simplified = shadow(name);
    PROGRAMME_ENDS.iter().any(|w| simplified.ends_with(w)).then_some(name)
}

/// The field a clause names (`在安全生产方面`, `安全生产方面`): the words before 方面.
fn aspect(clause: &str) -> Option<&str> {
    let t = clause.trim_end_matches(['，', ',', '：', ':']).trim();
    let field = t.strip_suffix("方面")?;
    let field = field.strip_prefix('在').unwrap_or(field);
    let n = field.chars().count();
    ((2..=10).contains(&n) && !field.contains(['，', ',', '、', '的'])).then_some(field)
}

/// `indicator` as a figure of `topic` (`产业园区` + `开工`), unless it names the topic
/// already (`园区从业人员` ends like `产业园区` and is left alone).
fn with_topic(topic: &str, indicator: String) -> String {
    let tail: String = {
        let chars: Vec<char> = topic.chars().collect();
        chars[chars.len().saturating_sub(2)..].iter().collect()
    };
    if indicator.contains(&tail) {
        indicator
    } else {
        format!("{topic}{indicator}")
    }
}

/// Whether quantity `q` of `s` is part of a name in quotes (`“5个100工程”`, `“百县千村”`):
/// a short quoted phrase in which words follow the number names a programme, it does
/// not count anything.
fn is_in_quoted_name(s: &str, q: &Quantity) -> bool {
    const WINDOW: usize = 12;
    let opened = s[..q.start]
        .chars()
        .rev()
        .take(WINDOW)
        .take_while(|&c| c != '”' && !is_clause_end(c))
        .any(|c| c == '“');
    if !opened {
        return false;
    }
    let rest = &s[q.end..];
    rest.char_indices()
        .take(WINDOW)
        .take_while(|&(_, c)| c != '“' && !is_clause_end(c))
        .find(|&(_, c)| c == '”')
        .is_some_and(|(i, _)| i > 0)
}

/// The byte ranges of the bracketed asides of `a..b` (outermost brackets only).
fn asides(marks: &Marks, a: usize, b: usize) -> SmallVec<[(usize, usize); 2]> {
    let mut out = SmallVec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for &(i, c) in marks.within(a, b) {
        if is_open(c) {
            if depth == 0 {
                open = i;
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                out.push((open, i));
            }
        }
    }
    out
}

/// Nouns for the parts of a text (`15项主要指标`, `20条措施`, `11个方面`).
const TEXT_PARTS: [&str; 8] = ["指标", "任务", "方面", "措施", "举措", "条款", "要求", "内容"];

/// Whether the words after a count up to its clause's end (`“十四五”时期…的主要指标`)
/// end with a part of a text.
fn counts_parts(after: &str) -> bool {
    let after = after.trim_end_matches(|c: char| is_clause_end(c) || c.is_whitespace());
    TEXT_PARTS.iter().any(|w| after.ends_with(w))
}

/// Whether the sentence `a..` of `s` cites a plan before byte `at` (`根据《泸州市十三五
/// 林业发展规划》,…`): what follows are the plan's figures.
fn cites_plan(s: &str, a: usize, at: usize) -> bool {
    let before = &s[a..at];
    let Some(open) = before.find('《') else {
        return false;
    };
    let Some(close) = before[open..].find('》').map(|c| open + c) else {
        return false;
    };
    let is_plan = ["规划", "方案", "纲要", "计划"]
        .iter()
        .any(|w| before[open..close].ends_with(w));
    let lead = &before[..open];
    let after = &before[close + '》'.len_utf8()..];
    // 根据《…规划》, or 《…规划》提出/明确/要求.
    let cited = ["根据", "按照", "依据", "对照"].iter().any(|w| lead.ends_with(w))
        || ["提出", "明确", "要求", "确定"].iter().any(|w| after.starts_with(w));
    is_plan && cited
}

/// Words after a place name that make a part of it a scope of its own (`嘉定新城`);
/// a new district with a division code (`浦东新区`) is in the gazetteer already.
const NEW_TOWNS: [&str; 1] = ["新城"];

/// Whether the time at `start..end` of `s` names the prices a figure is reckoned in
/// (`按2005年价格计算`, `以2020年不变价`), which dates nothing.
fn is_price_basis(s: &str, start: usize, end: usize) -> bool {
    let before = &s[..start];
    (before.ends_with('按') || before.ends_with('以'))
        && ["价格", "可比价", "不变价", "现价"]
            .iter()
            .any(|w| s[end..].starts_with(w))
}

/// The first two characters of place names and of their short forms (which begin like
/// the official name; `高新区`, `经开区` and zone aliases added), so most positions need
/// no gazetteer lookup: a bit per first character, then the pairs.
pub(crate) struct PlaceInitials {
    first: Vec<u64>,
    /// A bit per hashed pair, so most pairs that begin no name are rejected without a
    /// set lookup.
    pair_bits: Vec<u64>,
    pairs: FxHashSet<(char, char)>,
}

/// The bit of `PlaceInitials::pair_bits` for the pair `(c0, c1)`.
fn pair_bit(c0: u32, c1: u32) -> usize {
    (c0.wrapping_mul(0x9E37_79B1) ^ c1.wrapping_mul(0x85EB_CA6B)) as usize >> 16
}

impl PlaceInitials {
    pub(crate) fn get() -> &'static PlaceInitials {
        static S: OnceLock<PlaceInitials> = OnceLock::new();
        S.get_or_init(|| {
            let g = pledge_text::gazetteer();
            let two = |s: &str| {
                let mut it = s.chars();
                Some((it.next()?, it.next()?))
            };
            let mut pairs: FxHashSet<(char, char)> = g
                .places
                .iter()
                .flat_map(|p| [two(&p.name), two(&p.official)])
                .flatten()
                .collect();
            pairs.extend([('高', '新'), ('经', '开'), ('起', '步'), ('新', '旧')]);
            let mut first = vec![0u64; 0x10000 / 64];
            for &(c, _) in &pairs {
                // Place names are written in the Basic Multilingual Plane.
                if let Some(w) = first.get_mut(c as usize / 64) {
                    *w |= 1 << (c as usize % 64);
                }
            }
            let mut pair_bits = vec![0u64; (1 << 16) / 64];
            for &(c0, c1) in &pairs {
                let b = pair_bit(c0 as u32, c1 as u32);
                pair_bits[b / 64] |= 1 << (b % 64);
            }
            PlaceInitials {
                first,
                pair_bits,
                pairs,
            }
        })
    }

    /// Whether a place name may begin with the character whose code point is `cp`.
    fn may_start(&self, cp: u32) -> bool {
        self.first
            .get(cp as usize / 64)
            .is_some_and(|w| w & (1 << (cp % 64)) != 0)
    }

    /// Whether a place name may begin with the first two characters of `h[p..limit]`
    /// (UTF-8, `p` and `limit` on character boundaries).
    fn may_begin(&self, h: &[u8], p: usize, limit: usize) -> bool {
        let Some((c0, l0)) = marks::decode(h, p).filter(|_| p < limit) else {
            return false;
        };
        let bit = self
            .first
            .get(c0 as usize / 64)
            .is_some_and(|w| w & (1 << (c0 % 64)) != 0);
        bit && marks::decode(h, p + l0)
            .filter(|_| p + l0 < limit)
            .filter(|&(c1, _)| {
                let b = pair_bit(c0, c1);
                self.pair_bits[b / 64] & (1 << (b % 64)) != 0
            })
            .and_then(|(c1, _)| Some((char::from_u32(c0)?, char::from_u32(c1)?)))
            .is_some_and(|pair| self.pairs.contains(&pair))
    }
}

impl ArticleCtx<'_> {
    /// The project named by the clause of sentence `a..` that ends just before clause
    /// `cs`, without the place that opens it (the fact's scope), as [`total::project_of`]
    /// reads it.
    fn project_before<'a>(&self, para: &'a Para, a: usize, cs: usize) -> Option<String> {
        let s = para.s.as_ref();
        let before = s[a..cs].trim_end_matches(['，', ',']);
        let start = a + before
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '，' | ',' | '；' | '：'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let without_place = |t: &'a str| -> &'a str {
            let skip = self.gaz.mention_at_start(t, self.place).filter(|m| m.start == 0);
            skip.map_or(t, |m| &t[m.end..])
        };
        let project = without_place(total::project_of(without_place(&s[start..a + before.len()]))?);
        let offset = project.as_ptr() as usize - s.as_ptr() as usize;
        Some(clean(&para.orig[offset..offset + project.len()]))
    }

    /// Makes `place` the place of what follows (a heading named it).
    pub fn set_place(&mut self, gaz: &Gazetteer, place: usize) {
        self.place = Some(place);
        self.region = region_of(gaz, Some(place));
        self.place_name = place_name(Some(place));
        self.scope_words = Default::default();
    }

    /// Reads one paragraph (`base` is its offset in the normalized text).
    pub fn paragraph(&mut self, base: usize, orig: &str, out: &mut Vec<Fact>) {
        self.paragraphs += 1;
        // Simplified text is read as it is; text with traditional characters through its
        // simplified shadow. The words are looked up only where a quantity was found.
        let mut marks = std::mem::take(&mut self.marks);
        let s = if marks::find_into(self.lex, orig, true, &mut marks) {
            Cow::Borrowed(orig)
        } else {
            let s = shadow(orig);
            marks::find_into(self.lex, &s, false, &mut marks);
            s
        };
        let mut found = std::mem::take(&mut self.scan_room);
        scan_into(self.lex, &s, &marks.starts, &mut found);
        found
            .quantities
            .retain(|q| !is_qualifier(&s, q) && !is_in_quoted_name(&s, q));
        if found.quantities.is_empty() {
            self.marks = marks;
            self.scan_room = found;
            self.open_sentence = None;
            return;
        }
        let mut cues = std::mem::take(&mut self.cue_room);
        cues.reuse(std::mem::take(&mut marks.cues), s.len());
        let times = self.times(&s, &cues, std::mem::take(&mut found.times));
        let para = Para {
            base,
            orig,
            s,
            cues,
            marks,
            times,
            quantities: std::mem::take(&mut found.quantities),
        };
        // 分行业来看,⏎采矿业…: a sentence broken by a line goes on with its time and subject.
        let mut ps = self.open_sentence.take().unwrap_or_default();
        let text = para.s.as_ref();
        let mut a = 0;
        for &(i, c) in &para.marks.punct {
            if SENTENCE_END.contains(&c) {
                self.sentence(&para, &mut ps, a, i + c.len_utf8(), out);
                a = i + c.len_utf8();
            }
        }
        if a < text.len() {
            self.sentence(&para, &mut ps, a, text.len(), out);
        }
        if text.trim_end().ends_with(['，', ',', '：', ':']) {
            self.open_sentence = Some(ps);
        }
        self.marks = para.marks;
        let mut cues = para.cues;
        self.marks.cues = cues.take_list();
        self.cue_room = cues;
        found.quantities = para.quantities;
        self.scan_room = found;
    }

    /// All time expressions: those found with numbers and the time words of the lexicon,
    /// each with its role and whether it is a baseline (`较2020年`).
    fn times(&self, s: &str, cues: &Cues, found: Vec<TimeTok>) -> Vec<Tok> {
        let mut toks = found;
        for (k, c) in cues.list.iter().enumerate() {
            match &self.lex.tags[c.word].period {
                Some(PeriodWord::Year(o)) => toks.push(TimeTok {
                    start: c.start,
                    end: c.end,
                    time: Time::Relative(*o),
                }),
                // 完成全年任务的85%: the year's task, not a time of the sentence.
                Some(PeriodWord::Same) if completion::within_phrase(s, c.end) => {}
                Some(PeriodWord::Same) => toks.push(TimeTok {
                    start: c.start,
                    end: c.end,
                    time: Time::Same,
                }),
                Some(PeriodWord::Part(p)) => toks.push(TimeTok {
                    start: c.start,
                    end: c.end,
                    time: Time::Part(p.clone()),
                }),
                Some(PeriodWord::Plan(n)) => {
                    let (start, end) = plan_years(*n);
                    // “十四五”期间 / 末: the word after the plan (past a closing quote).
                    let mut at = c.end;
                    for q in ['”', '"', '’'] {
                        if s[at..].starts_with(q) {
                            at += q.len_utf8();
                        }
                    }
                    let mut tok_end = at;
                    let mut at_end = false;
                    // A bare plan (十三五泸州森林覆盖率达51%) names its end; only 期间/时期/
                    // 以来 make its amounts count over the whole plan.
                    let mut interval = false;
                    if let Some(next) = cues.list.get(k + 1).filter(|n| n.start == at) {
                        match self.lex.tags[next.word].period {
                            Some(PeriodWord::End) => {
                                at_end = true;
                                tok_end = next.end;
                            }
                            Some(PeriodWord::Interval) => {
                                interval = true;
                                tok_end = next.end;
                            }
                            _ => {}
                        }
                    }
                    at_end = at_end || !interval;
                    if s[at..].starts_with("期末") || s[at..].starts_with('末') {
                        at_end = true;
                    }
                    let start_at = if c.start >= 3 && s[..c.start].ends_with(['“', '"']) {
                        c.start - s[..c.start].chars().next_back().map_or(0, char::len_utf8)
                    } else {
                        c.start
                    };
                    toks.push(TimeTok {
                        start: start_at,
                        end: tok_end,
                        time: Time::Plan { start, end, at_end },
                    });
                }
                _ => {}
            }
        }
        toks.sort_by_key(|t| t.start);
        toks.retain(|t| !is_price_basis(s, t.start, t.end));
        if let Some(reported) = self.report_period {
            for t in &mut toks {
                if let Time::Part(q) = &t.time {
                    if let Some(p) = crate::reporting::cumulative(reported, q) {
                        t.time = Time::Part(p.to_owned());
                    }
                }
            }
        }
        toks.into_iter()
            .map(|tok| {
                let before = &s[..tok.start];
                let role = if before.ends_with("截至") || before.ends_with("截止") || before.ends_with("截止到")
                {
                    Role::AsOf
                } else if before.ends_with('到') || before.ends_with('至') {
                    Role::To
                } else {
                    Role::Point
                };
                let baseline = cues
                    .ending_at(tok.start)
                    .is_some_and(|c| self.lex.tags[c.word].pred == Some(Pred::Compare))
                    || in_base_frame(s, tok.start, tok.end);
                Tok { tok, role, baseline }
            })
            .collect()
    }

    /// Byte ranges of the clauses of `a..b` (split at clause punctuation outside
    /// brackets), into `out` (cleared first).
    fn clauses(marks: &Marks, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let mut depth = 0usize;
        let mut start = a;
        for &(i, c) in marks.within(a, b) {
            if is_open(c) {
                depth += 1;
            } else if is_close(c) {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && is_clause_end(c) {
                out.push((start, i));
                start = i + c.len_utf8();
            }
        }
        out.push((start, b));
        // An unclosed bracket must not swallow the sentence: split it plainly then.
        if depth > 0 && out.len() == 1 {
            out.clear();
            let mut start = a;
            for &(i, c) in marks.within(a, b) {
                if is_clause_end(c) {
                    out.push((start, i));
                    start = i + c.len_utf8();
                }
            }
            out.push((start, b));
        }
    }

    /// The place named at byte `p` (not past `limit`): its end and index.
    fn place_at(&self, para: &Para, p: usize, limit: usize) -> Option<(usize, usize)> {
        let s = para.s.as_ref();
        if !self.initials.may_begin(s.as_bytes(), p, limit) {
            return None;
        }
        // Place names are short: look at a window of 12 characters.
        let end = s[p..limit].char_indices().nth(12).map_or(limit, |(n, _)| p + n);
        self.gaz
            .mention_at_start(&s[p..end], self.region)
            .map(|m| (p + m.end, m.place))
    }

    /// The place a scope word stands for in this article (looked up once per word).
    fn scope_word(&self, w: ScopeWord) -> Option<usize> {
        let k = w as usize;
        if let Some(p) = self.scope_words.get()[k] {
            return p;
        }
        let p = resolve_place(self.gaz, self.place, w);
        let mut all = self.scope_words.get();
        all[k] = Some(p);
        self.scope_words.set(all);
        p
    }

    /// The indicator of a value in brackets after a place listed by `分别为`
    /// ([`bracketed::list_value`]): the list head's words, a bare `目标` in them named as
    /// the paragraph named it before ([`met::named_target`]).
    fn bracketed_head(&self, para: &Para, a: usize, q: usize) -> Option<String> {
        let s = para.s.as_ref();
        let (item, head) = bracketed::list_value(&s[a..q])?;
        let whole = self.gaz.mention_at_start(item, self.place)?;
        if whole.start != 0 || whole.end != item.len() || head.is_empty() {
            return None;
        }
        let at = head.as_ptr() as usize - s.as_ptr() as usize;
        let words = &para.orig[at..at + head.len()];
        let named = words
            .strip_suffix("目标")
            .and_then(|verb| Some(format!("{verb}{}", met::named_target(&para.orig[..at])?)));
        Some(clean(named.as_deref().unwrap_or(words)))
    }

    /// The places listed before `分别` in clause `cs..q` (`北京、湖北、天津分别…`) when
    /// there are two or more and each item is a place's name alone; else none.
    fn listed_places(&self, s: &str, cs: usize, q: usize) -> (SmallVec<[usize; 4]>, Option<usize>) {
        let mut out = SmallVec::new();
        let clause = &s[cs..q];
        // Both spellings begin with 分: one character search, then the word there.
        let Some(at) = clause
            .match_indices('分')
            .map(|(i, _)| i)
            .find(|&i| RESPECTIVELY.iter().any(|w| clause[i..].starts_with(w)))
        else {
            return (out, None);
        };
        let list = clause[..at].trim_start_matches(['，', ',', ' ']);
        let list = list.strip_prefix("其中").unwrap_or(list);
        let items: SmallVec<[&str; 8]> = list.split('、').collect();
        let Some((&last, firsts)) = items.split_last() else {
            return (out, None);
        };
        // The last item may go on with what is measured (北京、湖北规模以上工业增加值).
        let Some(m) = self.gaz.mention_at_start(last, self.place).filter(|m| m.start == 0) else {
            return (out, None);
        };
        let last_name = &last[..m.end];
        for &item in firsts {
            match self.gaz.mention_at_start(item, self.place) {
                Some(m) if m.start == 0 && m.end == item.len() => out.push(m.place),
                // 中、西部地区: an item that is a place with the last one's ending.
                _ => match self.completed_place(item, last_name) {
                    Some(p) => out.push(p),
                    None => return (SmallVec::new(), None),
                },
            }
        }
        out.push(m.place);
        let rest = (m.end < last.len()).then(|| last.as_ptr() as usize - s.as_ptr() as usize + m.end);
        if out.len() < 2 {
            out.clear();
        }
        (out, rest)
    }

    /// The place `item` names with the ending of `last` (`中` with `西部地区` → 中部地区):
    /// the shortest ending of `last`, after its first character, that makes a place.
    fn completed_place(&self, item: &str, last: &str) -> Option<usize> {
        if item.is_empty() || item.chars().count() > 4 {
            return None;
        }
        last.char_indices().skip(1).find_map(|(i, _)| {
            let name = format!("{item}{}", &last[i..]);
            self.gaz
                .mention_at_start(&name, self.place)
                .filter(|m| m.start == 0 && m.end == name.len())
                .map(|m| m.place)
        })
    }

    fn place_name(&self, p: usize) -> Name {
        place_name(Some(p))
    }

    /// Strips the words at the head of a clause (times, `全市`, place names, an
    /// organization, lead words) from `p` up to `limit`. Returns the new start, the scope
    /// they name (if any, and whether it is the clause's own subject), and whether a lead
    /// word was an increment verb or a commitment. Without `cut`, the start is left
    /// before any cut word (callers that only want the scope skip that search).
    fn strip_head(&self, para: &Para, mut p: usize, limit: usize, orgs: &[Org], cut: bool) -> Head {
        let s = para.s.as_ref();
        let mut head = Head::default();
        let mut guard = 0;
        // Where the last subject (a place, a scope word, an organization) ended.
        let mut subject_end = None;
        while p < limit && guard < 64 {
            guard += 1;
            let c = s[p..].chars().next().unwrap_or(' ');
            // 济南的生活垃圾处理能力: the 的 after a subject belongs to it.
            if c == '的' && subject_end == Some(p) {
                p += c.len_utf8();
                continue;
            }
            if matches!(c, ' ' | '　' | '，' | '、' | '：') {
                p += c.len_utf8();
                continue;
            }
            // An opening quote whose close lies beyond the clause is only punctuation.
            if matches!(c, '“' | '"') && !s[p + c.len_utf8()..limit].contains(['”', '"']) {
                p += c.len_utf8();
                continue;
            }
            if let Some(t) = para.time_at(p, limit) {
                p = t.tok.end;
                continue;
            }
            let cue_here = para.cues.starting_at(p).filter(|c| c.end <= limit);
            if let Some(cue) = cue_here {
                let t = &self.lex.tags[cue.word];
                if (t.trim == Some(Trim::Lead) || t.pred == Some(Pred::Increment))
                    && t.scope.is_none()
                    && t.org.is_none()
                {
                    if t.pred == Some(Pred::Increment) {
                        head.increment = true;
                    }
                    if t.kind.is_some() {
                        head.kind = head.kind.near(t, &s[cue.start..cue.end]);
                    }
                    p = cue.end;
                    continue;
                }
            }
            if let Some(o) = orgs.iter().find(|o| o.0 == p && o.1 <= limit) {
                head.scope = Some(o.2.clone());
                head.subject = true;
                p = o.1;
                subject_end = Some(p);
                continue;
            }
            // 济南市历下区: the last of adjacent place names.
            if let Some((e, place)) = self.place_at(para, p, limit) {
                let next = s[e..limit].chars().next();
                // A place name inside an organization's name (济南医院) is not a subject.
                if !next.is_some_and(|n| matches!(n, '医' | '大' | '银' | '海' | '公' | '集' | '学')) {
                    // 嘉定新城: a new town of a place is its own scope, named as written.
                    let town = NEW_TOWNS
                        .iter()
                        .find(|w| s[e..limit].starts_with(*w) && !s[e + w.len()..limit].starts_with('区'));
                    head.scope = Some(match town {
                        Some(w) => Name::from(&s[p..e + w.len()]),
                        None => self.place_name(place),
                    });
                    head.subject = true;
                    p = e + town.map_or(0, |w| w.len());
                    subject_end = Some(p);
                    continue;
                }
            }
            if let Some(cue) = cue_here {
                let t = &self.lex.tags[cue.word];
                if let Some(w) = t.scope {
                    if let Some(p) = self.scope_word(w) {
                        head.scope = Some(self.place_name(p));
                    }
                    p = cue.end;
                    subject_end = Some(p);
                    continue;
                }
                if t.org == Some(OrgWord::Anaphor) {
                    let before = orgs.iter().rev().find(|o| o.1 <= p).map(|o| o.2.clone());
                    if let Some(name) = before.or_else(|| self.last_org.clone()) {
                        head.scope = Some(name);
                        head.subject = true;
                    }
                    p = cue.end;
                    continue;
                }
                if t.trim == Some(Trim::Lead) {
                    if t.pred == Some(Pred::Increment) {
                        head.increment = true;
                    }
                    if t.kind.is_some() {
                        head.kind = head.kind.near(t, &s[cue.start..cue.end]);
                    }
                    p = cue.end;
                    continue;
                }
            }
            break;
        }
        // 规划明确了…: the indicator starts after the last cut word.
        if let Some(cut) = cut.then_some(()).and_then(|()| {
            para.cues
                .within(p, limit)
                .iter()
                .rev()
                .find(|c| self.lex.tags[c.word].trim == Some(Trim::Cut))
        }) {
            p = cut.end;
        }
        head.start = p;
        head
    }

    /// Whether [`Self::strip_head`] from `p` may find a scope at all: false when the
    /// first character starts none of what it skips or reads (a space or clause mark, a
    /// quote, a time, a lead, increment, scope or anaphor word, an organization, a place
    /// name's first two characters), so most clauses are passed over with a few tests.
    fn head_may_name(&self, para: &Para, p: usize, limit: usize, orgs: &[Org]) -> bool {
        let Some((cp, _)) = marks::decode(para.s.as_bytes(), p).filter(|_| p < limit) else {
            return false;
        };
        let reads_cue = || {
            para.cues.starting_at(p).is_some_and(|c| {
                let t = &self.lex.tags[c.word];
                t.trim == Some(Trim::Lead)
                    || t.pred == Some(Pred::Increment)
                    || t.scope.is_some()
                    || t.org == Some(OrgWord::Anaphor)
            })
        };
        matches!(char::from_u32(cp), Some(' ' | '　' | '，' | '、' | '：' | '“' | '"'))
            || (self.initials.may_start(cp) && self.initials.may_begin(para.s.as_bytes(), p, limit))
            || (para.cues.starts_at(p) && reads_cue())
            || orgs.iter().any(|o| o.0 == p)
            || para.times.iter().any(|t| t.tok.start == p)
    }

    /// The organizations named in `a..b`: (start, end, name).
    fn orgs(&self, para: &Para, a: usize, b: usize) -> Vec<Org> {
        let s = para.s.as_ref();
        let mut out = Vec::new();
        for c in para.cues.within(a, b) {
            if self.lex.tags[c.word].org != Some(OrgWord::Suffix) {
                continue;
            }
            // 培育农民合作社2241家: a counted kind of body, not one body's name.
            if para.quantity_from(c.end).is_some_and(|q| q.start == c.end) {
                continue;
            }
            // The last word of `role` between `from` and the suffix.
            let last_before = |from: usize, role: OrgWord| {
                para.cues
                    .within(from, c.start)
                    .iter()
                    .rev()
                    .find(|v| self.lex.tags[v.word].org == Some(role))
                    .map(|v| v.end)
            };
            let mut start = org_start(s, a, c.start);
            // 河南焦矿公司加盟中轴集团: a name ends at an earlier one's suffix.
            if let Some(e) = last_before(start, OrgWord::Suffix) {
                start = e;
            }
            // The name starts at a place name inside it (年山东正泰… → 山东正泰…), else after
            // times and lead words.
            let first_place = s[start..c.start]
                .char_indices()
                .map(|(j, _)| start + j)
                .find(|&j| self.place_at(para, j, c.start).is_some());
            if let Some(m) = first_place {
                start = m;
            } else {
                loop {
                    if let Some(t) = para.times.iter().find(|t| t.tok.start <= start && t.tok.end > start) {
                        start = t.tok.end;
                    } else if let Some(l) = para
                        .cues
                        .starting_at(start)
                        .filter(|l| l.end <= c.start && self.lex.tags[l.word].trim == Some(Trim::Lead))
                    {
                        start = l.end;
                    } else {
                        break;
                    }
                }
            }
            // 加盟中轴集团: the name starts after a verb that joins or founds it.
            let joins = last_before(start, OrgWord::Joins);
            let joined = joins.is_some();
            start = joins.unwrap_or(start);
            let chars = s[start..c.end].chars().count();
            let starts_with_place = self.place_at(para, start, c.start).is_some();
            // A short name (神华集团) only where a clause begins with it, not a bare or
            // quantified noun (各公司, 该集团 is an anaphor).
            let opens_clause = start == a || joined || s[..start].ends_with(is_clause_end);
            // A bare noun refers back also after a time (到2010年集团公司…).
            let after_time = para.times.iter().any(|t| t.tok.end == start);
            let determiner = s[start..].starts_with([
                '各', '全', '本', '该', '我', '其', '某', '等', '多', '这', '那', '此', '子', '分',
            ]);
            let short_name = chars >= 4 && opens_clause && !determiner;
            if chars >= 6 || (chars >= 4 && starts_with_place) || short_name {
                // A scope is a simplified name (中轴集团 for 中軸集團).
                out.push((start, c.end, Name::from(clean(&s[start..c.end]))));
            } else if start == c.start && (opens_clause || after_time) {
                // 集团截止2015年底…: the bare noun opening a clause is the organization
                // named last.
                if let Some(last) = out.last().map(|o: &Org| o.2.clone()).or_else(|| self.last_org.clone()) {
                    out.push((start, c.end, last));
                }
            }
        }
        out
    }

    fn sentence(&mut self, para: &Para, ps: &mut ParaState, a: usize, b: usize, out: &mut Vec<Fact>) {
        // Quantities and times are in order of their starts.
        let starting_within = |start: usize| start >= a && start < b;
        let qa = para.quantities.partition_point(|q| q.start < a);
        let qb = qa + para.quantities[qa..].partition_point(|q| starting_within(q.start));
        let qs = qa..qb;
        let words = para.cues.within(a, b);
        let orgs = self.orgs(para, a, b);
        let ta = para.times.partition_point(|t| t.tok.start < a);
        let tb = ta + para.times[ta..].partition_point(|t| starting_within(t.tok.start));
        let toks = &para.times[ta..tb];
        let mut clauses = std::mem::take(&mut self.clause_room);
        Self::clauses(&para.marks, a, b, &mut clauses);
        // The subject of each clause, in order.
        let mut subjects = std::mem::take(&mut self.subject_room);
        subjects.clear();
        // Subjects matter up to the last number; a sentence without numbers passes on
        // only the subject of its first clause.
        let last_q = qs.clone().last().map_or(a, |k| para.quantities[k].start);
        for &(cs, ce) in clauses.iter().take_while(|c| c.0 <= last_q) {
            if !self.head_may_name(para, cs, ce, &orgs) {
                continue;
            }
            let h = self.strip_head(para, cs, ce, &orgs, false);
            if let Some(scope) = h.scope {
                subjects.push((cs, scope, h.subject));
            }
        }
        let sentence_signal = self.signal(para, a, b);
        if let Some(o) = orgs.last() {
            self.last_org = Some(o.2.clone());
        }
        let scene = words.iter().any(|c| self.lex.tags[c.word].scene);
        if !scene {
            self.quantities(
                para,
                ps,
                a,
                b,
                qs.clone(),
                &clauses,
                &subjects,
                toks,
                &orgs,
                sentence_signal,
                out,
            );
        }
        // Carry the sentence's time, kind and subject.
        let mut ctx = ps.time.clone().unwrap_or_default();
        let mut any = false;
        for t in toks.iter().filter(|t| !t.baseline) {
            ctx.apply(&t.tok.time, t.role, self.doc_year, self.review_year);
            any = true;
        }
        if any {
            if ctx.role == Some(Role::To) || ctx.plan {
                self.target_time = Some(ctx.clone());
            }
            if self.lead_time.is_none()
                && self.paragraphs <= LEAD_PARAGRAPHS
                && ctx.period.as_deref().is_some_and(is_span)
                && !ctx.up_to
                && ctx.role != Some(Role::To)
            {
                self.lead_time = Some(ctx.clone());
            }
            ps.time = Some(ctx);
        }
        if let Some(k) = sentence_signal.decide().filter(|_| !qs.is_empty()) {
            ps.kind = Some(k);
        }
        if let Some((_, subj, _)) = subjects.iter().rev().find(|x| x.2) {
            ps.subject = Some(subj.clone());
        }
        self.clause_room = clauses;
        subjects.clear();
        self.subject_room = subjects;
    }

    #[allow(clippy::too_many_arguments)]
    fn quantities(
        &mut self,
        para: &Para,
        ps: &mut ParaState,
        a: usize,
        b: usize,
        qs: Range<usize>,
        clauses: &[(usize, usize)],
        subjects: &[(usize, Name, bool)],
        toks: &[Tok],
        orgs: &[Org],
        sentence_signal: KindSignal,
        out: &mut Vec<Fact>,
    ) {
        let s = para.s.as_ref();
        let mut prev: Option<(usize, Reading)> = None;
        let mut skip_until = 0usize;
        let mut gap_end: Option<usize> = None;
        let mut topic: Option<String> = None;
        // 在安全生产方面，2015年投入63.91亿元: the field a sentence opens with names what
        // its bare figures (投入) are of.
        let field = clauses.first().and_then(|&(cs, ce)| aspect(&para.orig[cs..ce]));
        // 我省“5个100工程”共完成投资…，签约资金5708亿元: the programme the sentence opens
        // with is what its later figures are of.
        let programme: Option<String> = qs.clone().next().and_then(|k| {
            let &(cs, _) = clauses.first()?;
            programme_name(&para.orig[cs..para.quantities[k].start.max(cs)]).map(clean)
        });
        // Read once a sentence: whether it cites a plan before its first number.
        let cited_plan = qs
            .clone()
            .next()
            .is_some_and(|k| cites_plan(s, a, para.quantities[k].start));
        ps.planned |= cited_plan;
        let mut list_tail: Option<String> = None;
        let mut cited_end: Option<usize> = None;
        let mut sentence_indicator: Option<String> = None;
        let semis: SmallVec<[(usize, usize); 4]> = para
            .marks
            .within(a, b)
            .iter()
            .filter(|m| matches!(m.1, ';' | '；'))
            .map(|&(i, c)| (i, i + c.len_utf8()))
            .collect();
        // The noun phrase heading the sentence, when its first clause holds no number
        // (立塔生产线在…是独一份，在全国也仅有48条).
        let first_np = || {
            let &(cs, ce) = clauses.first()?;
            if para.quantities[qs.clone()].iter().any(|q| q.start < ce) {
                return None;
            }
            let h = self.strip_head(para, cs, ce, orgs, true);
            let end = para
                .cues
                .within(h.start, ce)
                .iter()
                .find(|c| {
                    &s[c.start..c.end] == "在"
                        || self.lex.tags[c.word].pred.is_some_and(|p| {
                            matches!(p, Pred::Level | Pred::Up | Pred::Down | Pred::Reduce | Pred::Increment)
                        })
                })
                .map_or(ce, |c| c.start);
            let np = clean(&para.orig[h.start..end]);
            (!np.is_empty() && np.chars().count() <= 24).then_some(np)
        };
        for k in qs.clone() {
            let q = &para.quantities[k];
            if q.start < skip_until {
                continue;
            }
            let Some(&(cs0, _)) = clauses.iter().find(|c| c.0 <= q.start && q.start <= c.1) else {
                continue;
            };
            // A quantity may hold a clause mark (2,111%): its clause ends after it.
            let ce = clauses.iter().find(|c| c.1 >= q.end).map_or(b, |c| c.1).max(q.end);
            // A clause after 、 that holds no number belongs to the next one's subject
            // (公共、专用充换电站保有量…).
            let mut cs = cs0;
            while cs > a && s[..cs].ends_with('、') {
                let Some(&(pcs, _)) = clauses.iter().rev().find(|c| c.1 + '、'.len_utf8() == cs) else {
                    break;
                };
                if para.quantity_from(pcs).is_some_and(|x| x.start < cs) {
                    break;
                }
                cs = pcs;
            }
            let prev_end = (k > qs.start)
                .then(|| para.quantities[k - 1].end)
                .filter(|&e| e > cs && e <= q.start);
            let floor = prev_end.unwrap_or(cs);
            // 较一季度(-10.8%)回升2.1个百分点: the rate cited is the earlier period's; the
            // change of the rate after it is no fact.
            if q.class == UnitClass::Points && cited_end.is_some_and(|e| e <= q.start && e >= floor) {
                continue;
            }
            // A sign before the number (增长-8.7%): the change goes the other way.
            let sign = s[floor..q.start].chars().next_back().filter(|&c| is_minus(c));
            let negative = sign.is_some();
            if let Some((at, cited)) = cited::cited_rate(s, floor, q.start, q.end) {
                let indicator = sentence_indicator.as_deref();
                if let Some(fact) = self.cited_fact(para, q, at, cited, negative, toks, prev.as_ref(), indicator) {
                    out.push(fact);
                    cited_end = Some(cited::closing_end(s, q.end));
                    continue;
                }
            }
            // 设立了15项…主要指标, 提出20条措施: a count of a text's parts is no fact.
            if q.class == UnitClass::Count && counts_parts(&s[q.end..ce]) && met::met_target(&s[q.end..ce]).is_none() {
                continue;
            }
            // 在全国168个重点城市中排第130名, 前进16个位次: a ranking's numbers are no facts.
            if q.class == UnitClass::Count && rank::is_rank(&s[cs..q.start], &q.unit, &s[q.end..ce]) {
                continue;
            }
            // 快于东部地区0.9和1.1个百分点: a gap to another place or indicator, and the
            // items listed with one, are no facts.
            let listed_after_gap = gap_end.is_some_and(|e| e <= q.start && gap::joins_items(&s[e..q.start]));
            let window = gap::window(s, cs, q.start);
            if listed_after_gap || gap::is_gap(window) || gap::is_ratio(window, &q.unit) {
                gap_end = Some(q.end);
                continue;
            }
            // The words between the indicator and the number, read from the number back.
            let mut pos = q.start - sign.map_or(0, char::len_utf8);
            let mut preds: SmallVec<[Pred; 4]> = SmallVec::new();
            let mut before_bound = None;
            let mut near = KindSignal::default();
            let mut compare_year = None;
            let mut base_value_year = None;
            let mut compare_prev = false;
            let mut local: Option<&Tok> = None;
            let mut each = false;
            // Whether the number tells how far a result went beyond a target (超出目标).
            let mut beyond_target = false;
            // 年均增长6%: where 年均 starts and where the change word after it ends.
            let mut yearly: Option<usize> = None;
            let mut change_end: Option<usize> = None;
            let mut guard = 0;
            while pos > floor && guard < 32 {
                guard += 1;
                // A footnote mark between the verb and the number (增长[3]3.1%).
                if s[floor..pos].ends_with(']') {
                    if let Some(open) = s[floor..pos].rfind('[') {
                        if s[floor + open + 1..pos - 1].bytes().all(|b| b.is_ascii_digit()) {
                            pos = floor + open;
                            continue;
                        }
                    }
                }
                if let Some(t) = toks.iter().find(|t| t.tok.end == pos && t.tok.start >= floor) {
                    if t.baseline {
                        if let Time::Year(y) = t.tok.time {
                            compare_year = Some(y);
                        } else if let Time::Relative(o) = t.tok.time {
                            compare_year = self.doc_year.map(|d| d + o);
                        }
                        // 比2010年的1.034吨: the baseline's own value.
                        if &s[t.tok.end..q.start] == "的" {
                            base_value_year = compare_year;
                        }
                        pos = para.cues.ending_at(t.tok.start).map_or(t.tok.start, |c| c.start);
                    } else {
                        local.get_or_insert(t);
                        pos = t.tok.start;
                    }
                    continue;
                }
                let Some(c) = para.cues.ending_at(pos).filter(|c| c.start >= floor) else {
                    break;
                };
                let t = &self.lex.tags[c.word];
                let before = matches!(t.bound, Some((_, Side::Before)));
                let pred = t.pred.filter(|p| *p != Pred::Compare);
                if pred.is_none() && !before && t.kind.is_none() {
                    break;
                }
                // 化学需氧量削减850吨: the amount reduced; the verb names the indicator.
                let pred = match pred {
                    Some(Pred::Reduce) if !q.class.is_rate() => break,
                    Some(Pred::Reduce) => Some(Pred::Down),
                    p => p,
                };
                let copula = matches!(&s[c.start..c.end], "为" | "是");
                let pred = pred
                    .filter(|_| !(copula && preds.iter().any(|x| matches!(x, Pred::Up | Pred::Down | Pred::Improve))));
                if let Some(p) = pred {
                    let content = matches!(p, Pred::Level | Pred::Up | Pred::Down | Pred::Increment | Pred::Improve);
                    // 能效提升改造200万平方米: one verb stands next to the number; a second
                    // one belongs to the indicator.
                    // 涨幅控制在3%左右: the rise is what the level verb bounds, so the
                    // rise names the measure and the indicator is what rises.
                    let rate_of_level = matches!(p, Pred::Up | Pred::Down)
                        && RATE_WORDS.contains(&&s[c.start..c.end])
                        && preds.iter().all(|x| matches!(x, Pred::Level));
                    if rate_of_level {
                        preds.clear();
                    } else if content
                        && preds
                            .iter()
                            .any(|x| matches!(x, Pred::Level | Pred::Up | Pred::Down | Pred::Increment | Pred::Improve))
                    {
                        break;
                    }
                    match p {
                        Pred::ComparePrev => compare_prev = true,
                        Pred::Each => each = true,
                        _ => preds.push(p),
                    }
                    if matches!(p, Pred::Up | Pred::Down) {
                        change_end.get_or_insert(c.end);
                    }
                    if &s[c.start..c.end] == "年均" {
                        yearly = Some(c.start);
                    }
                }
                if let Some((bd, Side::Before)) = t.bound {
                    before_bound.get_or_insert(bd);
                }
                // 超出目标6.59个百分点: the target a result went beyond; the result is done.
                let beyond = t.kind == Some(crate::lexicon::KindCue::TargetNoun)
                    && EXCEEDING.iter().any(|w| s[floor..c.start].ends_with(w));
                beyond_target |= beyond;
                near = if beyond {
                    let done = crate::lexicon::Tags {
                        kind: Some(crate::lexicon::KindCue::Actual),
                        ..Default::default()
                    };
                    near.near(&done, "")
                } else {
                    near.near(t, &s[c.start..c.end])
                };
                pos = c.start;
            }
            // 在2013年煤炭产量基础上累计减产2500万吨: the frame's year is the baseline, the
            // noun inside it (else the words before it) the indicator.
            let mut frame: Option<(usize, usize, usize)> = None;
            if compare_year.is_none() && s[floor..pos].ends_with(BASE_FRAME) {
                let framed = toks
                    .iter()
                    .rev()
                    .find(|t| t.baseline && t.tok.start >= floor && t.tok.end <= pos);
                if let Some(t) = framed {
                    if let Time::Year(y) = t.tok.time {
                        compare_year = Some(y);
                        frame = Some((t.tok.start - '在'.len_utf8(), t.tok.end, pos - BASE_FRAME.len()));
                    }
                }
            }
            // The head of the clause and the indicator before the predicate.
            let head = self.strip_head(para, floor, pos, orgs, true);
            let mut left_end = pos;
            while let Some(c) = para.cues.ending_at(left_end).filter(|c| c.start >= head.start) {
                let t = &self.lex.tags[c.word];
                if t.trim == Some(Trim::Tail) || (t.pred == Some(Pred::Filler) && &s[c.start..c.end] == "的") {
                    left_end = c.start;
                } else {
                    break;
                }
            }
            let mut left_start = head.start.min(left_end);
            // 主动压减煤炭产能9500万吨: a reducing verb before its object names an amount
            // done, the verb and object its indicator.
            let reduced = (!q.class.is_rate())
                .then(|| {
                    para.cues
                        .within(left_start, left_end)
                        .iter()
                        .rev()
                        .find(|c| c.end < left_end && self.lex.tags[c.word].pred == Some(Pred::Reduce))
                })
                .flatten()
                .map(|c| c.start);
            if let Some(at) = reduced {
                left_start = at;
            }
            let left_text = &para.orig[left_start..left_end];
            let left_s = &s[left_start..left_end];
            let enumeration = left_s.ends_with('等');
            let slogan = is_slogan(left_text);
            // What follows the number in its clause (80%以上的县级…机关, 216个重点项目).
            let mut r0 = q.end;
            let modifies = s[r0..ce].starts_with('的');
            if modifies {
                r0 += '的'.len_utf8();
                if let Some(nq) = para.quantity_from(r0).filter(|x| x.start == r0) {
                    r0 = nq.end.min(ce);
                }
            }
            let mut r_end = para
                .quantity_from(r0.max(q.start + 1))
                .filter(|x| x.start < ce)
                .map_or(ce, |x| x.start);
            // The noun after the number ends where a verb or a time begins (37家发展到…).
            let mut r_more = String::new();
            let mut r_kind = false;
            if let Some(c) = para.cues.within(r0, r_end).iter().find(|c| {
                let t = &self.lex.tags[c.word];
                t.pred.is_some_and(|p| p != Pred::Filler)
                    || t.kind.is_some()
                    || t.trim == Some(Trim::Stop)
                    || matches!(t.bound, Some((_, Side::Before)))
            }) {
                let t = &self.lex.tags[c.word];
                r_kind = t.kind.is_some();
                // 105家企业为省级绿色工厂: the category after the copula names the count.
                if matches!(&s[c.start..c.end], "为" | "是") && c.start > r0 {
                    let tail_end = para
                        .quantity_from(c.end + 1)
                        .filter(|x| x.start < r_end)
                        .map_or(r_end, |x| x.start);
                    r_more = clean(&para.orig[c.end..tail_end]);
                }
                r_end = c.start;
            }
            if let Some(t) = toks.iter().find(|t| t.tok.start >= r0 && t.tok.start < r_end) {
                r_end = t.tok.start;
            }
            let mut right = if r0 < r_end {
                clean(&para.orig[r0..r_end])
            } else {
                String::new()
            };
            right.push_str(&r_more);
            // 降低13.5%的总体目标: what follows names the commitment, not a measured noun.
            if modifies && r_kind && right.chars().count() <= 3 {
                right.clear();
            }
            for c in para.cues.within(q.end, ce) {
                if self.lex.tags[c.word].kind == Some(crate::lexicon::KindCue::TargetNoun) {
                    near.target = true;
                }
            }
            // 全省100个产业园区继续保持…，签约项目1698个: a count opening the sentence with
            // no verb names what the sentence is about; its later figures are the topic's.
            let opens_topic = k == qs.start
                && clauses.first().is_some_and(|c| c.0 == cs0)
                && q.class == UnitClass::Count
                && preds.is_empty()
                && before_bound.is_none()
                && para
                    .cues
                    .within(cs0, q.start)
                    .iter()
                    .all(|c| self.lex.tags[c.word].scope.is_some())
                && clean(left_text).is_empty()
                && right.chars().count() >= 2
                && para.quantities[k + 1..qs.end].iter().any(|x| x.start >= ce);
            if opens_topic {
                topic = Some(right);
                continue;
            }
            let mut left = if slogan { String::new() } else { clean(left_text) };
            let left_empty = left.is_empty();
            let mut quote_start = if left_empty { pos.min(q.start) } else { left_start };
            let mut quote_end = q.end;
            // 森林覆盖率51%林业总产值…: a rate already named is whole; what follows it
            // without 的 is the next figure's noun (but 民用建筑100%执行绿色建筑标准).
            let named_rate =
                matches!(q.class, UnitClass::Percent | UnitClass::Points) && left.ends_with(['率', '例', '重']);
            let mut indicator = if left_empty || enumeration {
                if !right.is_empty() {
                    quote_end = r_end;
                    if left_empty {
                        quote_start = pos;
                    }
                }
                std::mem::take(&mut right)
            } else if modifies && !right.is_empty() {
                quote_end = r_end;
                let attr = left.rsplit('等').next().unwrap_or(&left);
                let mut joined = std::mem::take(&mut right);
                joined.push_str(attr);
                joined
            } else if !right.is_empty() && !right.starts_with(['以', '左', '上']) && !named_rate {
                quote_end = r_end;
                let mut joined = std::mem::take(&mut left);
                joined.push_str(&right);
                joined
            } else {
                std::mem::take(&mut left)
            };
            if let Some((open, year_end, noun_end)) = frame {
                let noun = clean(&para.orig[year_end..noun_end]);
                let noun = noun.trim_end_matches('的');
                indicator = if noun.is_empty() {
                    clean(&para.orig[left_start.min(open)..open])
                } else {
                    noun.to_owned()
                };
            }
            // 完成年计划710亿元的89.4%: the plan's amount and the share of it done.
            let completion = self.completion_role(para, k, qs.clone());
            if let Some(role) = completion {
                let base = self.completion_base(para, cs, role, sentence_indicator.as_deref());
                indicator = match role {
                    completion::Role::Planned { .. } => base,
                    completion::Role::Share { start, end } => {
                        local = local.filter(|t| t.tok.end <= start || t.tok.start >= end);
                        base + &clean(&para.orig[start..end])
                    }
                };
            }
            if indicator.is_empty() {
                match sentence_indicator
                    .clone()
                    .or_else(first_np)
                    .or_else(|| ps.last_indicator.clone())
                {
                    Some(i) => indicator = i,
                    None => continue,
                }
            }
            if let Some(t) = topic.as_deref() {
                indicator = with_topic(t, indicator);
            }
            if let Some(f) = field.filter(|_| indicator.chars().count() <= 4) {
                indicator = with_topic(f, indicator);
            }
            if let Some(p) = programme.as_deref().filter(|p| !indicator.contains(p)) {
                indicator = format!("{p}{indicator}");
            }
            // 超出目标6.59个百分点 after …完成了“十一五”节能目标任务: beyond that target.
            if beyond_target && indicator.chars().count() <= 4 {
                if let Some(named) = met::named_target(&para.orig[..cs]) {
                    indicator = format!("{}{}", strip_respectively(&indicator), clean(&named));
                }
            }
            // …较多的十个地区分别为:北京(超额32.95%,下同)、天津(5%): the list head's figure.
            if let Some(head_words) = self.bracketed_head(para, a, q.start) {
                indicator = head_words;
            }
            // 完成…光伏发电项目(一)建设,总装机33.2万千瓦: the project's total.
            if total::is_bare_total(&indicator) {
                if let Some(project) = self.project_before(para, a, cs) {
                    indicator = format!("{project}{indicator}");
                }
            }
            // 11家环保节能单位全国通过…考核目标: the units that met a target.
            let met = (q.class == UnitClass::Count)
                .then(|| met::met_target(&s[q.end..ce]))
                .flatten();
            if let Some((units_end, verb)) = met {
                let predicate = clean(&para.orig[q.end + verb..ce]);
                let units = clean(&para.orig[q.end..q.end + units_end]);
                indicator = format!("{predicate}的{units}");
                quote_end = quote_end.max(ce);
            }
            // …的快充站覆盖率不低于80%、其他地区不低于60%: the next item of the list
            // measures the same noun.
            if let Some(tail) = list_tail.as_deref().filter(|_| s[..cs0].ends_with('、')) {
                if indicator.chars().count() <= 6 {
                    indicator = with_topic(&indicator, tail.to_owned());
                }
            }
            // 降幅较上半年扩大0.7个百分点: a change of a growth rate is no fact.
            // (The indicator is in the text's script: 漲幅 is read through its shadow.)
            if q.class == UnitClass::Points && {
                let simplified = shadow(&indicator);
                RATE_WORDS.iter().any(|w| simplified.ends_with(w))
            } {
                continue;
            }
            // 非化石能源发电量…,占全部发电量的27.5%: a share of what the sentence is about.
            if indicator.starts_with('占') {
                if let Some(subject) = sentence_indicator.as_deref().filter(|i| !i.starts_with('占')) {
                    indicator = format!("{subject}{indicator}");
                }
            }
            // Kind.
            let left_signal = KindSignal::of(self.lex, para.cues.within(floor, q.start), s);
            let clause_signal = KindSignal {
                target: near.target || head.kind.target || left_signal.target,
                forecast: left_signal.forecast,
                actual: near.actual || head.kind.actual || left_signal.actual,
                commits: near.commits || head.kind.commits || left_signal.commits,
            };
            let sub = sub_sentence(&semis, a, b, q.start);
            let sub_signal = self.signal(para, sub.0, sub.1);
            // Time. 从2020年的66.2%提高到72%: a starting year dates only its own value.
            let starting = |t: &Tok| s[..t.tok.start].ends_with('从');
            let explicit: Option<TimeCtx> = if let Some(y) = base_value_year {
                let mut c = TimeCtx::default();
                c.apply(&Time::Year(y), Role::Point, self.doc_year, self.review_year);
                compare_year = None;
                Some(c)
            } else if let Some(t) = local.filter(|t| t.tok.time != Time::Same) {
                // A bare 全年 is read with the sentence's earlier times below (今年…全年).
                let mut c = TimeCtx::default();
                c.apply(&t.tok.time, t.role, self.doc_year, self.review_year);
                Some(c)
            } else {
                let mut before = toks
                    .iter()
                    .filter(|t| !t.baseline && t.tok.end <= q.start && !starting(t))
                    .peekable();
                if before.peek().is_none() {
                    toks.iter().find(|t| !t.baseline && t.tok.start >= q.end).map(|t| {
                        let mut c = TimeCtx::default();
                        c.apply(&t.tok.time, t.role, self.doc_year, self.review_year);
                        c
                    })
                } else {
                    let mut c = TimeCtx::default();
                    for t in before {
                        c.apply(&t.tok.time, t.role, self.doc_year, self.review_year);
                    }
                    Some(c)
                }
            };
            let by_time = explicit.as_ref().and_then(|c| self.kind_of_time(c));
            let clause_signal = match self.review_year {
                Some(_) => clause_signal.reviewed(),
                None => clause_signal,
            };
            let kind = match completion {
                Some(completion::Role::Planned { .. }) => Some(Kind::Target),
                Some(completion::Role::Share { .. }) => Some(Kind::Actual),
                None => None,
            };
            // 截止9月底,…下降2.87%,预计今年能够完成…: a count up to a date is a result,
            // whatever the rest of the sentence foresees.
            let as_of = explicit.as_ref().is_some_and(|c| c.role == Some(Role::AsOf));
            // 将从2020年的66.2%提高到…: the starting point is that year's result.
            let from_base = local.is_some_and(|t| matches!(t.tok.time, Time::Year(_)) && starting(t));
            let kind = kind.or((from_base
                || base_value_year.is_some()
                || met.is_some() && by_time != Some(Kind::Target))
            .then_some(Kind::Actual));
            // 根据《…规划》,至2020年…; in a plan, a year within its span: the plan's figures,
            // whenever the text was published.
            let plan_year = explicit
                .as_ref()
                .and_then(|c| c.year)
                .zip(self.plan_span)
                .is_some_and(|(y, (start, end))| (start..=end).contains(&y));
            let planned = plan_year || ps.planned || cited_plan;
            let kind = kind
                .or_else(|| clause_signal.decide())
                .or(by_time.filter(|_| as_of))
                .or_else(|| sub_signal.decide())
                .or(planned.then_some(Kind::Target))
                .or(by_time)
                .or_else(|| sentence_signal.decide())
                .or(ps.kind)
                // “十三五”时期,…比重超过36%: a time carried from before that has passed
                // makes a result, in a plan too.
                .or_else(|| {
                    let carried = ps.time.as_ref().filter(|_| explicit.is_none());
                    carried
                        .and_then(|c| self.kind_of_time(c))
                        .filter(|k| *k == Kind::Actual)
                })
                .unwrap_or(if self.plan_span.is_some() {
                    Kind::Target
                } else {
                    Kind::Actual
                });
            let forecast = clause_signal.forecast || sub_signal.forecast;
            let ctx = match explicit {
                Some(c) => c,
                None if kind == Kind::Target && forecast => TimeCtx::default(),
                None => ps
                    .time
                    .clone()
                    .or_else(|| {
                        // The plan whose completion is reported is the year's in context.
                        if kind == Kind::Target && completion.is_none() {
                            self.target_time.clone()
                        } else {
                            self.lead_time.clone()
                        }
                    })
                    .unwrap_or_else(|| match self.plan_span {
                        // A plan's unmarked target is due at its end and its amounts count
                        // over the plan, as under `“十三五”期间`.
                        Some((start, end)) if kind == Kind::Target && completion.is_none() => {
                            let mut c = TimeCtx::default();
                            let whole = Time::Plan {
                                start,
                                end,
                                at_end: false,
                            };
                            c.apply(&whole, Role::To, self.doc_year, self.review_year);
                            c
                        }
                        _ => TimeCtx {
                            year: match kind {
                                Kind::Target if completion.is_none() => self.doc_year,
                                _ => self.review_year.or(self.doc_year),
                            },
                            role: Some(Role::Point),
                            ..TimeCtx::default()
                        },
                    }),
            };
            // 全年… in the first quarter reports the year just closed (annual figures
            // come out then); a commitment for 全年 is this year's.
            let mut ctx = ctx;
            if ctx.whole_year
                && kind == Kind::Actual
                && self.review_year.is_none()
                && self.doc_month.is_some_and(|m| m <= 3)
            {
                ctx.year = ctx.year.map(|y| y - 1);
            }
            // Scope. 攀枝花、德阳…、眉山等7个市为超额完成等级: the places listed before 等 are
            // what is counted, not who counts; the subject is the one before the list.
            let listed = enumeration && head.subject;
            let scope = head
                .scope
                .clone()
                .filter(|_| !listed)
                .or_else(|| {
                    let before = if listed { cs } else { q.start + 1 };
                    // Nor is an earlier clause's listed member (其中A等8家…，B等4家…).
                    let enumerates = |x: &&(usize, Name, bool)| {
                        listed
                            && clauses
                                .iter()
                                .find(|c| c.0 == x.0)
                                .is_some_and(|c| s[c.0..c.1].contains('等'))
                    };
                    subjects
                        .iter()
                        .rev()
                        .filter(|x| x.0 < before)
                        .find(|x| !enumerates(x))
                        .map(|x| x.1.clone())
                })
                .or_else(|| ps.subject.clone())
                .unwrap_or_else(|| self.place_name.clone());
            // Measure.
            let has_level = preds.contains(&Pred::Level);
            let lower_better = || {
                self.lex
                    .indicator_rules
                    .iter()
                    .any(|(w, r)| *r == IndicatorRule::LowerBetter && contains(&indicator, w))
            };
            let direction = preds.iter().find_map(|p| match p {
                Pred::Up => Some(Direction::Up),
                Pred::Down => Some(Direction::Down),
                Pred::Improve if lower_better() => Some(Direction::Down),
                Pred::Improve => Some(Direction::Up),
                _ => None,
            });
            let direction = if negative {
                direction.map(Direction::opposite)
            } else {
                direction
            };
            let has_increment = preds.contains(&Pred::Increment) || head.increment || reduced.is_some();
            let has_role = has_level || direction.is_some() || has_increment;
            let mut reading = Reading {
                measure: Measure::Level,
                direction: None,
                compare_year,
                compare_prev,
                before_bound,
                kind,
                ctx,
                scope,
            };
            let rule_increment = || {
                self.lex
                    .indicator_rules
                    .iter()
                    .any(|(w, r)| *r == IndicatorRule::Increment && indicator.ends_with(w.as_str()))
            };
            let percent = matches!(q.class, UnitClass::Percent | UnitClass::Points);
            let average = yearly
                .zip(change_end)
                .filter(|&(a, e)| a < e && percent && direction.is_some());
            if q.doubling {
                reading.measure = Measure::Change;
                reading.direction = Some(Direction::Up);
            } else if let Some((a, e)) = average {
                // 年均增长6% is a rate: a level in %, named with its words.
                reading.measure = Measure::Level;
                indicator.push_str(&clean(&para.orig[a..e]));
            } else if direction.is_some() {
                reading.measure = Measure::Change;
                reading.direction = direction;
            } else if percent {
                reading.measure = Measure::Level;
            } else if has_increment || rule_increment() || (reading.ctx.is_interval() && !has_level) {
                reading.measure = Measure::Increment;
            }
            // 新增…40万吨/日、生活垃圾处理能力1900吨/日: the list shares its verb.
            if !has_role && s[..cs0].ends_with('、') {
                if let Some((pk, pr)) = &prev {
                    let pq = &para.quantities[*pk];
                    if pq.end <= cs0
                        && pq.end >= clauses.iter().rev().find(|c| c.1 < cs0).map_or(a, |c| c.0)
                        && !percent
                    {
                        reading.measure = pr.measure;
                        reading.direction = pr.direction;
                        reading.compare_year = pr.compare_year.or(reading.compare_year);
                        reading.compare_prev |= pr.compare_prev;
                    }
                }
            }
            // 分别超出目标6.59、…: 分别 before the verb shares the values out too.
            let (places, listed_rest) = self.listed_places(s, cs, q.start);
            // 分别占年度计划的74.3%、88.2%: a 分别 the walk back stopped short of still
            // shares the values out.
            let joined_next = para.quantities[k + 1..qs.end]
                .first()
                .is_some_and(|n| n.start >= q.end && s[q.end..n.start].len() <= 6);
            each = each || !places.is_empty() || joined_next && contains(&s[cs..q.start], "分别");
            // 分别: the values after this one, joined by 、/和/及, each with whether a
            // minus sign stands before it (分别增长39.3%、-97.7%).
            let mut members: SmallVec<[(usize, bool); 4]> = SmallVec::new();
            members.push((k, negative));
            if each {
                let mut last = q.end;
                for k2 in k + 1..qs.end {
                    let q2 = &para.quantities[k2];
                    let gap = &s[last..q2.start];
                    let sign = gap.chars().next_back().filter(|&c| is_minus(c));
                    let joiner = sign.map_or(gap, |c| &gap[..gap.len() - c.len_utf8()]);
                    if matches!(joiner, "、" | "和" | "及" | "与" | "，" | "或") {
                        members.push((k2, sign.is_some()));
                        last = q2.end;
                    } else {
                        break;
                    }
                }
                skip_until = last;
            }
            // The indicator is kept for the numbers after this one; a share of a plan
            // names the plan, not what the sentence goes on about.
            if !matches!(completion, Some(completion::Role::Share { .. })) {
                replace_with(&mut sentence_indicator, &indicator);
                replace_with(&mut ps.last_indicator, &indicator);
            }
            if members.len() > 1 {
                let subject = if left_empty {
                    &indicator
                } else {
                    &para.orig[left_start..left_end]
                };
                // 北京、湖北、天津分别超出目标6.59、1.67、1个百分点: one place per value.
                let places = if places.len() == members.len() {
                    places
                } else {
                    SmallVec::new()
                };
                // 北京、湖北规模以上工业增加值…: what the last place goes on with is each's.
                let measured = listed_rest
                    .filter(|&r| !places.is_empty() && r < left_end)
                    .map(|r| clean(&para.orig[r..left_end]))
                    .filter(|m| !m.is_empty());
                let subject = match (&measured, places.is_empty()) {
                    (Some(m), _) => m.as_str(),
                    (None, true) => subject,
                    (None, false) => strip_respectively(&indicator),
                };
                let mut names = distribute(self.lex, subject, members.len()).into_iter();
                for (m, &(km, member_negative)) in members.iter().enumerate() {
                    let qm = &para.quantities[km];
                    let (qs_, qe_) = if m == 0 {
                        (quote_start, quote_end.max(qm.end))
                    } else {
                        (qm.start, qm.end)
                    };
                    let name = names.next().unwrap_or_else(|| indicator.clone());
                    let mut r = reading.clone();
                    if let Some(&p) = places.get(m) {
                        r.scope = self.place_name(p);
                    }
                    // A change signed otherwise than the first goes the other way.
                    if member_negative != negative && r.measure == Measure::Change {
                        r.direction = r.direction.map(Direction::opposite);
                    }
                    out.push(self.fact(para, qm, &r, name, qs_, qe_));
                }
            } else if let Some((items, tail)) = shared_tail_items(&indicator) {
                list_tail = Some(tail.to_owned());
                for name in items {
                    out.push(self.fact(para, q, &reading, name, quote_start, quote_end.max(q.end)));
                }
            } else {
                out.push(self.fact(para, q, &reading, indicator, quote_start, quote_end.max(q.end)));
            }
            prev = Some((k, reading));
        }
    }

    /// The fact of a rate cited in brackets after a comparison (`较一季度(-10.8%)`,
    /// [`cited`]): the indicator of the figure before it in the sentence, a change on the
    /// year before, in the period the comparison names. `None` when the sentence has no
    /// figure before it or a named period is no time expression. `negative`: a minus
    /// sign stands before the number.
    #[allow(clippy::too_many_arguments)]
    fn cited_fact(
        &self,
        para: &Para,
        q: &Quantity,
        at: usize,
        cited: cited::Cited,
        negative: bool,
        toks: &[Tok],
        prev: Option<&(usize, Reading)>,
        indicator: Option<&str>,
    ) -> Option<Fact> {
        let (_, pr) = prev?;
        let indicator = indicator?.to_owned();
        let mut ctx = pr.ctx.clone();
        match cited {
            cited::Cited::Named => {
                let t = toks.iter().find(|t| t.tok.start > at && t.tok.end <= q.start)?;
                match &t.tok.time {
                    Time::Part(p) | Time::Months(p) => ctx.period = Some(p.clone()),
                    _ => return None,
                }
            }
            cited::Cited::SamePeriodLastYear => ctx.year = ctx.year.map(|y| y - 1),
            cited::Cited::LastYear => {
                ctx.year = ctx.year.map(|y| y - 1);
                ctx.period = None;
            }
        }
        let reading = Reading {
            measure: Measure::Change,
            direction: Some(if negative { Direction::Down } else { Direction::Up }),
            compare_year: None,
            compare_prev: true,
            before_bound: None,
            kind: Kind::Actual,
            ctx,
            scope: pr.scope.clone(),
        };
        let end = cited::closing_end(&para.s, q.end);
        Some(self.fact(para, q, &reading, indicator, at, end))
    }

    /// What the words of `a..b` say about kind. An aside in brackets
    /// (`主要是二产、三产未达预期目标`) explains and does not commit; in a review a lone
    /// estimate (`预计`) reports.
    fn signal(&self, para: &Para, a: usize, b: usize) -> KindSignal {
        let words = para.cues.within(a, b);
        let asides = asides(&para.marks, a, b);
        let signal = if asides.is_empty() {
            KindSignal::of(self.lex, words, &para.s)
        } else {
            let spoken: SmallVec<[crate::cues::Cue; 16]> = words
                .iter()
                .filter(|c| !asides.iter().any(|&(x, y)| c.start > x && c.start < y))
                .copied()
                .collect();
            KindSignal::of(self.lex, &spoken, &para.s)
        };
        if self.review_year.is_some() {
            signal.reviewed()
        } else {
            signal
        }
    }

    /// The role of quantity `k` of the sentence `qs` in a completion phrase
    /// ([`completion`]).
    fn completion_role(&self, para: &Para, k: usize, qs: Range<usize>) -> Option<completion::Role> {
        let q = &para.quantities[k];
        let is_share = |x: &Quantity| x.class == UnitClass::Percent;
        let prev = (k > qs.start)
            .then(|| &para.quantities[k - 1])
            .map(|p| (p.start, p.end));
        let next_share = (k + 1 < qs.end)
            .then(|| &para.quantities[k + 1])
            .is_some_and(|n| is_share(n) && para.s[..n.start].ends_with('的') && n.start - '的'.len_utf8() == q.end);
        completion::role(&para.s, (q.start, q.end), prev, is_share(q), next_share)
    }

    /// What a completion phrase is about: the words before `完成` in its clause, else the
    /// sentence's indicator so far (`地区生产总值635亿元,完成年计划…`).
    fn completion_base(&self, para: &Para, cs: usize, role: completion::Role, so_far: Option<&str>) -> String {
        let phrase = match role {
            completion::Role::Share { start, .. } | completion::Role::Planned { start } => start,
        };
        let before = if cs < phrase {
            clean(&para.orig[cs..phrase])
        } else {
            String::new()
        };
        if !before.is_empty() && para.quantity_from(cs).is_none_or(|x| x.start >= phrase) {
            return before;
        }
        so_far.unwrap_or_default().to_owned()
    }

    /// The kind a time context implies on its own.
    fn kind_of_time(&self, c: &TimeCtx) -> Option<Kind> {
        let y = c.year?;
        if c.role == Some(Role::AsOf) {
            return Some(Kind::Actual);
        }
        match self.doc_year {
            Some(d) if y > d => Some(Kind::Target),
            Some(d) if y < d => Some(Kind::Actual),
            Some(_) => (c.role == Some(Role::To)).then_some(Kind::Target),
            None => (c.role == Some(Role::To) || c.plan).then_some(Kind::Target),
        }
    }

    fn fact(&self, para: &Para, q: &Quantity, r: &Reading, indicator: String, qs: usize, qe: usize) -> Fact {
        let year = r.ctx.year;
        let (baseline_year, measure) = match r.measure {
            Measure::Change => {
                let b = r
                    .compare_year
                    .or_else(|| if r.compare_prev { year.map(|y| y - 1) } else { None })
                    .or_else(|| r.ctx.change_baseline());
                (b, Measure::Change)
            }
            Measure::Increment => (r.ctx.increment_baseline(self.doc_year), Measure::Increment),
            Measure::Level => (None, Measure::Level),
        };
        let mut unit = q.unit.clone();
        if q.class == UnitClass::Measure && !q.unit.contains('/') {
            // The first rule whose word the indicator holds names the time unit.
            let per = self.lex.indicator_rules.iter().find_map(|(w, rule)| match rule {
                IndicatorRule::Per(per) if contains(&indicator, w) => Some(per),
                _ => None,
            });
            if let Some(per) = per {
                unit = format!("{unit}/{per}").into();
            }
        }
        let bound = combine(r.before_bound, q.inline_bound, q.after_bound);
        let qs = qs.min(q.start);
        let span = self.norm.original_span(para.base + qs..para.base + qe);
        Fact {
            doc: self.doc_id.clone(),
            article: self.article,
            kind: r.kind,
            scope: r.scope.clone(),
            indicator,
            year,
            period: r.ctx.period.clone(),
            baseline_year,
            measure,
            direction: if measure == Measure::Change { r.direction } else { None },
            bound,
            value: q.value,
            value_max: q.value_max,
            unit,
            quote: clean_quote(&para.orig[qs..qe]),
            span: [span.start, span.end],
        }
    }
}

/// Sets `slot` to `text`, reusing the room of the string it holds.
fn replace_with(slot: &mut Option<String>, text: &str) {
    match slot {
        Some(held) => {
            held.clear();
            held.push_str(text);
        }
        None => *slot = Some(text.to_string()),
    }
}

/// The part of the sentence `a..b` between `；` marks (`semis`, in order) that holds
/// byte `at`.
fn sub_sentence(semis: &[(usize, usize)], a: usize, b: usize, at: usize) -> (usize, usize) {
    let k = semis.partition_point(|m| m.0 < at);
    let start = semis[..k].iter().rev().find(|m| m.1 <= at).map_or(a, |m| m.1);
    let end = semis[k..].first().map_or(b, |m| m.0);
    (start, end)
}

fn clean_quote(q: &str) -> String {
    if q.bytes().any(|b| b.is_ascii_whitespace()) || contains(q, "\u{3000}") {
        q.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        q.to_string()
    }
}

/// What the head of a clause held.
#[derive(Debug, Default)]
struct Head {
    start: usize,
    scope: Option<Name>,
    subject: bool,
    increment: bool,
    kind: KindSignal,
}

/// The province of a place, used to read short place names in its articles.
pub(crate) fn region_of(g: &Gazetteer, place: Option<usize>) -> Option<usize> {
    place.map(|p| g.ancestor_at(p, Level::Province).unwrap_or(p))
}
