//! Throughput of decode + normalize + segment on a ≥ 50 MB corpus built from the shared
//! texts (numbers varied between copies), beside a plain read of the same file in the
//! same run. Run with `cargo bench -p pledge-text`; divan prints bytes per second.

#[path = "corpus.rs"]
mod corpus;

use divan::counter::BytesCount;

const SIZE: usize = 50 << 20;

fn main() {
    // Build the corpus before timing starts.
    let _ = corpus::corpus_file(SIZE);
    divan::main();
}

fn corpus_len() -> usize {
    std::fs::metadata(corpus::corpus_file(SIZE)).map_or(0, |m| m.len() as usize)
}

/// The ceiling: reading the file's bytes.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn plain_read(b: divan::Bencher) {
    let path = corpus::corpus_file(SIZE);
    b.counter(BytesCount::new(corpus_len()))
        .bench(|| std::fs::read(&path).expect("corpus"));
}

/// Reading, decoding, normalizing and segmenting the same file.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn normalize_and_segment(b: divan::Bencher) {
    let path = corpus::corpus_file(SIZE);
    b.counter(BytesCount::new(corpus_len())).bench(|| {
        let bytes = std::fs::read(&path).expect("corpus");
        let doc = pledge_text::read(&bytes).expect("decodes");
        pledge_text::segment(&doc).len()
    });
}
