//! The starter library and region data against the real data of the repository.

use std::path::PathBuf;

use pledge_indicators::Query;
use pledge_model::{Measure, Observation};
use pledge_store::{
    NewObservation, NewRegion, ObservationFilter, ParentRef, RegionLevel, Source, Store, gazetteer_regions,
    indicator::parse_library, starter_indicators,
};

use crate::sqlite::fresh;

/// A file of the workspace (`data/…`, `testdata/…`).
fn workspace_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

/// Every indicator wording of the gold facts, observations and targets.
fn wordings() -> Vec<String> {
    let mut out = Vec::new();
    let gold = std::fs::read_to_string(workspace_file("testdata/jinan-page-2023-03.jsonl")).unwrap();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let fact: serde_json::Value = serde_json::from_str(line).unwrap();
        out.push(fact["indicator"].as_str().unwrap().to_owned());
    }
    for file in ["data/observations.csv", "data/targets.csv"] {
        let mut rd = csv::Reader::from_path(workspace_file(file)).unwrap();
        let col = rd.headers().unwrap().iter().position(|h| h == "indicator").unwrap();
        for rec in rd.records() {
            out.push(rec.unwrap()[col].to_owned());
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_library_file_is_well_formed_and_unambiguous() {
    let lib = starter_indicators();
    assert!(lib.len() > 80);
    let mut names: Vec<&str> = lib
        .iter()
        .flat_map(|i| std::iter::once(i.name.as_str()).chain(i.aliases.iter().map(String::as_str)))
        .collect();
    let total = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), total, "a wording names two indicators");
    assert!(
        parse_library("名\t个\tsideways\tenergy\n")
            .unwrap_err()
            .contains("line 1")
    );
    assert!(parse_library("# c\n名\t个\tup\tfood\n").unwrap_err().contains("line 2"));
    assert!(parse_library("名\t个\n").is_err());
}

#[test]
fn every_indicator_of_the_bundled_data_is_in_the_library() {
    let store = fresh();
    store.upsert_indicators(&starter_indicators(), "system").unwrap();
    let missing: Vec<String> = wordings()
        .into_iter()
        .filter(|w| store.find_indicator(w).unwrap().is_none())
        .collect();
    assert!(missing.is_empty(), "not in the library: {missing:?}");
    let same = |a: &str, b: &str| {
        assert_eq!(
            store.find_indicator(a).unwrap().unwrap().id,
            store.find_indicator(b).unwrap().unwrap().id,
            "{a} ~ {b}"
        )
    };
    same("单位地区生产总值能耗", "万元地区生产总值能耗");
    same("单位地区生产总值能耗", "能耗强度");
    same("单位地区生产总值能耗", "单位国内生产总值能耗");
    same("重度污染天数比率", "重度及以上污染天数比率");
    same("PM2.5年均浓度", "地级及以上城市PM2.5平均浓度");
    same("空气质量优良天数比例", "空气质量优良率");
    same("非化石能源占能源消费总量的比重", "非化石能源消费占比");
    same("新能源和可再生能源装机", "新能源和可再生能源发电装机");
}

/// Loads `data/observations.csv` the way the CLI will: names resolved to ids.
fn observations_csv(store: &dyn Store) -> Vec<NewObservation> {
    let mut rd = csv::Reader::from_path(workspace_file("data/observations.csv")).unwrap();
    let mut out = Vec::new();
    for rec in rd.deserialize::<std::collections::HashMap<String, String>>() {
        let rec = rec.unwrap();
        let region = store.find_region(&rec["region"], None).unwrap();
        let region = region.unwrap_or_else(|| panic!("region {}", rec["region"])).id;
        let indicator = store.find_indicator(&rec["indicator"]).unwrap().unwrap().id;
        let opt_year = |k: &str| rec.get(k).filter(|s| !s.is_empty()).map(|s| s.parse().unwrap());
        let measure = match rec["measure"].as_str() {
            "change" => Measure::Change,
            "increment" => Measure::Increment,
            _ => Measure::Level,
        };
        out.push(NewObservation {
            region,
            indicator,
            indicator_text: rec["indicator"].clone(),
            observation: Observation {
                year: rec["year"].parse().unwrap(),
                period: rec.get("period").filter(|s| !s.is_empty()).cloned(),
                value: rec["value"].parse().unwrap(),
                unit: rec["unit"].clone(),
                measure,
                baseline_year: opt_year("baseline_year"),
            },
            note: rec.get("note").cloned().unwrap_or_default(),
            source: Source::url(&rec["source_url"], &rec["quote"]),
        });
    }
    out
}

#[test]
fn the_real_observations_import_whole_and_reimport_unchanged() {
    let store = fresh();
    store.upsert_regions(&gazetteer_regions(), "system").unwrap();
    let china = store.find_region("中国", None).unwrap().unwrap().id;
    store
        .upsert_regions(
            &[NewRegion::named(
                "京津冀及周边地区",
                RegionLevel::Other,
                Some(ParentRef::Id(china)),
            )],
            "system",
        )
        .unwrap();
    store.upsert_indicators(&starter_indicators(), "system").unwrap();
    let rows = observations_csv(&*store);
    assert_eq!(rows.len(), 98);
    let s = store.import_observations(&rows, "demo").unwrap();
    assert_eq!((s.inserted, s.revised, s.unchanged), (98, 0, 0));
    let s = store.import_observations(&rows, "demo").unwrap();
    assert_eq!((s.inserted, s.revised, s.unchanged), (0, 0, 98));
    let jinan = store.find_region("济南市", None).unwrap().unwrap().id;
    let pm = store.find_indicator("PM2.5年均浓度").unwrap().unwrap().id;
    let jinan_pm = store
        .observations(&ObservationFilter {
            region: Some(jinan),
            indicator: Some(pm),
            ..Default::default()
        })
        .unwrap();
    // 2021 level and change, 2022 Jan–Sep, 2024 change against 2020.
    assert_eq!(jinan_pm.len(), 4);
    assert!(jinan_pm.iter().all(|o| o.source.url.starts_with("http")));
}

#[test]
fn no_two_indicators_share_a_normalised_form() {
    let mut seen = std::collections::HashMap::new();
    for i in starter_indicators() {
        for w in std::iter::once(&i.name).chain(&i.aliases) {
            let form = pledge_indicators::normalize(w);
            if let Some(other) = seen.insert(form.clone(), i.name.clone()) {
                assert_eq!(other, i.name, "{w} normalises to {form}, a form of {other}");
            }
        }
    }
}

#[test]
fn the_wordings_of_real_documents_match_their_indicator_confidently() {
    let store = fresh();
    store.upsert_indicators(&starter_indicators(), "system").unwrap();
    let library = store.indicator_library().unwrap();
    let cases = [
        ("国内生产总值", "亿元", Measure::Level, "地区生产总值"),
        ("地區生產總值", "亿元", Measure::Level, "地区生产总值"),
        ("GDP总量", "亿元", Measure::Level, "地区生产总值"),
        ("万元GDP能耗", "%", Measure::Change, "单位地区生产总值能耗"),
        ("能耗强度", "%", Measure::Change, "单位地区生产总值能耗"),
        ("萬元GDP能耗", "%", Measure::Change, "单位地区生产总值能耗"),
        ("细颗粒物浓度", "微克/立方米", Measure::Level, "PM2.5年均浓度"),
        ("PM2.5浓度", "μg/m3", Measure::Level, "PM2.5年均浓度"),
        (
            "细颗粒物（PM2.5）年均浓度",
            "微克/立方米",
            Measure::Level,
            "PM2.5年均浓度",
        ),
        ("优良率", "%", Measure::Level, "空气质量优良天数比例"),
        ("優良天數比例", "%", Measure::Level, "空气质量优良天数比例"),
        ("充电基础设施", "万个", Measure::Level, "充换电设施保有量"),
        ("充电桩", "台", Measure::Level, "充换电设施保有量"),
        ("重度污染天数", "天", Measure::Level, "重度及以上污染天数"),
        ("全市污水日处理能力", "万吨/日", Measure::Level, "污水处理能力"),
        ("技术合同成交额", "亿元", Measure::Level, "技术合同成交额"),
        (
            "規上工業單位增加值能耗",
            "%",
            Measure::Change,
            "规模以上工业单位增加值能耗",
        ),
        ("城镇常住人口占总人口比重", "%", Measure::Level, "常住人口城镇化率"),
    ];
    for (wording, unit, measure, name) in cases {
        let m = library.best(&Query::new(wording).unit(unit).measure(measure));
        let m = m.unwrap_or_else(|| panic!("{wording}: no match"));
        assert_eq!(m.name, name, "{wording}");
        assert!(m.is_confident(), "{wording}: {m:?}");
    }
    // Units decide: a % figure is not the count of days, a mass is no share.
    let days = library.best(&Query::new("优良天数").unit("%")).unwrap();
    assert_eq!(days.name, "空气质量优良天数比例");
    assert!(library.best(&Query::new("空气质量优良天数比例").unit("万吨")).is_none());
    // Junk the extractor has emitted finds no confident match.
    for junk in [
        "联盟成员单位齐聚一堂",
        "110米高的立塔生产线",
        "县级及以上党政机关建成节",
        "分季度看",
    ] {
        assert!(
            library.best(&Query::new(junk)).is_none_or(|m| !m.is_confident()),
            "{junk}"
        );
    }
}
