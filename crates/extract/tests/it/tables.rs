//! Tables flattened into text: one cell a line between bars, and one row a line.

use super::facts_on;
use pledge_model::{Direction, Kind, Measure};

#[test]
fn a_bulletin_table_of_indicators() {
    let text = "2022年全区国民经济和社会发展统计公报\n全区经济平稳。\n2022年全区生产总值及其增长速度\n|\n单位:亿元\n|\n指 标\n|\n绝对数\n|\n比上年增长%\n|\n生产总值\n|\n295.4\n|\n7.7\n|\n第三产业\n|\n60.9\n|\n-0.2\n|\n据统计，全区城镇新增就业岗位6007个。";
    let f = facts_on(text, Some("2023-04-01"));
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.indicator.as_str(),
                f.year,
                f.measure,
                f.direction,
                f.value,
                f.unit.as_ref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("生产总值", Some(2022), Measure::Level, None, 29_540_000_000.0, "元"),
            ("生产总值", Some(2022), Measure::Change, Some(Direction::Up), 7.7, "%"),
            ("第三产业", Some(2022), Measure::Level, None, 6_090_000_000.0, "元"),
            ("第三产业", Some(2022), Measure::Change, Some(Direction::Down), 0.2, "%"),
            ("城镇新增就业岗位", Some(2022), Measure::Level, None, 6007.0, "个"),
        ]
    );
}

#[test]
fn a_table_of_places_takes_its_indicator_from_the_header() {
    let text = "考核结果如下。\n地区\n|\n2016年单位GDP能耗目标（%)\n|\n2016年单位GDP能耗实际下降（%)\n|\n考核结果\n|\n成都市\n|\n-2.50\n|\n-2.66\n|\n完成\n|\n自贡市\n|\n-3.00\n|\n-3.11\n|\n完成";
    let f = facts_on(text, Some("2017-06-26"));
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.kind,
                f.scope.as_ref(),
                f.indicator.as_str(),
                f.year,
                f.baseline_year,
                f.value,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Target, "成都市", "单位GDP能耗", Some(2016), Some(2015), 2.5),
            (Kind::Actual, "成都市", "单位GDP能耗", Some(2016), Some(2015), 2.66),
            (Kind::Target, "自贡市", "单位GDP能耗", Some(2016), Some(2015), 3.0),
            (Kind::Actual, "自贡市", "单位GDP能耗", Some(2016), Some(2015), 3.11),
        ]
    );
    assert!(f.iter().all(|f| f.direction == Some(Direction::Down)));
}

#[test]
fn a_plan_table_one_row_a_line() {
    let text = "主要指标\n指标 |2020年 |2025年 |属性\n农业科技进步贡献率(%) |60 |64 |预期性\n高标准农田(万亩) |>80 |100 |约束性";
    let f = facts_on(text, Some("2021-06-01"));
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.kind, f.indicator.as_str(), f.year, f.bound, f.value, f.unit.as_ref()))
        .collect();
    use pledge_model::Bound::{Eq, Ge};
    assert_eq!(
        got,
        [
            (Kind::Actual, "农业科技进步贡献率", Some(2020), Eq, 60.0, "%"),
            (Kind::Target, "农业科技进步贡献率", Some(2025), Eq, 64.0, "%"),
            (Kind::Actual, "高标准农田", Some(2020), Ge, 800_000.0, "亩"),
            (Kind::Target, "高标准农田", Some(2025), Eq, 1_000_000.0, "亩"),
        ]
    );
}
