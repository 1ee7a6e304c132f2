//! `GET /documents` and `GET /documents/{id}`: documents with every extracted fact
//! highlighted, and the review forms (`POST /facts/{id}/accept|reject`).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pledge_store::{Acceptance, DocumentInfo, FactFilter, FactRecord, Review};
use serde::Deserialize;

use crate::error::ApiError;
use crate::pages::{Ctx, page_result};
use crate::state::AppState;
use crate::views::document::{self, Located, parse_span};
use crate::views::format::value_unit;

/// The documents list.
#[derive(Template)]
#[template(path = "documents.html")]
pub struct DocumentsPage {
    /// Context.
    pub c: Ctx,
    /// The documents.
    pub documents: Vec<DocumentInfo>,
}

/// `GET /documents`.
pub async fn list(State(state): State<AppState>, mut c: Ctx) -> Response {
    c.nav = "documents";
    match state.blocking(|store| Ok(store.documents()?)).await {
        Ok(documents) => {
            let page = DocumentsPage { c, documents };
            page.c.render(StatusCode::OK, &page)
        }
        Err(e) => page_result(&c, Err(e)),
    }
}

/// A piece of the document's text as the page writes it.
#[derive(Debug, Clone)]
pub struct PieceView {
    /// The text.
    pub text: String,
    /// Wrapped in a `<mark>`.
    pub mark: bool,
    /// CSS classes of the mark.
    pub class: String,
    /// Tooltip: the facts covering it.
    pub title: String,
    /// Anchor ids starting here.
    pub anchors: Vec<String>,
}

/// A fact in the list beside the text.
#[derive(Debug, Clone)]
pub struct FactView {
    /// Fact id.
    pub id: i64,
    /// Target or actual, in words.
    pub kind: &'static str,
    /// Scope · indicator · year.
    pub what: String,
    /// The value as stated.
    pub value: String,
    /// The quote.
    pub quote: String,
    /// Review state code.
    pub review: &'static str,
    /// Review state in words.
    pub review_label: &'static str,
    /// Whether it can still be accepted or rejected.
    pub pending: bool,
    /// Whether it was found in the text.
    pub located: bool,
    /// The target it became.
    pub target_href: Option<String>,
}

/// The document page.
#[derive(Template)]
#[template(path = "document.html")]
pub struct DocumentPage {
    /// Context.
    pub c: Ctx,
    /// The document.
    pub info: DocumentInfo,
    /// The text in pieces.
    pub pieces: Vec<PieceView>,
    /// The facts.
    pub facts: Vec<FactView>,
    /// The facts not found in the text.
    pub not_located: Vec<FactView>,
    /// Whether the caller may review.
    pub can_review: bool,
    /// The quoted passage asked for (`?span=`), if it was found.
    pub selected: Option<String>,
}

/// Query of the document page.
#[derive(Debug, Default, Deserialize)]
pub struct DocQuery {
    /// `a-b`: a byte span to highlight as the current quote.
    pub span: Option<String>,
    /// A fact id whose span to highlight.
    pub fact: Option<i64>,
}

fn review_label(c: &Ctx, r: Review) -> &'static str {
    c.tr.s(match r {
        Review::Pending => "r_pending",
        Review::Accepted => "r_accepted",
        Review::Rejected => "r_rejected",
    })
}

fn fact_view(c: &Ctx, f: &FactRecord, located: bool) -> FactView {
    let x = &f.fact;
    let dir = match x.direction {
        Some(pledge_model::Direction::Up) => "+",
        Some(pledge_model::Direction::Down) => "−",
        None => "",
    };
    let bound = match x.bound {
        pledge_model::Bound::Eq => "",
        pledge_model::Bound::Ge => "≥",
        pledge_model::Bound::Le => "≤",
        pledge_model::Bound::About => "≈",
    };
    FactView {
        id: f.id,
        kind: c.tr.s(match x.kind {
            pledge_model::Kind::Target => "k_target",
            pledge_model::Kind::Actual => "k_actual",
        }),
        what: format!(
            "{} · {}{}",
            x.scope,
            x.indicator,
            x.year.map(|y| format!(" · {y}")).unwrap_or_default()
        ),
        value: format!("{bound}{dir}{}", value_unit(Some(x.value), &x.unit)),
        quote: x.quote.clone(),
        review: f.review.as_str(),
        review_label: review_label(c, f.review),
        pending: f.review == Review::Pending,
        located,
        target_href: f.target_id.map(|t| c.href(&format!("/targets/{t}"))),
    }
}

/// `GET /documents/{id}`.
pub async fn page(
    State(state): State<AppState>,
    mut c: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<DocQuery>,
) -> Response {
    c.nav = "documents";
    let loaded = state
        .blocking(move |store| {
            let doc = store
                .document(id)?
                .ok_or_else(|| ApiError::not_found(format!("document {id} not found")))?;
            let facts = store.facts(&FactFilter {
                document: Some(id),
                review: None,
            })?;
            Ok((doc, facts))
        })
        .await;
    let (doc, facts) = match loaded {
        Ok(x) => x,
        Err(e) => return page_result(&c, Err(e)),
    };
    let text = &doc.text;
    let located: Vec<Located> = facts.iter().filter_map(|f| document::locate(text, f)).collect();
    let selection = q.span.as_deref().and_then(parse_span).or_else(|| {
        q.fact
            .and_then(|fid| located.iter().find(|l| l.fact == fid))
            .map(|l| l.range)
    });
    // A span from a source may point into the original bytes; if it does not land on
    // text, fall back to the fact with that span.
    let selection = selection.map(|(a, b)| {
        if b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
            (a, b)
        } else {
            facts
                .iter()
                .find(|f| f.fact.span == [a, b])
                .and_then(|f| located.iter().find(|l| l.fact == f.id))
                .map_or((a, b), |l| l.range)
        }
    });
    let reviews = |fid: i64| facts.iter().find(|f| f.id == fid).map_or(Review::Pending, |f| f.review);
    let pieces = document::pieces(text, &located, &reviews, selection);
    let selected_text: String = pieces.iter().filter(|p| p.selected).map(|p| p.text.as_str()).collect();
    let pieces = pieces
        .into_iter()
        .map(|p| {
            let mut class = String::new();
            if !p.facts.is_empty() {
                class.push_str("fact ");
                class.push_str(p.class);
            }
            if p.selected {
                class.push_str(" current");
            }
            PieceView {
                mark: !class.is_empty(),
                title: p.facts.iter().map(|f| format!("#{f}")).collect::<Vec<_>>().join(" "),
                class: class.trim().to_owned(),
                text: p.text,
                anchors: p.anchors,
            }
        })
        .collect();
    let is_located = |f: &FactRecord| located.iter().any(|l| l.fact == f.id);
    let page = DocumentPage {
        can_review: c.user.as_ref().is_some_and(|u| u.may_review().is_ok()),
        facts: facts
            .iter()
            .filter(|f| is_located(f))
            .map(|f| fact_view(&c, f, true))
            .collect(),
        not_located: facts
            .iter()
            .filter(|f| !is_located(f))
            .map(|f| fact_view(&c, f, false))
            .collect(),
        selected: (!selected_text.is_empty()).then_some(selected_text),
        info: doc.info,
        pieces,
        c,
    };
    page.c.render(StatusCode::OK, &page)
}

/// The review form's fields.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewForm {
    /// The reviewer's remark.
    #[serde(default)]
    pub note: String,
    /// The session's CSRF token.
    #[serde(default)]
    pub csrf: Option<String>,
}

/// `POST /facts/{id}/accept` and `/reject` from the document page: 303 back to the fact.
pub async fn review(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<ReviewForm>,
) -> Response {
    if let Some(refused) = crate::auth::csrf::check(&c, form.csrf.as_deref()) {
        return refused;
    }
    let Some(user) = c.user.clone() else {
        return crate::pages::signin::needed(&c);
    };
    if let Err(e) = user.may_review() {
        return c.error(&ApiError::forbidden(e.0));
    }
    let result = state
        .blocking(move |store| {
            let fact = store
                .fact(id)?
                .ok_or_else(|| ApiError::not_found(format!("fact {id} not found")))?;
            user.may_review_in(fact.region).map_err(|e| ApiError::forbidden(e.0))?;
            match action.as_str() {
                "accept" => {
                    store.accept_fact(id, &Acceptance::default(), &user.name)?;
                }
                "reject" => store.reject_fact(id, &form.note, &user.name)?,
                _ => return Err(ApiError::not_found("review actions are accept and reject")),
            }
            Ok(fact.document)
        })
        .await;
    match result {
        Ok(doc) => (
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                c.href(&format!("/documents/{doc}?fact={id}#fact-{id}")),
            )],
        )
            .into_response(),
        Err(e) => c.error(&e),
    }
}
