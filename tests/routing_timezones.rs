//! The embedded time-zone table and its POSIX-rule evaluator against Python's zoneinfo on the
//! same tzdata (`tests/fixtures/routing-tz-cases.json`, written by
//! `scripts/gen-tz-cases.py`): every zone name's offsets through 2026, the instants around
//! each transition in zones chosen for their rules (New York, Berlin, Sydney, Lord Howe's
//! half-hour DST, Kathmandu's +05:45, Tokyo without DST, Dublin's negative DST, St John's,
//! Chatham's +12:45, Santiago, Cairo, Jerusalem, São Paulo, Kolkata), and local wall times in
//! the hours DST skips or repeats.

use pipescore::routing::tz::{self, TimeZone};
use pipescore::time::parse_iso8601;
use serde_json::Value;

fn cases() -> Value {
    serde_json::from_str(include_str!("fixtures/routing-tz-cases.json")).expect("the fixture is JSON")
}

fn zone(name: &str) -> TimeZone {
    TimeZone::named(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn instant(text: &str) -> i64 {
    parse_iso8601(text).unwrap_or_else(|| panic!("{text} is not a date-time"))
}

/// A local wall time (`2026-03-08T02:30:00`) as milliseconds counted like UTC's.
fn wall(text: &str) -> i64 {
    instant(&format!("{text}Z"))
}

/// Zones whose TZif files list transitions the footer's rule does not give: Morocco moves
/// to +00 during Ramadan, dates that follow the lunar calendar, so its files list each year's
/// change up to 2087 and the footer says only "+01". The table holds the footer, so in these
/// zones local time is an hour off during Ramadan (documented in docs/routing.md).
const NOT_RULE_BASED: [&str; 2] = ["Africa/Casablanca", "Africa/El_Aaiun"];

#[test]
fn every_zone_has_python_s_offsets_through_2026() {
    let cases = cases();
    let zones = cases["zones"].as_object().unwrap();
    assert!(zones.len() >= 598, "{} zones", zones.len());
    let year_start = instant("2026-01-01T00:00:00Z");
    let year_end = instant("2027-01-01T00:00:00Z");
    let mut checked = 0;
    for (name, case) in zones {
        let rule = zone(name).rule;
        if NOT_RULE_BASED.contains(&name.as_str()) {
            assert_eq!(i64::from(rule.offset_at(year_start)), case[0].as_i64().unwrap(), "{name} outside Ramadan");
            assert_eq!(case[1].as_array().map(Vec::len), Some(2), "{name}: Ramadan's two changes");
            continue;
        }
        let mut expected = case[0].as_i64().unwrap();
        let mut from = year_start;
        let transitions: Vec<(i64, i64)> =
            case[1].as_array().unwrap().iter().map(|t| (t[0].as_i64().unwrap() * 1000, t[1].as_i64().unwrap())).collect();
        for &(at, after) in transitions.iter().chain([(year_end, 0)].iter()) {
            // The offset holds from `from` to just before `at`: check the ends and every day between.
            let mut t = from;
            while t < at {
                assert_eq!(i64::from(rule.offset_at(t)), expected, "{name} at {t}");
                checked += 1;
                t += 86_400_000;
            }
            assert_eq!(i64::from(rule.offset_at(at - 1000)), expected, "{name} just before {at}");
            if at < year_end {
                assert_eq!(i64::from(rule.offset_at(at)), after, "{name} at its transition {at}");
            }
            expected = after;
            from = at;
        }
    }
    assert!(checked > 200_000, "{checked} instants");
}

#[test]
fn instants_around_transitions() {
    let cases = cases();
    for case in cases["edges"].as_array().unwrap() {
        let name = case["zone"].as_str().unwrap();
        let z = zone(name);
        let t = instant(case["utc"].as_str().unwrap());
        assert_eq!(i64::from(z.rule.offset_at(t)), case["offset"].as_i64().unwrap(), "{name} {}", case["utc"]);
        let local = z.local(t);
        let expected = wall(case["local"].as_str().unwrap());
        assert_eq!(local.day * 86_400_000 + i64::from(local.minute) * 60_000, expected / 60_000 * 60_000, "{name} {}", case["utc"]);
        assert_eq!(z.rule.local_ms(t), expected, "{name} {}", case["utc"]);
    }
}

#[test]
fn local_times_in_skipped_and_repeated_hours() {
    let cases = cases();
    let local = cases["local"].as_array().unwrap();
    assert!(local.len() >= 100);
    for case in local {
        let name = case["zone"].as_str().unwrap();
        let rule = zone(name).rule;
        let text = case["local"].as_str().unwrap();
        assert_eq!(rule.utc_ms(wall(text)), instant(case["utc"].as_str().unwrap()), "{name} {text}");
    }
}

#[test]
fn the_2026_transitions_of_the_chosen_zones() {
    // Spot checks written out, so that the fixture itself is checked against the calendar.
    let at = |name: &str, utc: &str| zone(name).rule.offset_at(instant(utc)) / 60;
    assert_eq!(at("America/New_York", "2026-03-08T06:59:59Z"), -300);
    assert_eq!(at("America/New_York", "2026-03-08T07:00:00Z"), -240);
    assert_eq!(at("America/New_York", "2026-11-01T05:59:59Z"), -240);
    assert_eq!(at("America/New_York", "2026-11-01T06:00:00Z"), -300);
    assert_eq!(at("Europe/Berlin", "2026-03-29T00:59:59Z"), 60);
    assert_eq!(at("Europe/Berlin", "2026-03-29T01:00:00Z"), 120);
    assert_eq!(at("Europe/Berlin", "2026-10-25T01:00:00Z"), 60);
    assert_eq!(at("Australia/Sydney", "2026-04-04T15:59:59Z"), 660);
    assert_eq!(at("Australia/Sydney", "2026-04-04T16:00:00Z"), 600);
    assert_eq!(at("Australia/Sydney", "2026-10-03T16:00:00Z"), 660);
    assert_eq!(at("Australia/Lord_Howe", "2026-04-04T14:59:59Z"), 660);
    assert_eq!(at("Australia/Lord_Howe", "2026-04-04T15:00:00Z"), 630, "Lord Howe moves by half an hour");
    assert_eq!(at("Australia/Lord_Howe", "2026-10-03T15:30:00Z"), 660);
    assert_eq!(at("Asia/Kathmandu", "2026-06-01T00:00:00Z"), 345);
    assert_eq!(at("Asia/Tokyo", "2026-01-01T00:00:00Z"), 540);
    assert_eq!(at("Asia/Tokyo", "2026-07-01T00:00:00Z"), 540);
}

#[test]
fn unknown_names_are_config_errors_naming_the_nearest() {
    let e = TimeZone::named("Europe/Berln").unwrap_err();
    assert_eq!(e.code, "UNKNOWN_TIME_ZONE");
    assert!(e.message.contains("\"Europe/Berlin\""), "{}", e.message);
    assert_eq!(tz::nearest("Lord Howe"), Some("Australia/Lord_Howe"));
    assert_eq!(tz::nearest("kathmandu"), Some("Asia/Kathmandu"));
    assert!(tz::names().any(|n| n == "US/Eastern"), "aliases are known");
}
