//! The real shared observations (a copy lives in the repository's data/).

use pledge_model::Measure;
use pledge_sheets::{PermissiveRegistry, read_observations};

fn bytes() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/observations.csv");
    std::fs::read(path).unwrap()
}

#[test]
fn the_shared_observations_parse_with_a_permissive_registry() {
    let rows = read_observations("observations.csv", &bytes(), &PermissiveRegistry).unwrap();
    assert_eq!(rows.len(), 98);
    assert_eq!(rows.first().unwrap().row, 2);
    assert_eq!(rows.last().unwrap().row, 99);

    let first = &rows[0];
    assert_eq!(
        (first.region.as_str(), first.indicator.as_str()),
        ("中国", "万元国内生产总值能耗")
    );
    assert_eq!((first.year, first.value, first.measure), (2020, -0.1, Measure::Change));
    assert_eq!(first.baseline_year, Some(2019));
    assert!(first.quote.starts_with("初步核算,2020年"));

    let counts = |m: Measure| rows.iter().filter(|r| r.measure == m).count();
    assert_eq!(
        (
            counts(Measure::Level),
            counts(Measure::Change),
            counts(Measure::Increment)
        ),
        (61, 28, 9)
    );
    assert_eq!(rows.iter().filter(|r| r.period.is_some()).count(), 10);
    assert!(rows.iter().all(|r| !r.source_url.is_empty() && !r.quote.is_empty()));

    // The index without a unit, and the two 2022 emission factors told apart by their note.
    assert!(
        rows.iter()
            .any(|r| r.indicator == "环境空气质量综合指数" && r.unit.is_empty())
    );
    let factors: Vec<f64> = rows
        .iter()
        .filter(|r| r.indicator == "电力平均二氧化碳排放因子" && r.year == 2022)
        .map(|r| r.value)
        .collect();
    assert_eq!(factors, [0.5366, 0.5856]);
}

#[test]
fn the_shared_observations_also_import_as_gbk() {
    let text = String::from_utf8(bytes()).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let rows = read_observations("observations-gbk.csv", &gbk, &PermissiveRegistry).unwrap();
    assert_eq!(rows.len(), 98);
}
