//! Decodes, normalizes and segments one file and prints the article count: a fixed
//! workload for instruction-count profiling (`valgrind --tool=callgrind`).

fn main() {
    let path = std::env::args().nth(1).expect("usage: segment_file FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let doc = pledge_text::read(&bytes).expect("decodable file");
    println!(
        "{} articles, {} bytes normalized",
        pledge_text::segment(&doc).len(),
        doc.norm.len()
    );
}
