//! The store contract: what every backend must do, written against `&dyn Store` only.
//!
//! Each case gets a fresh, empty, migrated store. Add a case here and to the list in
//! `contract_tests!`, and every backend runs it.

use std::sync::Arc;
use std::time::Duration;

use pledge_model::{Bound, Direction, Fact, Kind, Measure, Observation, Target};
use pledge_store::{
    Acceptance, Accepted, Assignment, AuditFilter, Binding, Category, Commitment, ConflictFilter, ConflictStatus,
    Decision, DocumentKind, FactFilter, NewDocument, NewFact, NewIndicator, NewObservation, NewPlan, NewRegion,
    NewTarget, NewToken, NewUser, ObservationFilter, PageRequest, ParentRef, Recorded, RegionLevel, Review, Role,
    Source, Store, StoreError, TargetFilter, gazetteer_regions, starter_indicators,
};

/// Generates one `#[test]` per contract case, each on a fresh store from `$fresh()`
/// (anything that derefs to `dyn Store` and cleans up when dropped). With
/// `contract_tests!(optional $fresh)`, `$fresh()` returns an `Option` and a `None` (a
/// backend that cannot run here, which the fixture reports) ends the test.
macro_rules! contract_tests {
    (optional $fresh:path) => {
        contract_tests!(@list optional $fresh);
    };
    (@list $mode:ident $fresh:path) => {
        contract_tests!(@cases $mode $fresh;
            empty_store_is_migrated_and_consistent,
            gazetteer_preload_builds_the_hierarchy,
            region_upsert_updates_adds_aliases_and_is_all_or_nothing,
            indicator_library_finds_names_and_aliases,
            indicator_alias_conflicts_are_refused_whole,
            documents_are_deduplicated_by_hash,
            plans_round_trip_and_refuse_duplicates,
            targets_round_trip_update_and_delete,
            an_analyst_assigns_a_targets_kind_and_lead_units,
            one_target_per_commitment_with_sources_and_conflicts,
            observations_are_revised_not_overwritten,
            note_and_period_separate_series,
            import_is_all_or_nothing,
            import_reports_duplicates_and_every_bad_row,
            reimport_adds_no_revisions,
            a_batched_import_keeps_row_order_in_ids,
            facts_are_reviewed_into_targets_and_observations,
            conflicting_facts_wait_and_edits_apply,
            the_queue_accepts_alone_only_plausible_confident_agreeing_facts,
            scoreboard_query_joins_current_observations_by_indicator,
            target_figures_are_the_scoreboard_observations_values,
            observation_pages_list_newest_first_with_the_count,
            an_import_keeps_every_character_and_number,
            foreign_keys_are_enforced,
            every_write_is_audited,
            concurrent_writers_lose_nothing,
            concurrent_corrections_of_one_series_keep_one_current,
            users_store_hashes_and_verify_passwords,
            api_tokens_are_hashed_scoped_and_revocable,
            sessions_expire_touch_and_end,
            regions_confine_every_role_given_them,
            login_attempts_are_counted_for_rate_limiting,
            devices_are_remembered_per_account_and_forgotten,
            secrets_never_reach_the_audit_log_or_debug_output,
        );
    };
    (@cases required $fresh:path; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let store = $fresh();
                $crate::contract::$case(&*store);
            }
        )*
    };
    (@cases optional $fresh:path; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let Some(store) = $fresh() else { return };
                $crate::contract::$case(&*store);
            }
        )*
    };
    ($fresh:path) => {
        contract_tests!(@list required $fresh);
    };
}

/// Ids of the small fixture most cases use.
pub struct Ids {
    pub china: i64,
    pub shandong: i64,
    pub jinan: i64,
    pub lixia: i64,
    pub tianqiao: i64,
    pub energy: i64,
    pub pm25: i64,
    pub nev: i64,
}

/// Seeds a few regions and the starter indicator library.
pub fn seed(store: &dyn Store) -> Ids {
    let regions = vec![
        NewRegion {
            code: Some("0".into()),
            ..NewRegion::named("中国", RegionLevel::Country, None)
        },
        NewRegion {
            code: Some("37".into()),
            ..NewRegion::named("山东省", RegionLevel::Province, Some(ParentRef::Code("0".into())))
        },
        NewRegion {
            code: Some("3701".into()),
            ..NewRegion::named("济南市", RegionLevel::Prefecture, Some(ParentRef::Code("37".into())))
        },
        NewRegion {
            code: Some("370102".into()),
            ..NewRegion::named("历下区", RegionLevel::County, Some(ParentRef::Code("3701".into())))
        },
        NewRegion {
            code: Some("370105".into()),
            ..NewRegion::named("天桥区", RegionLevel::County, Some(ParentRef::Code("3701".into())))
        },
    ];
    store.upsert_regions(&regions, "system").unwrap();
    store.upsert_indicators(&starter_indicators(), "system").unwrap();
    let r = |n: &str| store.find_region(n, None).unwrap().unwrap().id;
    let i = |n: &str| store.find_indicator(n).unwrap().unwrap().id;
    Ids {
        china: r("中国"),
        shandong: r("山东省"),
        jinan: r("济南市"),
        lixia: r("历下区"),
        tianqiao: r("天桥区"),
        energy: i("单位地区生产总值能耗"),
        pm25: i("PM2.5年均浓度"),
        nev: i("新能源汽车保有量"),
    }
}

/// A whole-year level observation with a web source.
pub fn obs(region: i64, indicator: i64, year: i32, value: f64, unit: &str) -> NewObservation {
    NewObservation::new(
        region,
        indicator,
        Observation::level(year, value, unit),
        Source::url("https://example.invalid/report", &format!("{year}年为{value}{unit}")),
    )
}

/// `n` distinct level observations (years 1900.., regions alternating).
pub fn many(ids: &Ids, n: usize) -> Vec<NewObservation> {
    (0..n)
        .map(|k| {
            let region = if k % 2 == 0 { ids.lixia } else { ids.tianqiao };
            let mut o = obs(region, ids.nev, 1900 + (k / 2 % 300) as i32, k as f64, "辆");
            o.note = format!("batch {}", k / 600);
            o
        })
        .collect()
}

/// A target fact of the Jinan page.
fn target_fact(quote: &str, value: f64) -> Fact {
    Fact {
        doc: "jinan-page-2023-03".into(),
        article: 0,
        kind: Kind::Target,
        scope: "济南市".into(),
        indicator: "单位地区生产总值能耗".into(),
        year: Some(2025),
        period: None,
        baseline_year: Some(2020),
        measure: Measure::Change,
        direction: Some(Direction::Down),
        bound: Bound::Eq,
        value,
        value_max: None,
        unit: "%".into(),
        quote: quote.into(),
        span: [100, 100 + quote.len()],
    }
}

/// The only error detail tests need: its variant name.
fn variant(e: &StoreError) -> &'static str {
    match e {
        StoreError::NotFound { .. } => "NotFound",
        StoreError::Duplicate { .. } => "Duplicate",
        StoreError::Constraint { .. } => "Constraint",
        StoreError::Invalid(_) => "Invalid",
        StoreError::Import(_) => "Import",
        StoreError::UnknownName { .. } => "UnknownName",
        _ => "other",
    }
}

pub fn empty_store_is_migrated_and_consistent(store: &dyn Store) {
    assert!(store.schema_version().unwrap() >= 1);
    assert_eq!(store.counts().unwrap(), pledge_store::Counts::default());
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
    assert!(store.regions().unwrap().is_empty());
    assert!(store.find_indicator("能耗强度").unwrap().is_none());
}

pub fn gazetteer_preload_builds_the_hierarchy(store: &dyn Store) {
    let rows = gazetteer_regions();
    assert!(rows.len() > 3000, "{} places", rows.len());
    let first = store.upsert_regions(&rows, "system").unwrap();
    assert_eq!(first.inserted, rows.len());
    let again = store.upsert_regions(&rows, "system").unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, rows.len()));
    assert_eq!(store.counts().unwrap().regions, rows.len() as u64);

    let jinan = store.find_region("济南市", None).unwrap().unwrap();
    assert_eq!(jinan.code.as_deref(), Some("3701"));
    let lixia = store.find_region("历下区", Some(jinan.id)).unwrap().unwrap();
    let path: Vec<String> = store
        .region_ancestors(lixia.id)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(path, ["历下区", "济南市", "山东省", "中国"]);

    // 市中区 exists in several cities; the context picks Jinan's.
    assert!(store.find_regions("市中区").unwrap().len() > 1);
    let shizhong = store.find_region("市中区", Some(jinan.id)).unwrap().unwrap();
    assert_eq!(shizhong.parent, Some(jinan.id));

    // Functional zones without a division code hang under their city.
    let zone = store.find_region("济南新旧动能转换起步区", None).unwrap().unwrap();
    assert_eq!(zone.code, None);
    assert_eq!(zone.parent, Some(jinan.id));
    let gaoxin = store.find_region("济南高新区", None).unwrap().unwrap();
    assert_eq!(gaoxin.official_name, "济南高新技术产业开发区");
}

pub fn region_upsert_updates_adds_aliases_and_is_all_or_nothing(store: &dyn Store) {
    let ids = seed(store);
    let region = NewRegion {
        aliases: vec!["京津冀".into()],
        ..NewRegion::named("京津冀及周边地区", RegionLevel::Other, Some(ParentRef::Id(ids.china)))
    };
    let s = store.upsert_regions(std::slice::from_ref(&region), "analyst").unwrap();
    assert_eq!(s.inserted, 1);
    let found = store.find_region("京津冀", None).unwrap().unwrap();
    assert_eq!(found.name, "京津冀及周边地区");
    assert_eq!(found.aliases, ["京津冀"]);
    assert_eq!(found.level, RegionLevel::Other);

    // Same identity (official name + parent, no code), new display name: an update.
    let renamed = NewRegion {
        name: "京津冀及周边".into(),
        aliases: vec![],
        ..region
    };
    let s = store.upsert_regions(&[renamed], "analyst").unwrap();
    assert_eq!((s.inserted, s.updated), (0, 1));
    let after = store.region(found.id).unwrap().unwrap();
    assert_eq!(after.name, "京津冀及周边");
    assert_eq!(after.aliases, ["京津冀"], "aliases are kept");
    let log = store
        .audit(&AuditFilter {
            entity: Some("regions".into()),
            entity_id: Some(found.id),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].before.as_ref().unwrap()["name"], "京津冀及周边地区");
    assert_eq!(log[0].after.as_ref().unwrap()["name"], "京津冀及周边");

    // A good row followed by one with an unknown parent: nothing is written.
    let before = store.counts().unwrap();
    let err = store
        .upsert_regions(
            &[
                NewRegion::named("汾渭平原", RegionLevel::Other, Some(ParentRef::Id(ids.china))),
                NewRegion::named("无名区", RegionLevel::County, Some(ParentRef::Code("999999".into()))),
            ],
            "analyst",
        )
        .unwrap_err();
    assert_eq!(variant(&err), "Invalid", "{err}");
    assert!(err.to_string().contains("无名区"), "{err}");
    assert_eq!(store.counts().unwrap(), before);
    assert!(store.find_region("汾渭平原", None).unwrap().is_none());
}

pub fn indicator_library_finds_names_and_aliases(store: &dyn Store) {
    let lib = starter_indicators();
    let s = store.upsert_indicators(&lib, "system").unwrap();
    assert_eq!(s.inserted, lib.len());
    let counts = store.counts().unwrap();
    assert_eq!(counts.indicators, lib.len() as u64);
    assert_eq!(
        counts.indicator_aliases,
        lib.iter().map(|i| i.aliases.len() as u64).sum::<u64>()
    );
    let energy = store.find_indicator("单位地区生产总值能耗").unwrap().unwrap();
    for alias in ["万元地区生产总值能耗", "能耗强度", " 单位GDP能耗 "] {
        assert_eq!(store.find_indicator(alias).unwrap().unwrap().id, energy.id, "{alias}");
    }
    assert_eq!(energy.desirability, Some(pledge_model::Desirability::Down));
    assert_eq!(energy.category, Category::Energy);
    assert!(energy.aliases.contains(&"能耗强度".to_owned()));
    let heavy = store.find_indicator("重度污染天数比率").unwrap().unwrap();
    assert_eq!(
        store.find_indicator("重度及以上污染天数比率").unwrap().unwrap().id,
        heavy.id
    );
    assert!(store.find_indicator("不存在的指标").unwrap().is_none());
    assert_eq!(store.indicator(energy.id).unwrap().unwrap(), energy);
    assert_eq!(store.indicators().unwrap().len(), lib.len());

    // Upserting again changes nothing; a changed unit is an update.
    let again = store.upsert_indicators(&lib, "system").unwrap();
    assert_eq!((again.inserted, again.updated), (0, 0));
    let mut changed = lib[0].clone();
    changed.unit = "吨标准煤/亿元".into();
    let s = store.upsert_indicators(&[changed], "analyst").unwrap();
    assert_eq!(s.updated, 1);
    assert_eq!(
        store.find_indicator(&lib[0].name).unwrap().unwrap().unit,
        "吨标准煤/亿元"
    );
}

pub fn indicator_alias_conflicts_are_refused_whole(store: &dyn Store) {
    store.upsert_indicators(&starter_indicators(), "system").unwrap();
    let before = store.counts().unwrap();
    let fresh = NewIndicator {
        name: "新指标".into(),
        aliases: vec!["别名甲".into()],
        unit: "个".into(),
        desirability: None,
        category: Category::Other,
        description: String::new(),
    };
    let thief = NewIndicator {
        name: "抢别名".into(),
        aliases: vec!["能耗强度".into()],
        ..fresh.clone()
    };
    let err = store.upsert_indicators(&[fresh.clone(), thief], "analyst").unwrap_err();
    assert_eq!(variant(&err), "Duplicate", "{err}");
    assert!(err.to_string().contains("能耗强度"), "{err}");
    assert_eq!(store.counts().unwrap(), before, "the good row was rolled back too");
    assert!(store.find_indicator("别名甲").unwrap().is_none());

    // A name that is another indicator's alias is refused as well.
    let alias_as_name = NewIndicator {
        name: "能耗强度".into(),
        aliases: vec![],
        ..fresh
    };
    let err = store.upsert_indicators(&[alias_as_name], "analyst").unwrap_err();
    assert_eq!(variant(&err), "Duplicate", "{err}");
}

pub fn documents_are_deduplicated_by_hash(store: &dyn Store) {
    let bytes = "到2025年，全市单位地区生产总值能耗较2020年下降14.8%".as_bytes();
    let mut doc = NewDocument::from_bytes(bytes, "到2025年…", "jinan-page-2023-03", DocumentKind::News);
    doc.title = "济南日报 2023-03".into();
    doc.date = Some("2023-03-01".into());
    let a = store.add_document(&doc, "analyst").unwrap();
    assert!(a.created);
    let b = store.add_document(&doc, "analyst").unwrap();
    assert_eq!((b.id, b.created), (a.id, false));
    assert_eq!(store.counts().unwrap().documents, 1);
    let stored = store.document(a.id).unwrap().unwrap();
    assert_eq!(stored.text, "到2025年…");
    assert_eq!(stored.info.sha256, pledge_store::sha256_hex(bytes));
    assert_eq!(stored.info.byte_len, bytes.len());
    assert_eq!(stored.info.date.as_deref(), Some("2023-03-01"));
    assert_eq!(stored.info.kind, DocumentKind::News);
    assert_eq!(
        store
            .document_by_sha256(&stored.info.sha256.to_uppercase())
            .unwrap()
            .unwrap()
            .info
            .id,
        a.id
    );
    assert_eq!(store.documents().unwrap(), vec![stored.info.clone()]);
    assert!(store.document(a.id + 100).unwrap().is_none());

    let mut bad = NewDocument::from_bytes(b"other", "other", "x", DocumentKind::Web);
    bad.date = Some("2023-3-1".into());
    assert_eq!(variant(&store.add_document(&bad, "analyst").unwrap_err()), "Invalid");
    bad.date = None;
    bad.source_url = "notaurl".into();
    assert_eq!(variant(&store.add_document(&bad, "analyst").unwrap_err()), "Invalid");
    bad.source_url = String::new();
    bad.sha256 = "abc".into();
    assert_eq!(variant(&store.add_document(&bad, "analyst").unwrap_err()), "Invalid");
    assert_eq!(store.counts().unwrap().documents, 1);
}

pub fn plans_round_trip_and_refuse_duplicates(store: &dyn Store) {
    let ids = seed(store);
    let plan = NewPlan {
        title: "济南市“十四五”节能减排工作实施方案".into(),
        issuer: "济南市人民政府".into(),
        region: ids.jinan,
        period_start: Some(2021),
        period_end: Some(2025),
        baseline_year: Some(2020),
        document: None,
    };
    let id = store.add_plan(&plan, "analyst").unwrap();
    let got = store.plan(id).unwrap().unwrap();
    assert_eq!(got.title, plan.title);
    assert_eq!(got.region_name, "济南市");
    assert_eq!(
        (got.period_start, got.period_end, got.baseline_year),
        (Some(2021), Some(2025), Some(2020))
    );
    assert_eq!(got.created_by, "analyst");
    assert_eq!(store.plans().unwrap(), vec![got]);
    let err = store.add_plan(&plan, "analyst").unwrap_err();
    assert_eq!(variant(&err), "Duplicate", "{err}");
    // The same title for another region is another plan.
    store
        .add_plan(
            &NewPlan {
                region: ids.shandong,
                ..plan.clone()
            },
            "analyst",
        )
        .unwrap();
    let bad = NewPlan {
        period_start: Some(2026),
        ..plan
    };
    assert_eq!(variant(&store.add_plan(&bad, "analyst").unwrap_err()), "Invalid");
    assert_eq!(store.counts().unwrap().plans, 2);
}

/// The Jinan energy-intensity target.
fn energy_target(ids: &Ids, plan: Option<i64>) -> NewTarget {
    NewTarget {
        plan,
        binding: Binding::Binding,
        lead_departments: vec!["市发展改革委".into()],
        cooperating_departments: vec!["市工业和信息化局".into(), "市生态环境局".into()],
        indicator_text: "单位地区生产总值能耗".into(),
        note: "约束性".into(),
        ..NewTarget::new(
            ids.jinan,
            ids.energy,
            Target {
                measure: Measure::Change,
                direction: Some(Direction::Down),
                bound: Bound::Eq,
                value: 14.8,
                value_max: None,
                unit: "%".into(),
                year: 2025,
                baseline_year: Some(2020),
                aspiration: false,
            },
            Source::url(
                "https://huanbao.in-en.com/html/huanbao-2367503.shtml",
                "到2025年,全市单位地区生产总值能耗较2020年下降14.8%",
            ),
        )
    }
}

pub fn one_target_per_commitment_with_sources_and_conflicts(store: &dyn Store) {
    let ids = seed(store);
    let first = energy_target(&ids, None);
    let Commitment::New { target: id } = store.add_commitment(&first, "analyst").unwrap() else {
        panic!("the first statement is a new target");
    };
    // The same commitment and value from another source: one target, two sources.
    let again = NewTarget {
        source: Source::url("https://jnfz.jinan.gov.cn/plan", "单位地区生产总值能耗下降14.8%"),
        ..energy_target(&ids, None)
    };
    assert_eq!(
        store.add_commitment(&again, "analyst").unwrap(),
        Commitment::Same {
            target: id,
            source_added: true
        }
    );
    assert_eq!(
        store.add_commitment(&again, "analyst").unwrap(),
        Commitment::Same {
            target: id,
            source_added: false
        }
    );
    assert_eq!(store.add_target(&first, "analyst").unwrap(), id);
    let sources = store.target_sources(id).unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].source, again.source);
    // The same value in other units is the same value.
    let mut sewage = NewTarget::new(
        ids.jinan,
        ids.energy,
        Target {
            measure: Measure::Level,
            direction: None,
            bound: Bound::Eq,
            value: 180.0,
            value_max: None,
            unit: "万吨/日".into(),
            year: 2025,
            baseline_year: None,
            aspiration: false,
        },
        Source::url("https://a.gov.cn/1", "180万吨"),
    );
    let sewage_id = store.add_target(&sewage, "analyst").unwrap();
    sewage.target.value = 1_800_000.0;
    sewage.target.unit = "吨/日".into();
    sewage.source = Source::url("https://a.gov.cn/2", "1800000吨");
    assert!(
        matches!(store.add_commitment(&sewage, "analyst").unwrap(), Commitment::Same { target, .. } if target == sewage_id)
    );
    // Another value is a conflict on the stored target, which stays as it was.
    sewage.target.value = 170.0;
    sewage.target.unit = "万吨/日".into();
    sewage.target.bound = Bound::Ge;
    sewage.source = Source::url("https://a.gov.cn/3", "不低于170万吨");
    let Commitment::Conflict { target, conflict } = store.add_commitment(&sewage, "analyst").unwrap() else {
        panic!("another value is a conflict");
    };
    assert_eq!(target, sewage_id);
    assert_eq!(
        store.add_commitment(&sewage, "analyst").unwrap(),
        Commitment::Conflict { target, conflict },
        "the same conflicting statement again is the same conflict"
    );
    assert_eq!(store.target(sewage_id).unwrap().unwrap().target.value, 180.0);
    assert_eq!(store.targets(&TargetFilter::default()).unwrap().len(), 2);
    let open = ConflictFilter {
        target: None,
        open_only: true,
    };
    let found = store.conflicts(&open).unwrap();
    assert_eq!(found.len(), 1);
    let k = &found[0];
    assert_eq!(
        (k.target, k.value, k.bound, k.unit.as_str()),
        (sewage_id, 170.0, Bound::Ge, "万吨/日")
    );
    assert_eq!(
        (k.status, k.source.url.as_str()),
        (ConflictStatus::Open, "https://a.gov.cn/3")
    );
    // A person takes the other value: the target changes, the conflict is closed, audited.
    store
        .decide_conflict(conflict, Decision::Replace, "规划原文为不低于170万吨", "reviewer")
        .unwrap();
    let replaced = store.target(sewage_id).unwrap().unwrap();
    assert_eq!((replaced.target.value, replaced.target.bound), (170.0, Bound::Ge));
    assert_eq!(replaced.source.url, "https://a.gov.cn/3");
    assert!(store.conflicts(&open).unwrap().is_empty());
    let decided = &store
        .conflicts(&ConflictFilter {
            target: Some(sewage_id),
            open_only: false,
        })
        .unwrap()[0];
    assert_eq!(
        (decided.status, decided.decided_by.as_deref()),
        (ConflictStatus::Replaced, Some("reviewer"))
    );
    assert!(store.decide_conflict(conflict, Decision::Keep, "", "reviewer").is_err());
    let audit = store.audit(&AuditFilter::default()).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.entity == "target_conflicts" && e.action == "decide" && e.actor == "reviewer")
    );
    // The first statement again is now a conflict with the decided value (kept open for a person).
    sewage.target.value = 180.0;
    sewage.target.bound = Bound::Eq;
    sewage.source = Source::url("https://a.gov.cn/1", "180万吨");
    assert!(matches!(
        store.add_commitment(&sewage, "analyst").unwrap(),
        Commitment::Conflict { .. }
    ));
    let keep = store.conflicts(&open).unwrap()[0].id;
    store.decide_conflict(keep, Decision::Keep, "", "reviewer").unwrap();
    assert_eq!(store.target(sewage_id).unwrap().unwrap().target.value, 170.0);
    // Deleting a target takes its sources and conflicts with it.
    store.delete_target(sewage_id, "analyst").unwrap();
    assert!(store.conflicts(&ConflictFilter::default()).unwrap().is_empty());
    // A plan's target without a baseline year counts from the plan's, not from the
    // earliest figure that happens to be reported.
    let plan = store
        .add_plan(
            &NewPlan {
                title: "十四五规划".into(),
                issuer: String::new(),
                region: ids.jinan,
                period_start: Some(2021),
                period_end: Some(2025),
                baseline_year: Some(2020),
                document: None,
            },
            "analyst",
        )
        .unwrap();
    sewage.plan = Some(plan);
    sewage.target.baseline_year = None;
    sewage.region = ids.tianqiao;
    let planned = store.add_target(&sewage, "analyst").unwrap();
    assert_eq!(store.target(planned).unwrap().unwrap().target.baseline_year, Some(2020));
    // The same level from a source without the plan is the same commitment.
    sewage.plan = None;
    sewage.source = Source::url("https://a.gov.cn/5", "不低于170万吨");
    assert!(
        matches!(store.add_commitment(&sewage, "analyst").unwrap(), Commitment::Same { target, .. } if target == planned)
    );
    // A change against another baseline year is another commitment; `=` and `≤` of one
    // figure state the same value.
    let yearly = NewTarget {
        target: Target {
            baseline_year: Some(2024),
            value: 3.0,
            ..first.target.clone()
        },
        ..energy_target(&ids, None)
    };
    assert!(matches!(
        store.add_commitment(&yearly, "analyst").unwrap(),
        Commitment::New { .. }
    ));
    let at_most = NewTarget {
        target: Target {
            bound: Bound::Le,
            ..first.target.clone()
        },
        source: Source::url("https://a.gov.cn/4", "不超过14.8%"),
        ..energy_target(&ids, None)
    };
    assert!(
        matches!(store.add_commitment(&at_most, "analyst").unwrap(), Commitment::Same { target, .. } if target == id)
    );
}

pub fn targets_round_trip_update_and_delete(store: &dyn Store) {
    let ids = seed(store);
    let plan = store
        .add_plan(
            &NewPlan {
                title: "方案".into(),
                issuer: String::new(),
                region: ids.jinan,
                period_start: None,
                period_end: None,
                baseline_year: None,
                document: None,
            },
            "analyst",
        )
        .unwrap();
    let new = energy_target(&ids, Some(plan));
    let id = store.add_target(&new, "analyst").unwrap();
    let got = store.target(id).unwrap().unwrap();
    assert_eq!(got.target, new.target);
    assert_eq!(got.plan_title.as_deref(), Some("方案"));
    assert_eq!(got.region_name, "济南市");
    assert_eq!(got.indicator_name, "单位地区生产总值能耗");
    assert_eq!(got.binding, Binding::Binding);
    assert_eq!(got.lead_departments, new.lead_departments);
    assert_eq!(got.cooperating_departments, new.cooperating_departments);
    assert_eq!(got.source, new.source);
    assert_eq!(got.note, "约束性");

    let other = NewTarget {
        plan: None,
        region: ids.lixia,
        ..energy_target(&ids, None)
    };
    let other_id = store.add_target(&other, "analyst").unwrap();
    let by = |f: TargetFilter| -> Vec<i64> { store.targets(&f).unwrap().iter().map(|t| t.id).collect() };
    assert_eq!(by(TargetFilter::default()), [id, other_id]);
    assert_eq!(
        by(TargetFilter {
            plan: Some(plan),
            ..Default::default()
        }),
        [id]
    );
    assert_eq!(
        by(TargetFilter {
            region: Some(ids.lixia),
            ..Default::default()
        }),
        [other_id]
    );
    assert_eq!(
        by(TargetFilter {
            indicator: Some(ids.pm25),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        by(TargetFilter {
            year: Some(2025),
            ..Default::default()
        })
        .len(),
        2
    );

    let mut changed = new.clone();
    changed.target.value = 15.5;
    changed.target.bound = Bound::Ge;
    changed.lead_departments = vec!["市生态环境局".into()];
    changed.cooperating_departments.clear();
    store.update_target(id, &changed, "leader").unwrap();
    let got = store.target(id).unwrap().unwrap();
    assert_eq!((got.target.value, got.target.bound), (15.5, Bound::Ge));
    assert_eq!(got.lead_departments, ["市生态环境局"]);
    assert!(got.cooperating_departments.is_empty());
    assert_eq!(
        (got.created_by.as_str(), got.updated_by.as_str()),
        ("analyst", "leader")
    );
    let log = store
        .audit(&AuditFilter {
            entity: Some("targets".into()),
            entity_id: Some(id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log.len(), 2, "insert and update");
    assert_eq!(log[0].action, "update");
    assert_eq!(log[0].before.as_ref().unwrap()["value"], 14.8);
    assert_eq!(log[0].after.as_ref().unwrap()["value"], 15.5);

    let mut nan = new.clone();
    nan.target.value = f64::NAN;
    assert_eq!(variant(&store.add_target(&nan, "analyst").unwrap_err()), "Invalid");
    let mut script = new.clone();
    script.source.url = "javascript:alert(1)//".into();
    let err = store.add_target(&script, "analyst").unwrap_err();
    assert!(err.to_string().contains("source_url must be"), "{err}");
    assert_eq!(
        variant(&store.update_target(9999, &new, "analyst").unwrap_err()),
        "NotFound"
    );

    store.delete_target(other_id, "analyst").unwrap();
    assert!(store.target(other_id).unwrap().is_none());
    assert_eq!(store.counts().unwrap().targets, 1);
    assert_eq!(
        variant(&store.delete_target(other_id, "analyst").unwrap_err()),
        "NotFound"
    );
}

pub fn an_analyst_assigns_a_targets_kind_and_lead_units(store: &dyn Store) {
    let ids = seed(store);
    let id = store.add_target(&energy_target(&ids, None), "reader").unwrap();
    let before = store.target(id).unwrap().unwrap();
    let assigned = store
        .assign_target(
            id,
            &Assignment {
                binding: Some(Binding::Expected),
                lead_departments: Some(vec![" 市生态环境局 ".into(), "".into(), "市住房城乡建设局".into()]),
            },
            "ana",
        )
        .unwrap();
    let got = store.target(id).unwrap().unwrap();
    assert_eq!(got, assigned);
    assert_eq!(got.binding, Binding::Expected);
    assert_eq!(got.lead_departments, ["市生态环境局", "市住房城乡建设局"]);
    assert_eq!(got.cooperating_departments, before.cooperating_departments, "untouched");
    assert_eq!(
        (got.target.clone(), got.note.clone()),
        (before.target.clone(), before.note.clone())
    );
    assert_eq!(got.updated_by, "ana");
    let log = store
        .audit(&AuditFilter {
            entity: Some("targets".into()),
            entity_id: Some(id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log[0].action, "assign");
    assert_eq!(log[0].actor, "ana");
    assert_eq!(log[0].before.as_ref().unwrap()["binding"], "binding");
    assert_eq!(log[0].after.as_ref().unwrap()["binding"], "expected");
    assert_eq!(log[0].after.as_ref().unwrap()["lead_departments"][0], "市生态环境局");

    // Only the kind: the lead units stay; the same again writes nothing.
    let only_kind = Assignment {
        binding: Some(Binding::Binding),
        lead_departments: None,
    };
    store.assign_target(id, &only_kind, "ana").unwrap();
    let got = store.target(id).unwrap().unwrap();
    assert_eq!(got.binding, Binding::Binding);
    assert_eq!(got.lead_departments, ["市生态环境局", "市住房城乡建设局"]);
    let audit = store.counts().unwrap().audit;
    store.assign_target(id, &only_kind, "ana").unwrap();
    assert_eq!(
        store.counts().unwrap().audit,
        audit,
        "an assignment that changes nothing writes nothing"
    );

    // Bounds: refused whole, nothing written.
    for bad in [
        vec!["局".to_owned(); pledge_store::target::MAX_LEAD_UNITS + 1]
            .iter()
            .enumerate()
            .map(|(i, u)| format!("{u}{i}"))
            .collect::<Vec<_>>(),
        vec!["长".repeat(pledge_store::target::MAX_UNIT_CHARS + 1)],
        vec!["市\t局".to_owned()],
    ] {
        let a = Assignment {
            binding: None,
            lead_departments: Some(bad.clone()),
        };
        assert!(a.check().is_err(), "{bad:?}");
        let err = store.assign_target(id, &a, "ana").unwrap_err();
        assert_eq!(variant(&err), "Invalid", "{bad:?}");
        assert!(err.to_string().contains("lead_departments"), "{err}");
    }
    assert_eq!(store.counts().unwrap().audit, audit);
    assert_eq!(
        variant(&store.assign_target(9999, &only_kind, "ana").unwrap_err()),
        "NotFound"
    );
    assert_eq!(
        variant(&store.assign_target(id, &only_kind, " ").unwrap_err()),
        "Invalid"
    );
    assert_eq!(
        Assignment::split_units("市发展改革委、市生态环境局，市发展改革委; 市统计局"),
        ["市发展改革委", "市生态环境局", "市统计局"]
    );
}

pub fn observations_are_revised_not_overwritten(store: &dyn Store) {
    let ids = seed(store);
    let first = obs(ids.jinan, ids.pm25, 2021, 41.0, "μg/m3");
    let Recorded::Inserted(id1) = store.record_observation(&first, "reporter-a").unwrap() else {
        panic!("expected a new series")
    };
    // Equal again: nothing written.
    let audit_before = store.counts().unwrap().audit;
    assert_eq!(
        store.record_observation(&first, "reporter-b").unwrap(),
        Recorded::Unchanged(id1)
    );
    assert_eq!(store.counts().unwrap().observations, 1);
    assert_eq!(store.counts().unwrap().audit, audit_before);

    // A correction: new revision, old one kept but no longer current.
    let mut fixed = first.clone();
    fixed.observation.value = 40.0;
    let Recorded::Revised { id: id2, supersedes } = store.record_observation(&fixed, "reporter-b").unwrap() else {
        panic!("expected a revision")
    };
    assert_eq!(supersedes, id1);
    let counts = store.counts().unwrap();
    assert_eq!((counts.observations, counts.current_observations), (2, 1));

    let old = store.observation(id1).unwrap().unwrap();
    let new = store.observation(id2).unwrap().unwrap();
    assert!(!old.current && new.current);
    assert_eq!((old.revision, new.revision), (1, 2));
    assert_eq!(new.supersedes, Some(id1));
    assert_eq!(
        (old.reporter.as_str(), new.reporter.as_str()),
        ("reporter-a", "reporter-b")
    );
    assert_eq!(new.observation.value, 40.0);
    assert_eq!(new.region_name, "济南市");
    assert_eq!(new.indicator_name, "PM2.5年均浓度");
    assert!(new.recorded_at >= old.recorded_at);

    let current = store.observations(&ObservationFilter::default()).unwrap();
    assert_eq!(current.iter().map(|o| o.id).collect::<Vec<_>>(), [id2]);
    let all = store
        .observations(&ObservationFilter {
            include_history: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.iter().map(|o| o.id).collect::<Vec<_>>(), [id1, id2]);
    let history = store.observation_history(id1).unwrap();
    assert_eq!(history.iter().map(|o| o.id).collect::<Vec<_>>(), [id1, id2]);
    assert_eq!(store.observation_history(id2).unwrap(), history);

    // A changed source alone is a new revision too (provenance changed).
    let mut resourced = fixed.clone();
    resourced.source.url = "https://example.invalid/bulletin".into();
    assert!(matches!(
        store.record_observation(&resourced, "reporter-b").unwrap(),
        Recorded::Revised { supersedes, .. } if supersedes == id2
    ));

    let log = store
        .audit(&AuditFilter {
            entity: Some("observations".into()),
            entity_id: Some(id2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "revise");
    assert_eq!(log[0].before.as_ref().unwrap()["value"], 41.0);
    assert_eq!(log[0].after.as_ref().unwrap()["value"], 40.0);

    let mut bad = first.clone();
    bad.observation = Observation {
        measure: Measure::Change,
        baseline_year: None,
        ..bad.observation
    };
    assert_eq!(variant(&store.record_observation(&bad, "r").unwrap_err()), "Invalid");

    // A page address is http(s) or nothing, by every write path.
    for url in [
        "javascript:alert(1)//",
        "notaurl",
        "JavaScript:alert(1)",
        "http://",
        "https:// x",
        "ftp://e.cn/",
    ] {
        let mut bad = first.clone();
        bad.source.url = url.into();
        let err = store.record_observation(&bad, "r").unwrap_err();
        assert_eq!(variant(&err), "Invalid", "{url}: {err}");
        assert!(
            err.to_string()
                .contains("source_url must be a web address starting with http:// or https://"),
            "{err}"
        );
        let StoreError::Import(errors) = store.import_observations(&[bad.clone()], "r").unwrap_err() else {
            panic!("{url}: an import is refused with its rows");
        };
        assert!(errors.iter().any(|e| e.field == "source_url"), "{url}: {errors:?}");
    }
    let mut good = first.clone();
    good.source.url = "HTTPS://www.jinan.gov.cn/art/2022/3/1/art_1.html?x=1#p".into();
    store.record_observation(&good, "r").unwrap();
}

pub fn note_and_period_separate_series(store: &dyn Store) {
    let ids = seed(store);
    let factor = store.find_indicator("电力平均二氧化碳排放因子").unwrap().unwrap().id;
    let mut a = obs(ids.china, factor, 2022, 0.5366, "kgCO2/kWh");
    a.note = "生态环境部".into();
    let mut b = obs(ids.china, factor, 2022, 0.5856, "kgCO2/kWh");
    b.note = "不含市场化交易非化石能源电量".into();
    let mut h1 = obs(ids.china, factor, 2022, 0.55, "kgCO2/kWh");
    h1.observation.period = Some("H1".into());
    h1.note = "生态环境部".into();
    let s = store.import_observations(&[a, b, h1], "analyst").unwrap();
    assert_eq!((s.inserted, s.revised), (3, 0));
    assert_eq!(store.counts().unwrap().current_observations, 3);
    let periods: Vec<Option<String>> = store
        .observations(&ObservationFilter::default())
        .unwrap()
        .into_iter()
        .map(|o| o.observation.period)
        .collect();
    assert!(periods.contains(&Some("H1".into())) && periods.contains(&None));

    // An empty period is the whole year.
    let mut blank = obs(ids.china, factor, 2022, 0.6, "kgCO2/kWh");
    blank.observation.period = Some("  ".into());
    blank.note = "生态环境部".into();
    assert!(matches!(
        store.record_observation(&blank, "analyst").unwrap(),
        Recorded::Revised { .. }
    ));
}

pub fn import_is_all_or_nothing(store: &dyn Store) {
    let ids = seed(store);
    let rows = many(&ids, 1000);
    let calls = std::cell::Cell::new(0usize);
    let last = std::cell::Cell::new(0usize);
    let s = store
        .import_observations_with_progress(&rows, "reporter", &|n| {
            calls.set(calls.get() + 1);
            last.set(n);
        })
        .unwrap();
    assert_eq!((s.rows, s.inserted, s.revised, s.unchanged), (1000, 1000, 0, 0));
    assert!(s.import.is_some());
    assert!(calls.get() >= 1);
    assert_eq!(last.get(), 1000);
    let before = store.counts().unwrap();
    assert_eq!((before.observations, before.imports), (1000, 1));
    let imported = store.observations(&ObservationFilter::default()).unwrap();
    assert!(
        imported
            .iter()
            .all(|o| o.import == s.import && o.reporter == "reporter")
    );

    // A bad row in the middle of a batch of corrections and new rows: nothing changes.
    let mut next: Vec<NewObservation> = many(&ids, 2000);
    for o in &mut next[..1000] {
        o.observation.value += 0.5;
    }
    next[1500].region = 999_999;
    let err = store.import_observations(&next, "reporter").unwrap_err();
    let StoreError::Import(errors) = &err else {
        panic!("expected an import error, got {err}")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].field.as_str()), (1500, "region"));
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.observations(&ObservationFilter::default()).unwrap(), imported);

    // Empty input: nothing recorded.
    let s = store.import_observations(&[], "reporter").unwrap();
    assert_eq!((s.rows, s.import), (0, None));
    assert_eq!(store.counts().unwrap(), before);
}

pub fn import_reports_duplicates_and_every_bad_row(store: &dyn Store) {
    let ids = seed(store);
    let mut rows = many(&ids, 10);
    rows[7] = rows[2].clone();
    rows[7].observation.value = 123.0;
    rows[4].observation.value = f64::INFINITY;
    rows[5].indicator = 424_242;
    rows[6].observation = Observation {
        measure: Measure::Increment,
        baseline_year: None,
        ..rows[6].observation.clone()
    };
    rows[8].observation.year = 20_225;
    let before = store.counts().unwrap();
    let StoreError::Import(errors) = store.import_observations(&rows, "reporter").unwrap_err() else {
        panic!("expected an import error")
    };
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.field.as_str())).collect();
    assert_eq!(
        found,
        [
            (4, "value"),
            (5, "indicator"),
            (6, "baseline_year"),
            (7, "key"),
            (8, "year")
        ]
    );
    assert!(errors[3].message.contains("row 2"), "{}", errors[3].message);
    assert_eq!(store.counts().unwrap(), before);
}

pub fn reimport_adds_no_revisions(store: &dyn Store) {
    let ids = seed(store);
    let rows = many(&ids, 300);
    store.import_observations(&rows, "reporter").unwrap();
    let s = store.import_observations(&rows, "reporter").unwrap();
    assert_eq!((s.inserted, s.revised, s.unchanged), (0, 0, 300));
    let mut changed = rows.clone();
    changed[10].observation.value = -1.0;
    changed.push(obs(ids.jinan, ids.nev, 2025, 250_000.0, "辆"));
    let s = store.import_observations(&changed, "reporter").unwrap();
    assert_eq!((s.inserted, s.revised, s.unchanged), (1, 1, 299));
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.observations, counts.current_observations, counts.imports),
        (302, 301, 3)
    );
    let revised = store
        .audit(&AuditFilter {
            entity: Some("observations".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(revised.len(), 1, "the one revision is audited with before and after");
    assert_eq!(revised[0].action, "revise");
    let imports = store
        .audit(&AuditFilter {
            entity: Some("imports".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(imports.len(), 3);
    assert_eq!(imports[0].after.as_ref().unwrap()["revised"], 1);
}

/// New rows are written many to a statement and a revision alone between them: the
/// ids still follow the rows' order, and each row's value is stored under its key.
pub fn a_batched_import_keeps_row_order_in_ids(store: &dyn Store) {
    let ids = seed(store);
    let first = many(&ids, 10);
    store.import_observations(&first, "reporter").unwrap();
    let before: Vec<i64> = store
        .observations(&ObservationFilter::default())
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    // 600 rows: batches of new rows on both sides of a revision of row 3 of the first import.
    let mut rows = many(&ids, 610);
    rows.drain(..10);
    let mut revised = first[3].clone();
    revised.observation.value = -3.0;
    rows.insert(300, revised);
    let s = store.import_observations(&rows, "reporter").unwrap();
    assert_eq!((s.inserted, s.revised, s.unchanged), (600, 1, 0));
    let mut stored = store.observations(&ObservationFilter::default()).unwrap();
    stored.retain(|o| !before.contains(&o.id));
    stored.sort_by_key(|o| o.id);
    let values: Vec<f64> = stored.iter().map(|o| o.observation.value).collect();
    let expected: Vec<f64> = rows.iter().map(|o| o.observation.value).collect();
    assert_eq!(values, expected);
}

pub fn facts_are_reviewed_into_targets_and_observations(store: &dyn Store) {
    let ids = seed(store);
    let doc = store
        .add_document(
            &NewDocument::from_bytes(b"page bytes", "page text", "jinan-page-2023-03", DocumentKind::News),
            "ingest",
        )
        .unwrap()
        .id;
    let lead = target_fact("单位地区生产总值能耗较2020年下降14.8%", 14.8);
    let repeat = Fact {
        span: [900, 950],
        ..lead.clone()
    };
    let actual = Fact {
        kind: Kind::Actual,
        scope: "天桥区".into(),
        indicator: "新能源汽车保有量".into(),
        year: Some(2022),
        baseline_year: Some(2021),
        direction: Some(Direction::Down),
        value: 3.5,
        unit: "%".into(),
        quote: "同比下降3.5%".into(),
        ..lead.clone()
    };
    let unmatched = Fact {
        scope: "某公司".into(),
        ..lead.clone()
    };
    let facts = [
        NewFact {
            fact: lead.clone(),
            region: Some(ids.jinan),
            indicator: Some(ids.energy),
        },
        NewFact {
            fact: repeat,
            region: Some(ids.jinan),
            indicator: Some(ids.energy),
        },
        NewFact {
            fact: actual,
            region: Some(ids.tianqiao),
            indicator: Some(ids.nev),
        },
        NewFact {
            fact: unmatched,
            region: None,
            indicator: Some(ids.energy),
        },
    ];
    let fids = store.add_facts(doc, &facts, "ingest").unwrap();
    assert_eq!(fids.len(), 4);
    let pending = store
        .facts(&FactFilter {
            review: Some(Review::Pending),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(pending.len(), 4);
    assert_eq!(pending[0].fact, lead);
    assert_eq!(pending[0].document, doc);

    let plan = store
        .add_plan(
            &NewPlan {
                title: "济南市“十四五”节能减排工作实施方案".into(),
                issuer: "济南市人民政府".into(),
                region: ids.jinan,
                period_start: Some(2021),
                period_end: Some(2025),
                baseline_year: Some(2020),
                document: Some(doc),
            },
            "analyst",
        )
        .unwrap();
    let how = Acceptance {
        plan: Some(plan),
        ..Default::default()
    };
    let Accepted::Target(t) = store.accept_fact(fids[0], &how, "analyst").unwrap() else {
        panic!("a target fact becomes a target")
    };
    let target = store.target(t).unwrap().unwrap();
    assert_eq!(target.plan, Some(plan));
    assert_eq!(target.target.value, 14.8);
    assert_eq!(target.source, Source::document(doc, lead.span, &lead.quote));
    assert_eq!(target.indicator_text, "单位地区生产总值能耗");
    let reviewed = store.fact(fids[0]).unwrap().unwrap();
    assert_eq!(reviewed.review, Review::Accepted);
    assert_eq!(reviewed.target_id, Some(t));
    assert_eq!(reviewed.reviewed_by.as_deref(), Some("analyst"));
    assert_eq!(
        variant(&store.accept_fact(fids[0], &how, "analyst").unwrap_err()),
        "Invalid"
    );

    // The same target stated twice becomes one target.
    assert_eq!(
        store.accept_fact(fids[1], &how, "analyst").unwrap(),
        Accepted::Target(t)
    );
    assert_eq!(store.counts().unwrap().targets, 1);

    // An actual fact becomes an observation; a fall is stored negative.
    let Accepted::Observation(o) = store.accept_fact(fids[2], &Acceptance::default(), "analyst").unwrap() else {
        panic!("an actual fact becomes an observation")
    };
    let o = store.observation(o).unwrap().unwrap();
    assert_eq!(o.observation.value, -3.5);
    assert_eq!(o.region, ids.tianqiao);
    assert_eq!(o.source.document, Some(doc));
    assert_eq!(store.fact(fids[2]).unwrap().unwrap().observation_id, Some(o.id));

    // No region matched and none given: refused, nothing changes.
    let before = store.counts().unwrap();
    assert_eq!(
        variant(
            &store
                .accept_fact(fids[3], &Acceptance::default(), "analyst")
                .unwrap_err()
        ),
        "Invalid"
    );
    assert_eq!(store.counts().unwrap(), before);
    store.reject_fact(fids[3], "not a region", "analyst").unwrap();
    let rejected = store.fact(fids[3]).unwrap().unwrap();
    assert_eq!(
        (rejected.review, rejected.review_note.as_str()),
        (Review::Rejected, "not a region")
    );
    assert_eq!(
        variant(&store.reject_fact(fids[0], "", "analyst").unwrap_err()),
        "Invalid",
        "an accepted fact is corrected through its target, not rejected"
    );
    // A rejected fact can still be accepted, with the region given.
    let how = Acceptance {
        region: Some(ids.lixia),
        ..Default::default()
    };
    assert!(matches!(
        store.accept_fact(fids[3], &how, "analyst").unwrap(),
        Accepted::Target(_)
    ));
    assert_eq!(
        store
            .facts(&FactFilter {
                document: Some(doc),
                review: Some(Review::Accepted)
            })
            .unwrap()
            .len(),
        4
    );
    // The target an accepted fact became cannot be deleted behind its back.
    assert_eq!(variant(&store.delete_target(t, "analyst").unwrap_err()), "Constraint");
    assert_eq!(
        variant(&store.accept_fact(9999, &how, "analyst").unwrap_err()),
        "NotFound"
    );
}

pub fn conflicting_facts_wait_and_edits_apply(store: &dyn Store) {
    use pledge_store::FactEdit;
    use pledge_store::queue::{self, ConflictWith, QueueFilter, Reason};
    let ids = seed(store);
    let text = "全区技术合同成交额任务62亿元，实际完成84.6亿元，超指标任务22.6亿元。";
    let doc = store
        .add_document(
            &NewDocument::from_bytes(text.as_bytes(), text, "tianqiao", DocumentKind::News),
            "ingest",
        )
        .unwrap()
        .id;
    let actual = |quote: &str, value: f64| Fact {
        kind: Kind::Actual,
        scope: "天桥区".into(),
        indicator: "新能源汽车保有量".into(),
        year: Some(2022),
        baseline_year: None,
        measure: Measure::Level,
        direction: None,
        value,
        unit: "辆".into(),
        quote: quote.into(),
        span: [0, 0],
        ..target_fact(quote, value)
    };
    let matched = |fact: Fact| NewFact {
        fact,
        region: Some(ids.tianqiao),
        indicator: Some(ids.nev),
    };
    let fids = store
        .add_facts(
            doc,
            &[
                matched(actual("实际完成84.6亿元", 846.0)),
                matched(actual("超指标任务22.6亿元", 226.0)),
                matched(actual("超指标任务22.6亿元", 226.0)),
                NewFact {
                    indicator: None,
                    ..matched(actual("任务62亿元", 62.0))
                },
            ],
            "ingest",
        )
        .unwrap();
    store.accept_fact(fids[0], &Acceptance::default(), "analyst").unwrap();

    // The contradicting fact says what it contradicts, in the queue too.
    let conflicts = store.fact_conflicts(fids[1], &Acceptance::default()).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].with, conflicts[0].value),
        (ConflictWith::Observation, 846.0)
    );
    let items = queue::pending(store, &QueueFilter::default()).unwrap();
    let item = items.iter().find(|i| i.fact.id == fids[1]).unwrap();
    assert!(item.reasons.iter().any(|r| matches!(r, Reason::Conflict { .. })));
    assert_eq!(item.context.before, "全区技术合同成交额任务62亿元，实际完成84.6亿元，");
    assert_eq!(item.joins.region.as_deref(), Some("天桥区"));
    let new = items.iter().find(|i| i.fact.id == fids[3]).unwrap();
    assert_eq!(new.reasons.first().map(Reason::code), Some("new_indicator"));

    // Unconfirmed, it is refused and nothing changes; confirmed, it replaces the value.
    let before = store.counts().unwrap();
    assert_eq!(
        variant(
            &store
                .accept_fact(fids[1], &Acceptance::default(), "analyst")
                .unwrap_err()
        ),
        "Invalid"
    );
    assert_eq!(store.counts().unwrap(), before);
    let replace = Acceptance {
        replace: true,
        ..Acceptance::default()
    };
    let Accepted::Observation(o) = store.accept_fact(fids[1], &replace, "analyst").unwrap() else {
        panic!("an actual fact becomes an observation")
    };
    assert_eq!(store.observation(o).unwrap().unwrap().revision, 2);

    // An edit moves a fact off the conflict; the fact keeps the edit, the audit the original.
    let edit = Acceptance {
        edit: FactEdit {
            year: Some(2023),
            ..FactEdit::default()
        },
        ..Acceptance::default()
    };
    assert!(store.fact_conflicts(fids[2], &edit).unwrap().is_empty());
    store.accept_fact(fids[2], &edit, "analyst").unwrap();
    assert_eq!(store.fact(fids[2]).unwrap().unwrap().fact.year, Some(2023));
    let audit = store
        .audit(&AuditFilter {
            entity: Some("facts".into()),
            ..AuditFilter::default()
        })
        .unwrap();
    let last = audit.iter().rev().find(|e| e.entity_id == Some(fids[2])).unwrap();
    assert_eq!(last.before.as_ref().unwrap()["year"], 2022);
    assert_eq!(last.after.as_ref().unwrap()["year"], 2023);

    // A person names the indicator of a fact that matched none.
    let named = Acceptance {
        new_indicator: Some("技术合同成交额".into()),
        ..Acceptance::default()
    };
    store.accept_fact(fids[3], &named, "analyst").unwrap();
    let made = store.find_indicator("技术合同成交额").unwrap().unwrap();
    assert_eq!(store.fact(fids[3]).unwrap().unwrap().indicator, Some(made.id));
    assert_eq!(made.category, Category::Innovation);
}

/// What `pledge demo` and `pledge ingest --accept-confident` accept without a person
/// (`queue::accept_ready`), on this backend: a second source of a stored commitment joins
/// it (one target, two sources), another value of it waits as a conflict, an impossible
/// or unlikely value waits as implausible, a guessed indicator as low confidence; and
/// what waits is refused to a bulk accept, while the plain figure is taken.
pub fn the_queue_accepts_alone_only_plausible_confident_agreeing_facts(store: &dyn Store) {
    use pledge_store::queue::{self, Outcome};
    let ids = seed(store);
    let share = store.find_indicator("空气质量优良天数比例").unwrap().unwrap().id;
    let text = "济南市单位地区生产总值能耗下降14.8%。空气质量优良天数比例64.6%。";
    let doc = store
        .add_document(
            &NewDocument::from_bytes(text.as_bytes(), text, "progress", DocumentKind::News),
            "ingest",
        )
        .unwrap()
        .id;
    let actual = |wording: &str, value: f64, year: i32, measure: Measure| Fact {
        kind: Kind::Actual,
        indicator: wording.into(),
        year: Some(year),
        baseline_year: (measure != Measure::Level).then_some(year - 1),
        measure,
        direction: None,
        unit: "%".into(),
        ..target_fact(wording, value)
    };
    let on = |fact: Fact, indicator: i64| NewFact {
        fact,
        region: Some(ids.jinan),
        indicator: Some(indicator),
    };
    let other = "济南市到2025年单位地区生产总值能耗下降14.8%，另一说下降16%。";
    let other = store
        .add_document(
            &NewDocument::from_bytes(other.as_bytes(), other, "plan", DocumentKind::News),
            "ingest",
        )
        .unwrap()
        .id;
    let mut fids = store
        .add_facts(other, &[on(target_fact("下降14.8%", 14.8), ids.energy)], "ingest")
        .unwrap();
    let facts = [
        on(target_fact("下降14.8%", 14.8), ids.energy),
        on(target_fact("下降16%", 16.0), ids.energy),
        on(actual("空气质量优良天数比例", 64.6, 2021, Measure::Level), share),
        on(actual("空气质量优良天数比例", 1234.5, 2022, Measure::Level), share),
        on(actual("空气质量优良天数比例", 250.0, 2023, Measure::Change), share),
        on(actual("空气质量良好天数占监测天数", 66.3, 2020, Measure::Level), share),
    ];
    fids.extend(store.add_facts(doc, &facts, "ingest").unwrap());
    let records: Vec<_> = fids.iter().map(|id| store.fact(*id).unwrap().unwrap()).collect();
    let outcomes = queue::accept_ready(store, &records, |_| None, "demo").unwrap();
    let held = |i: usize| match &outcomes[i].1 {
        Outcome::Held(reasons) => reasons.iter().map(|r| r.code()).collect::<Vec<_>>(),
        Outcome::Accepted(a) => panic!("fact {i} accepted: {a:?}"),
    };
    let Outcome::Accepted(Accepted::Target(first)) = outcomes[0].1 else {
        panic!("{:?}", outcomes[0])
    };
    // The same commitment read twice is one target with two sources.
    assert_eq!(outcomes[1].1, Outcome::Accepted(Accepted::Target(first)));
    let jinan_energy = TargetFilter {
        region: Some(ids.jinan),
        indicator: Some(ids.energy),
        ..TargetFilter::default()
    };
    assert_eq!(store.targets(&jinan_energy).unwrap().len(), 1);
    let sources = store.target_sources(first).unwrap();
    assert_eq!(sources.len(), 1, "one more source besides the first");
    assert_eq!(sources[0].source.document, Some(doc));
    // Another value of it waits, naming the stored one.
    assert_eq!(held(2), ["conflict"]);
    assert!(matches!(outcomes[3].1, Outcome::Accepted(Accepted::Observation(_))));
    assert_eq!(held(4), ["implausible"]);
    assert_eq!(held(5), ["implausible"]);
    assert_eq!(held(6), ["low_confidence"]);
    for (i, record) in records.iter().enumerate().skip(4) {
        let why = queue::bulk_blocked(store, &store.fact(record.id).unwrap().unwrap()).unwrap();
        assert!(why.is_some_and(|w| w.contains(held(i)[0])), "fact {i}");
    }
    assert_eq!(store.counts().unwrap().current_observations, 1);
    assert_eq!(
        store
            .facts(&FactFilter {
                document: Some(doc),
                review: Some(Review::Pending),
            })
            .unwrap()
            .len(),
        4
    );
}

pub fn scoreboard_query_joins_current_observations_by_indicator(store: &dyn Store) {
    let ids = seed(store);
    let t = store.add_target(&energy_target(&ids, None), "analyst").unwrap();
    let pm = store
        .add_target(
            &NewTarget::new(
                ids.jinan,
                ids.pm25,
                Target {
                    measure: Measure::Level,
                    direction: None,
                    bound: Bound::Eq,
                    value: 40.0,
                    value_max: None,
                    unit: "μg/m3".into(),
                    year: 2025,
                    baseline_year: None,
                    aspiration: false,
                },
                Source::url(
                    "http://www.korchipcn.com/product/3926.html",
                    "PM2.5年均浓度达到40微克/立方米",
                ),
            ),
            "analyst",
        )
        .unwrap();
    // Observations worded with aliases resolve to the same indicator.
    let alias = store.find_indicator("万元地区生产总值能耗").unwrap().unwrap().id;
    let intensity = store.find_indicator("能耗强度").unwrap().unwrap().id;
    let mut a = obs(ids.jinan, alias, 2021, -3.1, "%");
    a.observation = Observation::change(2021, 2020, -3.1, "%");
    a.indicator_text = "万元地区生产总值能耗".into();
    let mut b = obs(ids.jinan, intensity, 2023, -9.0, "%");
    b.observation = Observation::change(2023, 2020, -9.0, "%");
    let mut other_region = a.clone();
    other_region.region = ids.shandong;
    store
        .import_observations(&[a.clone(), b, other_region], "reporter")
        .unwrap();
    // Correct 2021: only the current revision is joined.
    a.observation.value = -3.3;
    store.record_observation(&a, "reporter").unwrap();

    let board = store.targets_with_observations(&TargetFilter::default()).unwrap();
    assert_eq!(board.len(), 2);
    let energy = board.iter().find(|r| r.target.id == t).unwrap();
    let values: Vec<(i32, f64)> = energy
        .observations
        .iter()
        .map(|o| (o.observation.year, o.observation.value))
        .collect();
    assert_eq!(values, [(2021, -3.3), (2023, -9.0)]);
    assert!(energy.observations.iter().all(|o| o.region == ids.jinan && o.current));
    assert_eq!(energy.observations[0].indicator_text, "万元地区生产总值能耗");
    let pm = board.iter().find(|r| r.target.id == pm).unwrap();
    assert!(pm.observations.is_empty());
    let only = store
        .targets_with_observations(&TargetFilter {
            indicator: Some(ids.pm25),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only.len(), 1);
}

/// `target_figures` gives each target the same figures, in the same order, as the
/// records of `targets_with_observations` (current revisions only, aliases resolved).
pub fn target_figures_are_the_scoreboard_observations_values(store: &dyn Store) {
    scoreboard_query_joins_current_observations_by_indicator(store);
    let ids = seed(store);
    let intensity = store.find_indicator("能耗强度").unwrap().unwrap().id;
    let mut jinan_months = obs(ids.jinan, intensity, 2024, -1.0, "%");
    jinan_months.observation = Observation::change(2024, 2020, -1.0, "%");
    jinan_months.observation.period = Some("1-6月".into());
    store.record_observation(&jinan_months, "reporter").unwrap();
    for filter in [
        TargetFilter::default(),
        TargetFilter {
            indicator: Some(ids.pm25),
            ..Default::default()
        },
    ] {
        let records = store.targets_with_observations(&filter).unwrap();
        let figures = store.target_figures(&filter).unwrap();
        assert_eq!(figures.len(), records.len());
        for (f, r) in figures.iter().zip(&records) {
            assert_eq!(f.target, r.target);
            let values: Vec<Observation> = r.observations.iter().map(|o| o.observation.clone()).collect();
            assert_eq!(f.observations, values, "target {}", r.target.id);
        }
    }
    let energy = store
        .target_figures(&TargetFilter::default())
        .unwrap()
        .into_iter()
        .find(|t| !t.observations.is_empty())
        .unwrap();
    assert_eq!(energy.observations.len(), 3, "{:?}", energy.observations);
    assert!(energy.observations.iter().any(|o| o.period.as_deref() == Some("1-6月")));
}

/// A page of observations: `per_page` rows, newest year first, the count of all, and
/// nothing past the last page.
pub fn observation_pages_list_newest_first_with_the_count(store: &dyn Store) {
    let ids = seed(store);
    let rows: Vec<NewObservation> = (0..25)
        .map(|k| {
            let mut o = obs(ids.jinan, ids.pm25, 2000 + k / 3, 40.0 + f64::from(k), "μg/m3");
            o.note = format!("站{}", k % 3);
            o
        })
        .collect();
    store.import_observations(&rows, "reporter").unwrap();
    let mut fix = rows[24].clone();
    fix.observation.value = 1.0;
    store.record_observation(&fix, "reporter").unwrap();
    let series = ObservationFilter {
        region: Some(ids.jinan),
        indicator: Some(ids.pm25),
        ..Default::default()
    };
    let first = store.observation_page(&series, PageRequest::new(1, 10)).unwrap();
    assert_eq!(first.total, 25, "current revisions only");
    assert_eq!(first.rows.len(), 10);
    let years: Vec<i32> = first.rows.iter().map(|o| o.observation.year).collect();
    assert_eq!(years, [2008, 2007, 2007, 2007, 2006, 2006, 2006, 2005, 2005, 2005]);
    assert_eq!(
        first.rows[0].observation.value, 1.0,
        "the correction, not the row it replaced"
    );
    let third = store.observation_page(&series, PageRequest::new(3, 10)).unwrap();
    assert_eq!(third.rows.len(), 5);
    assert!(third.rows.iter().all(|o| o.observation.year <= 2001));
    let mut all: Vec<i64> = (1..=3)
        .flat_map(|p| store.observation_page(&series, PageRequest::new(p, 10)).unwrap().rows)
        .map(|o| o.id)
        .collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 25, "the pages cover every row once");
    let past = store.observation_page(&series, PageRequest::new(9, 10)).unwrap();
    assert_eq!((past.total, past.rows.len()), (25, 0));
    let history = ObservationFilter {
        include_history: true,
        ..series
    };
    assert_eq!(
        store
            .observation_page(&history, PageRequest::new(1, 100))
            .unwrap()
            .total,
        26
    );
}

/// An import writes texts and numbers back exactly, whatever the backend's bulk path
/// (PostgreSQL's COPY escapes tabs, line breaks and backslashes, and spells NULL `\N`).
pub fn an_import_keeps_every_character_and_number(store: &dyn Store) {
    let ids = seed(store);
    let texts = [
        "tab\there",
        "line\nbreak\r\nand cr",
        "back\\slash \\N \\t",
        "\\N",
        "引号\"与'撇号'",
        "",
    ];
    let values = [0.1 + 0.2, 1e-9, 123_456_789.123_456_79, -0.0, 5e20];
    let rows: Vec<NewObservation> = texts
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let mut o = obs(ids.jinan, ids.pm25, 2001 + k as i32, values[k % values.len()], "μg/m3");
            o.source = Source::url("https://example.invalid/a\\b", text);
            o.note = (*text).to_owned();
            o.indicator_text = format!("PM2.5{text}");
            o
        })
        .collect();
    let mut change = obs(ids.jinan, ids.energy, 2022, -3.25, "%");
    change.observation = Observation::change(2022, 2020, -3.25, "%");
    change.source.document = None;
    let mut all = rows.clone();
    all.push(change.clone());
    let summary = store.import_observations(&all, "reporter").unwrap();
    assert_eq!(summary.inserted, all.len());
    let stored = store.observations(&ObservationFilter::default()).unwrap();
    for o in &all {
        let back = stored
            .iter()
            .find(|s| s.observation.year == o.observation.year && s.indicator == o.indicator)
            .unwrap();
        assert_eq!(back.observation, o.observation);
        assert_eq!(back.note, o.note.trim());
        assert_eq!(back.source, o.source);
        assert_eq!(back.indicator_text, o.indicator_text);
        assert_eq!((back.revision, back.supersedes, back.current), (1, None, true));
        assert_eq!(back.reporter, "reporter");
        assert_eq!(back.import, summary.import);
    }
    // The ids follow the rows' order.
    let ids_in_order: Vec<i64> = all
        .iter()
        .map(|o| {
            stored
                .iter()
                .find(|s| s.observation.year == o.observation.year && s.indicator == o.indicator)
                .unwrap()
                .id
        })
        .collect();
    assert!(ids_in_order.windows(2).all(|w| w[0] < w[1]), "{ids_in_order:?}");
}

pub fn foreign_keys_are_enforced(store: &dyn Store) {
    let ids = seed(store);
    let before = store.counts().unwrap();
    let mut t = energy_target(&ids, None);
    t.region = 777_777;
    assert_eq!(variant(&store.add_target(&t, "analyst").unwrap_err()), "Constraint");
    let mut t = energy_target(&ids, Some(888_888));
    assert_eq!(variant(&store.add_target(&t, "analyst").unwrap_err()), "Constraint");
    t.plan = None;
    t.source.document = Some(999_999);
    assert_eq!(variant(&store.add_target(&t, "analyst").unwrap_err()), "Constraint");
    let plan = NewPlan {
        title: "x".into(),
        issuer: String::new(),
        region: 123_456,
        period_start: None,
        period_end: None,
        baseline_year: None,
        document: None,
    };
    assert_eq!(variant(&store.add_plan(&plan, "analyst").unwrap_err()), "Constraint");
    let fact = NewFact {
        fact: target_fact("下降14.8%", 14.8),
        region: None,
        indicator: None,
    };
    assert_eq!(
        variant(&store.add_facts(424_242, &[fact], "ingest").unwrap_err()),
        "Constraint"
    );
    let mut o = obs(ids.jinan, ids.pm25, 2021, 40.0, "μg/m3");
    o.source.document = Some(31_337);
    assert!(store.record_observation(&o, "reporter").is_err());
    assert!(matches!(
        store.import_observations(&[o], "reporter").unwrap_err(),
        StoreError::Import(e) if e[0].field == "source"
    ));
    assert_eq!(store.counts().unwrap(), before);
    assert!(store.integrity_check().unwrap().is_empty());
}

pub fn every_write_is_audited(store: &dyn Store) {
    let ids = seed(store);
    let audit = || store.counts().unwrap().audit;
    let mut n = audit();
    let mut step = |what: &str| {
        let now = audit();
        assert!(now > n, "{what} wrote no audit entry");
        n = now;
    };
    let doc = store
        .add_document(&NewDocument::from_bytes(b"d", "d", "d", DocumentKind::Other), "a")
        .unwrap()
        .id;
    step("add_document");
    let plan = store
        .add_plan(
            &NewPlan {
                title: "p".into(),
                issuer: String::new(),
                region: ids.jinan,
                period_start: None,
                period_end: None,
                baseline_year: None,
                document: Some(doc),
            },
            "a",
        )
        .unwrap();
    step("add_plan");
    let t = store.add_target(&energy_target(&ids, Some(plan)), "a").unwrap();
    step("add_target");
    store.update_target(t, &energy_target(&ids, None), "a").unwrap();
    step("update_target");
    store
        .assign_target(
            t,
            &Assignment {
                binding: Some(Binding::Expected),
                lead_departments: None,
            },
            "a",
        )
        .unwrap();
    step("assign_target");
    store
        .record_observation(&obs(ids.jinan, ids.pm25, 2021, 40.0, "μg/m3"), "a")
        .unwrap();
    step("record_observation");
    store.import_observations(&many(&ids, 5), "a").unwrap();
    step("import_observations");
    let f = store
        .add_facts(
            doc,
            // Another region's commitment: it becomes a target of its own.
            &[NewFact {
                fact: target_fact("q", 1.0),
                region: Some(ids.lixia),
                indicator: Some(ids.energy),
            }],
            "a",
        )
        .unwrap();
    step("add_facts");
    store.reject_fact(f[0], "no", "a").unwrap();
    step("reject_fact");
    store.accept_fact(f[0], &Acceptance::default(), "a").unwrap();
    step("accept_fact");
    store.delete_target(t, "a").unwrap();
    step("delete_target");
    store
        .upsert_regions(
            &[NewRegion::named(
                "汾渭平原",
                RegionLevel::Other,
                Some(ParentRef::Id(ids.china)),
            )],
            "a",
        )
        .unwrap();
    step("upsert_regions");
    store.upsert_indicators(&starter_indicators()[..1], "a").unwrap();
    step("upsert_indicators");

    let newest = store
        .audit(&AuditFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(newest.len(), 1);
    assert_eq!(
        (newest[0].actor.as_str(), newest[0].entity.as_str()),
        ("a", "indicators")
    );
    let by_actor = store
        .audit(&AuditFilter {
            actor: Some("a".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(by_actor.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert!(by_actor.iter().all(|e| !e.at.is_empty()));

    // Writes without an actor are refused.
    let err = store
        .record_observation(&obs(ids.jinan, ids.pm25, 2022, 1.0, "μg/m3"), " ")
        .unwrap_err();
    assert_eq!(variant(&err), "Invalid");
}

pub fn concurrent_writers_lose_nothing(store: &dyn Store) {
    let ids = seed(store);
    // Share the store across threads the way the web layer does.
    std::thread::scope(|s| {
        for worker in 0..4 {
            let store: &dyn Store = store;
            let (lixia, nev) = (ids.lixia, ids.nev);
            s.spawn(move || {
                for k in 0..25 {
                    let mut o = obs(lixia, nev, 2000 + k, f64::from(k), "辆");
                    o.note = format!("worker {worker}");
                    store.record_observation(&o, &format!("reporter-{worker}")).unwrap();
                }
            });
        }
    });
    let counts = store.counts().unwrap();
    assert_eq!((counts.observations, counts.current_observations), (100, 100));
    let _: Option<Arc<dyn Store>> = None; // `Arc<dyn Store>` must be a valid type.
}

pub fn concurrent_corrections_of_one_series_keep_one_current(store: &dyn Store) {
    let ids = seed(store);
    // Every write is about the same series with a value never seen before, so each one is
    // either its first revision or a correction: writers must not race on "which is current".
    std::thread::scope(|s| {
        for worker in 0..4 {
            let (jinan, pm25) = (ids.jinan, ids.pm25);
            s.spawn(move || {
                for k in 0..10 {
                    let o = obs(jinan, pm25, 2021, f64::from(worker * 100 + k), "μg/m3");
                    store.record_observation(&o, &format!("reporter-{worker}")).unwrap();
                }
            });
        }
    });
    let counts = store.counts().unwrap();
    assert_eq!((counts.observations, counts.current_observations), (40, 1));
    let current = store.observations(&ObservationFilter::default()).unwrap();
    let history = store.observation_history(current[0].id).unwrap();
    assert_eq!(history.len(), 40);
    assert_eq!(
        history.iter().map(|o| o.revision).collect::<Vec<_>>(),
        (1..=40).collect::<Vec<u32>>()
    );
    assert!(history.windows(2).all(|w| w[1].supersedes == Some(w[0].id)));
    assert!(store.integrity_check().unwrap().is_empty());
}

/// A password good enough for the store's rules.
const PASSWORD: &str = "correct horse battery";

/// Creates the 天桥区 reporter of the issue's examples.
fn tianqiao_reporter(store: &dyn Store, ids: &Ids) -> pledge_store::UserId {
    store
        .create_user(
            &NewUser {
                regions: vec![ids.tianqiao],
                departments: vec!["区发展改革局".into(), "'); DROP TABLE users; --".into()],
                ..NewUser::new("tianqiao-li", Role::Reporter)
            },
            PASSWORD,
            "admin",
        )
        .unwrap()
}

pub fn users_store_hashes_and_verify_passwords(store: &dyn Store) {
    let ids = seed(store);
    let id = tianqiao_reporter(store, &ids);
    let user = store.user("tianqiao-li").unwrap().unwrap();
    assert_eq!(user.id, id);
    assert_eq!(user.role, Role::Reporter);
    assert_eq!(user.regions, [ids.tianqiao]);
    assert_eq!(
        user.departments,
        ["'); DROP TABLE users; --", "区发展改革局"],
        "stored verbatim, sorted"
    );
    assert!(!user.disabled);
    assert_eq!(user.created_by, "admin");
    assert_eq!(store.user_by_id(id).unwrap().unwrap(), user);

    // Refusals write nothing.
    let dup = store.create_user(&NewUser::new("tianqiao-li", Role::Viewer), PASSWORD, "admin");
    assert_eq!(variant(&dup.unwrap_err()), "Duplicate");
    let short = store.create_user(&NewUser::new("wang", Role::Viewer), "short", "admin");
    let err = short.unwrap_err();
    assert_eq!(variant(&err), "Invalid");
    assert!(
        !err.to_string().contains("short\""),
        "the password is not quoted: {err}"
    );
    let spaced = store.create_user(&NewUser::new("a b", Role::Viewer), PASSWORD, "admin");
    assert_eq!(variant(&spaced.unwrap_err()), "Invalid");
    let nowhere = NewUser {
        regions: vec![987_654],
        ..NewUser::new("wang", Role::Reporter)
    };
    assert_eq!(
        variant(&store.create_user(&nowhere, PASSWORD, "admin").unwrap_err()),
        "Constraint"
    );
    assert_eq!(store.users().unwrap().len(), 1);
    assert!(store.user("wang").unwrap().is_none());

    assert_eq!(
        store.verify_password("tianqiao-li", PASSWORD).unwrap(),
        Some(user.clone())
    );
    assert_eq!(
        store.verify_password(" tianqiao-li ", PASSWORD).unwrap(),
        Some(user.clone())
    );
    assert_eq!(
        store.verify_password("tianqiao-li", "correct horse battery!").unwrap(),
        None
    );
    assert_eq!(store.verify_password("nobody", PASSWORD).unwrap(), None);

    store.set_password("tianqiao-li", "a new passphrase", "admin").unwrap();
    assert_eq!(store.verify_password("tianqiao-li", PASSWORD).unwrap(), None);
    assert!(
        store
            .verify_password("tianqiao-li", "a new passphrase")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        variant(&store.set_password("nobody", "a new passphrase", "admin").unwrap_err()),
        "UnknownName"
    );

    store.set_user_disabled("tianqiao-li", true, "admin").unwrap();
    assert!(store.user("tianqiao-li").unwrap().unwrap().disabled);
    assert_eq!(
        store.verify_password("tianqiao-li", "a new passphrase").unwrap(),
        None,
        "a disabled account cannot log in"
    );
    store.set_user_disabled("tianqiao-li", false, "admin").unwrap();
    assert!(
        store
            .verify_password("tianqiao-li", "a new passphrase")
            .unwrap()
            .is_some()
    );

    store
        .set_user_scope("tianqiao-li", Role::Analyst, &[ids.lixia, ids.tianqiao], &[], "admin")
        .unwrap();
    let changed = store.user("tianqiao-li").unwrap().unwrap();
    assert_eq!(changed.role, Role::Analyst);
    let mut both = vec![ids.lixia, ids.tianqiao];
    both.sort();
    assert_eq!(changed.regions, both);
    assert!(changed.departments.is_empty());
    assert_eq!(changed.updated_by, "admin");

    store
        .create_user(&NewUser::new("an-admin", Role::Admin), PASSWORD, "system")
        .unwrap();
    let names: Vec<String> = store.users().unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(names, ["an-admin", "tianqiao-li"]);
}

pub fn api_tokens_are_hashed_scoped_and_revocable(store: &dyn Store) {
    let ids = seed(store);
    tianqiao_reporter(store, &ids);
    let issued = store
        .create_token(
            "tianqiao-li",
            &NewToken {
                name: "upload script".into(),
                ..Default::default()
            },
            "admin",
        )
        .unwrap();
    let secret = issued.secret.expose().to_owned();
    assert!(
        secret.starts_with("pledge_") && secret.len() == 7 + 64,
        "{}",
        secret.len()
    );
    assert_eq!(issued.token.role, Role::Reporter);
    assert_eq!(issued.token.name, "upload script");
    assert!(issued.token.last_used_at.is_none());

    let who = store.authenticate_token(&secret).unwrap().unwrap();
    assert_eq!(who.user_name, "tianqiao-li");
    assert_eq!(who.role, Role::Reporter);
    assert_eq!(who.regions, Some(vec![ids.tianqiao]));
    assert!(who.covers_region(ids.tianqiao) && !who.covers_region(ids.lixia));
    assert_eq!(who.token, Some(issued.token.id));
    let listed = store.tokens(Some("tianqiao-li")).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some(), "the use is recorded");
    let mut wrong = secret.clone();
    wrong.replace_range(10..11, if &secret[10..11] == "0" { "1" } else { "0" });
    assert!(store.authenticate_token(&wrong).unwrap().is_none());
    assert!(store.authenticate_token("").unwrap().is_none());
    assert!(store.authenticate_token("' OR '1'='1").unwrap().is_none());

    // A token never reaches beyond its user.
    let admin_token = NewToken {
        role: Some(Role::Admin),
        ..Default::default()
    };
    assert_eq!(
        variant(&store.create_token("tianqiao-li", &admin_token, "admin").unwrap_err()),
        "Invalid"
    );
    let lixia_token = NewToken {
        regions: vec![ids.lixia],
        ..Default::default()
    };
    assert_eq!(
        variant(&store.create_token("tianqiao-li", &lixia_token, "admin").unwrap_err()),
        "Invalid"
    );
    assert_eq!(
        variant(&store.create_token("nobody", &NewToken::default(), "admin").unwrap_err()),
        "UnknownName"
    );

    // An analyst's token can be narrowed to a role and regions.
    store
        .create_user(&NewUser::new("analyst", Role::Analyst), PASSWORD, "admin")
        .unwrap();
    let full = store.create_token("analyst", &NewToken::default(), "admin").unwrap();
    let who = store.authenticate_token(full.secret.expose()).unwrap().unwrap();
    assert_eq!((who.role, who.regions.clone()), (Role::Analyst, None));
    let narrow = store
        .create_token(
            "analyst",
            &NewToken {
                name: "lixia viewer".into(),
                role: Some(Role::Viewer),
                regions: vec![ids.lixia],
            },
            "admin",
        )
        .unwrap();
    let who = store.authenticate_token(narrow.secret.expose()).unwrap().unwrap();
    assert_eq!((who.role, who.regions), (Role::Viewer, Some(vec![ids.lixia])));

    // Revocation works at once; revoking again changes nothing.
    store.revoke_token(issued.token.id, "admin").unwrap();
    assert!(store.authenticate_token(&secret).unwrap().is_none());
    let revoked = &store.tokens(Some("tianqiao-li")).unwrap()[0];
    assert!(revoked.revoked_at.is_some());
    assert_eq!(revoked.revoked_by.as_deref(), Some("admin"));
    let audit = store.counts().unwrap().audit;
    store.revoke_token(issued.token.id, "admin").unwrap();
    assert_eq!(store.counts().unwrap().audit, audit);
    assert_eq!(variant(&store.revoke_token(9999, "admin").unwrap_err()), "NotFound");

    // A disabled user's tokens stop working, and work again when it is enabled.
    store.set_user_disabled("analyst", true, "admin").unwrap();
    assert!(store.authenticate_token(full.secret.expose()).unwrap().is_none());
    store.set_user_disabled("analyst", false, "admin").unwrap();
    assert!(store.authenticate_token(full.secret.expose()).unwrap().is_some());
    // A demoted user's tokens are demoted with it.
    store
        .set_user_scope("analyst", Role::Viewer, &[], &[], "admin")
        .unwrap();
    let who = store.authenticate_token(full.secret.expose()).unwrap().unwrap();
    assert_eq!(who.role, Role::Viewer);
    assert_eq!(store.tokens(None).unwrap().len(), 3);
}

pub fn sessions_expire_touch_and_end(store: &dyn Store) {
    let ids = seed(store);
    let id = tianqiao_reporter(store, &ids);
    let hour = Duration::from_secs(3600);
    let started = store.create_session(id, hour).unwrap();
    let cookie = started.id.expose().to_owned();
    assert_eq!(cookie.len(), 64);
    let live = store.session(&cookie).unwrap().unwrap();
    assert_eq!(live.principal.user_name, "tianqiao-li");
    assert_eq!(live.principal.role, Role::Reporter);
    assert_eq!(live.principal.regions, Some(vec![ids.tianqiao]));
    assert_eq!(live.principal.token, None);
    assert_eq!(live.csrf_token, started.session.csrf_token);
    assert_ne!(live.csrf_token.expose(), cookie);
    assert!(live.expires_at > live.created_at);

    assert!(store.touch_session(&cookie, 2 * hour).unwrap());
    let touched = store.session(&cookie).unwrap().unwrap();
    assert!(touched.expires_at > live.expires_at);
    assert!(store.session("not a session").unwrap().is_none());
    assert!(!store.touch_session("not a session", hour).unwrap());

    // A session whose time is up is gone, and cannot be revived.
    let short = store.create_session(id, Duration::ZERO).unwrap();
    assert!(store.session(short.id.expose()).unwrap().is_none());
    assert!(!store.touch_session(short.id.expose(), hour).unwrap());

    // Logout.
    assert!(store.delete_session(&cookie).unwrap());
    assert!(store.session(&cookie).unwrap().is_none());
    assert!(!store.delete_session(&cookie).unwrap());

    // A new password ends every session; so does disabling the account.
    let a = store.create_session(id, hour).unwrap();
    store.set_password("tianqiao-li", "a new passphrase", "admin").unwrap();
    assert!(store.session(a.id.expose()).unwrap().is_none());
    let b = store.create_session(id, hour).unwrap();
    store.set_user_disabled("tianqiao-li", true, "admin").unwrap();
    assert!(store.session(b.id.expose()).unwrap().is_none());
    assert_eq!(variant(&store.create_session(id, hour).unwrap_err()), "Invalid");
    assert_eq!(variant(&store.create_session(424_242, hour).unwrap_err()), "NotFound");

    let log = store
        .audit(&AuditFilter {
            entity: Some("sessions".into()),
            ..Default::default()
        })
        .unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["login", "login", "logout", "login", "login"]);
    assert!(log.iter().all(|e| e.actor == "tianqiao-li"));
}

/// A region given to an analyst (or any role) confines its session and its tokens, as a
/// reporter's always did (issue 16, defect 6: it was stored and ignored); an analyst
/// given none reaches every region, and a token narrows within the account's regions.
pub fn regions_confine_every_role_given_them(store: &dyn Store) {
    let ids = seed(store);
    let hour = Duration::from_secs(3600);
    let scoped = store
        .create_user(
            &NewUser {
                regions: vec![ids.tianqiao],
                ..NewUser::new("tq-analyst", Role::Analyst)
            },
            PASSWORD,
            "admin",
        )
        .unwrap();
    let free = store
        .create_user(&NewUser::new("analyst", Role::Analyst), PASSWORD, "admin")
        .unwrap();
    let session = store.create_session(scoped, hour).unwrap();
    let who = store.session(session.id.expose()).unwrap().unwrap().principal;
    assert_eq!(
        (who.role, who.regions.clone()),
        (Role::Analyst, Some(vec![ids.tianqiao]))
    );
    assert!(who.covers_region(ids.tianqiao) && !who.covers_region(ids.lixia));
    let token = store.create_token("tq-analyst", &NewToken::default(), "admin").unwrap();
    let who = store.authenticate_token(token.secret.expose()).unwrap().unwrap();
    assert_eq!(
        who.regions,
        Some(vec![ids.tianqiao]),
        "a token carries the account's regions"
    );
    let beyond = NewToken {
        regions: vec![ids.lixia],
        ..Default::default()
    };
    assert_eq!(
        variant(&store.create_token("tq-analyst", &beyond, "admin").unwrap_err()),
        "Invalid",
        "nor can one be issued beyond them"
    );
    let session = store.create_session(free, hour).unwrap();
    let who = store.session(session.id.expose()).unwrap().unwrap().principal;
    assert_eq!(who.regions, None, "an analyst without regions reaches all");
    // Giving an account regions later confines its live sessions at once.
    store
        .set_user_scope("analyst", Role::Analyst, &[ids.lixia], &[], "admin")
        .unwrap();
    let who = store.session(session.id.expose()).unwrap().unwrap().principal;
    assert_eq!(who.regions, Some(vec![ids.lixia]));
    let user = store.user("analyst").unwrap().unwrap();
    assert_eq!(user.confinement(), Some(&[ids.lixia][..]));
}

pub fn login_attempts_are_counted_for_rate_limiting(store: &dyn Store) {
    let window = Duration::from_secs(15 * 60);
    assert_eq!(
        store.recent_login_failures("li", "10.0.0.1", window).unwrap(),
        pledge_store::LoginFailures::default()
    );
    for _ in 0..3 {
        store.record_login_attempt("li", "10.0.0.1", false).unwrap();
    }
    store.record_login_attempt("li", "10.0.0.2", false).unwrap();
    store.record_login_attempt("wang", "10.0.0.1", false).unwrap();
    store.record_login_attempt("wang", "10.0.0.1", false).unwrap();
    let f = store.recent_login_failures("li", "10.0.0.1", window).unwrap();
    assert_eq!((f.user, f.ip), (4, 5));
    // A success resets the count of the user, not of the address.
    store.record_login_attempt("li", "10.0.0.2", true).unwrap();
    let f = store.recent_login_failures("li", "10.0.0.1", window).unwrap();
    assert_eq!((f.user, f.ip), (0, 5));
    store.record_login_attempt("li", "10.0.0.1", false).unwrap();
    let f = store.recent_login_failures("li", "10.0.0.3", window).unwrap();
    assert_eq!((f.user, f.ip), (1, 0));
    let f = store.recent_login_failures("wang", "10.0.0.1", window).unwrap();
    assert_eq!((f.user, f.ip), (2, 6));
}

/// A device secret names one account's browser (hashed, like a session id); it is known
/// only for that account, and forgetting it works once.
pub fn devices_are_remembered_per_account_and_forgotten(store: &dyn Store) {
    let ids = seed(store);
    let id = tianqiao_reporter(store, &ids);
    store
        .create_user(&NewUser::new("wang", Role::Viewer), PASSWORD, "admin")
        .unwrap();
    let device = store.remember_device(id).unwrap();
    assert_eq!(device.expose().len(), 64);
    assert!(store.known_device("tianqiao-li", device.expose()).unwrap());
    assert!(
        !store.known_device("wang", device.expose()).unwrap(),
        "another account's device"
    );
    assert!(!store.known_device("tianqiao-li", "not a device").unwrap());
    assert!(!store.known_device("tianqiao-li", "").unwrap());
    let other = store.remember_device(id).unwrap();
    assert_ne!(other, device, "each sign-in's device is its own");
    assert!(store.forget_device(device.expose()).unwrap());
    assert!(!store.forget_device(device.expose()).unwrap());
    assert!(!store.known_device("tianqiao-li", device.expose()).unwrap());
    assert!(store.known_device("tianqiao-li", other.expose()).unwrap());
    assert!(store.integrity_check().unwrap().is_empty());
}

pub fn secrets_never_reach_the_audit_log_or_debug_output(store: &dyn Store) {
    let ids = seed(store);
    let audit = || store.counts().unwrap().audit;
    let mut n = audit();
    let mut step = |what: &str| {
        let now = audit();
        assert!(now > n, "{what} wrote no audit entry");
        n = now;
    };
    let id = tianqiao_reporter(store, &ids);
    step("create_user");
    store
        .set_password("tianqiao-li", "second secret phrase", "admin")
        .unwrap();
    step("set_password");
    store
        .set_user_scope("tianqiao-li", Role::Reporter, &[ids.tianqiao, ids.lixia], &[], "admin")
        .unwrap();
    step("set_user_scope");
    let token = store
        .create_token("tianqiao-li", &NewToken::default(), "admin")
        .unwrap();
    step("create_token");
    assert!(store.authenticate_token(token.secret.expose()).unwrap().is_some());
    let session = store.create_session(id, Duration::from_secs(60)).unwrap();
    step("create_session");
    let live = store.session(session.id.expose()).unwrap().unwrap();
    assert!(store.delete_session(session.id.expose()).unwrap());
    step("delete_session");
    store.revoke_token(token.token.id, "admin").unwrap();
    step("revoke_token");
    store.set_user_disabled("tianqiao-li", true, "admin").unwrap();
    step("set_user_disabled");

    let secrets = [
        PASSWORD,
        "second secret phrase",
        token.secret.expose(),
        session.id.expose(),
        session.session.csrf_token.expose(),
        "$argon2",
    ];
    let log = serde_json::to_string(&store.audit(&AuditFilter::default()).unwrap()).unwrap();
    assert!(log.contains("tianqiao-li") && log.contains("api_tokens") && log.contains("sessions"));
    let debug = format!(
        "{token:?} {session:?} {live:?} {:?} {:?} {:?}",
        store.user("tianqiao-li").unwrap(),
        store.users().unwrap(),
        store.tokens(None).unwrap()
    );
    let json = serde_json::to_string(&(store.users().unwrap(), store.tokens(None).unwrap())).unwrap();
    for secret in secrets {
        assert!(!log.contains(secret), "the audit log holds a secret");
        assert!(!debug.contains(secret), "Debug output holds a secret");
        assert!(!json.contains(secret), "JSON of accounts holds a secret");
    }
}
