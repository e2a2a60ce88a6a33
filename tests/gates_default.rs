//! Stage gates: the embedded default B2B pipeline and checking a deal in its stage.

use pipescore::gates::{ForecastCategory, Outcome, Pipeline};
use pipescore::metrics::default_stages;
use serde_json::json;
use std::sync::OnceLock;

/// 2025-11-24T16:00:00Z.
const NOW: i64 = 1_764_000_000_000;

fn pipeline() -> &'static Pipeline {
    static DEFAULT: OnceLock<Pipeline> = OnceLock::new();
    DEFAULT.get_or_init(|| Pipeline::compile(&Pipeline::default_config()).unwrap())
}

#[test]
fn the_stage_table_is_the_documented_one() {
    use ForecastCategory::*;
    let expected = [
        ("prospecting", "Prospecting", 0.1, Pipeline, Some(7), None),
        ("discovery", "Discovery", 0.2, Pipeline, Some(14), None),
        ("demo", "Demo", 0.4, BestCase, Some(10), None),
        ("proposal", "Proposal", 0.6, BestCase, Some(14), None),
        ("negotiation", "Negotiation", 0.8, Commit, Some(10), None),
        ("closed_won", "Closed Won", 1.0, Closed, None, Some(Outcome::Won)),
        ("closed_lost", "Closed Lost", 0.0, Omitted, None, Some(Outcome::Lost)),
    ];
    let got: Vec<_> = pipeline()
        .stages()
        .iter()
        .map(|s| (s.id.as_str(), s.label.as_str(), s.probability, s.category, s.expected_days, s.outcome))
        .collect();
    assert_eq!(got, expected);
    let orders: Vec<usize> = pipeline().stages().iter().map(|s| s.order).collect();
    assert_eq!(orders, [0, 1, 2, 3, 4, 5, 6]);
}

#[test]
fn the_stage_table_matches_the_metrics_engines_default() {
    let metrics = default_stages();
    assert_eq!(metrics.len(), pipeline().stages().len());
    for (gate, metric) in pipeline().stages().iter().zip(&metrics) {
        assert_eq!(
            (&gate.id, &gate.label, gate.probability, gate.category, gate.expected_days),
            (&metric.id, &metric.label, metric.probability, metric.category, metric.expected_days),
        );
    }
}

#[test]
fn discovery_exits_on_pain_budget_decision_makers_and_timeline() {
    let ids = |stage: &str| -> Vec<(String, &'static str)> {
        let stage = pipeline().pipelines()[0].stage(stage).unwrap();
        stage.exit().iter().map(|c| (c.id.clone(), c.severity.name())).collect()
    };
    let required = |stage: &str| -> Vec<String> {
        ids(stage).into_iter().filter(|(_, s)| *s == "required").map(|(id, _)| id).collect()
    };
    assert_eq!(required("discovery"), ["pain_points", "budget_range", "decision_makers", "timeline"]);
    assert_eq!(required("demo"), ["demo_attendees", "features_of_interest", "objections", "next_steps"]);
    assert_eq!(required("proposal"), ["amount", "terms", "decision_date"]);
    let won: Vec<&str> = pipeline().pipelines()[0].stage("closed_won").unwrap().required_fields().collect();
    assert_eq!(won, ["finalAmount", "contractTerms", "closeDate"]);
    let lost: Vec<&str> = pipeline().pipelines()[0].stage("closed_lost").unwrap().required_fields().collect();
    assert_eq!(lost, ["lossReason"]);
}

#[test]
fn checking_a_deal_reports_its_stage_exit_criteria() {
    let deal = json!({
        "stage": "discovery", "company": "Acme",
        "painPoints": "Manual forecasting", "budgetRange": "20-40k",
        "contacts": [{ "name": "Ada", "role": "decision_maker" }]
    });
    let check = pipeline().check(&deal, NOW).unwrap();
    assert_eq!((check.pipeline, check.stage.id.as_str()), ("b2b", "discovery"));
    assert!(check.guidance.starts_with("Run discovery"));
    let met: Vec<_> = check.exit.met.iter().map(|c| c.id.as_deref().unwrap()).collect();
    let unmet: Vec<_> = check.exit.unmet.iter().map(|c| c.id.as_deref().unwrap()).collect();
    assert_eq!(met, ["pain_points", "budget_range", "decision_makers"]);
    assert_eq!(unmet, ["timeline", "champion"]);
    assert_eq!(check.exit.unmet[0].message.as_deref(), Some("Document the customer's timeline for a decision."));
    assert_eq!(check.exit.completeness, 75);
    assert_eq!(check.completeness, 75);
    assert!(!check.ready_to_advance);
    assert_eq!(check.next_stage, Some("demo"));
    let key: Vec<_> = check.key_fields.iter().map(|f| (f.field.as_str(), f.filled)).collect();
    assert_eq!(key, [("painPoints", true), ("budgetRange", true), ("timeline", false), ("contacts", true)]);
}

#[test]
fn every_stage_reports_its_completeness() {
    let deal = json!({ "stage": "prospecting", "company": "Acme", "contacts": [{ "name": "Ada", "role": "champion" }] });
    let check = pipeline().check(&deal, NOW).unwrap();
    let progress: Vec<_> = check.stages.iter().map(|s| (s.id, s.done, s.total, s.completeness)).collect();
    assert_eq!(
        progress,
        [
            ("prospecting", 2, 3, 66),
            ("discovery", 0, 4, 0),
            ("demo", 0, 5, 0),
            ("proposal", 0, 4, 0),
            ("negotiation", 0, 3, 0),
            ("closed_won", 0, 3, 0),
            ("closed_lost", 0, 1, 0),
        ]
    );
    assert_eq!(check.completeness, 66);
    assert_eq!(check.required_fields[0].field, "company");
}

#[test]
fn a_ready_deal_can_advance_and_closed_deals_cannot() {
    let deal = json!({
        "stage": "negotiation", "closeDate": "2025-12-20", "contractSentAt": "2025-11-21",
        "contacts": [{ "name": "Ed", "role": "signer" }]
    });
    let check = pipeline().check(&deal, NOW).unwrap();
    assert!(check.ready_to_advance);
    assert_eq!(check.next_stage, Some("closed_won"));
    assert_eq!(check.exit.unmet.len(), 1, "recent activity is only recommended");
    let won = json!({ "stage": "closed_won", "finalAmount": 1, "contractTerms": "x", "closeDate": "2025-12-20" });
    let check = pipeline().check(&won, NOW).unwrap();
    assert!(!check.ready_to_advance);
    assert_eq!((check.next_stage, check.completeness), (None, 100));
    assert_eq!(check.stage.outcome, Some(Outcome::Won));
}

#[test]
fn date_criteria_use_the_given_now() {
    let deal = json!({
        "stage": "negotiation", "closeDate": "2025-12-20", "contractSentAt": "2025-11-21",
        "contacts": [{ "name": "Ed", "role": "signer" }],
        "activities": [{ "type": "call", "at": "2025-11-10T16:00:00Z" }]
    });
    let recent = |now: i64| pipeline().check(&deal, now).unwrap().exit.unmet.is_empty();
    let day = 86_400_000;
    let called = 1_762_790_400_000; // 2025-11-10T16:00:00Z
    assert!(recent(called + 14 * day));
    assert!(!recent(called + 14 * day + 1));
}

#[test]
fn a_deal_needs_a_known_stage() {
    let err = pipeline().check(&json!({ "company": "Acme" }), NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("MISSING_STAGE", "$.stage"));
    let err = pipeline().check(&json!({ "stage": "qualification" }), NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("UNKNOWN_STAGE", "$.stage"));
    let err = pipeline().check(&json!(null), NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$"));
}

#[test]
fn the_check_serializes_for_js() {
    let check = pipeline().check(&json!({ "stage": "demo", "demoDate": "2025-11-25" }), NOW).unwrap();
    let json = serde_json::to_value(&check).unwrap();
    assert_eq!(
        json["stage"],
        json!({ "id": "demo", "label": "Demo", "probability": 0.4, "forecastCategory": "best_case", "order": 2,
                "expectedDays": 10, "outcome": null })
    );
    assert_eq!(json["readyToAdvance"], false);
    assert_eq!(json["exit"]["unmet"][0]["severity"], "required");
    assert_eq!(json["entry"]["met"][0]["id"], "demo_scheduled");
    assert_eq!(json["stages"][2], json!({ "id": "demo", "label": "Demo", "done": 1, "total": 5, "completeness": 20 }));
}

#[test]
fn a_stage_lists_its_empty_required_fields() {
    let won = pipeline().pipelines()[0].stage("closed_won").unwrap();
    assert_eq!(won.required_fields().collect::<Vec<_>>(), ["finalAmount", "contractTerms", "closeDate"]);
    let ctx = pipescore::rules::EvalContext::new(NOW);
    let deal = json!({ "finalAmount": 1200, "contractTerms": "  ", "closeDate": null });
    assert_eq!(won.missing_required_fields(&deal, &ctx), ["contractTerms", "closeDate"]);
    let done = json!({ "finalAmount": 0, "contractTerms": "12 months", "closeDate": "2025-11-24" });
    assert!(won.missing_required_fields(&done, &ctx).is_empty(), "0 is filled");
}
