//! A demo-like database for the tests: the Jinan page with its facts (article 0's targets
//! accepted into the plan, the rest left pending), the real observations and the real
//! targets of `data/`, all written through the store API.

use std::sync::Arc;

use pledge_model::{Bound, Direction, Fact, Measure, Target};
use pledge_sheets::PermissiveRegistry;
use pledge_store::{
    Acceptance, Binding, Category, DocumentKind, NewDocument, NewFact, NewIndicator, NewObservation, NewPlan,
    NewRegion, NewTarget, ParentRef, RegionLevel, Source, Store,
};
use pledge_web::views::document::find_quote;

/// The Jinan newspaper page (UTF-8).
pub const PAGE: &str = include_str!("../../../../testdata/jinan-page-2023-03.txt");
/// Its gold facts (no spans: they are found here by quote).
const FACTS: &str = include_str!("../../../../testdata/jinan-page-2023-03.jsonl");
/// Real observations.
const OBSERVATIONS: &[u8] = include_bytes!("../../../../data/observations.csv");
/// Real targets.
const TARGETS: &[u8] = include_bytes!("../../../../data/targets.csv");

/// The token the tests write with.
pub const TOKEN: &str = "test-token-0123456789";

/// A seeded store in a temporary directory (kept alive by the returned guard).
pub struct Seeded {
    /// The store.
    pub store: Arc<dyn Store>,
    /// The document id of the Jinan page.
    pub document: i64,
    /// Keeps the directory.
    pub _dir: tempfile::TempDir,
}

/// An empty store with regions and indicators only.
pub fn empty() -> Seeded {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::from(pledge_store::open(dir.path().join("pledge.db").to_str().unwrap()).unwrap());
    store
        .upsert_regions(&pledge_store::gazetteer_regions(), "system")
        .unwrap();
    store
        .upsert_regions(
            &[NewRegion::named(
                "京津冀及周边地区",
                RegionLevel::Other,
                Some(ParentRef::Official("中国".into())),
            )],
            "system",
        )
        .unwrap();
    store
        .upsert_indicators(&pledge_store::starter_indicators(), "system")
        .unwrap();
    Seeded {
        store,
        document: 0,
        _dir: dir,
    }
}

fn indicator(name: &str, unit: &str, category: Category) -> NewIndicator {
    NewIndicator {
        name: name.into(),
        aliases: Vec::new(),
        unit: unit.into(),
        desirability: Some(pledge_model::Desirability::Up),
        category,
        description: String::new(),
    }
}

/// The demo-like database.
pub fn demo() -> Seeded {
    let mut seeded = empty();
    let store = seeded.store.clone();
    let s = store.as_ref();
    // Indicators of the district facts, unless the library already has them.
    let extra: Vec<NewIndicator> = [
        indicator("技术合同成交额", "元", Category::Innovation),
        indicator("高新技术企业总数", "家", Category::Innovation),
    ]
    .into_iter()
    .filter(|i| s.find_indicator(&i.name).unwrap().is_none())
    .collect();
    s.upsert_indicators(&extra, "system").unwrap();
    // The page and its facts.
    let mut doc = NewDocument::from_bytes(PAGE.as_bytes(), PAGE, "jinan-page-2023-03.txt", DocumentKind::News);
    doc.title = "济南日报 2023-03-02 第2版".into();
    doc.date = Some("2023-03-02".into());
    let document = s.add_document(&doc, "demo").unwrap().id;
    seeded.document = document;
    let jinan = s.find_region("济南市", None).unwrap().unwrap().id;
    let mut news = Vec::new();
    let mut cursor = 0;
    for line in FACTS.lines().filter(|l| !l.trim().is_empty()) {
        let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
        value["span"] = serde_json::json!([0, 0]);
        let mut fact: Fact = serde_json::from_value(value).unwrap();
        let found = find_quote(&PAGE[cursor..], &fact.quote)
            .map(|(a, b)| (a + cursor, b + cursor))
            .or_else(|| find_quote(PAGE, &fact.quote));
        if let Some((a, b)) = found {
            fact.span = [a, b];
            cursor = a;
        }
        let region = s.find_region(&fact.scope, Some(jinan)).unwrap().map(|r| r.id);
        let indicator = s.find_indicator(&fact.indicator).unwrap().map(|i| i.id);
        news.push(NewFact {
            fact,
            region,
            indicator,
        });
    }
    let ids = s.add_facts(document, &news, "demo").unwrap();
    let plan = s
        .add_plan(
            &NewPlan {
                title: "济南市“十四五”节能减排工作实施方案".into(),
                issuer: "济南市人民政府".into(),
                region: jinan,
                period_start: Some(2021),
                period_end: Some(2025),
                baseline_year: Some(2020),
                document: Some(document),
            },
            "demo",
        )
        .unwrap();
    for (id, new) in ids.iter().zip(&news) {
        let accept = new.region.is_some()
            && new.indicator.is_some()
            && new.fact.year.is_some()
            && (new.fact.article == 0 || &*new.fact.scope == "天桥区" && new.fact.indicator == "技术合同成交额");
        if accept {
            let how = Acceptance {
                plan: (new.fact.article == 0).then_some(plan),
                binding: if new.fact.indicator.contains("能耗") {
                    Binding::Binding
                } else {
                    Binding::Expected
                },
                lead_departments: vec![if new.fact.indicator.contains("能") {
                    "市发展改革委".into()
                } else {
                    "市生态环境局".into()
                }],
                ..Acceptance::default()
            };
            s.accept_fact(*id, &how, "demo").unwrap();
        }
    }
    // Real observations: the rows whose region and indicator the library knows.
    let rows = pledge_sheets::read_observations("observations.csv", OBSERVATIONS, &PermissiveRegistry).unwrap();
    let mut obs = Vec::new();
    for row in rows {
        let (Some(region), Some(ind)) = (
            s.find_region(&row.region, Some(jinan)).unwrap(),
            s.find_indicator(&row.indicator).unwrap(),
        ) else {
            continue;
        };
        let mut new = NewObservation::new(
            region.id,
            ind.id,
            row.observation(),
            Source::url(&row.source_url, &row.quote),
        );
        new.note = row.note.clone().unwrap_or_default();
        if obs.iter().any(|o: &NewObservation| o.key() == new.key()) {
            continue;
        }
        obs.push(new);
    }
    s.import_observations(&obs, "demo").unwrap();
    // Real targets.
    let mut reader = csv::Reader::from_reader(TARGETS);
    for record in reader.records() {
        let r = record.unwrap();
        let (Some(region), Some(ind)) = (
            s.find_region(&r[0], Some(jinan)).unwrap(),
            s.find_indicator(&r[1]).unwrap(),
        ) else {
            continue;
        };
        if region.name == "中国" {
            continue;
        }
        let bound = match &r[5] {
            ">=" => Bound::Ge,
            "<=" => Bound::Le,
            "~" => Bound::About,
            _ => Bound::Eq,
        };
        let measure = match &r[6] {
            "change" => Measure::Change,
            "increment" => Measure::Increment,
            _ => Measure::Level,
        };
        let target = Target {
            measure,
            direction: match &r[7] {
                "down" => Some(Direction::Down),
                "up" => Some(Direction::Up),
                _ => None,
            },
            bound,
            value: r[3].parse().unwrap(),
            value_max: None,
            unit: r[4].to_owned(),
            year: r[2].parse().unwrap(),
            baseline_year: r[8].parse().ok(),
            aspiration: false,
        };
        let mut new = NewTarget::new(region.id, ind.id, target, Source::url(&r[9], &r[10]));
        new.indicator_text = r[1].to_owned();
        new.lead_departments = vec!["市生态环境局".into()];
        let _ = s.add_target(&new, "demo");
    }
    seeded
}

/// Three pending actual facts of 济南市's good-air share on the page document, for bulk
/// actions: one named exactly (nothing holds it), one whose wording the matcher only
/// guesses (low confidence), one of 1234.5 % (implausible).
pub fn bulk_facts(seeded: &Seeded) -> Vec<i64> {
    vec![
        // Named exactly: nothing holds it.
        share_fact(seeded, "空气质量优良天数比例", 66.1, 2019),
        // A guess of the matcher (the wording names days, not their share).
        share_fact(seeded, "空气质量良好天数占监测天数", 66.3, 2018),
        // No share is 1234.5 %.
        share_fact(seeded, "空气质量优良天数比例", 1234.5, 2017),
    ]
}

/// Adds one pending fact: 济南市's 空气质量优良天数比例 of `year`, worded `indicator`,
/// matched to the region and the indicator; its id.
pub fn share_fact(seeded: &Seeded, indicator: &str, value: f64, year: i32) -> i64 {
    let s = seeded.store.as_ref();
    let jinan = s.find_region("济南市", None).unwrap().unwrap().id;
    let share = s.find_indicator("空气质量优良天数比例").unwrap().unwrap().id;
    let fact = Fact {
        doc: "d".into(),
        article: 0,
        kind: pledge_model::Kind::Actual,
        scope: "济南市".into(),
        indicator: indicator.into(),
        year: Some(year),
        period: None,
        baseline_year: None,
        measure: Measure::Level,
        direction: None,
        bound: Bound::Eq,
        value,
        value_max: None,
        unit: "%".into(),
        quote: String::new(),
        span: [0, 0],
    };
    let new = NewFact {
        fact,
        region: Some(jinan),
        indicator: Some(share),
    };
    s.add_facts(seeded.document, &[new], "demo").unwrap()[0]
}
