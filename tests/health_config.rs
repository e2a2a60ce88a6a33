//! Health configs: the embedded default, overriding it piece by piece, and every validation
//! error with its code and path.

mod health_support;

use health_support::{ago, engine, factor, score};
use pipescore::health::{Band, DealHealth};
use serde_json::{json, Value};

#[test]
fn the_default_config_compiles_and_is_what_null_and_empty_mean() {
    let default = DealHealth::default_config();
    let weights: f64 = default["signals"].as_object().unwrap().values().map(|s| s["weight"].as_f64().unwrap()).sum();
    assert_eq!(weights, 100.0);
    assert_eq!(default["signals"].as_object().unwrap().len(), 13);
    assert_eq!(default["warnings"].as_object().unwrap().len(), 7);
    assert_eq!(default["bands"], json!({"healthy": 70, "atRisk": 40}));
    let deal = json!({"stage": "demo", "createdAt": ago(40.0), "activities": [{"type": "call", "at": ago(9.0)}]});
    let reference = score(&engine(default.clone()), &deal);
    assert_eq!(score(&engine(Value::Null), &deal), reference);
    assert_eq!(score(&engine(json!({})), &deal), reference);
}

#[test]
fn a_config_overrides_only_what_it_names() {
    let deal = json!({"stage": "demo", "createdAt": ago(40.0), "activities": [{"type": "call", "at": ago(9.0)}]});
    let base = score(&engine(Value::Null), &deal);
    let custom = score(&engine(json!({"signals": {"last_activity": {"weight": 30}}})), &deal);
    assert_eq!(factor(&custom, "last_activity").unwrap().weight, 30.0);
    assert_eq!(factor(&custom, "next_step").unwrap().weight, factor(&base, "next_step").unwrap().weight);
    assert_eq!(custom.factors.len(), base.factors.len());
    // weight 0 switches a signal off.
    let off = score(&engine(json!({"signals": {"next_step": {"weight": 0}}})), &deal);
    assert!(factor(&off, "next_step").is_none() && off.skipped.iter().all(|s| s.signal != "next_step"));
    // A parameter alone keeps the signal's weight.
    let loose = score(&engine(json!({"signals": {"last_activity": {"zeroDays": 60}}})), &deal);
    assert_eq!(factor(&loose, "last_activity").unwrap().weight, 15.0);
    assert!(factor(&loose, "last_activity").unwrap().sub_score > factor(&base, "last_activity").unwrap().sub_score);
}

#[test]
fn bands_and_warnings_are_configurable() {
    let deal = json!({"stage": "demo", "createdAt": ago(40.0), "activities": [{"type": "call", "at": ago(15.0)}]});
    let base = score(&engine(Value::Null), &deal);
    let s = base.score.unwrap();
    assert_eq!(score(&engine(json!({"bands": {"healthy": s, "atRisk": 0}})), &deal).band, Band::Healthy);
    assert_eq!(score(&engine(json!({"bands": {"healthy": s + 1, "atRisk": s}})), &deal).band, Band::AtRisk);
    assert_eq!(score(&engine(json!({"bands": {"healthy": 100, "atRisk": s + 1}})), &deal).band, Band::Critical);
    assert!(base.warnings.iter().any(|w| w.id == "no_activity"));
    let off = score(&engine(json!({"warnings": {"no_activity": {"enabled": false}}})), &deal);
    assert!(off.warnings.iter().all(|w| w.id != "no_activity"));
    let later = score(&engine(json!({"warnings": {"no_activity": {"days": 16}}})), &deal);
    assert!(later.warnings.iter().all(|w| w.id != "no_activity"));
    let critical = score(&engine(json!({"warnings": {"no_activity": {"severity": "critical"}}})), &deal);
    assert_eq!(critical.warnings[0].id, "no_activity");
    assert_eq!(serde_json::to_value(critical.warnings[0].severity).unwrap(), "critical");
}

#[test]
fn invalid_configs_name_code_and_path() {
    let cases = [
        (json!([]), "INVALID_SHAPE", "$"),
        (json!({"signal": {}}), "INVALID_SHAPE", "$.signal"),
        (json!({"signals": []}), "INVALID_SHAPE", "$.signals"),
        (json!({"signals": {"activity": {"weight": 1}}}), "UNKNOWN_SIGNAL", "$.signals.activity"),
        (json!({"signals": {"last_activity": 5}}), "INVALID_SHAPE", "$.signals.last_activity"),
        (json!({"signals": {"last_activity": {"weight": "high"}}}), "INVALID_SHAPE", "$.signals.last_activity.weight"),
        (json!({"signals": {"last_activity": {"fullDay": 3}}}), "INVALID_SHAPE", "$.signals.last_activity.fullDay"),
        (json!({"signals": {"last_activity": {"weight": -1}}}), "INVALID_WEIGHT", "$.signals.last_activity.weight"),
        (
            json!({"signals": {"last_activity": {"fullDays": 21, "zeroDays": 3}}}),
            "THRESHOLDS_NOT_ORDERED",
            "$.signals.last_activity.zeroDays",
        ),
        (
            json!({"signals": {"last_activity": {"fullDays": 5, "zeroDays": 5}}}),
            "THRESHOLDS_NOT_ORDERED",
            "$.signals.last_activity.zeroDays",
        ),
        (
            json!({"signals": {"last_activity": {"fullDays": -2}}}),
            "INVALID_THRESHOLD",
            "$.signals.last_activity.fullDays",
        ),
        (
            json!({"signals": {"engaged_contacts": {"zeroCount": 3, "fullCount": 1}}}),
            "THRESHOLDS_NOT_ORDERED",
            "$.signals.engaged_contacts.zeroCount",
        ),
        (
            json!({"signals": {"engaged_contacts": {"engagedWithinDays": 0}}}),
            "INVALID_THRESHOLD",
            "$.signals.engaged_contacts.engagedWithinDays",
        ),
        (
            json!({"signals": {"activity_trend": {"windowDays": 0}}}),
            "INVALID_THRESHOLD",
            "$.signals.activity_trend.windowDays",
        ),
        (
            json!({"signals": {"close_date_distance": {"tooFarFullRatio": 0.5}}}),
            "THRESHOLDS_NOT_ORDERED",
            "$.signals.close_date_distance.tooFarFullRatio",
        ),
        (
            json!({"signals": {"close_date_distance": {"tooSoonZeroRatio": 0.8}}}),
            "THRESHOLDS_NOT_ORDERED",
            "$.signals.close_date_distance.tooSoonZeroRatio",
        ),
        (
            json!({"signals": {"next_step": {"undatedScore": 1.5}}}),
            "INVALID_THRESHOLD",
            "$.signals.next_step.undatedScore",
        ),
        (json!({"signals": {"deal_age": {"cycleDays": 0}}}), "INVALID_THRESHOLD", "$.signals.deal_age.cycleDays"),
        (json!({"signals": {"buyer_roles": {"roles": []}}}), "INVALID_ROLES", "$.signals.buyer_roles.roles"),
        (
            json!({"signals": {"buyer_roles": {"roles": ["champion", ""]}}}),
            "INVALID_ROLES",
            "$.signals.buyer_roles.roles[1]",
        ),
        (json!({"bands": {"healthy": 40, "atRisk": 70}}), "INVALID_BANDS", "$.bands.atRisk"),
        (json!({"bands": {"healthy": 120}}), "INVALID_BANDS", "$.bands.healthy"),
        (json!({"bands": {"critical": 10}}), "INVALID_SHAPE", "$.bands.critical"),
        (json!({"warnings": {"stale": {"enabled": true}}}), "UNKNOWN_WARNING", "$.warnings.stale"),
        (json!({"warnings": {"ghosted": {"severity": "urgent"}}}), "INVALID_SHAPE", "$.warnings.ghosted.severity"),
        (
            json!({"warnings": {"ghosted": {"responseTypes": []}}}),
            "INVALID_RESPONSE_TYPES",
            "$.warnings.ghosted.responseTypes",
        ),
        (json!({"warnings": {"ghosted": {"attempts": 0}}}), "INVALID_THRESHOLD", "$.warnings.ghosted.attempts"),
        (
            json!({"warnings": {"not_enough_contacts": {"min": -1}}}),
            "INVALID_SHAPE",
            "$.warnings.not_enough_contacts.min",
        ),
        (
            json!({"warnings": {"stalled_in_stage": {"ratio": 0}}}),
            "INVALID_THRESHOLD",
            "$.warnings.stalled_in_stage.ratio",
        ),
        (
            json!({"warnings": {"no_decision_maker": {"roles": []}}}),
            "INVALID_ROLES",
            "$.warnings.no_decision_maker.roles",
        ),
        (
            json!({"warnings": {"overdue": {"days": -1, "enabled": false}}}),
            "INVALID_THRESHOLD",
            "$.warnings.overdue.days",
        ),
    ];
    for (config, code, path) in cases {
        let err = DealHealth::compile(&config).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), (code, path), "{config}: {}", err.message);
        assert_eq!(err.kind, pipescore::ErrorKind::Config);
    }
}

#[test]
fn extreme_but_valid_thresholds_do_not_overflow() {
    let h = engine(json!({"signals": {"activity_trend": {"windowDays": 1e300}, "engaged_contacts": {"engagedWithinDays": 1e300},
                                      "last_activity": {"weight": 1000000, "zeroDays": 1e300}}}));
    let r = score(&h, &json!({"stage": "demo", "createdAt": ago(1.0), "activities": [{"type": "call", "at": ago(0.5)}]}));
    assert!(r.score.is_some_and(|s| s <= 100), "{r:?}");
}

#[test]
fn every_weight_zero_is_an_error() {
    let signals: serde_json::Map<String, Value> = DealHealth::default_config()["signals"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (k.clone(), json!({"weight": 0})))
        .collect();
    let err = DealHealth::compile(&json!({ "signals": signals })).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("NO_WEIGHT", "$.signals"));
}

#[test]
fn messages_explain_the_fix() {
    let err = DealHealth::compile(&json!({"signals": {"activity": {}}})).unwrap_err();
    assert!(
        err.message.contains("unknown signal \"activity\"") && err.message.contains("last_activity"),
        "{}",
        err.message
    );
    let err = DealHealth::compile(&json!({"signals": {"last_activity": {"fullDay": 2}}})).unwrap_err();
    assert_eq!(err.message, "unknown parameter \"fullDay\" of last_activity; its parameters are weight, fullDays, zeroDays");
    let err = DealHealth::compile(&json!({"signals": {"last_activity": {"windowDays": 7}}})).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_SHAPE", "$.signals.last_activity.windowDays"), "another signal's parameter");
    let err = DealHealth::compile(&json!({"signals": {"last_activity": {"fullDays": 21, "zeroDays": 3}}})).unwrap_err();
    assert_eq!(
        err.message,
        "the zero-score threshold (3) must be greater than the full-score threshold (21, at $.signals.last_activity.fullDays)"
    );
}
