//! Import throughput: 1,000,000 observation rows from CSV into the store, compared in the
//! same run with the `sqlite3` shell's `.import` of the same file into a plain table.
//!
//! Run with `cargo bench -p pledge-store --bench import`. The headline comparison is timed
//! once (a million-row import is long enough to measure on its own); divan then measures a
//! 10,000-row import repeatedly. `PLEDGE_BENCH_ROWS` overrides the row count;
//! `PLEDGE_BENCH_PG=1` also imports the rows into PostgreSQL and compares with `COPY`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use pledge_model::{Measure, Observation};
use pledge_store::{NewObservation, Source, Store, gazetteer_regions, starter_indicators};

/// The regions the generated rows are about.
const REGIONS: [&str; 10] = [
    "济南市",
    "历下区",
    "市中区",
    "槐荫区",
    "天桥区",
    "历城区",
    "长清区",
    "章丘区",
    "济阳区",
    "莱芜区",
];

/// The indicators (wordings, some of them aliases) the generated rows report.
const INDICATORS: [(&str, &str); 10] = [
    ("单位地区生产总值能耗", "%"),
    ("能耗强度", "%"),
    ("PM2.5年均浓度", "μg/m3"),
    ("空气质量优良天数比例", "%"),
    ("新能源汽车保有量", "辆"),
    ("充换电设施保有量", "个"),
    ("污水处理能力", "吨/日"),
    ("地区生产总值", "元"),
    ("省级及以上绿色工厂", "家"),
    ("高新技术企业", "家"),
];

/// Writes `n` rows in the import columns; every row has its own logical key.
fn write_csv(path: &Path, n: usize) {
    let mut out = String::with_capacity(n * 160);
    out.push_str("region,indicator,year,value,unit,source_url,quote,measure,baseline_year,period,note\n");
    for k in 0..n {
        let region = REGIONS[k % REGIONS.len()];
        // 能耗强度 is an alias of 单位地区生产总值能耗: skip it so keys stay distinct.
        let (indicator, unit) = INDICATORS[[0, 2, 3, 4, 5, 6, 7, 8, 9][k / REGIONS.len() % 9]];
        let year = 1950 + (k / 90 % 200);
        let batch = k / 18_000;
        let value = (k % 9973) as f64 / 7.0;
        let (measure, baseline) = if unit == "%" && k % 2 == 0 {
            ("change", (year - 1).to_string())
        } else {
            ("level", String::new())
        };
        writeln!(
            out,
            "{region},{indicator},{year},{value},{unit},https://example.invalid/report/{},\"{year}年{indicator}为{value}{unit}\",{measure},{baseline},,批次{batch}",
            k % 1000
        )
        .unwrap();
    }
    std::fs::write(path, out).unwrap();
}

/// A store with all regions and the starter library, in `dir`.
fn prepared_store(dir: &Path) -> Box<dyn Store> {
    let store = pledge_store::open(dir.join("pledge.db").to_str().unwrap()).unwrap();
    store.upsert_regions(&gazetteer_regions(), "bench").unwrap();
    store.upsert_indicators(&starter_indicators(), "bench").unwrap();
    store
}

/// Parses the CSV into rows, resolving names through lookups done once per distinct name
/// (what the CLI does).
fn parse_csv(store: &dyn Store, path: &Path) -> Vec<NewObservation> {
    let jinan = store.find_region("济南市", None).unwrap().unwrap().id;
    let mut regions: HashMap<String, i64> = HashMap::new();
    let mut indicators: HashMap<String, i64> = HashMap::new();
    let mut rd = csv::Reader::from_path(path).unwrap();
    let mut rows = Vec::new();
    for rec in rd.records() {
        let rec = rec.unwrap();
        let region = *regions
            .entry(rec[0].to_owned())
            .or_insert_with(|| store.find_region(&rec[0], Some(jinan)).unwrap().unwrap().id);
        let indicator = *indicators
            .entry(rec[1].to_owned())
            .or_insert_with(|| store.find_indicator(&rec[1]).unwrap().unwrap().id);
        let measure = if &rec[7] == "change" {
            Measure::Change
        } else {
            Measure::Level
        };
        rows.push(NewObservation {
            region,
            indicator,
            indicator_text: rec[1].to_owned(),
            observation: Observation {
                year: rec[2].parse().unwrap(),
                period: (!rec[9].is_empty()).then(|| rec[9].to_owned()),
                value: rec[3].parse().unwrap(),
                unit: rec[4].to_owned(),
                measure,
                baseline_year: (!rec[8].is_empty()).then(|| rec[8].parse().unwrap()),
            },
            note: rec[10].to_owned(),
            source: Source::url(&rec[5], &rec[6]),
        });
    }
    rows
}

/// Times the `sqlite3` shell's `.import` of `csv` into a plain table; `None` when the
/// shell is not installed.
fn sqlite3_import(dir: &Path, csv: &Path) -> Option<(f64, u64)> {
    let db = dir.join("plain.db");
    let start = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    let script = format!(".mode csv\n.import '{}' obs\n", csv.display());
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "sqlite3 .import failed");
    let secs = start.elapsed().as_secs_f64();
    let out = Command::new("sqlite3")
        .arg(&db)
        .arg("SELECT COUNT(*) FROM obs")
        .output()
        .unwrap();
    let rows = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    Some((secs, rows))
}

/// The one-shot comparison at full size.
fn compare() {
    let n: usize = std::env::var("PLEDGE_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("observations.csv");
    write_csv(&csv, n);
    let mb = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;
    println!("import comparison: {n} rows, {mb:.1} MB of CSV");

    let store = prepared_store(dir.path());
    let start = Instant::now();
    let rows = parse_csv(&*store, &csv);
    let parsed = start.elapsed().as_secs_f64();
    let t = Instant::now();
    let summary = store.import_observations(&rows, "bench").unwrap();
    let imported = t.elapsed().as_secs_f64();
    let total = start.elapsed().as_secs_f64();
    assert_eq!(summary.inserted, n, "every generated row is a new series");
    assert_eq!(store.counts().unwrap().current_observations, n as u64);
    let ours = n as f64 / total;
    println!(
        "  pledge-store   CSV → store: {total:7.2} s  {ours:>10.0} rows/s  (parse+resolve {parsed:.2} s, import_observations {imported:.2} s = {:.0} rows/s)",
        n as f64 / imported
    );
    drop(rows);
    drop(store);

    match sqlite3_import(dir.path(), &csv) {
        Some((secs, count)) => {
            assert_eq!(count, n as u64, "sqlite3 imported every row");
            let theirs = n as f64 / secs;
            println!("  sqlite3 .import into a plain table: {secs:7.2} s  {theirs:>10.0} rows/s");
            println!(
                "  ratio pledge-store / sqlite3 .import: {:.2} (pledge takes {:.1}× as long)",
                ours / theirs,
                total / secs
            );
        }
        None => println!("  sqlite3 shell not found: comparison skipped (apt-get install sqlite3 to run it)"),
    }
    if std::env::var("PLEDGE_BENCH_PG").is_ok_and(|v| v == "1") {
        compare_postgres(n, &csv);
    }
}

/// The same rows into PostgreSQL (a throwaway server of `pledge_testpg`), against `COPY`
/// of the same CSV into a plain table of text columns on the same server: what PostgreSQL
/// offers for bulk loading. Run when `PLEDGE_BENCH_PG=1`.
fn compare_postgres(n: usize, csv: &Path) {
    let Some((name, url)) = pledge_testpg::new_database() else {
        println!("  PostgreSQL not available: its comparison skipped");
        return;
    };
    let store = pledge_store::open(&url).unwrap();
    store.upsert_regions(&gazetteer_regions(), "bench").unwrap();
    store.upsert_indicators(&starter_indicators(), "bench").unwrap();
    let start = Instant::now();
    let rows = parse_csv(&*store, csv);
    let parsed = start.elapsed().as_secs_f64();
    let t = Instant::now();
    let summary = store.import_observations(&rows, "bench").unwrap();
    let imported = t.elapsed().as_secs_f64();
    let total = start.elapsed().as_secs_f64();
    assert_eq!(summary.inserted, n);
    println!(
        "  PostgreSQL pledge-store CSV → store: {total:7.2} s  {:>10.0} rows/s  (parse+resolve {parsed:.2} s, import_observations {imported:.2} s)",
        n as f64 / total
    );
    drop(rows);
    drop(store);
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute(
            "CREATE TABLE obs (region text, indicator text, year text, value text, unit text, source_url text, \
             quote text, measure text, baseline_year text, period text, note text)",
        )
        .unwrap();
    let start = Instant::now();
    let mut writer = client
        .copy_in("COPY obs FROM STDIN WITH (FORMAT csv, HEADER true)")
        .unwrap();
    std::io::copy(&mut std::fs::File::open(csv).unwrap(), &mut writer).unwrap();
    let copied = writer.finish().unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(copied, n as u64);
    println!(
        "  PostgreSQL COPY into a plain table: {secs:7.2} s  {:>10.0} rows/s",
        n as f64 / secs
    );
    println!(
        "  ratio pledge-store / COPY: {:.2} (pledge takes {:.1}× as long)",
        secs / total,
        total / secs
    );
    drop(client);
    pledge_testpg::drop_database(&name);
}

fn main() {
    compare();
    divan::main();
}

/// A 10,000-row import into a prepared store (the store and the rows are built outside
/// the timing).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn import_10k_rows(bencher: divan::Bencher<'_, '_>) {
    const N: usize = 10_000;
    bencher
        .counter(divan::counter::ItemsCount::new(N))
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let csv = dir.path().join("o.csv");
            write_csv(&csv, N);
            let store = prepared_store(dir.path());
            let rows = parse_csv(&*store, &csv);
            (dir, store, rows)
        })
        .bench_local_values(|(dir, store, rows)| {
            let s = store.import_observations(&rows, "bench").unwrap();
            assert_eq!(s.inserted, N);
            (dir, store)
        });
}
