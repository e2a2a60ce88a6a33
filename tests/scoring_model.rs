//! Scoring models: validation on compile, with typed codes and precise paths.

use pipescore::scoring::{default_model, LeadScorer};
use pipescore::ErrorKind;
use serde_json::{json, Value};

/// A small valid model; tests break one thing at a time.
fn model() -> Value {
    json!({
        "groups": [
            {"id": "fit", "type": "fit", "rules": [{"id": "a", "points": 10, "when": true}]},
            {"id": "eng", "type": "engagement", "decay": {"type": "exponential", "halfLifeDays": 30},
             "rules": [{"id": "b", "points": 5, "event": "page_view", "frequency": "perOccurrence", "maxOccurrences": 3}]}
        ],
        "grades": {"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 30, "2": 20, "3": 10}}
    })
}

/// Compiles `model()` changed by `edit`, expecting a config error.
fn error(edit: impl FnOnce(&mut Value)) -> (String, String, String) {
    let mut m = model();
    edit(&mut m);
    let err = LeadScorer::compile(&m).expect_err("the model should be rejected");
    assert_eq!(err.kind, ErrorKind::Config);
    (err.code.as_str().to_owned(), err.path, err.message)
}

#[test]
fn the_base_model_and_the_default_model_compile() {
    LeadScorer::compile(&model()).unwrap();
    LeadScorer::with_default_model().unwrap();
    assert!(default_model()["groups"].as_array().is_some_and(|g| g.len() == 4));
}

#[test]
fn unknown_group_type() {
    let (code, path, message) = error(|m| m["groups"][1]["type"] = json!("behavior"));
    assert_eq!((code.as_str(), path.as_str()), ("UNKNOWN_GROUP_TYPE", "$.groups[1].type"));
    assert!(message.contains("\"behavior\""), "{message}");
}

#[test]
fn points_not_a_number() {
    let (code, path, message) = error(|m| m["groups"][0]["rules"][0]["points"] = json!("ten"));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$.groups[0].rules[0].points"));
    assert!(message.contains("expected a number"), "{message}");
    let (code, path, _) = error(|m| m["groups"][0]["rules"][0]["points"] = json!(1e7));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_POINTS", "$.groups[0].rules[0].points"));
}

#[test]
fn cap_min_above_max_and_caps_on_the_wrong_side_of_zero() {
    let (code, path, _) = error(|m| m["groups"][0]["cap"] = json!({"min": 0, "max": -10}));
    assert_eq!((code.as_str(), path.as_str()), ("CAP_MIN_ABOVE_MAX", "$.groups[0].cap"));
    let (code, path, _) = error(|m| m["cap"] = json!({"min": 10, "max": 100}));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_CAP", "$.cap.min"));
    let (code, path, _) = error(|m| m["groups"][1]["cap"] = json!({"max": -5}));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_CAP", "$.groups[1].cap.max"));
}

#[test]
fn decay_with_zero_half_life_or_bad_steps() {
    let (code, path, _) = error(|m| m["groups"][1]["decay"]["halfLifeDays"] = json!(0));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_DECAY", "$.groups[1].decay.halfLifeDays"));
    let stepwise = |rate: f64, period: f64| {
        move |m: &mut Value| {
            m["groups"][1]["decay"] = json!({"type": "stepwise", "rate": rate, "periodDays": period});
        }
    };
    assert_eq!(error(stepwise(0.0, 30.0)).1, "$.groups[1].decay.rate");
    assert_eq!(error(stepwise(1.5, 30.0)).1, "$.groups[1].decay.rate");
    assert_eq!(error(stepwise(0.5, -1.0)).1, "$.groups[1].decay.periodDays");
    let (code, path, _) = error(|m| m["groups"][1]["decay"] = json!({"type": "linear"}));
    assert_eq!((code.as_str(), path.as_str()), ("UNKNOWN_DECAY_TYPE", "$.groups[1].decay.type"));
    let (code, path, _) = error(|m| m["groups"][1]["decay"] = json!({"type": "exponential"}));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_DECAY", "$.groups[1].decay.halfLifeDays"));
    let (code, path, _) = error(|m| m["groups"][1]["decay"]["rate"] = json!(0.5));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_DECAY", "$.groups[1].decay.rate"));
    let (code, path, _) = error(|m| m["groups"][1]["decay"]["halfLifeDays"] = json!("30"));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$.groups[1].decay.halfLifeDays"));
    let (code, path, _) = error(|m| m["groups"][1]["timeframeDays"] = json!(0));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_TIMEFRAME", "$.groups[1].timeframeDays"));
    let (code, path, _) = error(|m| m["groups"][0]["decay"] = json!({"type": "exponential", "halfLifeDays": 3}));
    assert_eq!((code.as_str(), path.as_str()), ("TIME_ON_FIT_GROUP", "$.groups[0].decay"));
}

#[test]
fn duplicate_ids() {
    let (code, path, _) = error(|m| m["groups"][1]["rules"][0]["id"] = json!("a"));
    assert_eq!((code.as_str(), path.as_str()), ("DUPLICATE_ID", "$.groups[1].rules[0].id"));
    let (code, path, _) = error(|m| m["groups"][1]["id"] = json!("fit"));
    assert_eq!((code.as_str(), path.as_str()), ("DUPLICATE_ID", "$.groups[1].id"));
    let (code, path, _) = error(|m| m["groups"][0]["rules"][0]["id"] = json!(" "));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_ID", "$.groups[0].rules[0].id"));
}

#[test]
fn rule_criteria_must_fit_the_group() {
    let (code, path, _) = error(|m| m["groups"][0]["rules"][0] = json!({"id": "x", "points": 1}));
    assert_eq!((code.as_str(), path.as_str()), ("MISSING_CRITERION", "$.groups[0].rules[0]"));
    let (code, path, _) = error(|m| m["groups"][0]["rules"][0]["event"] = json!("page_view"));
    assert_eq!((code.as_str(), path.as_str()), ("CONFLICTING_CRITERIA", "$.groups[0].rules[0].event"));
    let (code, path, _) =
        error(|m| m["groups"][0]["rules"][0] = json!({"id": "x", "points": 1, "event": "demo_request"}));
    assert_eq!((code.as_str(), path.as_str()), ("EVENT_RULE_IN_FIT_GROUP", "$.groups[0].rules[0].event"));
    let (code, path, _) = error(|m| m["groups"][1]["rules"][0]["event"] = json!(["page_view", 3]));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_EVENT_NAME", "$.groups[1].rules[0].event[1]"));
    let (code, path, _) = error(|m| m["groups"][1]["rules"][0]["maxOccurrences"] = json!(0));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_FREQUENCY", "$.groups[1].rules[0].maxOccurrences"));
    let (code, path, _) = error(|m| m["groups"][1]["rules"][0]["frequency"] = json!("once"));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_FREQUENCY", "$.groups[1].rules[0].maxOccurrences"));
    let (code, path, _) = error(|m| m["groups"][0]["rules"][0]["frequency"] = json!("perOccurrence"));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_FREQUENCY", "$.groups[0].rules[0].frequency"));
    let (code, path, _) = error(|m| m["groups"][1]["rules"][0]["frequency"] = json!("always"));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$.groups[1].rules[0].frequency"));
}

#[test]
fn unknown_keys_are_typos_with_a_path() {
    let (code, path, message) = error(|m| m["groups"][1]["halfLifeDays"] = json!(30));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$.groups[1].halfLifeDays"));
    assert!(message.contains("unknown field"), "{message}");
    let (code, path, _) = error(|m| m["grades"]["fit"]["D"] = json!(0));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$.grades.fit.D"));
    let (code, path, _) = error(|m| m["fields"] = json!({"employees": "integer"}));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$.fields.employees"));
}

#[test]
fn weights_grades_and_lifecycle_are_checked() {
    let (code, path, _) = error(|m| m["weights"] = json!({"fit": -1}));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_WEIGHT", "$.weights.fit"));
    let (code, path, _) = error(|m| m["grades"]["engagement"]["2"] = json!(30));
    assert_eq!((code.as_str(), path.as_str()), ("GRADES_NOT_DESCENDING", "$.grades.engagement[\"2\"]"));
    let (code, path, _) = error(|m| m["lifecycle"] = json!({"stages": [{"stage": "mql"}]}));
    assert_eq!((code.as_str(), path.as_str()), ("EMPTY_STAGE", "$.lifecycle.stages[0]"));
    let (code, path, _) = error(|m| {
        m["lifecycle"] = json!({"stages": [{"stage": "mql", "minScore": 1}, {"stage": "mql", "minScore": 2}]})
    });
    assert_eq!((code.as_str(), path.as_str()), ("DUPLICATE_ID", "$.lifecycle.stages[1].stage"));
    let (code, path, _) = error(|m| m["lifecycle"] = json!({"stages": [{"stage": "lead", "minScore": 1}]}));
    assert_eq!((code.as_str(), path.as_str()), ("DUPLICATE_ID", "$.lifecycle.stages[0].stage"));
    let (code, path, _) = error(|m| m["groups"] = json!([]));
    assert_eq!((code.as_str(), path.as_str()), ("NO_GROUPS", "$.groups"));
    let (code, path, message) = error(|m| drop(m.as_object_mut().unwrap().remove("grades")));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$"));
    assert!(message.contains("grades"), "{message}");
    let (code, path, _) = error(|m| *m = json!([]));
    assert_eq!((code.as_str(), path.as_str()), ("INVALID_SHAPE", "$"));
}
