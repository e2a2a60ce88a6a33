//! Each deal health signal on its own (weight 1, every other 0): its sub-score at and between
//! its default thresholds, what counts as missing data, and when it is skipped.

mod health_support;

use health_support::{ago, assert_sub, day, engine, factor, only, score, sub};
use pipescore::health::{DealHealth, FactorDetail};
use serde_json::{json, Value};

fn signal(name: &str) -> DealHealth {
    engine(only(name, json!({})))
}

fn skipped_reason(health: &DealHealth, deal: &Value) -> &'static str {
    let report = score(health, deal);
    assert!(report.factors.is_empty() && report.score.is_none(), "{report:?}");
    report.skipped[0].reason
}

#[test]
fn last_activity_is_full_up_to_3_days_and_zero_from_21() {
    let h = signal("last_activity");
    let deal = |days: f64| json!({"stage": "demo", "activities": [{"type": "call", "at": ago(days)}, {"type": "email", "at": ago(days + 5.0)}]});
    for (days, expected) in
        [(0.0, 1.0), (3.0, 1.0), (7.5, 0.75), (12.0, 0.5), (20.0, 1.0 / 18.0), (21.0, 0.0), (90.0, 0.0)]
    {
        assert_sub(sub(&h, &deal(days)), expected, &format!("{days} days"));
    }
    let r = score(&h, &deal(21.0));
    assert_eq!(r.factors[0].reason, "No activity in 21 days");
    assert_eq!(r.factors[0].action.as_deref(), Some("Schedule a follow-up with the buyer"));
    assert_eq!(score(&h, &deal(2.0)).factors[0].reason, "Last activity 2 days ago");
    assert_eq!(score(&h, &deal(2.0)).factors[0].action, None);
}

#[test]
fn last_activity_counts_from_creation_or_any_recorded_touch() {
    let h = signal("last_activity");
    let r = score(&h, &json!({"stage": "demo", "createdAt": ago(12.0)}));
    assert_sub(r.factors.first().map(|f| f.sub_score), 0.5, "new deal without activity");
    assert_eq!(r.factors[0].reason, "No activity since the deal was created 12 days ago");
    let r = score(&h, &json!({"stage": "demo"}));
    assert_eq!((r.score, r.factors[0].reason.as_str()), (Some(0), "No activity logged"));
    // The deal's and the contacts' lastActivityAt count too; scheduled (future) activities don't.
    assert_sub(sub(&h, &json!({"stage": "demo", "lastActivityAt": ago(3.0)})), 1.0, "deal lastActivityAt");
    let contact = json!({"stage": "demo", "contacts": [{"name": "A", "lastActivityAt": ago(12.0)}],
                         "activities": [{"type": "meeting", "at": ago(-2.0)}]});
    assert_sub(sub(&h, &contact), 0.5, "contact lastActivityAt");
    let champion = json!({"stage": "demo", "activities": [{"type": "call", "at": ago(30.0)}],
                          "contacts": [{"name": "Dana Ortiz", "role": "Champion"}]});
    assert_eq!(
        score(&h, &champion).factors[0].action.as_deref(),
        Some("Schedule a follow-up with Dana Ortiz, the champion")
    );
}

#[test]
fn activity_trend_compares_the_last_14_days_with_the_14_before() {
    let h = signal("activity_trend");
    let deal = |recent: usize, previous: usize| {
        let mut activities: Vec<Value> =
            (0..recent).map(|i| json!({"type": "email", "at": ago(1.0 + i as f64)})).collect();
        activities.extend((0..previous).map(|i| json!({"type": "email", "at": ago(15.0 + i as f64)})));
        json!({"stage": "demo", "createdAt": ago(60.0), "activities": activities})
    };
    for ((r, p), expected) in
        [((2, 2), 1.0), ((3, 1), 1.0), ((1, 2), 1.0 / 3.0), ((1, 4), 0.0), ((0, 3), 0.0), ((0, 0), 0.0), ((2, 0), 1.0)]
    {
        assert_sub(sub(&h, &deal(r, p)), expected, &format!("{r} recent, {p} before"));
    }
    assert_eq!(
        score(&h, &deal(1, 2)).factors[0].reason,
        "Activity down: 1 activity in the last 14 days, 2 in the 14 days before"
    );
    assert_eq!(score(&h, &deal(0, 0)).factors[0].reason, "No activity in the last 28 days");
    // The window boundary: exactly 14 days ago is in the earlier window.
    let edge = json!({"stage": "demo", "createdAt": ago(60.0), "activities": [{"type": "call", "at": ago(14.0)}]});
    assert_sub(sub(&h, &edge), 0.0, "14 days ago is the earlier window");
    let young = json!({"stage": "demo", "createdAt": ago(27.0)});
    assert_eq!(skipped_reason(&h, &young), "The deal is younger than the two activity-trend windows");
    let h = engine(only("activity_trend", json!({"windowDays": 7})));
    assert_sub(sub(&h, &deal(1, 0)), 1.0, "7-day windows: 15 days ago is outside both");
}

#[test]
fn stage_duration_is_full_up_to_the_expected_days_and_zero_from_2_5_times() {
    let h = signal("stage_duration");
    // Proposal: 14 expected days in the default pipeline.
    let deal = |days: f64| json!({"stage": "proposal", "stageEnteredAt": ago(days)});
    for (days, expected) in [(0.0, 1.0), (14.0, 1.0), (24.5, 0.5), (35.0, 0.0), (100.0, 0.0)] {
        assert_sub(sub(&h, &deal(days)), expected, &format!("{days} days in proposal"));
    }
    assert_eq!(score(&h, &deal(24.5)).factors[0].reason, "24 days in Proposal (expected 14 days)");
    let history = json!({"stage": "proposal", "stageHistory": [
        {"stage": "proposal", "enteredAt": ago(24.5)}, {"stage": "demo", "enteredAt": ago(40.0)}
    ]});
    assert_sub(sub(&h, &history), 0.5, "entry date from stageHistory");
    assert_eq!(
        skipped_reason(&h, &json!({"stage": "proposal"})),
        "Unknown when the deal entered its stage (set stageEnteredAt or stageHistory)"
    );
    let moved_on = json!({"stage": "proposal", "stageHistory": [{"stage": "demo", "enteredAt": ago(40.0)}]});
    assert!(score(&h, &moved_on).factors.is_empty(), "the history does not say when it entered proposal");
}

#[test]
fn engaged_contacts_rise_to_full_at_3() {
    let h = signal("engaged_contacts");
    let deal = |n: usize| json!({"stage": "demo", "contacts": (0..n).map(|i| json!({"name": format!("c{i}"), "engaged": true})).collect::<Vec<_>>()});
    for (n, expected) in [(0, 0.0), (1, 1.0 / 3.0), (2, 2.0 / 3.0), (3, 1.0), (5, 1.0)] {
        assert_sub(sub(&h, &deal(n)), expected, &format!("{n} engaged"));
    }
    assert_eq!(score(&h, &deal(0)).factors[0].reason, "No contacts on the deal");
    assert_eq!(score(&h, &deal(1)).factors[0].reason, "Only 1 engaged contact");
    // Without the flag, a contact is engaged with activity in the last 30 days (its own
    // lastActivityAt, or an activity naming it by id, name or email).
    let deal = json!({"stage": "demo",
        "contacts": [
            {"name": "Ann", "lastActivityAt": ago(30.0)},
            {"id": "c-2", "name": "Bo"},
            {"email": "cy@acme.com"},
            {"name": "Di", "lastActivityAt": ago(1.0), "engaged": false}
        ],
        "activities": [{"type": "call", "at": ago(2.0), "contact": "c-2"}, {"type": "email", "at": ago(31.0), "contact": "cy@acme.com"}]});
    let r = score(&h, &deal);
    assert_eq!(
        r.factors[0].detail,
        FactorDetail::EngagedContacts(pipescore::health::EngagedContactsDetail { engaged: 2, contacts: 4 })
    );
}

#[test]
fn buyer_roles_score_the_share_of_roles_present() {
    let h = signal("buyer_roles");
    let deal = |roles: &[&str]| {
        let contacts: Vec<Value> =
            roles.iter().enumerate().map(|(i, r)| json!({"name": format!("c{i}"), "role": r})).collect();
        json!({"stage": "demo", "contacts": contacts})
    };
    assert_sub(sub(&h, &json!({"stage": "demo"})), 0.0, "no contacts");
    assert_sub(sub(&h, &deal(&["Champion", "user"])), 1.0 / 3.0, "champion");
    assert_sub(sub(&h, &deal(&["decision maker", "economic-buyer"])), 2.0 / 3.0, "two roles, normalized");
    assert_sub(sub(&h, &deal(&["decision_maker", "champion", "economic_buyer", "champion"])), 1.0, "all");
    let r = score(&h, &deal(&["champion"]));
    assert_eq!(r.factors[0].reason, "No decision maker or economic buyer identified");
    assert_eq!(r.factors[0].action.as_deref(), Some("Identify the decision maker and bring them into the deal"));
    let h = engine(only("buyer_roles", json!({"roles": ["technical_buyer"]})));
    assert_sub(sub(&h, &deal(&["Technical Buyer"])), 1.0, "custom role");
}

#[test]
fn close_date_is_full_until_it_passes_and_zero_14_days_after() {
    let h = signal("close_date");
    let deal = |d: i64| json!({"stage": "demo", "closeDate": day(d)});
    for (d, expected) in [(30, 1.0), (0, 1.0), (-1, 13.0 / 14.0), (-7, 0.5), (-14, 0.0), (-60, 0.0)] {
        assert_sub(sub(&h, &deal(d)), expected, &format!("close date {d} days away"));
    }
    assert_eq!(score(&h, &deal(-7)).factors[0].reason, "Close date passed 7 days ago");
    assert_eq!(score(&h, &deal(0)).factors[0].reason, "Close date is today");
    let r = score(&h, &json!({"stage": "demo"}));
    assert_eq!((r.score, r.factors[0].reason.as_str()), (Some(0), "No close date set"));
    // Whole UTC days: a close date-time earlier today is not overdue.
    assert_sub(sub(&h, &json!({"stage": "demo", "closeDate": ago(0.4)})), 1.0, "earlier today");
}

#[test]
fn close_date_pushes_fall_to_zero_at_3() {
    let h = signal("close_date_pushes");
    let history = |dates: &[i64]| {
        let entries: Vec<Value> = dates
            .iter()
            .enumerate()
            .map(|(i, d)| json!({"closeDate": day(*d), "changedAt": ago(90.0 - i as f64)}))
            .collect();
        json!({"stage": "demo", "closeDate": day(*dates.last().unwrap()), "closeDateHistory": entries})
    };
    for (dates, expected) in
        [(&[10][..], 1.0), (&[10, 20], 2.0 / 3.0), (&[10, 20, 5, 30], 1.0 / 3.0), (&[10, 20, 30, 40], 0.0)]
    {
        assert_sub(sub(&h, &history(dates)), expected, &format!("{dates:?}"));
    }
    assert_eq!(score(&h, &history(&[10, 20, 30, 40])).factors[0].reason, "Close date pushed 3 times");
    assert_sub(sub(&h, &json!({"stage": "demo", "closeDatePushes": 1})), 2.0 / 3.0, "closeDatePushes");
    assert_sub(sub(&h, &json!({"stage": "demo"})), 1.0, "no history: never pushed");
}

#[test]
fn close_date_distance_fits_the_expected_remaining_days() {
    let h = signal("close_date_distance");
    // Proposal entered today: 14 expected days left in it plus negotiation's 10 = 24 days, so
    // the ratio is (days to close + 1) / 25.
    let deal = |d: i64| json!({"stage": "proposal", "stageEnteredAt": ago(0.0), "closeDate": day(d)});
    for (d, expected) in [(5, 0.0), (12, 0.54), (17, 0.94), (24, 1.0), (49, 1.0), (74, 0.5), (99, 0.0), (-3, 0.0)] {
        assert_sub(sub(&h, &deal(d)), expected, &format!("close in {d} days"));
    }
    assert_eq!(
        score(&h, &deal(5)).factors[0].reason,
        "Close date in 5 days, but the pipeline expects ~24 days more from Proposal"
    );
    assert_eq!(
        score(&h, &deal(5)).factors[0].action.as_deref(),
        Some("Confirm the buyer can really sign by then, or move the close date")
    );
    assert_eq!(
        skipped_reason(&h, &json!({"stage": "proposal"})),
        "No close date set (scored by the close date signal)"
    );
    // Time already spent in the stage shortens what remains; past the expected days, only the
    // later stages remain.
    let late = json!({"stage": "proposal", "stageEnteredAt": ago(20.0), "closeDate": day(10)});
    assert_sub(sub(&h, &late), 1.0, "10 days left of the cycle");
}

#[test]
fn exit_criteria_completeness_comes_from_the_stage_gates() {
    let h = signal("exit_criteria");
    // Proposal's required exit criteria in the default pipeline: amount, terms, decision date.
    let base = json!({"stage": "proposal"});
    let r = score(&h, &base);
    assert_eq!((r.score, r.factors[0].reason.as_str()), (Some(0), "0 of 3 exit criteria for Proposal met"));
    assert_eq!(r.factors[0].action.as_deref(), Some("Set the proposed amount"));
    assert_sub(sub(&h, &json!({"stage": "proposal", "amount": 1000})), 0.33, "1 of 3 (33%)");
    let all = json!({"stage": "proposal", "amount": 1000, "terms": "annual", "decisionDate": day(10)});
    assert_sub(sub(&h, &all), 1.0, "all met");
    let pipeline = json!({"id": "p", "label": "P", "stages": [
        {"id": "open", "label": "Open", "probability": 0.5, "forecastCategory": "pipeline"},
        {"id": "won", "label": "Won", "probability": 1, "forecastCategory": "closed", "outcome": "won"},
        {"id": "lost", "label": "Lost", "probability": 0, "forecastCategory": "omitted", "outcome": "lost"}
    ]});
    let h = DealHealth::with_pipeline(
        &only("exit_criteria", json!({})),
        pipescore::gates::Pipeline::compile(&pipeline).unwrap(),
    )
    .unwrap();
    assert_eq!(skipped_reason(&h, &json!({"stage": "open"})), "The stage has no required exit criteria");
}

#[test]
fn next_step_must_be_defined_and_dated() {
    let h = signal("next_step");
    assert_sub(sub(&h, &json!({"stage": "demo"})), 0.0, "none");
    assert_sub(sub(&h, &json!({"stage": "demo", "nextStep": "Send MSA"})), 0.5, "undated");
    for (d, expected) in [(5, 1.0), (0, 1.0), (-1, 6.0 / 7.0), (-7, 0.0)] {
        assert_sub(
            sub(&h, &json!({"stage": "demo", "nextStep": "Call", "nextStepDate": day(d)})),
            expected,
            &format!("due {d}"),
        );
    }
    let r = score(&h, &json!({"stage": "demo", "nextStep": "Call", "nextStepDate": day(-3)}));
    assert_eq!(r.factors[0].reason, "Next step overdue by 3 days");
    assert_eq!(r.factors[0].action.as_deref(), Some("Update the next step and its date"));
    let h = engine(only("next_step", json!({"undatedScore": 0.8})));
    assert_sub(sub(&h, &json!({"stage": "demo", "nextStep": "Call"})), 0.8, "undatedScore");
}

#[test]
fn amount_changes_fall_to_zero_at_half_the_peak() {
    let h = signal("amount_changes");
    let deal = |now: f64| json!({"stage": "demo", "amount": now, "amountHistory": [{"amount": 100000, "changedAt": ago(30.0)}]});
    for (amount, expected) in [(120000.0, 1.0), (100000.0, 1.0), (75000.0, 0.5), (50000.0, 0.0), (10000.0, 0.0)] {
        assert_sub(sub(&h, &deal(amount)), expected, &format!("{amount}"));
    }
    assert_eq!(score(&h, &deal(75000.0)).factors[0].reason, "Amount down 25% from its peak of 100,000");
    assert_sub(sub(&h, &json!({"stage": "demo"})), 1.0, "no amount at all");
}

#[test]
fn stage_regressions_fall_to_zero_at_2() {
    let h = signal("stage_regressions");
    let deal = |stages: &[&str]| {
        let entries: Vec<Value> = stages
            .iter()
            .enumerate()
            .map(|(i, s)| json!({"stage": s, "enteredAt": ago(50.0 - 5.0 * i as f64)}))
            .collect();
        json!({"stage": stages.last().unwrap(), "stageHistory": entries})
    };
    assert_sub(sub(&h, &deal(&["discovery", "demo", "proposal"])), 1.0, "forward only");
    assert_sub(sub(&h, &deal(&["discovery", "demo", "proposal", "demo"])), 0.5, "one move back");
    assert_sub(sub(&h, &deal(&["discovery", "proposal", "demo", "proposal", "discovery"])), 0.0, "two moves back");
    assert_eq!(score(&h, &deal(&["demo", "discovery"])).factors[0].reason, "Moved back to an earlier stage 1 time");
}

#[test]
fn deal_age_is_full_up_to_the_cycle_and_zero_from_twice_it() {
    let h = signal("deal_age");
    // The default pipeline's expected days add up to 55.
    for (age, expected) in [(10.0, 1.0), (55.0, 1.0), (82.5, 0.5), (110.0, 0.0)] {
        assert_sub(sub(&h, &json!({"stage": "demo", "createdAt": ago(age)})), expected, &format!("{age} days old"));
    }
    let h = engine(only("deal_age", json!({"cycleDays": 30})));
    assert_sub(sub(&h, &json!({"stage": "demo", "createdAt": ago(45.0)})), 0.5, "cycleDays");
    let from_history = json!({"stage": "demo", "stageHistory": [{"stage": "demo", "enteredAt": ago(45.0)}]});
    assert_sub(sub(&h, &from_history), 0.5, "created at the first stage-history entry");
    assert_eq!(
        skipped_reason(&h, &json!({"stage": "demo"})),
        "Unknown when the deal was created (set createdAt or stageHistory)"
    );
}

#[test]
fn thresholds_are_configurable_per_signal() {
    let h = engine(only("last_activity", json!({"fullDays": 7, "zeroDays": 14})));
    let deal = |days: f64| json!({"stage": "demo", "activities": [{"type": "call", "at": ago(days)}]});
    assert_sub(sub(&h, &deal(7.0)), 1.0, "7 days");
    assert_sub(sub(&h, &deal(10.5)), 0.5, "10.5 days");
    assert_sub(sub(&h, &deal(14.0)), 0.0, "14 days");
    let h = engine(only("stage_duration", json!({"fullRatio": 0.5, "zeroRatio": 1.5})));
    assert_sub(sub(&h, &json!({"stage": "proposal", "stageEnteredAt": ago(14.0)})), 0.5, "ratio 1 between 0.5 and 1.5");
    let r =
        score(&engine(only("stage_duration", json!({}))), &json!({"stage": "proposal", "stageEnteredAt": ago(14.0)}));
    assert!(factor(&r, "stage_duration").is_some());
}
