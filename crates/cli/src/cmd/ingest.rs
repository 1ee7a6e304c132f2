//! `pledge ingest DOC… [--date YYYY-MM-DD]`: segment, extract and store facts as pending,
//! matched to regions and indicators.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use pledge_model::Fact;
use pledge_store::queue::Outcome;
use pledge_store::{DocumentId, DocumentKind, NewDocument, NewFact, Store};

/// The kind of a document, when the command line says it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    /// A plan text.
    Plan,
    /// A newspaper page or news article.
    News,
    /// A statistical bulletin.
    Bulletin,
    /// A web page.
    Web,
    /// Anything else.
    Other,
}

/// Arguments of `pledge ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents to read (any encoding pledge reads).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The documents' date (resolves 今年/去年/明年).
    #[arg(long)]
    pub date: Option<String>,
    /// What the documents are (guessed from their text when absent).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Where the documents were published.
    #[arg(long, default_value = "")]
    pub url: String,
    /// Accept by themselves the facts nothing holds for a person (a region, a due year,
    /// a confident library match, a plausible value, no conflict); the rest wait in the
    /// review queue.
    #[arg(long)]
    pub accept_confident: bool,
}

/// What ingesting one document did.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The document's id.
    pub document: DocumentId,
    /// Whether it was new (an identical document is stored once).
    pub created: bool,
    /// Facts stored as pending.
    pub facts: usize,
    /// Of these, how many matched an indicator of the library.
    pub matched: usize,
}

/// Counts what [`pledge_store::queue::accept_ready`] did (targets, observations, held),
/// printing to stderr after `who: ` how many facts wait for review and why.
pub fn tally(outcomes: &[(pledge_store::FactId, Outcome)], who: &str) -> (usize, usize, usize) {
    let (mut targets, mut observations, mut held) = (0, 0, 0);
    let mut why: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (_, outcome) in outcomes {
        match outcome {
            Outcome::Accepted(pledge_store::Accepted::Target(_)) => targets += 1,
            Outcome::Accepted(pledge_store::Accepted::Observation(_)) => observations += 1,
            Outcome::Held(reasons) => {
                held += 1;
                for r in reasons {
                    *why.entry(r.code()).or_default() += 1;
                }
            }
        }
    }
    if held > 0 {
        let why: Vec<String> = why.iter().map(|(code, n)| format!("{code} {n}")).collect();
        eprintln!("{who}: {held} facts wait for review ({})", why.join(", "));
    }
    (targets, observations, held)
}

/// Ingests every file; one progress bar over the files.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_store(db)?;
    let bar = super::progress_bar(args.files.len() as u64, "ingesting");
    let mut lines = Vec::new();
    let mut empty = 0;
    for file in &args.files {
        let bytes = super::read_bytes(file)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            // An empty file is no document: storing it would list a document with no text.
            eprintln!("{}: the file is empty; nothing ingested from it", file.display());
            empty += 1;
            bar.inc(1);
            continue;
        }
        let kind = args.kind.map(to_kind);
        let r = ingest(store.as_ref(), &bytes, file, args.date.as_deref(), kind, &args.url)?;
        let accepted = if args.accept_confident && r.created {
            let facts = store.facts(&pledge_store::FactFilter {
                document: Some(r.document),
                review: Some(pledge_store::Review::Pending),
            })?;
            let outcomes = pledge_store::queue::accept_ready(store.as_ref(), &facts, |_| None, &super::actor())?;
            let (t, o, _) = tally(&outcomes, "ingest");
            t + o
        } else {
            0
        };
        lines.push(if r.created {
            format!(
                "{}: document {} · {} facts ({} matched an indicator), {accepted} accepted, {} pending",
                file.display(),
                r.document,
                r.facts,
                r.matched,
                r.facts - accepted
            )
        } else {
            format!("{}: already stored as document {}", file.display(), r.document)
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut out = std::io::stdout().lock();
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(if empty == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn to_kind(k: Kind) -> DocumentKind {
    match k {
        Kind::Plan => DocumentKind::Plan,
        Kind::News => DocumentKind::News,
        Kind::Bulletin => DocumentKind::Bulletin,
        Kind::Web => DocumentKind::Web,
        Kind::Other => DocumentKind::Other,
    }
}

/// Reads one document, extracts its facts and stores both (the facts pending review).
pub fn ingest(
    store: &dyn Store,
    bytes: &[u8],
    path: &Path,
    date: Option<&str>,
    kind: Option<DocumentKind>,
    url: &str,
) -> anyhow::Result<Ingested> {
    let name = path
        .file_name()
        .map_or_else(|| "stdin".into(), |n| n.to_string_lossy().into_owned());
    let stem = path
        .file_stem()
        .map_or_else(|| "stdin".into(), |n| n.to_string_lossy().into_owned());
    let doc = pledge_text::read(bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let articles = pledge_text::segment(&doc);
    let parsed_date = match date {
        Some(d) => Some(d.parse().map_err(|e| anyhow::anyhow!("--date {d:?}: {e}"))?),
        None => None,
    };
    let facts = pledge_extract::extract_document(
        &doc,
        &articles,
        &pledge_extract::Options {
            doc_id: stem,
            date: parsed_date,
            place: None,
        },
    );
    let title = articles
        .iter()
        .map(|a| a.full_headline())
        .find(|h| !h.trim().is_empty())
        .unwrap_or_else(|| name.clone());
    let kind = kind.unwrap_or_else(|| guess_kind(&title, &articles));
    let mut new = NewDocument::from_bytes(bytes, &doc.decoded.text, &name, kind);
    new.title = title;
    new.date = date.map(String::from);
    new.source_url = url.to_string();
    let added = store
        .add_document(&new, &super::actor())
        .context("storing the document")?;
    if !added.created {
        return Ok(Ingested {
            document: added.id,
            created: false,
            facts: 0,
            matched: 0,
        });
    }
    let library = store.indicator_library()?;
    let mut news = Vec::with_capacity(facts.len());
    let mut matched = 0;
    for mut fact in facts {
        // Spans index the stored (decoded) text.
        fact.span = [
            doc.decoded.decoded_offset(fact.span[0]),
            doc.decoded.decoded_offset(fact.span[1]),
        ];
        let article_place = articles.get(fact.article).and_then(|a| a.scope.clone());
        let region = store
            .find_region(&fact.scope, None)?
            .or(match &article_place {
                Some(p) => store.find_region(p, None)?,
                None => None,
            })
            .map(|r| r.id);
        // A daily amount whose unit lost its `/日` (`日处理污水能力151万吨`) is one per day,
        // as facts.md writes it, so that it meets the per-day indicator.
        if let Some(unit) = pledge_indicators::units::per_day(&fact.indicator, &fact.unit) {
            fact.unit = unit.into();
        }
        let indicator = match_indicator(&library, &fact);
        matched += usize::from(indicator.is_some());
        news.push(NewFact {
            fact,
            region,
            indicator,
        });
    }
    store
        .add_facts(added.id, &news, &super::actor())
        .context("storing the facts")?;
    Ok(Ingested {
        document: added.id,
        created: true,
        facts: news.len(),
        matched,
    })
}

fn guess_kind(title: &str, articles: &[pledge_text::Article]) -> DocumentKind {
    if articles.iter().any(|a| !a.reporters.is_empty() || a.dateline.is_some()) {
        DocumentKind::News
    } else if title.contains("公报") {
        DocumentKind::Bulletin
    } else if ["规划", "方案", "计划", "纲要", "意见"]
        .iter()
        .any(|k| title.contains(k))
    {
        DocumentKind::Plan
    } else {
        DocumentKind::Other
    }
}

/// The library indicator a fact is about: the matcher's best candidate whose unit agrees
/// in dimension with the fact's ([`pledge_indicators::Library::best`]), however sure; the
/// review queue says how sure ([`pledge_store::queue::match_score`]) and holds the fact
/// for a person unless the match is confident.
pub fn match_indicator(library: &pledge_indicators::Library, fact: &Fact) -> Option<pledge_store::IndicatorId> {
    let query = pledge_indicators::Query::new(&fact.indicator)
        .unit(&fact.unit)
        .measure(fact.measure);
    library.best(&query).map(|m| m.key)
}
