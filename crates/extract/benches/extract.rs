//! Throughput of extraction on the ≥ 50 MB benchmark corpus (the shared texts with their
//! numbers varied), beside jieba-rs segmenting the same text in the same run, and the
//! corpus mode on one and two threads. Run with `cargo bench -p pledge-extract`; divan
//! prints bytes per second.

#[path = "../../text/benches/corpus.rs"]
mod corpus;

use std::sync::OnceLock;

use divan::counter::BytesCount;
use pledge_extract::corpus::{Chunking, run};
use pledge_extract::{Extractor, Options};

/// The allocator of the `pledge` binary, so the bench measures what it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZE: usize = 50 << 20;

fn main() {
    // Build the corpus and the normalized documents before timing starts.
    let _ = docs();
    let _ = prepared();
    divan::main();
}

/// The corpus documents.
fn docs() -> &'static Vec<String> {
    static D: OnceLock<Vec<String>> = OnceLock::new();
    D.get_or_init(|| corpus::documents(SIZE))
}

fn bytes() -> usize {
    docs().iter().map(String::len).sum()
}

/// The documents normalized and split into articles, so the extractor alone is timed.
fn prepared() -> &'static Vec<(pledge_text::Document, Vec<pledge_text::Article>)> {
    static P: OnceLock<Vec<(pledge_text::Document, Vec<pledge_text::Article>)>> = OnceLock::new();
    P.get_or_init(|| corpus::prepare(docs()))
}

/// The corpus as JSON Lines, for corpus mode.
fn jsonl() -> &'static Vec<u8> {
    static J: OnceLock<Vec<u8>> = OnceLock::new();
    J.get_or_init(|| {
        let mut out = Vec::new();
        for (i, d) in docs().iter().enumerate() {
            let line = serde_json::json!({"id": format!("d{i}"), "text": d, "date": "2023-03-02"});
            out.extend(serde_json::to_vec(&line).expect("json"));
            out.push(b'\n');
        }
        out
    })
}

fn options() -> Options {
    Options {
        doc_id: "bench".into(),
        date: "2023-03-02".parse().ok(),
        place: None,
    }
}

/// One core: the extractor on normalized, segmented documents.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn extract_one_core(b: divan::Bencher) {
    let ex = Extractor::default();
    let opts = options();
    b.counter(BytesCount::new(bytes())).bench(|| {
        let mut n = 0;
        for (doc, arts) in prepared() {
            n += ex.document(doc, arts, &opts).len();
        }
        n
    });
}

/// One core: text in, facts out (decode, normalize, segment and extract).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn text_to_facts_one_core(b: divan::Bencher) {
    let ex = Extractor::default();
    let opts = options();
    b.counter(BytesCount::new(bytes()))
        .bench(|| docs().iter().map(|d| ex.text(d, &opts).len()).sum::<usize>());
}

/// One core: jieba-rs segmenting the same documents (`cut`, no HMM).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn jieba_cut_one_core(b: divan::Bencher) {
    let jieba = jieba_rs::Jieba::new();
    b.counter(BytesCount::new(bytes()))
        .bench(|| docs().iter().map(|d| jieba.cut(d, false).len()).sum::<usize>());
}

/// One core: jieba-rs `cut` with its HMM for unknown words.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn jieba_cut_hmm_one_core(b: divan::Bencher) {
    let jieba = jieba_rs::Jieba::new();
    b.counter(BytesCount::new(bytes()))
        .bench(|| docs().iter().map(|d| jieba.cut(d, true).len()).sum::<usize>());
}

/// Corpus mode (JSON Lines in, JSON Lines out) on 1 and 2 threads.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn corpus_mode(b: divan::Bencher, threads: usize) {
    let ex = Extractor::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let input = jsonl();
    b.counter(BytesCount::new(input.len())).bench(|| {
        run(
            &ex,
            input.as_slice(),
            std::io::sink(),
            Chunking::default(),
            Some(&pool),
            |_| {},
        )
        .expect("corpus run")
        .facts
    });
}
