//! Fuzzes decode → normalize → segment: no panic, and every offset maps inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = pledge_text::read(data) {
        let n = doc.norm.len();
        let span = doc.norm.original_span(0..n);
        assert!(span.start <= span.end && span.end <= data.len());
        for a in pledge_text::segment(&doc) {
            assert!(a.body_span[0] <= a.body_span[1] && a.body_span[1] <= data.len());
        }
    }
});
