//! Stage gates: proposed moves against the default pipeline and custom move rules.

use pipescore::gates::{Direction, MoveCheck, Pipeline, ReasonKind, Severity};
use pipescore::ErrorKind;
use serde_json::{json, Value};
use std::sync::OnceLock;

/// 2025-11-24T16:00:00Z.
const NOW: i64 = 1_764_000_000_000;

fn default_pipeline() -> &'static Pipeline {
    static DEFAULT: OnceLock<Pipeline> = OnceLock::new();
    DEFAULT.get_or_init(|| Pipeline::compile(&Pipeline::default_config()).unwrap())
}

/// A deal in `stage` with everything the default pipeline asks for up to Negotiation.
fn complete_deal(stage: &str) -> Value {
    json!({
        "id": "D-1", "stage": stage, "company": "Acme", "industry": "Manufacturing",
        "contacts": [
            { "name": "Ada Lovelace", "role": "decision_maker" },
            { "name": "Grace Hopper", "role": "champion" },
            { "name": "Alan Turing", "role": "economic_buyer" },
            { "name": "Edsger Dijkstra", "role": "signer" }
        ],
        "activities": [{ "type": "meeting", "at": "2025-11-20T10:00:00Z" }],
        "painPoints": "Forecasts are built by hand", "budgetRange": "20-40k", "timeline": "Q1 2026",
        "demoDate": "2025-11-10", "demoAttendees": ["Ada", "Grace"], "featuresOfInterest": ["forecasting"],
        "objections": "none", "nextSteps": "Send proposal",
        "amount": 36000, "terms": "12 months, annual billing", "decisionDate": "2025-12-15",
        "closeDate": "2025-12-20", "contractSentAt": "2025-11-21T09:00:00Z"
    })
}

fn kinds(check: &MoveCheck<'_>) -> Vec<(ReasonKind, String, Option<String>)> {
    check
        .reasons
        .iter()
        .map(|r| (r.kind, r.stage.clone(), r.criterion.clone().or_else(|| r.field.clone())))
        .collect()
}

fn reason(kind: ReasonKind, stage: &str, what: Option<&str>) -> (ReasonKind, String, Option<String>) {
    (kind, stage.to_owned(), what.map(str::to_owned))
}

#[test]
fn a_complete_deal_walks_the_whole_pipeline() {
    let pipeline = default_pipeline();
    let path = ["prospecting", "discovery", "demo", "proposal", "negotiation"];
    for pair in path.windows(2) {
        let check = pipeline.check_move(&complete_deal(pair[0]), pair[1], NOW).unwrap();
        assert!(check.allowed, "{} → {}: {:?}", pair[0], pair[1], check.reasons);
        assert_eq!((check.direction, check.completeness), (Direction::Forward, 100));
        assert!(check.warnings.is_empty(), "{:?}", check.warnings);
    }
    let mut won = complete_deal("negotiation");
    won["finalAmount"] = json!(35000);
    won["contractTerms"] = json!("12 months");
    let check = pipeline.check_move(&won, "closed_won", NOW).unwrap();
    assert!(check.allowed, "{:?}", check.reasons);
    assert_eq!(check.direction, Direction::Close);
    assert_eq!(check.warnings.len(), 1, "handoff notes are recommended");
    assert_eq!((check.warnings[0].severity, check.warnings[0].criterion.as_deref()), (Severity::Recommended, Some("handoff_notes")));
}

#[test]
fn unmet_exit_criteria_of_the_current_stage_block_the_move() {
    let mut deal = complete_deal("discovery");
    deal["budgetRange"] = json!("  ");
    deal["contacts"] = json!([{ "name": "Grace Hopper", "role": "champion" }]);
    let check = default_pipeline().check_move(&deal, "demo", NOW).unwrap();
    assert!(!check.allowed);
    assert_eq!(
        kinds(&check),
        [
            reason(ReasonKind::UnmetExitCriterion, "discovery", Some("budget_range")),
            reason(ReasonKind::UnmetExitCriterion, "discovery", Some("decision_makers")),
        ]
    );
    let budget = &check.reasons[0];
    assert_eq!(budget.message, "Document the budget range.");
    assert_eq!(budget.fields, ["budgetRange"]);
    assert_eq!(budget.failures[0].description, "budgetRange is empty");
    assert_eq!(check.completeness, 60, "3 of 5 required items: 2 of 4 exit criteria and the demo entry criterion");
}

#[test]
fn unmet_entry_criteria_of_the_target_block_the_move() {
    let mut deal = complete_deal("discovery");
    deal.as_object_mut().unwrap().remove("demoDate");
    let check = default_pipeline().check_move(&deal, "demo", NOW).unwrap();
    assert_eq!(kinds(&check), [reason(ReasonKind::UnmetEntryCriterion, "demo", Some("demo_scheduled"))]);
    assert_eq!(check.reasons[0].message, "Schedule the demo and set its date before moving the deal to Demo.");
}

#[test]
fn missing_required_fields_block_the_move() {
    let pipeline = default_pipeline();
    let mut deal = complete_deal("proposal");
    deal.as_object_mut().unwrap().remove("closeDate");
    let check = pipeline.check_move(&deal, "negotiation", NOW).unwrap();
    assert_eq!(kinds(&check), [reason(ReasonKind::MissingRequiredField, "negotiation", Some("closeDate"))]);
    assert_eq!(check.reasons[0].fields, ["closeDate"]);
    assert_eq!(check.reasons[0].message, "Fill in closeDate: Negotiation requires it.");

    let check = pipeline.check_move(&complete_deal("negotiation"), "closed_won", NOW).unwrap();
    assert_eq!(
        kinds(&check),
        [
            reason(ReasonKind::MissingRequiredField, "closed_won", Some("finalAmount")),
            reason(ReasonKind::MissingRequiredField, "closed_won", Some("contractTerms")),
        ]
    );
}

#[test]
fn closing_lost_needs_a_loss_reason_from_any_open_stage() {
    let pipeline = default_pipeline();
    let bare = json!({ "stage": "prospecting" });
    let check = pipeline.check_move(&bare, "closed_lost", NOW).unwrap();
    assert_eq!(kinds(&check), [reason(ReasonKind::MissingRequiredField, "closed_lost", Some("lossReason"))]);
    assert_eq!(check.warnings[0].criterion.as_deref(), Some("loss_details"));
    let lost = json!({ "stage": "demo", "lossReason": "Chose a competitor" });
    let check = pipeline.check_move(&lost, "closed_lost", NOW).unwrap();
    assert!(check.allowed && check.skipped.is_empty());
    assert_eq!(check.direction, Direction::Close);
}

#[test]
fn skipping_is_refused_with_the_skipped_stages_gates() {
    let mut deal = complete_deal("discovery");
    deal.as_object_mut().unwrap().remove("demoDate");
    let check = default_pipeline().check_move(&deal, "proposal", NOW).unwrap();
    assert!(!check.allowed);
    assert_eq!(check.skipped, ["demo"]);
    assert_eq!(
        kinds(&check),
        [
            reason(ReasonKind::SkippedStage, "demo", None),
            reason(ReasonKind::UnmetEntryCriterion, "demo", Some("demo_scheduled")),
        ]
    );
    assert_eq!(check.reasons[0].message, "Moving from Discovery to Proposal skips Demo; this pipeline does not allow skipping stages.");
}

#[test]
fn closing_won_early_skips_the_remaining_open_stages() {
    let mut deal = complete_deal("proposal");
    deal["finalAmount"] = json!(36000);
    deal["contractTerms"] = json!("12 months");
    let check = default_pipeline().check_move(&deal, "closed_won", NOW).unwrap();
    assert_eq!(check.skipped, ["negotiation"]);
    assert_eq!(kinds(&check), [reason(ReasonKind::SkippedStage, "negotiation", None)]);
}

#[test]
fn skipping_is_allowed_when_the_rules_allow_it_and_the_skipped_gates_are_met() {
    let mut config = Pipeline::default_config();
    config["rules"]["allowSkip"] = json!(true);
    let pipeline = Pipeline::compile(&config).unwrap();
    let check = pipeline.check_move(&complete_deal("discovery"), "negotiation", NOW).unwrap();
    assert!(check.allowed, "{:?}", check.reasons);
    assert_eq!(check.skipped, ["demo", "proposal"]);
    let mut deal = complete_deal("discovery");
    deal["terms"] = json!(null);
    deal["amount"] = json!("");
    let check = pipeline.check_move(&deal, "negotiation", NOW).unwrap();
    assert_eq!(
        kinds(&check),
        [
            reason(ReasonKind::UnmetExitCriterion, "proposal", Some("amount")),
            reason(ReasonKind::UnmetExitCriterion, "proposal", Some("terms")),
            reason(ReasonKind::MissingRequiredField, "proposal", Some("amount")),
        ]
    );
}

#[test]
fn a_required_field_of_several_entered_stages_is_reported_once() {
    let config = json!({
        "id": "p", "label": "P",
        "stages": [
            { "id": "a", "label": "A", "probability": 0.1, "forecastCategory": "pipeline" },
            { "id": "b", "label": "B", "probability": 0.5, "forecastCategory": "pipeline", "requiredFields": ["amount"] },
            { "id": "c", "label": "C", "probability": 0.7, "forecastCategory": "commit", "requiredFields": ["amount", "closeDate"] },
            { "id": "won", "label": "Won", "probability": 1, "forecastCategory": "closed", "outcome": "won" },
            { "id": "lost", "label": "Lost", "probability": 0, "forecastCategory": "omitted", "outcome": "lost" }
        ]
    });
    let pipeline = Pipeline::compile(&config).unwrap();
    let check = pipeline.check_move(&json!({ "stage": "a" }), "c", NOW).unwrap();
    assert_eq!(
        kinds(&check),
        [
            reason(ReasonKind::MissingRequiredField, "b", Some("amount")),
            reason(ReasonKind::MissingRequiredField, "c", Some("closeDate")),
        ]
    );
    assert_eq!(check.completeness, 0);
}

#[test]
fn backward_moves_follow_the_rules() {
    let check = default_pipeline().check_move(&json!({ "stage": "proposal" }), "discovery", NOW).unwrap();
    assert!(check.allowed, "{:?}", check.reasons);
    assert_eq!(check.direction, Direction::Backward);
    let mut config = Pipeline::default_config();
    config["rules"]["allowBackward"] = json!(false);
    let strict = Pipeline::compile(&config).unwrap();
    let check = strict.check_move(&json!({ "stage": "proposal" }), "discovery", NOW).unwrap();
    assert_eq!(kinds(&check), [reason(ReasonKind::BackwardMove, "discovery", None)]);
    assert_eq!(check.reasons[0].message, "This pipeline does not allow moving deals back from Proposal to Discovery.");
}

#[test]
fn closed_deals_reopen_only_when_allowed() {
    let pipeline = default_pipeline();
    let won = complete_deal("closed_won");
    let check = pipeline.check_move(&won, "negotiation", NOW).unwrap();
    assert_eq!(check.direction, Direction::Reopen);
    assert_eq!(kinds(&check), [reason(ReasonKind::TerminalStage, "closed_won", None)]);
    let check = pipeline.check_move(&won, "closed_lost", NOW).unwrap();
    assert_eq!(check.reasons[0].kind, ReasonKind::TerminalStage);
    let mut config = Pipeline::default_config();
    config["rules"]["allowReopen"] = json!(true);
    let lenient = Pipeline::compile(&config).unwrap();
    let check = lenient.check_move(&won, "negotiation", NOW).unwrap();
    assert!(check.allowed, "{:?}", check.reasons);
}

#[test]
fn deals_are_created_only_in_creation_stages() {
    let pipeline = default_pipeline();
    let new_deal = json!({ "company": "Acme" });
    let check = pipeline.check_move(&new_deal, "prospecting", NOW).unwrap();
    assert!(check.allowed);
    assert_eq!((check.direction, check.from), (Direction::Create, None));
    let err = pipeline.check_move(&json!({ "stage": null }), "demo", NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$"), "holds nothing the pipeline reads");
    let check = pipeline.check_move(&json!({ "stage": null, "company": "" }), "demo", NOW).unwrap_err();
    assert_eq!(check.code.as_str(), "INVALID_RECORD", "blank text holds nothing either");
    let check = pipeline.check_move(&json!({ "stage": null, "industry": "Software" }), "demo", NOW).unwrap();
    assert_eq!(
        kinds(&check),
        [
            reason(ReasonKind::NotAllowedCreationStage, "demo", None),
            reason(ReasonKind::UnmetEntryCriterion, "demo", Some("demo_scheduled")),
        ]
    );
    assert_eq!(check.reasons[0].message, "Deals cannot be created in Demo; create them in Prospecting or Discovery.");
}

#[test]
fn moving_to_the_current_stage_is_allowed_with_nothing_to_do() {
    let check = default_pipeline().check_move(&json!({ "stage": "demo" }), "demo", NOW).unwrap();
    assert!(check.allowed && check.reasons.is_empty() && check.warnings.is_empty());
    assert_eq!((check.direction, check.completeness), (Direction::Stay, 100));
}

#[test]
fn recommended_criteria_warn_without_blocking() {
    let mut deal = complete_deal("negotiation");
    deal["activities"] = json!([{ "type": "call", "at": "2025-10-01" }]);
    deal["finalAmount"] = json!(1);
    deal["contractTerms"] = json!("x");
    let check = default_pipeline().check_move(&deal, "closed_won", NOW).unwrap();
    assert!(check.allowed);
    let warnings: Vec<_> = check.warnings.iter().map(|w| (w.kind, w.criterion.as_deref())).collect();
    assert_eq!(
        warnings,
        [(ReasonKind::UnmetExitCriterion, Some("recent_activity")), (ReasonKind::UnmetEntryCriterion, Some("handoff_notes"))]
    );
}

#[test]
fn unknown_stages_and_pipelines_are_input_errors() {
    let pipeline = default_pipeline();
    let err = pipeline.check_move(&json!({ "stage": "demo" }), "unknown", NOW).unwrap_err();
    assert_eq!((err.kind, err.code.as_str(), err.path.as_str()), (ErrorKind::Input, "UNKNOWN_STAGE", "$.targetStageId"));
    assert!(err.message.contains("prospecting, discovery"), "{}", err.message);
    let by_label = pipeline.check_move(&json!({ "stage": "DEMO" }), "Proposal", NOW).unwrap();
    assert_eq!((by_label.from, by_label.to), (Some("demo"), "proposal"), "stages by id or label, in any case");
    let err = pipeline.check_move(&json!({ "stage": "Demonstration" }), "proposal", NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("UNKNOWN_STAGE", "$.stage"));
    let err = pipeline.check_move(&json!({ "stage": ["demo"] }), "proposal", NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$.stage"));
    let err = pipeline.check_move(&json!({ "stage": "demo", "pipeline": "renewals" }), "proposal", NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("UNKNOWN_PIPELINE", "$.pipeline"));
    let err = pipeline.check_move(&json!(["demo"]), "proposal", NOW).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$"));
}

#[test]
fn a_deal_is_checked_against_the_pipeline_it_names() {
    let mut renewals = Pipeline::default_config();
    renewals["id"] = json!("renewals");
    renewals["rules"]["allowSkip"] = json!(true);
    let pipeline = Pipeline::compile(&json!({ "pipelines": [Pipeline::default_config(), renewals] })).unwrap();
    let deal = complete_deal("discovery");
    assert!(!pipeline.check_move(&deal, "proposal", NOW).unwrap().allowed);
    let mut renewal = deal.clone();
    renewal["pipeline"] = json!("renewals");
    let check = pipeline.check_move(&renewal, "proposal", NOW).unwrap();
    assert!(check.allowed, "{:?}", check.reasons);
    assert_eq!(check.pipeline, "renewals");
}

#[test]
fn results_serialize_with_camel_case_names() {
    let check = default_pipeline().check_move(&json!({ "stage": "discovery" }), "proposal", NOW).unwrap();
    let json = serde_json::to_value(&check).unwrap();
    assert_eq!(json["direction"], "forward");
    assert_eq!(json["reasons"][0]["kind"], "skipped_stage");
    assert_eq!(json["reasons"][0]["severity"], "required");
    assert!(json["reasons"][0].get("criterion").is_none());
    let unmet = json["reasons"].as_array().unwrap().iter().find(|r| r["kind"] == "unmet_exit_criterion").unwrap();
    assert_eq!(unmet["criterion"], "pain_points");
    assert_eq!(unmet["failures"][0]["operator"], "filled");
}
