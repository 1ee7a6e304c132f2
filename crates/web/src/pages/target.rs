//! `GET /targets/{id}`: one target's story — chart, table, explanation, sources.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pledge_store::{Binding, Source};

use crate::chart::format_number;
use crate::pages::scoreboard::{RowView, row_view};
use crate::pages::{Ctx, page_result};
use crate::state::AppState;
use crate::views::format::value_unit;
use crate::views::scoreboard::display_unit;
use crate::views::target;

/// A source as the page links it.
#[derive(Debug, Clone, Default)]
pub struct SourceView {
    /// The quoted words.
    pub quote: String,
    /// The web page, if any.
    pub url: String,
    /// The document view with the span highlighted, if the source is a stored document.
    pub doc_href: Option<String>,
}

/// Builds the links of a source.
pub fn source_view(c: &Ctx, s: &Source) -> SourceView {
    SourceView {
        quote: s.quote.clone(),
        url: s.url.clone(),
        doc_href: s.document.map(|d| match s.span {
            Some([a, b]) => c.href(&format!("/documents/{d}?span={a}-{b}#hl")),
            None => c.href(&format!("/documents/{d}")),
        }),
    }
}

/// One year of the chart's table.
#[derive(Debug, Clone)]
pub struct YearView {
    /// Year.
    pub year: i32,
    /// Observed (empty for a gap).
    pub observed: String,
    /// Expected path.
    pub expected: String,
    /// Target.
    pub target: String,
    /// Forecast.
    pub forecast: String,
}

/// Another value read for the target's commitment.
#[derive(Debug, Clone)]
pub struct ConflictView {
    /// The value with its bound and unit (`≥170万吨/日`).
    pub value: String,
    /// Where it was read.
    pub source: SourceView,
    /// Who stored it, when.
    pub by: String,
}

/// The sign of a bound before a value.
fn bound_text(bound: pledge_model::Bound) -> &'static str {
    match bound {
        pledge_model::Bound::Eq => "",
        pledge_model::Bound::Ge => "≥",
        pledge_model::Bound::Le => "≤",
        pledge_model::Bound::About => "≈",
    }
}

/// One observation with its source.
#[derive(Debug, Clone)]
pub struct ObsView {
    /// Year (and period).
    pub when: String,
    /// As reported: value, unit, measure.
    pub reported: String,
    /// The note (basis).
    pub note: String,
    /// Source.
    pub source: SourceView,
    /// Who reported it, and the revision.
    pub reporter: String,
}

/// The target page.
#[derive(Template)]
#[template(path = "target.html")]
pub struct TargetPage {
    /// Context.
    pub c: Ctx,
    /// The row (target and assessment).
    pub r: RowView,
    /// Plan title.
    pub plan: String,
    /// Link to the plan's page, empty without a plan.
    pub plan_href: String,
    /// Binding label.
    pub binding: &'static str,
    /// Aspirational (力争).
    pub aspiration: bool,
    /// Lead departments.
    pub lead: String,
    /// Cooperating departments.
    pub cooperating: String,
    /// The chart SVG.
    pub chart: String,
    /// The unit of the chart's values.
    pub unit: String,
    /// The chart's table.
    pub years: Vec<YearView>,
    /// The explanation in the page's language.
    pub explanation: String,
    /// Notes of the engine (observations it could not use).
    pub notes: Vec<String>,
    /// Part-year figures.
    pub part_year: Vec<String>,
    /// Where the target was set.
    pub target_source: SourceView,
    /// Other sources stating the same commitment.
    pub more_sources: Vec<SourceView>,
    /// Other values read for it, waiting for a person.
    pub conflicts: Vec<ConflictView>,
    /// This page of the observations, with their sources.
    pub observations: Vec<ObsView>,
    /// Which page of how many, and the count (`第1/3页，共412条`).
    pub obs_page: String,
    /// The newer page, if any.
    pub newer_href: Option<String>,
    /// The older page, if any.
    pub older_href: Option<String>,
}

/// `GET /targets/{id}`.
pub async fn page(
    State(state): State<AppState>,
    mut c: Ctx,
    Path(id): Path<i64>,
    Query(paging): Query<target::PageQuery>,
) -> Response {
    c.nav = "scoreboard";
    let options = match c.as_of() {
        Ok(day) => state.assess_options(day),
        Err(e) => return page_result(&c, Err(e)),
    };
    let page = match paging.request() {
        Ok(p) => p,
        Err(e) => return page_result(&c, Err(e)),
    };
    let data = match state
        .blocking(move |store| target::load(store, id, &options, page))
        .await
    {
        Ok(d) => d,
        Err(e) => return page_result(&c, Err(e)),
    };
    let row = &data.row;
    let tr = c.tr;
    let unit = display_unit(row);
    let chart_data = target::chart_data(row);
    let years = target::year_rows(&chart_data)
        .into_iter()
        .map(|y| YearView {
            year: y.year,
            observed: y.observed.map(format_number).unwrap_or_default(),
            // The expected path and the forecast are derived: as many digits as a figure has.
            expected: y.expected.map(derived).unwrap_or_default(),
            target: y.target.map(format_number).unwrap_or_default(),
            forecast: y.forecast.map(derived).unwrap_or_default(),
        })
        .collect();
    let a = row.assessment.as_ref();
    let pages = data.pages();
    let at = u64::from(data.page.page);
    let obs_page = tr
        .s("obs_page")
        .replace("{page}", &at.to_string())
        .replace("{pages}", &pages.to_string())
        .replace("{total}", &data.observations.total.to_string());
    let page_href = |n: u64| c.href(&format!("/targets/{id}?page={n}#obs-caption"));
    let newer_href = (at > 1).then(|| page_href((at - 1).min(pages)));
    let older_href = (at < pages).then(|| page_href(at + 1));
    let observations = data
        .observations
        .rows
        .iter()
        .map(|o| {
            let ob = &o.observation;
            let measure = match ob.measure {
                pledge_model::Measure::Level => String::new(),
                pledge_model::Measure::Change => format!(
                    " · {}{}",
                    tr.s("m_change"),
                    ob.baseline_year.map(|b| format!(" ({b})")).unwrap_or_default()
                ),
                pledge_model::Measure::Increment => format!(
                    " · {}{}",
                    tr.s("m_increment"),
                    ob.baseline_year.map(|b| format!(" ({b})")).unwrap_or_default()
                ),
            };
            ObsView {
                when: match &ob.period {
                    Some(p) => format!("{} {p}", ob.year),
                    None => ob.year.to_string(),
                },
                reported: format!("{}{measure}", value_unit(Some(ob.value), &ob.unit)),
                note: o.note.clone(),
                source: source_view(&c, &o.source),
                reporter: format!("{} · {} {}", o.reporter, tr.s("revision"), o.revision),
            }
        })
        .collect();
    let page = TargetPage {
        r: row_view(&c, row),
        plan: row.plan.clone().unwrap_or_default(),
        plan_href: row.plan_id.map(|p| c.href(&format!("/plans/{p}"))).unwrap_or_default(),
        binding: tr.s(match row.binding {
            Binding::Binding => "b_binding",
            Binding::Expected => "b_expected",
            Binding::Unspecified => "b_unspecified",
        }),
        aspiration: a.is_some_and(|a| a.aspiration),
        lead: row.lead_departments.join("、"),
        cooperating: row.cooperating_departments.join("、"),
        chart: target::chart_svg(row, &chart_data, tr, "chart-data"),
        unit: match a {
            Some(a) if a.scale == "index" => tr.s("cumulative_pct").to_owned(),
            _ => unit,
        },
        years,
        explanation: match (a, &row.error) {
            (Some(a), _) => tr.pick(&a.explanation.zh, &a.explanation.en).to_owned(),
            (None, Some(e)) => e.clone(),
            (None, None) => String::new(),
        },
        notes: a.map(|a| a.notes.clone()).unwrap_or_default(),
        part_year: a
            .map(|a| {
                a.part_year
                    .iter()
                    .map(|p| {
                        let pace = match (p.on_pace, p.expected) {
                            (Some(on), Some(e)) => format!(
                                " · {} {}",
                                tr.s(if on { "py_on_pace" } else { "py_behind" }),
                                value_unit(Some(e), &a.unit)
                            ),
                            _ => String::new(),
                        };
                        format!("{} {}: {}{pace}", p.year, p.period, value_unit(Some(p.value), &p.unit))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        target_source: source_view(&c, &row.source),
        more_sources: data.sources.iter().map(|s| source_view(&c, &s.source)).collect(),
        conflicts: data
            .conflicts
            .iter()
            .map(|k| ConflictView {
                value: format!("{}{}", bound_text(k.bound), value_unit(Some(k.value), &k.unit)),
                source: source_view(&c, &k.source),
                by: format!("{} · {}", k.created_by, k.created_at),
            })
            .collect(),
        observations,
        obs_page,
        newer_href,
        older_href,
        c,
    };
    page.c.render(StatusCode::OK, &page)
}

/// A derived figure of the chart's table (the expected path, the forecast), to four
/// significant digits: `11.3万`, not `11.2975万`.
fn derived(value: f64) -> String {
    pledge_model::display::significant(value, 4)
}
