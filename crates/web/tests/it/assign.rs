//! An analyst sets a target's kind (约束性/预期性) and lead units (牵头单位) on the plan
//! page and by `POST /api/targets/{id}`; the audit log shows it; reporters, viewers and
//! anonymous callers are refused; a bad value is a field error.

use axum::http::{StatusCode, header};
use pledge_store::{Binding, Role};
use serde_json::json;

use crate::{add_user, app, get, get_bearer, get_with_cookie, post_form, post_json, seed, sign_in};

/// The demo's plan and one of its targets.
fn plan_and_target(seeded: &seed::Seeded) -> (i64, i64) {
    let plan = seeded.store.plans().unwrap()[0].id;
    let target = seeded
        .store
        .targets(&pledge_store::TargetFilter {
            plan: Some(plan),
            ..Default::default()
        })
        .unwrap()[0]
        .id;
    (plan, target)
}

/// The `<tr id="tN">…</tr>` of a target on the plan page.
fn row_of(html: &str, target: i64) -> String {
    let start = html
        .find(&format!("<tr id=\"t{target}\">"))
        .unwrap_or_else(|| panic!("no row of target {target}"));
    html[start..].split("</tr>").next().unwrap().to_owned()
}

#[tokio::test]
async fn an_analyst_sets_kind_and_lead_unit_on_the_plan_page_and_the_audit_shows_it() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let store = seeded.store.as_ref();
    let (plan, target) = plan_and_target(&seeded);
    add_user(store, "ana", Role::Analyst, &[]);
    add_user(store, "rep", Role::Reporter, &["天桥区"]);
    add_user(store, "viv", Role::Viewer, &[]);
    let admin = add_user(store, "adm", Role::Admin, &[]);
    let ana = sign_in(&app, "ana").await;
    let plan_uri = format!("/plans/{plan}");

    // Anonymous and viewers read the page without forms.
    let public = get(&app, &plan_uri).await.text();
    assert!(!public.contains("/assign\""), "no form for anonymous readers");
    let html = get_with_cookie(&app, &plan_uri, &ana.cookie).await.text();
    let row = row_of(&html, target);
    assert!(row.contains(&format!("action=\"/targets/{target}/assign\"")), "{row}");
    assert!(
        row.contains("name=\"binding\"") && row.contains("name=\"lead\""),
        "{row}"
    );

    let kind_before = store.target(target).unwrap().unwrap().binding;
    let uri = format!("/targets/{target}/assign");
    let r = post_form(
        &app,
        &uri,
        Some(&ana),
        &[
            ("binding", "expected"),
            ("lead", "市生态环境局、 市发展改革委，市生态环境局"),
            ("csrf", &ana.csrf),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let location = r.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{plan_uri}?assigned={target}")),
        "{location}"
    );
    let stored = store.target(target).unwrap().unwrap();
    assert_eq!(stored.binding, Binding::Expected);
    assert_eq!(stored.lead_departments, ["市生态环境局", "市发展改革委"]);

    // The page shows it: the analyst's form starts from it, readers see it as text.
    let back = get_with_cookie(&app, &location, &ana.cookie).await.text();
    assert!(back.contains("id=\"assign-done\""), "a notice of what was saved");
    let row = row_of(&back, target);
    assert!(row.contains("value=\"expected\" selected"), "{row}");
    assert!(row.contains("value=\"市生态环境局、市发展改革委\""), "{row}");
    let row = row_of(&get(&app, &plan_uri).await.text(), target);
    assert!(
        row.contains("预期性") && row.contains("市生态环境局、市发展改革委"),
        "{row}"
    );
    let board = get(&app, &format!("/api/targets/{target}")).await.json();
    assert_eq!(
        board["target"]["lead_departments"],
        json!(["市生态环境局", "市发展改革委"])
    );

    // The audit log has it, with who and the row before and after.
    let audit = get_bearer(&app, &format!("/api/audit?entity=targets&entity_id={target}"), &admin)
        .await
        .json();
    let entry = &audit[0];
    assert_eq!(
        (entry["action"].as_str(), entry["actor"].as_str()),
        (Some("assign"), Some("ana"))
    );
    assert_eq!(entry["before"]["binding"], kind_before.as_str());
    assert_eq!(entry["after"]["binding"], "expected");
    assert_eq!(
        entry["after"]["lead_departments"],
        json!(["市生态环境局", "市发展改革委"])
    );

    // Refused: anonymous (sign in), a reporter and a viewer (403); nothing written.
    let others = [sign_in(&app, "rep").await, sign_in(&app, "viv").await];
    let audit_count = store.counts().unwrap().audit;
    let anonymous = post_form(&app, &uri, None, &[("binding", "binding"), ("lead", "x")]).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    for s in &others {
        let r = post_form(
            &app,
            &uri,
            Some(s),
            &[("binding", "binding"), ("lead", "x"), ("csrf", &s.csrf)],
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    }
    let no_csrf = post_form(&app, &uri, Some(&ana), &[("binding", "binding"), ("lead", "x")]).await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

    // A bad value is a field error, in Chinese on the page.
    let bad = post_form(
        &app,
        &uri,
        Some(&ana),
        &[("binding", "强制性"), ("lead", ""), ("csrf", &ana.csrf)],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("指标属性须为"), "{}", bad.text());
    let long = "很".repeat(51);
    let bad = post_form(
        &app,
        &uri,
        Some(&ana),
        &[("binding", "binding"), ("lead", &long), ("csrf", &ana.csrf)],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("最多 50 个字"), "{}", bad.text());
    assert_eq!(store.counts().unwrap().audit, audit_count, "refusals write nothing");
    assert_eq!(store.target(target).unwrap().unwrap().binding, Binding::Expected);
}

#[tokio::test]
async fn the_api_assigns_kind_and_lead_units_and_names_the_field_of_a_bad_value() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let store = seeded.store.as_ref();
    let (_, target) = plan_and_target(&seeded);
    let analyst = add_user(store, "ana", Role::Analyst, &[]);
    let reporter = add_user(store, "rep", Role::Reporter, &["天桥区"]);
    let uri = format!("/api/targets/{target}");

    let r = post_json(
        &app,
        &uri,
        Some(&analyst),
        &json!({"binding": "binding", "lead_departments": ["市统计局"]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let body = r.json();
    assert_eq!(body["binding"], "binding");
    assert_eq!(body["lead_departments"], json!(["市统计局"]));
    assert_eq!(body["updated_by"], "ana");
    // Only the lead units: the kind stays.
    let r = post_json(&app, &uri, Some(&analyst), &json!({"lead_departments": []})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let t = store.target(target).unwrap().unwrap();
    assert_eq!((t.binding, t.lead_departments.len()), (Binding::Binding, 0));
    let entry = &store
        .audit(&pledge_store::AuditFilter {
            entity: Some("targets".into()),
            entity_id: Some(target),
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!((entry.action.as_str(), entry.actor.as_str()), ("assign", "ana"));

    let audit = store.counts().unwrap().audit;
    let send = json!({"binding": "expected"});
    assert_eq!(
        post_json(&app, &uri, None, &send).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = post_json(&app, &uri, Some(&reporter), &send).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    assert_eq!(r.json()["error"], "forbidden");
    for (body, field) in [
        (json!({"binding": "mandatory"}), "binding"),
        (json!({"binding": 1}), "binding"),
        (json!({"lead_departments": "市统计局"}), "lead_departments"),
        (json!({"lead_departments": ["长".repeat(51)]}), "lead_departments"),
        (
            json!({"lead_departments": (0..11).map(|i| format!("局{i}")).collect::<Vec<_>>()}),
            "lead_departments",
        ),
        (json!({"lead": ["市统计局"]}), "lead"),
        (json!({}), "body"),
        (json!([1]), "body"),
    ] {
        let r = post_json(&app, &uri, Some(&analyst), &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text());
        let e = r.json();
        assert_eq!(e["field"], field, "{body}: {e}");
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
    }
    assert_eq!(
        post_json(&app, "/api/targets/987654", Some(&analyst), &send)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(store.counts().unwrap().audit, audit, "refusals write nothing");
}
