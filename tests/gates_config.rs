//! Stage gates: pipeline configs are validated with path-precise errors.

use pipescore::gates::Pipeline;
use pipescore::ErrorKind;
use serde_json::{json, Value};

/// The default config with the value at JSON `pointer` replaced (or removed for `None`).
fn edit(pointer: &str, value: Option<Value>) -> Value {
    let mut config = Pipeline::default_config();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = config.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match (target, value) {
        (Value::Object(map), Some(v)) => drop(map.insert(key.to_owned(), v)),
        (Value::Object(map), None) => drop(map.remove(key)),
        (Value::Array(items), Some(v)) => items[key.parse::<usize>().unwrap()] = v,
        (Value::Array(items), None) => drop(items.remove(key.parse::<usize>().unwrap())),
        _ => panic!("{pointer} is not in a container"),
    }
    config
}

fn error(config: &Value) -> (String, String, String) {
    let Err(err) = Pipeline::compile(config) else { panic!("the config should be rejected") };
    assert_eq!(err.kind, ErrorKind::Config);
    (err.code.as_str().to_owned(), err.path, err.message)
}

fn assert_error(config: &Value, code: &str, path: &str) {
    let (got_code, got_path, message) = error(config);
    assert_eq!((got_code.as_str(), got_path.as_str()), (code, path), "{message}");
    assert!(!message.is_empty());
}

#[test]
fn the_default_config_compiles() {
    let pipeline = Pipeline::compile(&Pipeline::default_config()).unwrap();
    assert_eq!(pipeline.pipelines().len(), 1);
    assert_eq!(pipeline.pipelines()[0].id, "b2b");
}

#[test]
fn a_bad_rule_is_reported_inside_its_criterion() {
    let config = edit("/stages/3/exit/0/rule", Some(json!({"and": [true, {"fillled": {"var": "amount"}}]})));
    let (code, path, message) = error(&config);
    assert_eq!((code.as_str(), path.as_str()), ("UNKNOWN_OPERATOR", "$.stages[3].exit[0].rule.and[1]"));
    assert!(message.contains("filled"), "{message}");
    assert_error(&edit("/stages/3/exit/0/rule", Some(json!({"frob": []}))), "UNKNOWN_OPERATOR", "$.stages[3].exit[0].rule");
}

#[test]
fn stage_values_are_checked() {
    assert_error(&edit("/stages/1/probability", Some(json!(1.5))), "INVALID_PROBABILITY", "$.stages[1].probability");
    assert_error(&edit("/stages/1/probability", Some(json!(-0.1))), "INVALID_PROBABILITY", "$.stages[1].probability");
    assert_error(&edit("/stages/5/probability", Some(json!(0.9))), "INVALID_PROBABILITY", "$.stages[5].probability");
    assert_error(&edit("/stages/6/probability", Some(json!(0.1))), "INVALID_PROBABILITY", "$.stages[6].probability");
    assert_error(&edit("/stages/1/probability", Some(json!("20%"))), "INVALID_SHAPE", "$.stages[1].probability");
    assert_error(&edit("/stages/2/forecastCategory", Some(json!("upside"))), "INVALID_SHAPE", "$.stages[2].forecastCategory");
    assert_error(&edit("/stages/0/expectedDays", Some(json!(0))), "INVALID_EXPECTED_DAYS", "$.stages[0].expectedDays");
    assert_error(&edit("/stages/0/expectedDays", Some(json!(-3))), "INVALID_SHAPE", "$.stages[0].expectedDays");
    assert_error(&edit("/stages/5/expectedDays", Some(json!(3))), "INVALID_EXPECTED_DAYS", "$.stages[5].expectedDays");
    assert_error(&edit("/stages/2/label", None), "INVALID_SHAPE", "$.stages[2]");
    assert_error(&edit("/stages/2/color", Some(json!("red"))), "INVALID_SHAPE", "$.stages[2].color");
    assert_error(&edit("/stages/2/id", Some(json!(" "))), "INVALID_ID", "$.stages[2].id");
    assert_error(&edit("/stages/0/requiredFields/0", Some(json!(""))), "EMPTY_FIELD", "$.stages[0].requiredFields[0]");
    assert_error(&edit("/stages/0/outcome", Some(json!("maybe"))), "INVALID_SHAPE", "$.stages[0].outcome");
}

#[test]
fn stage_ids_and_criterion_ids_are_unique() {
    assert_error(&edit("/stages/2/id", Some(json!("discovery"))), "DUPLICATE_ID", "$.stages[2].id");
    assert_error(&edit("/stages/1/exit/1/id", Some(json!("pain_points"))), "DUPLICATE_ID", "$.stages[1].exit[1].id");
    assert_error(&edit("/stages/2/exit/0/id", Some(json!("demo_scheduled"))), "DUPLICATE_ID", "$.stages[2].exit[0].id");
}

#[test]
fn criteria_need_an_id_a_rule_and_a_known_severity() {
    assert_error(&edit("/stages/1/exit/0/id", None), "INVALID_SHAPE", "$.stages[1].exit[0]");
    assert_error(&edit("/stages/1/exit/0", Some(json!({"filled": {"var": "x"}}))), "INVALID_SHAPE", "$.stages[1].exit[0]");
    assert_error(&edit("/stages/1/exit/0/severity", Some(json!("optional"))), "INVALID_SHAPE", "$.stages[1].exit[0].severity");
    assert_error(&edit("/stages/1/exit/0/weight", Some(json!(2))), "INVALID_SHAPE", "$.stages[1].exit[0].weight");
}

#[test]
fn a_pipeline_needs_open_then_won_and_lost_stages() {
    assert_error(&edit("/stages/5", None), "MISSING_TERMINAL_STAGE", "$.stages");
    assert_error(&edit("/stages/6", None), "MISSING_TERMINAL_STAGE", "$.stages");
    let mut config = Pipeline::default_config();
    config["stages"].as_array_mut().unwrap().retain(|s| s.get("outcome").is_some());
    assert_error(&config, "NO_OPEN_STAGE", "$.stages");
    assert_error(&edit("/stages", Some(json!([]))), "NO_OPEN_STAGE", "$.stages");
    let mut config = Pipeline::default_config();
    let won = config["stages"].as_array_mut().unwrap().remove(5);
    config["stages"].as_array_mut().unwrap().insert(2, won);
    assert_error(&config, "OPEN_STAGE_AFTER_TERMINAL", "$.stages[3]");
    let exit = json!([{"id": "x", "rule": true}]);
    assert_error(&edit("/stages/6/exit", Some(exit)), "EXIT_CRITERIA_ON_TERMINAL_STAGE", "$.stages[6].exit");
}

#[test]
fn move_rules_name_known_stages() {
    assert_error(&edit("/rules/creationStages/1", Some(json!("discvery"))), "UNKNOWN_STAGE", "$.rules.creationStages[1]");
    assert_error(&edit("/rules/creationStages", Some(json!([]))), "NO_CREATION_STAGES", "$.rules.creationStages");
    assert_error(&edit("/rules/allowSkip", Some(json!("no"))), "INVALID_SHAPE", "$.rules.allowSkip");
    assert_error(&edit("/rules/allowSkipping", Some(json!(false))), "INVALID_SHAPE", "$.rules.allowSkipping");
    let (_, _, message) = error(&edit("/rules/creationStages/1", Some(json!("discvery"))));
    assert!(message.contains("prospecting, discovery, demo"), "{message}");
}

#[test]
fn handoffs_are_checked() {
    assert_error(&edit("/handoffs/1/id", Some(json!("marketing_to_sdr"))), "DUPLICATE_ID", "$.handoffs[1].id");
    assert_error(&edit("/handoffs/0/trigger", Some(json!({"filed": [1]}))), "UNKNOWN_OPERATOR", "$.handoffs[0].trigger");
    assert_error(&edit("/handoffs/0/sla/within", Some(json!({}))), "INVALID_SLA", "$.handoffs[0].sla.within");
    assert_error(&edit("/handoffs/0/sla/within", Some(json!({"minutes": -5}))), "INVALID_SLA", "$.handoffs[0].sla.within.minutes");
    assert_error(&edit("/handoffs/0/sla/within", Some(json!({"weeks": 1}))), "INVALID_SHAPE", "$.handoffs[0].sla.within.weeks");
    assert_error(&edit("/handoffs/0/sla/businessHours", Some(json!(true))), "INVALID_SHAPE", "$.handoffs[0].sla.businessHours");
    assert_error(&edit("/handoffs/0/sla/startField", Some(json!(""))), "EMPTY_FIELD", "$.handoffs[0].sla.startField");
    assert_error(&edit("/handoffs/2/checklist/1/rule", Some(json!({"IN": [1]}))), "UNKNOWN_OPERATOR", "$.handoffs[2].checklist[1].rule");
    assert_error(&edit("/handoffs/2/requiredFields/0", Some(json!(7))), "INVALID_SHAPE", "$.handoffs[2].requiredFields[0]");
}

#[test]
fn several_pipelines_are_checked_one_by_one() {
    let second = edit("/id", Some(json!("renewals")));
    let bad_second = edit("/stages/1/probability", Some(json!(2)));
    assert!(Pipeline::compile(&json!({"pipelines": [Pipeline::default_config(), second.clone()]})).is_ok());
    assert_error(&json!({"pipelines": []}), "NO_PIPELINES", "$.pipelines");
    assert_error(&json!({"pipelines": [Pipeline::default_config(), Pipeline::default_config()]}), "DUPLICATE_ID", "$.pipelines[1].id");
    assert_error(&json!({"pipelines": [second, bad_second]}), "INVALID_PROBABILITY", "$.pipelines[1].stages[1].probability");
    assert_error(&json!({"pipelines": [Pipeline::default_config()], "default": "b2b"}), "INVALID_SHAPE", "$.default");
}

#[test]
fn the_config_must_be_an_object() {
    for config in [json!(null), json!([]), json!("b2b"), json!(7)] {
        assert_error(&config, "INVALID_SHAPE", "$");
    }
    assert_error(&json!({"id": "x", "label": "X"}), "INVALID_SHAPE", "$");
}
