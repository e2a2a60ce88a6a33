//! The rule language in wasm: the official JsonLogic suite through the core, and the `Rule`
//! binding's typed errors.
use js_sys::JSON;
use pipescore::bindings::rules::Rule;
use pipescore::rules::{self, EvalContext};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::support::{js, text};

const SUITE: &str = include_str!("../fixtures/jsonlogic-tests.json");

#[wasm_bindgen_test]
fn the_official_jsonlogic_suite_passes_in_wasm() {
    let cases: Vec<Value> = serde_json::from_str(SUITE).unwrap();
    let ctx = EvalContext::new(0);
    let mut ran = 0;
    for case in cases.iter().filter_map(Value::as_array) {
        let (rule, data, expected) = (&case[0], &case[1], &case[2]);
        let compiled = rules::Rule::compile(rule).unwrap_or_else(|e| panic!("{rule}: {e}"));
        assert_eq!(&compiled.evaluate(data, &ctx), expected, "rule {rule} data {data}");
        ran += 1;
    }
    assert_eq!(ran, 277);
}

#[wasm_bindgen_test]
fn a_bad_rule_throws_a_typed_config_error_and_the_instance_keeps_working() {
    let err = Rule::new(js(r#"{"and": [true, {"frobnicate": [1]}]}"#)).err().expect("compile error");
    assert!(wasm_bindgen::JsCast::is_instance_of::<js_sys::Error>(&err));
    assert_eq!(text(&err, "name"), "PipescoreConfigError");
    assert_eq!(text(&err, "code"), "UNKNOWN_OPERATOR");
    assert_eq!(text(&err, "path"), "$.and[1]");
    assert!(text(&err, "message").contains("frobnicate"));

    let rule = Rule::new(js(r#"{">=": [{"var": "amount"}, 100]}"#)).unwrap();
    let value = rule.evaluate(js(r#"{"amount": 150}"#), JsValue::UNDEFINED).unwrap();
    assert_eq!(value, JsValue::TRUE);
}

#[wasm_bindgen_test]
fn a_bad_now_throws_a_typed_input_error() {
    let rule = Rule::new(js(r#"{"days_since": {"var": "at"}}"#)).unwrap();
    let err = rule.evaluate(js(r#"{"at": "2024-01-01"}"#), js(r#"{"now": "not a date"}"#)).unwrap_err();
    assert_eq!(text(&err, "name"), "PipescoreInputError");
    assert_eq!(text(&err, "code"), "INVALID_NOW");
    assert_eq!(text(&err, "path"), "$.now");
    let days = rule.evaluate(js(r#"{"at": "2024-01-01"}"#), js(r#"{"now": "2024-01-11"}"#)).unwrap();
    assert_eq!(days.as_f64(), Some(10.0));
}

#[wasm_bindgen_test]
fn evaluate_many_keeps_order_and_explain_names_fields() {
    let rule = Rule::new(js(r#"{"filled": {"var": "budget_range"}}"#)).unwrap();
    let values = rule.evaluate_many(js(r#"[{"budget_range": "10-50k"}, {}, {"budget_range": " "}]"#), JsValue::UNDEFINED).unwrap();
    assert_eq!(JSON::stringify(&values).unwrap().as_string().unwrap(), "[true,false,false]");
    let why = rule.explain(js("{}"), JsValue::UNDEFINED).unwrap();
    let text = JSON::stringify(&why).unwrap().as_string().unwrap();
    assert!(text.contains("budget_range"), "{text}");
    assert!(text.contains(r#""passed":false"#), "{text}");
}
