//! How many extracted indicator wordings the library knows: fact records (JSON Lines,
//! `pledge extract` output) on standard input, the distinct (indicator, unit, measure)
//! triples counted as exact (name or alias), confident (the matcher's score ≥ 0.9 with
//! agreeing units) and suggested (a lower score), each printed with its match.
//!
//! `pledge extract FILE… | cargo run -p pledge-store --example match_facts`

use std::collections::BTreeSet;
use std::io::BufRead;

use pledge_indicators::Query;
use pledge_model::Measure;

fn main() {
    let indicators: Vec<pledge_store::Indicator> = pledge_store::starter_indicators()
        .into_iter()
        .enumerate()
        .map(|(i, n)| pledge_store::Indicator {
            id: i as i64,
            name: n.name,
            aliases: n.aliases,
            unit: n.unit,
            desirability: n.desirability,
            category: n.category,
            description: n.description,
        })
        .collect();
    let library = pledge_store::indicator::library(&indicators);
    let mut seen = BTreeSet::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(fact) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = |k: &str| fact[k].as_str().unwrap_or_default().to_owned();
        seen.insert((text("indicator"), text("unit"), text("measure")));
    }
    let (mut exact, mut confident, mut suggested) = (0, 0, 0);
    for (name, unit, measure) in &seen {
        let measure = match measure.as_str() {
            "change" => Measure::Change,
            "increment" => Measure::Increment,
            _ => Measure::Level,
        };
        let known = library.exact(name).is_some();
        exact += usize::from(known);
        let found = library.best(&Query::new(name).unit(unit).measure(measure));
        let tag = match &found {
            Some(m) if m.is_confident() => {
                confident += 1;
                "confident"
            }
            Some(_) => {
                suggested += 1;
                "suggested"
            }
            None => "none",
        };
        match found {
            Some(m) => println!(
                "{tag}\t{name} [{unit}]\t→ {} ({:.2} {})",
                m.name,
                m.score,
                m.reason.as_str()
            ),
            None => println!("{tag}\t{name} [{unit}]"),
        }
    }
    println!(
        "distinct {}: exact {exact}, confident {confident}, suggested {suggested}",
        seen.len()
    );
}
