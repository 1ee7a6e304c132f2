//! `pledge demo [--no-serve] [--bind ADDR]`: all of pledge on Jinan's real plan in one
//! command. A fresh database; the Jinan newspaper page ingested and its facts accepted
//! (a plan named in an article becomes that plan, district facts their districts'
//! targets and observations); the real observations and targets of `data/` loaded, each
//! with its source URL and quote; the scoreboard printed; the dashboard served.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use pledge_model::{Bound, Direction, Kind, Measure, Target};
use pledge_store::{
    FactFilter, NewIndicator, NewPlan, NewRegion, NewTarget, ParentRef, PlanId, RegionLevel, Review, Source, Store,
};

/// The Jinan page and the real data, embedded so the demo runs from anywhere.
const PAGE: &[u8] = include_bytes!("../../../../testdata/jinan-page-2023-03.txt");
const PAGE_NAME: &str = "jinan-page-2023-03.txt";
const PAGE_DATE: &str = "2023-03-02";
const OBSERVATIONS: &[u8] = include_bytes!("../../../../data/observations.csv");
/// The Jinan progress documents: file stem, publication date and source URL of each.
const PROGRESS_INDEX: &str = include_str!("../../../../testdata/jinan-progress/index.tsv");
/// The Jinan progress documents' texts, by file stem.
const PROGRESS: &[(&str, &[u8])] = &[
    (
        "01-jinan-kongqi-2022-10",
        include_bytes!("../../../../testdata/jinan-progress/01-jinan-kongqi-2022-10.txt"),
    ),
    (
        "02-jinan-lantian-shisiwu-2025-12",
        include_bytes!("../../../../testdata/jinan-progress/02-jinan-lantian-shisiwu-2025-12.txt"),
    ),
    (
        "03-jinan-jianzhu-jiantan-2025-06",
        include_bytes!("../../../../testdata/jinan-progress/03-jinan-jianzhu-jiantan-2025-06.txt"),
    ),
    (
        "04-jinan-lvsezhizao-2023-08",
        include_bytes!("../../../../testdata/jinan-progress/04-jinan-lvsezhizao-2023-08.txt"),
    ),
    (
        "05-jinan-laji-chuli-2022-12",
        include_bytes!("../../../../testdata/jinan-progress/05-jinan-laji-chuli-2022-12.txt"),
    ),
    (
        "06-jinan-laji-fenlei-2024-05",
        include_bytes!("../../../../testdata/jinan-progress/06-jinan-laji-fenlei-2024-05.txt"),
    ),
    (
        "07-jinan-wufeichengshi-2024-09",
        include_bytes!("../../../../testdata/jinan-progress/07-jinan-wufeichengshi-2024-09.txt"),
    ),
    (
        "08-jinan-lvsedita-shisanwu-2022-07",
        include_bytes!("../../../../testdata/jinan-progress/08-jinan-lvsedita-shisanwu-2022-07.txt"),
    ),
    (
        "09-jinan-huanghe-zhanlue-2021-11",
        include_bytes!("../../../../testdata/jinan-progress/09-jinan-huanghe-zhanlue-2021-11.txt"),
    ),
    (
        "10-jinan-wushui-151wan-2020-06",
        include_bytes!("../../../../testdata/jinan-progress/10-jinan-wushui-151wan-2020-06.txt"),
    ),
    (
        "11-jinan-tongjigongbao-2020",
        include_bytes!("../../../../testdata/jinan-progress/11-jinan-tongjigongbao-2020.txt"),
    ),
    (
        "12-jinan-tongjigongbao-2022",
        include_bytes!("../../../../testdata/jinan-progress/12-jinan-tongjigongbao-2022.txt"),
    ),
    (
        "13-jinan-gdp-2023-quxian",
        include_bytes!("../../../../testdata/jinan-progress/13-jinan-gdp-2023-quxian.txt"),
    ),
    (
        "14-jinan-shisiwu-chengjiu-2025-11",
        include_bytes!("../../../../testdata/jinan-progress/14-jinan-shisiwu-chengjiu-2025-11.txt"),
    ),
    (
        "15-jinan-zhengfubaogao-2026",
        include_bytes!("../../../../testdata/jinan-progress/15-jinan-zhengfubaogao-2026.txt"),
    ),
    (
        "16-qibuqu-lvse-ditan-2024",
        include_bytes!("../../../../testdata/jinan-progress/16-qibuqu-lvse-ditan-2024.txt"),
    ),
    (
        "17-lixia-zhengfubaogao-2024",
        include_bytes!("../../../../testdata/jinan-progress/17-lixia-zhengfubaogao-2024.txt"),
    ),
    (
        "18-laiwu-tongjigongbao-2022",
        include_bytes!("../../../../testdata/jinan-progress/18-laiwu-tongjigongbao-2022.txt"),
    ),
];
const TARGETS: &[u8] = include_bytes!("../../../../data/targets.csv");

/// Arguments of `pledge demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stop after printing the scoreboard.
    #[arg(long)]
    pub no_serve: bool,
    /// Address the dashboard listens on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Delete an SQLite `--db` that holds more than a previous demo.
    #[arg(long)]
    pub force: bool,
}

/// Builds the demo database, prints the scoreboard, serves the dashboard.
pub fn run(args: Args, db: Option<&str>) -> anyhow::Result<ExitCode> {
    let db = db.unwrap_or("pledge-demo.db");
    if !args.force {
        refuse_unless_demo(db)?;
    }
    fresh(db)?;
    let store = super::open_store(db)?;
    refuse_non_empty(store.as_ref(), db)?;
    let actor = "demo";
    // Figures for the Beijing–Tianjin–Hebei area are published as one region.
    store.upsert_regions(
        &[NewRegion::named(
            "京津冀及周边地区",
            RegionLevel::Other,
            Some(ParentRef::Official("中国".into())),
        )],
        actor,
    )?;
    let ingested = super::ingest::ingest(store.as_ref(), PAGE, Path::new(PAGE_NAME), Some(PAGE_DATE), None, "")?;
    let (targets, observations, pending) = accept_page(store.as_ref(), ingested.document, actor)?;
    eprintln!(
        "demo: {PAGE_NAME}: {} facts → {targets} targets, {observations} observations ({pending} left pending)",
        ingested.facts
    );
    register_missing(store.as_ref(), OBSERVATIONS, actor)?;
    let obs_path = write_temp("observations.csv", OBSERVATIONS)?;
    match super::import::import_files(store.as_ref(), std::slice::from_ref(&obs_path), actor)? {
        Ok(s) => eprintln!("demo: data/observations.csv: {} observations imported", s.rows),
        Err(errors) => anyhow::bail!("data/observations.csv refused:\n{}", errors.join("\n")),
    }
    let _ = std::fs::remove_file(&obs_path);
    let n = load_targets(store.as_ref(), TARGETS, actor)?;
    eprintln!("demo: data/targets.csv: {n} targets loaded");
    let (docs, targets, observations, held) = ingest_progress(store.as_ref(), actor)?;
    eprintln!(
        "demo: {docs} Jinan progress documents: {targets} targets and {observations} observations accepted by \
         themselves, {held} facts wait in the review queue"
    );
    let rows = super::assess::scoreboard(store.as_ref(), &super::assess::options_as_of(None))?;
    super::assess::print_table(&mut std::io::stdout().lock(), &rows)?;
    if args.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    // Writing (data entry, uploads, review) needs an account: a demo analyst is made for
    // this run and its password printed, so the demo's forms can be tried at once.
    // PLEDGE_API_TOKEN, when set, works as a bootstrap bearer token besides.
    let options = pledge_web::Options::from_env();
    let password = pledge_web::auth::session::random_secret().expose()[..16].to_owned();
    store.create_user(
        &pledge_store::NewUser::new("demo", pledge_store::Role::Analyst),
        &password,
        actor,
    )?;
    eprintln!(
        "demo: sign in at http://{}/signin as demo with the password {password} to enter data",
        args.bind
    );
    super::serve::serve(store, args.bind, options)?;
    Ok(ExitCode::SUCCESS)
}

/// Removes an SQLite demo database (and its WAL files) so the demo starts afresh. A
/// PostgreSQL database is never wiped: a server may hold a city's real data, so the demo
/// refuses one that is not empty ([`refuse_non_empty`]) instead.
fn fresh(db: &str) -> anyhow::Result<()> {
    if is_postgres(db) {
        return Ok(());
    }
    let path = db.strip_prefix("sqlite://").unwrap_or(db);
    for suffix in ["", "-wal", "-shm"] {
        let p = format!("{path}{suffix}");
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("{p}: cannot remove the old demo database")),
        }
    }
    Ok(())
}

/// Refuses an existing SQLite database that holds anything but a previous demo, before
/// [`fresh`] deletes it: `pledge demo --db prod.db` must not reset a city's data. A
/// previous demo is one whose accounts are only `demo`, whose documents are only the
/// Jinan page, and whose audit log holds only the demo's own writes (by `demo` and
/// `system`, and the page's ingest).
fn refuse_unless_demo(db: &str) -> anyhow::Result<()> {
    if is_postgres(db) {
        return Ok(());
    }
    let path = db.strip_prefix("sqlite://").unwrap_or(db);
    if !Path::new(path).exists() {
        return Ok(());
    }
    let refuse = |what: String| {
        anyhow::anyhow!(
            "{path}: {what}; pledge demo deletes its database and builds it afresh, so it \
             refuses one that is not a previous demo: pass --force to delete it anyway, or \
             choose another --db"
        )
    };
    let store = pledge_store::open(db).map_err(|e| refuse(format!("is not a pledge database ({e})")))?;
    let users = store.users()?;
    let documents = store.documents()?;
    let foreign = store
        .audit(&pledge_store::AuditFilter::default())?
        .into_iter()
        .filter(|e| {
            !(e.actor == "demo"
                || e.actor == "system"
                || (e.action == "insert" && (e.entity == "documents" || e.entity == "facts")))
        })
        .count();
    let c = store.counts()?;
    if users.iter().any(|u| u.name != "demo") || documents.iter().any(|d| !is_demo_document(&d.name)) || foreign > 0 {
        return Err(refuse(format!(
            "the database holds data that is not the demo's ({} targets, {} observations, {} documents, \
             {} accounts, {foreign} writes by others)",
            c.targets,
            c.observations,
            c.documents,
            users.len()
        )));
    }
    Ok(())
}

fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Refuses a database that already holds documents, plans, targets, observations, facts
/// or accounts (only regions and indicators, which every new database is seeded with, are
/// allowed): on PostgreSQL the demo builds into an empty database or not at all.
fn refuse_non_empty(store: &dyn Store, db: &str) -> anyhow::Result<()> {
    let c = store.counts()?;
    let held = c.documents + c.plans + c.targets + c.observations + c.facts + c.imports;
    let users = store.users()?.len();
    if held > 0 || users > 0 {
        anyhow::bail!(
            "{}: the database is not empty ({} targets, {} observations, {} documents, {users} accounts); \
             the demo builds only into an empty database and never deletes data on a server: \
             create an empty one (createdb pledge_demo) and pass it with --db",
            pledge_store_mask(db),
            c.targets,
            c.observations,
            c.documents
        );
    }
    Ok(())
}

/// A database URL with any password masked, for messages.
fn pledge_store_mask(db: &str) -> String {
    match (db.find("://"), db.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &db[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &db[..scheme + 3], &db[at..]),
                None => db.to_owned(),
            }
        }
        _ => db.to_owned(),
    }
}

fn write_temp(name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let path = std::env::temp_dir().join(format!("pledge-demo-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(path)
}

/// A plan an article announces: `…印发《济南市“十四五”节能减排工作实施方案》`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMention {
    /// The title inside 《》.
    pub title: String,
    /// Who issued it (the words before 印发/发布), if said.
    pub issuer: String,
    /// Period from “十四五”/“十三五” in the title.
    pub period: Option<(i32, i32)>,
}

/// Finds the first plan document an article names: a title in 《》 that ends like a
/// plan (方案, 规划, 计划, 纲要, 意见, 行动).
pub fn plan_mention(text: &str) -> Option<PlanMention> {
    let mut rest = text;
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let close = after.find('》')?;
        let title = &after[..close];
        if ["方案", "规划", "计划", "纲要", "意见", "行动"]
            .iter()
            .any(|k| title.ends_with(k))
        {
            let before = &rest[..open];
            let issuer = ["印发", "发布", "出台"]
                .iter()
                .find_map(|verb| before.strip_suffix(verb))
                .map(|b| {
                    let start = b
                        .rfind(['，', '。', '；', '：', '\n'])
                        .map_or(0, |i| i + b[i..].chars().next().map_or(1, char::len_utf8));
                    b[start..]
                        .trim_start_matches("近日")
                        .trim_start_matches('，')
                        .to_string()
                })
                .unwrap_or_default();
            let period = if title.contains("十四五") {
                Some((2021, 2025))
            } else if title.contains("十三五") {
                Some((2016, 2020))
            } else if title.contains("十五五") {
                Some((2026, 2030))
            } else {
                None
            };
            return Some(PlanMention {
                title: title.to_string(),
                issuer,
                period,
            });
        }
        rest = &after[close..];
    }
    None
}

/// Accepts the page's facts that nothing holds for a person
/// ([`pledge_store::queue::accept_ready`]): each article that names a plan gets it, and
/// that article's targets belong to the plan; other facts become their places' targets
/// and observations. The rest wait in the review queue with their reasons.
fn accept_page(
    store: &dyn Store,
    document: pledge_store::DocumentId,
    actor: &str,
) -> anyhow::Result<(usize, usize, usize)> {
    let doc = pledge_text::read(PAGE)?;
    let articles = pledge_text::segment(&doc);
    let mut plans: Vec<Option<PlanId>> = Vec::with_capacity(articles.len());
    for a in &articles {
        let text = format!("{}\n{}", a.full_headline(), a.body);
        let plan = match (plan_mention(&text), &a.scope) {
            (Some(m), Some(scope)) => {
                let region = store
                    .find_region(scope, None)?
                    .with_context(|| format!("region {scope} unknown"))?;
                Some(store.add_plan(
                    &NewPlan {
                        title: m.title,
                        issuer: m.issuer,
                        region: region.id,
                        period_start: m.period.map(|p| p.0),
                        period_end: m.period.map(|p| p.1),
                        baseline_year: m.period.map(|p| p.0 - 1),
                        document: Some(document),
                    },
                    actor,
                )?)
            }
            _ => None,
        };
        plans.push(plan);
    }
    let facts = store.facts(&FactFilter {
        document: Some(document),
        review: Some(Review::Pending),
    })?;
    let outcomes =
        pledge_store::queue::accept_ready(store, &facts, |r| plans.get(r.fact.article).copied().flatten(), actor)?;
    Ok(super::ingest::tally(&outcomes, "demo"))
}

/// Ingests the Jinan progress documents (`testdata/jinan-progress`, each with its date
/// and source URL) like the page, and accepts by themselves the actual figures of Jinan
/// and its districts that nothing holds for a person ([`pledge_store::queue::accept_ready`]); returns the documents
/// read and the targets, observations and held facts (the commitments they mention
/// among them).
fn ingest_progress(store: &dyn Store, actor: &str) -> anyhow::Result<(usize, usize, usize, usize)> {
    let mut totals = (0, 0, 0, 0);
    let jinan = store
        .find_region("济南市", None)?
        .context("the region 济南市 is not loaded")?
        .id;
    for line in PROGRESS_INDEX
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut fields = line.split('\t');
        let (stem, date, url) = (fields.next().unwrap_or(""), fields.next(), fields.next().unwrap_or(""));
        let bytes = PROGRESS
            .iter()
            .find(|(s, _)| *s == stem)
            .with_context(|| format!("index.tsv names {stem}, which the demo does not hold"))?
            .1;
        let name = format!("{stem}.txt");
        let ingested = super::ingest::ingest(store, bytes, Path::new(&name), date, None, url)?;
        // Progress documents report figures; a commitment one of them mentions is no
        // plan's target until a person says so, so only actual figures are accepted.
        // A figure they give for a place beyond Jinan (山东省, 中国) is more often a
        // misread scope (a site's or a title's province) than that place's figure, so it
        // waits for a person too.
        let (mut commitments, mut beyond) = (0, 0);
        let mut actuals = Vec::new();
        for f in store.facts(&FactFilter {
            document: Some(ingested.document),
            review: Some(Review::Pending),
        })? {
            if f.fact.kind != Kind::Actual {
                commitments += 1;
            } else if f.region.is_some() && !within(store, f.region, jinan)? {
                beyond += 1;
            } else {
                actuals.push(f);
            }
        }
        if beyond > 0 {
            eprintln!("{name}: {beyond} figures for places beyond Jinan wait for a person (is the scope misread?)");
        }
        let held = commitments + beyond;
        let outcomes = pledge_store::queue::accept_ready(store, &actuals, |_| None, actor)?;
        let (t, o, h) = super::ingest::tally(&outcomes, &name);
        let h = h + held;
        totals = (totals.0 + 1, totals.1 + t, totals.2 + o, totals.3 + h);
    }
    Ok(totals)
}

/// Whether `region` is `place` or lies within it.
fn within(
    store: &dyn Store,
    region: Option<pledge_store::RegionId>,
    place: pledge_store::RegionId,
) -> anyhow::Result<bool> {
    Ok(match region {
        None => false,
        Some(r) if r == place => true,
        Some(r) => store.region_ancestors(r)?.iter().any(|a| a.id == place),
    })
}

/// Whether a document name is one the demo ingests.
fn is_demo_document(name: &str) -> bool {
    name == PAGE_NAME || PROGRESS.iter().any(|(stem, _)| name.strip_suffix(".txt") == Some(stem))
}

/// Adds the regions and indicators a data file names that the library lacks, so the
/// demo's real data imports (an office would register them once, by hand).
fn register_missing(store: &dyn Store, csv: &[u8], actor: &str) -> anyhow::Result<()> {
    let rows = pledge_sheets::read_observations("observations.csv", csv, &pledge_sheets::PermissiveRegistry)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut added: Vec<NewIndicator> = Vec::new();
    for row in &rows {
        if store.find_indicator(&row.indicator)?.is_some() || added.iter().any(|i| i.name == row.indicator) {
            continue;
        }
        let unit = rows
            .iter()
            .find(|r| r.indicator == row.indicator && r.measure == Measure::Level)
            .map(|r| r.unit.clone())
            .unwrap_or_default();
        added.push(NewIndicator {
            name: row.indicator.clone(),
            aliases: Vec::new(),
            unit,
            desirability: None,
            category: super::review::guess_category(&row.indicator),
            description: String::new(),
        });
    }
    if !added.is_empty() {
        store.upsert_indicators(&added, actor)?;
    }
    Ok(())
}

/// Loads `data/targets.csv` (the fact fields, with source URL and quote) as targets.
fn load_targets(store: &dyn Store, csv: &[u8], actor: &str) -> anyhow::Result<usize> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("targets.csv: no column {name}"))
    };
    let (region, indicator, year, value, unit, bound, measure, direction, baseline, url, quote, note) = (
        col("region")?,
        col("indicator")?,
        col("year")?,
        col("value")?,
        col("unit")?,
        col("bound")?,
        col("measure")?,
        col("direction")?,
        col("baseline_year")?,
        col("source_url")?,
        col("quote")?,
        col("note")?,
    );
    let mut n = 0;
    for (i, rec) in reader.records().enumerate() {
        let rec = rec?;
        let row = i + 2;
        let field = |c: usize| rec.get(c).unwrap_or("").trim();
        let r = store
            .find_region(field(region), None)?
            .with_context(|| format!("targets.csv row {row}: unknown region"))?;
        let ind = match store.find_indicator(field(indicator))? {
            Some(ind) => ind.id,
            None => {
                let fact_like = pledge_model::Fact {
                    doc: "".into(),
                    article: 0,
                    kind: Kind::Target,
                    scope: "".into(),
                    indicator: field(indicator).into(),
                    year: None,
                    period: None,
                    baseline_year: None,
                    measure: parse_measure(field(measure)),
                    direction: None,
                    bound: Bound::Eq,
                    value: 0.0,
                    value_max: None,
                    unit: field(unit).into(),
                    quote: String::new(),
                    span: [0, 0],
                };
                super::review::add_indicator(store, &fact_like, actor)?
            }
        };
        let num = |c: usize, what: &str| -> anyhow::Result<f64> {
            field(c)
                .parse()
                .with_context(|| format!("targets.csv row {row}, column {what}: not a number"))
        };
        let target = Target {
            measure: parse_measure(field(measure)),
            direction: match field(direction) {
                "up" => Some(Direction::Up),
                "down" => Some(Direction::Down),
                _ => None,
            },
            bound: match field(bound) {
                ">=" => Bound::Ge,
                "<=" => Bound::Le,
                "~" => Bound::About,
                _ => Bound::Eq,
            },
            value: num(value, "value")?,
            value_max: None,
            unit: field(unit).into(),
            year: num(year, "year")? as i32,
            baseline_year: field(baseline).parse().ok(),
            aspiration: field(quote).contains("力争") || field(quote).contains("力爭"),
        };
        let mut new = NewTarget::new(r.id, ind, target, Source::url(field(url), field(quote)));
        new.indicator_text = field(indicator).into();
        new.note = field(note).into();
        store.add_target(&new, actor)?;
        n += 1;
    }
    Ok(n)
}

fn parse_measure(s: &str) -> Measure {
    match s {
        "change" => Measure::Change,
        "increment" => Measure::Increment,
        _ => Measure::Level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_mentions_are_found_with_issuer_and_period() {
        let m =
            plan_mention("近日，青岛市人民政府办公厅印发《青岛市“十四五”生态环境保护规划》，提出到2025年…").unwrap();
        assert_eq!(m.title, "青岛市“十四五”生态环境保护规划");
        assert_eq!(m.issuer, "青岛市人民政府办公厅");
        assert_eq!(m.period, Some((2021, 2025)));
        assert!(plan_mention("他在《人民日报》发表文章").is_none());
    }
}
