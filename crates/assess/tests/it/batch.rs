//! The JSON Lines protocol: order, errors that name line and field, and a run that goes on.

use pledge_assess::batch::{self, BatchSummary};
use serde_json::Value;

fn run(input: &str) -> (BatchSummary, Vec<Value>) {
    let mut out = Vec::new();
    let summary = batch::run(input.as_bytes(), &mut out).expect("in-memory I/O");
    let text = String::from_utf8(out).expect("UTF-8 output");
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    (summary, lines)
}

const GOOD: &str = r#"{"id":"ok","target":{"measure":"level","bound":">=","value":100,"unit":"个","year":2025},"observations":[{"year":2020,"value":50,"unit":"个"},{"year":2023,"value":80,"unit":"个"}]}"#;

#[test]
fn a_bad_line_gives_an_error_line_and_the_run_goes_on() {
    let input = format!("{GOOD}\n{{not json\n{GOOD}\n");
    let (summary, lines) = run(&input);
    assert_eq!(
        summary,
        BatchSummary {
            lines: 3,
            assessed: 2,
            errors: 1
        }
    );
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["status"], "ON_TRACK");
    assert_eq!(lines[1]["id"], Value::Null);
    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.starts_with("line 2"), "{error}");
    assert_eq!(lines[2]["id"], "ok");
}

#[test]
fn an_unknown_measure_names_the_field() {
    let input = GOOD.replace(r#""measure":"level""#, r#""measure":"levle""#);
    let (summary, lines) = run(&input);
    assert_eq!(summary.errors, 1);
    assert_eq!(lines[0]["id"], "ok");
    let error = lines[0]["error"].as_str().unwrap();
    assert!(
        error.contains("line 1") && error.contains("target.measure") && error.contains("levle"),
        "{error}"
    );
}

#[test]
fn an_unconvertible_unit_names_the_observation() {
    let input = GOOD.replace(
        r#"{"year":2023,"value":80,"unit":"个"}"#,
        r#"{"year":2023,"value":80,"unit":"辆"}"#,
    );
    let (_, lines) = run(&input);
    let error = lines[0]["error"].as_str().unwrap();
    assert!(
        error.contains("observations[1].unit") && error.contains("辆"),
        "{error}"
    );
}

#[test]
fn missing_and_mistyped_fields_are_named() {
    let cases = [
        (GOOD.replace(r#""year":2025"#, r#""year":"2025""#), "target.year"),
        (GOOD.replace(r#""value":100,"#, ""), "target.value"),
        (GOOD.replace(r#""bound":">=""#, r#""bound":">""#), "target.bound"),
        (
            GOOD.replace(
                r#"{"year":2020,"value":50,"unit":"个"}"#,
                r#"{"year":2020,"unit":"个"}"#,
            ),
            "observations[0].value",
        ),
        (
            GOOD.replace(r#""observations""#, r#""desirable":"sideways","observations""#),
            "desirable",
        ),
        (
            GOOD.replace(r#""observations""#, r#""options":{"profile":"eu"},"observations""#),
            "options.profile",
        ),
        (
            GOOD.replace(r#""observations""#, r#""options":{"growth":"fast"},"observations""#),
            "options.growth",
        ),
        (r#"{"id":7}"#.to_owned(), "target"),
    ];
    for (input, field) in cases {
        let (summary, lines) = run(&input);
        assert_eq!(summary.errors, 1, "{input}");
        let error = lines[0]["error"].as_str().unwrap();
        assert!(error.contains(field), "{field}: {error}");
    }
}

#[test]
fn ids_of_any_type_are_echoed_and_blank_lines_skipped() {
    let input = format!("\n{}\n\n", GOOD.replace(r#""id":"ok""#, r#""id":42"#));
    let (summary, lines) = run(&input);
    assert_eq!(summary.lines, 1);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], 42);
}

#[test]
fn a_non_object_line_is_an_error() {
    let (summary, lines) = run("[1,2]\n");
    assert_eq!(summary.errors, 1);
    assert!(lines[0]["error"].as_str().unwrap().contains("object"));
}

#[test]
fn options_choose_growth_and_profile() {
    let input = GOOD.replace(
        r#""observations""#,
        r#""options":{"profile":"ndrc","growth":"compound"},"observations""#,
    );
    let (_, lines) = run(&input);
    assert_eq!(lines[0]["growth"], "compound");
    assert_eq!(lines[0]["profile"], "ndrc");
    assert_eq!(lines[0]["forecast"]["method"], "compound");
    assert!(lines[0]["compound"]["ratio"].is_number());
}

#[test]
fn a_change_target_reports_its_index_and_cumulative_change() {
    let input = r#"{"id":"intensity","target":{"measure":"change","direction":"down","bound":"=","value":14.8,"unit":"%","year":2025,"baseline_year":2020,"quote":"下降14.8%"},"observations":[{"year":2021,"value":-2.5,"unit":"%","measure":"change","baseline_year":2020},{"year":2023,"value":-7.0,"unit":"%","measure":"change","baseline_year":2020}]}"#;
    let (_, lines) = run(input);
    let l = &lines[0];
    assert_eq!(l["status"], "NEEDS_ACCELERATION");
    assert_eq!(l["unit"], "index");
    assert_eq!(l["base"]["value"], 1);
    assert_eq!(l["latest"]["value"], 0.93);
    assert_eq!(l["target_value"], 0.852);
    assert_eq!(l["cumulative_change_pct"], -7);
    assert_eq!(l["desirable"], "down");
}

#[test]
fn invalid_utf8_is_an_error_line() {
    let mut input = b"\xff\xfe\n".to_vec();
    input.extend_from_slice(GOOD.as_bytes());
    let mut out = Vec::new();
    let summary = batch::run(&input[..], &mut out).unwrap();
    assert_eq!((summary.errors, summary.assessed), (1, 1));
}

#[test]
fn an_error_line_starts_with_the_id() {
    let mut out = Vec::new();
    batch::run(&b"{\"id\":\"x\"}\n"[..], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(r#"{"id":"x","error":"line 1, field target: missing"}"#),
        "{text}"
    );
}
