//! Lists with 分别 and lists that share a verb.

use super::facts;
use pledge_model::{Bound, Direction, Kind, Measure};

#[test]
fn fenbie_makes_one_fact_per_value() {
    let f = facts("到2027年，二氧化硫、氮氧化物、烟粉尘排放总量分别下降6%、7%、9%以上。");
    assert_eq!(f.len(), 3, "{f:#?}");
    assert_eq!(f[0].indicator, "二氧化硫排放总量");
    assert_eq!(f[1].indicator, "氮氧化物排放总量");
    assert_eq!(f[2].indicator, "烟粉尘排放总量");
    assert_eq!(f[2].bound, Bound::Ge);
    assert!(f.iter().all(|x| x.measure == Measure::Change));
}

#[test]
fn fenbie_shares_a_prefix() {
    let f = facts("今年单位地区生产总值能耗和水耗分别降低3%左右、4%左右。");
    assert_eq!(f.len(), 2);
    assert_eq!(f[1].indicator, "单位地区生产总值水耗");
}

#[test]
fn a_list_shares_its_verb() {
    let f = facts("到2027年，新增城市绿道60公里、口袋公园25个。");
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|x| x.measure == Measure::Increment), "{f:#?}");
    assert_eq!(f[1].indicator, "口袋公园");
}

#[test]
fn items_before_a_list_mark_stay_in_the_indicator() {
    let f = facts("到2027年，城市、农村污水处理率分别达到98%、85%。");
    assert_eq!(f.len(), 2);
}

#[test]
fn a_count_opening_a_sentence_names_the_topic_of_its_figures() {
    let f = super::facts_on(
        "全省100个产业园区继续保持平稳较快增长，签约项目1698个，开工1647个；园区从业人员新增15.86万人。",
        Some("2014-10-20"),
    );
    let got: Vec<(&str, f64)> = f.iter().map(|f| (f.indicator.as_str(), f.value)).collect();
    assert_eq!(
        got,
        vec![
            ("产业园区签约项目", 1698.0),
            ("产业园区开工", 1647.0),
            ("园区从业人员", 158_600.0)
        ],
        "{f:#?}"
    );
    // A verb or a bound before the count makes it a figure of its own.
    let f = super::facts_on("全市新建5个污水处理厂，总投资10亿元。", Some("2023-02-01"));
    assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), vec![5.0, 1e9], "{f:#?}");
    let f = super::facts_on(
        "全年开展不少于600场文化活动，完成3.34万册馆藏图书采购。",
        Some("2023-02-01"),
    );
    assert_eq!(f[0].indicator, "文化活动", "{f:#?}");
}

#[test]
fn places_sharing_one_value_and_noun_each_get_it() {
    let f = super::facts_on(
        "实现国家生态文明试验区、大气污染防治重点区域的高速公路服务区快充站覆盖率不低于80%、其他地区不低于60%。",
        Some("2022-01-19"),
    );
    let got: Vec<(&str, f64)> = f.iter().map(|f| (f.indicator.as_str(), f.value)).collect();
    assert_eq!(
        got,
        vec![
            ("国家生态文明试验区的高速公路服务区快充站覆盖率", 80.0),
            ("大气污染防治重点区域的高速公路服务区快充站覆盖率", 80.0),
            ("其他地区高速公路服务区快充站覆盖率", 60.0),
        ],
        "{f:#?}"
    );
    // An industry's name with 及 is one item.
    let f = super::facts_on(
        "电力、热力、燃气及水的生产和供应业单位增加值能耗增长0.1%。",
        Some("2025-03-01"),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
}

#[test]
fn places_before_fenbie_each_get_a_value_and_the_last_unit_serves_all() {
    let f = super::facts_on(
        "全国有28个地区超额完成了“十一五”节能目标任务，其中北京、湖北、天津分别超出目标6.59、1.67、1个百分点。",
        Some("2011-06-10"),
    );
    let got: Vec<(&str, &str, f64, &str)> = f
        .iter()
        .skip(1)
        .map(|f| (f.scope.as_ref(), f.indicator.as_str(), f.value, f.unit.as_ref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("北京市", "超出十一五节能目标", 6.59, "百分点"),
            ("湖北省", "超出十一五节能目标", 1.67, "百分点"),
            ("天津市", "超出十一五节能目标", 1.0, "百分点"),
        ],
        "{f:#?}"
    );
    assert!(f.iter().all(|x| x.kind == Kind::Actual), "{f:#?}");
    // Numbers listed for one thing stay with it: no place list, no scopes shared out.
    let f = super::facts_on("城镇、农村居民收入分别增长8、9%。", Some("2011-06-10"));
    assert_eq!(f.iter().map(|f| f.value).collect::<Vec<_>>(), vec![8.0, 9.0], "{f:#?}");
}

#[test]
fn a_bare_total_belongs_to_the_project_named_before_it() {
    let f = super::facts_on("完成安化县光伏发电项目(一)建设，总装机33.2万千瓦。", Some("2022-05-01"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].indicator, "光伏发电项目总装机");
}

#[test]
fn values_in_brackets_after_listed_places_are_the_list_heads() {
    let f = super::facts_on(
        "全国有28个地区超额完成了“十一五”节能目标任务,超额完成目标较多的十个地区分别为:北京(超额32.95%,下同)、天津(5%)、山西(3%)。",
        Some("2011-06-10"),
    );
    let got: Vec<(&str, &str, f64)> = f
        .iter()
        .skip(1)
        .map(|f| (f.scope.as_ref(), f.indicator.as_str(), f.value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("北京市", "超额完成十一五节能目标", 32.95),
            ("天津市", "超额完成十一五节能目标", 5.0),
            ("山西省", "超额完成十一五节能目标", 3.0),
        ],
        "{f:#?}"
    );
}

#[test]
fn a_named_rate_does_not_take_the_next_figures_noun() {
    let f = super::facts_on("“十四五”末全县森林覆盖率45%林地保有量200万亩。", Some("2021-05-01"));
    let names: Vec<&str> = f.iter().map(|f| f.indicator.as_str()).collect();
    assert_eq!(names, ["森林覆盖率", "林地保有量"], "{f:#?}");
    // A share of what follows, with a verb after it, keeps its noun.
    let f = super::one("新建民用建筑100%执行绿色建筑标准。");
    assert_eq!(f.indicator, "民用建筑执行绿色建筑标准", "{f:#?}");
}

#[test]
fn a_term_that_opens_with_a_manner_word_keeps_it() {
    // 高标准 is dropped before a verb (高标准推进…) but names the farmland it qualifies.
    let f = super::facts_on("到2025年,全省新建高标准农田500万亩。", Some("2021-05-01"));
    assert_eq!(f[0].indicator, "高标准农田", "{f:#?}");
}

#[test]
fn a_length_that_names_a_rate_is_part_of_it() {
    let f = super::facts_on("到2025年,城区公园绿地500米服务半径覆盖率达到90%。", Some("2021-05-01"));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].indicator.as_str(), f[0].value),
        ("城区公园绿地500米服务半径覆盖率", 90.0)
    );
    // A length that is the figure stays one.
    let f = super::facts_on("到2025年,新建绿道500公里。", Some("2021-05-01"));
    assert_eq!(f[0].value, 500.0, "{f:#?}");
}

#[test]
fn a_negative_value_in_a_list_is_a_fall() {
    let f = facts("上半年，全县蔬菜产量、瓜果产量分别增长39.3%、-97.7%。");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(
        (f[0].direction, f[1].direction, f[1].value, f[1].measure),
        (Some(Direction::Up), Some(Direction::Down), 97.7, Measure::Change),
        "{f:#?}"
    );
    let f = facts("上半年，全县蔬菜产量、瓜果产量分别增长-3.3%、9.7%。");
    assert_eq!(
        (f[0].direction, f[1].direction),
        (Some(Direction::Down), Some(Direction::Up)),
        "{f:#?}"
    );
}

#[test]
fn places_listed_before_what_they_measure_share_it_out() {
    let f = facts("2015年，中、西部地区规模以上工业增加值比上年分别增长7.6%和7.8%。");
    let got: Vec<(&str, &str, f64)> = f
        .iter()
        .map(|f| (f.scope.as_ref(), f.indicator.as_str(), f.value))
        .collect();
    assert_eq!(
        got,
        [
            ("中部地区", "规模以上工业增加值", 7.6),
            ("西部地区", "规模以上工业增加值", 7.8)
        ],
        "{f:#?}"
    );
    let f = facts("2015年，北京、湖北规模以上工业增加值比上年分别增长7.6%和7.8%。");
    let got: Vec<&str> = f.iter().map(|f| f.scope.as_ref()).collect();
    assert_eq!(got, ["北京市", "湖北省"], "{f:#?}");
}

#[test]
fn the_programme_a_sentence_opens_with_names_its_later_figures() {
    let f = facts("今年1至9月，全省“5个100工程”共完成投资3371亿元，签约资金5708亿元。其中，产业园区完成投资1200亿元。");
    assert_eq!(f.len(), 3, "{f:#?}");
    assert!(f[1].indicator.starts_with("5个100工程"), "{f:#?}");
    assert!(!f[2].indicator.contains("工程"), "{f:#?}");
    // A quoted name that is no programme names nothing after it.
    let f = facts("2023年，全市“无废城市”建设完成投资30亿元，新增绿地200公顷。");
    assert!(!f[1].indicator.contains("无废"), "{f:#?}");
}

#[test]
fn a_list_shares_its_verb_phrase_and_its_share_of_the_plan() {
    let f = facts("其中，产业园区、旅游景区、城市综合体完成投资分别增长4.3%、8.2%、9%。");
    let names: Vec<&str> = f.iter().map(|f| f.indicator.as_str()).collect();
    assert_eq!(
        names,
        ["产业园区完成投资", "旅游景区完成投资", "城市综合体完成投资"],
        "{f:#?}"
    );
    let f = facts("1至9月，其中，產業園區、旅游景區完成投資分別占年度計劃的74.3%、88.2%。");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(
        f.iter().all(|f| f.kind == Kind::Actual && !f.indicator.contains('分')),
        "{f:#?}"
    );
    assert!(f[1].indicator.starts_with("旅游景區完成投資"), "{f:#?}");
}
