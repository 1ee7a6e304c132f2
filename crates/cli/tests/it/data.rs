//! `init`, `import`, `ingest`, `review`, `template`, `export`, `assess` and `demo` on a
//! temporary database.

use crate::{pledge, stderr, stdout};

const HEADER: &str = "region,indicator,year,value,unit,source_url,quote,measure,baseline_year,period,note\n";

fn observations(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let out = pledge(
        dir,
        &[
            "--db",
            "t.db",
            "export",
            "--what",
            "observations",
            "--format",
            "json",
            "--out",
            "o.json",
            "--force",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&std::fs::read_to_string(dir.join("o.json")).unwrap()).unwrap()
}

#[test]
fn a_broken_file_is_refused_whole_with_every_error_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pledge(dir.path(), &["--db", "t.db", "init"]).status.success());
    let csv = format!(
        "{HEADER}济南市,PM2.5年均浓度,2021,40,μg/m3,http://a,q,,,,\n\
         火星市,PM2.5年均浓度,2021,40,μg/m3,http://a,q,,,,\n\
         济南市,PM2.5年均浓度,2022,四十x,μg/m3,http://a,q,,,,\n\
         济南市,新能源汽车保有量,2022,5,吨,http://a,q,,,,\n\
         济南市,PM2.5年均浓度,2021,41,μg/m3,http://a,q,,,,\n"
    );
    std::fs::write(dir.path().join("bad.csv"), csv).unwrap();
    let out = pledge(dir.path(), &["--db", "t.db", "import", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for needle in [
        "row 3, column region",
        "row 4, column value",
        "row 5, column unit",
        "row 6",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert!(observations(dir.path()).is_empty(), "nothing may be stored");
}

#[test]
fn a_gbk_csv_imports_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!(
        "{HEADER}济南市,PM2.5年均浓度,2021,40,微克/立方米,http://a,原文,,,,\n济南市,空气质量优良率,2021,64.6,%,http://a,原文,,,,\n"
    );
    let (gbk, _, bad) = encoding_rs::GBK.encode(&csv);
    assert!(!bad);
    std::fs::write(dir.path().join("gbk.csv"), &*gbk).unwrap();
    let out = pledge(dir.path(), &["--db", "t.db", "import", "gbk.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("2 new"));
    let out = pledge(dir.path(), &["--db", "t.db", "import", "gbk.csv"]);
    assert!(stdout(&out).contains("2 unchanged"), "{}", stdout(&out));
    let rows = observations(dir.path());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows.iter().filter(|r| r["quote"] == "原文").count(), 2);
}

#[test]
fn ingest_then_review_turns_facts_into_targets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.txt"),
        "青岛市节能工作方案\n到2025年，全市单位地区生产总值能耗比2020年下降15%，新能源汽车保有量达到30万辆。\n",
    )
    .unwrap();
    let out = pledge(
        dir.path(),
        &["--db", "t.db", "ingest", "--date", "2023-01-10", "plan.txt"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pending = stdout(&pledge(dir.path(), &["--db", "t.db", "review", "list"]));
    assert!(
        pending.contains("青岛市") && pending.contains("新能源汽车保有量"),
        "{pending}"
    );
    let out = pledge(
        dir.path(),
        &["--db", "t.db", "review", "accept", "--all", "--new-indicators"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).matches("→ target").count() >= 2);
    let board = stdout(&pledge(dir.path(), &["--db", "t.db", "assess", "--json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&board).unwrap();
    assert!(
        rows.iter()
            .any(|r| r["region"] == "青岛市" && r["year"] == 2025 && r["status"] == "INSUFFICIENT_DATA")
    );
    // Ingesting the same bytes again stores nothing new.
    let again = stdout(&pledge(dir.path(), &["--db", "t.db", "ingest", "plan.txt"]));
    assert!(again.contains("already stored"));
}

#[test]
fn demo_builds_the_jinan_scoreboard_with_sources_and_exports_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = pledge(dir.path(), &["demo", "--no-serve"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.contains("ACHIEVED") && table.contains("技术合同成交额") && table.contains("http"),
        "{table}"
    );
    // The progress documents were read, and their figures reached their targets.
    assert!(stderr(&out).contains("18 Jinan progress documents"), "{}", stderr(&out));
    let docs = stdout(&pledge(
        dir.path(),
        &["--db", "pledge-demo.db", "review", "list", "--state", "accepted"],
    ));
    assert!(docs.contains("«细颗粒物（PM2.5）年均浓度为40微克/立方米»"), "{docs}");
    // What the library does not know, or contradicts a stored value, waits for a person.
    let queue = stdout(&pledge(dir.path(), &["--db", "pledge-demo.db", "review", "list"]));
    let lines: Vec<&str> = queue.lines().collect();
    let held = |quote: &str| {
        let at = lines
            .iter()
            .position(|l| l.contains(quote))
            .unwrap_or_else(|| panic!("{quote}: {queue}"));
        lines[at + 1]
    };
    assert!(held("超指标任务22.6亿元").contains("conflict"), "{queue}");
    assert!(held("县级及以上党政机关建成节").contains("low_confidence"), "{queue}");
    assert!(held("联盟成员单位齐聚一堂").contains("low_confidence"), "{queue}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&pledge(
        dir.path(),
        &["--db", "pledge-demo.db", "assess", "--json"],
    )))
    .unwrap();
    // Every target of the plan article and of data/targets.csv is on the board.
    assert!(rows.len() >= 45, "{} rows", rows.len());
    let tech = rows
        .iter()
        .find(|r| r["indicator"] == "技术合同成交额" && r["region"] == "天桥区")
        .unwrap();
    assert_eq!(tech["status"], "ACHIEVED");
    assert_eq!(tech["latest"]["value"], 8460000000.0);
    assert_eq!(tech["target"], 6200000000.0);
    assert!(rows.iter().all(|r| r["light"].is_string() && r["status"].is_string()));
    // As of 2026-12-02, 槐荫区's 2023 targets, never reported, are overdue (逾期未报), and
    // 济南's 2025 good-air-days target is not green on its 2021 figure alone. (历城区's
    // 2023 culture targets wait in the review queue: the library knows none of their
    // indicators.)
    let as_of = |day: &str| -> Vec<serde_json::Value> {
        let out = pledge(
            dir.path(),
            &["--db", "pledge-demo.db", "assess", "--json", "--as-of", day],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let board = as_of("2026-12-02");
    let lixia: Vec<&serde_json::Value> = board
        .iter()
        .filter(|r| r["region"] == "槐荫区" && r["year"] == 2023)
        .collect();
    assert!(!lixia.is_empty());
    for r in &lixia {
        assert_eq!(
            (r["status"].as_str(), r["light"].as_str()),
            (Some("OVERDUE"), Some("red")),
            "{r}"
        );
        assert_eq!(r["as_of"], "2026-12-02");
    }
    let good_days = board
        .iter()
        .find(|r| r["indicator"] == "空气质量优良天数比例" && r["region"] == "济南市")
        .unwrap();
    assert_ne!(good_days["light"], "green", "{good_days}");
    let early = as_of("2024-06-30");
    assert!(
        early
            .iter()
            .all(|r| r["status"] != "OVERDUE" || r["year"].as_i64() < Some(2023))
    );
    let bad = pledge(
        dir.path(),
        &["--db", "pledge-demo.db", "assess", "--as-of", "2026-02-30"],
    );
    assert!(!bad.status.success());
    let table = stdout(&pledge(
        dir.path(),
        &["--db", "pledge-demo.db", "assess", "--as-of", "2026-12-02"],
    ));
    assert!(table.starts_with("数据截至 as of 2026-12-02"), "{table}");
    // The 预警 level of every row, in the column after the light, as --json gives it.
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[1].split_whitespace().nth(1) == Some("预警"), "{}", lines[1]);
    let printed: Vec<&str> = lines[2..lines.len() - 1]
        .iter()
        .map(|l| l.split_whitespace().nth(2).unwrap_or_default())
        .collect();
    let levels: Vec<&str> = board.iter().map(|r| r["ndrc_level"].as_str().unwrap_or("—")).collect();
    assert_eq!(printed, levels, "{table}");
    assert!(levels.contains(&"一级"), "{levels:?}");
    let level1 = levels.iter().filter(|l| **l == "一级").count();
    let last = table.lines().last().unwrap_or_default();
    assert!(last.contains(&format!("预警: 一级 {level1}")), "{last}");
    assert!(
        last.contains("gaps: ") && last.contains("overdue") && last.contains("never_reported"),
        "{last}"
    );
    let plan = stdout(&pledge(dir.path(), &["--db", "pledge-demo.db", "plan", "list"]));
    assert!(plan.contains("济南市“十四五”节能减排工作实施方案"), "{plan}");
    for format in ["json", "csv", "xlsx"] {
        let file = format!("board.{format}");
        let out = pledge(
            dir.path(),
            &[
                "--db",
                "pledge-demo.db",
                "export",
                "--what",
                "scoreboard",
                "--format",
                format,
                "--out",
                &file,
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::metadata(dir.path().join(&file)).unwrap().len() > 100);
    }
    // Exported as of a day, the scoreboard is `pledge assess --as-of` of that day.
    let export_as_of = |day: &str, what: &str| {
        let file = format!("{what}-{day}.json");
        let out = pledge(
            dir.path(),
            &[
                "--db",
                "pledge-demo.db",
                "export",
                "--what",
                what,
                "--format",
                "json",
                "--out",
                &file,
                "--as-of",
                day,
            ],
        );
        let rows = std::fs::read(dir.path().join(&file)).ok();
        (
            out,
            rows.map(|b| serde_json::from_slice::<Vec<serde_json::Value>>(&b).unwrap()),
        )
    };
    let status_by_id = |rows: &[serde_json::Value]| -> std::collections::BTreeMap<i64, String> {
        rows.iter()
            .map(|r| (r["id"].as_i64().unwrap(), r["status"].as_str().unwrap().to_owned()))
            .collect()
    };
    let mut exported = Vec::new();
    for (day, assessed) in [("2026-12-02", &board), ("2024-06-30", &early)] {
        let (out, rows) = export_as_of(day, "scoreboard");
        assert!(out.status.success(), "{}", stderr(&out));
        let rows = status_by_id(&rows.unwrap());
        assert_eq!(rows, status_by_id(assessed), "export --as-of {day}");
        exported.push(rows);
    }
    assert_ne!(exported[0], exported[1], "the day changes the statuses");
    // A day that is none, or a table that is not assessed, is refused naming the flag.
    for (day, what) in [("2026-02-30", "scoreboard"), ("2026-12-02", "facts")] {
        let (out, rows) = export_as_of(day, what);
        assert!(!out.status.success() && rows.is_none(), "{day} {what}");
        assert!(stderr(&out).contains("--as-of"), "{}", stderr(&out));
    }
    let out = pledge(
        dir.path(),
        &["--db", "pledge-demo.db", "template", "--xlsx", "--out", "t.xlsx"],
    );
    assert!(out.status.success());
    assert!(std::fs::read(dir.path().join("t.xlsx")).unwrap().starts_with(b"PK"));
}

#[test]
fn export_refuses_to_write_over_a_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pledge(dir.path(), &["--db", "t.db", "init"]).status.success());
    let before = std::fs::read(dir.path().join("t.db")).unwrap();
    let export = |out: &str, force: bool| {
        let mut args = vec![
            "--db", "t.db", "export", "--what", "targets", "--format", "csv", "--out", out,
        ];
        if force {
            args.push("--force");
        }
        pledge(dir.path(), &args)
    };
    let out = export("t.db", false);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("t.db: the file exists"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("t.db")).unwrap(),
        before,
        "the database is untouched"
    );

    assert!(export("new.csv", false).status.success());
    let out = export("new.csv", false);
    assert!(!out.status.success(), "a second export to the same file is refused");
    std::fs::write(dir.path().join("new.csv"), "old").unwrap();
    assert!(
        export("new.csv", true).status.success(),
        "{}",
        stderr(&export("new.csv", true))
    );
    assert!(
        std::fs::read(dir.path().join("new.csv"))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF")
    );
}

#[test]
fn demo_refuses_a_database_holding_more_than_a_previous_demo() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("{HEADER}济南市,PM2.5年均浓度,2021,40,μg/m3,https://example.gov.cn/a.html,q,,,,\n");
    std::fs::write(dir.path().join("obs.csv"), csv).unwrap();
    assert!(pledge(dir.path(), &["--db", "prod.db", "init"]).status.success());
    let out = pledge(dir.path(), &["--db", "prod.db", "import", "obs.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read(dir.path().join("prod.db")).unwrap();

    let out = pledge(dir.path(), &["--db", "prod.db", "demo", "--no-serve"]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains("prod.db: the database holds data that is not the demo's (0 targets, 1 observations"),
        "{message}"
    );
    assert!(message.contains("--force"), "{message}");
    assert_eq!(
        std::fs::read(dir.path().join("prod.db")).unwrap(),
        before,
        "nothing deleted"
    );

    // A file that is no database is refused too.
    std::fs::write(dir.path().join("notes.db"), "my notes").unwrap();
    let out = pledge(dir.path(), &["--db", "notes.db", "demo", "--no-serve"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read(dir.path().join("notes.db")).unwrap(), b"my notes");

    // A previous demo is rebuilt, and --force deletes anything.
    assert!(
        pledge(dir.path(), &["--db", "d.db", "demo", "--no-serve"])
            .status
            .success()
    );
    let out = pledge(dir.path(), &["--db", "d.db", "demo", "--no-serve"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = pledge(dir.path(), &["--db", "prod.db", "demo", "--no-serve", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn commands_that_read_a_database_refuse_one_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--db", "typo.db", "assess"],
        vec!["--db", "typo.db", "plan", "list"],
        vec!["--db", "typo.db", "review", "list"],
        vec![
            "--db",
            "sqlite://typo.db",
            "export",
            "--what",
            "targets",
            "--out",
            "t.json",
        ],
    ] {
        let out = pledge(dir.path(), &args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("typo.db: no such database"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!dir.path().join("typo.db").exists(), "{args:?} created the database");
    }
    assert!(pledge(dir.path(), &["--db", "typo.db", "init"]).status.success());
    let out = pledge(dir.path(), &["--db", "typo.db", "assess"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// What the demo made of the Jinan progress documents' figures: the targets that gained
/// a figure read from one of them, those figures, and how many of the figures that
/// `data/observations.csv` records by hand from the same pages (by their source URL in
/// `testdata/jinan-progress/index.tsv`) the program read itself into the same series
/// (region, indicator, year, period, measure, value).
fn progress_figures(db: &std::path::Path) -> (usize, usize, usize, usize, Vec<String>) {
    let store = pledge_store::open(db.to_str().unwrap()).unwrap();
    let index = std::fs::read_to_string(crate::root().join("testdata/jinan-progress/index.tsv")).unwrap();
    let urls: Vec<&str> = index
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(2))
        .collect();
    let progress: Vec<pledge_store::DocumentId> = store
        .documents()
        .unwrap()
        .into_iter()
        .filter(|d| {
            index
                .lines()
                .any(|l| l.split('\t').next().is_some_and(|stem| d.name == format!("{stem}.txt")))
        })
        .map(|d| d.id)
        .collect();
    assert_eq!(progress.len(), urls.len());
    let all = store
        .observations(&pledge_store::ObservationFilter {
            include_history: true,
            ..Default::default()
        })
        .unwrap();
    let read: Vec<&pledge_store::ObservationRecord> = all
        .iter()
        .filter(|o| o.source.document.is_some_and(|d| progress.contains(&d)))
        .collect();
    let targets = store.targets(&pledge_store::TargetFilter::default()).unwrap();
    let on = |o: &pledge_store::ObservationRecord| {
        targets
            .iter()
            .filter(|t| t.region == o.region && t.indicator == o.indicator)
            .map(|t| t.id)
            .collect::<Vec<_>>()
    };
    let mut with_data: Vec<_> = read.iter().flat_map(|o| on(o)).collect();
    with_data.sort_unstable();
    with_data.dedup();
    let figures = read.iter().filter(|o| !on(o).is_empty()).count();
    let by_hand: Vec<&pledge_store::ObservationRecord> = all
        .iter()
        .filter(|o| o.import.is_some() && urls.contains(&o.source.url.as_str()))
        .collect();
    let same = |a: &pledge_store::ObservationRecord, b: &pledge_store::ObservationRecord| {
        let (x, y) = (&a.observation, &b.observation);
        a.region == b.region
            && a.indicator == b.indicator
            && x.year == y.year
            && x.period == y.period
            && x.measure == y.measure
            && (x.value - y.value).abs() <= 1e-9 * x.value.abs().max(1.0)
    };
    let reproduced = by_hand.iter().filter(|h| read.iter().any(|o| same(h, o))).count();
    let missed: Vec<String> = by_hand
        .iter()
        .filter(|h| !read.iter().any(|o| same(h, o)))
        .map(|h| format!("{} {} {:?}", h.region_name, h.indicator_name, h.observation))
        .collect();
    (with_data.len(), figures, reproduced, by_hand.len(), missed)
}

#[test]
fn the_progress_documents_figures_reach_their_targets_by_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let out = pledge(dir.path(), &["demo", "--no-serve"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (targets, figures, reproduced, by_hand, missed) = progress_figures(&dir.path().join("pledge-demo.db"));
    // Floors at what the demo reaches (2026-12-03: 4 targets, 10 figures, 16 of the 32
    // figures recorded by hand); a change that loses one fails here.
    assert!(
        targets >= 4,
        "{targets} targets with a figure read from a progress document"
    );
    assert!(
        figures >= 10,
        "{figures} figures read from a progress document on a target"
    );
    assert!(
        by_hand >= 30,
        "{by_hand} figures recorded by hand from the progress documents"
    );
    assert!(
        reproduced >= 16,
        "{reproduced} of {by_hand} figures recorded by hand read by the demo; not read: {missed:#?}"
    );
    // What the demo took by itself from the Jinan page and progress documents is Jinan's
    // or its districts':
    // a figure they give for 山东省 (a misread scope, as in 15 and 17) waits for a person.
    let store = pledge_store::open(dir.path().join("pledge-demo.db").to_str().unwrap()).unwrap();
    let jinan = store.find_region("济南市", None).unwrap().unwrap().id;
    let by_itself: Vec<pledge_store::ObservationRecord> = store
        .observations(&pledge_store::ObservationFilter::default())
        .unwrap()
        .into_iter()
        .filter(|o| o.source.document.is_some() && o.reporter == "demo")
        .collect();
    assert!(!by_itself.is_empty());
    for o in &by_itself {
        let within = o.region == jinan || store.region_ancestors(o.region).unwrap().iter().any(|a| a.id == jinan);
        let page = store.document(o.source.document.unwrap()).unwrap().unwrap().info.name;
        assert!(within, "{} {} from {page}", o.region_name, o.indicator_name);
    }
}

#[test]
fn import_suggests_the_full_name_of_a_short_region_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(pledge(d, &["--db", "t.db", "init"]).status.success());
    std::fs::write(
        d.join("short.csv"),
        format!("{HEADER}历城,PM2.5年均浓度,2023,38,微克/立方米,https://example.invalid/a,q,level,,,\n"),
    )
    .unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "short.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("row 2, column region"), "{}", stderr(&o));
    assert!(stderr(&o).contains("历城区"), "{}", stderr(&o));
    assert!(observations(d).is_empty());
    // Written in full, the same row is stored.
    std::fs::write(
        d.join("full.csv"),
        format!("{HEADER}历城区,PM2.5年均浓度,2023,38,微克/立方米,https://example.invalid/a,q,level,,,\n"),
    )
    .unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "full.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(observations(d).len(), 1);
}
