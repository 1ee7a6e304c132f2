//! `GET /plans/{id}`: a plan and its targets, grouped by category, each with its kind
//! (约束性/预期性, as stored or as the source's wording states it), its lead units
//! (牵头单位), light, latest value and completion; and `POST /targets/{id}/assign`, the
//! form by which an analyst sets a target's kind and lead units there.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pledge_store::{Assignment, Binding};
use serde::Deserialize;

use crate::auth::csrf;
use crate::error::ApiError;
use crate::i18n::category_label;
use crate::pages::{Ctx, page_result};
use crate::state::AppState;
use crate::views::scoreboard::ScoreRow;

/// A target of the plan as the page shows it.
#[derive(Debug, Clone)]
pub struct PlanTarget {
    /// The target's id.
    pub id: i64,
    /// Link to the target page.
    pub href: String,
    /// The indicator as worded.
    pub indicator: String,
    /// The region.
    pub region: String,
    /// The target with its bound.
    pub target: String,
    /// The target year.
    pub year: i32,
    /// 约束性, 预期性 or 未注明.
    pub binding: &'static str,
    /// Whether the kind is read from the source's wording rather than stored.
    pub binding_from_wording: bool,
    /// Lead units (牵头单位), `—` without one.
    pub lead: String,
    /// The stored kind's code (what the form starts from).
    pub binding_code: &'static str,
    /// The lead units as the form's field holds them (`、` between), '' without one.
    pub lead_field: String,
    /// Whether the signed-in analyst may assign this target (role and regions).
    pub editable: bool,
    /// Light class.
    pub light: &'static str,
    /// Status in words.
    pub status: &'static str,
    /// Latest figure.
    pub latest: String,
    /// Completion.
    pub completion: String,
}

/// A category of the plan's targets.
#[derive(Debug, Clone)]
pub struct Group {
    /// The category's label.
    pub label: &'static str,
    /// Its targets.
    pub targets: Vec<PlanTarget>,
}

/// The plan page.
#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    /// Context.
    pub c: Ctx,
    /// The plan's title.
    pub title: String,
    /// Who issued it, the region and the period.
    pub about: String,
    /// The targets by category.
    pub groups: Vec<Group>,
    /// Counts: 约束性, 预期性, 未注明.
    pub kinds: [usize; 3],
    /// The board filtered to the plan.
    pub board_href: String,
    /// The day the targets are assessed as of (数据截至).
    pub as_of: String,
    /// Whether any target is editable (the table then has the form's column).
    pub editable: bool,
    /// What the last assignment did, for people.
    pub done: Option<String>,
}

/// Query of the plan page.
#[derive(Debug, Default, Deserialize)]
pub struct PlanQuery {
    /// The target just assigned (`POST /targets/{id}/assign` comes back here).
    pub assigned: Option<i64>,
}

/// The kind of a target: as stored, else as its quote states it.
fn kind(row: &ScoreRow) -> (Binding, bool) {
    match row.binding {
        Binding::Unspecified => {
            Binding::from_wording(&row.source.quote).map_or((Binding::Unspecified, false), |b| (b, true))
        }
        stored => (stored, false),
    }
}

/// `GET /plans/{id}`.
pub async fn page(
    State(state): State<AppState>,
    mut c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PlanQuery>,
) -> Response {
    c.nav = "scoreboard";
    let day = match c.as_of() {
        Ok(day) => day,
        Err(e) => return page_result(&c, Err(e)),
    };
    let plan = match state.blocking(move |store| Ok(store.plan(id)?)).await {
        Ok(Some(plan)) => plan,
        Ok(None) => return page_result(&c, Err(ApiError::not_found(format!("no plan {id}")))),
        Err(e) => return page_result(&c, Err(e)),
    };
    let (rows, as_of) = match state.scoreboard_rows(day).await {
        Ok(cache) => ((*cache.rows).clone(), cache.as_of),
        Err(e) => return page_result(&c, Err(e)),
    };
    let mut rows: Vec<&ScoreRow> = rows.iter().filter(|r| r.plan_id == Some(id)).collect();
    rows.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then(a.indicator.cmp(&b.indicator))
            .then(a.id.cmp(&b.id))
    });
    let tr = c.tr;
    let mut kinds = [0; 3];
    let mut groups: Vec<Group> = Vec::new();
    for r in rows {
        let (binding, from_wording) = kind(r);
        kinds[match binding {
            Binding::Binding => 0,
            Binding::Expected => 1,
            Binding::Unspecified => 2,
        }] += 1;
        let label = category_label(c.lang, &r.category);
        if groups.last().is_none_or(|g| g.label != label) {
            groups.push(Group {
                label,
                targets: Vec::new(),
            });
        }
        let editable = c
            .user
            .as_ref()
            .is_some_and(|u| u.may_review_in(Some(r.region_id)).is_ok());
        let target = PlanTarget {
            id: r.id,
            href: c.href(&format!("/targets/{}", r.id)),
            indicator: r.indicator_text.clone(),
            region: r.region.clone(),
            target: r.display.target.clone(),
            year: r.year,
            binding: tr.s(match binding {
                Binding::Binding => "b_binding",
                Binding::Expected => "b_expected",
                Binding::Unspecified => "b_unspecified",
            }),
            binding_from_wording: from_wording,
            lead: if r.lead_departments.is_empty() {
                "—".into()
            } else {
                r.lead_departments.join("、")
            },
            binding_code: r.binding.as_str(),
            lead_field: r.lead_departments.join("、"),
            editable,
            light: r.light.as_str(),
            status: tr.status(r.status),
            latest: r.display.latest.clone(),
            completion: r.display.completion.clone(),
        };
        if let Some(g) = groups.last_mut() {
            g.targets.push(target);
        }
    }
    let period = match (plan.period_start, plan.period_end) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    // Issuer, region and period, each only when known.
    let about = [plan.issuer.as_str(), plan.region_name.as_str(), period.as_str()]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let done = q.assigned.map(|t| {
        c.tr.pick(
            "已保存目标 #{} 的指标属性和牵头单位。",
            "Saved the kind and lead units of target #{}.",
        )
        .replace("{}", &t.to_string())
    });
    let page = PlanPage {
        editable: groups.iter().flat_map(|g| &g.targets).any(|t| t.editable),
        done,
        title: plan.title.clone(),
        about,
        groups,
        kinds,
        board_href: c.href(&format!("/?plan={id}")),
        as_of: as_of.to_string(),
        c,
    };
    page.c.render(StatusCode::OK, &page)
}

/// The assignment form of one target on the plan page.
#[derive(Debug, Default, Deserialize)]
pub struct AssignForm {
    /// The kind's code: `binding`, `expected`, `unspecified`.
    #[serde(default)]
    pub binding: String,
    /// The lead units on one line (`、`, `，` or `;` between).
    #[serde(default)]
    pub lead: String,
    /// The session's CSRF token.
    #[serde(default)]
    pub csrf: Option<String>,
}

/// `POST /targets/{id}/assign`: sets the target's kind and lead units, then back to its
/// plan's page (or the target's page when it has no plan).
pub async fn assign(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Response {
    if let Some(refused) = csrf::check(&c, form.csrf.as_deref()) {
        return refused;
    }
    let Some(user) = c.user.clone() else {
        return crate::pages::signin::needed(&c);
    };
    let binding = match crate::views::assign::parse_binding(c.lang, &form.binding) {
        Ok(b) => b,
        Err(e) => return c.error(&e),
    };
    let how = Assignment {
        binding: Some(binding),
        lead_departments: Some(Assignment::split_units(&form.lead)),
    };
    let lang = c.lang;
    let result = state
        .blocking(move |store| crate::views::assign::assign(store, &user, lang, id, &how))
        .await;
    match result {
        Ok(t) => {
            let back = match t.plan {
                Some(plan) => c.href(&format!("/plans/{plan}")),
                None => c.href(&format!("/targets/{id}")),
            };
            let sep = if back.contains('?') { '&' } else { '?' };
            let location = format!("{back}{sep}assigned={id}#t{id}");
            (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
        }
        Err(e) => c.error(&e),
    }
}
