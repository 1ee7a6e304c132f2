//! Years, plan periods, parts of years and baselines.

use super::{facts_on, one};
use pledge_model::{Kind, Measure};

#[test]
fn due_year_and_baseline() {
    let f = one("到2027年，全县单位GDP能耗较2022年下降9%。");
    assert_eq!(
        (f.year, f.baseline_year, f.measure),
        (Some(2027), Some(2022), Measure::Change)
    );
}

#[test]
fn plan_period_counts_from_before_the_plan() {
    let f = one("“十四五”期间，全县新建改建农村公路800公里。");
    assert_eq!(
        (f.year, f.baseline_year, f.measure),
        (Some(2025), Some(2020), Measure::Increment)
    );
    let f = one("“十三五”末，全县贫困发生率降至0%。");
    assert_eq!(f.year, Some(2020));
}

#[test]
fn span_of_years() {
    let f = one("2019年—2023年，全区累计完成造林面积4.2万亩。");
    assert_eq!(
        (f.year, f.baseline_year, f.measure),
        (Some(2023), Some(2018), Measure::Increment)
    );
}

#[test]
fn as_of() {
    let f = one("截至2023年底，全市累计建成5G基站2.6万个。");
    assert_eq!((f.year, f.kind), (Some(2023), Kind::Actual));
}

#[test]
fn parts_of_a_year() {
    let f = one("2024年上半年，全省规上工业增加值同比增长7.1%。");
    assert_eq!(
        (f.year, f.period.as_deref(), f.baseline_year),
        (Some(2024), Some("H1"), Some(2023))
    );
    let f = one("2023年1—9月，全市固定资产投资同比增长4.8%。");
    assert_eq!(f.period.as_deref(), Some("1-9月"));
    let f = one("2023年一季度，全区社会消费品零售总额增长6.2%。");
    assert_eq!(f.period.as_deref(), Some("Q1"));
}

#[test]
fn relative_years_follow_the_date() {
    let f = facts_on("去年全县旅游收入18亿元。", Some("2024-02-01"));
    assert_eq!(f[0].year, Some(2023));
    let f = facts_on("明年全县计划新建学校4所。", Some("2024-02-01"));
    assert_eq!(f[0].year, Some(2025));
    let f = facts_on("今年全县计划新建学校4所。", None);
    assert_eq!(f[0].year, None);
}

#[test]
fn same_period_last_year() {
    let f = one("2023年全区税收收入同比增长5.5%。");
    assert_eq!((f.baseline_year, f.measure), (Some(2022), Measure::Change));
}

#[test]
fn year_bound_to_its_value() {
    let f = super::facts("全县规上企业数量由2018年的120家增加到2023年的310家。");
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].year, f[0].value), (Some(2018), 120.0));
    assert_eq!((f[1].year, f[1].value), (Some(2023), 310.0));
    assert_eq!(f[1].indicator, "规上企业数量");
}

#[test]
fn addition_within_a_year_is_an_increment() {
    let f = one("2023年全区净增市场主体2600户。");
    assert_eq!((f.measure, f.baseline_year), (Measure::Increment, Some(2022)));
    let f = one("2023年全区完成水利投资12亿元。");
    assert_eq!(f.measure, Measure::Level);
}

#[test]
fn forecast_without_due_date() {
    let f = one("预计新生产线年产值达8亿元。");
    assert_eq!((f.kind, f.year), (Kind::Target, None));
}

#[test]
fn the_leads_part_of_a_year_carries_to_later_results() {
    let f = facts_on(
        "上半年，全县经济运行小幅回升。\n全县固定资产投资增长5.2%。",
        Some("2024-09-09"),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].period.as_deref(), Some("H1"));
}

#[test]
fn a_sentence_broken_by_a_line_keeps_its_year() {
    let f = facts_on(
        "2024年,规模以上工业单位增加值能耗比上年下降7.4%。分行业来看,\n采矿业单位增加值能耗下降5.8%。",
        Some("2025-03-01"),
    );
    assert_eq!(
        f.iter().map(|f| f.year).collect::<Vec<_>>(),
        vec![Some(2024), Some(2024)],
        "{f:#?}"
    );
}

#[test]
fn a_rate_cited_in_brackets_is_the_earlier_periods() {
    let f = facts_on(
        "前三季度,全市工业增加值增长3.1%,较上半年(-1.5%)回升4.6个百分点;社会消费品零售总额增长6%,比上年同期(4.2%)加快。",
        Some("2023-10-25"),
    );
    let cited: Vec<_> = f
        .iter()
        .filter(|f| f.quote.starts_with(['较', '比']))
        .map(|f| (f.indicator.as_str(), f.year, f.period.as_deref(), f.direction, f.value))
        .collect();
    assert_eq!(
        cited,
        [
            (
                "工业增加值",
                Some(2023),
                Some("H1"),
                Some(pledge_model::Direction::Down),
                1.5
            ),
            (
                "社会消费品零售总额",
                Some(2022),
                Some("1-9月"),
                Some(pledge_model::Direction::Up),
                4.2
            ),
        ],
        "{f:#?}"
    );
    // The change of the growth rate is no fact.
    assert!(f.iter().all(|f| f.value != 4.6), "{f:#?}");
}

#[test]
fn a_baseline_frame_gives_the_baseline_year() {
    for text in [
        "到2025年,全县单位GDP能耗在2020年基础上下降14%。",
        "到2025年,全县单位GDP能耗在2020年的基础上下降14%。",
    ] {
        let f = one(text);
        assert_eq!(f.indicator, "单位GDP能耗", "{f:#?}");
        assert_eq!(
            (f.year, f.baseline_year, f.value),
            (Some(2025), Some(2020), 14.0),
            "{f:#?}"
        );
    }
    // The noun inside the frame is what changed.
    let f = facts_on("2023年,全县在2021年粗钢产量基础上累计减少120万吨。", Some("2024-01-10"));
    assert_eq!(f[0].indicator, "粗钢产量", "{f:#?}");
    assert_eq!((f[0].year, f[0].baseline_year), (Some(2023), Some(2021)), "{f:#?}");
}

#[test]
fn a_years_end_is_the_year() {
    let f = facts_on("2019年末全市常住人口890万人。", Some("2020-06-01"));
    assert_eq!((f[0].indicator.as_str(), f[0].year), ("常住人口", Some(2019)), "{f:#?}");
    let f = facts_on("2019年底全市常住人口890万人。", Some("2020-06-01"));
    assert_eq!(f[0].indicator, "常住人口", "{f:#?}");
    // 年底前: a deadline within the year in context.
    let f = facts_on("年底前再新增污水日处理能力8万吨。", Some("2020-06-01"));
    assert_eq!(
        (f[0].kind, f[0].indicator.as_str(), f[0].year),
        (Kind::Target, "污水日处理能力", Some(2020)),
        "{f:#?}"
    );
}
