//! Rules never panic, whatever the rule or record, and a compiled rule is reused as is.

use pipescore::rules::{Criterion, EvalContext, Rule};
use serde_json::{json, Map, Value};

mod rules_support;

/// A small deterministic generator (xorshift64*).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

const OPERATORS: &[&str] = &[
    "var", "missing", "missing_some", "if", "?:", "and", "or", "!", "!!", "==", "!=", "===", "!==", "<", "<=", ">", ">=",
    "+", "-", "*", "/", "%", "min", "max", "map", "filter", "reduce", "all", "some", "none", "merge", "in", "cat",
    "substr", "log", "now", "days_since", "days_until", "date_before", "date_after", "date_between", "within_last_days",
    "within_next_days", "contains", "starts_with", "ends_with", "is_empty", "filled", "count",
];

const PATHS: &[&str] = &[
    "a", "b", "a.b", "a.b.c", "arr", "arr.0", "arr.99999999999", "arr.length", "s", "s.5", "s.length", "", ".", "x..y",
    "constructor", "__proto__", "toString", "current", "accumulator", "items.0.at", "deep", "0",
];

fn scalar(g: &mut Gen) -> Value {
    match g.below(4) {
        0 => g.pick(&[json!(null), json!(true), json!(false)]),
        1 => g.pick(&[
            json!(0), json!(-0.0), json!(1), json!(-1), json!(2.5), json!(1e308), json!(-1e308), json!(5e-324),
            json!(i64::MAX), json!(u64::MAX), json!(i64::MIN), json!(8.64e15), json!(8.7e15), json!(1_717_977_600_000_i64),
        ]),
        _ => g.pick(&[
            json!(""), json!(" "), json!("0"), json!("-0"), json!("0x1F"), json!("1e400"), json!("-1e400"), json!("abc"),
            json!("İSTANBUL"), json!("😀x"), json!("\u{feff}7"), json!("2024-02-29"), json!("2024-13-01"),
            json!("2024-06-01T10:00:00+05:30"), json!("9999-12-31T23:59:59.999Z"), json!("a".repeat(300)), json!("1,2"),
        ]),
    }
}

fn record(g: &mut Gen, depth: usize) -> Value {
    if depth == 0 || g.below(3) == 0 {
        return scalar(g);
    }
    if g.below(2) == 0 {
        Value::Array((0..g.below(4)).map(|_| record(g, depth - 1)).collect())
    } else {
        let keys = ["a", "b", "c", "arr", "s", "items", "at", "current", "length", "0"];
        let map: Map<String, Value> = (0..g.below(5)).map(|_| (g.pick(&keys).to_owned(), record(g, depth - 1))).collect();
        Value::Object(map)
    }
}

fn rule(g: &mut Gen, depth: usize) -> Value {
    if depth == 0 || g.below(4) == 0 {
        return match g.below(3) {
            0 => json!({"var": g.pick(PATHS)}),
            1 => scalar(g),
            _ => json!([scalar(g), {"var": g.pick(PATHS)}]),
        };
    }
    let op = g.pick(OPERATORS);
    let args: Vec<Value> = (0..g.below(5)).map(|_| rule(g, depth - 1)).collect();
    let args = if args.len() == 1 && g.below(2) == 0 { args.into_iter().next().unwrap_or_default() } else { Value::Array(args) };
    json!({ op: args })
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

const CODES: &[&str] = &["UNKNOWN_OPERATOR", "WRONG_ARITY", "TOO_DEEP", "TOO_LARGE"];

#[test]
fn random_rules_on_random_records_never_panic_and_agree_with_themselves() {
    // PIPESCORE_FUZZ_CASES / PIPESCORE_FUZZ_SEED run a longer or different sweep locally.
    let env = |name: &str, default: u64| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let cases = env("PIPESCORE_FUZZ_CASES", 20_000);
    let mut g = Gen(env("PIPESCORE_FUZZ_SEED", 0x9e37_79b9_7f4a_7c15) | 1);
    let contexts = [EvalContext::new(1_717_977_600_000), EvalContext::new(i64::MAX), EvalContext::new(i64::MIN)];
    let (mut compiled, mut rejected) = (0, 0);
    for i in 0..cases as usize {
        let (rule_depth, record_depth) = (1 + g.below(5), 1 + g.below(5));
        let source = rule(&mut g, rule_depth);
        let data = record(&mut g, record_depth);
        let ctx = contexts[i % contexts.len()];
        let rule = match Rule::compile(&source) {
            Ok(rule) => rule,
            Err(e) => {
                assert!(CODES.contains(&e.code.as_str()), "{source}: {e}");
                rejected += 1;
                continue;
            }
        };
        compiled += 1;
        let value = rule.evaluate(&data, &ctx);
        let passed = rule.is_truthy(&data, &ctx);
        let why = rule.explain(&data, &ctx);
        let context = format!("rule {source}\ndata {data}");
        assert_eq!(why.value, value, "{context}");
        assert_eq!(why.passed, passed, "{context}");
        assert!(value.is_null() || truthy(&value) == passed, "{context}");
        assert_eq!(why.failures.is_empty(), passed, "{context}");
        rules_support::assert_rows_agree(&rule, &data, &ctx, &context);
        let outcome = Criterion::from_rule(rule).check(&data, &ctx);
        assert_eq!(outcome.passed, passed, "{context}");
    }
    assert!(compiled > cases / 2 && rejected > cases / 20, "{compiled} compiled, {rejected} rejected");
}

/// Runs `f` on a 1 MiB stack (the default for wasm32), in a debug build.
fn on_wasm_sized_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| std::thread::Builder::new().stack_size(1 << 20).spawn_scoped(s, f).unwrap().join().unwrap())
}

#[test]
fn deeply_nested_records_do_not_overflow_the_stack() {
    std::thread::Builder::new()
        .stack_size(256 << 20) // building and dropping the record recurses in serde_json
        .spawn(|| {
            let mut deep = json!("x");
            for _ in 0..100_000 {
                deep = Value::Array(vec![deep, json!(1)]);
            }
            let data = Value::Object([("deep".to_owned(), deep)].into_iter().collect());
            let ctx = EvalContext::new(0);
            let rules = [
                json!({"cat": [{"var": "deep"}, "!"]}),
                json!({"==": [{"var": "deep"}, "x"]}),
                json!({"<": [{"var": "deep"}, 1]}),
                json!({"in": ["x", {"var": "deep"}]}),
                json!({"substr": [{"var": "deep"}, 0, 3]}),
                json!({"+": [{"var": "deep"}, 1]}),
                json!({"contains": [{"var": "deep"}, "x"]}),
                json!({"missing": [{"var": "deep"}]}),
                json!({"and": [{"!": {"var": "deep"}}, {"is_empty": {"var": "deep"}}]}),
            ];
            on_wasm_sized_stack(|| {
                for source in &rules {
                    let rule = Rule::compile(source).unwrap();
                    let _ = (rule.is_truthy(&data, &ctx), rule.explain(&data, &ctx).failures);
                }
                let cat = Rule::compile(&rules[0]).unwrap().evaluate(&data, &ctx);
                assert_eq!(cat.as_str().map(str::len), Some(1 + 2 * 100_000 + 1));
            });
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn reduce_nesting_as_deep_as_a_record_is_long_does_not_overflow_the_stack() {
    let data = json!({"xs": vec![1; 100_000]});
    let wrap_each = json!({"reduce": [{"var": "xs"}, [{"var": "accumulator"}], []]});
    let scope_chain = json!({"reduce": [{"var": "xs"}, {"var": ""}, 0]});
    let results: Vec<Value> = on_wasm_sized_stack(|| {
        let ctx = EvalContext::new(0);
        let mut results = Vec::new();
        for source in [&wrap_each, &scope_chain] {
            let rule = Rule::compile(source).unwrap();
            assert!(rule.is_truthy(&data, &ctx));
            results.push(rule.evaluate(&data, &ctx));
            let joined = Rule::compile(&json!({"cat": [source]})).unwrap().evaluate(&data, &ctx);
            assert!(joined.is_string());
            let negated = Rule::compile(&json!({"!": source})).unwrap();
            assert_eq!(negated.explain(&data, &ctx).failures.len(), 1);
        }
        results
    });
    // The results nest 100,000 levels; serde_json drops them recursively, so on a big stack.
    std::thread::Builder::new().stack_size(256 << 20).spawn(move || drop(results)).unwrap().join().unwrap();
}

#[test]
fn the_deepest_allowed_rule_evaluates_on_a_wasm_sized_stack() {
    let mut source = json!({"var": "x"});
    for i in 1..pipescore::rules::MAX_DEPTH {
        source = match i % 4 {
            0 => json!({"and": [true, source]}),
            1 => json!({"!": [source]}),
            2 => json!({"map": [[1, 2], source]}),
            _ => json!({"if": [source, 1, 2]}),
        };
    }
    let rule = Rule::compile(&source).unwrap();
    on_wasm_sized_stack(|| {
        let ctx = EvalContext::new(0);
        let data = json!({"x": 1});
        let _ = (rule.evaluate(&data, &ctx), rule.explain(&data, &ctx), rule.is_truthy(&data, &ctx));
    });
}

#[test]
fn compiled_rules_can_be_shared() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<Rule>();
    shareable::<Criterion>();
}

#[test]
fn a_compiled_rule_evaluates_many_records_without_its_source() {
    let rule = {
        let source = json!({"and": [
            {">=": [{"var": "amount"}, 10000]},
            {"in": [{"var": "industry"}, ["SaaS", "Fintech"]]},
            {"within_last_days": [{"var": "last_activity_at"}, 14]}
        ]});
        Rule::compile(&source).unwrap()
        // `source` is dropped here: evaluation uses only the compiled form.
    };
    let ctx = EvalContext::new(1_717_977_600_000); // 2024-06-10
    let industries = ["SaaS", "Fintech", "Retail", "saas"];
    let mut expected = 0;
    let mut passed = 0;
    for i in 0..10_000_i64 {
        let (amount, industry, days_ago) = (i * 7 % 20_000, industries[(i % 4) as usize], i % 30);
        let record = json!({
            "amount": if i % 5 == 0 { json!(amount.to_string()) } else { json!(amount) },
            "industry": industry,
            "last_activity_at": 1_717_977_600_000 - days_ago * 86_400_000,
        });
        expected += usize::from(amount >= 10_000 && (industry == "SaaS" || industry == "Fintech") && days_ago <= 14);
        passed += usize::from(rule.is_truthy(&record, &ctx));
        assert_eq!(rule.evaluate(&record, &ctx), json!(rule.is_truthy(&record, &ctx)));
    }
    assert_eq!(passed, expected);
    assert!(expected > 1000, "{expected}");
}

/// `reduce` that merges onto the accumulator appends in place: 200,000 items (hours were each
/// step to copy the accumulator; a fraction of a second as it is), with the results `merge`
/// gives step by step.
#[test]
fn reduce_merging_onto_the_accumulator_scales_linearly() {
    let ctx = EvalContext::new(0);
    let collect = Rule::compile(&json!({"reduce": [{"var": "items"}, {"merge": [{"var": "accumulator"}, {"var": "current"}]}, []]})).unwrap();
    let items: Vec<Value> = (0..200_000).map(|i| if i % 3 == 0 { json!([i, [i]]) } else { json!(i) }).collect();
    let out = collect.evaluate(&json!({ "items": items }), &ctx);
    let out = out.as_array().unwrap();
    assert_eq!(out.len(), 200_000 + 200_000 / 3 + 1);
    assert_eq!((&out[0], &out[1], &out[2]), (&json!(0), &json!([0]), &json!(1)));
    // The same as the general fold, also where the accumulator is kept in the merged value or
    // does not start as an array.
    for (reducer, initial, expected) in [
        (json!({"merge": [{"var": "accumulator"}, [{"var": "accumulator"}]]}), json!([0]), json!([0, [0], [0, [0]]])),
        (json!({"merge": [{"var": "accumulator"}, {"var": "current"}]}), json!(7), json!([7, 1, 2])),
        (json!({"merge": [{"var": "accumulator"}, {"var": "current"}, [{"var": "current"}]]}), json!(null), json!([null, 1, 1, 2, 2])),
    ] {
        let rule = Rule::compile(&json!({"reduce": [[1, 2], reducer, initial]})).unwrap();
        assert_eq!(rule.evaluate(&json!({}), &ctx), expected, "{reducer}");
    }
}

/// Objects a rule returns from the record keep their keys in the record's order, as
/// json-logic-js returns them.
#[test]
fn objects_from_the_record_keep_their_key_order() {
    let record: Value = serde_json::from_str(r#"{"b": 1, "a": {"z": 1, "y": 2}, "c": [{"q": 1, "p": 2}]}"#).unwrap();
    let ctx = EvalContext::new(0);
    let whole = Rule::compile(&json!({"var": ""})).unwrap().evaluate(&record, &ctx);
    assert_eq!(serde_json::to_string(&whole).unwrap(), r#"{"b":1,"a":{"z":1,"y":2},"c":[{"q":1,"p":2}]}"#);
    let items = Rule::compile(&json!({"map": [{"var": "c"}, {"var": ""}]})).unwrap().evaluate(&record, &ctx);
    assert_eq!(serde_json::to_string(&items).unwrap(), r#"[{"q":1,"p":2}]"#);
}
