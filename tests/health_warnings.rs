//! Named warnings at their default thresholds, re-thresholded and switched off; and the two
//! deals of the documentation (the at-risk one is docs/health.md's example).

mod health_support;

use health_support::{ago, day, engine, score};
use pipescore::health::{Band, DealHealth, HealthWarning, ScoreOptions, Severity};
use serde_json::{json, Value};

fn warnings(config: Value, deal: Value) -> Vec<HealthWarning> {
    score(&engine(config), &deal).warnings
}

fn fired(config: Value, deal: Value, id: &str) -> Option<String> {
    warnings(config, deal).into_iter().find(|w| w.id == id).map(|w| w.message)
}

fn default(deal: Value, id: &str) -> Option<String> {
    fired(Value::Null, deal, id)
}

#[test]
fn no_activity_fires_at_14_days() {
    let deal = |days: f64| json!({"stage": "demo", "activities": [{"type": "call", "at": ago(days)}]});
    assert_eq!(default(deal(13.9), "no_activity"), None);
    assert_eq!(default(deal(14.0), "no_activity").as_deref(), Some("No activity in 14 days"));
    assert_eq!(default(json!({"stage": "demo"}), "no_activity").as_deref(), Some("No activity logged"));
    assert_eq!(default(json!({"stage": "demo", "createdAt": ago(5.0)}), "no_activity"), None);
    assert_eq!(fired(json!({"warnings": {"no_activity": {"days": 30}}}), deal(20.0), "no_activity"), None);
    assert_eq!(fired(json!({"warnings": {"no_activity": {"enabled": false}}}), deal(90.0), "no_activity"), None);
}

#[test]
fn ghosted_fires_after_2_attempts_without_a_response_for_14_days() {
    let deal = |response: f64, attempts: &[f64]| {
        let mut activities = vec![json!({"type": "Meeting", "at": ago(response)})];
        activities.extend(attempts.iter().map(|d| json!({"type": "email", "at": ago(*d)})));
        json!({"stage": "demo", "activities": activities})
    };
    assert_eq!(
        default(deal(20.0, &[10.0, 3.0]), "ghosted").as_deref(),
        Some("Ghosted: 2 attempts since the buyer last responded 20 days ago")
    );
    assert_eq!(default(deal(20.0, &[3.0]), "ghosted"), None, "one attempt");
    assert_eq!(default(deal(13.0, &[10.0, 3.0]), "ghosted"), None, "responded 13 days ago");
    assert_eq!(
        default(deal(14.0, &[10.0, 3.0, 25.0]), "ghosted").as_deref(),
        Some("Ghosted: 2 attempts since the buyer last responded 14 days ago")
    );
    let never =
        json!({"stage": "demo", "activities": [{"type": "email", "at": ago(14.0)}, {"type": "call", "at": ago(1.0)}]});
    assert_eq!(
        default(never.clone(), "ghosted").as_deref(),
        Some("Ghosted: 2 attempts over 14 days and no response from the buyer")
    );
    let config = json!({"warnings": {"ghosted": {"attempts": 3, "responseTypes": ["reply"]}}});
    assert_eq!(fired(config.clone(), never, "ghosted"), None);
    assert!(
        fired(config, deal(20.0, &[10.0, 3.0]), "ghosted").is_some(),
        "a meeting is no response when only replies are"
    );
}

#[test]
fn overdue_fires_once_the_close_date_has_passed() {
    let deal = |d: i64| json!({"stage": "demo", "closeDate": day(d)});
    assert_eq!(default(deal(0), "overdue"), None);
    assert_eq!(default(deal(-1), "overdue").as_deref(), Some("Close date passed 1 day ago"));
    let grace = json!({"warnings": {"overdue": {"days": 3}}});
    assert_eq!(fired(grace.clone(), deal(-3), "overdue"), None);
    assert!(fired(grace, deal(-4), "overdue").is_some());
}

#[test]
fn contact_warnings() {
    let deal = |contacts: Value| json!({"stage": "demo", "contacts": contacts});
    let one = deal(json!([{"name": "A", "engaged": true, "role": "economic_buyer"}]));
    assert_eq!(
        default(one.clone(), "not_enough_contacts").as_deref(),
        Some("Only 1 engaged contact (at least 2 recommended)")
    );
    assert_eq!(default(one.clone(), "no_decision_maker"), None, "an economic buyer counts");
    let two = deal(json!([{"name": "A", "engaged": true, "role": "champion"}, {"name": "B", "engaged": true}]));
    assert_eq!(default(two.clone(), "not_enough_contacts"), None);
    assert_eq!(
        default(two.clone(), "no_decision_maker").as_deref(),
        Some("No decision maker or economic buyer among the contacts")
    );
    assert!(
        fired(json!({"warnings": {"not_enough_contacts": {"min": 3}}}), two.clone(), "not_enough_contacts").is_some()
    );
    assert_eq!(
        fired(json!({"warnings": {"no_decision_maker": {"roles": ["champion"]}}}), two, "no_decision_maker"),
        None
    );
}

#[test]
fn stalled_in_stage_fires_at_1_5_times_the_expected_days() {
    let deal = |days: f64| json!({"stage": "proposal", "stageEnteredAt": ago(days)});
    assert_eq!(default(deal(20.9), "stalled_in_stage"), None);
    assert_eq!(
        default(deal(21.0), "stalled_in_stage").as_deref(),
        Some("Stalled in Proposal: 21 days there, expected 14 days")
    );
    assert!(fired(json!({"warnings": {"stalled_in_stage": {"ratio": 1}}}), deal(14.0), "stalled_in_stage").is_some());
    assert_eq!(default(json!({"stage": "proposal"}), "stalled_in_stage"), None, "unknown entry date");
}

#[test]
fn close_date_pushed_fires_at_2_pushes() {
    let deal = |n: u32| json!({"stage": "demo", "closeDatePushes": n});
    assert_eq!(default(deal(1), "close_date_pushed"), None);
    assert_eq!(default(deal(2), "close_date_pushed").as_deref(), Some("Close date pushed 2 times"));
    assert_eq!(fired(json!({"warnings": {"close_date_pushed": {"times": 3}}}), deal(2), "close_date_pushed"), None);
}

#[test]
fn warnings_come_most_severe_first() {
    let deal = json!({"stage": "demo", "closeDate": day(-5), "closeDatePushes": 4});
    let list = warnings(Value::Null, deal.clone());
    let ids: Vec<&str> = list.iter().map(|w| w.id).collect();
    assert_eq!(ids, ["overdue", "no_activity", "not_enough_contacts", "no_decision_maker", "close_date_pushed"]);
    assert_eq!(list[0].severity, Severity::Critical);
    let config = json!({"warnings": {"close_date_pushed": {"severity": "critical"}, "overdue": {"severity": "info"}}});
    let ids: Vec<&'static str> = warnings(config, deal).iter().map(|w| w.id).collect();
    assert_eq!(ids, ["close_date_pushed", "no_activity", "not_enough_contacts", "no_decision_maker", "overdue"]);
}

/// A healthy deal, scored at 2026-11-24T00:00Z.
fn readme_healthy() -> Value {
    json!({
      "id": "D-1042", "name": "Acme platform upgrade", "stage": "proposal", "amount": 48000,
      "createdAt": "2026-10-20", "stageEnteredAt": "2026-11-16", "closeDate": "2026-12-12",
      "terms": "12 months, annual billing", "decisionDate": "2026-12-05",
      "nextStep": "Walk procurement through the proposal", "nextStepDate": "2026-11-26",
      "contacts": [
        { "name": "Dana Ortiz", "role": "champion" },
        { "name": "Sam Lee", "role": "decision_maker" },
        { "name": "Priya Shah" }
      ],
      "activities": [
        { "type": "meeting", "at": "2026-11-21", "contact": "Dana Ortiz" },
        { "type": "email", "at": "2026-11-18", "contact": "Sam Lee" },
        { "type": "call", "at": "2026-11-12", "contact": "Priya Shah" },
        { "type": "meeting", "at": "2026-11-04", "contact": "Dana Ortiz" }
      ]
    })
}

/// The at-risk deal of docs/health.md.
fn readme_at_risk() -> Value {
    json!({
      "id": "D-0977", "name": "Globex expansion", "stage": "negotiation", "amount": 30000,
      "createdAt": "2026-09-01", "stageEnteredAt": "2026-11-06", "closeDate": "2026-11-30",
      "closeDatePushes": 2, "contractSentAt": "2026-11-03", "nextStep": "Send the revised order form",
      "amountHistory": [{ "amount": 36000, "changedAt": "2026-10-01" }],
      "contacts": [{ "name": "Kim Park", "role": "champion" }, { "name": "Alex Roy", "role": "decision_maker" }],
      "activities": [
        { "type": "email", "at": "2026-11-03", "contact": "Kim Park" },
        { "type": "meeting", "at": "2026-10-28", "contact": "Alex Roy" },
        { "type": "call", "at": "2026-10-20", "contact": "Kim Park" }
      ]
    })
}

#[test]
fn the_readme_examples() {
    let h = DealHealth::compile(&Value::Null).unwrap();
    let now = pipescore::time::parse_iso8601("2026-11-24").unwrap();
    let top3 = ScoreOptions { top_factors: Some(3) };
    let healthy = h.score(&readme_healthy(), now, &top3).unwrap();
    assert_eq!((healthy.score, healthy.band), (Some(97), Band::Healthy));
    let f = &healthy.factors[0];
    assert_eq!((f.signal, f.sub_score, f.impact), ("buyer_roles", 0.667, 3.3));
    assert_eq!(f.reason, "No economic buyer identified");
    assert_eq!(f.action.as_deref(), Some("Identify the economic buyer and bring them into the deal"));
    assert_eq!(
        (healthy.factors[1].reason.as_str(), healthy.factors[1].action.as_deref()),
        ("8 days in Proposal (expected 14 days)", None)
    );
    assert!(healthy.warnings.is_empty());

    let risky = h.score(&readme_at_risk(), now, &top3).unwrap();
    assert_eq!((risky.score, risky.band), (Some(51), Band::AtRisk));
    let lines: Vec<(&str, f64, &str, Option<&str>)> =
        risky.factors.iter().map(|f| (f.signal, f.impact, f.reason.as_str(), f.action.as_deref())).collect();
    assert_eq!(
        lines,
        [
            ("last_activity", 15.0, "No activity in 21 days", Some("Schedule a follow-up with Kim Park, the champion")),
            (
                "stage_duration",
                6.4,
                "18 days in Negotiation (expected 10 days)",
                Some("Agree with the buyer what it takes to move past Negotiation, or re-qualify the deal")
            ),
            (
                "activity_trend",
                5.0,
                "No activity in the last 14 days, 2 in the 14 days before",
                Some("Re-engage the buyer: book a meeting to restore momentum")
            ),
        ]
    );
    let messages: Vec<&str> = risky.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "No activity in 21 days",
            "Stalled in Negotiation: 18 days there, expected 10 days",
            "Close date pushed 2 times"
        ]
    );
}
