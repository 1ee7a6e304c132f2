//! Compound units, percent against points, and traditional characters.

use super::{facts, one};

#[test]
fn compound_units() {
    assert_eq!(&*one("到2027年，新增供水能力15万吨/日。").unit, "吨/日");
    let f = one("到2027年，新增风电装机60万千瓦。");
    assert_eq!((f.value, f.unit.as_ref()), (600_000.0, "千瓦"));
    assert_eq!(&*one("2023年全市PM2.5年均浓度为31微克/立方米。").unit, "微克/立方米");
    assert_eq!(&*one("2023年全县能源消费总量128万吨标准煤。").unit, "吨标准煤");
    let f = one("2023年农村居民人均可支配收入2.1万元。");
    assert_eq!((f.value, f.unit.as_ref()), (21_000.0, "元"));
}

#[test]
fn percent_against_points() {
    let f = one("2023年全省城镇化率比上年提高0.8个百分点。");
    assert_eq!((f.unit.as_ref(), f.value), ("百分点", 0.8));
    assert_eq!(&*one("2023年全省城镇化率为66.5%。").unit, "%");
}

#[test]
fn traditional_units_come_out_simplified() {
    let f = one("2023年全市糧食總產量達到85萬噸。");
    assert_eq!((f.value, f.unit.as_ref()), (850_000.0, "吨"));
    assert_eq!(f.indicator, "糧食總產量");
}

#[test]
fn per_day_capacity_from_the_indicator() {
    let f = one("到2027年，全县污水日处理能力达到12万吨。");
    assert_eq!(&*f.unit, "吨/日");
}

#[test]
fn an_amount_reduced_names_its_indicator_and_a_rate_reduced_is_a_change() {
    let f = one("2022年，全市化学需氧量削减850吨。");
    assert_eq!(
        (f.measure, f.indicator.as_str()),
        (pledge_model::Measure::Level, "化学需氧量削减")
    );
    let f = one("2022年，全市化学需氧量排放量削减10%。");
    assert_eq!(f.measure, pledge_model::Measure::Change);
}

#[test]
fn an_average_yearly_growth_is_a_rate() {
    let f = one("到2025年，全市地区生产总值年均增长6%左右。");
    assert_eq!(
        (f.measure, f.direction, f.baseline_year),
        (pledge_model::Measure::Level, None, None)
    );
    assert_eq!(
        (f.indicator.as_str(), f.bound, f.year),
        ("地区生产总值年均增长", pledge_model::Bound::About, Some(2025))
    );
}

#[test]
fn a_magnitude_in_the_denominator_stays_in_the_unit() {
    let f = one("到2025年，鐵路網密度達到507公里/萬平方公里。");
    assert_eq!(
        one("到2025年，高速公路密度達到5公里/百平方公里。").unit.as_ref(),
        "公里/百平方公里"
    );
    assert_eq!(
        (f.value, f.unit.as_ref(), f.indicator.as_str()),
        (507.0, "公里/万平方公里", "鐵路網密度")
    );
}

#[test]
fn a_charging_grid_is_no_company() {
    let f = one("到2025年，完善城乡公共充换电网络，高速公路服务区快充站覆盖率不低于80%。");
    assert_ne!(f.scope.as_ref(), "完善城乡公共充换电网");
}

#[test]
fn a_day_stays_as_written() {
    assert_eq!(
        &*one("到2025年，生活垃圾焚烧处置能力达到3.1万吨/天以上。").unit,
        "吨/天"
    );
}

#[test]
fn a_headline_amount_of_money_without_its_unit_is_in_yuan() {
    let f = super::facts_on("十三五泸州森林覆盖率达51%,林业总产值250亿", Some("2016-05-01"));
    let got: Vec<(f64, &str, pledge_model::Measure)> = f.iter().map(|f| (f.value, &*f.unit, f.measure)).collect();
    assert_eq!(
        got,
        vec![
            (51.0, "%", pledge_model::Measure::Level),
            (25e9, "元", pledge_model::Measure::Level)
        ],
        "{f:#?}"
    );
    // A bare magnitude names no unit elsewhere.
    assert!(super::facts_on("全市人口达到900万", Some("2016-05-01")).is_empty());
}

#[test]
fn a_reducing_verb_before_its_object_is_an_amount_done() {
    let f = super::facts_on("神华集团2015年主动压减煤炭产能9500万吨。", Some("2016-05-12"));
    assert_eq!(
        (f[0].indicator.as_str(), f[0].measure),
        ("压减煤炭产能", pledge_model::Measure::Increment),
        "{f:#?}"
    );
    // After its noun the verb names a level (facts.md).
    let f = super::facts_on("全省化学需氧量削减850吨。", Some("2016-05-12"));
    assert_eq!(
        (f[0].indicator.as_str(), f[0].measure),
        ("化学需氧量削减", pledge_model::Measure::Level),
        "{f:#?}"
    );
}

#[test]
fn per_person_before_a_number_is_no_part_of_the_indicator() {
    let f = facts("2024年，全市全员劳动生产率从每人21.7万元提升至每人28.3万元。");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|f| f.indicator == "全员劳动生产率"), "{f:#?}");
}
