//! Fuzzes decode → normalize → segment → extract: no panic, every fact's span lies inside
//! the input, values are finite, and ranges are ordered.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledge_extract::{Date, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        doc_id: "fuzz".into(),
        date: Some(Date { year: 2023, month: 3, day: 2 }),
        place: None,
    };
    if let Ok(doc) = pledge_text::read(data) {
        let articles = pledge_text::segment(&doc);
        for f in pledge_extract::extract_document(&doc, &articles, &opts) {
            assert!(f.span[0] <= f.span[1] && f.span[1] <= data.len(), "span {:?} outside {}", f.span, data.len());
            assert!(f.value.is_finite());
            if let Some(m) = f.value_max {
                assert!(m.is_finite() && m > f.value);
            }
            assert!(!f.indicator.is_empty() && !f.unit.is_empty());
        }
    }
    // The same bytes read as text directly (no encoding detection).
    let text = String::from_utf8_lossy(data);
    for f in pledge_extract::extract_text(&text, &opts) {
        assert!(f.span[1] <= text.len());
    }
});
