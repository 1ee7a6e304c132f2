//! A fixed workload for instruction counts (`valgrind --tool=callgrind`): the first
//! `MB` megabytes (default 4) of the benchmark corpus, normalized and split into
//! articles, then read by one of `extract` (the extractor), `jieba` (jieba-rs `cut`
//! without HMM on the same normalized text) or `prep` (preparation only, the baseline
//! to subtract), `dump` (the extractor's facts as JSON Lines on stdout, to compare
//! the output of two builds) or `corpus1`/`corpus2` (corpus mode over the same documents
//! as JSON Lines on one or two threads; run callgrind with `--separate-threads=yes` to
//! see each thread's share):
//! `cargo run --release -p pledge-extract --example icount -- extract [MB]`.
//! Prints the bytes read and what was found, so runs can be checked against each other.

#[path = "../../text/benches/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "extract".into());
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(4);
    if let Some(threads) = mode.strip_prefix("corpus").and_then(|t| t.parse().ok()) {
        corpus(mb, threads);
        return;
    }
    let prepared = corpus::prepare(&corpus::documents(mb << 20));
    let bytes: usize = prepared.iter().map(|(d, _)| d.norm.text.len()).sum();
    let found = match mode.as_str() {
        "extract" => extract(&prepared),
        "dump" => dump(&prepared),
        "jieba" => {
            let jieba = jieba_rs::Jieba::new();
            prepared.iter().map(|(d, _)| jieba.cut(&d.norm.text, false).len()).sum()
        }
        _ => 0,
    };
    eprintln!("{mode}: {bytes} normalized bytes, {found} found");
}

#[inline(never)]
fn extract(prepared: &[(pledge_text::Document, Vec<pledge_text::Article>)]) -> usize {
    let ex = pledge_extract::Extractor::default();
    let opts = pledge_extract::Options {
        doc_id: "bench".into(),
        date: "2023-03-02".parse().ok(),
        place: None,
    };
    prepared.iter().map(|(d, a)| ex.document(d, a, &opts).len()).sum()
}

fn dump(prepared: &[(pledge_text::Document, Vec<pledge_text::Article>)]) -> usize {
    use std::io::Write;
    let ex = pledge_extract::Extractor::default();
    let opts = pledge_extract::Options {
        doc_id: "bench".into(),
        date: "2023-03-02".parse().ok(),
        place: None,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut n = 0;
    for (d, a) in prepared {
        for f in ex.document(d, a, &opts) {
            writeln!(out, "{}", serde_json::to_string(&f).expect("serializable")).expect("stdout");
            n += 1;
        }
    }
    n
}

/// Corpus mode over the first `mb` megabytes of the corpus on `threads` threads.
fn corpus(mb: usize, threads: usize) {
    let mut input = Vec::new();
    for (i, d) in corpus::documents(mb << 20).iter().enumerate() {
        let line = serde_json::json!({"id": format!("d{i}"), "text": d, "date": "2023-03-02"});
        input.extend(serde_json::to_vec(&line).expect("json"));
        input.push(b'\n');
    }
    let ex = pledge_extract::Extractor::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let start = std::time::Instant::now();
    let summary = pledge_extract::corpus::run(
        &ex,
        input.as_slice(),
        std::io::sink(),
        pledge_extract::corpus::Chunking::default(),
        Some(&pool),
        |_| {},
    )
    .expect("corpus run");
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "corpus on {threads} threads: {} bytes, {} facts, {secs:.3} s, {:.1} MB/s",
        input.len(),
        summary.facts,
        input.len() as f64 / secs / 1e6
    );
}
