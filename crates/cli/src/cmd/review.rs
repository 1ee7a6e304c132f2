//! `pledge review`: list extracted facts, accept them (as targets or observations) or
//! reject them.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use pledge_model::{Fact, Kind, Measure};
use pledge_store::{
    Acceptance, Accepted, Category, DocumentId, FactFilter, FactId, FactRecord, NewIndicator, PlanId, Review, Store,
};

/// Arguments of `pledge review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with facts.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List facts (pending ones unless `--state` says otherwise).
    List {
        /// Only facts of this document.
        #[arg(long)]
        doc: Option<DocumentId>,
        /// pending, accepted or rejected.
        #[arg(long, default_value = "pending")]
        state: String,
    },
    /// Accept facts: a target fact becomes a target, an actual one an observation.
    Accept {
        /// Fact ids.
        ids: Vec<FactId>,
        /// Every pending fact (of `--doc` if given).
        #[arg(long)]
        all: bool,
        /// Only facts of this document (with `--all`).
        #[arg(long)]
        doc: Option<DocumentId>,
        /// The plan accepted targets belong to.
        #[arg(long)]
        plan: Option<PlanId>,
        /// Add a fact's indicator to the library when it matched none.
        #[arg(long)]
        new_indicators: bool,
    },
    /// Reject facts.
    Reject {
        /// Fact ids.
        #[arg(required = true)]
        ids: Vec<FactId>,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
    },
}

/// Runs `pledge review`.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(db)?;
    let actor = super::actor();
    match args.action {
        Action::List { doc, state } => {
            // Written with `?`, so that a closed pipe (`| head`) ends the listing quietly.
            let mut out = std::io::stdout().lock();
            let review =
                Review::parse(&state).with_context(|| format!("--state {state:?}: pending, accepted or rejected"))?;
            if review == Review::Pending {
                let filter = pledge_store::queue::QueueFilter {
                    document: doc,
                    reason: None,
                };
                for item in pledge_store::queue::pending(store.as_ref(), &filter)? {
                    writeln!(out, "{}", describe(&item.fact))?;
                    writeln!(out, "      {}", why(&item))?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            for r in store.facts(&FactFilter {
                document: doc,
                review: Some(review),
            })? {
                writeln!(out, "{}", describe(&r))?;
            }
        }
        Action::Accept {
            ids,
            all,
            doc,
            plan,
            new_indicators,
        } => {
            let ids = if all {
                store
                    .facts(&FactFilter {
                        document: doc,
                        review: Some(Review::Pending),
                    })?
                    .into_iter()
                    .map(|r| r.id)
                    .collect()
            } else {
                ids
            };
            let mut records = Vec::with_capacity(ids.len());
            for id in ids {
                records.push(store.fact(id)?.with_context(|| format!("fact {id} does not exist"))?);
            }
            let summary = accept_batch(store.as_ref(), &records, |_| plan, new_indicators, &actor)?;
            for (id, accepted) in &summary.accepted {
                match accepted {
                    Accepted::Target(t) => println!("fact {id} → target {t}"),
                    Accepted::Observation(o) => println!("fact {id} → observation {o}"),
                }
            }
            for (id, why) in &summary.left {
                eprintln!("fact {id} left pending: {why}");
            }
            if !summary.left.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Action::Reject { ids, note } => {
            for id in ids {
                store
                    .reject_fact(id, &note, &actor)
                    .with_context(|| format!("rejecting fact {id}"))?;
                println!("fact {id} rejected");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line about a fact, for people.
pub fn describe(r: &FactRecord) -> String {
    let f = &r.fact;
    format!(
        "{:>5} {:<8} {:?} {} {} {} {:?} {} {}{}  «{}»",
        r.id,
        r.review.as_str(),
        f.kind,
        f.scope,
        f.indicator,
        f.year.map_or("—".into(), |y| y.to_string()),
        f.measure,
        serde_json::to_value(f.bound)
            .map(|v| v.as_str().unwrap_or("").to_string())
            .unwrap_or_default(),
        f.value,
        f.unit,
        f.quote
    )
}

/// Why a pending fact waits, and its sentence, in one line.
pub fn why(item: &pledge_store::queue::QueueItem) -> String {
    use pledge_store::queue::Reason;
    let reasons: Vec<String> = item
        .reasons
        .iter()
        .map(|r| match r {
            Reason::Conflict { conflict, .. } => format!(
                "conflict with {:?} {} ({} {})",
                conflict.with, conflict.id, conflict.value, conflict.unit
            ),
            Reason::LowConfidence { indicator, score } => format!("low_confidence {indicator} {score:.2}"),
            other => other.code().to_owned(),
        })
        .collect();
    let c = &item.context;
    format!(
        "[{}] {}【{}】{}",
        if reasons.is_empty() {
            "ready".to_owned()
        } else {
            reasons.join("; ")
        },
        c.before,
        c.quote,
        c.after
    )
}

/// What a batch of acceptances did.
#[derive(Debug, Default)]
pub struct BatchSummary {
    /// Facts accepted, with what they became.
    pub accepted: Vec<(FactId, Accepted)>,
    /// Facts left pending, with why.
    pub left: Vec<(FactId, String)>,
}

/// Accepts facts in order. Two actual facts that give one series (region, indicator,
/// year, period, measure, baseline) different values in the same batch contradict each
/// other: the later one is left pending for a person to decide, rather than silently
/// becoming a correction of the first.
pub fn accept_batch(
    store: &dyn Store,
    records: &[FactRecord],
    plan_of: impl Fn(&FactRecord) -> Option<PlanId>,
    new_indicators: bool,
    actor: &str,
) -> anyhow::Result<BatchSummary> {
    type SeriesKey = (Option<i64>, i64, Option<i32>, Option<String>, String, Option<i32>);
    let mut seen: std::collections::HashMap<SeriesKey, (FactId, f64)> = std::collections::HashMap::new();
    let mut out = BatchSummary::default();
    for record in records {
        let f = &record.fact;
        if f.kind == Kind::Target && f.year.is_none() {
            out.left
                .push((record.id, "a target without a due year cannot be assessed".into()));
            continue;
        }
        let indicator = match record.indicator {
            Some(i) => Some(i),
            None if new_indicators => Some(add_indicator(store, f, actor)?),
            None => None,
        };
        if f.kind == Kind::Actual {
            if let Some(ind) = indicator {
                let key = (
                    record.region,
                    ind,
                    f.year,
                    f.period.clone(),
                    format!("{:?}", f.measure),
                    f.baseline_year,
                );
                match seen.get(&key) {
                    Some(&(other, value)) if value != f.value => {
                        out.left.push((
                            record.id,
                            format!("contradicts fact {other} ({value} for the same series)"),
                        ));
                        continue;
                    }
                    _ => {
                        seen.insert(key, (record.id, f.value));
                    }
                }
            }
        }
        let how = Acceptance {
            plan: if f.kind == Kind::Target { plan_of(record) } else { None },
            indicator,
            ..Acceptance::default()
        };
        match store.accept_fact(record.id, &how, actor) {
            Ok(a) => out.accepted.push((record.id, a)),
            Err(e) => out.left.push((record.id, e.to_string())),
        }
    }
    Ok(out)
}

/// Adds a fact's indicator wording to the library (or finds it if already there).
pub fn add_indicator(store: &dyn Store, fact: &Fact, actor: &str) -> anyhow::Result<pledge_store::IndicatorId> {
    let name: String = fact.indicator.split_whitespace().collect();
    if let Some(i) = store.find_indicator(&name)? {
        return Ok(i.id);
    }
    let unit = if fact.measure == Measure::Change && &*fact.unit == "%" {
        String::new()
    } else {
        fact.unit.to_string()
    };
    let new = NewIndicator {
        name: name.clone(),
        aliases: Vec::new(),
        unit,
        desirability: None,
        category: guess_category(&name),
        description: String::new(),
    };
    store.upsert_indicators(&[new], actor)?;
    Ok(store
        .find_indicator(&name)?
        .with_context(|| format!("indicator {name} was not stored"))?
        .id)
}

/// A category from the words of an indicator's name.
pub fn guess_category(name: &str) -> Category {
    Category::guess(name)
}
