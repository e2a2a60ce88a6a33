//! `DealHealth` through its wasm bindings: JS values in, JS values and typed errors out.

use js_sys::Array;
use pipescore_wasm::health::{JsDealHealth, JsDealSet};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::support::{get, js, num, options_at, text};

/// `{ now: new Date("2026-11-24T00:00:00Z"), ...extra }`.
fn options(extra: &str) -> JsValue {
    options_at("2026-11-24T00:00:00Z", extra)
}

const AT_RISK: &str = r#"{
  "id": "D-0977", "stage": "negotiation", "amount": 30000,
  "createdAt": "2026-09-01", "stageEnteredAt": "2026-11-06", "closeDate": "2026-11-30",
  "closeDatePushes": 2, "contractSentAt": "2026-11-03", "nextStep": "Send the revised order form",
  "amountHistory": [{ "amount": 36000, "changedAt": "2026-10-01" }],
  "contacts": [{ "name": "Kim Park", "role": "champion" }, { "name": "Alex Roy", "role": "decision_maker" }],
  "activities": [
    { "type": "email", "at": "2026-11-03", "contact": "Kim Park" },
    { "type": "meeting", "at": "2026-10-28", "contact": "Alex Roy" },
    { "type": "call", "at": "2026-10-20", "contact": "Kim Park" }
  ]
}"#;

#[wasm_bindgen_test]
fn the_default_config_scores_a_deal_with_its_explanations() {
    let health = JsDealHealth::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let r = health.score(js(AT_RISK), options("{}")).unwrap();
    assert_eq!((num(&r, "score"), text(&r, "band")), (51.0, "at_risk".into()));
    assert_eq!(text(&r, "id"), "D-0977");
    assert_eq!(text(&r, "factors.0.signal"), "last_activity");
    assert_eq!(text(&r, "factors.0.reason"), "No activity in 21 days");
    assert_eq!(text(&r, "factors.0.action"), "Schedule a follow-up with Kim Park, the champion");
    assert_eq!(
        (num(&r, "factors.0.subScore"), num(&r, "factors.0.weight"), num(&r, "factors.0.impact")),
        (0.0, 15.0, 15.0)
    );
    assert_eq!(num(&r, "factors.0.detail.daysSinceLastActivity"), 21.0);
    assert!(get(&r, "factors.12.action").is_null(), "a full factor has no action");
    assert_eq!(text(&r, "warnings.0.id"), "no_activity");
    assert_eq!(text(&r, "warnings.0.severity"), "warning");
    assert_eq!(Array::from(&get(&r, "skipped")).length(), 0);
}

#[wasm_bindgen_test]
fn options_and_null_arguments() {
    let health = JsDealHealth::new(JsValue::NULL, JsValue::NULL).unwrap();
    let top = health.score(js(AT_RISK), options(r#"{"topFactors": 2}"#)).unwrap();
    assert_eq!((num(&top, "score"), Array::from(&get(&top, "factors")).length()), (51.0, 2));
    let brief = health.score(js(AT_RISK), options(r#"{"explain": false}"#)).unwrap();
    assert_eq!(Array::from(&get(&brief, "factors")).length(), 0);
    let iso = health.score(js(AT_RISK), js(r#"{"now": "2026-11-24"}"#)).unwrap();
    assert_eq!(num(&iso, "score"), 51.0);
    let err = health.score(js(AT_RISK), options(r#"{"topFactors": "all"}"#)).unwrap_err();
    assert_eq!((text(&err, "code"), text(&err, "path")), ("INVALID_OPTION".into(), "$.topFactors".into()));
    let closed = health.score(js(r#"{"stage": "closed_won"}"#), options("{}")).unwrap();
    assert!(get(&closed, "score").is_null());
    assert_eq!(text(&closed, "band"), "closed");
}

#[wasm_bindgen_test]
fn a_custom_config_and_pipeline_config() {
    let config = js(r#"{"signals": {"last_activity": {"weight": 0}}, "bands": {"healthy": 50}}"#);
    let pipeline = js(r#"{"id": "p", "label": "P", "stages": [
        {"id": "open", "label": "Open", "probability": 0.5, "forecastCategory": "pipeline", "expectedDays": 5},
        {"id": "won", "label": "Won", "probability": 1, "forecastCategory": "closed", "outcome": "won"},
        {"id": "lost", "label": "Lost", "probability": 0, "forecastCategory": "omitted", "outcome": "lost"}]}"#);
    let health = JsDealHealth::new(config, pipeline).unwrap();
    let r = health.score(js(r#"{"stage": "open", "stageEnteredAt": "2026-11-14"}"#), options("{}")).unwrap();
    let factors = Array::from(&get(&r, "factors"));
    assert!(factors.iter().all(|f| text(&f, "signal") != "last_activity"));
    let stage = factors.iter().find(|f| text(f, "signal") == "stage_duration").unwrap();
    assert_eq!(text(&stage, "reason"), "10 days in Open (expected 5 days)");
    let err = health.score(js(r#"{"stage": "proposal"}"#), options("{}")).unwrap_err();
    assert_eq!((text(&err, "code"), text(&err, "path")), ("UNKNOWN_STAGE".into(), "$.stage".into()));
}

#[wasm_bindgen_test]
fn bad_configs_throw_config_errors_with_paths() {
    let err =
        JsDealHealth::new(js(r#"{"signals": {"last_activity": {"fullDays": 30}}}"#), JsValue::UNDEFINED).err().unwrap();
    assert_eq!(text(&err, "name"), "PipescoreConfigError");
    assert_eq!(
        (text(&err, "code"), text(&err, "path")),
        ("THRESHOLDS_NOT_ORDERED".into(), "$.signals.last_activity.zeroDays".into())
    );
    let err = JsDealHealth::new(JsValue::UNDEFINED, js(r#"{"id": 5, "label": "P", "stages": []}"#)).err().unwrap();
    assert_eq!(text(&err, "name"), "PipescoreConfigError");
    assert_eq!((text(&err, "code"), text(&err, "path")), ("INVALID_SHAPE".into(), "$.pipeline.id".into()));
    let config = JsDealHealth::default_config().unwrap();
    assert_eq!(num(&config, "signals.last_activity.weight"), 15.0);
    assert!(JsDealHealth::new(config, JsValue::UNDEFINED).is_ok(), "the default config round-trips");
}

#[wasm_bindgen_test]
fn score_many_returns_per_deal_errors() {
    let health = JsDealHealth::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let deals = js(&format!(
        r#"[{AT_RISK}, {{"stage": "demo", "activities": [{{"at": "2026-02-30"}}]}}, 7, {{"stage": "demo"}}]"#
    ));
    let results: Array = health.score_many(deals, options("{}")).unwrap().into();
    assert_eq!(results.length(), 4);
    assert_eq!(num(&results, "0.score"), 51.0);
    assert_eq!(text(&results, "1.error.name"), "PipescoreInputError");
    assert_eq!(
        (text(&results, "1.error.code"), text(&results, "1.error.path")),
        ("INVALID_DATE".into(), "$[1].activities[0].at".into())
    );
    assert_eq!(
        (text(&results, "2.error.code"), text(&results, "2.error.path")),
        ("INVALID_RECORD".into(), "$[2]".into())
    );
    assert_eq!(text(&results, "3.band"), "critical");
    let err = health.score_many(js("{}"), options("{}")).unwrap_err();
    assert_eq!(text(&err, "code"), "NOT_A_LIST");
    let err = health.score(js(r#"{"stage": "demo", "closeDate": "someday"}"#), options("{}")).unwrap_err();
    assert_eq!(text(&err, "name"), "PipescoreInputError");
    assert_eq!((text(&err, "code"), text(&err, "path")), ("INVALID_DATE".into(), "$.closeDate".into()));
}

#[wasm_bindgen_test]
fn a_deal_set_scores_as_the_array_it_was_read_from() {
    let health = JsDealHealth::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    let deals = format!(r#"[{AT_RISK}, {{"stage": "demo", "activities": [{{"at": "2026-02-30"}}]}}, 7, {{"stage": "closed_won"}}]"#);
    let set = JsDealSet::new(js(&deals)).unwrap();
    assert_eq!(set.length(), 4);
    for extra in ["{}", r#"{"topFactors": 2}"#, r#"{"explain": false}"#] {
        // Both packed (the package's scoreMany unpacks them: tests/js/health.test.mjs).
        let from_set = health.score_set(&set, options(extra)).unwrap();
        let from_array = health.score_many_packed(js(&deals), options(extra)).unwrap();
        assert_eq!(js_sys::JSON::stringify(&from_set).unwrap(), js_sys::JSON::stringify(&from_array).unwrap(), "{extra}");
    }
    let packed = health.score_set(&set, options("{}")).unwrap();
    // `[words, ints, nums, text]`.
    assert_eq!(get(&packed, "1.0").as_f64(), Some(4.0), "the deal count comes first");
    assert!(text(&packed, "3").contains("$[1].activities[0].at"));
    let err = JsDealSet::new(js(r#"{"stage": "demo"}"#)).err().unwrap();
    assert_eq!((text(&err, "code"), text(&err, "path")), ("NOT_A_LIST".into(), "$".into()));
}
