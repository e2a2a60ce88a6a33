//! Native fuzz of the core's readers and compilers (proptest, a fixed seed and case count):
//! arbitrary JSON — and JSON shaped like what each engine reads, with any value in any place —
//! through the reading contract (`read`), the rule compiler and evaluator, every engine's
//! config compiler and its evaluation, and the metrics text reader. Nothing may panic, every
//! error has a code, a path from `$` and a message, and a compiled rule gives the same answer
//! twice.

use pipescore::gates::Pipeline;
use pipescore::health::{DealHealth, ScoreOptions as HealthOptions};
use pipescore::metrics::{self, MetricsOptions};
use pipescore::read::{self, Raw};
use pipescore::rules::{Criterion, EvalContext, Rule};
use pipescore::scoring::{self, LeadScorer, Mode, ScoreOptions};
use pipescore::Error;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::{json, Map, Value};

const NOW: i64 = 1_795_521_600_000; // 2026-11-24T12:00:00Z

/// A fixed seed, so a failure is found again; `PROPTEST_CASES` runs more cases.
fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases),
        rng_seed: RngSeed::Fixed(20_261_124),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Keys that engines read, and a few that trip readers (`__proto__`, empty, dotted).
const KEYS: &[&str] = &[
    "id", "stage", "amount", "closeDate", "createdAt", "stageEnteredAt", "activities", "at", "type", "contacts", "role",
    "stageHistory", "enteredAt", "email", "jobTitle", "employees", "events", "var", "and", "or", "if", "in", "==", "<",
    "rule", "groups", "rules", "points", "when", "stages", "pipelines", "exit", "signals", "weight", "deals", "leads",
    "quotas", "reps", "now", "period", "__proto__", "", "a.b", "0", "current", "accumulator", "merge", "reduce", "map",
];

/// Texts that trip readers: dates in and out of range, numbers as text, blanks, odd Unicode.
const TEXTS: &[&str] = &[
    "", " ", "2026-11-24", "2026-11-24T09:30:00Z", "2026-02-30", "99999-01-01", "-0001-01-01", "1e309", "12,50", "NaN",
    "0x10", "true", "proposal", "closed_won", "Closed Won", "\u{fffd}", "é", "\u{1f600}", "\u{0}", "a.b.c", "1.5",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![0.0, -0.0, 1e21, -1e21, 8.64e15, 8.64e15 + 1.0, 1e11, 2f64.powi(53), f64::MAX, f64::MIN_POSITIVE])
            .prop_map(|f| json!(f)),
        prop::sample::select(TEXTS).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ]
}

/// Any JSON value, up to a few levels deep, with the keys engines read.
fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>())),
        ]
    })
}

/// `base` with the value at one place (picked by `at`) replaced by `replacement`, or a member
/// added where the place is an object.
fn mutated(base: &Value, at: usize, key: &str, replacement: Value) -> Value {
    let mut copy = base.clone();
    let mut places = 0;
    count(&copy, &mut places);
    let mut target = at % places.max(1);
    replace(&mut copy, &mut target, key, replacement);
    copy
}

fn count(v: &Value, n: &mut usize) {
    *n += 1;
    match v {
        Value::Array(items) => items.iter().for_each(|i| count(i, n)),
        Value::Object(map) => map.values().for_each(|i| count(i, n)),
        _ => {}
    }
}

fn replace(v: &mut Value, target: &mut usize, key: &str, replacement: Value) -> bool {
    if *target == 0 {
        match v {
            Value::Object(map) if !key.is_empty() => {
                map.insert(key.to_owned(), replacement);
            }
            _ => *v = replacement,
        }
        return true;
    }
    *target -= 1;
    match v {
        Value::Array(items) => items.iter_mut().any(|i| replace(i, target, key, replacement.clone())),
        Value::Object(map) => map.values_mut().any(|i| replace(i, target, key, replacement.clone())),
        _ => false,
    }
}

/// A well-formed error: a code, a path from `$`, a message.
fn well_formed(e: &Error) -> bool {
    e.path.starts_with('$') && !e.message.is_empty() && !e.code.as_str().is_empty()
}

fn known_configs() -> [Value; 4] {
    [
        scoring::default_model(),
        Pipeline::default_config(),
        DealHealth::default_config(),
        json!({"and": [{">": [{"var": "amount"}, 100]}, {"reduce": [{"var": "items"}, {"merge": [{"var": "accumulator"}, {"var": "current"}]}, []]}]}),
    ]
}

fn known_records() -> [Value; 3] {
    [
        json!({"id": "d1", "stage": "proposal", "amount": 12000, "createdAt": "2026-09-01", "closeDate": "2026-12-01",
               "stageHistory": [{"stage": "discovery", "enteredAt": "2026-09-10"}], "activities": [{"type": "call", "at": "2026-11-20"}],
               "contacts": [{"name": "Kim", "role": "champion"}]}),
        json!({"email": "kim@acme.com", "jobTitle": "VP", "employees": 500, "events": [{"type": "demo_request", "at": "2026-11-20"}]}),
        json!({"deals": [{"id": "d1", "stage": "closed_won", "amount": 5, "closedAt": "2026-11-01"}], "leads": [{"createdAt": "2026-10-01"}],
               "quotas": {"reps": [{"owner": "ana", "quota": 100, "startDate": "2026-01-01"}]}}),
    ]
}

proptest! {
    #![proptest_config(config(400))]

    /// The reading contract answers every value, and its errors name the field.
    #[test]
    fn readers_never_panic(v in value()) {
        let raw = Raw::from(&v);
        for result in [read::number(raw).map(|_| ()), read::date(raw).map(|_| ()), read::boolean(raw).map(|_| ()), read::text(raw).map(|_| ())] {
            if let Err(e) = result {
                prop_assert!(well_formed(&e.at("$.field")));
            }
        }
        let _ = read::describe(raw);
        let _ = read::CrmShape::of(&v);
    }

    /// Any JSON compiles to a rule or a config error; a rule evaluates any record, the same twice.
    #[test]
    fn the_rule_compiler_and_evaluator_never_panic(rule in value(), record in value()) {
        let ctx = EvalContext::new(NOW);
        match Rule::compile(&rule) {
            Ok(compiled) => {
                let first = compiled.evaluate(&record, &ctx);
                prop_assert_eq!(&first, &compiled.evaluate(&record, &ctx));
                let _ = compiled.is_truthy(&record, &ctx);
                let _ = compiled.explain(&record, &ctx);
            }
            Err(e) => prop_assert!(well_formed(&e)),
        }
        if let Err(e) = Criterion::compile(&rule) {
            prop_assert!(well_formed(&e));
        }
    }

    /// Known configs with any value put anywhere compile or fail with a well-formed error; what
    /// compiles evaluates any record.
    #[test]
    fn configs_with_any_value_anywhere_compile_or_fail_cleanly(which in 0usize..4, at in any::<usize>(), key in prop::sample::select(KEYS), v in value(), record in value()) {
        let config = mutated(&known_configs()[which], at, key, v);
        let check = |r: pipescore::Result<()>| r.err().map_or(true, |e| well_formed(&e));
        match which {
            0 => if let Ok(s) = LeadScorer::compile(&config) {
                prop_assert!(check(s.score(&record, NOW, Mode::Strict).map(|_| ())));
                let partial = ScoreOptions { mode: Mode::Partial, explain: false };
                prop_assert!(check(s.score_with(&record, NOW, partial).map(|_| ())));
            },
            1 => if let Ok(p) = Pipeline::compile(&config) {
                prop_assert!(check(p.check(&record, NOW).map(|_| ())));
                prop_assert!(check(p.check_move(&record, "negotiation", NOW).map(|_| ())));
            },
            2 => if let Ok(h) = DealHealth::compile(&config) {
                prop_assert!(check(h.score(&record, NOW, &HealthOptions::default()).map(|_| ())));
            },
            _ => if let Ok(r) = Rule::compile(&config) {
                let _ = r.evaluate(&record, &EvalContext::new(NOW));
            },
        }
        let errors = [LeadScorer::compile(&config).err(), Pipeline::compile(&config).err(), DealHealth::compile(&config).err()];
        prop_assert!(errors.iter().flatten().all(well_formed));
    }

    /// Known records with any value put anywhere: every engine scores them or says why.
    #[test]
    fn records_with_any_value_anywhere_are_read_or_refused_cleanly(which in 0usize..3, at in any::<usize>(), key in prop::sample::select(KEYS), v in value()) {
        let record = mutated(&known_records()[which], at, key, v);
        let scorer = LeadScorer::with_default_model().unwrap();
        let pipeline = Pipeline::compile(&Pipeline::default_config()).unwrap();
        let health = DealHealth::compile(&Value::Null).unwrap();
        let results = [
            scorer.score(&record, NOW, Mode::Strict).map(|_| ()),
            pipeline.check(&record, NOW).map(|_| ()),
            health.score(&record, NOW, &HealthOptions::default()).map(|_| ()),
            metrics::parse_input_str(&record.to_string()).and_then(|input| {
                metrics::compute_metrics(&input, &MetricsOptions::from_json(&Value::Null, NOW)?).map(|_| ())
            }),
        ];
        for result in results {
            if let Err(e) = result {
                prop_assert!(well_formed(&e), "{e:?}");
            }
        }
    }

    /// The metrics reader takes any text (JSON or not) and any options.
    #[test]
    fn metrics_text_and_options_are_read_or_refused_cleanly(text in "\\PC{0,40}", options in value()) {
        if let Err(e) = metrics::parse_input_str(&text) {
            prop_assert!(well_formed(&e));
        }
        if let Err(e) = MetricsOptions::from_json(&options, NOW) {
            prop_assert!(well_formed(&e));
        }
    }
}
