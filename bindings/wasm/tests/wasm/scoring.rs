//! `LeadScorer` through its wasm bindings: JS values in, JS values and typed errors out.

use js_sys::Array;
use pipescore_wasm::scoring::JsLeadScorer;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::support::{get, js, num, options_at, text};

/// `{ now: new Date("2026-11-24T00:00:00Z"), ...extra }`.
fn options(extra: &str) -> JsValue {
    options_at("2026-11-24T00:00:00Z", extra)
}

const ENGAGEMENT_MODEL: &str = r#"{
  "groups": [{"id": "eng", "type": "engagement", "decay": {"type": "exponential", "halfLifeDays": 10},
              "rules": [{"id": "visit", "label": "Visit", "points": 8, "event": "page_view", "frequency": "perOccurrence"}]}],
  "grades": {"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 30, "2": 20, "3": 10}}
}"#;

#[wasm_bindgen_test]
fn decay_matches_hand_computed_values_in_wasm() {
    let scorer = JsLeadScorer::new(js(ENGAGEMENT_MODEL)).unwrap();
    let lead = js(r#"{"events": [{"type": "page_view", "at": "2026-11-24"}, {"type": "page_view", "at": "2026-11-14"},
                                 {"type": "page_view", "at": "2026-11-04"}, {"type": "page_view", "at": "2026-11-19"}]}"#);
    let r = scorer.score(lead, options("{}")).unwrap();
    let decayed = num(&r, "contributions.0.decayed");
    assert!((decayed - 8.0 * (1.75 + std::f64::consts::FRAC_1_SQRT_2)).abs() < 1e-9, "{decayed}");
    assert_eq!((num(&r, "score"), num(&r, "contributions.0.applied")), (20.0, 20.0));
    assert_eq!(text(&r, "contributions.0.label"), "Visit");
}

#[wasm_bindgen_test]
fn the_default_model_scores_a_plain_lead() {
    let scorer = JsLeadScorer::new(JsValue::UNDEFINED).unwrap();
    let lead = js(r#"{"email": "dana@acme.io", "jobTitle": "VP of Marketing", "industry": "Computer Software",
        "employees": 240, "annualRevenue": 30000000, "country": "US",
        "events": [{"type": "page_view", "url": "/pricing", "at": "2026-11-20T10:00:00Z"},
                   {"type": "page_view", "url": "/blog/scoring", "at": "2026-11-02"},
                   {"type": "webinar_attended", "at": "2026-10-15"},
                   {"type": "demo_request", "at": "2026-11-21T15:30:00Z"}]}"#);
    let r = scorer.score(lead, options("{}")).unwrap();
    assert_eq!((num(&r, "score"), num(&r, "fit"), num(&r, "engagement")), (95.0, 50.0, 45.0));
    assert_eq!((text(&r, "grade"), text(&r, "lifecycle")), ("A1".into(), "sql".into()));
    let contributions: Array = get(&r, "contributions").into();
    let sum: f64 = contributions.iter().map(|c| num(&c, "applied")).sum();
    assert_eq!(sum, 95.0);
    let model = JsLeadScorer::default_model().unwrap();
    assert_eq!(Array::from(&get(&model, "groups")).length(), 4);
    assert!(JsLeadScorer::new(model).is_ok(), "the default model round-trips");
}

#[wasm_bindgen_test]
fn a_bad_model_throws_a_config_error_with_a_path() {
    let err = JsLeadScorer::new(js(r#"{"groups": [{"id": "g", "type": "behavior", "rules": []}],
        "grades": {"fit": {"A": 3, "B": 2, "C": 1}, "engagement": {"1": 3, "2": 2, "3": 1}}}"#))
    .err()
    .unwrap();
    assert_eq!(text(&err, "name"), "PipescoreConfigError");
    assert_eq!((text(&err, "code"), text(&err, "path")), ("UNKNOWN_GROUP_TYPE".into(), "$.groups[0].type".into()));
}

#[wasm_bindgen_test]
fn score_throws_an_input_error_and_partial_mode_skips_the_bad_event() {
    let scorer = JsLeadScorer::new(js(ENGAGEMENT_MODEL)).unwrap();
    let lead = r#"{"events": [{"type": "page_view", "at": "2026-11-24"}, {"type": "page_view", "at": "soon"}]}"#;
    let err = scorer.score(js(lead), options("{}")).unwrap_err();
    assert_eq!(text(&err, "name"), "PipescoreInputError");
    assert_eq!((text(&err, "code"), text(&err, "path")), ("INVALID_DATE".into(), "$.events[1].at".into()));
    let r = scorer.score(js(lead), options(r#"{"mode": "partial"}"#)).unwrap();
    assert_eq!(num(&r, "score"), 8.0);
    let err = scorer.score(js("{}"), options(r#"{"mode": "lenient"}"#)).unwrap_err();
    assert_eq!((text(&err, "code"), text(&err, "path")), ("INVALID_OPTION".into(), "$.mode".into()));
}

#[wasm_bindgen_test]
fn score_many_returns_per_lead_errors() {
    let scorer = JsLeadScorer::new(js(ENGAGEMENT_MODEL)).unwrap();
    let leads = js(
        r#"[{"events": [{"type": "page_view", "at": "2026-11-24"}]}, {"events": [{"type": "page_view", "at": "2026-02-30"}]}, 7, {}]"#,
    );
    let results: Array = scorer.score_many(leads, options("{}")).unwrap().into();
    assert_eq!(results.length(), 4);
    assert_eq!(num(&results, "0.score"), 8.0);
    assert_eq!(text(&results, "1.error.name"), "PipescoreInputError");
    assert_eq!(
        (text(&results, "1.error.code"), text(&results, "1.error.path")),
        ("INVALID_DATE".into(), "$[1].events[0].at".into())
    );
    assert_eq!(text(&results, "2.error.path"), "$[2]");
    assert_eq!(
        (text(&results, "3.error.code"), text(&results, "3.error.path")),
        ("INVALID_RECORD".into(), "$[3]".into()),
        "holds nothing the model reads"
    );
    let brief: Array = scorer
        .score_many(
            js(r#"[{"events": [{"type": "page_view", "at": "2026-11-24"}]}]"#),
            options(r#"{"explain": false}"#),
        )
        .unwrap()
        .into();
    assert_eq!((num(&brief, "0.score"), Array::from(&get(&brief, "0.contributions")).length()), (8.0, 0));
    let err = scorer.score_many(js("{}"), options("{}")).unwrap_err();
    assert_eq!(text(&err, "code"), "NOT_A_LIST");
}
