//! CRM operators at their boundaries, compile errors, explanations and criteria.

use pipescore::rules::{Criterion, EvalContext, Rule, MAX_DEPTH, MAX_NODES};
use pipescore::ErrorKind;
use serde_json::{json, Value};

/// 2024-06-10T00:00:00Z.
const NOW: i64 = 1_717_977_600_000;
const DAY: i64 = 86_400_000;

fn ctx() -> EvalContext {
    EvalContext::new(NOW)
}

fn eval(rule: Value, data: Value) -> Value {
    Rule::compile(&rule).unwrap_or_else(|e| panic!("{rule}: {e}")).evaluate(&data, &ctx())
}

fn check(cases: &[(Value, Value, Value)]) {
    for (rule, data, expected) in cases {
        assert_eq!(&eval(rule.clone(), data.clone()), expected, "rule {rule} on {data}");
    }
}

#[test]
fn days_since_and_until() {
    let since = |d: Value| json!({"days_since": d});
    check(&[
        (since(json!("2024-06-08T12:00:00Z")), json!(null), json!(1.5)),
        (since(json!("2024-06-10")), json!(null), json!(0)),
        (since(json!("2024-06-11")), json!(null), json!(-1)),
        (since(json!("2024-06-10T02:00:00+02:00")), json!(null), json!(0)),
        (since(json!(NOW - 3 * DAY)), json!(null), json!(3)),
        (since(json!({"var": "at"})), json!({}), json!(null)),
        (since(json!({"var": "at"})), json!({"at": "last tuesday"}), json!(null)),
        (since(json!({"var": "at"})), json!({"at": true}), json!(null)),
        (since(json!({"var": "at"})), json!({"at": [1]}), json!(null)),
        (json!({"days_until": "2024-06-17"}), json!(null), json!(7)),
        (json!({"days_until": {"var": "close"}}), json!({"close": null}), json!(null)),
        (json!({"now": []}), json!(null), json!(NOW)),
    ]);
}

#[test]
fn day_windows_include_both_ends() {
    let last = |d: Value, n: Value| json!({"within_last_days": [d, n]});
    let next = |d: Value, n: Value| json!({"within_next_days": [d, n]});
    check(&[
        (last(json!(NOW - 14 * DAY), json!(14)), json!(null), json!(true)),
        (last(json!(NOW - 14 * DAY - 1), json!(14)), json!(null), json!(false)),
        (last(json!(NOW), json!(0)), json!(null), json!(true)),
        (last(json!(NOW + 1), json!(14)), json!(null), json!(false)),
        (last(json!("2024-06-01"), json!("14")), json!(null), json!(true)),
        (last(json!("2024-06-01"), json!("two weeks")), json!(null), json!(false)),
        (last(json!({"var": "missing"}), json!(14)), json!({}), json!(false)),
        (next(json!(NOW + 14 * DAY), json!(14)), json!(null), json!(true)),
        (next(json!(NOW + 14 * DAY + 1), json!(14)), json!(null), json!(false)),
        (next(json!(NOW - 1), json!(14)), json!(null), json!(false)),
        (next(json!("2024-06-10T00:00:00Z"), json!(0)), json!(null), json!(true)),
    ]);
}

#[test]
fn date_comparisons() {
    check(&[
        (json!({"date_before": ["2024-06-01", {"now": []}]}), json!(null), json!(true)),
        (json!({"date_before": ["2024-06-01", "2024-06-01T00:00:00Z"]}), json!(null), json!(false)),
        (json!({"date_after": ["2024-06-01T00:00:01Z", "2024-06-01"]}), json!(null), json!(true)),
        (json!({"date_after": [null, "2024-06-01"]}), json!(null), json!(false)),
        (json!({"date_between": ["2024-04-01", "2024-04-01", "2024-06-30"]}), json!(null), json!(true)),
        (json!({"date_between": ["2024-06-30", "2024-04-01", "2024-06-30"]}), json!(null), json!(true)),
        (json!({"date_between": ["2024-07-01", "2024-04-01", "2024-06-30"]}), json!(null), json!(false)),
        (json!({"date_between": ["2024-05-01", "2024-06-30", "2024-04-01"]}), json!(null), json!(false)),
        (json!({"date_between": [{"var": "d"}, "2024-04-01", "2024-06-30"]}), json!({"d": "soon"}), json!(false)),
    ]);
}

#[test]
fn text_tests_ignore_case() {
    check(&[
        (json!({"contains": [{"var": "title"}, "vp"]}), json!({"title": "Senior VP, Sales"}), json!(true)),
        (json!({"contains": [{"var": "title"}, "ceo"]}), json!({"title": "Director"}), json!(false)),
        (json!({"contains": [{"var": "tags"}, "VIP"]}), json!({"tags": ["enterprise", "vip"]}), json!(true)),
        (json!({"contains": [{"var": "tags"}, "vi"]}), json!({"tags": ["enterprise", "vip"]}), json!(false)),
        (json!({"contains": [{"var": "tags"}, "x"]}), json!({"tags": {"x": 1}}), json!(false)),
        (json!({"contains": [{"var": "title"}, ""]}), json!({"title": "any"}), json!(true)),
        (json!({"contains": [{"var": "title"}, {"var": "nope"}]}), json!({"title": "any"}), json!(false)),
        (json!({"contains": [{"var": "nope"}, "a"]}), json!({}), json!(false)),
        (json!({"starts_with": [{"var": "email"}, "SALES@"]}), json!({"email": "sales@acme.com"}), json!(true)),
        (json!({"starts_with": [{"var": "zip"}, "94"]}), json!({"zip": 94107}), json!(true)),
        (json!({"ends_with": [{"var": "email"}, "@ACME.COM"]}), json!({"email": "ops@acme.com"}), json!(true)),
        (json!({"ends_with": [{"var": "email"}, "acme"]}), json!({"email": "ops@acme.com"}), json!(false)),
        (json!({"starts_with": ["Ölfeld", "öl"]}), json!(null), json!(true)),
    ]);
}

#[test]
fn emptiness() {
    for empty in [json!(null), json!(""), json!(" \n\t"), json!([]), json!({})] {
        assert_eq!(eval(json!({"is_empty": {"var": "x"}}), json!({"x": empty})), json!(true), "{empty}");
        assert_eq!(eval(json!({"filled": {"var": "x"}}), json!({"x": empty})), json!(false), "{empty}");
    }
    for filled in [json!(0), json!(false), json!("0"), json!([null]), json!({"a": null})] {
        assert_eq!(eval(json!({"filled": {"var": "x"}}), json!({"x": filled})), json!(true), "{filled}");
    }
    assert_eq!(eval(json!({"is_empty": {"var": "x"}}), json!({})), json!(true));
}

#[test]
fn count_evaluates_the_sub_rule_per_item() {
    let rule = json!({"count": [{"var": "activities"}, {"and": [
        {"==": [{"var": "type"}, "meeting"]},
        {"<=": [{"days_since": {"var": "at"}}, 14]}
    ]}]});
    let data = json!({"activities": [
        {"type": "meeting", "at": "2024-06-01"},
        {"type": "meeting", "at": "2024-05-01"},
        {"type": "call", "at": "2024-06-09"},
        {"type": "meeting", "at": "2024-06-09T15:00:00Z"},
        "junk", null
    ]});
    assert_eq!(eval(rule.clone(), data), json!(2));
    assert_eq!(eval(rule.clone(), json!({"activities": "none"})), json!(0));
    assert_eq!(eval(rule, json!(null)), json!(0));
    assert_eq!(eval(json!({"count": {"var": "xs"}}), json!({"xs": [0, 1, null]})), json!(3));
    assert_eq!(Rule::compile(&json!({"count": [{"var": "activities"}, {"var": "type"}]})).unwrap().fields(), ["activities"]);
}

fn compile_err(rule: Value) -> (ErrorKind, &'static str, String) {
    let e = Rule::compile(&rule).expect_err("should not compile");
    (e.kind, e.code.as_str(), e.path)
}

#[test]
fn compile_errors_name_code_and_path() {
    let cases = [
        (json!({"and": [true, {"frob": 1}]}), "UNKNOWN_OPERATOR", "$.and[1]"),
        (json!({"if": [{"var": "a"}, 1, {"or": [{"methodd": []}]}]}), "UNKNOWN_OPERATOR", "$.if[2].or[0]"),
        (json!({"and": [{"status": "won"}]}), "UNKNOWN_OPERATOR", "$.and[0]"),
        (json!({"var.x": 1}), "UNKNOWN_OPERATOR", "$"),
        (json!({"map": [[1], {"*": []}]}), "WRONG_ARITY", "$.map[1]"),
        (json!({"and": [{"within_last_days": [{"var": "d"}]}]}), "WRONG_ARITY", "$.and[0]"),
        (json!({"!": {"contains": ["a", "b", "c"]}}), "WRONG_ARITY", "$[\"!\"]"),
        (json!({"count": []}), "WRONG_ARITY", "$"),
        (json!({"now": [1]}), "WRONG_ARITY", "$"),
        (json!({"missing_some": [1]}), "WRONG_ARITY", "$"),
    ];
    for (rule, code, path) in cases {
        assert_eq!(compile_err(rule.clone()), (ErrorKind::Config, code, path.to_owned()), "{rule}");
    }
    let e = Rule::compile(&json!({"or": [{"days-since": "2024-01-01"}]})).unwrap_err();
    assert_eq!(e.message, "unknown operator \"days-since\" — did you mean \"days_since\"?");
}

#[test]
fn depth_and_size_limits() {
    let mut rule = json!({"var": "x"});
    for _ in 1..MAX_DEPTH {
        rule = json!({"and": [rule]});
    }
    assert!(Rule::compile(&rule).is_ok(), "{MAX_DEPTH} levels are allowed");
    let (_, code, path) = compile_err(json!({"and": [rule]}));
    assert_eq!(code, "TOO_DEEP");
    assert_eq!(path, format!("${}", ".and[0]".repeat(MAX_DEPTH)), "the `var` object one level too deep");

    let wide: Vec<Value> = (0..MAX_NODES).map(|i| json!({"==": [{"var": "x"}, i]})).collect();
    let (_, code, path) = compile_err(json!({"or": wide}));
    assert_eq!(code, "TOO_LARGE");
    assert!(path.starts_with("$.or["), "{path}");
    let e = Rule::compile(&json!({"in": [{"var": "zip"}, (0..MAX_NODES).collect::<Vec<_>>()]})).unwrap_err();
    assert!(e.message.contains("more than 10000 parts"), "{}", e.message);
}

#[test]
fn deep_rules_are_rejected_without_deep_recursion() {
    // Build and drop a 100,000-level rule on a large stack; compile it on a 1 MiB one (the
    // default wasm32 stack), in a debug build whose frames are larger than release ones.
    let big_stack = std::thread::Builder::new().stack_size(256 << 20);
    big_stack
        .spawn(|| {
            // (`json!` would copy `rule` on every step.)
            let mut rule = json!(true);
            for _ in 0..100_000 {
                rule = Value::Object([("!".to_owned(), Value::Array(vec![rule]))].into_iter().collect());
            }
            let code = std::thread::scope(|s| {
                let small = std::thread::Builder::new().stack_size(1 << 20);
                small.spawn_scoped(s, || Rule::compile(&rule).map(|_| ()).unwrap_err().code).unwrap().join().unwrap()
            });
            assert_eq!(code, "TOO_DEEP");
        })
        .unwrap()
        .join()
        .unwrap();
}

fn explain(rule: Value, data: Value) -> Vec<(String, Vec<String>, String)> {
    let why = Rule::compile(&rule).unwrap().explain(&data, &ctx());
    assert!(!why.passed, "{rule} passed on {data}");
    why.failures.into_iter().map(|f| (f.operator, f.fields, f.description)).collect()
}

fn failure(op: &str, fields: &[&str], description: &str) -> (String, Vec<String>, String) {
    (op.to_owned(), fields.iter().map(|f| f.to_string()).collect(), description.to_owned())
}

#[test]
fn explains_every_failing_condition_of_an_and() {
    let rule = json!({"and": [
        {">=": [{"var": "amount"}, 10000]},
        {"filled": {"var": "budget_range"}},
        {"<=": [{"days_since": {"var": "last_activity_at"}}, 14]},
        {"==": [{"var": "stage"}, "qualified"]}
    ]});
    let data = json!({"amount": 5000, "budget_range": "", "last_activity_at": "2024-05-19T12:00:00Z", "stage": "qualified"});
    assert_eq!(
        explain(rule, data),
        [
            failure(">=", &["amount"], "amount must be >= 10000 (is 5000)"),
            failure("filled", &["budget_range"], "budget_range is empty"),
            failure("<=", &["last_activity_at"], "days since last_activity_at must be <= 14 (is 21.5)"),
        ]
    );
}

#[test]
fn explains_or_not_and_mirrored_comparisons() {
    let rule = json!({"or": [{"<": [50, {"var": "employees"}]}, {"in": [{"var": "industry"}, ["SaaS", "Fintech"]]}]});
    assert_eq!(
        explain(rule, json!({"employees": 12, "industry": "Retail"})),
        [
            failure("<", &["employees"], "employees must be > 50 (is 12)"),
            failure("in", &["industry"], "industry must be one of \"SaaS\", \"Fintech\" (is \"Retail\")"),
        ]
    );
    let rule = json!({"!": {"or": [{"==": [{"var": "status"}, "churned"]}, {"contains": [{"var": "email"}, "@gmail."]}]}});
    assert_eq!(
        explain(rule, json!({"status": "active", "email": "Bob@Gmail.com"})),
        [failure("contains", &["email"], "email must not contain \"@gmail.\" (is \"Bob@Gmail.com\")")]
    );
    let rule = json!({"!": {"missing": ["email", "phone", "name"]}});
    assert_eq!(
        explain(rule, json!({"email": "", "name": "Ann"})),
        [failure("missing", &["email", "phone", "name"], "email, phone are missing")]
    );
}

#[test]
fn explains_between_windows_quantifiers_and_plain_values() {
    assert_eq!(
        explain(json!({"<=": [1, {"var": "seats"}, 10]}), json!({"seats": 0})),
        [failure("<=", &["seats"], "seats must be between 1 and 10 (is 0)")]
    );
    assert_eq!(
        explain(json!({"within_last_days": [{"var": "last_touch"}, 14]}), json!({"last_touch": "2024-05-19T12:00:00Z"})),
        [failure("within_last_days", &["last_touch"], "last_touch must be within the last 14 days (is 21.5 days ago)")]
    );
    assert_eq!(
        explain(json!({"within_last_days": [{"var": "last_touch"}, 14]}), json!({})),
        [failure("within_last_days", &["last_touch"], "last_touch must be within the last 14 days (is missing)")]
    );
    assert_eq!(
        explain(json!({"some": [{"var": "contacts"}, {"var": "decision_maker"}]}), json!({"contacts": [{}, {"decision_maker": false}]})),
        [failure("some", &["contacts"], "at least one item of contacts must match (0 of 2 do)")]
    );
    assert_eq!(
        explain(json!({">=": [{"count": [{"var": "meetings"}, {"var": "held"}]}, 2]}), json!({"meetings": [{"held": true}]})),
        [failure(">=", &["meetings"], "number of matching meetings must be >= 2 (is 1)")]
    );
    assert_eq!(
        explain(json!({"and": [{"var": "is_decision_maker"}, {"var": "email"}]}), json!({"is_decision_maker": false})),
        [
            failure("var", &["is_decision_maker"], "is_decision_maker must be true (is false)"),
            failure("var", &["email"], "email must not be empty (is missing)"),
        ]
    );
    assert_eq!(
        explain(json!({"if": [{"var": "enterprise"}, {">=": [{"var": "amount"}, 50000]}, false]}), json!({"enterprise": true, "amount": 100})),
        [failure(">=", &["amount"], "amount must be >= 50000 (is 100)")]
    );
}

#[test]
fn explanation_of_a_pass_is_empty_and_serializes_camel_case() {
    let rule = Rule::compile(&json!({"or": [{"var": "a"}, {"var": "b"}]})).unwrap();
    let why = rule.explain(&json!({"b": "yes"}), &ctx());
    assert!(why.passed && why.failures.is_empty());
    assert_eq!(why.value, json!("yes"));
    let failing = rule.explain(&json!({}), &ctx());
    assert_eq!(
        serde_json::to_value(&failing).unwrap(),
        json!({"value": null, "passed": false, "failures": [
            {"operator": "var", "fields": ["a"], "description": "a must not be empty (is missing)"},
            {"operator": "var", "fields": ["b"], "description": "b must not be empty (is missing)"}
        ]})
    );
}

#[test]
fn criteria_from_objects_or_bare_rules() {
    let c = Criterion::compile(&json!({
        "id": "recent", "label": "Recent activity", "severity": "warning", "fields": ["last_activity_at", "activities"],
        "rule": {"within_last_days": [{"var": "last_activity_at"}, 14]}
    }))
    .unwrap();
    let outcome = c.check(&json!({"last_activity_at": "2024-01-01"}), &ctx());
    assert_eq!(
        serde_json::to_value(&outcome).unwrap(),
        json!({
            "id": "recent", "label": "Recent activity", "passed": false, "severity": "warning",
            "message": "last_activity_at must be within the last 14 days (is 161 days ago)",
            "fields": ["last_activity_at", "activities"],
            "failures": [{"operator": "within_last_days", "fields": ["last_activity_at"],
                "description": "last_activity_at must be within the last 14 days (is 161 days ago)"}]
        })
    );
    let passed = c.check(&json!({"last_activity_at": "2024-06-09"}), &ctx());
    assert!(passed.passed && passed.message.is_none() && passed.failures.is_empty());

    let bare = Criterion::compile(&json!({"filled": {"var": "phone"}})).unwrap();
    assert_eq!((bare.id.as_deref(), bare.fields.as_slice()), (None, ["phone".to_owned()].as_slice()));
    assert_eq!(bare.check(&json!({}), &ctx()).message.as_deref(), Some("phone is empty"));
    let literal = Criterion::compile(&json!({"a": 1, "b": 2})).unwrap();
    assert!(literal.check(&json!({}), &ctx()).passed, "a multi-key object without `rule` is a literal");
}

#[test]
fn criterion_errors_point_into_the_object() {
    let err = |v: Value| Criterion::compile(&v).unwrap_err();
    let e = err(json!({"label": "x", "rule": {"and": [{"frob": 1}]}}));
    assert_eq!((e.code.as_str(), e.path.as_str()), ("UNKNOWN_OPERATOR", "$.rule.and[0]"));
    let e = err(json!({"label": 5, "rule": true}));
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_SHAPE", "$.label"));
    let e = err(json!({"label": "x"}));
    assert_eq!(e.code, "INVALID_SHAPE");
    assert!(e.message.contains("rule"), "{}", e.message);
    let e = err(json!({"lable": "x", "rule": true}));
    assert_eq!(e.code, "INVALID_SHAPE");
    assert!(e.message.contains("lable"), "{}", e.message);
}

#[test]
fn rules_say_whether_they_read_now() {
    let reads = |rule: Value| Rule::compile(&rule).unwrap().reads_now();
    assert!(reads(json!({"now": []})));
    assert!(reads(json!({"and": [{"filled": {"var": "a"}}, {"<=": [{"days_since": {"var": "at"}}, 3]}]})));
    assert!(reads(json!({"some": [{"var": "activities"}, {"within_last_days": [{"var": "at"}, 14]}]})));
    assert!(reads(json!({"var": [{"cat": ["a", {"within_next_days": ["2024-06-01", 1]}]}]})));
    assert!(!reads(json!({"date_before": [{"var": "closeDate"}, "2024-06-01"]})));
    assert!(!reads(json!({">=": [{"count": [{"var": "contacts"}]}, 1]})));
}
