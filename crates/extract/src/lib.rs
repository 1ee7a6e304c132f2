//! Extracts fact records from normalized Chinese text: each number a plan commits to
//! (a target) and each number a report claims (an actual), with its indicator, scope,
//! year, measure, bound, unit and the span it came from (`spec/facts.md`).
//!
//! The extractor does not segment words. It finds numbers and the lexicon's cue words
//! (units, bound words, predicates, time words) with a character scan and one
//! Aho-Corasick automaton, and parses only around each number.
//!
//! ```
//! let opts = pledge_extract::Options { doc_id: "d".into(), date: "2023-03-02".parse().ok(), place: None };
//! let facts = pledge_extract::extract_text("到2025年，全市清洁取暖率达到90%以上。", &opts);
//! assert_eq!(facts.len(), 1);
//! assert_eq!(facts[0].indicator, "清洁取暖率");
//! assert_eq!(facts[0].year, Some(2025));
//! ```

pub mod bounds;
mod bracketed;
mod cited;
mod completion;
pub mod corpus;
pub mod cues;
mod engine;
pub mod error;
mod gap;
mod grouping;
mod head;
pub mod indicator;
pub mod lexicon;
mod marks;
mod met;
mod national;
pub mod numbers;
pub mod periods;
mod plan;
pub mod quantity;
mod rank;
mod reporting;
mod review;
pub mod scope;
mod shadow;
mod substr;
mod table;
mod table_facts;
mod total;
pub mod units;
pub mod words;

use std::str::FromStr;
use std::sync::OnceLock;

use pledge_model::Fact;
use pledge_text::{Article, Document};

pub use error::{CorpusError, DateError, LexiconError};
pub use lexicon::Lexicon;

/// A calendar date (`YYYY-MM-DD`): the document's date, which resolves `今年`/`去年` and
/// the year of facts that state none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || DateError(s.to_string());
        let mut it = s.trim().splitn(3, '-');
        let year: i32 = it.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        let month: u32 = it.next().and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        let day: u32 = it.next().and_then(|d| d.parse().ok()).ok_or_else(bad)?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

/// How to read one document: its id (the `doc` of every fact) and its date.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Id of the document.
    pub doc_id: String,
    /// Date of the document, if known.
    pub date: Option<Date>,
    /// The document's place when its text names none (`--place`, a crawler's site): a
    /// region name the gazetteer knows (`贵州省`, `潘集区`) or an organization's name.
    pub place: Option<String>,
}

/// An extractor over one lexicon (the embedded one, or one extended by an analyst).
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    lexicon: Lexicon,
}

impl Extractor {
    /// An extractor over `lexicon`.
    pub fn new(lexicon: Lexicon) -> Self {
        Self { lexicon }
    }

    /// The shared extractor: the lexicon extended from `PLEDGE_LEXICON` when that names a
    /// usable folder, else the embedded lexicon (check [`Lexicon::from_env`] first to
    /// report a bad folder).
    pub fn global() -> &'static Extractor {
        static E: OnceLock<Extractor> = OnceLock::new();
        E.get_or_init(|| Extractor::new(Lexicon::from_env().unwrap_or_default()))
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The facts of a document split into `articles` (from [`pledge_text::segment()`]).
    pub fn document(&self, doc: &Document, articles: &[Article], opts: &Options) -> Vec<Fact> {
        let gaz = pledge_text::gazetteer();
        let mut out = Vec::new();
        let doc_id = pledge_model::SharedStr::from(opts.doc_id.as_str());
        let mut marks = engine::Marks::default();
        let mut cue_room = cues::Cues::default();
        let given = opts.place.as_deref().and_then(|name| gaz.lookup(name.trim(), None));
        // The head, simplified once, is what review, plan and national read first.
        let head_text = shadow::shadow(head::head(&doc.norm.text, head::HEAD_MAX));
        let head = head::Head::new(&head_text);
        let report_period = reporting::period(&head);
        let review_year = review::review_year(&head, opts.date.map(|d| d.year), opts.date.map(|d| d.month));
        // A national document's unnamed figures are 中国's, not a dateline's or a venue's.
        let national = given.is_none() && national::is_national(&head, &doc.norm.text);
        // A review's figures are results; only a document that is no review is read as a plan.
        let plan_span = review_year.is_none().then(|| plan::plan_span(&head)).flatten();
        let given = given.or_else(|| national.then(|| gaz.lookup("中国", None)).flatten());
        // A plan for a regional grouping speaks for it, not for the places it lists.
        let grouping = (opts.place.is_none() && !national)
            .then(|| grouping::grouping(head.text))
            .flatten();
        for art in articles {
            // The head speaks for the first article; a later one names its own place.
            let first = art.article == 0;
            let place = if (national || grouping.is_some()) && first {
                given
            } else {
                art.scope_place.or(given)
            };
            let mut ctx = engine::ArticleCtx {
                lex: &self.lexicon,
                gaz,
                norm: &doc.norm,
                doc_id: doc_id.clone(),
                doc_year: opts.date.map(|d| d.year),
                doc_month: opts.date.map(|d| d.month),
                review_year,
                report_period: report_period.filter(|_| first),
                // Like the place, the head's plan speaks for the first article only.
                plan_span: plan_span.filter(|_| first),
                article: art.article,
                place,
                region: engine::region_of(gaz, place),
                place_name: match grouping.filter(|_| first) {
                    Some(name) => engine::Name::from(name),
                    None => engine::place_name(place),
                },
                last_org: None,
                target_time: None,
                lead_time: None,
                paragraphs: 0,
                marks: std::mem::take(&mut marks),
                scope_words: Default::default(),
                clause_room: Vec::new(),
                scan_room: Default::default(),
                subject_room: Vec::new(),
                cue_room: std::mem::take(&mut cue_room),
                open_sentence: None,
                initials: engine::PlaceInitials::get(),
            };
            let range = art.body_range.clone();
            let Some(body) = doc.norm.text.get(range.clone()) else {
                continue;
            };
            // Tables are read as grids; their lines are no sentences.
            let grids = table::grids(body);
            for g in &grids {
                table_facts::read(&ctx, range.start, body, g, &mut out);
            }
            // Paragraphs are separated by '\n' (found with SIMD: core's split is bytewise).
            let mut from = 0;
            for end in memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]) {
                let para = &body[from..end];
                if grids.iter().any(|g| from >= g.range.start && end <= g.range.end) {
                    from = end + 1;
                    continue;
                }
                if let Some(place) = heading_place(gaz, para, ctx.region) {
                    ctx.set_place(gaz, place);
                }
                ctx.paragraph(range.start + from, para, &mut out);
                from = end + 1;
            }
            marks = ctx.marks;
            cue_room = ctx.cue_room;
        }
        out
    }

    /// The facts of a text: decoded as given, normalized and split into articles.
    pub fn text(&self, text: &str, opts: &Options) -> Vec<Fact> {
        let doc = pledge_text::normalize(pledge_text::Decoded::from_text(text));
        let articles = pledge_text::segment(&doc);
        self.document(&doc, &articles, opts)
    }
}

/// The place a heading paragraph names for what follows it (`全国：`, `北京：`): a short
/// paragraph that is a place's name, or `全国`/`我国`, and a colon.
fn heading_place(gaz: &pledge_text::Gazetteer, para: &str, context: Option<usize>) -> Option<usize> {
    let name = para.trim().strip_suffix(['：', ':'])?.trim();
    if name.is_empty() || name.chars().count() > 12 {
        return None;
    }
    match name {
        "全国" | "我国" => gaz.lookup("中国", None),
        _ => gaz.lookup(name, context).or_else(|| {
            gaz.mention_at_start(name, context)
                .filter(|m| m.end == name.len())
                .map(|m| m.place)
        }),
    }
}

/// The facts of a document split into `articles`, with the shared extractor.
pub fn extract_document(doc: &Document, articles: &[Article], opts: &Options) -> Vec<Fact> {
    Extractor::global().document(doc, articles, opts)
}

/// The facts of a text, with the shared extractor (spans are byte offsets in `text`).
pub fn extract_text(text: &str, opts: &Options) -> Vec<Fact> {
    Extractor::global().text(text, opts)
}
