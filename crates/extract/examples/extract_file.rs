//! Extracts the facts of files as JSON Lines, like `pledge extract`, without the CLI:
//! `cargo run -p pledge-extract --example extract_file -- [--date YYYY-MM-DD] FILE…`.

use std::io::Write;

fn main() {
    let mut date = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--date" {
            date = args.next().and_then(|d| d.parse().ok());
        } else {
            files.push(a);
        }
    }
    let mut out = std::io::stdout().lock();
    for f in files {
        let bytes = std::fs::read(&f).expect("readable file");
        let doc = pledge_text::read(&bytes).expect("decodable file");
        let articles = pledge_text::segment(&doc);
        let stem = std::path::Path::new(&f)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let opts = pledge_extract::Options {
            doc_id: stem,
            date,
            place: None,
        };
        for fact in pledge_extract::extract_document(&doc, &articles, &opts) {
            writeln!(out, "{}", serde_json::to_string(&fact).expect("serializable")).expect("stdout");
        }
    }
}
