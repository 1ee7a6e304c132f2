//! Observations: serde defaults and construction from actual facts.

use pledge_model::{Bound, Direction, Fact, Kind, Measure, Observation};

#[test]
fn measure_defaults_to_level() {
    let o: Observation = serde_json::from_str(r#"{"year":2023,"value":5.5,"unit":"万个"}"#).unwrap();
    assert_eq!(o, Observation::level(2023, 5.5, "万个"));
    assert!(!o.is_part_year());
}

#[test]
fn change_and_part_year_fields_are_read() {
    let o: Observation = serde_json::from_str(
        r#"{"year":2021,"value":-3.1,"unit":"%","measure":"change","baseline_year":2020,"period":"Q1"}"#,
    )
    .unwrap();
    assert_eq!(o.measure, Measure::Change);
    assert_eq!(o.baseline_year, Some(2020));
    assert!(o.is_part_year());
}

#[test]
fn from_fact_signs_a_fall() {
    let fact = Fact {
        doc: "d".into(),
        article: 0,
        kind: Kind::Actual,
        scope: "中国".into(),
        indicator: "万元国内生产总值能耗".into(),
        year: Some(2021),
        period: None,
        baseline_year: Some(2020),
        measure: Measure::Change,
        direction: Some(Direction::Down),
        bound: Bound::Eq,
        value: 2.7,
        value_max: None,
        unit: "%".into(),
        quote: "比上年下降2.7%".into(),
        span: [0, 1],
    };
    let o = Observation::from_fact(&fact).unwrap();
    assert_eq!(o, Observation::change(2021, 2020, -2.7, "%"));
    let target = Fact {
        kind: Kind::Target,
        ..fact
    };
    assert_eq!(Observation::from_fact(&target), None);
}
