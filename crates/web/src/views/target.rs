//! The target page: the chart, the same data as a table, the explanation and every
//! value's source.

use pledge_store::{
    ConflictFilter, ObservationFilter, ObservationPage, PageRequest, Store, TargetConflict, TargetFilter, TargetSource,
};

use crate::chart::{self, ChartLabels, Point, TargetChart};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::views::scoreboard::{self, ScoreRow, display_unit, display_value};

/// Observations a target page lists at once; the rest are further pages (`?page=`).
pub const OBSERVATIONS_PER_PAGE: u32 = 200;

/// A target with its assessment and one page of its observations.
#[derive(Debug, Clone)]
pub struct TargetData {
    /// The scoreboard row (target and assessment, made on every figure).
    pub row: ScoreRow,
    /// One page of the current observations of its region and indicator, newest first,
    /// with their count.
    pub observations: ObservationPage,
    /// Which page that is.
    pub page: PageRequest,
    /// The sources stating the same commitment besides the target's own.
    pub sources: Vec<TargetSource>,
    /// Other values read for the same commitment that no person has decided on yet.
    pub conflicts: Vec<TargetConflict>,
}

impl TargetData {
    /// How many pages the observations fill (at least 1).
    pub fn pages(&self) -> u64 {
        self.observations
            .total
            .div_ceil(u64::from(self.page.per_page.max(1)))
            .max(1)
    }
}

/// Loads a target and assesses it on all its figures, with page `page` of its
/// observations; 404 when it does not exist.
pub fn load(
    store: &dyn Store,
    id: i64,
    options: &pledge_assess::Options,
    page: PageRequest,
) -> Result<TargetData, ApiError> {
    let target = store
        .target(id)?
        .ok_or_else(|| ApiError::not_found(format!("target {id} not found")))?;
    let series = ObservationFilter {
        region: Some(target.region),
        indicator: Some(target.indicator),
        ..ObservationFilter::default()
    };
    let filter = TargetFilter {
        region: Some(target.region),
        indicator: Some(target.indicator),
        ..TargetFilter::default()
    };
    let with = store
        .target_figures(&filter)?
        .into_iter()
        .find(|t| t.target.id == id)
        .ok_or_else(|| ApiError::not_found(format!("target {id} not found")))?;
    let indicator = store.indicator(target.indicator)?;
    let row = scoreboard::assess_row(&with.target, &with.observations, indicator.as_ref(), options);
    let open = ConflictFilter {
        target: Some(id),
        open_only: true,
    };
    Ok(TargetData {
        row,
        observations: store.observation_page(&series, page)?,
        page,
        sources: store.target_sources(id)?,
        conflicts: store.conflicts(&open)?,
    })
}

/// The `?page=` of a target page and `GET /api/targets/{id}`: which page of its
/// observations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct PageQuery {
    /// The page, from 1; absent or empty = 1.
    #[serde(default)]
    pub page: Option<String>,
}

impl PageQuery {
    /// The page asked for, [`OBSERVATIONS_PER_PAGE`] rows to a page; 422 naming `page`
    /// when it is not a whole number from 1.
    pub fn request(&self) -> Result<PageRequest, ApiError> {
        let page = match self.page.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => 1,
            Some(text) => text.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| {
                ApiError::unprocessable(vec![crate::error::FieldError {
                    field: "page".into(),
                    message: format!("expected a page number from 1, got {text:?}"),
                    row: None,
                    value: Some(text.to_owned()),
                }])
            })?,
        };
        Ok(PageRequest::new(page, OBSERVATIONS_PER_PAGE))
    }
}

/// One year of the chart's table.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    /// The year.
    pub year: i32,
    /// The observed value (display scale), if any: a gap otherwise.
    pub observed: Option<f64>,
    /// The expected-path value (linear from the baseline to the target).
    pub expected: Option<f64>,
    /// The target value, in the target year.
    pub target: Option<f64>,
    /// The forecast value, in the forecast year.
    pub forecast: Option<f64>,
}

/// The chart's numbers on the display scale.
#[derive(Debug, Clone, Default)]
pub struct ChartData {
    /// Observed values.
    pub observed: Vec<Point>,
    /// Baseline.
    pub base: Option<Point>,
    /// Target.
    pub target: Option<Point>,
    /// Latest.
    pub latest: Option<Point>,
    /// Forecast.
    pub forecast: Option<Point>,
}

/// The chart's numbers for a row, on the display scale.
pub fn chart_data(row: &ScoreRow) -> ChartData {
    let a = row.assessment.as_ref();
    let d = |p: Point| Point::new(p.year, display_value(a, p.value));
    let from = |p: &pledge_assess::Point| d(Point::new(p.year, p.value));
    ChartData {
        observed: row.points.iter().copied().map(d).collect(),
        // The expected path starts from the base only when there was a distance to cover
        // (not from a base that already met the bound) and something was reported.
        base: a
            .filter(|a| !a.base_met && (a.base_observed || a.latest.is_some()))
            .and_then(|a| a.base.as_ref())
            .map(from),
        target: a.map(|a| d(Point::new(a.target_year, a.target_value))),
        latest: a.and_then(|a| a.latest.as_ref()).map(from),
        forecast: a
            .and_then(|a| a.forecast.as_ref())
            .map(|f| d(Point::new(f.year, f.value))),
    }
}

/// The value of the expected path in `year`: linear from the baseline to the target,
/// only between the two.
pub fn expected_at(base: Point, target: Point, year: i32) -> Option<f64> {
    if year < base.year || year > target.year || target.year <= base.year {
        return None;
    }
    let share = f64::from(year - base.year) / f64::from(target.year - base.year);
    Some(base.value + (target.value - base.value) * share)
}

/// Every year from the first to the last the chart shows, with what the chart draws in
/// it; years without an observation stay empty (gaps are shown, not filled).
pub fn year_rows(data: &ChartData) -> Vec<YearRow> {
    let years: Vec<i32> = data
        .observed
        .iter()
        .chain(data.base.iter())
        .chain(data.target.iter())
        .chain(data.forecast.iter())
        .map(|p| p.year)
        .collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| YearRow {
            year,
            observed: data.observed.iter().find(|p| p.year == year).map(|p| p.value),
            expected: match (data.base, data.target) {
                (Some(b), Some(t)) => expected_at(b, t, year),
                _ => None,
            },
            target: data.target.filter(|t| t.year == year).map(|t| t.value),
            forecast: match (data.latest, data.forecast) {
                (Some(l), Some(f)) if f.year == year && f.year > l.year => Some(f.value),
                _ => None,
            },
        })
        .collect()
}

/// The SVG chart of a row, labelled in the page's language.
pub fn chart_svg(row: &ScoreRow, data: &ChartData, tr: Tr, table_id: &str) -> String {
    let unit = display_unit(row);
    let unit_label = match &row.assessment {
        Some(a) if a.scale == "index" => tr.s("cumulative_pct").to_owned(),
        Some(a) if a.scale == "cumulative" => format!("{unit}（{}）", tr.s("since_baseline")),
        _ => unit,
    };
    let chart = TargetChart {
        observations: data.observed.clone(),
        base: data.base,
        target: data.target,
        latest: data.latest,
        forecast: data.forecast,
        labels: ChartLabels {
            title: format!("{} · {}", row.region, row.indicator_text),
            description: row
                .assessment
                .as_ref()
                .map(|a| tr.pick(&a.explanation.zh, &a.explanation.en).to_owned())
                .unwrap_or_default(),
            observed: tr.s("legend_observed").into(),
            expected: tr.s("legend_expected").into(),
            target: tr.s("legend_target").into(),
            forecast: tr.s("legend_forecast").into(),
            baseline: tr.s("legend_baseline").into(),
            unit: unit_label,
        },
    };
    chart::target_chart(&chart, table_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_path_is_linear_between_base_and_target() {
        let b = Point::new(2020, 100.0);
        let t = Point::new(2025, 50.0);
        assert_eq!(expected_at(b, t, 2020), Some(100.0));
        assert_eq!(expected_at(b, t, 2023), Some(70.0));
        assert_eq!(expected_at(b, t, 2025), Some(50.0));
        assert_eq!(expected_at(b, t, 2019), None);
        assert_eq!(expected_at(b, t, 2026), None);
    }

    #[test]
    fn year_rows_keep_gaps() {
        let data = ChartData {
            observed: vec![Point::new(2020, 1.0), Point::new(2022, 3.0)],
            base: Some(Point::new(2020, 1.0)),
            target: Some(Point::new(2024, 5.0)),
            latest: Some(Point::new(2022, 3.0)),
            forecast: Some(Point::new(2024, 5.0)),
        };
        let rows = year_rows(&data);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[1].observed, None, "2021 is a gap");
        assert_eq!(rows[1].expected, Some(2.0));
        assert_eq!(rows[4].target, Some(5.0));
        assert_eq!(rows[4].forecast, Some(5.0));
    }
}
