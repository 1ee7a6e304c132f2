//! Targets: serde form and construction from fact records.

use pledge_model::{Bound, Desirability, Direction, Fact, Kind, Measure, Target, TargetError};

fn fact(kind: Kind, year: Option<i32>, quote: &str) -> Fact {
    Fact {
        doc: "d".into(),
        article: 0,
        kind,
        scope: "济南市".into(),
        indicator: "单位地区生产总值能耗".into(),
        year,
        period: None,
        baseline_year: Some(2020),
        measure: Measure::Change,
        direction: Some(Direction::Down),
        bound: Bound::Eq,
        value: 14.8,
        value_max: None,
        unit: "%".into(),
        quote: quote.into(),
        span: [0, 1],
    }
}

#[test]
fn a_target_reads_the_fact_fields_and_ignores_the_rest() {
    let json = r#"{"measure":"change","direction":"down","bound":">=","value":15.5,"unit":"%","year":2025,"baseline_year":2020,"doc":"x","quote":"下降15.5%以上"}"#;
    let t: Target = serde_json::from_str(json).unwrap();
    assert_eq!(t.measure, Measure::Change);
    assert_eq!(t.bound, Bound::Ge);
    assert_eq!(t.value_max, None);
    assert!(!t.aspiration);
    let back = serde_json::to_value(&t).unwrap();
    assert_eq!(back["bound"], ">=");
    assert!(back.get("aspiration").is_none());
}

#[test]
fn from_fact_keeps_the_numbers_and_flags_aspiration() {
    let t = Target::from_fact(&fact(Kind::Target, Some(2025), "力争下降14.8%")).unwrap();
    assert_eq!((t.year, t.baseline_year, t.value), (2025, Some(2020), 14.8));
    assert!(t.aspiration);
    assert!(
        !Target::from_fact(&fact(Kind::Target, Some(2025), "下降14.8%"))
            .unwrap()
            .aspiration
    );
}

#[test]
fn from_fact_refuses_actuals_and_undated_targets() {
    assert_eq!(
        Target::from_fact(&fact(Kind::Actual, Some(2025), "")),
        Err(TargetError::NotATarget)
    );
    assert_eq!(
        Target::from_fact(&fact(Kind::Target, None, "")),
        Err(TargetError::NoYear)
    );
}

#[test]
fn implied_desirability_of_a_fact_target() {
    let t = Target::from_fact(&fact(Kind::Target, Some(2025), "")).unwrap();
    assert_eq!(t.implied_desirability(), Some(Desirability::Down));
}
