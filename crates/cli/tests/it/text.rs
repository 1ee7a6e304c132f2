//! `normalize`, `segment`, `extract` and `assess --input` on real and made-up inputs.

use crate::{pledge, root, stderr, stdout};

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn segment_json_matches_the_gold_articles() {
    let out = pledge(&root(), &["segment", "--json", "testdata/jinan-page-2023-03.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pred: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let gold: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(root().join("testdata/jinan-page-2023-03.articles.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(pred.len(), gold.len());
    for (p, g) in pred.iter().zip(&gold) {
        let s = |v: &serde_json::Value, k: &str| squash(v[k].as_str().unwrap_or(""));
        let head = s(p, "kicker") + &s(p, "headline") + &s(p, "subtitle");
        assert_eq!(head, s(g, "headline"));
        assert_eq!(s(p, "scope"), s(g, "scope"));
        assert_eq!(s(p, "dateline"), s(g, "dateline"));
        assert!(s(p, "body").starts_with(&s(g, "body_starts")));
        assert!(s(p, "body").ends_with(&s(g, "body_ends")));
        assert_eq!(p["reporters"], g["reporters"]);
        assert_eq!(p["correspondents"], g["correspondents"]);
    }
}

#[test]
fn normalize_prints_clean_text_and_binary_input_names_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "到 20 2 5 年，ＧＤＰ增长６％。\n").unwrap();
    let out = pledge(dir.path(), &["normalize", "a.txt"]);
    assert_eq!(stdout(&out).trim(), "到2025年，GDP增长6%。");
    std::fs::write(dir.path().join("b.bin"), b"PK\x03\x04\x00\x00binary").unwrap();
    let out = pledge(dir.path(), &["normalize", "b.bin"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("b.bin") && err.contains("offset 2"), "{err}");
}

/// The strict matching rule of `spec/facts.md`, to keep the page's extraction from
/// regressing (the shared scorer is the reference; this is its core).
fn strict_match(g: &serde_json::Value, p: &serde_json::Value) -> bool {
    let fields = ["kind", "scope", "year", "measure", "direction", "bound", "unit"];
    let same_num = |a: &serde_json::Value, b: &serde_json::Value| match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()),
        (None, None) => true,
        _ => false,
    };
    let gi: std::collections::HashSet<char> = squash(g["indicator"].as_str().unwrap_or("")).chars().collect();
    let pi: std::collections::HashSet<char> = squash(p["indicator"].as_str().unwrap_or("")).chars().collect();
    fields.iter().all(|f| g[f] == p[f])
        && same_num(&g["value"], &p["value"])
        && same_num(&g["value_max"], &p["value_max"])
        && (gi.is_empty() || gi.intersection(&pi).count() * 2 >= gi.len())
}

#[test]
fn extraction_of_the_page_keeps_strict_f1_above_0_9() {
    let out = pledge(
        &root(),
        &["extract", "--date", "2023-03-02", "testdata/jinan-page-2023-03.txt"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pred: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|p: &serde_json::Value| p["article"].as_u64().is_some_and(|a| a <= 6))
        .collect();
    let gold: Vec<serde_json::Value> = std::fs::read_to_string(root().join("testdata/jinan-page-2023-03.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every span points at the quote's text in the original bytes.
    let page = std::fs::read_to_string(root().join("testdata/jinan-page-2023-03.txt")).unwrap();
    for p in &pred {
        let (a, b) = (
            p["span"][0].as_u64().unwrap() as usize,
            p["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(squash(&page[a..b]), squash(p["quote"].as_str().unwrap()), "{p}");
    }
    let mut used = vec![false; pred.len()];
    let (mut tp, mut optional_hits) = (0, 0);
    let required = gold.iter().filter(|g| g["optional"] != true).count();
    let mut ordered: Vec<&serde_json::Value> = gold.iter().collect();
    ordered.sort_by_key(|g| g["optional"] == true);
    for g in ordered {
        if let Some(i) = (0..pred.len()).find(|&i| !used[i] && strict_match(g, &pred[i])) {
            used[i] = true;
            if g["optional"] == true {
                optional_hits += 1;
            } else {
                tp += 1;
            }
        }
    }
    let precision = tp as f64 / (pred.len() - optional_hits) as f64;
    let recall = tp as f64 / required as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(f1 >= 0.9, "strict F1 {f1:.3} (P {precision:.3}, R {recall:.3})");
}

#[test]
fn assess_input_answers_each_line_and_flags_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = concat!(
        r#"{"id":"charging-points","target":{"measure":"level","direction":null,"bound":">=","value":80000,"unit":"个","year":2025,"baseline_year":null},"desirable":"up","observations":[{"year":2020,"value":20000,"unit":"个"},{"year":2023,"value":5.5,"unit":"万个"}]}"#,
        "\n",
        "{not json\n",
    );
    std::fs::write(dir.path().join("in.jsonl"), input).unwrap();
    let out = pledge(dir.path(), &["assess", "--input", "in.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], "ON_TRACK");
    assert_eq!(lines[0]["latest"]["value"], 55000.0);
    assert!(lines[1]["error"].as_str().is_some());
}

/// A reader that stops early (`pledge … | head -1`) ends the command quietly with exit
/// status 0, as Unix tools do: no `Broken pipe` on standard error. Each output is several
/// times a pipe's buffer, so the command is still writing when the reader goes.
#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(root().join("testdata/jinan-page-2023-03.txt")).unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, page.repeat(30)).unwrap();
    let big = big.to_str().unwrap();
    let mut extract = vec!["extract"];
    extract.extend(std::iter::repeat_n(big, 2));
    for args in [vec!["normalize", big], extract] {
        let whole = pledge(dir.path(), &args);
        assert!(whole.status.success(), "{args:?}: {}", stderr(&whole));
        assert!(
            whole.stdout.len() > 512 * 1024,
            "{args:?}: {} bytes is too little to fill a pipe",
            whole.stdout.len()
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_pledge"))
            .args(&args)
            .current_dir(dir.path())
            .env_remove("PLEDGE_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("pledge runs");
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(!line.trim().is_empty(), "{args:?}: a first line");
        drop(reader);
        let out = child.wait_with_output().unwrap();
        assert!(
            !stderr(&out).contains("Broken pipe") && !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
    }
}
