//! `pledge assess`: batch assessment of JSON Lines (`--input`), or the database scoreboard.

use std::collections::HashMap;
use std::io::{BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use pledge_store::{Store, TargetFilter};
use serde_json::{Map, Value, json};

/// Arguments of `pledge assess`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Assess the targets of a JSON Lines file (`-` = standard input), one result per line
    /// on standard output (`spec/assess-io.md`); without it, print the database scoreboard.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// The database scoreboard as JSON (one array of rows) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Assess the database scoreboard as of this day (YYYY-MM-DD; default today): later
    /// figures are left out, unreported targets past their publication lag are OVERDUE,
    /// verdicts on old figures are stale. Batch lines carry their own `options.as_of`.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_of: Option<pledge_assess::Date>,
}

/// Reads a `--as-of` day (clap names the flag in its error).
pub fn parse_day(text: &str) -> Result<pledge_assess::Date, String> {
    pledge_assess::Date::parse(text).ok_or_else(|| format!("expected a date YYYY-MM-DD, got {text:?}"))
}

/// The assessment options of the database scoreboard: as of `day`, else today.
pub fn options_as_of(day: Option<pledge_assess::Date>) -> pledge_assess::Options {
    pledge_assess::Options {
        as_of: Some(day.unwrap_or_else(pledge_web::today)),
        ..pledge_assess::Options::default()
    }
}

/// Runs `pledge assess`: exit status 1 when any input line was answered with an error.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let Some(input) = args.input else {
        let store = super::open_existing_store(db)?;
        let mut out = std::io::stdout().lock();
        let options = options_as_of(args.as_of);
        if args.json {
            // The rows of `GET /api/scoreboard`, worst first.
            let rows = pledge_web::views::scoreboard::build(store.as_ref(), &options)?;
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        } else {
            print_table(&mut out, &scoreboard(store.as_ref(), &options)?)?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let summary = if input.as_os_str() == "-" {
        let stdin = std::io::stdin();
        pledge_assess::batch::run(stdin.lock(), &mut out)
    } else {
        let file = std::fs::File::open(&input).with_context(|| format!("{}: cannot open", input.display()))?;
        pledge_assess::batch::run(BufReader::new(file), &mut out)
    }
    .with_context(|| format!("assessing {}", input.display()))?;
    out.flush().context("writing standard output")?;
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every target of the store assessed with `options`, worst first, as flat rows for the
/// terminal table: the fields of `GET /api/scoreboard` people read, plus where the latest
/// value came from.
pub fn scoreboard(store: &dyn Store, options: &pledge_assess::Options) -> anyhow::Result<Vec<Map<String, Value>>> {
    let rows = pledge_web::views::scoreboard::build(store, options)?;
    let documents: HashMap<i64, String> = store.documents()?.into_iter().map(|d| (d.id, d.name)).collect();
    let describe = |s: &pledge_store::Source| {
        if !s.url.is_empty() {
            s.url.clone()
        } else {
            s.document.and_then(|d| documents.get(&d).cloned()).unwrap_or_default()
        }
    };
    let latest_source: HashMap<i64, (String, String)> = store
        .targets_with_observations(&TargetFilter::default())?
        .into_iter()
        .filter_map(|t| {
            let o = t
                .observations
                .iter()
                .filter(|o| o.observation.period.is_none())
                .max_by_key(|o| o.observation.year)?;
            Some((t.target.id, (describe(&o.source), o.source.quote.clone())))
        })
        .collect();
    Ok(rows
        .iter()
        .map(|r| {
            let a = serde_json::to_value(r).unwrap_or(Value::Null);
            let get = |path: &[&str]| {
                path.iter()
                    .try_fold(&a, |v, k| v.get(k))
                    .cloned()
                    .unwrap_or(Value::Null)
            };
            let (src, quote) = latest_source.get(&r.id).cloned().unwrap_or_default();
            let target_src = describe(&r.source);
            // What people read, written by the web's formatter: 62亿元, ≤42μg/m³, 180万吨/日.
            let zh = pledge_web::i18n::Tr::new(pledge_web::i18n::Lang::Zh);
            let shown_unit = pledge_web::views::scoreboard::display_unit(r);
            let latest_text = r.assessment.as_ref().and_then(|a| a.latest).map(|p| {
                let v = pledge_web::views::scoreboard::display_value(r.assessment.as_ref(), p.value);
                format!(
                    "{} ({})",
                    pledge_web::views::format::value_unit(Some(v), &shown_unit),
                    p.year
                )
            });
            let mut m = Map::new();
            for (k, v) in [
                ("id", json!(r.id)),
                ("indicator", json!(r.indicator)),
                ("region", json!(r.region)),
                ("plan", json!(r.plan)),
                ("year", json!(r.year)),
                ("status", get(&["status"])),
                ("gap", get(&["gap"])),
                ("stale", get(&["stale"])),
                ("as_of", get(&["as_of"])),
                ("light", get(&["light"])),
                ("ndrc_level", get(&["ndrc_level"])),
                ("bound", json!(r.bound)),
                ("target", json!(r.target)),
                ("target_text", json!(pledge_web::views::format::target_text(r, zh))),
                ("latest_text", json!(latest_text)),
                ("unit", json!(r.unit)),
                ("baseline_year", json!(r.baseline_year)),
                ("latest_year", get(&["latest", "year"])),
                ("latest_value", get(&["latest", "value"])),
                ("completion", get(&["completion"])),
                ("time_elapsed", get(&["time_elapsed"])),
                ("progress_index", get(&["progress_index"])),
                ("forecast_value", get(&["forecast", "value"])),
                ("explanation_zh", get(&["explanation", "zh"])),
                ("explanation_en", get(&["explanation", "en"])),
                ("target_source", json!(target_src)),
                ("target_quote", json!(r.source.quote)),
                ("latest_source", json!(src)),
                ("latest_quote", json!(quote)),
            ] {
                m.insert(k.to_string(), v);
            }
            m
        })
        .collect())
}

fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => {
            let f = n.as_f64().unwrap_or(0.0);
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", f as i64)
            } else {
                format!("{:.4}", f).trim_end_matches('0').to_string()
            }
        }
        Some(other) => other.to_string(),
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    if w > width {
        let mut out = String::new();
        let mut used = 0;
        for c in s.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw + 1 > width {
                out.push('…');
                used += 1;
                break;
            }
            out.push(c);
            used += cw;
        }
        return out + &" ".repeat(width.saturating_sub(used));
    }
    format!("{s}{}", " ".repeat(width - w))
}

/// Prints the scoreboard as a table with coloured lights (when standard output is a
/// terminal), then a summary line.
pub fn print_table(out: &mut impl Write, rows: &[Map<String, Value>]) -> std::io::Result<()> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let light = |l: &str| {
        let (code, dot) = match l {
            "green" => ("32", "●"),
            "yellow" => ("33", "●"),
            "orange" => ("38;5;208", "●"),
            "red" => ("31", "●"),
            _ => ("90", "○"),
        };
        if color {
            format!("\x1b[{code}m{dot}\x1b[0m {}", pad(l, 6))
        } else {
            format!("{dot} {}", pad(l, 6))
        }
    };
    if let Some(day) = rows.iter().find_map(|r| r.get("as_of").and_then(Value::as_str)) {
        writeln!(out, "数据截至 as of {day}")?;
    }
    writeln!(
        out,
        "{} {} {} {} {} {} {} {} {} source",
        pad("light", 8),
        pad("预警", 4),
        pad("status", 18),
        pad("gap", 14),
        pad("region", 10),
        pad("indicator", 30),
        pad("year", 4),
        pad("target", 22),
        pad("latest", 18),
    )?;
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut gaps: HashMap<String, usize> = HashMap::new();
    let mut levels: HashMap<String, usize> = HashMap::new();
    for r in rows {
        // The 预警 level (一级/二级/三级), `—` for none (no verdict, or stale figures).
        let level = text(r.get("ndrc_level"));
        if level != "—" {
            *levels.entry(level.clone()).or_default() += 1;
        }
        let status = text(r.get("status"));
        *counts.entry(status.clone()).or_default() += 1;
        // The named gap of a target without a verdict, or `stale` for a verdict on old figures.
        let gap = match (r.get("gap").and_then(Value::as_str), r.get("stale")) {
            (Some(g), _) => g.to_owned(),
            (None, Some(Value::Bool(true))) => "stale".to_owned(),
            _ => String::new(),
        };
        if !gap.is_empty() {
            *gaps.entry(gap.clone()).or_default() += 1;
        }
        let target = text(r.get("target_text"));
        let latest = text(r.get("latest_text"));
        let source = match text(r.get("latest_source")).as_str() {
            "—" | "" => text(r.get("target_source")),
            s => s.to_string(),
        };
        writeln!(
            out,
            "{} {} {} {} {} {} {} {} {} {}",
            light(&text(r.get("light"))),
            pad(&level, 4),
            pad(&status, 18),
            pad(&gap, 14),
            pad(&text(r.get("region")), 10),
            pad(&text(r.get("indicator")), 30),
            pad(&text(r.get("year")), 4),
            pad(&target, 22),
            pad(&latest, 18),
            source
        )?;
    }
    let mut summary: Vec<(String, usize)> = counts.into_iter().collect();
    summary.sort();
    let summary: Vec<String> = summary.into_iter().map(|(s, n)| format!("{s} {n}")).collect();
    let mut gaps: Vec<(String, usize)> = gaps.into_iter().collect();
    gaps.sort();
    let gaps: Vec<String> = gaps.into_iter().map(|(g, n)| format!("{g} {n}")).collect();
    let mut line = format!("{} targets: {}", rows.len(), summary.join(" · "));
    if !gaps.is_empty() {
        line.push_str(&format!("; gaps: {}", gaps.join(" · ")));
    }
    if !levels.is_empty() {
        let levels: Vec<String> = ["一级", "二级", "三级"]
            .iter()
            .filter_map(|l| levels.get(*l).map(|n| format!("{l} {n}")))
            .collect();
        line.push_str(&format!("; 预警: {}", levels.join(" · ")));
    }
    writeln!(out, "{line}")
}
