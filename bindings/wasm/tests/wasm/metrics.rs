//! `computeMetrics` through its wasm binding: JS values in (with `Date`s), a plain result out,
//! typed errors with paths; pipelines as configs and as stage tables.

use js_sys::{Array, Date, Reflect, JSON};
use pipescore_wasm::gates::JsPipeline;
use pipescore_wasm::metrics::compute_metrics;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::support::{get, js, num, options_at, text};

/// `{ now: new Date("2024-03-15T00:00:00Z"), ...extra }`.
fn options(extra: &str) -> JsValue {
    options_at("2024-03-15T00:00:00Z", extra)
}

/// Two deals won and one lost in Q1 2024, one open deal in negotiation expected in March.
fn deals() -> JsValue {
    let input = js(r#"{"deals": [
        {"owner": "ana", "amount": 1200.1, "createdAt": "2024-01-05", "outcome": "won"},
        {"owner": "ana", "amount": "800.45", "createdAt": "2024-01-10", "closeDate": "2024-02-20", "stage": "Closed Lost"},
        {"owner": "bo", "amount": 2000.05, "createdAt": "2024-01-20", "closeDate": 1709251200000, "stage": "closed_won"},
        {"owner": "bo", "amount": 5000, "createdAt": "2024-02-01", "closeDate": "2024-03-28", "stage": "negotiation"}
    ]}"#);
    // A JS Date in a record arrives as its ISO text.
    Reflect::set(&get(&input, "deals.0"), &"closeDate".into(), &Date::new(&JsValue::from_str("2024-02-04T00:00:00Z"))).unwrap();
    input
}

#[wasm_bindgen_test]
fn a_quarter_is_computed_from_js_values() {
    let m = compute_metrics(deals(), options(r#"{"period": "this_quarter", "groupBy": "owner"}"#)).unwrap();
    assert_eq!(text(&m, "period.start"), "2024-01-01T00:00:00.000Z");
    assert_eq!((num(&m, "won.count"), num(&m, "won.value"), num(&m, "lost.value")), (2.0, 3200.15, 800.45));
    assert_eq!(num(&m, "winRate.byCount.value"), 2.0 / 3.0);
    assert_eq!((num(&m, "dealSize.mean"), num(&m, "salesCycle.median")), (1600.08, 35.5));
    assert_eq!(num(&m, "forecast.weighted"), 4000.0);
    assert_eq!(num(&m, "forecast.scenarios.worst"), 8200.15);
    assert_eq!(text(&m, "groupBy"), "owner");
    let keys: Vec<String> = Array::from(&get(&m, "groups")).iter().map(|g| text(&g, "key")).collect();
    assert_eq!(keys, ["ana", "bo"]);
    assert_eq!(num(&m, "groups.1.metrics.pipeline.value"), 5000.0);
}

#[wasm_bindgen_test]
fn zero_denominators_come_out_as_null_with_a_reason() {
    let m = compute_metrics(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert!(get(&m, "winRate.byCount.value").is_null());
    assert_eq!(text(&m, "winRate.byCount.reason"), "no closed deals in the period");
    assert!(get(&m, "velocity.perDay").is_null());
    assert_eq!(text(&m, "coverage.ratio.reason"), "no quota for this scope");
    assert_eq!(Array::from(&get(&m, "groups")).length(), 0);
}

#[wasm_bindgen_test]
fn a_pipeline_config_or_its_stage_table_sets_probabilities() {
    let config = r#"{"id": "smb", "label": "SMB", "stages": [
        {"id": "new", "label": "New", "probability": 0.1, "forecastCategory": "pipeline"},
        {"id": "qualified", "label": "Qualified", "probability": 0.5, "forecastCategory": "commit"},
        {"id": "signed", "label": "Signed", "probability": 1, "forecastCategory": "closed", "outcome": "won"},
        {"id": "dropped", "label": "Dropped", "probability": 0, "forecastCategory": "omitted", "outcome": "lost"}]}"#;
    let input = r#"{"deals": [{"stage": "qualified", "amount": 1000}, {"stage": "new", "amount": 500}, {"stage": "Signed", "amount": 250}]}"#;
    let via_config = compute_metrics(js(input), options(&format!(r#"{{"pipeline": {config}}}"#))).unwrap();
    assert_eq!((num(&via_config, "forecast.weighted"), num(&via_config, "won.value")), (550.0, 250.0));
    let stages = JsPipeline::new(js(config)).unwrap().stages(JsValue::UNDEFINED).unwrap();
    let with_stages = options("{}");
    Reflect::set(&with_stages, &"stages".into(), &stages).unwrap();
    let via_stages = compute_metrics(js(input), with_stages).unwrap();
    assert_eq!(JSON::stringify(&via_stages).unwrap(), JSON::stringify(&via_config).unwrap());
}

#[wasm_bindgen_test]
fn errors_are_typed_with_code_and_path() {
    let err = |input: &str, options: JsValue| {
        let e = compute_metrics(js(input), options).unwrap_err();
        (text(&e, "name"), text(&e, "code"), text(&e, "path"))
    };
    let expected = |name: &str, code: &str, path: &str| (name.to_owned(), code.to_owned(), path.to_owned());
    assert_eq!(err(r#"{"deals": [{}, {"closeDate": "soon"}]}"#, options("{}")), expected("PipescoreInputError", "INVALID_SHAPE", "$.deals[1].closeDate"));
    assert_eq!(err("{}", options(r#"{"period": "fortnight"}"#)), expected("PipescoreInputError", "INVALID_SHAPE", "$.period"));
    assert_eq!(err("{}", options(r#"{"period": {"start": "2024-02-01", "end": "2024-01-01"}}"#)),
        expected("PipescoreInputError", "INVALID_PERIOD", "$.period.end"));
    assert_eq!(err("{}", js(r#"{"now": "someday"}"#)), expected("PipescoreInputError", "INVALID_NOW", "$.now"));
    assert_eq!(err("{}", options(r#"{"pipeline": {"id": "p", "label": "P", "stages": []}, "stages": []}"#)),
        expected("PipescoreInputError", "INVALID_OPTION", "$.pipeline"));
    let (name, _, path) = err("{}", options(r#"{"pipeline": {"id": "p", "label": "P", "stages": [{"id": "a", "label": "A", "probability": 2, "forecastCategory": "pipeline"}]}}"#));
    assert_eq!(name, "PipescoreConfigError");
    assert!(path.starts_with("$.pipeline.stages[0]"), "{path}");
    assert_eq!(num(&compute_metrics(deals(), options("{}")).unwrap(), "won.count"), 2.0, "still works after errors");
}

#[wasm_bindgen(module = "/../../pkg-template/records.js")]
extern "C" {
    /// The package's JS reading of ISO-8601 dates (NaN: left for wasm to parse).
    #[wasm_bindgen(js_name = isoMillis)]
    fn iso_millis(text: &str) -> f64;
}

/// Date text near the forms `isoMillis` reads: valid and invalid fields, other lengths,
/// separators and zones, from a fixed-seed generator.
fn date_texts() -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut out = Vec::new();
    for _ in 0..20_000 {
        let year = [next(10_000), 1970 + next(100), 2000, 2100, 1900, 0, 400][next(7) as usize];
        let (month, day) = (next(14), next(33));
        let (hour, minute, second, millis) = (next(26), next(61), next(62), next(1000));
        let date = format!("{year:04}-{month:02}-{day:02}");
        let mut text = match next(8) {
            0 => date,
            1 => format!("{date}T{hour:02}:{minute:02}:{second:02}Z"),
            2 | 3 => format!("{date}T{hour:02}:{minute:02}:{second:02}.{millis:03}Z"),
            4 => format!("{date} {hour:02}:{minute:02}:{second:02}.{millis:03}Z"),
            5 => format!("{date}T{hour:02}:{minute:02}:{second:02}+01:00"),
            6 => format!("{date}T{hour:02}:{minute:02}Z"),
            _ => format!("{date}T{hour:02}:{minute:02}:{second:02}.{millis:02}Z"),
        };
        // Now and then one character replaced by a digit, a letter, a space or a separator.
        if next(4) == 0 {
            let at = next(text.len() as u64) as usize;
            let c = ["7", "x", " ", "-", ":", "T", "Z", "."][next(8) as usize];
            text.replace_range(at..at + 1, c);
        }
        out.push(text);
    }
    out
}

#[wasm_bindgen_test]
fn js_date_reading_agrees_with_the_core() {
    let mut read_by_js = 0;
    for text in date_texts() {
        let js = iso_millis(&text);
        if js.is_nan() {
            continue;
        }
        read_by_js += 1;
        assert_eq!(Some(js as i64), pipescore::time::parse_iso8601(&text), "{text}");
        assert_eq!(js.fract(), 0.0, "{text}");
    }
    assert!(read_by_js > 5_000, "only {read_by_js} of the texts were read by JS");
}
