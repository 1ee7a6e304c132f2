//! Scope: the article's place, scope words, named places and organizations.

use super::{facts, facts_on, one};

#[test]
fn scope_words_resolve_through_the_place() {
    let f = facts("济南市历城区2023年经济运行情况\n2023年，全区地区生产总值增长6%。全市地区生产总值增长5.5%。");
    assert_eq!(&*f[0].scope, "历城区");
    assert_eq!(&*f[1].scope, "济南市");
}

#[test]
fn country_words() {
    assert_eq!(&*one("2023年全国粮食产量1.39万亿斤。").scope, "中国");
    assert_eq!(&*one("2023年我国新能源汽车产量958.7万辆。").scope, "中国");
}

#[test]
fn a_named_place_heads_its_clause() {
    let f = one("2023年，济南市章丘区新增高新技术企业120家。");
    assert_eq!(&*f.scope, "章丘区");
}

#[test]
fn a_company_owns_its_figures() {
    let f = facts("今年以来，青岛海达重工有限公司已签订合同3亿元。该公司预计全年营收增长20%。");
    assert_eq!(&*f[0].scope, "青岛海达重工有限公司");
    assert_eq!(&*f[1].scope, "青岛海达重工有限公司");
}

#[test]
fn a_short_company_name_opening_a_clause_is_the_scope_and_its_bare_noun_refers_back() {
    let f = facts_on(
        "神华集团办公厅主任表示，神华集团2015年投入57.9亿元节能环保资金。集团截止2015年底，超低排放燃煤发电机组已达到47台。",
        Some("2016-05-12"),
    );
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|f| f.scope.as_ref() == "神华集团"), "{f:#?}");
    // A quantified noun is no name.
    let f = facts_on("各公司2015年投入57.9亿元节能环保资金。", Some("2016-05-12"));
    assert_ne!(f[0].scope.as_ref(), "各公司");
}

#[test]
fn joint_effort_is_no_commitment() {
    let f = facts_on("2015年，公司通过上下共同努力，挖潜增效60亿元以上。", Some("2016-05-12"));
    assert_eq!(f[0].kind, pledge_model::Kind::Actual);
}

#[test]
fn a_company_scope_is_simplified_and_ends_at_an_earlier_suffix() {
    let f = facts_on(
        "2003年河南焦礦公司加盟中軸集團，到2010年集團公司銷售收入達到20億元。",
        Some("2004-02-05"),
    );
    // Simplified, and not run into the company named before it or the verb joining them.
    assert_eq!(f[0].scope.as_ref(), "中轴集团", "{f:#?}");
}

#[test]
fn a_kind_of_company_after_a_time_is_no_name() {
    let f = facts_on("2022年上市公司达到30家。", Some("2023-02-01"));
    assert_ne!(f[0].scope.as_ref(), "上市公司", "{f:#?}");
}

#[test]
fn a_new_town_of_a_place_is_its_own_scope() {
    let f = facts_on(
        "嘉定区“十四五”期间累计落实超低能耗建筑示范项目不少于40万平方米，其中嘉定新城累计落实超低能耗建筑示范项目不少于20万平方米，且至少建设一个超低能耗建筑集中示范区。",
        Some("2022-12-01"),
    );
    let got: Vec<(&str, f64)> = f.iter().map(|f| (&*f.scope, f.value)).collect();
    assert_eq!(
        got,
        vec![("嘉定区", 400_000.0), ("嘉定新城", 200_000.0), ("嘉定新城", 1.0)],
        "{f:#?}"
    );
}

#[test]
fn the_regions_of_national_statistics_are_scopes() {
    let f = facts_on(
        "2023年，东部地区生产总值增长5.4%，东北地区固定资产投资下降1.8%。",
        Some("2024-02-28"),
    );
    let scopes: Vec<&str> = f.iter().map(|f| f.scope.as_ref()).collect();
    assert_eq!(scopes, ["东部地区", "东北地区"], "{f:#?}");
}

#[test]
fn the_de_after_a_place_belongs_to_it() {
    let f = one("2023年，济南市的污水处理率达到98%。");
    assert_eq!(
        (f.scope.as_ref(), f.indicator.as_str()),
        ("济南市", "污水处理率"),
        "{f:#?}"
    );
}

#[test]
fn a_scope_word_in_a_rank_is_no_subject() {
    let f = facts_on(
        "2023年，历下区经济总量稳居全市首位、全省前列；规上工业总产值突破440亿元，全市第一产业增加值增长4%。",
        Some("2024-01-10"),
    );
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(f[0].scope.as_ref(), "历下区", "{f:#?}");
    assert!(f[1].indicator.contains("第一产业增加值"), "{f:#?}");
}

#[test]
fn places_listed_before_deng_are_counted_not_counting() {
    let f = facts_on(
        "2016年，四川省节能目标考核结果：攀枝花、德阳、绵阳、眉山等7个市为超额完成等级。",
        Some("2017-06-01"),
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].scope.as_ref(), f[0].value), ("四川省", 7.0), "{f:#?}");
    let f = facts_on(
        "2023年，济南市共有11家企业上榜，其中济南二机床集团有限公司等8家企业获评绿色工厂，华熙生物科技股份有限公司等4家企业获评绿色供应链管理企业。",
        Some("2023-08-10"),
    );
    assert_eq!(f.len(), 3, "{f:#?}");
    assert!(f.iter().all(|f| f.scope.as_ref() == "济南市"), "{f:#?}");
}
