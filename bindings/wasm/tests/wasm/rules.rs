//! The rule language in wasm: the official JsonLogic suite through the core, and the `Rule`
//! binding's typed errors.
use js_sys::JSON;
use pipescore_wasm::rules::Rule;
use pipescore::rules::{self, EvalContext};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::support::{js, text};

const SUITE: &str = include_str!("../../../../tests/fixtures/jsonlogic-tests.json");

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
    assert!(wasm_bindgen::JsCast::is_instance_of::<js_sys::Error>(&*err));
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

#[wasm_bindgen_test]
fn case_insensitive_operators_fold_non_ascii_text_through_the_host() {
    pipescore_wasm::host::register();
    let data = js(r#"{"city": "MÜNCHEN", "title": "ΔΙΕΥΘΥΝΤΗΣ Πωλήσεων"}"#);
    for (rule, expected) in [
        (r#"{"contains": [{"var": "city"}, "münchen"]}"#, true),
        (r#"{"starts_with": [{"var": "title"}, "διευθυντής"]}"#, false),
        (r#"{"starts_with": [{"var": "title"}, "διευθυντης"]}"#, true),
        (r#"{"ends_with": [{"var": "title"}, "ΠΩΛΉΣΕΩΝ"]}"#, true),
        (r#"{"contains": [{"var": "city"}, "munchen"]}"#, false),
    ] {
        let value = Rule::new(js(rule)).unwrap().evaluate(data.clone(), JsValue::UNDEFINED).unwrap();
        assert_eq!(value, JsValue::from_bool(expected), "{rule}");
    }
}

/// In wasm, non-ASCII text is case-mapped by the JS host (`String.prototype.toLowerCase` and
/// `toUpperCase`) instead of std's tables: both must map every character alike. (Σ maps to σ
/// here: each character stands alone, so none is word-final.)
#[wasm_bindgen_test]
fn the_hosts_case_mapping_is_std_s_for_every_character() {
    let chars: Vec<char> = ('\u{80}'..=char::MAX).collect();
    let rust_lower: Vec<String> = chars.iter().map(|c| c.to_string().to_lowercase()).collect();
    let rust_upper: Vec<String> = chars.iter().map(|c| c.to_string().to_uppercase()).collect();
    let joined: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
    let host_lower = String::from(js_sys::JsString::from(joined.as_str()).to_lower_case());
    let host_upper = String::from(js_sys::JsString::from(joined.as_str()).to_upper_case());
    let differ = |rust: &[String], host: &str| -> Vec<String> {
        let host: Vec<&str> = host.split('\n').collect();
        chars.iter().zip(rust).zip(&host).filter(|((_, r), h)| r.as_str() != **h).map(|((c, r), h)| format!("U+{:04X}: {r:?} vs {h:?}", *c as u32)).collect()
    };
    let (lower, upper) = (differ(&rust_lower, &host_lower), differ(&rust_upper, &host_upper));
    assert!(lower.is_empty() && upper.is_empty(), "toLowerCase differs on {lower:?}, toUpperCase on {upper:?}");
}

#[wasm_bindgen_test]
fn lone_surrogates_read_as_replacement_characters_and_keys_keep_their_order() {
    let rule = Rule::new(js(r#"{"var": ""}"#)).unwrap();
    // JSON.parse makes lone surrogates (which a Rust string can't hold) from the escapes.
    let record = js(r#"{"b": "x\ud800", "a": "\udc00y", "pair": "\ud83d\ude00", "c": "\\ud800"}"#);
    let out = rule.evaluate(record, JsValue::UNDEFINED).unwrap();
    assert_eq!(
        JSON::stringify(&out).unwrap().as_string().unwrap(),
        r#"{"b":"x\ufffd","a":"\ufffdy","pair":"😀","c":"\\ud800"}"#.replace("\\ufffd", "\u{fffd}")
    );
}

#[wasm_bindgen_test]
fn a_throwing_getter_is_an_unserializable_input_error_at_its_path() {
    let rule = Rule::new(js(r#"{"var": "a"}"#)).unwrap();
    let record = js_sys::Function::new_no_args("return { a: 1, get b() { throw new Error('boom'); } }").call0(&JsValue::NULL).unwrap();
    let err = rule.evaluate(record, JsValue::UNDEFINED).err().expect("an error");
    assert_eq!((text(&err, "code"), text(&err, "path")), ("UNSERIALIZABLE".into(), "$.b".into()));
    assert_eq!(rule.evaluate(js(r#"{"a": 2}"#), JsValue::UNDEFINED).unwrap().as_f64(), Some(2.0));
}
