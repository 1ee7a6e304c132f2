//! The HTML pages: language, accessibility landmarks, charts with tables, highlighted
//! sources, review forms, data entry and uploads.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::{
    PASSWORD, Session, add_user, app, broken_xlsx, get, get_with_cookie, multipart, post_form, seed, send,
    set_cookie_value, sign_in, sign_in_reply,
};

/// An analyst account `ana`, signed in.
async fn analyst(seeded: &seed::Seeded, app: &axum::Router) -> Session {
    add_user(seeded.store.as_ref(), "ana", pledge_store::Role::Analyst, &[]);
    sign_in(app, "ana").await
}

#[tokio::test]
async fn dashboard_is_chinese_by_default_and_english_on_request() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let zh = get(&app, "/").await;
    assert_eq!(zh.status, StatusCode::OK);
    let html = zh.text();
    assert!(html.contains(r#"<html lang="zh-CN">"#));
    assert!(html.contains("目标进度总览") && html.contains("进度正常") && html.contains("数据不足"));
    assert!(html.contains(r#"<svg class="spark""#), "sparklines");
    assert!(
        html.contains(r#"<caption id="scoreboard-caption">"#),
        "the table has a caption"
    );
    assert!(html.contains(r##"href="#main""##), "skip link");
    assert!(html.contains(r#"name="viewport""#), "phone viewport");
    let en = get(&app, "/?lang=en").await;
    let html = en.text();
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains("Progress on every target") && html.contains("On track"));
    let cookie = en.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    // The cookie keeps English on the next page.
    let next = get_with_cookie(&app, "/regions", "lang=en").await.text();
    assert!(next.contains(r#"<html lang="en">"#) && next.contains("Districts ranked"));
    // The switch link keeps the filters.
    let filtered = get(&app, "/?status=behind&lang=en").await.text();
    let switch = filtered
        .split("id=\"lang-switch\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        switch.contains("status=behind") && switch.contains("lang=zh"),
        "switch link keeps filters: {switch}"
    );
}

#[tokio::test]
async fn filters_narrow_the_table() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let all = get(&app, "/").await.text().matches("<tr data-status=").count();
    let some = get(&app, "/?region=%E5%8E%86%E5%9F%8E%E5%8C%BA").await.text();
    assert_eq!(some.matches("<tr data-status=").count(), 3);
    assert!(all > 3);
    let achieved = get(&app, "/?status=achieved").await.text();
    assert!(achieved.matches("<tr data-status=").all(|_| true));
    assert!(!achieved.contains(r#"data-status="LAGGING""#));
    // The 预警 column and filter: 一级 keeps only the rows whose column says 一级.
    let board = get(&app, "/?as_of=2030-06-30").await.text();
    assert!(board.contains(r#"<select name="ndrc">"#) && board.contains("<th scope=\"col\">预警</th>"));
    let level1 = get(&app, "/?as_of=2030-06-30&ndrc=%E4%B8%80%E7%BA%A7").await.text();
    let rows = level1.matches("<tr data-status=").count();
    assert!(rows > 0 && rows < board.matches("<tr data-status=").count());
    assert_eq!(
        level1
            .matches(r#"<td data-col="ndrc" data-label="预警"><span class="ndrc red">一级</span>"#)
            .count(),
        rows
    );
    assert!(level1.contains(r#"<option value="一级" selected>"#));
    assert!(
        level1.contains("ndrc=%E4%B8%80%E7%BA%A7"),
        "the downloads keep the filter"
    );
}

#[tokio::test]
async fn target_page_has_chart_table_explanation_and_sources() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let targets = seeded.store.targets(&Default::default()).unwrap();
    let from_page = targets
        .iter()
        .find(|t| t.indicator_name == "充换电设施保有量" && t.source.document.is_some())
        .expect("the charging target accepted from the page");
    let html = get(&app, &format!("/targets/{}", from_page.id)).await.text();
    assert!(html.contains(r#"<svg class="chart""#) && html.contains(r#"aria-describedby="chart-data""#));
    assert!(html.contains(r#"<table id="chart-data""#), "a table for the chart");
    assert!(html.contains("评估说明"));
    let [a, b] = from_page.source.span.unwrap();
    assert!(
        html.contains(&format!("/documents/{}?span={a}-{b}#hl", seeded.document)),
        "links to the document with the span"
    );
    assert!(html.contains("充换电设施保有量超过8万个"), "the quote");
    let with_data = targets
        .iter()
        .find(|t| t.indicator_name == "空气质量优良天数比例" && t.region_name == "济南市")
        .unwrap();
    let html = get(&app, &format!("/targets/{}", with_data.id)).await.text();
    assert!(html.contains(r#"class="observed""#), "observed line");
    assert!(html.contains(r#"class="target""#), "target marker");
    assert!(
        html.contains("sdenews") || html.contains("http"),
        "observation source links"
    );
    assert_eq!(get(&app, "/targets/424242").await.status, StatusCode::NOT_FOUND);
    let missing = get(&app, "/targets/424242?lang=en").await.text();
    assert!(missing.contains("Not found"));
}

#[tokio::test]
async fn document_view_highlights_facts_and_the_selected_span() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let t = seeded
        .store
        .targets(&Default::default())
        .unwrap()
        .into_iter()
        .find(|t| t.indicator_name == "充换电设施保有量" && t.source.document.is_some())
        .unwrap();
    let [a, b] = t.source.span.unwrap();
    let html = get(&app, &format!("/documents/{}?span={a}-{b}", seeded.document))
        .await
        .text();
    assert!(html.contains(r#"<span id="hl""#), "anchor of the selection");
    assert!(html.contains("current"), "the selected span is marked");
    assert!(html.matches("<mark class=\"fact").count() >= 40, "facts highlighted");
    assert!(html.contains("所引原文"));
    // Review forms show only to a signed-in analyst.
    assert!(!html.contains("/reject\""));
    let session = analyst(&seeded, &app).await;
    let signed = get_with_cookie(&app, &format!("/documents/{}", seeded.document), &session.cookie)
        .await
        .text();
    assert!(signed.contains("/reject\"") && signed.contains("/accept\""));
}

#[tokio::test]
async fn review_forms_accept_and_reject() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let pending = seeded
        .store
        .facts(&pledge_store::FactFilter {
            document: None,
            review: Some(pledge_store::Review::Pending),
        })
        .unwrap();
    let id = pending[0].id;
    let r = post_form(&app, &format!("/facts/{id}/reject"), None, &[("note", "")]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.text().contains(r#"name="password""#), "the sign-in form");
    let session = analyst(&seeded, &app).await;
    let r = post_form(
        &app,
        &format!("/facts/{id}/reject"),
        Some(&session),
        &[("note", ""), ("csrf", &session.csrf)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains(&format!("#fact-{id}"))
    );
    assert_eq!(
        seeded.store.fact(id).unwrap().unwrap().review,
        pledge_store::Review::Rejected
    );
}

#[tokio::test]
async fn signin_starts_a_session_in_an_httponly_cookie_and_signout_ends_it() {
    let seeded = seed::demo();
    let app = app(&seeded);
    add_user(seeded.store.as_ref(), "ana", pledge_store::Role::Analyst, &[]);
    let bad = sign_in_reply(&app, "ana", "wrong-password").await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(set_cookie_value(&bad, "pledge_session").is_none());
    assert!(bad.text().contains("用户名或密码错误"));
    let unknown = sign_in_reply(&app, "nobody", PASSWORD).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let ok = sign_in_reply(&app, "ana", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.headers[header::LOCATION], "/entry");
    let cookie = ok
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("pledge_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP without a trusted proxy: {cookie}"
    );
    let id = set_cookie_value(&ok, "pledge_session").unwrap();
    assert!(seeded.store.session(&id).unwrap().is_some(), "kept in the database");
    let session = sign_in(&app, "ana").await;
    let page = get_with_cookie(&app, "/", &session.cookie).await.text();
    assert!(page.contains("ana") && page.contains("/signout"));
    // Signing out deletes the session in the database: the cookie is worthless after.
    let id = session.cookie.trim_start_matches("pledge_session=").to_owned();
    let out = post_form(&app, "/signout", Some(&session), &[("csrf", &session.csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(set_cookie_value(&out, "pledge_session").as_deref(), Some(""));
    assert!(seeded.store.session(&id).unwrap().is_none());
    let page = get_with_cookie(&app, "/entry", &session.cookie).await.text();
    assert!(page.contains(r#"id="signin-link""#), "signed out");
    // No open redirect after signing in.
    let form = get(&app, "/signin").await;
    let pre = set_cookie_value(&form, "pledge_signin").unwrap();
    let csrf = crate::csrf_of(&form.text()).unwrap();
    let evil = Request::post("/signin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("pledge_signin={pre}"))
        .body(Body::from(format!(
            "name=ana&password={PASSWORD}&csrf={csrf}&next=https%3A%2F%2Fevil.example"
        )))
        .unwrap();
    assert_eq!(
        send(&app, evil).await.headers[header::LOCATION],
        "/entry",
        "no open redirect"
    );
}

#[tokio::test]
async fn secure_cookies_behind_a_trusted_https_proxy() {
    let seeded = seed::demo();
    let options = pledge_web::Options {
        trust_proxy: true,
        ..crate::options()
    };
    let app = pledge_web::router(seeded.store.clone(), options);
    let r = send(
        &app,
        Request::get("/signin")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn entry_form_stores_one_observation_or_shows_field_errors() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let page = get(&app, "/entry").await.text();
    assert!(page.contains("/entry/template.xlsx") && page.contains(r#"type="file""#));
    let session = analyst(&seeded, &app).await;
    let post = |body: &str| {
        Request::post("/entry")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(format!("{body}&csrf={}", session.csrf)))
            .unwrap()
    };
    let good = "region=%E6%B5%8E%E5%8D%97%E5%B8%82&indicator=PM2.5%E5%B9%B4%E5%9D%87%E6%B5%93%E5%BA%A6&year=2023&value=37&unit=%E5%BE%AE%E5%85%8B%2F%E7%AB%8B%E6%96%B9%E7%B1%B3&measure=level&baseline_year=&period=&note=&source_url=https%3A%2F%2Fexample.invalid&quote=q";
    let r = send(&app, post(good)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(r.text().contains("已保存"));
    let bad = good.replace("value=37", "value=abc");
    let r = send(&app, post(&bad)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(
        html.contains(r#"aria-invalid="true""#) && html.contains("value=\"abc\""),
        "refilled, marked"
    );
}

#[tokio::test]
async fn upload_page_lists_every_error_by_row_and_column() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let session = analyst(&seeded, &app).await;
    let (content_type, body) = multipart(&[("csrf", &session.csrf)], "broken.xlsx", &broken_xlsx());
    let request = |cookie: bool| {
        let mut r = Request::post("/entry/upload").header(header::CONTENT_TYPE, &content_type);
        if cookie {
            r = r.header(header::COOKIE, &session.cookie);
        }
        r.body(Body::from(body.clone())).unwrap()
    };
    assert_eq!(send(&app, request(false)).await.status, StatusCode::UNAUTHORIZED);
    let r = send(&app, request(true)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text();
    assert!(html.contains(r#"id="upload-errors""#));
    assert!(html.contains("未知地区") && html.contains("火星市"), "row 2, region");
    assert!(html.contains("不是数字") && html.contains("三十七"), "row 3, value");
}

#[tokio::test]
async fn regions_documents_export_and_unknown_pages() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let html = get(&app, "/regions?as_of=2026-12-02").await.text();
    assert!(html.contains("完成率排名") && html.contains("序时进度排名") && html.contains("历城区"));
    // Districts ranked in their own table, the city in the other; each with its coverage.
    let table = |id: &str| {
        let start = html
            .find(&format!("id=\"rank-{id}\""))
            .unwrap_or_else(|| panic!("{id}: {html}"));
        html[start..start + html[start..].find("</table>").unwrap()].to_owned()
    };
    assert!(table("districts").contains("历城区") && !table("districts").contains("济南市"));
    assert!(table("larger").contains("济南市") && !table("larger").contains("data-col=\"completion-rank\""));
    assert!(
        table("districts").contains("data-col=\"coverage\">0/3 <span class=\"unreported\">未报 3"),
        "{}",
        table("districts")
    );
    let by_pace = get(&app, "/regions?by=pace").await.text();
    assert!(by_pace.contains("<strong>按序时进度</strong>"));
    let docs = get(&app, "/documents").await.text();
    assert!(docs.contains("济南日报"));
    let export = get(&app, "/export").await.text();
    assert!(export.contains("/export/scoreboard.xlsx") && export.contains("/export/facts.json"));
    let css = get(&app, "/static/style.css").await;
    assert_eq!(css.headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    let r = get(&app, "/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().contains("未找到"));
}

/// Every `tr.s("key")` in the templates names a string of the i18n table.
#[test]
fn templates_use_only_known_strings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let known: std::collections::HashSet<&str> = pledge_web::i18n::STRINGS.iter().map(|(k, _, _)| *k).collect();
    let mut used = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text.split("tr.s(\"").skip(1) {
            let key = part.split('"').next().unwrap();
            assert!(known.contains(key), "{}: unknown string key {key:?}", path.display());
            used += 1;
        }
    }
    assert!(used > 50, "templates use the table: {used}");
}

/// The text people see on a page: tags, attributes and script-free markup removed.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Runs of digits (with `,` grouping) worth 10⁵ or more that are not part of a link,
/// a file name or a date.
fn unscaled_numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "()（）:：·—–".contains(c)) {
        let w = word.trim_start_matches(['≥', '≤', '≈', '-', '+']);
        if w.contains("http") || w.contains('/') && w.starts_with(|c: char| !c.is_ascii_digit()) {
            continue;
        }
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
        let next = w[digits.len()..].chars().next();
        let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
        let is_file = matches!(next, Some('.' | '-' | '_')) || w.contains(".txt");
        if plain.len() >= 6 && !is_file && !matches!(next, Some('万' | '亿')) {
            found.push(word.to_owned());
        }
    }
    found
}

#[tokio::test]
async fn amounts_read_as_chinese_texts_write_them() {
    // The check itself catches what the board used to print.
    assert_eq!(
        unscaled_numbers(
            "≥1,800,000吨/日 (6200000000元) 84.6亿元 jinan-page-2023-03.txt 2023-03-02 https://x/276584.html"
        ),
        vec!["≥1,800,000吨/日", "6200000000元"]
    );
    let seeded = seed::demo();
    let app = app(&seeded);
    let board = get(&app, "/").await.text();
    let text = visible_text(&board);
    assert!(
        text.contains("≥62亿元") && text.contains("84.6亿元 (2022)"),
        "技术合同成交额 in 亿元"
    );
    assert!(!text.contains("6,200,000,000") && !text.contains("8,460,000,000"));
    assert_eq!(
        unscaled_numbers(&text),
        Vec::<String>::new(),
        "every amount of 10⁵ or more in 万/亿"
    );
    assert!(!text.contains("μg/m3"), "units are typeset");
    let rows = get(&app, "/api/scoreboard").await.json();
    for row in rows["rows"].as_array().unwrap() {
        let id = row["id"].as_i64().unwrap();
        let page = visible_text(&get(&app, &format!("/targets/{id}")).await.text());
        assert_eq!(unscaled_numbers(&page), Vec::<String>::new(), "/targets/{id}");
        // No negative completion beside 已实现, no 0 baseline that no source gave.
        if row["status"] == "ACHIEVED" {
            assert!(row["completion"].as_f64().is_none_or(|c| c >= 0.0), "{row}");
        }
        if row["base_observed"] == false {
            assert!(!page.contains("基期 0"), "/targets/{id}");
        }
    }
}

#[tokio::test]
async fn a_reporter_enters_an_own_figure_in_the_form_without_source_but_not_an_impossible_one() {
    let seeded = seed::demo();
    let app = app(&seeded);
    add_user(
        seeded.store.as_ref(),
        "tianqiao",
        pledge_store::Role::Reporter,
        &["天桥区"],
    );
    let session = sign_in(&app, "tianqiao").await;
    let before = seeded.store.counts().unwrap().current_observations;
    // The form comes with the account's one region filled in; no source or quote: the
    // account and the time are the source.
    let page = get_with_cookie(&app, "/entry", &session.cookie).await.text();
    assert!(
        page.contains(r#"name="region" list="region-list" required value="天桥区""#),
        "{page}"
    );
    let own = [
        ("region", "天桥区"),
        ("indicator", "空气质量优良率"),
        ("year", "2021"),
        ("value", "80.5"),
        ("unit", "%"),
        ("measure", "level"),
        ("baseline_year", ""),
        ("period", ""),
        ("note", ""),
        ("source_url", ""),
        ("quote", ""),
        ("csrf", &session.csrf),
    ];
    let r = post_form(&app, "/entry", Some(&session), &own).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(seeded.store.counts().unwrap().current_observations, before + 1);
    let stored = seeded
        .store
        .observations(&pledge_store::ObservationFilter::default())
        .unwrap()
        .into_iter()
        .find(|o| o.reporter == "tianqiao")
        .expect("the reporter's figure");
    assert_eq!(
        (
            stored.region_name.as_str(),
            stored.indicator_name.as_str(),
            stored.source.url.as_str()
        ),
        ("天桥区", "空气质量优良天数比例", "")
    );
    // A share of 1234.5 % is refused on the value field, and nothing is stored.
    let mut share = own;
    share[3] = ("value", "1234.5");
    let r = post_form(&app, "/entry", Some(&session), &share).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains(r#"id="f-value" name="value" inputmode="decimal" required value="1234.5" aria-invalid="true""#),
        "{html}"
    );
    assert!(!html.contains(r#"name="year" inputmode="numeric" required value="2021" aria-invalid"#));
    assert_eq!(seeded.store.counts().unwrap().current_observations, before + 1);
}

#[tokio::test]
async fn bulk_accept_on_the_review_page_leaves_what_waits_for_a_reason() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let ids = seed::bulk_facts(&seeded);
    let session = analyst(&seeded, &app).await;
    let texts: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let mut pairs: Vec<(&str, &str)> = texts.iter().map(|t| ("ids", t.as_str())).collect();
    pairs.extend([("action", "accept"), ("reason", ""), ("csrf", session.csrf.as_str())]);
    let r = post_form(&app, "/review/bulk", Some(&session), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let location = r.headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains("n=1") && location.contains("left=2"), "{location}");
    let review = |id: i64| seeded.store.fact(id).unwrap().unwrap().review;
    assert_eq!(review(ids[0]), pledge_store::Review::Accepted);
    assert_eq!(review(ids[1]), pledge_store::Review::Pending);
    assert_eq!(review(ids[2]), pledge_store::Review::Pending);
}

#[tokio::test]
async fn a_plan_page_lists_its_targets_by_category_with_their_kind_and_lead_unit() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let plan = seeded
        .store
        .plans()
        .unwrap()
        .into_iter()
        .next()
        .expect("the demo's plan");
    let html = get(&app, &format!("/plans/{}", plan.id)).await.text();
    assert!(html.contains(&plan.title), "{html}");
    let board = get(&app, &format!("/api/scoreboard?plan={}", plan.id)).await.json();
    let rows = board["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert!(html.contains(&format!("href=\"/targets/{}\"", r["id"])), "{r}");
    }
    assert_eq!(html.matches("data-col=\"binding\"").count(), rows.len());
    let kinds = html
        .split("id=\"plan-kinds\">")
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap();
    let counted: usize = kinds
        .split(" · ")
        .take(3)
        .map(|k| k.rsplit(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(counted, rows.len(), "{kinds}");
    assert!(html.contains("<h2>"), "grouped by category");
    assert_eq!(get(&app, "/plans/987654").await.status, StatusCode::NOT_FOUND);
    // The kind a plan's wording states: 约束性 or 预期性, neither when it says both or none.
    use pledge_store::Binding;
    assert_eq!(
        Binding::from_wording("单位GDP能耗降低13.5%（约束性）"),
        Some(Binding::Binding)
    );
    assert_eq!(
        Binding::from_wording("地区生产总值年均增长6%左右（预期性）"),
        Some(Binding::Expected)
    );
    assert_eq!(Binding::from_wording("约束性和预期性指标"), None);
}
