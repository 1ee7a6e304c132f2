//! The JSON API: scoreboard, targets, documents, facts, regions, writes and their
//! status codes, exports and the OpenAPI document.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use crate::{app, broken_xlsx, get, post_json, seed, send, xlsx};

fn observation() -> serde_json::Value {
    json!({
        "region": "济南市", "indicator": "PM2.5年均浓度", "year": 2023, "value": 37,
        "unit": "微克/立方米", "source_url": "https://example.invalid/pm25",
        "quote": "2023年济南市PM2.5年均浓度37微克/立方米"
    })
}

#[tokio::test]
async fn scoreboard_lists_every_target_worst_first() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let r = get(&app, "/api/scoreboard").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/json");
    let body = r.json();
    let rows = body["rows"].as_array().unwrap();
    let targets = seeded.store.targets(&Default::default()).unwrap().len();
    assert_eq!(rows.len(), targets);
    assert!(targets >= 20, "demo-like seed has the Jinan plan's targets: {targets}");
    for row in rows {
        for field in [
            "indicator",
            "region",
            "year",
            "status",
            "light",
            "target",
            "latest",
            "explanation",
        ] {
            assert!(row.get(field).is_some(), "row lacks {field}: {row}");
        }
    }
    let severity: Vec<usize> = rows
        .iter()
        .map(|r| {
            [
                "DETERIORATING",
                "MISSED",
                "OVERDUE",
                "LAGGING",
                "NEEDS_ACCELERATION",
                "NOT_ASSESSABLE",
                "INSUFFICIENT_DATA",
                "ON_TRACK",
                "ACHIEVED",
            ]
            .iter()
            .position(|s| r["status"] == *s)
            .unwrap()
        })
        .collect();
    assert!(severity.windows(2).all(|w| w[0] <= w[1]), "worst first: {severity:?}");
    let s = &body["summary"];
    assert_eq!(
        s["total"].as_u64().unwrap(),
        s["on_track"].as_u64().unwrap()
            + s["behind"].as_u64().unwrap()
            + s["achieved"].as_u64().unwrap()
            + s["no_data"].as_u64().unwrap()
    );
    // Lights follow the statuses (assess-io.md); a stale verdict is never green.
    assert_eq!(body["as_of"], crate::AS_OF);
    for row in rows {
        let light = match row["status"].as_str().unwrap() {
            "ACHIEVED" | "ON_TRACK" if row["stale"] == true => "grey",
            "ACHIEVED" | "ON_TRACK" => "green",
            "NEEDS_ACCELERATION" => "yellow",
            "LAGGING" => "orange",
            "DETERIORATING" | "MISSED" | "OVERDUE" => "red",
            _ => "grey",
        };
        assert_eq!(row["light"], light, "{row}");
        assert_eq!(row["as_of"], crate::AS_OF, "{row}");
    }
}

#[tokio::test]
async fn the_scoreboard_is_assessed_as_of_a_day() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let row = |board: &serde_json::Value, indicator: &str, region: &str| {
        board["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == indicator && r["region"] == region)
            .cloned()
            .unwrap_or_else(|| panic!("no {region} {indicator}"))
    };
    let now = get(&app, "/api/scoreboard").await.json();
    // 2021's 64.6% alone cannot make a 2025 target green five years later.
    let good_days = row(&now, "空气质量优良天数比例", "济南市");
    assert_eq!(good_days["status"], "ON_TRACK");
    assert_eq!(
        (good_days["light"].as_str(), good_days["stale"].as_bool()),
        (Some("grey"), Some(true))
    );
    // Its 2022 1-9月 ratio is shown against the path of 2022 (59.3% against 63.28%).
    let page = get(&app, &format!("/targets/{}", good_days["id"])).await.text();
    assert!(
        page.contains("2022 1-9月: 59.3% · 落后于当年序时进度应达值 63.28%"),
        "part-year pace on the page"
    );
    let then = get(&app, "/api/scoreboard?as_of=2022-06-30").await.json();
    assert_eq!(then["as_of"], "2022-06-30");
    let early = row(&then, "空气质量优良天数比例", "济南市");
    assert_eq!(
        (early["light"].as_str(), early["stale"].as_bool()),
        (Some("green"), Some(false))
    );
    let elapsed = early["time_elapsed_as_of"].as_f64().unwrap();
    assert!((0.29..0.31).contains(&elapsed), "mid-2022 is 30% of 2020–2025: {early}");
    // A 2025 target never reported for 2025 is due by the end of 2026: overdue in 2027.
    let later = get(&app, "/api/scoreboard?as_of=2027-06-30").await.json();
    let overdue: Vec<&serde_json::Value> = later["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "OVERDUE")
        .collect();
    assert!(!overdue.is_empty());
    for r in &overdue {
        assert_eq!(
            (r["light"].as_str(), r["gap"].as_str()),
            (Some("red"), Some("overdue")),
            "{r}"
        );
        assert!(r["year"].as_i64().unwrap() <= 2025, "{r}");
    }
    let id = overdue[0]["id"].clone();
    let same = now["rows"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    assert_ne!(same["status"], "OVERDUE", "not yet overdue on 2026-12-02: {same}");
    // The gaps are named, counted and filterable.
    let s = &later["summary"];
    assert_eq!(s["overdue"].as_u64(), Some(overdue.len() as u64));
    let gap_total: u64 = ["never_reported", "one_point", "not_yet_due"]
        .iter()
        .map(|k| s[*k].as_u64().unwrap())
        .sum();
    assert_eq!(
        gap_total,
        s["no_data"].as_u64().unwrap(),
        "every target without a verdict has a named gap: {s}"
    );
    for gap in ["overdue", "never_reported", "one_point", "not_yet_due", "stale"] {
        let only = get(&app, &format!("/api/scoreboard?as_of=2027-06-30&gap={gap}"))
            .await
            .json();
        let rows = only["rows"].as_array().unwrap();
        assert_eq!(rows.len() as u64, s[gap].as_u64().unwrap(), "{gap}");
        for r in rows {
            if gap == "stale" {
                assert_eq!(r["stale"], true, "{r}");
            } else {
                assert_eq!(r["gap"], gap, "{r}");
            }
        }
    }
    let zh = get(&app, "/?as_of=2027-06-30").await.text();
    assert!(
        zh.contains("逾期未报") && zh.contains("从未报送"),
        "the board names the gaps in Chinese"
    );
    let en = get(&app, "/?as_of=2027-06-30&lang=en").await.text();
    assert!(
        en.contains("overdue") && en.contains("never reported"),
        "and in English"
    );
    // The target's own page and answer take the day too.
    let t = get(&app, &format!("/api/targets/{}?as_of=2024-06-30", id)).await.json();
    assert_eq!(t["as_of"], "2024-06-30");
    let regions = get(&app, "/api/regions?as_of=2024-06-30").await.json();
    assert_eq!(regions["as_of"], "2024-06-30");
    assert!(regions["regions"].is_array(), "{regions}");
    let bad = get(&app, "/api/scoreboard?as_of=2026-02-30").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["field"], "as_of");
    let page = get(&app, "/?as_of=2024-06-30").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains("数据截至 <time datetime=\"2024-06-30\">"),
        "the page says 数据截至"
    );
    assert!(page.text().contains("as_of=2024-06-30"), "links keep the day");
}

#[tokio::test]
async fn scoreboard_filters() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let all = get(&app, "/api/scoreboard").await.json();
    let total = all["rows"].as_array().unwrap().len();
    let region = get(&app, "/api/scoreboard?region=%E5%8E%86%E5%9F%8E%E5%8C%BA")
        .await
        .json();
    let rows = region["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "历城区 has three targets");
    assert!(rows.iter().all(|r| r["region"] == "历城区"));
    let env = get(&app, "/api/scoreboard?category=environment").await.json();
    assert!(
        env["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["category"] == "environment")
    );
    let behind = get(&app, "/api/scoreboard?status=behind").await.json();
    assert_eq!(
        behind["rows"].as_array().unwrap().len() as u64,
        all["summary"]["behind"].as_u64().unwrap()
    );
    let dept = get(&app, "/api/scoreboard?department=%E5%8F%91%E5%B1%95%E6%94%B9%E9%9D%A9")
        .await
        .json();
    let n = dept["rows"].as_array().unwrap().len();
    assert!(n > 0 && n < total, "发展改革 leads some targets: {n}");
    // By 预警 level: each level's rows carry it, and the levels and none add up to all.
    let day = "as_of=2030-06-30";
    let mut seen = 0;
    for (level, key) in [
        ("一级", "%E4%B8%80%E7%BA%A7"),
        ("二级", "2"),
        ("三级", "level3"),
        ("none", "none"),
    ] {
        let rows = get(&app, &format!("/api/scoreboard?{day}&ndrc={key}")).await.json()["rows"].clone();
        let rows = rows.as_array().unwrap();
        let want = if level == "none" {
            serde_json::Value::Null
        } else {
            level.into()
        };
        assert!(rows.iter().all(|r| r["ndrc_level"] == want), "{level}: {rows:?}");
        seen += rows.len();
    }
    let all_then = get(&app, &format!("/api/scoreboard?{day}")).await.json();
    assert_eq!(seen, all_then["rows"].as_array().unwrap().len());
    let overdue = get(&app, &format!("/api/scoreboard?{day}&ndrc=1")).await.json();
    assert!(
        !overdue["rows"].as_array().unwrap().is_empty(),
        "the overdue targets are 一级"
    );
    let bad = get(&app, "/api/scoreboard?ndrc=four").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "ndrc");
}

#[tokio::test]
async fn target_detail_has_chart_numbers_and_sources() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let board = get(&app, "/api/scoreboard?region=%E6%B5%8E%E5%8D%97%E5%B8%82")
        .await
        .json();
    let pm = board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == "空气质量优良天数比例")
        .expect("the 优良天数比例 target");
    let id = pm["id"].as_i64().unwrap();
    let r = get(&app, &format!("/api/targets/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let body = r.json();
    assert_eq!(body["target"]["id"], id);
    let observations = body["observations"].as_array().unwrap();
    assert!(observations.len() >= 3);
    assert!(
        observations
            .iter()
            .all(|o| !o["source"]["quote"].as_str().unwrap().is_empty())
    );
    let chart = body["chart"].as_array().unwrap();
    assert!(
        chart.iter().any(|y| y["target"].is_number()),
        "target year in the chart table"
    );
    assert_eq!(get(&app, "/api/targets/999999").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_value_for_a_target_shows_as_a_conflict_until_decided() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let stored = seeded.store.targets(&pledge_store::TargetFilter::default()).unwrap();
    let first = &stored[0];
    let mut other = pledge_store::NewTarget::new(
        first.region,
        first.indicator,
        first.target.clone(),
        pledge_store::Source::url("https://example.invalid/other", "另一份文件的目标值"),
    );
    other.target.value = first.target.value * 2.0 + 1.0;
    let added = seeded.store.add_commitment(&other, "analyst").unwrap();
    let pledge_store::Commitment::Conflict { target, conflict } = added else {
        panic!("{added:?}");
    };
    assert_eq!(target, first.id);
    assert_eq!(
        seeded
            .store
            .targets(&pledge_store::TargetFilter::default())
            .unwrap()
            .len(),
        stored.len()
    );
    let body = get(&app, &format!("/api/targets/{target}")).await.json();
    assert_eq!(body["conflicts"][0]["source"]["url"], "https://example.invalid/other");
    let page = get(&app, &format!("/targets/{target}")).await.text();
    assert!(
        page.contains("数值冲突") && page.contains("另一份文件的目标值"),
        "{page}"
    );
    seeded
        .store
        .decide_conflict(conflict, pledge_store::Decision::Keep, "原值有据", "analyst")
        .unwrap();
    let page = get(&app, &format!("/targets/{target}")).await.text();
    assert!(!page.contains("数值冲突"));
}

#[tokio::test]
async fn documents_and_facts() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let docs = get(&app, "/api/documents").await.json();
    assert_eq!(docs.as_array().unwrap().len(), 1);
    let doc = get(&app, &format!("/api/documents/{}", seeded.document)).await.json();
    let facts = doc["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 52);
    assert!(doc["document"]["text"].as_str().unwrap().contains("充换电设施保有量"));
    let pending = get(&app, "/api/facts?review=pending").await.json();
    let accepted = get(&app, "/api/facts?review=accepted").await.json();
    assert!(!pending.as_array().unwrap().is_empty() && !accepted.as_array().unwrap().is_empty());
    assert_eq!(
        get(&app, "/api/facts?review=maybe").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn reviewing_facts_needs_credentials_and_moves_states() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let pending = get(&app, "/api/facts?review=pending").await.json();
    let id = pending[0]["id"].as_i64().unwrap();
    let url = format!("/api/facts/{id}/reject");
    assert_eq!(
        post_json(&app, &url, None, &json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post_json(&app, &url, Some("wrong"), &json!({})).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = post_json(&app, &url, Some(seed::TOKEN), &json!({"note": "not a figure"})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let fact = seeded.store.fact(id).unwrap().unwrap();
    assert_eq!(fact.review, pledge_store::Review::Rejected);
    let accepted = get(&app, "/api/facts?review=accepted").await.json();
    let done = accepted[0]["id"].as_i64().unwrap();
    let r = post_json(
        &app,
        &format!("/api/facts/{done}/accept"),
        Some(seed::TOKEN),
        &json!({}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "accepting twice: {}", r.text());
}

#[tokio::test]
async fn post_observation_status_codes() {
    let seeded = seed::demo();
    let app = app(&seeded);
    // 401 without or with a wrong token.
    let r = post_json(&app, "/api/observations", None, &observation()).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.headers.contains_key(header::WWW_AUTHENTICATE));
    assert_eq!(r.json()["error"], "unauthorized");
    assert_eq!(
        post_json(&app, "/api/observations", Some("nope"), &observation())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // 201 stored, converted to the indicator's unit; the same again is unchanged.
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &observation()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let stored = r.json();
    assert_eq!(stored["result"], "inserted");
    assert_eq!(stored["region"], "济南市");
    let id = stored["id"].as_i64().unwrap();
    let record = seeded.store.observation(id).unwrap().unwrap();
    assert_eq!(record.observation.value, 37.0);
    assert_eq!(record.reporter, "api");
    let again = post_json(&app, "/api/observations", Some(seed::TOKEN), &observation()).await;
    assert_eq!(again.json()["result"], "unchanged");
    let mut corrected = observation();
    corrected["value"] = json!("36.5");
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &corrected).await;
    assert_eq!(r.json()["result"], "revised", "{}", r.text());
    // 422 with field errors.
    let mut bad = observation();
    bad["value"] = json!("三十七");
    bad["region"] = json!("火星市");
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = r.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        fields.contains(&"value".to_owned()) && fields.contains(&"region".to_owned()),
        "{fields:?}"
    );
    // A missing field is named as a field, not as a column of a header row.
    let mut missing = observation();
    missing.as_object_mut().unwrap().remove("year");
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &missing).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = &r.json()["errors"][0];
    assert_eq!(
        (error["field"].as_str(), error["message"].as_str()),
        (Some("year"), Some("is a required field"))
    );
    assert!(!r.text().contains("header"), "{}", r.text());
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &json!([1, 2])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_json(
        &app,
        "/api/observations",
        Some(seed::TOKEN),
        &json!({"region": {"x": 1}}),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = send(
        &app,
        Request::post("/api/observations")
            .header(header::AUTHORIZATION, format!("Bearer {}", seed::TOKEN))
            .body(Body::from("{not json"))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

/// An authenticator standing for issue 7's accounts: a reporter for 天桥区 only.
struct Reporter {
    region: i64,
}

impl pledge_web::Authenticator for Reporter {
    fn authenticate(&self, token: &str) -> Result<Option<pledge_web::Principal>, pledge_web::auth::AuthError> {
        Ok((token == "reporter").then(|| pledge_web::Principal {
            name: "tianqiao".into(),
            role: pledge_web::Role::Reporter,
            regions: Some(vec![self.region]),
            departments: Vec::new(),
        }))
    }
}

#[tokio::test]
async fn reporters_are_refused_outside_their_regions() {
    let seeded = seed::demo();
    let tianqiao = seeded.store.find_region("天桥区", None).unwrap().unwrap().id;
    let options = pledge_web::Options {
        authenticator: Some(std::sync::Arc::new(Reporter { region: tianqiao })),
        ..crate::options()
    };
    let app = pledge_web::router(seeded.store.clone(), options);
    let r = post_json(&app, "/api/observations", Some("reporter"), &observation()).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "济南市 is not the reporter's: {}",
        r.text()
    );
    let mut own = observation();
    own["region"] = json!("天桥区");
    let r = post_json(&app, "/api/observations", Some("reporter"), &own).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let pending = get(&app, "/api/facts?review=pending").await.json();
    let id = pending[0]["id"].as_i64().unwrap();
    let r = post_json(&app, &format!("/api/facts/{id}/reject"), Some("reporter"), &json!({})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let before = seeded.store.counts().unwrap().current_observations;
    let body = xlsx(&[[
        "历下区",
        "PM2.5年均浓度",
        "2023",
        "36",
        "微克/立方米",
        "https://example.invalid/x",
        "q",
    ]]);
    let r = send(
        &app,
        Request::post("/api/imports?name=x.xlsx")
            .header(header::AUTHORIZATION, "Bearer reporter")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(seeded.store.counts().unwrap().current_observations, before);
}

#[tokio::test]
async fn a_reporters_own_figure_needs_no_source_and_must_be_plausible() {
    let seeded = seed::demo();
    let tianqiao = seeded.store.find_region("天桥区", None).unwrap().unwrap().id;
    let options = pledge_web::Options {
        authenticator: Some(std::sync::Arc::new(Reporter { region: tianqiao })),
        ..crate::options()
    };
    let app = pledge_web::router(seeded.store.clone(), options);
    // No source, no quote, no region: the account is the source and its region the default.
    let own = json!({"indicator": "空气质量优良率", "year": 2021, "value": 80.5, "unit": "%"});
    let r = post_json(&app, "/api/observations", Some("reporter"), &own).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(
        (r.json()["region"].as_str(), r.json()["indicator"].as_str()),
        (Some("天桥区"), Some("空气质量优良天数比例"))
    );
    let record = seeded
        .store
        .observation(r.json()["id"].as_i64().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!((record.reporter.as_str(), record.source.url.as_str()), ("tianqiao", ""));
    // A share of 1234.5 % is refused naming the value.
    let mut share = own.clone();
    share["value"] = json!(1234.5);
    share["indicator"] = json!("空气质量优良天数比例");
    let r = post_json(&app, "/api/observations", Some("reporter"), &share).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let error = &r.json()["errors"][0];
    assert_eq!(error["field"], "value", "{}", r.text());
    assert!(error["message"].as_str().unwrap().contains("0 to 100"), "{}", r.text());
    // A wording the library knows by its normalised form is taken; an unknown one is
    // refused with the closest indicator suggested.
    let mut pm = own.clone();
    pm["indicator"] = json!("细颗粒物年均浓度");
    pm["value"] = json!(38);
    pm["unit"] = json!("μg/m3");
    let r = post_json(&app, "/api/observations", Some("reporter"), &pm).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["indicator"], "PM2.5年均浓度");
    // A short region name is suggested in full.
    let mut short = pm.clone();
    short["region"] = json!("历城");
    let r = post_json(&app, "/api/observations", Some("reporter"), &short).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("did you mean 历城区"), "{}", r.text());
    pm["indicator"] = json!("全区细颗粒物浓度监测值");
    let r = post_json(&app, "/api/observations", Some("reporter"), &pm).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("did you mean PM2.5年均浓度"), "{}", r.text());
}

#[tokio::test]
async fn imports_are_all_or_nothing_with_errors_by_row_and_column() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let before = seeded.store.counts().unwrap();
    let upload = |body: Vec<u8>, token: Option<&'static str>| {
        let mut request = Request::post("/api/imports?name=upload.xlsx");
        if let Some(t) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        request.body(Body::from(body)).unwrap()
    };
    assert_eq!(
        send(&app, upload(broken_xlsx(), None)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = send(&app, upload(broken_xlsx(), Some(seed::TOKEN))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let errors = r.json()["errors"].as_array().unwrap().clone();
    assert!(
        errors.iter().any(|e| e["row"] == 2 && e["field"] == "region"),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e["row"] == 3 && e["field"] == "value"),
        "{errors:?}"
    );
    assert_eq!(
        seeded.store.counts().unwrap().observations,
        before.observations,
        "nothing written"
    );
    let good = xlsx(&[
        [
            "历下区",
            "PM2.5年均浓度",
            "2023",
            "36",
            "微克/立方米",
            "https://example.invalid/x",
            "历下区PM2.5 36",
        ],
        [
            "济南市",
            "PM2.5年均浓度",
            "2023",
            "0.037",
            "毫克/立方米",
            "https://example.invalid/y",
            "济南市PM2.5 37",
        ],
    ]);
    let r = send(&app, upload(good, Some(seed::TOKEN))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["inserted"], 2);
}

#[tokio::test]
async fn regions_rank_districts_counting_what_they_did_not_report() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let m = get(&app, "/api/regions?as_of=2026-12-02").await.json();
    let regions = m["regions"].as_array().unwrap();
    let width = m["indicators"].as_array().unwrap().len();
    assert!(regions.iter().all(|r| r["cells"].as_array().unwrap().len() == width));
    let districts = m["ranking"]["districts"].as_array().unwrap();
    let larger = m["ranking"]["larger"].as_array().unwrap();
    let names = |list: &[serde_json::Value]| {
        list.iter()
            .map(|s| s["region"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(
        names(districts).iter().all(|n| n.ends_with('区') || n.ends_with('县')),
        "{:?}",
        names(districts)
    );
    assert!(names(larger).contains(&"济南市".to_owned()), "{:?}", names(larger));
    assert!(
        larger
            .iter()
            .all(|s| s["completion_rank"].is_null() && s["pace_rank"].is_null())
    );
    // Ranked by 完成率 (competition ranks, best first), each also ranked by 序时进度.
    let ranks: Vec<u64> = districts.iter().filter_map(|s| s["completion_rank"].as_u64()).collect();
    assert!(
        !ranks.is_empty() && ranks[0] == 1 && ranks.windows(2).all(|w| w[0] <= w[1]),
        "{ranks:?}"
    );
    assert!(districts.iter().any(|s| s["pace_rank"] == 1));
    for s in districts.iter().chain(larger) {
        let n = |k: &str| s[k].as_u64().unwrap();
        assert_eq!(n("reported") + n("unreported"), n("due"), "{s}");
        assert!(n("due") <= n("targets"));
        let lights: u64 = ["green", "yellow", "orange", "red", "grey"]
            .iter()
            .map(|k| s["lights"][k].as_u64().unwrap())
            .sum();
        let ndrc: u64 = ["level1", "level2", "level3", "none"]
            .iter()
            .map(|k| s["ndrc"][k].as_u64().unwrap())
            .sum();
        assert_eq!((lights, ndrc), (n("targets"), n("targets")), "{s}");
    }
    // A district that reported nothing that is due never ranks above one that reported.
    for quiet in districts
        .iter()
        .filter(|s| s["reported"] == 0 && s["due"].as_u64() > Some(0))
    {
        assert_eq!(quiet["completion_rate"].as_f64(), Some(0.0), "{quiet}");
        for busy in districts.iter().filter(|s| s["reported"].as_u64() > Some(0)) {
            assert!(
                busy["completion_rank"].as_u64() <= quiet["completion_rank"].as_u64(),
                "{busy} {quiet}"
            );
        }
    }
    // The matrix lists the districts in ranking order, then the larger regions.
    let tiers: Vec<&str> = regions.iter().map(|r| r["tier"].as_str().unwrap()).collect();
    assert!(tiers.windows(2).all(|w| w != ["larger", "district"]), "{tiers:?}");
}

#[tokio::test]
async fn exports_and_templates() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let json = get(&app, "/api/export/scoreboard?format=json").await;
    assert_eq!(json.status, StatusCode::OK);
    let rows = json.json();
    assert!(rows.as_array().unwrap().len() >= 20);
    assert!(rows[0].get("status").is_some() && rows[0].get("explanation_zh").is_some());
    let csv = get(&app, "/export/facts.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with(b"\xEF\xBB\xBF"), "CSV has a BOM for Excel");
    assert_eq!(csv.text().lines().count(), 53, "header + 52 facts");
    assert!(
        csv.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("pledge-facts.csv")
    );
    let xlsx = get(&app, "/export/scoreboard.xlsx").await;
    assert!(xlsx.body.starts_with(b"PK"), "xlsx is a zip");
    assert_eq!(get(&app, "/export/nothing.xlsx").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "/api/export/facts?format=pdf").await.status,
        StatusCode::BAD_REQUEST
    );
    let template = get(&app, "/entry/template.xlsx").await;
    assert!(template.body.starts_with(b"PK"));
    let template = get(&app, "/api/template?format=csv").await;
    assert!(
        template
            .text()
            .contains("region,indicator,year,value,unit,source_url,quote")
    );
}

#[tokio::test]
async fn static_snapshot_serves_the_same_bytes_as_the_scoreboard() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let live = get(&app, "/api/scoreboard").await;
    let snapshot = get(&app, "/static/scoreboard.json").await;
    assert_eq!(snapshot.status, StatusCode::OK);
    assert_eq!(live.body, snapshot.body);
}

#[tokio::test]
async fn openapi_document_is_3_1_and_names_the_fixed_routes() {
    let seeded = seed::empty();
    let app = app(&seeded);
    let doc = get(&app, "/api/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for (path, method) in [
        ("/api/openapi.json", "get"),
        ("/api/scoreboard", "get"),
        ("/api/observations", "post"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    let codes = doc["paths"]["/api/observations"]["post"]["responses"]
        .as_object()
        .unwrap();
    for code in ["201", "401", "403", "422"] {
        assert!(codes.contains_key(code), "POST /api/observations documents {code}");
    }
}

#[tokio::test]
async fn empty_store_gives_an_empty_scoreboard_snapshot() {
    let seeded = seed::empty();
    let app = app(&seeded);
    let r = get(&app, "/api/scoreboard").await;
    insta::assert_json_snapshot!(r.json(), @r#"
    {
      "as_of": "2026-12-02",
      "rows": [],
      "summary": {
        "achieved": 0,
        "behind": 0,
        "never_reported": 0,
        "no_data": 0,
        "not_yet_due": 0,
        "on_track": 0,
        "one_point": 0,
        "overdue": 0,
        "stale": 0,
        "total": 0
      }
    }
    "#);
}

#[tokio::test]
async fn the_cached_scoreboard_follows_writes_from_any_process() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let latest = |board: &serde_json::Value| {
        board["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["indicator"] == "PM2.5年均浓度" && r["region"] == "济南市")
            .map(|r| r["latest"]["year"].clone())
            .unwrap()
    };
    let before = get(&app, "/api/scoreboard").await.json();
    assert_eq!(
        get(&app, "/api/scoreboard").await.json(),
        before,
        "a second read is served from the cache"
    );
    // A write through the API moves the board.
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &observation()).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let after = get(&app, "/api/scoreboard").await.json();
    assert_ne!(latest(&before), latest(&after));
    assert_eq!(latest(&after), 2023);
    // So does a write straight into the store (another process importing, say).
    let region = seeded.store.find_region("济南市", None).unwrap().unwrap().id;
    let indicator = seeded.store.find_indicator("PM2.5年均浓度").unwrap().unwrap().id;
    let new = pledge_store::NewObservation::new(
        region,
        indicator,
        pledge_model::Observation::level(2024, 35.0, "微克/立方米"),
        pledge_store::Source::url("https://example.invalid/2024", "2024年37"),
    );
    seeded.store.record_observation(&new, "elsewhere").unwrap();
    assert_eq!(latest(&get(&app, "/api/scoreboard").await.json()), 2024);
}

/// Single flight: 16 requests that find the board stale after one write all wait for
/// one rebuild and share it (the old cache let each of them rebuild, one behind another).
/// Counted, not timed: the state's rebuild counter moves by exactly one, and every answer
/// shows the written figure.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_after_a_write_share_one_rebuild() {
    const REQUESTS: usize = 16;
    let seeded = seed::demo();
    let state = pledge_web::AppState::new(seeded.store.clone(), crate::options().with_token(seed::TOKEN));
    let app = pledge_web::routes::build(state.clone());
    assert_eq!(get(&app, "/api/scoreboard").await.status, StatusCode::OK);
    assert_eq!(state.scoreboard.rebuilds(), 1, "the first read builds the board");
    get(&app, "/api/scoreboard").await;
    assert_eq!(state.scoreboard.rebuilds(), 1, "a second read is served as built");

    let region = seeded.store.find_region("济南市", None).unwrap().unwrap().id;
    let indicator = seeded.store.find_indicator("PM2.5年均浓度").unwrap().unwrap().id;
    let new = pledge_store::NewObservation::new(
        region,
        indicator,
        pledge_model::Observation::level(2025, 33.0, "微克/立方米"),
        pledge_store::Source::url("https://example.invalid/2025", "2025年33"),
    );
    seeded.store.record_observation(&new, "elsewhere").unwrap();
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(REQUESTS));
    let requests: Vec<_> = (0..REQUESTS)
        .map(|k| {
            let app = app.clone();
            let start = start.clone();
            // Pages, the API and a download all read the same board.
            let uri = ["/api/scoreboard", "/", "/api/regions", "/export/scoreboard.csv"][k % 4];
            tokio::spawn(async move {
                start.wait().await;
                (uri, get(&app, uri).await)
            })
        })
        .collect();
    for request in requests {
        let (uri, reply) = request.await.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        if uri == "/api/scoreboard" {
            let pm = reply.json()["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["indicator"] == "PM2.5年均浓度" && r["region"] == "济南市")
                .map(|r| r["latest"]["year"].clone());
            assert_eq!(pm, Some(serde_json::json!(2025)), "the board after the write");
        }
    }
    assert_eq!(
        state.scoreboard.rebuilds(),
        2,
        "{REQUESTS} concurrent requests after a write cause exactly one rebuild"
    );
}

/// A workbook of 1.5 KB with one value at XFD1048576 (a 512 GiB grid to the old reader,
/// which aborted the server) is refused with one error naming the column limit, and the
/// server answers the next request.
#[tokio::test]
async fn a_sparse_cell_far_away_is_refused_and_the_server_stays_up() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "region").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let body = book.save_to_buffer().unwrap();
    let r = send(
        &app,
        Request::post("/api/imports?name=sparse.xlsx")
            .header(header::AUTHORIZATION, format!("Bearer {}", seed::TOKEN))
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let text = r.text();
    assert!(text.contains("past the limit of 256 columns"), "{text}");
    assert_eq!(get(&app, "/api/openapi.json").await.status, StatusCode::OK);
}

#[tokio::test]
async fn bulk_accept_takes_only_facts_nothing_holds() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let s = seeded.store.as_ref();
    let ids = seed::bulk_facts(&seeded);
    let r = post_json(
        &app,
        "/api/review/bulk",
        Some(seed::TOKEN),
        &json!({"ids": ids, "action": "accept"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let answer = r.json();
    assert_eq!(answer["accepted"].as_array().unwrap().len(), 1, "{answer}");
    assert_eq!(answer["accepted"][0][0], ids[0]);
    let left = answer["left"].as_array().unwrap();
    assert_eq!(left.len(), 2, "{answer}");
    assert!(
        left[0]["message"].as_str().unwrap().contains("low_confidence"),
        "{answer}"
    );
    assert!(left[1]["message"].as_str().unwrap().contains("implausible"), "{answer}");
    for id in &ids[1..] {
        assert_eq!(s.fact(*id).unwrap().unwrap().review, pledge_store::Review::Pending);
    }
}

/// Small answers of issue 16, item 12: a figure already current answers 200 (nothing
/// stored), not 201, and no Location to a route that does not exist; a bad user name is
/// reported against `name`, not `password`; a 413 under /api/ is JSON.
#[tokio::test]
async fn unchanged_is_200_and_errors_name_their_field() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &observation()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(
        !r.headers.contains_key(header::LOCATION),
        "no route serves one observation"
    );
    let again = post_json(&app, "/api/observations", Some(seed::TOKEN), &observation()).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["result"], "unchanged");
    let bad = json!({"name": "a b", "role": "viewer", "password": "correct horse battery"});
    let admin = crate::add_user(seeded.store.as_ref(), "root", pledge_store::Role::Admin, &[]);
    let r = post_json(&app, "/api/users", Some(&admin), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert!(r.text().contains("\"field\":\"name\""), "{}", r.text());
    let big = "x".repeat(2 * 1024 * 1024);
    let r = post_json(&app, "/api/observations", Some(seed::TOKEN), &json!({"note": big})).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{:?}",
        r.headers
    );
    assert_eq!(r.json()["error"], "payload_too_large", "{}", r.text());
}

/// A target whose series holds 450 more observations lists 200 of them a page, newest
/// first, with the count and links to the other pages; its assessment is made on every
/// figure, so the row is the same on every page.
#[tokio::test]
async fn a_target_pages_its_observations_and_assesses_them_all() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let store = seeded.store.as_ref();
    let target = store
        .targets(&Default::default())
        .unwrap()
        .into_iter()
        .find(|t| t.indicator_name == "PM2.5年均浓度" && t.region_name == "济南市")
        .unwrap();
    let before = store
        .observations(&pledge_store::ObservationFilter {
            region: Some(target.region),
            indicator: Some(target.indicator),
            ..Default::default()
        })
        .unwrap()
        .len();
    let rows: Vec<pledge_store::NewObservation> = (0..450)
        .map(|k| {
            let mut o = pledge_store::NewObservation::new(
                target.region,
                target.indicator,
                pledge_model::Observation::level(1950 + k / 9, 40.0 + f64::from(k % 7), "微克/立方米"),
                pledge_store::Source::url("https://example.invalid/old", "旧数据"),
            );
            o.note = format!("监测点{}", k % 9);
            o
        })
        .collect();
    store.import_observations(&rows, "test").unwrap();
    let total = (before + 450) as u64;

    let first = get(&app, &format!("/api/targets/{}", target.id)).await.json();
    let paging = &first["observations_page"];
    assert_eq!(paging["total"], total);
    assert_eq!(paging["page"], 1);
    assert_eq!(paging["pages"], total.div_ceil(200));
    assert_eq!(paging["prev"], serde_json::Value::Null);
    assert_eq!(paging["next"], format!("/api/targets/{}?page=2", target.id));
    let listed = first["observations"].as_array().unwrap();
    assert_eq!(listed.len(), 200);
    let years: Vec<i64> = listed.iter().map(|o| o["year"].as_i64().unwrap()).collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "newest first: {years:?}");
    let newest = store
        .observations(&pledge_store::ObservationFilter {
            region: Some(target.region),
            indicator: Some(target.indicator),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|o| i64::from(o.observation.year))
        .max();
    assert_eq!(Some(years[0]), newest, "the newest figure opens page 1");

    let last_page = total.div_ceil(200);
    let last = get(&app, &format!("/api/targets/{}?page={last_page}", target.id))
        .await
        .json();
    assert_eq!(
        last["observations"].as_array().unwrap().len() as u64,
        total - 200 * (last_page - 1)
    );
    assert_eq!(last["observations_page"]["next"], serde_json::Value::Null);
    assert!(
        last["observations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["year"].as_i64().unwrap() < 2000),
        "the oldest figures come last"
    );
    assert_eq!(
        last["target"], first["target"],
        "the assessment does not depend on the page"
    );
    let r = get(&app, &format!("/api/targets/{}?page=0", target.id)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["field"], "page");

    // The page: 200 rows of the table, the count, and a link to the older ones.
    let html = get(&app, &format!("/targets/{}", target.id)).await.text();
    assert!(html.contains(&format!("共{total}条")), "the count is shown");
    assert!(
        html.contains(&format!(
            "href=\"/targets/{}?page=2#obs-caption\" rel=\"next\"",
            target.id
        )),
        "a link to the older page"
    );
    let table = &html[html.find("obs-caption").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr><th scope=\"row\">").count(), 200);
    let second = get(&app, &format!("/targets/{}?page=2&lang=en", target.id))
        .await
        .text();
    assert!(second.contains("rel=\"prev\""), "page 2 links back to the newer page");
    assert!(second.contains("page 2 of"));
}
