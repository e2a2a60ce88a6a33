//! Round robin, caps, availability and resuming, with sequences worked out by hand.

use pipescore::routing::{AssigneeKind, Decision, RouteInput, Router, RoutingState};
use pipescore::time::parse_iso8601;
use serde_json::{json, Value};

fn at(text: &str) -> i64 {
    parse_iso8601(text).unwrap_or_else(|| panic!("{text}"))
}

fn router(config: Value) -> Router {
    Router::compile(&config).unwrap_or_else(|e| panic!("{e}"))
}

fn lead() -> Value {
    json!({"email": "kim@example.org", "company": "Example"})
}

fn route(router: &Router, state: &mut RoutingState, now: i64) -> Decision {
    router.route(&RouteInput::new(&lead()), None, state, now).unwrap()
}

fn sequence(router: &Router, state: &mut RoutingState, now: i64, n: usize) -> Vec<String> {
    (0..n).map(|_| route(router, state, now).assignee.id).collect()
}

fn pool_config(members: Value, reps: Value) -> Value {
    json!({
        "timeZone": "UTC",
        "reps": reps,
        "queues": [{"id": "overflow", "label": "Overflow queue"}],
        "pools": [{"id": "inbound", "members": members, "fallback": {"queue": "overflow"}}],
        "rules": [{"id": "rr", "assign": {"pool": "inbound"}}],
        "defaultOwner": {"queue": "overflow"}
    })
}

#[test]
fn weights_2_1_1_give_a_b_c_a_a_b_c_a() {
    // The counters (a, b, c) after adding the weights 2, 1, 1, the pick (the highest, the
    // first listed on a tie) and the counters after the pick loses the total, 4:
    // (2,1,1) a (-2,1,1); (0,2,2) b (0,-2,2); (2,-1,3) c (2,-1,-1); (4,0,0) a (0,0,0); and
    // again from (0,0,0): a b c a. Over 8 leads a gets 4, b and c 2 each.
    let r = router(pool_config(json!([{"rep": "a", "weight": 2}, "b", "c"]), json!([{"id": "a"}, {"id": "b"}, {"id": "c"}])));
    let mut state = RoutingState::new();
    let picks = sequence(&r, &mut state, at("2026-03-09T15:00:00Z"), 8);
    assert_eq!(picks, ["a", "b", "c", "a", "a", "b", "c", "a"]);
    assert_eq!(state.pools["inbound"].assigned, 8);
    assert_eq!(state.pools["inbound"].current.values().sum::<i64>(), 0, "the counters always sum to 0");
    assert_eq!(state.reps["a"].total, 4);
}

#[test]
fn equal_weights_rotate_in_member_order_and_weight_0_is_passed_over() {
    let r = router(pool_config(json!(["a", "b", {"rep": "c", "weight": 0}, "d"]), json!([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}])));
    let mut state = RoutingState::new();
    let decision = route(&r, &mut state, at("2026-03-09T15:00:00Z"));
    let rotation = decision.rotation.unwrap();
    assert_eq!(rotation.skipped[0].rep, "c");
    assert!(rotation.skipped[0].reason.starts_with("weight 0"));
    assert_eq!(sequence(&r, &mut state, at("2026-03-09T15:00:00Z"), 5), ["b", "d", "a", "b", "d"]);
}

#[test]
fn a_monthly_cap_resets_at_the_month_start_in_the_rep_s_zone() {
    // Ana works from Auckland (UTC+13 in January): her February starts at 2026-01-31T11:00Z,
    // while it is still January 31 in UTC.
    let reps = json!([{"id": "ana", "timeZone": "Pacific/Auckland", "capPerMonth": 2}, {"id": "ben"}]);
    let r = router(pool_config(json!(["ana", "ben"]), reps));
    let mut state = RoutingState::new();
    let january = at("2026-01-31T05:00:00Z");
    assert_eq!(sequence(&r, &mut state, january, 3), ["ana", "ben", "ana"]);
    let capped = route(&r, &mut state, january);
    assert_eq!(capped.assignee.id, "ben");
    let skipped = &capped.rotation.unwrap().skipped[0];
    assert_eq!(skipped.rep, "ana");
    assert_eq!(skipped.reason, "reached the cap of 2 leads a month (2 in 2026-01)");
    assert_eq!(skipped.until.as_deref(), Some("2026-01-31T11:00:00.000Z"));
    assert_eq!(route(&r, &mut state, at("2026-01-31T10:59:59.999Z")).assignee.id, "ben", "still January in Auckland");
    // February in Auckland: Ana takes leads again; her counter lags after the skipped picks.
    let february = at("2026-01-31T11:00:00Z");
    assert_eq!(sequence(&r, &mut state, february, 2), ["ben", "ana"]);
    let ana = &state.reps["ana"];
    assert_eq!((ana.month.as_deref(), ana.this_month, ana.day.as_deref(), ana.total), (Some("2026-02"), 1, Some("2026-02-01"), 3));
}

#[test]
fn a_daily_cap_counts_every_assignment_and_resets_at_local_midnight() {
    let reps = json!([{"id": "ana", "timeZone": "America/New_York", "capPerDay": 1}, {"id": "ben"}]);
    let r = router(pool_config(json!(["ana", "ben"]), reps));
    let mut state = RoutingState::new();
    // 23:00 in New York on March 9: Ana takes one lead, then Ben takes the rest.
    assert_eq!(sequence(&r, &mut state, at("2026-03-10T03:00:00Z"), 3), ["ana", "ben", "ben"]);
    assert_eq!(state.reps["ana"].today, 1);
    // 2026-03-10T04:00Z is midnight in New York (EDT, UTC−4): a new day, and Ana is back in
    // the rotation. Counters (ana, ben): (1,1) ana (-1,1); Ben alone twice: (-1,1); then
    // (0,2) ben (0,0); (1,1) ana.
    assert_eq!(sequence(&r, &mut state, at("2026-03-10T04:00:00Z"), 2), ["ben", "ana"]);
    assert_eq!((state.reps["ana"].today, state.reps["ana"].day.as_deref()), (1, Some("2026-03-10")));
}

fn team() -> Value {
    json!({
        "timeZone": "America/New_York",
        "workingHours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:00"}],
        "holidays": ["2026-12-25"],
        "reps": [
            {"id": "ana", "name": "Ana Ruiz"},
            {"id": "ben", "name": "Ben Okafor", "timeZone": "Europe/Berlin", "holidays": ["2026-03-10"]},
            {"id": "cara", "name": "Cara Lim", "outOfOffice": [{"from": "2026-03-09", "to": "2026-03-13", "reason": "vacation"}]}
        ],
        "queues": [{"id": "overflow", "label": "Overflow queue"}],
        "pools": [{"id": "inbound", "members": ["ana", "ben", "cara"], "fallback": {"queue": "overflow"}}],
        "rules": [{"id": "rr", "assign": {"pool": "inbound"}}],
        "defaultOwner": {"queue": "overflow"}
    })
}

#[test]
fn out_of_office_holidays_and_hours_are_skipped_with_reasons() {
    let r = router(team());
    let mut state = RoutingState::new();
    // Tuesday 2026-03-10 14:00Z: 10:00 in New York, 15:00 in Berlin (Ben's holiday), Cara away.
    let d = route(&r, &mut state, at("2026-03-10T14:00:00Z"));
    assert_eq!(d.assignee.id, "ana");
    let skipped: Vec<(&str, &str, Option<&str>)> =
        d.rotation.as_ref().unwrap().skipped.iter().map(|s| (s.rep.as_str(), s.reason.as_str(), s.until.as_deref())).collect();
    assert_eq!(
        skipped,
        [
            ("ben", "on holiday (2026-03-10) until 2026-03-11 09:00 Europe/Berlin", Some("2026-03-11T08:00:00.000Z")),
            ("cara", "out of office (vacation) until 2026-03-16 09:00 America/New_York", Some("2026-03-16T13:00:00.000Z")),
        ]
    );
    let availability = d.availability.unwrap();
    assert!(availability.available);
    assert_eq!(availability.until.as_deref(), Some("2026-03-10T21:00:00.000Z"), "17:00 in New York");
    assert_eq!(availability.local_time, "2026-03-10 10:00 America/New_York");
}

#[test]
fn nobody_available_goes_to_the_fallback_queue() {
    let r = router(team());
    let mut state = RoutingState::new();
    // Christmas Day, a Friday: a holiday for everyone.
    let d = route(&r, &mut state, at("2026-12-25T15:00:00Z"));
    assert_eq!((d.assignee.kind, d.assignee.id.as_str()), (AssigneeKind::Queue, "overflow"));
    let rotation = d.rotation.unwrap();
    assert!(rotation.fallback && rotation.picked.is_none());
    assert_eq!(rotation.skipped.len(), 3);
    assert!(rotation.skipped.iter().all(|s| s.reason.starts_with("on holiday (2026-12-25)")));
    assert!(d.reason.contains("nobody in pool \"inbound\" can take a lead now (3 passed over), so the pool's fallback"), "{}", d.reason);
    assert!(state.pools.get("inbound").map_or(true, |p| p.assigned == 0));
    assert!(state.reps.is_empty(), "a queue has no counts");
}

#[test]
fn a_rep_working_across_midnight_on_the_nights_dst_changes() {
    let r = router(json!({
        "reps": [{"id": "night", "timeZone": "America/New_York",
                  "workingHours": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "22:00", "to": "06:00"}]}],
        "defaultOwner": {"rep": "night"}
    }));
    let check = |now: &str, available: bool, change: &str| {
        let a = r.availability("night", at(now)).unwrap();
        assert_eq!((a.now, a.change), (available, Some(at(change))), "{now}");
    };
    // Spring forward, Sunday 2026-03-08: the shift from Saturday 22:00 EST to Sunday 06:00
    // EDT lasts seven hours.
    check("2026-03-08T02:59:00Z", false, "2026-03-08T03:00:00Z"); // 21:59 EST
    check("2026-03-08T03:00:00Z", true, "2026-03-08T10:00:00Z"); // 22:00 EST, until 06:00 EDT
    check("2026-03-08T06:59:00Z", true, "2026-03-08T10:00:00Z"); // 01:59 EST
    check("2026-03-08T07:00:00Z", true, "2026-03-08T10:00:00Z"); // 03:00 EDT
    check("2026-03-08T09:59:00Z", true, "2026-03-08T10:00:00Z"); // 05:59 EDT
    check("2026-03-08T10:00:00Z", false, "2026-03-09T02:00:00Z"); // 06:00 EDT, back at 22:00 EDT
                                                                  // Fall back, Sunday 2026-11-01: from Saturday 22:00 EDT to Sunday 06:00 EST, nine hours.
    check("2026-11-01T02:00:00Z", true, "2026-11-01T11:00:00Z"); // 22:00 EDT
    check("2026-11-01T05:30:00Z", true, "2026-11-01T11:00:00Z"); // 01:30 EDT
    check("2026-11-01T06:30:00Z", true, "2026-11-01T11:00:00Z"); // 01:30 EST, the second time
    check("2026-11-01T10:59:00Z", true, "2026-11-01T11:00:00Z"); // 05:59 EST
    check("2026-11-01T11:00:00Z", false, "2026-11-02T03:00:00Z"); // 06:00 EST, back at 22:00 EST
}

/// A pool of four with weights, caps and a working day, over leads arriving through a week.
fn week() -> (Router, Vec<(Value, i64)>) {
    let r = router(json!({
        "timeZone": "Europe/Berlin",
        "workingHours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "18:00"}],
        "reps": [
            {"id": "a", "capPerDay": 6},
            {"id": "b", "timeZone": "Europe/London"},
            {"id": "c", "timeZone": "America/New_York", "capPerMonth": 20},
            {"id": "d", "outOfOffice": [{"from": "2026-03-11T12:00", "to": "2026-03-12T12:00"}]}
        ],
        "queues": [{"id": "q"}],
        "pools": [{"id": "p", "members": [{"rep": "a", "weight": 3}, {"rep": "b", "weight": 2}, "c", {"rep": "d", "weight": 1.5}]}],
        "rules": [{"id": "rr", "assign": {"pool": "p"}}],
        "defaultOwner": {"queue": "q"}
    }));
    let start = at("2026-03-09T06:00:00Z");
    let leads = (0..240).map(|i| (json!({"lead": {"email": format!("lead{i}@example.org")}}), start + i * 37 * 60_000)).collect();
    (r, leads)
}

#[test]
fn resuming_from_a_serialised_state_gives_the_same_sequence_as_one_long_run() {
    let (r, leads) = week();
    let mut state = RoutingState::new();
    let long_run: Vec<Value> =
        leads.iter().map(|(input, now)| serde_json::to_value(r.route_json(input, None, &mut state, *now).unwrap()).unwrap()).collect();
    let mut resumed = Vec::new();
    let mut saved = Value::Null;
    for chunk in leads.chunks(17) {
        let mut state = RoutingState::from_json(&serde_json::from_str(&saved.to_string()).unwrap()).unwrap();
        for (input, now) in chunk {
            resumed.push(serde_json::to_value(r.route_json(input, None, &mut state, *now).unwrap()).unwrap());
        }
        saved = state.to_json();
    }
    assert_eq!(resumed, long_run);
    assert_eq!(saved, state.to_json());
    let to = |id: &str| long_run.iter().filter(|d| d["assignee"]["id"] == id).count();
    assert_eq!(to("q") + to("a") + to("b") + to("c") + to("d"), 240);
    assert!(to("q") > 0 && to("a") > 0 && to("d") > 0, "nights go to the queue");
}

#[test]
fn a_batch_threads_the_state_like_single_calls() {
    let r = router(pool_config(json!([{"rep": "a", "weight": 2}, "b", "c"]), json!([{"id": "a"}, {"id": "b"}, {"id": "c"}])));
    let now = at("2026-03-09T15:00:00Z");
    let mut inputs: Vec<Value> = (0..8).map(|i| json!({"lead": {"email": format!("l{i}@x.org")}})).collect();
    inputs.insert(3, json!({"lead": {"employees": "many"}}));
    let mut state = RoutingState::new();
    let results = r.route_many(&inputs, None, &mut state, now);
    let e = results[3].as_ref().unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_NUMBER", "$[3].lead.employees"));
    let picks: Vec<String> = results.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.assignee.id.clone()).collect();
    assert_eq!(picks, ["a", "b", "c", "a", "a", "b", "c", "a"], "the bad lead does not advance the rotation");
}
