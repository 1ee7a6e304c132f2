//! Regression snapshot of the shared Jinan page's extraction.

use pledge_extract::{Options, extract_document};

#[test]
fn jinan_page() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/jinan-page-2023-03.txt");
    let bytes = std::fs::read(path).expect("testdata page");
    let doc = pledge_text::read(&bytes).expect("decodes");
    let articles = pledge_text::segment(&doc);
    let opts = Options {
        doc_id: "jinan-page-2023-03".into(),
        date: "2023-03-02".parse().ok(),
        place: None,
    };
    let facts = extract_document(&doc, &articles, &opts);
    let lines: Vec<String> = facts.iter().map(|f| serde_json::to_string(f).expect("json")).collect();
    insta::assert_snapshot!(lines.join("\n"));
}
