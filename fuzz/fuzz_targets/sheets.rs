//! Fuzzes the import path: any bytes as CSV and as xlsx → validated rows or a refusal,
//! never a panic, and never more memory than the reader's limits allow (libFuzzer's
//! `-rss_limit_mb` catches a grid built from a far cell reference or an inflated bomb).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledge_sheets::{PermissiveRegistry, read_observations};

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.csv", "fuzz.xlsx"] {
        match read_observations(name, data, &PermissiveRegistry) {
            Ok(rows) => {
                // Data rows come after the header (row 1), in file order.
                assert!(rows.windows(2).all(|w| w[0].row < w[1].row));
                assert!(rows.iter().all(|r| r.row >= 2));
            }
            Err(errors) => assert!(!errors.is_empty(), "a refusal has its reasons"),
        }
    }
});
