use pledge_text::{read, segment};

#[test]
fn the_jinan_page_has_nine_articles_with_their_bylines() {
    let doc = read(&crate::jinan_page()).unwrap();
    let a = segment(&doc);
    assert_eq!(a.len(), 9);
    assert_eq!(a[1].reporters, ["王健"]);
    assert_eq!(a[1].correspondents, ["韩宏伟"]);
    assert_eq!(a[3].correspondents, ["康钰坤", "高雅楠"]);
    assert_eq!(a[5].scope.as_deref(), Some("济南高新区"));
    assert!(a[0].kicker.as_deref().is_some_and(|k| k.ends_with('—')));
}

/// A page of our own: headlines after their bodies, one byline spread over two lines.
const PAGE: &str = "  □记 者 李明
   通讯员 周红 报道
  本报青岛讯 3 月 5 日，青岛市黄岛区召开大会，部
署全年工作。黄岛区今年将新建充电桩 1 2 00 个，
新增绿色工厂 5 家。
  会上，黄岛区还提出加快项目建设。

黄岛区部署
全年重点工作

  □记者 王强 报道
  本报青岛讯 近日，崂山区发布文旅消费数据，全年
接待游客 3 000 万人次。

崂山文旅消费持续升温
";

#[test]
fn headlines_after_bodies_and_places_from_short_forms() {
    let doc = read(PAGE.as_bytes()).unwrap();
    let a = segment(&doc);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].headline, "黄岛区部署全年重点工作");
    assert_eq!(a[0].reporters, ["李明"]);
    assert_eq!(a[0].correspondents, ["周红"]);
    assert_eq!(a[0].dateline.as_deref(), Some("青岛"));
    assert_eq!(a[0].scope.as_deref(), Some("黄岛区"));
    assert!(a[0].body.starts_with("3月5日，青岛市黄岛区召开大会，部署全年工作。"));
    assert!(a[0].body.contains("新建充电桩1200个"));
    assert_eq!(a[1].headline, "崂山文旅消费持续升温");
    assert_eq!(a[1].scope.as_deref(), Some("崂山区"));
    // The body span points at the original bytes of the body.
    let span = a[1].body_span;
    assert!(PAGE[span[0]..span[1]].starts_with("近日"));
}

#[test]
fn web_page_with_title_first_and_no_byline() {
    let page = "杭州市“十四五”节能减排综合工作方案\n（2021—2025年）\n为深入贯彻落实国家决策部署，制定本方案。到2025年，全市单位地区生产总值能耗比2020年下降15%。\n";
    let a = segment(&read(page.as_bytes()).unwrap());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].headline, "杭州市“十四五”节能减排综合工作方案（2021—2025年）");
    assert_eq!(a[0].scope.as_deref(), Some("杭州市"));
    assert!(a[0].body.starts_with("为深入贯彻"));
}

#[test]
fn plain_text_without_title_is_one_article() {
    let a = segment(&read("全年实现地区生产总值5000亿元，比上年增长5.2%。".as_bytes()).unwrap());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].headline, "");
    assert!(a[0].body.starts_with("全年实现"));
}

#[test]
fn empty_input_gives_one_empty_article() {
    let a = segment(&read(b"").unwrap());
    assert_eq!(a.len(), 1);
    assert!(a[0].body.is_empty());
}

#[test]
fn datelines_with_bracketed_bylines_open_articles() {
    let page = "郑州新建5G基站\n本报讯（记者 刘洋 通讯员 陈静）近日，郑州市金水区新建5G基站300个。\n洛阳文旅回暖\n本报洛阳讯（记者 孙丽）今年一季度，洛阳市接待游客2000万人次。\n";
    let a = segment(&read(page.as_bytes()).unwrap());
    assert_eq!(a.len(), 2, "{a:#?}");
    assert_eq!(a[0].headline, "郑州新建5G基站");
    assert_eq!(a[0].reporters, ["刘洋"]);
    assert_eq!(a[0].correspondents, ["陈静"]);
    assert!(a[0].body.starts_with("近日"));
    assert_eq!(a[1].headline, "洛阳文旅回暖");
    assert_eq!(a[1].dateline.as_deref(), Some("洛阳"));
    assert_eq!(a[1].scope.as_deref(), Some("洛阳市"));
}

#[test]
fn traditional_bylines_and_datelines() {
    let page = "  □記者 陳明 報道\n  本報廣州訊 今年，廣州市天河區新增綠色工廠 8 家。\n\n天河區綠色製造提速\n";
    let a = segment(&read(page.as_bytes()).unwrap());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].reporters, ["陳明"]);
    assert_eq!(a[0].dateline.as_deref(), Some("廣州"));
    assert_eq!(a[0].scope.as_deref(), Some("天河区"));
    assert_eq!(a[0].headline, "天河區綠色製造提速");
}

#[test]
fn a_saved_page_is_titled_after_its_menus() {
    let page = "晚报    原创    山东    公司    金融    楼市\n首页 > 新闻 > 正文\n前三季度淄博工业增加值增长6%\n记者从市统计局获悉，前三季度全市规模以上工业增加值同比增长6%。\n";
    let a = segment(&read(page.as_bytes()).unwrap());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].headline, "前三季度淄博工业增加值增长6%");
    assert_eq!(a[0].scope.as_deref(), Some("淄博市"));
    assert!(a[0].body.starts_with("记者从"), "{:?}", a[0].body);
    // Words a title sets apart by spaces are no menu.
    let a = segment(&read("济南 2025 年 目标\n全市单位GDP能耗下降3%。\n".as_bytes()).unwrap());
    assert_eq!(a[0].headline, "济南2025年目标");
}

#[test]
fn a_page_is_titled_where_its_breadcrumb_names_it() {
    let page = "山东事业单位考试\n您当前位置：山东人事考试>招考信息>招考动态>2026年济南市人民政府工作报告\n公告汇总  刷题资料  网络课程\n山东华图\n2026年济南市人民政府工作报告\n过去一年，全市地区生产总值增长5.5%。\n";
    let a = segment(&read(page.as_bytes()).unwrap());
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].headline, "2026年济南市人民政府工作报告");
    assert_eq!(a[0].scope.as_deref(), Some("济南市"));
    assert!(a[0].body.starts_with("过去一年"), "{:?}", a[0].body);
}
