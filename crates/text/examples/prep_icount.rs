//! A fixed workload for instruction counts: builds `MB` megabytes (default 8) of the
//! bench corpus outside the measured functions, then runs decode + normalize + segment in
//! [`prep`] and a sample of `original_span` calls in [`spans`], each `#[inline(never)]`
//! so callgrind can count them alone:
//! `valgrind --tool=callgrind --toggle-collect=prep_icount::prep target/release/examples/prep_icount 8`.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::ops::Range;

/// Decode, normalize and segment one input; returns the article count.
#[inline(never)]
fn prep(bytes: &[u8]) -> (pledge_text::Document, usize) {
    let doc = pledge_text::read(bytes).expect("decodes");
    let n = pledge_text::segment(&doc).len();
    (doc, n)
}

/// Maps every range back to the original input; returns a checksum.
#[inline(never)]
fn spans(norm: &pledge_text::Normalized, ranges: &[Range<usize>]) -> usize {
    let mut sum = 0;
    for r in ranges {
        let s = norm.original_span(r.clone());
        sum += s.start ^ s.end;
    }
    sum
}

/// Builds the gazetteer (the start-up cost of every CLI call).
#[inline(never)]
fn gazetteer() -> usize {
    pledge_text::gazetteer().places.len()
}

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(8);
    let input = corpus::documents(mb << 20).join("\n\n");
    println!("gazetteer: {} places", black_box(gazetteer()));
    let (doc, articles) = prep(black_box(input.as_bytes()));
    println!(
        "{} bytes, {articles} articles, {} normalized",
        input.len(),
        doc.norm.len()
    );
    // Short ranges spread over the text, like the quotes of extracted facts.
    let text = &doc.norm.text;
    let mut ranges = Vec::new();
    let mut seed = 7u64;
    for _ in 0..200_000 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut a = (seed >> 20) as usize % text.len();
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (a + 30 + (seed >> 50) as usize % 60).min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        ranges.push(a..b);
    }
    println!(
        "spans: {} ({} calls)",
        spans(&doc.norm, black_box(&ranges)),
        ranges.len()
    );
}
