use pledge_text::{Level, gazetteer};

#[test]
fn short_forms_resolve_in_context() {
    let g = gazetteer();
    let jinan = g.lookup("济南", None).unwrap();
    assert_eq!(g.places[jinan].name, "济南市");
    let huaiyin = g.lookup("槐荫", Some(jinan)).unwrap();
    assert_eq!(g.places[huaiyin].name, "槐荫区");
    assert!(g.is_within(huaiyin, jinan));
    assert_eq!(
        g.places[g.ancestor_at(huaiyin, Level::Province).unwrap()].name,
        "山东省"
    );
}

#[test]
fn ambiguous_district_names_need_context() {
    let g = gazetteer();
    let beijing = g.lookup("北京市", None).unwrap();
    let changchun = g.lookup("长春市", None).unwrap();
    let a = g.lookup("朝阳区", Some(beijing)).unwrap();
    let b = g.lookup("朝阳区", Some(changchun)).unwrap();
    assert_ne!(a, b);
    assert!(g.is_within(a, beijing) && g.is_within(b, changchun));
    // Without context a county short form is not taken from running text.
    assert!(g.mentions("和平发展", None).is_empty());
}

#[test]
fn functional_zones_and_provinces() {
    let g = gazetteer();
    let jinan = g.lookup("济南市", None).unwrap();
    let zone = g.lookup("高新区", Some(jinan)).unwrap();
    assert_eq!(g.places[zone].name, "济南高新区");
    let qibu = g.lookup("起步区", Some(jinan)).unwrap();
    assert_eq!(g.places[qibu].name, "济南新旧动能转换起步区");
    assert_eq!(g.places[g.lookup("广西", None).unwrap()].name, "广西壮族自治区");
    assert_eq!(g.places[g.lookup("内蒙古", None).unwrap()].name, "内蒙古自治区");
}

#[test]
fn traditional_characters_are_understood() {
    let g = gazetteer();
    let p = g.lookup("濟南市", None).unwrap();
    assert_eq!(g.places[p].name, "济南市");
    let m = g.mentions("山東省濟南市", None);
    assert_eq!(m.len(), 2);
}

#[test]
fn scope_prefers_headline_then_frequent_district() {
    let g = gazetteer();
    let s = g
        .article_scope(
            "",
            "历城区召开会议。历城区将加快建设，济南市有关部门参加。",
            Some("济南"),
        )
        .unwrap();
    assert_eq!(g.places[s].name, "历城区");
    let s = g
        .article_scope("济南机场海关开展检查", "海关检查了8家单位。", Some("济南"))
        .unwrap();
    assert_eq!(g.places[s].name, "济南市");
}
