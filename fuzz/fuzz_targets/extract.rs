//! Fuzzes extraction (the extract engineer fills this in).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pledge_text::read(data);
});
