//! `pledge export --what facts|targets|observations|scoreboard --format json|csv|xlsx --out FILE`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use pledge_sheets::Format;
use pledge_store::{FactFilter, ObservationFilter, Store, TargetFilter};
use serde_json::{Value, json};

/// What to export.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Every extracted fact with its review state.
    Facts,
    /// Every target.
    Targets,
    /// Every current observation.
    Observations,
    /// The assessed scoreboard.
    Scoreboard,
}

/// Arguments of `pledge export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to export.
    #[arg(long, value_enum)]
    pub what: What,
    /// `json` (one array of objects), `csv` (UTF-8 with BOM) or `xlsx`.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Writes the export.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let format = Format::parse(&args.format)
        .with_context(|| format!("--format {:?}: expected json, csv or xlsx", args.format))?;
    let store = super::open_store(db)?;
    let (columns, rows) = table(store.as_ref(), args.what)?;
    let bytes = pledge_sheets::write_table(format, &columns, &rows);
    std::fs::write(&args.out, bytes).with_context(|| format!("{}: cannot write", args.out.display()))?;
    println!("{}: {} rows", args.out.display(), rows.len());
    Ok(ExitCode::SUCCESS)
}

/// The columns and rows of one export.
pub fn table(store: &dyn Store, what: What) -> anyhow::Result<(Vec<&'static str>, Vec<Vec<Value>>)> {
    Ok(match what {
        What::Facts => {
            let cols = vec![
                "id",
                "document",
                "article",
                "kind",
                "scope",
                "indicator",
                "year",
                "period",
                "baseline_year",
                "measure",
                "direction",
                "bound",
                "value",
                "value_max",
                "unit",
                "quote",
                "span_start",
                "span_end",
                "review",
                "target_id",
                "observation_id",
            ];
            let rows = store
                .facts(&FactFilter::default())?
                .into_iter()
                .map(|r| {
                    let f = &r.fact;
                    vec![
                        json!(r.id),
                        json!(r.document),
                        json!(f.article),
                        json!(f.kind),
                        json!(f.scope),
                        json!(f.indicator),
                        json!(f.year),
                        json!(f.period),
                        json!(f.baseline_year),
                        json!(f.measure),
                        json!(f.direction),
                        json!(f.bound),
                        json!(f.value),
                        json!(f.value_max),
                        json!(f.unit),
                        json!(f.quote),
                        json!(f.span[0]),
                        json!(f.span[1]),
                        json!(r.review.as_str()),
                        json!(r.target_id),
                        json!(r.observation_id),
                    ]
                })
                .collect();
            (cols, rows)
        }
        What::Targets => {
            let cols = vec![
                "id",
                "plan",
                "region",
                "indicator",
                "indicator_text",
                "measure",
                "direction",
                "bound",
                "value",
                "value_max",
                "unit",
                "year",
                "baseline_year",
                "binding",
                "lead_departments",
                "source_url",
                "quote",
            ];
            let rows = store
                .targets(&TargetFilter::default())?
                .into_iter()
                .map(|t| {
                    let g = &t.target;
                    vec![
                        json!(t.id),
                        json!(t.plan_title),
                        json!(t.region_name),
                        json!(t.indicator_name),
                        json!(t.indicator_text),
                        json!(g.measure),
                        json!(g.direction),
                        json!(g.bound),
                        json!(g.value),
                        json!(g.value_max),
                        json!(g.unit),
                        json!(g.year),
                        json!(g.baseline_year),
                        json!(t.binding.as_str()),
                        json!(t.lead_departments.join("、")),
                        json!(t.source.url),
                        json!(t.source.quote),
                    ]
                })
                .collect();
            (cols, rows)
        }
        What::Observations => {
            let cols = vec![
                "id",
                "region",
                "indicator",
                "year",
                "period",
                "value",
                "unit",
                "measure",
                "baseline_year",
                "note",
                "source_url",
                "quote",
                "reporter",
                "recorded_at",
                "revision",
            ];
            let rows = store
                .observations(&ObservationFilter::default())?
                .into_iter()
                .map(|o| {
                    let v = &o.observation;
                    vec![
                        json!(o.id),
                        json!(o.region_name),
                        json!(o.indicator_name),
                        json!(v.year),
                        json!(v.period),
                        json!(v.value),
                        json!(v.unit),
                        json!(v.measure),
                        json!(v.baseline_year),
                        json!(o.note),
                        json!(o.source.url),
                        json!(o.source.quote),
                        json!(o.reporter),
                        json!(o.recorded_at),
                        json!(o.revision),
                    ]
                })
                .collect();
            (cols, rows)
        }
        What::Scoreboard => {
            let cols = super::assess::SCOREBOARD_COLUMNS.to_vec();
            let rows = super::assess::scoreboard(store)?
                .iter()
                .map(|r| cols.iter().map(|c| r.get(*c).cloned().unwrap_or(Value::Null)).collect())
                .collect();
            (cols, rows)
        }
    })
}
