//! `GET /review`: the review queue for analysts (every pending fact with its sentence,
//! what it would join and why it waits), and its forms: `POST /review/{id}/accept`
//! (edit, then accept; a conflict with a current value is confirmed on a page that says
//! what changes), `POST /review/{id}/reject` (with a reason) and `POST /review/bulk`.

use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pledge_store::queue::{self, QueueFilter};
use pledge_store::{Acceptance, FactRecord, Review, Store};
use serde::Deserialize;

use crate::auth::{Principal, csrf};
use crate::error::ApiError;
use crate::pages::{Ctx, query_pairs};
use crate::state::AppState;
use crate::views::review::{EditForm, ItemView, acceptance, changes, item_view};

/// The queue page.
#[derive(Template)]
#[template(path = "review.html")]
pub struct ReviewPage {
    /// Context.
    pub c: Ctx,
    /// The pending facts.
    pub items: Vec<ItemView>,
    /// The library's indicator names (the edit form's suggestions).
    pub indicators: Vec<String>,
    /// What the last action did, for people.
    pub done: Option<String>,
    /// The reason filter (`conflict`…), '' for all.
    pub reason: String,
    /// The reason filter's options: code and whether it is chosen.
    pub reason_options: Vec<(&'static str, bool)>,
}

/// The reasons the queue can be filtered by.
const REASONS: [&str; 6] = [
    "conflict",
    "new_indicator",
    "no_region",
    "no_due_year",
    "low_confidence",
    "implausible",
];

/// The confirmation page of an acceptance that replaces or contradicts a stored value.
#[derive(Template)]
#[template(path = "review_confirm.html")]
pub struct ConfirmPage {
    /// Context.
    pub c: Ctx,
    /// The fact.
    pub item: ItemView,
    /// What changes, one line each.
    pub changes: Vec<String>,
    /// The form as submitted (sent again with `confirm=1`).
    pub form: EditForm,
}

/// Query of the queue page.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    /// Only facts of this document.
    pub doc: Option<i64>,
    /// Only facts pending for this reason.
    pub reason: Option<String>,
    /// What was just done: `accepted`, `rejected`, `bulk`.
    pub done: Option<String>,
    /// The fact it was done to.
    pub fact: Option<i64>,
    /// Bulk: how many were accepted, rejected, left.
    pub n: Option<usize>,
    /// Bulk: how many were left pending.
    pub left: Option<usize>,
}

/// The principal of a review form, after the CSRF and role checks.
fn reviewer(c: &Ctx, submitted: Option<&str>) -> Result<Principal, Box<Response>> {
    if let Some(refused) = csrf::check(c, submitted) {
        return Err(Box::new(refused));
    }
    let Some(user) = c.user.clone() else {
        return Err(Box::new(crate::pages::signin::needed(c)));
    };
    user.may_review()
        .map_err(|e| Box::new(c.error(&ApiError::forbidden(e.0))))?;
    Ok(user)
}

fn done_text(c: &Ctx, q: &QueueQuery) -> Option<String> {
    let zh = c.lang == crate::i18n::Lang::Zh;
    let fact = q.fact.unwrap_or_default();
    Some(match (q.done.as_deref()?, zh) {
        ("accepted", true) => format!("事实 #{fact} 已采纳。"),
        ("accepted", false) => format!("Fact #{fact} accepted."),
        ("rejected", true) => format!("事实 #{fact} 已驳回。"),
        ("rejected", false) => format!("Fact #{fact} rejected."),
        ("bulk", true) => format!(
            "已处理 {} 条；{} 条仍待审核（有冲突或缺少信息）。",
            q.n.unwrap_or(0),
            q.left.unwrap_or(0)
        ),
        ("bulk", false) => format!(
            "{} done; {} left pending (a conflict or missing information).",
            q.n.unwrap_or(0),
            q.left.unwrap_or(0)
        ),
        _ => return None,
    })
}

/// `GET /review`: the pending facts the signed-in reviewer may decide (within their
/// regions, when confined to some).
pub async fn page(State(state): State<AppState>, mut c: Ctx, Query(q): Query<QueueQuery>) -> Response {
    c.nav = "review";
    let filter = QueueFilter {
        document: q.doc,
        reason: q.reason.clone().filter(|r| !r.is_empty()),
    };
    let reviewer = c.user.clone();
    let loaded = state
        .blocking(move |store| {
            let items: Vec<_> = queue::pending(store, &filter)?
                .into_iter()
                .filter(|i| {
                    reviewer
                        .as_ref()
                        .is_some_and(|u| u.may_review_in(i.fact.region).is_ok())
                })
                .collect();
            let indicators = store.indicators()?.into_iter().map(|i| i.name).collect::<Vec<_>>();
            Ok((items, indicators))
        })
        .await;
    match loaded {
        Ok((items, indicators)) => {
            let page = ReviewPage {
                items: items.iter().map(|i| item_view(&c, i)).collect(),
                indicators,
                done: done_text(&c, &q),
                reason_options: REASONS
                    .iter()
                    .map(|&code| (code, q.reason.as_deref() == Some(code)))
                    .collect(),
                reason: q.reason.unwrap_or_default(),
                c,
            };
            page.c.render(StatusCode::OK, &page)
        }
        Err(e) => c.error(&e),
    }
}

fn back(c: &Ctx, query: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, c.href(&format!("/review?{query}")))],
    )
        .into_response()
}

/// A pending fact the reviewer may decide on.
fn pending_fact(store: &dyn Store, user: &Principal, id: i64) -> Result<FactRecord, ApiError> {
    let fact = store
        .fact(id)?
        .ok_or_else(|| ApiError::not_found(format!("fact {id} not found")))?;
    user.may_review_in(fact.region).map_err(|e| ApiError::forbidden(e.0))?;
    if fact.review != Review::Pending {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            format!("fact {id} is {} already", fact.review.as_str()),
        ));
    }
    Ok(fact)
}

/// What an accept form led to.
enum Outcome {
    /// Accepted.
    Done,
    /// Needs confirming: the fact as the queue shows it, and what would change.
    Confirm(Box<queue::QueueItem>, Vec<String>),
}

/// `POST /review/{id}/accept`: the edit form; a conflict asks first.
pub async fn accept(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<EditForm>,
) -> Response {
    let user = match reviewer(&c, form.csrf.as_deref()) {
        Ok(u) => u,
        Err(r) => return *r,
    };
    let tr = c.tr;
    let submitted = form.clone();
    let result = state
        .blocking(move |store| {
            let fact = pending_fact(store, &user, id)?;
            let how = acceptance(store, &form, &fact)?;
            user.may_accept_into(fact.region, how.region)
                .map_err(|e| ApiError::forbidden(e.0))?;
            let conflicts = store.fact_conflicts(id, &how)?;
            if !conflicts.is_empty() && !how.replace {
                let lines = changes(tr, &fact, &how, &conflicts);
                return Ok(Outcome::Confirm(Box::new(queue::item(store, fact)?), lines));
            }
            store.accept_fact(id, &how, &user.name)?;
            Ok(Outcome::Done)
        })
        .await;
    match result {
        Ok(Outcome::Done) => back(&c, &format!("done=accepted&fact={id}")),
        Ok(Outcome::Confirm(item, changes)) => {
            let page = ConfirmPage {
                item: item_view(&c, &item),
                changes,
                form: submitted,
                c,
            };
            page.c.render(StatusCode::OK, &page)
        }
        Err(e) => c.error(&e),
    }
}

/// The reject form.
#[derive(Debug, Default, Deserialize)]
pub struct RejectForm {
    /// Why (required).
    #[serde(default)]
    pub reason: String,
    /// The session's CSRF token.
    #[serde(default)]
    pub csrf: Option<String>,
}

fn reason_needed(c: &Ctx) -> Response {
    let message = if c.lang == crate::i18n::Lang::Zh {
        "驳回需要填写理由。"
    } else {
        "Rejecting needs a reason."
    };
    c.error(&ApiError::unprocessable(vec![crate::error::FieldError {
        field: "reason".into(),
        message: message.into(),
        row: None,
        value: None,
    }]))
}

/// `POST /review/{id}/reject`: with a reason.
pub async fn reject(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<RejectForm>,
) -> Response {
    let user = match reviewer(&c, form.csrf.as_deref()) {
        Ok(u) => u,
        Err(r) => return *r,
    };
    let reason = form.reason.trim().to_owned();
    if reason.is_empty() {
        return reason_needed(&c);
    }
    let result = state
        .blocking(move |store| {
            pending_fact(store, &user, id)?;
            Ok(store.reject_fact(id, &reason, &user.name)?)
        })
        .await;
    match result {
        Ok(()) => back(&c, &format!("done=rejected&fact={id}")),
        Err(e) => c.error(&e),
    }
}

/// The bulk form, read from its pairs (`ids` repeats).
#[derive(Debug, Default)]
struct BulkForm {
    ids: Vec<i64>,
    action: String,
    reason: String,
    csrf: Option<String>,
}

fn bulk_form(body: &[u8]) -> BulkForm {
    let mut form = BulkForm::default();
    for (k, v) in query_pairs(&String::from_utf8_lossy(body)) {
        match k.as_str() {
            "ids" => form.ids.extend(v.parse::<i64>().ok()),
            "action" => form.action = v,
            "reason" => form.reason = v.trim().to_owned(),
            "csrf" => form.csrf = Some(v),
            _ => {}
        }
    }
    form
}

/// Decides one fact of a bulk action; `false` when it is left pending: anything the queue
/// holds it for ([`queue::bulk_blocked`]: a conflict, a low-confidence match, an
/// implausible value, a missing region or indicator) or another analyst's region.
fn decide(store: &dyn Store, user: &Principal, id: i64, action: &str, reason: &str) -> bool {
    let Ok(fact) = pending_fact(store, user, id) else {
        return false;
    };
    match action {
        "accept" => {
            let clear = queue::bulk_blocked(store, &fact).is_ok_and(|why| why.is_none());
            clear && store.accept_fact(fact.id, &Acceptance::default(), &user.name).is_ok()
        }
        _ => store.reject_fact(fact.id, reason, &user.name).is_ok(),
    }
}

/// `POST /review/bulk`: accept or reject the selected facts. Bulk acceptance takes only
/// facts nothing holds; the others are left for their own accept form.
pub async fn bulk(State(state): State<AppState>, c: Ctx, body: Bytes) -> Response {
    let form = bulk_form(&body);
    let user = match reviewer(&c, form.csrf.as_deref()) {
        Ok(u) => u,
        Err(r) => return *r,
    };
    if !matches!(form.action.as_str(), "accept" | "reject") {
        return c.error(&ApiError::bad_request("action is accept or reject"));
    }
    if form.action == "reject" && form.reason.is_empty() {
        return reason_needed(&c);
    }
    let result = state
        .blocking(move |store| {
            let done = form
                .ids
                .iter()
                .filter(|&&id| decide(store, &user, id, &form.action, &form.reason))
                .count();
            Ok((done, form.ids.len() - done))
        })
        .await;
    match result {
        Ok((n, left)) => back(&c, &format!("done=bulk&n={n}&left={left}")),
        Err(e) => c.error(&e),
    }
}
