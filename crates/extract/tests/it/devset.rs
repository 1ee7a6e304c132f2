//! The development set (24 real documents with hand-made gold, `testdata/dev/`) scored with
//! the shared scorer's strict rules (`../shared/tools/score-facts`, `spec/facts.md`), so a
//! change that reads these documents worse cannot land.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pledge_extract::{Options, extract_text};
use serde_json::Value;

/// The whole set's strict F1 may not fall below this (0.261 before this round, 0.965 when
/// this floor was set; the goal is 0.90: raise the floor as the extractor improves).
const DEV_F1: f64 = 0.96;

/// No document's strict F1 may fall below this (the goal 0.70; 0.824 the lowest when
/// last checked).
const DOC_F1: f64 = 0.80;

/// Fields compared exactly, as the scorer does.
const STRICT_FIELDS: &[&str] = &["kind", "year", "period", "measure", "direction", "bound", "unit"];

fn dev_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/dev")
}

fn squash(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.split_whitespace().collect(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

fn same_number(a: Option<&Value>, b: Option<&Value>) -> bool {
    let num = |v: Option<&Value>| v.and_then(Value::as_f64);
    match (num(a), num(b)) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12f64.max(1e-9 * a.abs().max(b.abs())),
        _ => false,
    }
}

/// The scorer's strict match: every strict field, scope, values, and half the gold
/// indicator's characters.
fn strict(g: &Value, p: &Value) -> bool {
    let field = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
    let fields_ok = STRICT_FIELDS.iter().all(|k| field(g, k) == field(p, k));
    let gi: HashSet<char> = squash(g.get("indicator")).chars().collect();
    let pi: HashSet<char> = squash(p.get("indicator")).chars().collect();
    let indicator_ok = gi.is_empty() || gi.intersection(&pi).count() * 2 >= gi.len();
    fields_ok
        && squash(g.get("scope")) == squash(p.get("scope"))
        && same_number(g.get("value"), p.get("value"))
        && same_number(g.get("value_max"), p.get("value_max"))
        && indicator_ok
}

/// The scorer's duplicate key: the fields that make two records the same fact.
fn dedupe(rows: Vec<Value>) -> Vec<Value> {
    let keys = [
        "doc",
        "kind",
        "scope",
        "indicator",
        "year",
        "period",
        "measure",
        "direction",
        "bound",
        "value",
        "value_max",
        "unit",
    ];
    let mut seen = HashSet::new();
    rows.into_iter()
        .filter(|r| seen.insert(keys.iter().map(|k| squash(r.get(*k))).collect::<Vec<_>>()))
        .collect()
}

/// True positives, predictions counted, and required gold facts.
fn score(gold: &[Value], pred: &[Value]) -> (usize, usize, usize) {
    let mut order: Vec<&Value> = gold.iter().collect();
    order.sort_by_key(|g| g.get("optional").and_then(Value::as_bool).unwrap_or(false));
    let (mut tp, mut used_optional, mut required) = (0, 0, 0);
    let mut used = vec![false; pred.len()];
    for g in order {
        let optional = g.get("optional").and_then(Value::as_bool).unwrap_or(false);
        required += usize::from(!optional);
        if let Some(i) = (0..pred.len()).find(|&i| !used[i] && strict(g, &pred[i])) {
            used[i] = true;
            if optional {
                used_optional += 1;
            } else {
                tp += 1;
            }
        }
    }
    (tp, pred.len() - used_optional, required)
}

fn f1((tp, predicted, required): (usize, usize, usize)) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    let (p, r) = (tp as f64 / predicted as f64, tp as f64 / required as f64);
    2.0 * p * r / (p + r)
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

#[test]
fn development_set_scores_above_its_floor() {
    let dir = dev_dir();
    let meta = std::fs::read_to_string(dir.join("meta.tsv")).expect("testdata/dev/meta.tsv");
    let mut total = (0, 0, 0);
    let mut report = String::new();
    let mut low: Vec<String> = Vec::new();
    for line in meta.lines().filter(|l| !l.trim().is_empty()) {
        let mut cols = line.split('\t');
        let (doc, date) = (cols.next().unwrap_or_default(), cols.next().unwrap_or_default());
        let place = cols.next().filter(|p| !p.trim().is_empty()).map(str::to_owned);
        let text = std::fs::read_to_string(dir.join(format!("{doc}.txt"))).expect("dev text");
        let opts = Options {
            doc_id: doc.into(),
            date: Some(date.parse().expect("meta date")),
            place,
        };
        let pred: Vec<Value> = extract_text(&text, &opts)
            .iter()
            .map(|f| serde_json::to_value(f).expect("fact as JSON"))
            .collect();
        let gold = dedupe(read_jsonl(&dir.join("gold").join(format!("{doc}.jsonl"))));
        let s = score(&gold, &dedupe(pred));
        report.push_str(&format!("{doc}: {:.3}\n", f1(s)));
        if f1(s) < DOC_F1 {
            low.push(format!("{doc} {:.3}", f1(s)));
        }
        total = (total.0 + s.0, total.1 + s.1, total.2 + s.2);
    }
    let all = f1(total);
    assert!(low.is_empty(), "documents below strict F1 {DOC_F1}: {low:?}\n{report}");
    assert!(all >= DEV_F1, "development set strict F1 {all:.3} < {DEV_F1}\n{report}");
}
