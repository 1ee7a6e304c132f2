//! Builds the benchmark corpus: copies of the shared texts with their numbers varied, so
//! no two copies are alike, until the corpus reaches the size asked for.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's root (benches run with the crate directory as working directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed texts. By default (`PLEDGE_BENCH_CORPUS` unset or `synthetic`) the Jinan page
/// and the quotes of the real observations and targets: one CSV row of figures per line,
/// far denser in numbers than prose. With `PLEDGE_BENCH_CORPUS=real`, the real documents
/// of `testdata/` instead (the page, the 24 development texts and the 18 Jinan progress
/// reports: plans, bulletins, work reports and news as published).
pub fn seeds() -> Vec<String> {
    match std::env::var("PLEDGE_BENCH_CORPUS").as_deref() {
        Ok("real") => real_seeds(),
        Ok("synthetic") | Err(_) => synthetic_seeds(),
        Ok(other) => panic!("PLEDGE_BENCH_CORPUS={other}: expected real or synthetic"),
    }
}

/// The real documents of `testdata/`, in a fixed order.
fn real_seeds() -> Vec<String> {
    let root = repo_root().join("testdata");
    let mut paths = vec![root.join("jinan-page-2023-03.txt")];
    for dir in ["dev", "jinan-progress"] {
        let mut texts: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("testdata dir")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        texts.sort();
        paths.extend(texts);
    }
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("testdata text"))
        .collect()
}

/// The Jinan page and the quotes of the real observations and targets.
fn synthetic_seeds() -> Vec<String> {
    let root = repo_root();
    let page = std::fs::read_to_string(root.join("testdata/jinan-page-2023-03.txt")).expect("testdata page");
    let mut quotes = String::new();
    for file in ["data/observations.csv", "data/targets.csv"] {
        let csv = std::fs::read_to_string(root.join(file)).expect("data csv");
        for line in csv.lines().skip(1) {
            quotes.push_str(line);
            quotes.push('\n');
        }
    }
    vec![page, quotes]
}

/// Replaces every digit with one drawn from a fixed-seed generator (first digits stay
/// non-zero), so numbers keep their shape but change between copies.
pub fn vary(text: &str, seed: &mut u64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let r = (*seed >> 33) as u32;
            let d = if prev_digit { r % 10 } else { 1 + r % 9 };
            out.push(char::from_digit(d, 10).unwrap_or('1'));
            prev_digit = true;
        } else {
            out.push(c);
            prev_digit = false;
        }
    }
    out
}

/// Varied copies of the seeds, one document per item, totalling at least `bytes`.
pub fn documents(bytes: usize) -> Vec<String> {
    let seeds = seeds();
    let mut seed = 42u64;
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        for s in &seeds {
            let d = vary(s, &mut seed);
            total += d.len();
            docs.push(d);
        }
    }
    docs
}

/// The documents normalized and split into articles, as the extractor reads them.
pub fn prepare(docs: &[String]) -> Vec<(pledge_text::Document, Vec<pledge_text::Article>)> {
    docs.iter()
        .map(|d| {
            let doc = pledge_text::normalize(pledge_text::Decoded::from_text(d.as_str()));
            let arts = pledge_text::segment(&doc);
            (doc, arts)
        })
        .collect()
}

/// Writes the corpus as one text file (documents separated by blank lines) under the
/// target directory, once, and returns its path.
pub fn corpus_file(bytes: usize) -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo_root().join("target"), PathBuf::from);
    let path = dir.join(format!("bench-corpus-{}m.txt", bytes >> 20));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("target dir");
        std::fs::write(&path, documents(bytes).join("\n\n")).expect("write corpus");
    }
    path
}
