//! One core, the extractor against jieba-rs `cut` (without and with HMM; the ratio is
//! against the faster, without) on the same normalized text,
//! timed in alternation: the ≥ 50 MB benchmark corpus is cut into chunks of about 1 MB,
//! and each chunk is read by the extractor and then segmented by jieba-rs before the next
//! chunk, so both see the same moments of a shared machine. Prints each round's MB/s and
//! ratio, then the median ratio:
//! `cargo run --release -p pledge-extract --example alternate -- [ROUNDS]`.

#[path = "../../text/benches/corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

/// The allocator of the `pledge` binary, as in the extraction bench.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let prepared = corpus::prepare(&corpus::documents(50 << 20));
    let bytes: usize = prepared.iter().map(|(d, _)| d.decoded.text.len()).sum();
    // Chunks of about 1 MB of documents.
    let mut chunks: Vec<std::ops::Range<usize>> = Vec::new();
    chunks.push(0..0);
    let mut size = 0;
    for (i, (d, _)) in prepared.iter().enumerate() {
        size += d.decoded.text.len();
        chunks.last_mut().expect("a chunk").end = i + 1;
        if size >= 1 << 20 {
            chunks.push(i + 1..i + 1);
            size = 0;
        }
    }
    let ex = pledge_extract::Extractor::default();
    let opts = pledge_extract::Options {
        doc_id: "bench".into(),
        date: "2023-03-02".parse().ok(),
        place: None,
    };
    let jieba = jieba_rs::Jieba::new();
    let mut ratios = Vec::new();
    for round in 1..=rounds {
        let (mut t_ex, mut t_jb, mut t_hmm) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        let (mut facts, mut words) = (0, 0);
        for chunk in &chunks {
            let docs = &prepared[chunk.clone()];
            let t = Instant::now();
            facts += docs.iter().map(|(d, a)| ex.document(d, a, &opts).len()).sum::<usize>();
            t_ex += t.elapsed();
            let t = Instant::now();
            words += docs
                .iter()
                .map(|(d, _)| jieba.cut(&d.norm.text, false).len())
                .sum::<usize>();
            t_jb += t.elapsed();
            let t = Instant::now();
            std::hint::black_box(
                docs.iter()
                    .map(|(d, _)| jieba.cut(&d.norm.text, true).len())
                    .sum::<usize>(),
            );
            t_hmm += t.elapsed();
        }
        let mbps = |t: Duration| bytes as f64 / 1e6 / t.as_secs_f64();
        let ratio = t_jb.as_secs_f64() / t_ex.as_secs_f64();
        ratios.push(ratio);
        println!(
            "round {round}: extract {:.1} MB/s ({facts} facts), jieba-rs cut {:.1} MB/s ({words} words), \
             with HMM {:.1} MB/s; ratio to cut {ratio:.3}",
            mbps(t_ex),
            mbps(t_jb),
            mbps(t_hmm)
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "median ratio {:.3} (min {:.3}, max {:.3}, {} rounds of {} MB)",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1],
        ratios.len(),
        bytes >> 20
    );
}
