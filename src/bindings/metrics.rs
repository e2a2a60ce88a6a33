//! `computeMetrics` for JS: pipeline metrics and forecast of `{ deals, leads, quotas }`.
//!
//! `options.pipeline` is a `Pipeline` (which crosses as its config, through its `toJSON`) or a
//! pipeline config; either is compiled with the stage-gates engine for its stage table.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{json_text_from_js, now_from_options, options_json, to_js};
use crate::{gates, metrics, Error, ErrorKind};

/// The metrics of `input` (`{ deals?, leads?, quotas? }`) with `options` (`{ now?, period?,
/// groupBy?, pipeline?, stages?, cycleStart?, responseSlaMinutes? }`), as `docs/metrics.md`
/// describes them. Throws a `PipescoreInputError` for a bad record (`$.deals[42].closeDate`) or
/// option (`$.period`), a `PipescoreConfigError` for a bad pipeline config (`$.pipeline…`).
#[wasm_bindgen(js_name = computeMetrics)]
pub fn compute_metrics(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let now = now_from_options(&options)?;
    let options = core_options(&options)?;
    // JSON text straight into the core's record types: no `serde_json::Value` tree in between.
    let input = json_text_from_js(&input, "the metrics input", ErrorKind::Input)?;
    to_js(&metrics::compute_from_str(&input, &options, now)?)
}

/// `options` as the core reads them: without `now` (already read by [`now_from_options`]) and
/// with a `pipeline` config replaced by its stage table in `stages`.
fn core_options(options: &JsValue) -> Result<Value, JsValue> {
    let mut json = options_json(options)?;
    if let Some(map) = json.as_object_mut() {
        map.remove("now");
        if let Some(config) = map.remove("pipeline").filter(|c| !c.is_null()) {
            if map.get("stages").is_some_and(|s| !s.is_null()) {
                return Err(Error::input("INVALID_OPTION", "$.pipeline", "Pass either options.pipeline or options.stages, not both.").into());
            }
            map.insert("stages".into(), stage_table(&config)?);
        }
    }
    Ok(json)
}

/// The stage table of a pipeline config's first pipeline, as `Pipeline.stages()` returns it.
/// A bad config is a `PipescoreConfigError` under `$.pipeline`.
fn stage_table(config: &Value) -> Result<Value, JsValue> {
    let pipeline = gates::Pipeline::compile(config).map_err(|e| e.within("$.pipeline"))?;
    serde_json::to_value(pipeline.stages())
        .map_err(|err| Error::config("INTERNAL", "$.pipeline", format!("the pipeline's stages could not be read: {err}")).into())
}
