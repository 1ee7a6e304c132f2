//! A 100 MB CSV, generated into a temporary directory: every row is read, converted and
//! numbered correctly, and memory stays within a small multiple of the file.

use std::io::{BufWriter, Write};

use pledge_sheets::{MemoryRegistry, read_observations};

const TARGET_BYTES: u64 = 100 * 1024 * 1024;
const REGIONS: [&str; 3] = ["济南市", "历下区", "市中区"];
const FILLER: &str = "全市规模以上工业单位增加值能耗同比下降,清洁取暖覆盖率进一步提高,新能源汽车推广应用取得积极成效,各项指标均按计划推进";

fn region(i: usize) -> &'static str {
    REGIONS[i % 3]
}
fn year(i: usize) -> usize {
    1900 + (i / 3) % 200
}
fn indicator(i: usize) -> usize {
    i / 600
}

/// Peak and current resident memory of this process in bytes (Linux), for the memory bound.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

#[test]
fn a_100_mb_csv_reads_completely_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut out = BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        out,
        "region,indicator,year,value,unit,source_url,quote,measure,baseline_year,period,note"
    )
    .unwrap();
    let mut written = 0u64;
    let mut count = 0usize;
    while written < TARGET_BYTES {
        let i = count;
        let line = format!(
            "{},指标{},{},\"{},{:03}\",千瓦,https://example.gov.cn/news/{i}.html,\"第{i}行:{FILLER}\",level,,,\n",
            region(i),
            indicator(i),
            year(i),
            i / 1000,
            i % 1000,
        );
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
        count += 1;
    }
    out.flush().unwrap();
    drop(out);

    let mut registry = MemoryRegistry::new();
    for r in REGIONS {
        registry = registry.with_region(r);
    }
    for k in 0..=indicator(count) {
        registry = registry.with_indicator(&format!("指标{k}"), "万千瓦");
    }

    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() as u64 >= TARGET_BYTES);
    let before = memory();
    let rows = read_observations("big.csv", &bytes, &registry).unwrap();
    let after = memory();

    assert_eq!(rows.len(), count);
    for i in [0, 1, 599, 600, count / 2, count - 1] {
        let row = &rows[i];
        assert_eq!(row.row, i + 2);
        assert_eq!(row.region, region(i));
        assert_eq!(row.indicator, format!("指标{}", indicator(i)));
        assert_eq!(row.year as usize, year(i));
        assert_eq!(row.original_value, i as f64);
        assert!((row.value - i as f64 / 1e4).abs() < 1e-9, "{row:?}");
        assert_eq!(row.unit, "万千瓦");
        assert!(row.quote.starts_with(&format!("第{i}行:")));
    }

    if let (Some((_, rss_before)), Some((peak_after, _))) = (before, after) {
        let grown = peak_after.saturating_sub(rss_before);
        // The rows themselves hold about as much text as the file; a reader that copied
        // the text or kept every raw record as well would go far past this.
        assert!(
            grown < 3 * bytes.len() as u64,
            "reading {} bytes grew peak memory by {grown} bytes",
            bytes.len()
        );
        eprintln!("100 MB CSV: {count} rows, peak memory grew by {} MB", grown >> 20);
    }
}
