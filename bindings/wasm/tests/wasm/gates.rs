//! `Pipeline` through its wasm bindings: JS values in, JS values and typed errors out.

use js_sys::{Array, Date, Reflect};
use pipescore_wasm::gates::JsPipeline;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::support::{get, js, options_at, text};

/// `{ now: new Date(iso) }`.
fn at(iso: &str) -> JsValue {
    options_at(iso, "{}")
}

fn default_pipeline() -> JsPipeline {
    JsPipeline::new(JsValue::UNDEFINED).unwrap()
}

#[wasm_bindgen_test]
fn a_skip_is_refused_with_every_reason() {
    let deal = js(r#"{"stage": "discovery", "painPoints": "Manual forecasts", "budgetRange": "20-40k",
                      "timeline": "Q1", "contacts": [{"name": "Ada", "role": "decision_maker"}]}"#);
    let result = default_pipeline().check_move(deal, "proposal".into(), at("2025-11-24T16:00:00Z")).unwrap();
    assert_eq!(get(&result, "allowed").as_bool(), Some(false));
    let reasons: Vec<String> = Array::from(&get(&result, "reasons"))
        .iter()
        .map(|r| format!("{}:{}", text(&r, "kind"), text(&r, "stage")))
        .collect();
    assert_eq!(
        reasons,
        ["skipped_stage:demo", "unmet_exit_criterion:demo", "unmet_exit_criterion:demo", "unmet_exit_criterion:demo",
         "unmet_exit_criterion:demo", "unmet_entry_criterion:demo", "missing_required_field:proposal"]
    );
    assert_eq!(text(&result, "reasons.5.criterion"), "demo_scheduled");
    assert_eq!(text(&result, "direction"), "forward");
}

#[wasm_bindgen_test]
fn a_check_reports_exit_criteria_and_completeness() {
    let deal = js(r#"{"stage": "proposal", "amount": 36000, "terms": "12 months"}"#);
    let result = default_pipeline().check(deal, JsValue::UNDEFINED).unwrap();
    assert_eq!(text(&result, "exit.unmet.0.id"), "decision_date");
    assert_eq!(get(&result, "exit.completeness").as_f64(), Some(66.0));
    assert_eq!(text(&result, "stage.forecastCategory"), "best_case");
    assert_eq!(text(&result, "nextStage"), "negotiation");
}

#[wasm_bindgen_test]
fn dates_in_records_and_options_are_read() {
    let lead = js(r#"{"email": "a@b.c", "firstName": "A", "lastName": "B", "company": "C", "leadSource": "ads",
                      "activities": [{"type": "form_fill"}]}"#);
    Reflect::set(&lead, &"mqlAt".into(), &Date::new(&JsValue::from_str("2025-11-24T16:00:00Z"))).unwrap();
    let pipeline = default_pipeline();
    let status = |now: &str| {
        let r = pipeline.check_handoff("marketing_to_sdr".into(), lead.clone(), at(now)).unwrap();
        (text(&r, "sla.status"), get(&r, "sla.remainingMs").as_f64())
    };
    assert_eq!(status("2025-11-24T16:04:59.999Z"), ("pending".to_owned(), Some(1.0)));
    assert_eq!(status("2025-11-24T16:05:00.000Z"), ("pending".to_owned(), Some(0.0)));
    assert_eq!(status("2025-11-24T16:05:00.001Z"), ("breached".to_owned(), None));
}

#[wasm_bindgen_test]
fn errors_are_typed_with_code_and_path() {
    let pipeline = default_pipeline();
    let err = pipeline.check_move(js(r#"{"stage": "demo"}"#), "unknown".into(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!((text(&err, "name"), text(&err, "code"), text(&err, "path")),
               ("PipescoreInputError".into(), "UNKNOWN_STAGE".into(), "$.targetStageId".into()));
    let err = pipeline.check_move(js(r#"{"stage": "demo"}"#), JsValue::from(3), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(text(&err, "code"), "INVALID_ID");
    let err = pipeline.check(js(r#"{"stage": "demo"}"#), js("5")).unwrap_err();
    assert_eq!(text(&err, "code"), "INVALID_OPTION");
    let config = JsPipeline::default_config().unwrap();
    Reflect::set(&get(&config, "stages.3.exit.0"), &"rule".into(), &js(r#"{"fillled": {"var": "amount"}}"#)).unwrap();
    let err = JsPipeline::new(config).err().unwrap();
    assert_eq!((text(&err, "name"), text(&err, "code"), text(&err, "path")),
               ("PipescoreConfigError".into(), "UNKNOWN_OPERATOR".into(), "$.stages[3].exit[0].rule".into()));
    let still_works = pipeline.check(js(r#"{"stage": "demo"}"#), JsValue::UNDEFINED).unwrap();
    assert_eq!(text(&still_works, "stage.id"), "demo");
}

#[wasm_bindgen_test]
fn the_stage_table_is_exposed() {
    let stages = default_pipeline().stages(JsValue::UNDEFINED).unwrap();
    assert_eq!(Array::from(&stages).length(), 7);
    assert_eq!(text(&stages, "6.outcome"), "lost");
    assert_eq!(get(&stages, "2.expectedDays").as_f64(), Some(10.0));
    let err = default_pipeline().stages("renewals".into()).unwrap_err();
    assert_eq!((text(&err, "code"), text(&err, "path")), ("UNKNOWN_PIPELINE".into(), "$.pipelineId".into()));
}
