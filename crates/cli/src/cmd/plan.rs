//! `pledge plan`: plans and their targets.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use pledge_store::{NewPlan, PlanId, TargetFilter};

/// Arguments of `pledge plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with plans.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List plans.
    List,
    /// Add a plan.
    Add {
        /// Title (《…》 without the brackets).
        #[arg(long)]
        title: String,
        /// The region it governs.
        #[arg(long)]
        region: String,
        /// Who issued it.
        #[arg(long, default_value = "")]
        issuer: String,
        /// First year of its period.
        #[arg(long)]
        start: Option<i32>,
        /// Last year of its period.
        #[arg(long)]
        end: Option<i32>,
        /// Its baseline year.
        #[arg(long)]
        baseline: Option<i32>,
    },
    /// Show a plan's targets.
    Show {
        /// The plan's id.
        id: PlanId,
    },
}

/// Runs `pledge plan`.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(db)?;
    match args.action {
        Action::List => {
            let mut out = std::io::stdout().lock();
            for p in store.plans()? {
                let period = match (p.period_start, p.period_end) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    _ => "—".into(),
                };
                writeln!(
                    out,
                    "{:>4} 《{}》 {} {} {}",
                    p.id, p.title, p.region_name, p.issuer, period
                )?;
            }
        }
        Action::Add {
            title,
            region,
            issuer,
            start,
            end,
            baseline,
        } => {
            let region_id = store
                .find_region(&region, None)?
                .with_context(|| format!("unknown region {region:?}"))?
                .id;
            let id = store.add_plan(
                &NewPlan {
                    title,
                    issuer,
                    region: region_id,
                    period_start: start,
                    period_end: end,
                    baseline_year: baseline,
                    document: None,
                },
                &super::actor(),
            )?;
            println!("plan {id}");
        }
        Action::Show { id } => {
            let plan = store.plan(id)?.with_context(|| format!("plan {id} does not exist"))?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "《{}》 {} {}", plan.title, plan.region_name, plan.issuer)?;
            for t in store.targets(&TargetFilter {
                plan: Some(id),
                ..TargetFilter::default()
            })? {
                let g = &t.target;
                writeln!(
                    out,
                    "{:>5} {} {} {:?} {} {}{} by {}",
                    t.id,
                    t.region_name,
                    t.indicator_text,
                    g.measure,
                    serde_json::to_value(g.bound)
                        .map(|v| v.as_str().unwrap_or("").to_string())
                        .unwrap_or_default(),
                    g.value,
                    g.unit,
                    g.year
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
