//! Numbers that are not facts: scenes, dates, ordinals, slogans, codes.

use super::facts;

#[test]
fn dates_and_ordinals() {
    assert!(facts("5月8日，第三届文化节在市民广场开幕。").is_empty());
    assert!(facts("会议于2023年12月召开。").is_empty());
}

#[test]
fn slogans_and_codes() {
    assert!(facts("全区推进“1+3+N”工作体系，落实“3510”行动。").is_empty());
    assert!(facts("该区着力打造5G应用场景和4A级景区品牌。").is_empty());
}

#[test]
fn scenes() {
    assert!(facts("该园区位于城东，占地500亩，建有厂房12栋。").is_empty());
    assert!(facts("一座高80米的观景塔矗立在湖边。").is_empty());
    assert!(facts("车间里摆着两三台直径五六米的设备。").is_empty());
}

#[test]
fn chinese_words_with_numeral_characters() {
    assert!(facts("全区上下一心，千方百计稳就业，万众一心谋发展。").is_empty());
    assert!(facts("文件列出三大任务、十大工程。").is_empty());
}

#[test]
fn page_numbers_and_list_marks() {
    assert!(facts("3\n（一）总体要求\n1.加强组织领导").is_empty());
}

#[test]
fn a_size_class_in_brackets_is_no_figure() {
    let f = super::facts_on(
        "1-9月，产业园区完成规模以上(500万元口径)工业总产值4765亿元。",
        Some("2014-10-20"),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].value, f[0].indicator.as_str()),
        (476_500_000_000.0, "产业园区完成规模以上工业总产值")
    );
}

#[test]
fn a_january_report_of_the_whole_year_dates_the_year_just_closed() {
    let f = super::facts_on("全年第三产业增加值占国内生产总值的比重为50.5%。", Some("2016-01-20"));
    assert_eq!(f[0].year, Some(2015));
    let f = super::facts_on("全年第三产业增加值占国内生产总值的比重为50.5%。", Some("2016-05-20"));
    assert_eq!(f[0].year, Some(2016));
}

#[test]
fn a_change_of_a_growth_rate_is_no_fact_but_a_share_names_its_whole() {
    let f = super::facts_on(
        "全省规上工业单位增加值能耗下降3.1%，降幅较上半年扩大0.7个百分点。",
        Some("2025-03-01"),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = super::facts_on(
        "全年非化石能源发电量达到1859.0亿千瓦时，占全部发电量的27.5%。",
        Some("2025-03-01"),
    );
    assert_eq!(f[1].indicator, "非化石能源发电量占全部发电量");
    assert!(f.iter().all(|f| f.year == Some(2024)), "{f:#?}");
}

#[test]
fn a_gap_to_another_place_or_indicator_is_no_fact() {
    let f = super::facts_on(
        "中、西部地区规模以上工业增加值分别增长7.6%和7.8%，分别快于东部地区0.9和1.1个百分点。",
        Some("2016-01-20"),
    );
    let values: Vec<f64> = f.iter().map(|f| f.value).collect();
    assert_eq!(values, vec![7.6, 7.8], "{f:#?}");
    let f = super::facts_on("全区居民人均可支配收入3.2万元，比全省高1.18万元。", Some("2023-02-01"));
    assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), vec![32_000.0], "{f:#?}");
}

#[test]
fn the_year_of_a_price_basis_dates_nothing() {
    let f = super::facts_on(
        "到2015年，全国万元国内生产总值能耗下降到0.869吨标准煤(按2005年价格计算)，比2010年的1.034吨标准煤下降16%。",
        Some("2012-08-06"),
    );
    let years: Vec<(f64, Option<i32>)> = f.iter().map(|f| (f.value, f.year)).collect();
    assert_eq!(
        years,
        vec![(0.869, Some(2015)), (1.034, Some(2010)), (16.0, Some(2015))],
        "{f:#?}"
    );
}

#[test]
fn a_number_inside_a_quoted_name_counts_nothing() {
    let f = super::facts_on("今年1至9月，我省“5个100工程”共完成投资3371亿元。", Some("2014-10-20"));
    assert_eq!(
        f.iter().map(|f| f.value).collect::<Vec<_>>(),
        vec![337_100_000_000.0],
        "{f:#?}"
    );
    // A quoted target is still read.
    let f = super::facts_on("规划提出“到2025年森林覆盖率达到45%”。", Some("2021-05-01"));
    assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), vec![45.0], "{f:#?}");
}

#[test]
fn a_counted_kind_of_body_is_no_scope() {
    let f = super::facts_on(
        "园区已有1975家企业入驻，培育农民合作社2241家，从业农民达331万人。",
        Some("2014-10-20"),
    );
    assert!(f.iter().all(|f| !f.scope.contains("合作社")), "{f:#?}");
}

#[test]
fn a_count_of_a_texts_parts_is_no_fact() {
    assert!(
        super::facts_on(
            "在四个方面设立了15项“十四五”时期综合交通运输发展的主要指标。",
            Some("2022-01-19")
        )
        .is_empty()
    );
    assert!(super::facts_on("文件提出20条具体措施。", Some("2022-01-19")).is_empty());
}

#[test]
fn a_ranking_holds_no_facts() {
    let f =
        facts("2022年，全市空气质量在全国168个重点城市中排第130名，同比前进16个位次，细颗粒物浓度为34微克/立方米。");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].value, 34.0);
    assert!(facts("2021年，全市综合指数成功退出168城市排名后20位。").is_empty());
    assert_eq!(facts("2023年，全市引进院士专家20位。").len(), 1);
}

#[test]
fn a_narrower_rise_a_lead_over_another_place_and_a_set_one_is_in_are_no_facts() {
    let f = facts("2020年，全市居民消费价格上涨2.4%，涨幅比上年缩小0.9个百分点。");
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = facts("2020年，全市居民消費價格上漲2.4%，漲幅比上年縮小0.9個百分點。");
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = facts("2023年，全市GDP名义增速6.07%，跑赢全国1.43个百分点。");
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = facts("作为全国十五个副省级城市之一，济南市2023年地区生产总值12757.4亿元。");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].value, 1_275_740_000_000.0);
}

#[test]
fn a_multiple_of_another_place_is_a_ratio_not_a_fact() {
    assert!(facts("2025年，全市PM2.5改善幅度是全国1.6倍。").is_empty());
    assert!(facts("2024年，全区税收收入为全市平均水平的2倍。").is_empty());
    assert_eq!(facts("2025年，全市新能源汽车产量增长1.6倍。").len(), 1);
}

#[test]
fn a_time_that_names_a_circle_is_part_of_a_name() {
    assert!(facts("到2025年，初步构建京津冀城市群2小时交通圈。").is_empty());
    let f = facts("到2025年，全市建成15分钟生活圈100个。");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].indicator.as_str(), f[0].value), ("15分钟生活圈", 100.0), "{f:#?}");
}
