//! Scope: the article's place, scope words, named places and organizations.

use super::{facts, one};

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
