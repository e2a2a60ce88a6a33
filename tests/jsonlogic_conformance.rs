//! The official JsonLogic conformance suite (`tests/fixtures/jsonlogic-tests.json`), plus
//! differential cases whose expected values json-logic-js 2.0.5 computed
//! (`tests/fixtures/jsonlogic-js-differential.json`; see `tests/fixtures/README.md`).

use pipescore::rules::{EvalContext, Rule};
use serde_json::Value;

mod rules_support;

/// Number of cases in the official suite (strings in it are section headers).
const OFFICIAL_CASES: usize = 277;

fn load(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
}

/// JSON equality where numbers compare by value (`1` equals `1.0`), like JS after `JSON.parse`,
/// and objects have the same keys in the same order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => close(x.as_f64(), y.as_f64()),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| k == l && same(v, w))
        }
        _ => a == b,
    }
}

/// Numbers equal to within a few units in the last place: serde_json (without its
/// `float_roundtrip` feature) may read a 17-digit expected value slightly off, e.g.
/// `1.1102230246251565e-16` (2^-53, what JS prints for `1 / 2**53`) two doubles low. The
/// evaluator's arithmetic itself is IEEE-exact like JS.
fn close(x: Option<f64>, y: Option<f64>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => x == y || (x.signum() == y.signum() && x.to_bits().abs_diff(y.to_bits()) <= 4),
        _ => x == y,
    }
}

/// JsonLogic truthiness of a JSON value.
fn jsonlogic_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(_) => true,
    }
}

/// Runs `[rule, data, expected]` cases; returns how many ran and the failure reports.
fn run(cases: &[Value]) -> (usize, Vec<String>) {
    let ctx = EvalContext::new(0);
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in cases.iter().filter_map(Value::as_array) {
        let [rule, data, expected] = case.as_slice() else { panic!("malformed case {case:?}") };
        ran += 1;
        let actual = match Rule::compile(rule) {
            Ok(compiled) => {
                rules_support::assert_rows_agree(&compiled, data, &ctx, &format!("rule {rule}, data {data}"));
                compiled.evaluate(data, &ctx)
            }
            Err(e) => Value::String(format!("compile error: {e}")),
        };
        // `is_truthy` must agree with the value (a `null` result may stand for a truthy Infinity).
        let truthy = Rule::compile(rule).map(|r| r.is_truthy(data, &ctx));
        let consistent = actual.is_null() || truthy.ok() == Some(jsonlogic_truthy(&actual));
        if !same(&actual, expected) || !consistent {
            failures.push(format!("rule: {rule}\n  data: {data}\n  expected: {expected}\n  actual: {actual}"));
        }
    }
    (ran, failures)
}

#[test]
fn official_suite_passes() {
    let (ran, failures) = run(&load("jsonlogic-tests.json"));
    assert!(failures.is_empty(), "{} of {ran} cases failed:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(ran, OFFICIAL_CASES);
}

#[test]
fn matches_json_logic_js_on_differential_cases() {
    let (ran, failures) = run(&load("jsonlogic-js-differential.json"));
    assert!(failures.is_empty(), "{} of {ran} cases failed:\n{}", failures.len(), failures.join("\n"));
    assert!(ran > 1000, "only {ran} differential cases");
}
