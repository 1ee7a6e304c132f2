//! Target against actual.

use super::{facts, facts_on, one};
use pledge_model::Kind;

#[test]
fn commitments_are_targets() {
    assert_eq!(one("今年全区将新增城镇就业8000人。").kind, Kind::Target);
    assert_eq!(one("今年全区力争引进项目50个。").kind, Kind::Target);
    assert_eq!(one("到2026年，全市博物馆数量达到60家。").kind, Kind::Target);
    assert_eq!(one("2024年全区计划完成投资90亿元。").kind, Kind::Target);
}

#[test]
fn reports_are_actuals() {
    assert_eq!(one("2023年全区已建成充电桩3000个。").kind, Kind::Actual);
    assert_eq!(one("截至去年底，全区共有养老机构45家。").kind, Kind::Actual);
    assert_eq!(one("2023年全区粮食产量同比增长2.1%。").kind, Kind::Actual);
}

#[test]
fn task_and_result_side_by_side() {
    let f = facts("2023年全区招商引资的指标任务80亿元，实际完成96亿元。");
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].kind, f[0].value), (Kind::Target, 8e9));
    assert_eq!((f[1].kind, f[1].value), (Kind::Actual, 9.6e9));
    assert_eq!(f[1].indicator, f[0].indicator);
}

#[test]
fn a_commitment_carries_through_its_sentence() {
    let f = facts("该县将实施乡村道路提升工程，硬化道路120公里，改造危桥15座。");
    assert!(f.iter().all(|x| x.kind == Kind::Target), "{f:#?}");
}

#[test]
fn traditional_cues() {
    assert_eq!(one("今年全區將新增綠地30公頃。").kind, Kind::Target);
    assert_eq!(one("截至2023年底，全區已建成公園85個。").kind, Kind::Actual);
}

#[test]
fn a_plan_and_the_share_of_it_completed() {
    let f = facts_on(
        "2022年国民经济和社会发展计划执行情况\n初步预计，全区地区生产总值635亿元，完成年计划710亿元的89.4%（主要是二产未达预期目标），增长2.0%。",
        Some("2023-02-06"),
    );
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.kind, f.indicator.as_str(), f.year, f.value))
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Actual, "地区生产总值", Some(2022), 63_500_000_000.0),
            (Kind::Target, "地区生产总值", Some(2022), 71_000_000_000.0),
            (Kind::Actual, "地区生产总值完成年计划", Some(2022), 89.4),
            (Kind::Actual, "地区生产总值", Some(2022), 2.0),
        ]
    );
}

#[test]
fn a_share_of_the_year_task_keeps_the_sentence_period() {
    let f = facts_on(
        "截止9月底，全市二氧化硫削减336吨，完成全年任务的67%。",
        Some("2011-12-01"),
    );
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.kind, f.indicator.as_str(), f.period.as_deref(), f.value))
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Actual, "二氧化硫削减", Some("1-9月"), 336.0),
            (Kind::Actual, "二氧化硫削减完成全年任务", Some("1-9月"), 67.0),
        ]
    );
}

#[test]
fn a_count_up_to_a_date_is_a_result_whatever_the_sentence_foresees() {
    let f = facts_on(
        "截止9月底，我市万元GDP综合能耗下降2.87%，预计今年能够完成节能目标任务。",
        Some("2011-12-01"),
    );
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].kind, f[0].period.as_deref()), (Kind::Actual, Some("1-9月")));
}

#[test]
fn a_review_estimate_reports_but_a_review_target_commits() {
    let review = "2021年工作回顾\n";
    let f = facts_on(&format!("{review}预计全市地区生产总值增长8%。"), Some("2022-01-20"));
    assert_eq!(f[0].kind, Kind::Actual);
    let f = facts_on(
        &format!("{review}今年主要预期目标是：地区生产总值增长6%左右。"),
        Some("2022-01-20"),
    );
    assert_eq!(f[0].kind, Kind::Target);
}

#[test]
fn the_starting_point_of_a_commitment_is_a_result() {
    let f = facts("到2025年，城市新能源公交车辆占比将从2020年的66.2%提高到72%。");
    let got: Vec<_> = f.iter().map(|f| (f.kind, f.year, f.value)).collect();
    assert_eq!(
        got,
        [(Kind::Actual, Some(2020), 66.2), (Kind::Target, Some(2025), 72.0)]
    );
}

#[test]
fn a_plan_amount_without_a_year_counts_over_the_plan() {
    let f = facts_on(
        "泸州市“十三五”林业发展规划\n全市完成新造林100万亩。",
        Some("2016-05-01"),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].kind, f[0].year, f[0].measure, f[0].baseline_year),
        (Kind::Target, Some(2020), pledge_model::Measure::Increment, Some(2015))
    );
}

#[test]
fn figures_cited_from_a_plan_are_its_targets() {
    let f = facts_on(
        "根据《泸州市十三五林业发展规划》,至2020年,泸州林业生态建设完成新造林100万亩,实施森林抚育50万亩。",
        Some("2024-04-18"),
    );
    assert!(f.iter().all(|f| f.kind == Kind::Target), "{f:#?}");
    assert!(
        f.iter().all(|f| f.measure == pledge_model::Measure::Increment),
        "{f:#?}"
    );
    // Cited from a bulletin, they stay results.
    let f = facts_on("根据《2019年统计公报》,2019年全市完成造林10万亩。", Some("2024-04-18"));
    assert_eq!(f[0].kind, Kind::Actual, "{f:#?}");
}

#[test]
fn a_count_of_units_that_met_a_target_is_a_result() {
    let f = facts_on("有28个地区超额完成了“十一五”节能目标任务。", Some("2011-06-10"));
    assert_eq!((f[0].kind, f[0].value), (Kind::Actual, 28.0), "{f:#?}");
    assert_eq!(f[0].indicator, "超额完成了十一五节能目标任务的地区");
    // A count due in the future stays a commitment.
    let f = facts_on("到2025年，26个城市完成PM2.5浓度改善目标。", Some("2022-01-01"));
    assert_eq!(f[0].kind, Kind::Target, "{f:#?}");
}

#[test]
fn a_plan_that_sets_targets_speaks_for_its_paragraph() {
    let f = facts_on(
        "《节能减排“十二五”规划》提出目标,到2015年,全国万元国内生产总值能耗下降到0.869吨标准煤。“十二五”期间,实现节约能源6.7亿吨标准煤。",
        Some("2016-01-20"),
    );
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|f| f.kind == Kind::Target), "{f:#?}");
}

#[test]
fn a_list_introduced_by_its_goals_is_a_list_of_targets() {
    // 目标是/目标为 introduces this year's commitments, whatever the year under review;
    // a bare 全年 keeps the year the sentence named (今年), not the year reviewed.
    let f = facts_on(
        "政府工作报告回顾了去年的工作。今年的主要目标是:城镇新增就业900万人以上,登记失业率全年控制在4.5%以内。",
        Some("2019-03-05"),
    );
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(
        f.iter().all(|f| f.kind == Kind::Target && f.year == Some(2019)),
        "{f:#?}"
    );
}

#[test]
fn a_rise_or_fall_after_an_indicator_is_a_change() {
    let f = one("今年全市居民消费价格涨幅控制在2.5%左右。");
    assert_eq!(f.indicator, "居民消费价格", "{f:#?}");
    assert_eq!(
        (f.measure, f.direction),
        (pledge_model::Measure::Change, Some(pledge_model::Direction::Up))
    );
    let f = one("2023年全市工业用水量降幅为4%。");
    assert_eq!(f.indicator, "工业用水量", "{f:#?}");
    assert_eq!(f.direction, Some(pledge_model::Direction::Down), "{f:#?}");
}

#[test]
fn a_news_item_citing_a_plan_reports_results() {
    let f = facts_on(
        "济南11家企业上榜\n日前，省工信厅公布2023年省级绿色制造名单，济南市共有11家企业上榜。\n为贯彻落实《“十四五”工业绿色发展规划》，持续完善绿色制造体系。",
        Some("2023-08-10"),
    );
    assert!(!f.is_empty());
    assert!(
        f.iter().all(|f| f.kind == Kind::Actual && f.year == Some(2023)),
        "{f:#?}"
    );
}

#[test]
fn then_speaks_of_the_future() {
    let f = one("两个项目正在筹建，届时全市生活垃圾处理能力可达到9000吨以上。");
    assert_eq!(f.kind, Kind::Target, "{f:#?}");
}

#[test]
fn a_past_period_carried_into_a_plan_paragraph_gives_results() {
    let f = facts_on(
        "解读《济南市“十四五”绿色低碳循环发展规划》\n“十三五”时期，全市绿色发展成效明显。绿色产业发展势头良好，“四新”经济增加值比重超过36%，煤炭消费总量压减22.5%。",
        Some("2022-07-18"),
    );
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(
        f.iter().all(|f| f.kind == Kind::Actual && f.year == Some(2020)),
        "{f:#?}"
    );
}

#[test]
fn the_expected_target_a_result_beat_is_the_target_alone() {
    let f = facts_on(
        "济南市2020年国民经济和社会发展统计公报\n全年新增城镇就业16.3万人，超额完成15万人左右的预期目标，年末城镇登记失业率2.03%，低于3%左右的预期目标。",
        Some("2021-03-01"),
    );
    let kinds: Vec<(f64, Kind)> = f.iter().map(|f| (f.value, f.kind)).collect();
    assert_eq!(
        kinds,
        [
            (163_000.0, Kind::Actual),
            (150_000.0, Kind::Target),
            (2.03, Kind::Actual),
            (3.0, Kind::Target)
        ],
        "{f:#?}"
    );
    // 预期目标是： still opens a list of targets.
    let f = facts_on(
        "今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上。",
        Some("2022-03-05"),
    );
    assert!(f.len() == 2 && f.iter().all(|f| f.kind == Kind::Target), "{f:#?}");
}

#[test]
fn a_breakdown_lead_names_no_indicator() {
    let f = facts_on(
        "济南市2020年统计公报\n初步核算，全年全市地区生产总值10140.9亿元，比上年增长4.9%。分季度看，一季度实现2027.0亿元，下降4.4%。",
        Some("2021-03-01"),
    );
    assert_eq!(f.len(), 4, "{f:#?}");
    assert!(f.iter().all(|f| f.indicator == "地区生产总值"), "{f:#?}");
}

#[test]
fn the_field_a_sentence_opens_with_names_its_bare_figures() {
    let f = facts_on(
        "在安全生产方面，2015年投入63.91亿元，安全事故数同比下降85.7%。",
        Some("2016-05-12"),
    );
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(f[0].indicator, "安全生产投入", "{f:#?}");
    assert_eq!(f[1].indicator, "安全事故数", "{f:#?}");
}
