//! Integration tests of pledge-text: one binary, one module per concern.

mod decode;
mod normalize;
mod places;
mod props;
mod segment;

/// The shared Jinan page, copied into the repository for tests.
pub fn jinan_page() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/jinan-page-2023-03.txt"
    ))
    .expect("testdata page")
}
