//! The HTML pages: request context (language, sign-in), rendering, and one module per page.

pub mod admin;
pub mod document;
pub mod entry;
pub mod plan;
pub mod regions;
pub mod review;
pub mod scoreboard;
pub mod signin;
pub mod target;

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::auth::{Principal, Via, cookie};
use crate::error::ApiError;
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

/// The cookie that remembers the language.
pub const LANG_COOKIE: &str = "lang";

/// What every page needs to know about its request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The translator.
    pub tr: Tr,
    /// The language (also `tr.lang`).
    pub lang: Lang,
    /// The current URL with the other language (the switch link).
    pub switch_url: String,
    /// The navigation entry to mark as current.
    pub nav: &'static str,
    /// The signed-in principal.
    pub user: Option<Principal>,
    /// Whether writing is possible at all (a token or accounts are configured).
    pub writes_enabled: bool,
    /// How the user signed in (a session, or a bearer token for scripted page posts).
    pub via: Via,
    /// The CSRF token every form of this page carries (the session's; the sign-in
    /// page's own before a session exists). Empty when nobody is signed in.
    pub csrf: String,
    /// The session id of the cookie (for signing out); `Debug` prints `***`.
    pub session: Option<pledge_store::Secret>,
    /// The path and query of the request (for `next=` after signing in).
    pub here: String,
    /// The `?as_of=` of the request, as given (kept in internal links).
    pub as_of_text: Option<String>,
    /// Whether `?lang=` was given (the response then sets the cookie).
    set_lang: bool,
}

impl Ctx {
    /// An internal link that keeps the language and the as-of day: `/targets/3` →
    /// `/targets/3?lang=en` in English, `/targets/3?as_of=2025-06-30` when asked as of then.
    pub fn href(&self, path: &str) -> String {
        let mut extra: Vec<(String, String)> = Vec::new();
        if self.lang == Lang::En {
            extra.push(("lang".into(), "en".into()));
        }
        if let Some(day) = self.as_of_text.as_deref().filter(|d| !d.trim().is_empty()) {
            if !path.contains("as_of=") {
                extra.push(("as_of".into(), day.to_owned()));
            }
        }
        if extra.is_empty() {
            return path.to_owned();
        }
        let (base, fragment) = match path.split_once('#') {
            Some((b, f)) => (b, format!("#{f}")),
            None => (path, String::new()),
        };
        let sep = if base.contains('?') { '&' } else { '?' };
        format!("{base}{sep}{}{fragment}", encode_query(&extra))
    }

    /// The day asked for with `?as_of=`: `None` when not given, 422 when not a date.
    pub fn as_of(&self) -> Result<Option<pledge_assess::Date>, ApiError> {
        crate::views::scoreboard::parse_as_of(self.as_of_text.as_deref())
    }

    /// The `?as_of=` as given, or empty (for the filter form's hidden field).
    pub fn as_of_param(&self) -> &str {
        self.as_of_text.as_deref().unwrap_or("")
    }

    /// The user's name, for the header.
    pub fn user_name(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.name.as_str())
    }

    /// Whether the user may review facts (the header links the review queue).
    pub fn may_review(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.may_review().is_ok())
    }

    /// Whether the user is an admin (the header links the admin pages).
    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.may_administer().is_ok())
    }

    /// Renders a template as a response with `status`, setting the language cookie when
    /// the request chose a language.
    pub fn render<T: Template>(&self, status: StatusCode, page: &T) -> Response {
        match page.render() {
            Ok(html) => {
                let mut response = (status, Html(html)).into_response();
                if self.set_lang {
                    let value = format!(
                        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                        self.lang.code()
                    );
                    if let Ok(v) = HeaderValue::from_str(&value) {
                        response.headers_mut().append(header::SET_COOKIE, v);
                    }
                }
                response
            }
            Err(e) => ApiError::internal(format!("template failed: {e}")).into_response(),
        }
    }

    /// Renders the error page.
    pub fn error(&self, error: &ApiError) -> Response {
        let page = ErrorPage {
            c: self.clone(),
            title: if error.status == StatusCode::NOT_FOUND {
                self.tr.s("not_found").to_owned()
            } else {
                self.tr.s("error").to_owned()
            },
            message: if error.status == StatusCode::NOT_FOUND {
                self.tr.s("not_found_text").to_owned()
            } else {
                error.message.clone()
            },
        };
        self.render(error.status, &page)
    }
}

/// Splits a query string into pairs (percent-decoded).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query).unwrap_or_default()
}

/// Percent-encodes one query value.
pub fn encode_component(text: &str) -> String {
    encode_query(&[(String::from("x"), text.to_owned())])
        .trim_start_matches("x=")
        .to_owned()
}

/// Percent-encodes query pairs.
pub fn encode_query(pairs: &[(String, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ctx, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let mut pairs = query_pairs(query);
        let from_query = pairs
            .iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(v));
        let lang = from_query
            .or_else(|| cookie(&parts.headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)))
            .unwrap_or_default();
        let as_of_text = pairs
            .iter()
            .find(|(k, v)| k == "as_of" && !v.trim().is_empty())
            .map(|(_, v)| v.clone());
        pairs.retain(|(k, _)| k != "lang");
        let here = if pairs.is_empty() {
            parts.uri.path().to_owned()
        } else {
            format!("{}?{}", parts.uri.path(), encode_query(&pairs))
        };
        pairs.push(("lang".into(), lang.other().code().into()));
        let switch_url = format!("{}?{}", parts.uri.path(), encode_query(&pairs));
        let resolved = crate::auth::resolved(parts, state).await?;
        Ok(Ctx {
            tr: Tr::new(lang),
            lang,
            switch_url,
            nav: "",
            user: resolved.principal,
            writes_enabled: state.auth.enabled(),
            via: resolved.via,
            csrf: resolved.csrf.map(|c| c.expose().to_owned()).unwrap_or_default(),
            session: resolved.session,
            here,
            as_of_text,
            set_lang: from_query.is_some(),
        })
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Context.
    pub c: Ctx,
    /// Heading.
    pub title: String,
    /// What happened.
    pub message: String,
}

/// Turns an API error into the error page of the request's language.
pub fn page_result(c: &Ctx, result: Result<Response, ApiError>) -> Response {
    match result {
        Ok(r) => r,
        Err(e) => c.error(&e),
    }
}

/// `GET /static/style.css`.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/style.css"),
    )
        .into_response()
}

/// Fallback for unknown paths: the 404 page.
pub async fn not_found(mut c: Ctx) -> Response {
    c.nav = "";
    c.error(&ApiError::not_found("no such page"))
}
