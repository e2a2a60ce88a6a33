//! Scoring leads: decay against hand-computed values, timeframes, occurrences, caps, negative
//! points, weights, grades, lifecycle, batches and partial records.

use pipescore::scoring::{LeadScore, LeadScorer, Mode, ScoreOptions};
use pipescore::time::DAY_MS;
use serde_json::{json, Value};

/// 2026-11-24T00:00:00Z.
const NOW: i64 = 1_795_478_400_000;

const GRADES: &str = r#"{"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 30, "2": 20, "3": 10}}"#;

fn scorer(groups: Value) -> LeadScorer {
    scorer_with(json!({ "groups": groups }))
}

/// Compiles `extra` (which has `groups`) with the test grades unless it brings its own.
fn scorer_with(mut model: Value) -> LeadScorer {
    if model.get("grades").is_none() {
        model["grades"] = serde_json::from_str(GRADES).unwrap();
    }
    LeadScorer::compile(&model).unwrap()
}

/// An event of `kind` that happened `days` days before `NOW`.
fn event(kind: &str, days: f64) -> Value {
    json!({ "type": kind, "at": NOW - (days * DAY_MS as f64) as i64 })
}

fn score<'a>(s: &'a LeadScorer, lead: &Value) -> LeadScore<'a> {
    s.score(lead, NOW, Mode::Strict).unwrap()
}

fn engagement_group(decay: Value, rule: Value) -> Value {
    let mut group = json!({ "id": "eng", "type": "engagement", "rules": [rule] });
    if !decay.is_null() {
        group["decay"] = decay;
    }
    json!([group])
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn assert_sums(result: &LeadScore<'_>) {
    assert_eq!(result.contributions.iter().map(|c| c.applied).sum::<i64>(), result.score, "{result:#?}");
}

#[test]
fn exponential_decay_matches_hand_computed_values() {
    let s = scorer(engagement_group(
        json!({"type": "exponential", "halfLifeDays": 10}),
        json!({"id": "visit", "points": 8, "event": "page_view", "frequency": "perOccurrence"}),
    ));
    let lead = json!({"events": [event("page_view", 0.0), event("page_view", 10.0), event("page_view", 20.0), event("page_view", 5.0)]});
    let r = score(&s, &lead);
    let c = &r.contributions[0];
    // 8 × (2^0 + 2^-1 + 2^-2 + 2^-0.5)
    close(c.decayed, 8.0 * (1.0 + 0.5 + 0.25 + std::f64::consts::FRAC_1_SQRT_2));
    close(c.decayed, 19.656_854_249_492_38);
    assert_eq!((c.points, c.occurrences, c.applied), (32.0, Some(4), 20));
    assert_eq!((r.score, r.engagement), (20, 20));
    close(r.groups[0].decayed, c.decayed);
}

#[test]
fn stepwise_decay_drops_per_whole_period() {
    let s = scorer(engagement_group(
        json!({"type": "stepwise", "rate": 0.5, "periodDays": 7}),
        json!({"id": "click", "points": 16, "event": "email_click", "frequency": "perOccurrence"}),
    ));
    // Ages 6.9, 7, 20 and 21 days: 0, 1, 2 and 3 whole periods.
    let lead = json!({"events": [event("email_click", 6.9), event("email_click", 7.0), event("email_click", 20.0), event("email_click", 21.0)]});
    let c = &score(&s, &lead).contributions[0];
    close(c.decayed, 16.0 * (1.0 + 0.5 + 0.25 + 0.125));
    assert_eq!(c.applied, 30);
    // HubSpot-style −20% per month, 3 months old: 50 × 0.8³ = 25.6.
    let s = scorer(engagement_group(
        json!({"type": "stepwise", "rate": 0.2, "periodDays": 30}),
        json!({"id": "demo", "points": 50, "event": "demo_request"}),
    ));
    let r = score(&s, &json!({"events": [event("demo_request", 95.0)]}));
    close(r.contributions[0].decayed, 25.6);
    assert_eq!(r.score, 26);
}

#[test]
fn timeframe_counts_events_up_to_n_days_old_and_future_events_in_full() {
    let mut groups = engagement_group(
        Value::Null,
        json!({"id": "form", "points": 5, "event": "form_submit", "frequency": "perOccurrence"}),
    );
    groups[0]["timeframeDays"] = json!(30);
    let s = scorer(groups);
    let just_in = json!({"type": "form_submit", "at": NOW - 30 * DAY_MS});
    let just_out = json!({"type": "form_submit", "at": NOW - 30 * DAY_MS - 1});
    let future = event("form_submit", -3.0);
    let r = score(&s, &json!({"events": [just_in, just_out, future]}));
    assert_eq!((r.contributions[0].occurrences, r.score), (Some(2), 10));
    let none = score(&s, &json!({"events": [event("form_submit", 31.0)]}));
    assert!(none.contributions.is_empty());
    assert_eq!(none.score, 0);
    // A future event decays from age 0, i.e. not at all.
    let s = scorer(engagement_group(
        json!({"type": "exponential", "halfLifeDays": 1}),
        json!({"id": "x", "points": 4, "event": "x"}),
    ));
    close(score(&s, &json!({"events": [event("x", -10.0)]})).contributions[0].decayed, 4.0);
}

#[test]
fn once_counts_the_most_recent_match_and_max_occurrences_the_most_recent_ones() {
    let decay = json!({"type": "exponential", "halfLifeDays": 1});
    let once = scorer(engagement_group(decay.clone(), json!({"id": "demo", "points": 40, "event": "demo_request"})));
    let lead = json!({"events": [event("demo_request", 2.0), event("demo_request", 1.0), event("demo_request", 3.0)]});
    let c = &score(&once, &lead).contributions[0];
    assert_eq!((c.points, c.occurrences), (40.0, Some(1)));
    close(c.decayed, 20.0);

    let capped = scorer(engagement_group(
        decay,
        json!({"id": "view", "points": 8, "event": ["page_view", "pricing_page_view"], "frequency": "perOccurrence", "maxOccurrences": 2}),
    ));
    let lead = json!({"events": [event("page_view", 3.0), event("pricing_page_view", 1.0), event("email_open", 0.0), event("page_view", 2.0)]});
    let c = &score(&capped, &lead).contributions[0];
    assert_eq!((c.points, c.occurrences), (16.0, Some(2)));
    close(c.decayed, 8.0 * (0.5 + 0.25));
}

#[test]
fn where_filters_events_by_their_properties() {
    let s = scorer(engagement_group(
        Value::Null,
        json!({"id": "pricing", "points": 10, "event": "page_view", "where": {"contains": [{"var": "url"}, "/pricing"]},
               "frequency": "perOccurrence"}),
    ));
    let mut a = event("page_view", 1.0);
    a["url"] = json!("https://acme.test/PRICING?plan=team");
    let mut b = event("page_view", 1.0);
    b["url"] = json!("https://acme.test/blog");
    let r = score(&s, &json!({"events": [a, b, event("page_view", 1.0)]}));
    assert_eq!((r.contributions[0].occurrences, r.score), (Some(1), 10));
}

#[test]
fn group_max_scales_positive_contributions_proportionally() {
    let s = scorer(json!([{"id": "fit", "type": "fit", "cap": {"max": 20}, "rules": [
        {"id": "a", "label": "A", "points": 15, "when": true},
        {"id": "b", "label": "B", "points": 10, "when": true},
        {"id": "c", "label": "C", "points": -3, "when": true},
    ]}]));
    let r = score(&s, &json!({"events": []}));
    // Raw 22 over a max of 20: the positive 25 keep 23/25 → 13.8 and 9.2.
    assert_eq!((r.score, r.fit), (20, 20));
    close(r.groups[0].decayed, 22.0);
    close(r.groups[0].score, 20.0);
    let applied: Vec<(&str, f64, i64)> = r.contributions.iter().map(|c| (c.rule, c.decayed, c.applied)).collect();
    assert_eq!(applied, [("a", 15.0, 14), ("b", 10.0, 9), ("c", -3.0, -3)]);
    assert_sums(&r);
}

#[test]
fn group_min_and_total_cap_bound_negative_points() {
    let s = scorer_with(json!({
        "groups": [{"id": "dq", "type": "fit", "cap": {"min": -10}, "rules": [
            {"id": "free_mail", "points": -8, "when": {"ends_with": [{"var": "email"}, "@gmail.com"]}},
            {"id": "student", "points": -6, "when": {"===": [{"var": "isStudent"}, true]}},
            {"id": "title", "points": 3, "when": {"filled": {"var": "jobTitle"}}},
        ]}],
        "cap": {"min": 0, "max": 100}
    }));
    let lead = json!({"email": "kim@GMail.com", "isStudent": true, "jobTitle": "Student"});
    let r = score(&s, &lead);
    assert_eq!((r.score, r.fit), (0, -10));
    close(r.groups[0].decayed, -11.0);
    close(r.groups[0].score, -10.0);
    let applied: Vec<(&str, i64)> = r.contributions.iter().map(|c| (c.rule, c.applied)).collect();
    assert_eq!(applied, [("title", 3), ("free_mail", -2), ("student", -1)]);
    assert_sums(&r);
    let without_title = score(&s, &json!({"email": "kim@gmail.com"}));
    assert_eq!((without_title.score, without_title.fit, without_title.grade), (0, -8, "D4"));
    assert_sums(&without_title);
}

#[test]
fn weights_combine_fit_and_engagement_and_total_cap_bounds_the_score() {
    let groups = json!([
        {"id": "fit", "type": "fit", "rules": [{"id": "f", "points": 10, "when": true}]},
        {"id": "eng", "type": "engagement", "rules": [{"id": "e", "points": 3, "event": "x", "frequency": "perOccurrence"}]}
    ]);
    let s = scorer_with(json!({"groups": groups.clone(), "weights": {"fit": 0.5, "engagement": 2}}));
    let lead = json!({"events": [event("x", 1.0)]});
    let r = score(&s, &lead);
    assert_eq!((r.score, r.fit, r.engagement), (11, 10, 3));
    let applied: Vec<(&str, i64)> = r.contributions.iter().map(|c| (c.rule, c.applied)).collect();
    assert_eq!(applied, [("e", 6), ("f", 5)]);

    let s = scorer_with(json!({"groups": groups, "cap": {"max": 12}}));
    let lead = json!({"events": [event("x", 1.0), event("x", 2.0), event("x", 3.0)]});
    let r = score(&s, &lead);
    assert_eq!((r.score, r.fit, r.engagement), (12, 10, 9));
    assert_sums(&r);
}

#[test]
fn scores_round_half_away_from_zero_and_contributions_still_sum() {
    let s = scorer(engagement_group(
        json!({"type": "exponential", "halfLifeDays": 1}),
        json!({"id": "v", "points": 1, "event": "v", "frequency": "perOccurrence"}),
    ));
    // 1 + 0.5 = 1.5 → 2.
    let r = score(&s, &json!({"events": [event("v", 0.0), event("v", 1.0)]}));
    assert_eq!((r.score, r.contributions[0].applied), (2, 2));
    let s = scorer(json!([{"id": "f", "type": "fit", "rules": [
        {"id": "a", "points": 0.4, "when": true}, {"id": "b", "points": 0.4, "when": true}, {"id": "c", "points": 0.4, "when": true}
    ]}]));
    let r = score(&s, &json!({"events": []}));
    assert_eq!(r.score, 1);
    assert_eq!(r.contributions.iter().map(|c| c.applied).collect::<Vec<_>>(), [1, 0, 0]);
    assert_eq!(r.contributions[0].rule, "a");
}

#[test]
fn grade_boundaries_are_inclusive() {
    let grades = |fit: f64, engagement: usize| {
        let s = scorer(json!([
            {"id": "fit", "type": "fit", "rules": [{"id": "f", "points": fit, "when": true}]},
            {"id": "eng", "type": "engagement", "rules": [{"id": "e", "points": 1, "event": "e", "frequency": "perOccurrence"}]}
        ]));
        let r = score(&s, &json!({"events": vec![event("e", 0.0); engagement]}));
        (r.fit_grade, r.engagement_grade, r.grade)
    };
    assert_eq!(grades(30.0, 30), ("A", 1, "A1"));
    assert_eq!(grades(29.0, 29), ("B", 2, "B2"));
    assert_eq!(grades(20.0, 20), ("B", 2, "B2"));
    assert_eq!(grades(19.0, 19), ("C", 3, "C3"));
    assert_eq!(grades(10.0, 10), ("C", 3, "C3"));
    assert_eq!(grades(9.0, 9), ("D", 4, "D4"));
    assert_eq!(grades(-5.0, 0), ("D", 4, "D4"));
    assert_eq!(grades(100.0, 0), ("A", 4, "A4"));
    assert_eq!(grades(0.0, 100), ("D", 1, "D1"));
    assert_eq!(grades(29.5, 0).0, "A", "grades compare the rounded fit");
    assert_eq!(grades(29.49, 0).0, "B");
}

#[test]
fn lifecycle_recommends_the_highest_stage_whose_conditions_hold() {
    let s = scorer_with(json!({
        "groups": [{"id": "fit", "type": "fit", "rules": [{"id": "p", "points": 1, "when": true},
                                                          {"id": "big", "points": 59, "when": {">=": [{"var": "employees"}, 100]}}]}],
        "lifecycle": {"default": "subscriber", "stages": [
            {"stage": "mql", "minScore": 60},
            {"stage": "sql", "minScore": 60, "when": {"===": [{"var": "demo"}, true]}},
            {"stage": "customer", "when": {"===": [{"var": "customer"}, true]}, "minFit": 1000}
        ]}
    }));
    let stage = |lead: Value| score(&s, &lead).lifecycle.to_owned();
    assert_eq!(stage(json!({"events": []})), "subscriber");
    assert_eq!(stage(json!({"employees": 100})), "mql");
    assert_eq!(stage(json!({"employees": 100, "demo": true})), "sql");
    assert_eq!(stage(json!({"demo": true})), "subscriber");
    assert_eq!(stage(json!({"employees": 100, "demo": true, "customer": true})), "sql");
    let default_lead = scorer(json!([{"id": "f", "type": "fit", "rules": []}]));
    assert_eq!(score(&default_lead, &json!({"events": []})).lifecycle, "lead");
}

#[test]
fn contributions_are_sorted_by_impact_and_labelled() {
    let s = scorer(json!([{"id": "fit", "type": "fit", "label": "Fit", "rules": [
        {"id": "small", "points": 2, "when": true},
        {"id": "neg", "label": "Competitor", "points": -30, "when": true},
        {"id": "big", "label": "VP", "points": 20, "when": true},
        {"id": "never", "points": 50, "when": false},
    ]}]));
    let r = score(&s, &json!({"events": []}));
    let order: Vec<(&str, &str, &str)> = r.contributions.iter().map(|c| (c.rule, c.label, c.group)).collect();
    assert_eq!(order, [("neg", "Competitor", "fit"), ("big", "VP", "fit"), ("small", "small", "fit")]);
    assert_eq!((r.score, r.groups[0].label), (-8, "Fit"));
    assert!(r.contributions.iter().all(|c| c.occurrences.is_none()));
}

#[test]
fn lead_rules_in_engagement_groups_do_not_decay() {
    let s = scorer(engagement_group(
        json!({"type": "exponential", "halfLifeDays": 1}),
        json!({"id": "unsubscribed", "points": -20, "when": {"===": [{"var": "unsubscribed"}, true]}}),
    ));
    let r = score(&s, &json!({"unsubscribed": true}));
    assert_eq!((r.score, r.engagement, r.contributions[0].decayed), (-20, -20, -20.0));
}

#[test]
fn bad_leads_are_input_errors_with_paths_in_strict_mode() {
    let s = scorer_with(json!({
        "fields": {"employees": "number", "email": "string"},
        "groups": [{"id": "eng", "type": "engagement", "rules": [{"id": "v", "points": 1, "event": "v"}]}]
    }));
    let err = |lead: Value| {
        let e = s.score(&lead, NOW, Mode::Strict).unwrap_err();
        (e.code.as_str(), e.path)
    };
    assert_eq!(
        err(json!({"events": [{"type": "v", "at": "yesterday"}]})),
        ("INVALID_DATE", "$.events[0].at".into())
    );
    assert_eq!(err(json!({"events": [{"type": "v"}]})), ("INVALID_DATE", "$.events[0].at".into()));
    assert_eq!(err(json!({"events": [{"type": ["v"], "at": NOW}]})), ("INVALID_TEXT", "$.events[0].type".into()));
    assert_eq!(err(json!({"events": [{"type": 3, "at": 0}]})), ("INVALID_DATE", "$.events[0].at".into()), "0 reads as epoch seconds");
    assert_eq!(err(json!({"id": "lead-1"})), ("INVALID_RECORD", "$".into()), "holds nothing the model reads");
    assert_eq!(err(json!({"events": 3})), ("INVALID_RECORD", "$.events".into()));
    assert_eq!(err(json!({"employees": "many"})), ("INVALID_NUMBER", "$.employees".into()));
    assert_eq!(err(json!("lead")), ("INVALID_RECORD", "$".into()));
}

#[test]
fn partial_records_score_without_errors() {
    let s = scorer_with(json!({
        "fields": {"employees": "number"},
        "groups": [
            {"id": "fit", "type": "fit", "rules": [{"id": "big", "points": 10, "when": {">=": [{"var": "employees"}, 100]}}]},
            {"id": "eng", "type": "engagement", "rules": [{"id": "v", "points": 1, "event": "v", "frequency": "perOccurrence"}]}
        ]
    }));
    for lead in [
        json!({}),
        json!({"employees": ""}),
        json!({"employees": 250, "events": "pending"}),
        json!({"events": [{"type": "v", "at": "not yet"}, {"type": "v", "at": NOW}, null]}),
    ] {
        let r = s.score(&lead, NOW, Mode::Partial).unwrap();
        assert_sums(&r);
    }
    let r =
        s.score(&json!({"employees": 250, "events": [{"type": "v"}, event("v", 1.0)]}), NOW, Mode::Partial).unwrap();
    assert_eq!((r.score, r.fit, r.engagement), (11, 10, 1));
}

#[test]
fn a_batch_reports_bad_leads_without_failing_the_others() {
    let s = scorer(engagement_group(Value::Null, json!({"id": "v", "points": 5, "event": "v"})));
    let leads = [
        json!({"events": [event("v", 1.0)]}),
        json!({"events": [event("v", 1.0), {"type": "v", "at": "2026-13-01"}]}),
        json!(null),
        json!({}),
    ];
    let results = s.score_many(&leads, NOW, Mode::Strict);
    assert_eq!(results.len(), 4);
    assert_eq!(results[0].as_ref().unwrap().score, 5);
    let e = results[1].as_ref().unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_DATE", "$[1].events[1].at"));
    let e = results[2].as_ref().unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$[2]"));
    let e = results[3].as_ref().unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$[3]"), "holds nothing the model reads");
    let partial = s.score_many(&leads, NOW, Mode::Partial);
    assert_eq!(partial[1].as_ref().unwrap().score, 5);
    assert!(partial[2].is_err());
}

#[test]
fn results_are_deterministic_for_a_given_now() {
    let s = LeadScorer::with_default_model().unwrap();
    let lead = json!({"jobTitle": "VP Marketing", "employees": 120, "events": [event("pricing_page_view", 3.0), event("demo_request", 40.0)]});
    let a = serde_json::to_value(s.score(&lead, NOW, Mode::Strict).unwrap()).unwrap();
    let b =
        serde_json::to_value(s.score_many(std::slice::from_ref(&lead), NOW, Mode::Strict).remove(0).unwrap()).unwrap();
    assert_eq!(a, b);
    let later = serde_json::to_value(s.score(&lead, NOW + 30 * DAY_MS, Mode::Strict).unwrap()).unwrap();
    assert_ne!(a, later);
}

#[test]
fn options_read_mode_and_explain() {
    let read = |v: Value| ScoreOptions::from_json(&v);
    assert_eq!(read(json!({})).unwrap(), ScoreOptions { mode: Mode::Strict, explain: true });
    let all = read(json!({"mode": "partial", "explain": false, "now": "2026-11-24"})).unwrap();
    assert_eq!(all, ScoreOptions { mode: Mode::Partial, explain: false });
    let e = read(json!({"mode": "lenient"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_OPTION", "$.mode"));
    let e = read(json!({"explain": "no"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_OPTION", "$.explain"));
}
