//! Stage gates: handoff checklists and SLA status around their deadlines.

use pipescore::gates::{Pipeline, SlaState};
use pipescore::time::{format_datetime, HOUR_MS, MINUTE_MS};
use pipescore::ErrorKind;
use serde_json::{json, Value};
use std::sync::OnceLock;

/// An MQL created at 2025-11-24T16:00:00Z.
const MQL_AT: i64 = 1_764_000_000_000;
/// Its 5-minute SLA deadline.
const DUE: i64 = MQL_AT + 5 * MINUTE_MS;

fn pipeline() -> &'static Pipeline {
    static DEFAULT: OnceLock<Pipeline> = OnceLock::new();
    DEFAULT.get_or_init(|| Pipeline::compile(&Pipeline::default_config()).unwrap())
}

fn lead(first_contact: Option<i64>) -> Value {
    let mut lead = json!({
        "email": "ada@acme.test", "firstName": "Ada", "lastName": "Lovelace", "company": "Acme",
        "leadSource": "webinar", "activities": [{ "type": "form_fill", "at": "2025-11-24T15:58:00Z" }],
        "mqlAt": format_datetime(MQL_AT)
    });
    if let Some(at) = first_contact {
        lead["firstContactAt"] = json!(at);
    }
    lead
}

fn sla_at(record: &Value, now: i64) -> (SlaState, Option<i64>, Option<i64>) {
    let check = pipeline().check_handoff("marketing_to_sdr", record, now).unwrap();
    let sla = check.sla.expect("the handoff has an SLA");
    (sla.status, sla.remaining_ms, sla.overdue_ms)
}

#[test]
fn contact_exactly_at_the_deadline_meets_the_sla() {
    assert_eq!(sla_at(&lead(Some(DUE - 1)), DUE + HOUR_MS), (SlaState::Met, None, None));
    assert_eq!(sla_at(&lead(Some(DUE)), DUE + HOUR_MS), (SlaState::Met, None, None));
    assert_eq!(sla_at(&lead(Some(DUE + 1)), DUE + HOUR_MS), (SlaState::Breached, None, Some(1)));
}

#[test]
fn no_contact_is_pending_until_the_deadline_then_breached() {
    assert_eq!(sla_at(&lead(None), MQL_AT), (SlaState::Pending, Some(5 * MINUTE_MS), None));
    assert_eq!(sla_at(&lead(None), DUE - 1), (SlaState::Pending, Some(1), None));
    assert_eq!(sla_at(&lead(None), DUE), (SlaState::Pending, Some(0), None));
    assert_eq!(sla_at(&lead(None), DUE + 1), (SlaState::Breached, None, Some(1)));
}

#[test]
fn the_sla_reports_its_instants() {
    let check = pipeline().check_handoff("marketing_to_sdr", &lead(Some(MQL_AT + 90_000)), DUE).unwrap();
    let sla = check.sla.unwrap();
    assert_eq!(sla.started_at.as_deref(), Some("2025-11-24T16:00:00.000Z"));
    assert_eq!(sla.due_at.as_deref(), Some("2025-11-24T16:05:00.000Z"));
    assert_eq!(sla.completed_at.as_deref(), Some("2025-11-24T16:01:30.000Z"));
    assert_eq!((sla.elapsed_ms, sla.within_ms), (Some(90_000), 5 * MINUTE_MS));
    assert_eq!((sla.start_field.as_str(), sla.done_field.as_str()), ("mqlAt", "firstContactAt"));
}

#[test]
fn without_a_start_the_sla_has_not_started() {
    let mut record = lead(None);
    record.as_object_mut().unwrap().remove("mqlAt");
    let check = pipeline().check_handoff("marketing_to_sdr", &record, DUE + HOUR_MS).unwrap();
    assert!(!check.triggered, "the trigger is an MQL date");
    let sla = check.sla.unwrap();
    assert_eq!((sla.status, sla.due_at), (SlaState::NotStarted, None));
}

#[test]
fn the_sla_runs_only_once_the_handoff_is_triggered() {
    let deal = json!({ "stage": "negotiation", "closedWonAt": "2025-11-24T16:00:00Z" });
    let check = pipeline().check_handoff("ae_to_cs", &deal, DUE).unwrap();
    assert!(!check.triggered);
    assert_eq!(check.sla.unwrap().status, SlaState::NotStarted);
    let won = json!({ "stage": "closed_won", "closedWonAt": "2025-11-24T16:00:00Z" });
    let at = |now: i64| pipeline().check_handoff("ae_to_cs", &won, now).unwrap().sla.unwrap().status;
    assert_eq!(at(MQL_AT + 24 * HOUR_MS), SlaState::Pending);
    assert_eq!(at(MQL_AT + 24 * HOUR_MS + 1), SlaState::Breached);
}

#[test]
fn completeness_counts_required_fields_and_required_checklist_items() {
    let check = pipeline().check_handoff("marketing_to_sdr", &lead(None), MQL_AT).unwrap();
    assert!(check.triggered && check.complete);
    assert_eq!(check.completeness, 100);
    assert_eq!(check.checklist.unmet[0].id.as_deref(), Some("phone"), "phone is recommended");
    let mut sparse = lead(None);
    sparse["leadSource"] = json!("");
    sparse["activities"] = json!([]);
    let check = pipeline().check_handoff("marketing_to_sdr", &sparse, MQL_AT).unwrap();
    assert!(!check.complete);
    assert_eq!(check.completeness, 66, "4 of 6: five fields and the engagement history");
    let missing: Vec<_> = check.required_fields.iter().filter(|f| !f.filled).map(|f| f.field.as_str()).collect();
    assert_eq!(missing, ["leadSource"]);
    assert_eq!(check.checklist.completeness, 0);
    assert_eq!((check.from, check.to, check.label), ("marketing", "sdr", "Marketing → SDR"));
}

#[test]
fn sdr_to_ae_checks_qualification_and_a_24_hour_acceptance() {
    let sql = json!({
        "company": "Acme", "contacts": [{ "name": "Ada", "role": "decision_maker" }],
        "painPoints": "Manual forecasting", "budgetRange": "20-40k", "timeline": "Q1",
        "meetingAt": "2025-11-26T10:00:00Z", "sqlAt": "2025-11-24T16:00:00Z", "aeAcceptedAt": "2025-11-25T15:59:59Z"
    });
    let check = pipeline().check_handoff("sdr_to_ae", &sql, DUE + 48 * HOUR_MS).unwrap();
    assert!(check.complete && check.checklist.unmet.is_empty());
    assert_eq!(check.sla.unwrap().status, SlaState::Met);
}

#[test]
fn bad_handoff_input_is_reported() {
    let err = pipeline().check_handoff("sales_to_finance", &lead(None), MQL_AT).unwrap_err();
    assert_eq!((err.kind, err.code.as_str(), err.path.as_str()), (ErrorKind::Input, "UNKNOWN_HANDOFF", "$.handoffId"));
    assert!(err.message.contains("marketing_to_sdr, sdr_to_ae, ae_to_cs"), "{}", err.message);
    let mut record = lead(None);
    record["firstContactAt"] = json!("right away");
    let err = pipeline().check_handoff("marketing_to_sdr", &record, MQL_AT).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_DATE", "$.firstContactAt"));
    let err = pipeline().check_handoff("marketing_to_sdr", &json!("lead"), MQL_AT).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$"));
}

#[test]
fn the_check_serializes_for_js() {
    let check = pipeline().check_handoff("marketing_to_sdr", &lead(None), DUE - 1).unwrap();
    let json = serde_json::to_value(&check).unwrap();
    assert_eq!(json["sla"]["status"], "pending");
    assert_eq!(json["sla"]["remainingMs"], 1);
    assert_eq!(json["sla"]["overdueMs"], Value::Null);
    assert_eq!(json["requiredFields"][0], json!({ "field": "email", "filled": true }));
    assert_eq!(json["checklist"]["completeness"], 100);
}
