use pledge_text::read;

fn norm(s: &str) -> String {
    read(s.as_bytes()).unwrap().norm.text
}

#[test]
fn spaces_inside_numbers_are_removed() {
    assert_eq!(norm("能耗下降1 4 . 8 %，"), "能耗下降14.8%，");
    assert_eq!(norm("由 20 1 9 年的 4 2 家"), "由2019年的42家");
    assert_eq!(norm("完成 3 . 5 万册"), "完成3.5万册");
}

#[test]
fn spread_cjk_text_is_closed_up() {
    assert_eq!(norm("也 带 动 了 当 地 产 业"), "也带动了当地产业");
    assert_eq!(norm("全市\u{3000}规划"), "全市规划");
}

#[test]
fn latin_words_keep_their_space() {
    assert_eq!(norm("征集城市 Brand Logo 方案"), "征集城市Brand Logo方案");
}

#[test]
fn a_table_row_keeps_numbers_apart() {
    assert_eq!(norm("河 北 -3.10 2.5 -1.20"), "河北-3.10 2.5 -1.20");
}

#[test]
fn full_width_folds_but_circled_numbers_stay() {
    assert_eq!(norm("①２０２５年达到９０％，增长３．５"), "①2025年达到90%，增长3.5");
    assert_eq!(norm("ＰＭ２．５浓度"), "PM2.5浓度");
}

#[test]
fn ascii_punctuation_in_chinese_becomes_full_width() {
    assert_eq!(
        norm("初步核算,全年增长5%;其中(初步)"),
        "初步核算，全年增长5%；其中（初步）"
    );
    assert_eq!(norm("投资1,250万元"), "投资1,250万元");
    assert_eq!(norm("Hello, world"), "Hello, world");
}

#[test]
fn reading_annotations_are_removed() {
    assert_eq!(norm("以(yǐ)上(shàng)目标"), "以上目标");
    assert_eq!(norm("节（jié）能"), "节能");
    assert_eq!(norm("行(xing2)业"), "行业");
    // Not an annotation: an upper-case abbreviation, or after a Latin letter.
    assert_eq!(norm("排放(CO2)下降"), "排放（CO2）下降");
}

#[test]
fn lines_cut_at_the_column_edge_are_joined() {
    let page = "  本报讯 到2025年，全市新能源汽车保有量达\n到25万辆，充电桩不少于2万个，加氢站建成\n\n10座。\n  第二段开始。\n";
    let doc = read(page.as_bytes()).unwrap();
    assert_eq!(
        doc.norm.text,
        "本报讯到2025年，全市新能源汽车保有量达到25万辆，充电桩不少于2万个，加氢站建成10座。\n第二段开始。"
    );
    assert_eq!(doc.paragraphs.len(), 2);
}

#[test]
fn boilerplate_lines_are_dropped() {
    let doc = read("标题一行\n正文内容很长很长。\n责任编辑：张三\n".as_bytes()).unwrap();
    assert!(!doc.norm.text.contains("责任编辑"));
}

#[test]
fn every_char_maps_back_to_the_original() {
    let src = "  到 20 2 5 年，ＧＤＰ增长６％。\n";
    let doc = read(src.as_bytes()).unwrap();
    let text = &doc.norm.text;
    let at = text.find("2025").unwrap();
    let span = doc.norm.original_span(at..at + 4);
    assert_eq!(&src[span.clone()], "20 2 5");
    let g = text.find("GDP").unwrap();
    assert_eq!(&src[doc.norm.original_span(g..g + 3)], "ＧＤＰ");
}
