//! Rankings that count reporting: an unreported due target is no progress, not left out.

use pledge_assess::ranking::{Entry, Tier, rank};
use pledge_assess::{Gap, Status};

fn entry(region_id: i64, region: &str, tier: Tier, status: Status, completion: Option<f64>, pi: Option<f64>) -> Entry {
    let gap = match status {
        Status::Overdue => Some(Gap::Overdue),
        Status::InsufficientData => Some(Gap::NeverReported),
        _ => None,
    };
    Entry {
        region_id,
        region: region.into(),
        tier,
        status,
        light: status.light4(),
        ndrc_level: status.ndrc_level(),
        completion,
        progress_index: pi,
        gap,
    }
}

/// 历城区: 3 of 11 reported (two on track, one lagging); 天桥区: 1 of 1, on track;
/// 槐荫区: 0 of 3, all overdue; 济南市 and 山东省 apart.
fn board() -> Vec<Entry> {
    let mut e = vec![
        entry(1, "历城区", Tier::District, Status::OnTrack, Some(0.6), Some(1.2)),
        entry(1, "历城区", Tier::District, Status::OnTrack, Some(0.5), Some(1.0)),
        entry(1, "历城区", Tier::District, Status::Lagging, Some(0.1), Some(0.2)),
    ];
    e.extend((0..8).map(|_| entry(1, "历城区", Tier::District, Status::InsufficientData, None, None)));
    e.push(entry(
        2,
        "天桥区",
        Tier::District,
        Status::OnTrack,
        Some(0.4),
        Some(0.8),
    ));
    e.extend((0..3).map(|_| entry(3, "槐荫区", Tier::District, Status::Overdue, None, None)));
    e.push(entry(4, "济南市", Tier::Larger, Status::Achieved, None, None));
    e.push(entry(5, "山东省", Tier::Larger, Status::Missed, Some(0.7), Some(0.7)));
    e
}

#[test]
fn unreported_targets_count_as_no_progress() {
    let r = rank(&board());
    let names: Vec<&str> = r.districts.iter().map(|s| s.region.as_str()).collect();
    assert_eq!(names, ["天桥区", "历城区", "槐荫区"]);
    let lic = &r.districts[1];
    assert_eq!((lic.targets, lic.due, lic.reported, lic.unreported), (11, 11, 3, 8));
    assert!((lic.completion_rate.unwrap() - 1.2 / 11.0).abs() < 1e-9);
    // PI capped at 1: 1 + 1 + 0.2 over 11.
    assert!((lic.pace_rate.unwrap() - 2.2 / 11.0).abs() < 1e-9);
    assert_eq!((lic.lights.green, lic.lights.orange, lic.lights.grey), (2, 1, 8));
    assert_eq!((lic.ndrc.level3, lic.ndrc.level2, lic.ndrc.none), (2, 1, 8));
    let hy = &r.districts[2];
    assert_eq!((hy.reported, hy.unreported, hy.completion_rate), (0, 3, Some(0.0)));
    assert_eq!((hy.completion_rank, hy.pace_rank), (Some(3), Some(3)));
    assert_eq!((hy.lights.red, hy.ndrc.level1), (3, 3));
    // A district with 0 of 3 reported never ranks above one with 3 of 11.
    assert!(lic.completion_rank < hy.completion_rank && lic.pace_rank < hy.pace_rank);
}

#[test]
fn larger_regions_are_listed_apart_and_unranked() {
    let r = rank(&board());
    let names: Vec<&str> = r.larger.iter().map(|s| s.region.as_str()).collect();
    assert_eq!(names, ["济南市", "山东省"]);
    assert!(
        r.larger
            .iter()
            .all(|s| s.completion_rank.is_none() && s.pace_rank.is_none())
    );
    assert_eq!(r.larger[0].completion_rate, Some(1.0));
}

#[test]
fn the_two_orderings_differ_and_ties_share_a_rank() {
    let e = vec![
        // A: high completion, behind pace; B: less done but on pace; C ties B on completion.
        entry(1, "甲区", Tier::District, Status::Lagging, Some(0.5), Some(0.5)),
        entry(2, "乙区", Tier::District, Status::OnTrack, Some(0.3), Some(1.5)),
        entry(
            3,
            "丙区",
            Tier::District,
            Status::NeedsAcceleration,
            Some(0.3),
            Some(0.9),
        ),
    ];
    let r = rank(&e);
    let by = |name: &str| r.districts.iter().find(|s| s.region == name).unwrap();
    assert_eq!((by("甲区").completion_rank, by("甲区").pace_rank), (Some(1), Some(3)));
    assert_eq!((by("乙区").completion_rank, by("乙区").pace_rank), (Some(2), Some(1)));
    assert_eq!((by("丙区").completion_rank, by("丙区").pace_rank), (Some(2), Some(2)));
    assert_eq!(by("乙区").on_pace, 1);
}

#[test]
fn targets_not_yet_due_are_counted_but_not_rated() {
    let mut e = entry(1, "历下区", Tier::District, Status::InsufficientData, None, None);
    e.gap = Some(Gap::NotYetDue);
    let r = rank(&[e]);
    let s = &r.districts[0];
    assert_eq!((s.targets, s.due, s.reported, s.unreported), (1, 0, 0, 0));
    assert_eq!((s.completion_rate, s.completion_rank), (None, None));
    assert_eq!(s.lights.grey, 1);
}
