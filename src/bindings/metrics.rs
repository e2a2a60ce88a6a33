//! `computeMetrics` and `MetricsDataset` for JS: pipeline metrics and forecast of
//! `{ deals, leads, quotas }`. `computeMetrics` reads the records on every call;
//! `MetricsDataset` reads them once and recomputes for each new period, grouping or filter,
//! which is what a dashboard does as its filters change.
//!
//! `options.pipeline` is a `Pipeline` (which crosses as its config, through its `toJSON`) or a
//! pipeline config; either is compiled with the stage-gates engine for its stage table.

use js_sys::{Array, Float64Array, JsString, Uint8Array};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::marshal::{json_text_from_js, utf8};
use super::{now_from_options, options_json, to_js};
use crate::metrics::columns::{self, Columns, RecordColumns};
use crate::{gates, metrics, Error, ErrorKind};

#[wasm_bindgen(module = "/pkg-template/records.js")]
extern "C" {
    /// The deals and leads of `input` as columns laid out as `layout` says, or `undefined` when
    /// they are not plain data (see `pkg-template/records.js`).
    #[wasm_bindgen(js_name = encodeRecords, catch)]
    fn encode_records(input: &JsValue, layout: &JsValue) -> Result<JsValue, JsValue>;
}

/// The metrics of `input` (`{ deals?, leads?, quotas? }`) with `options` (`{ now?, period?,
/// groupBy?, pipeline?, stages?, cycleStart?, responseSlaMinutes? }`), as `docs/metrics.md`
/// describes them. Throws a `PipescoreInputError` for a bad record (`$.deals[42].closeDate`) or
/// option (`$.period`), a `PipescoreConfigError` for a bad pipeline config (`$.pipeline…`).
#[wasm_bindgen(js_name = computeMetrics)]
pub fn compute_metrics(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    compute(&read_input(&input)?, &options)
}

/// Deals, leads and quotas read once, for metrics recomputed many times.
#[wasm_bindgen]
pub struct MetricsDataset {
    input: metrics::MetricsInput,
}

#[wasm_bindgen]
impl MetricsDataset {
    /// Reads `input` (`{ deals?, leads?, quotas? }`); throws a `PipescoreInputError` for a bad
    /// record, as `computeMetrics` does.
    #[wasm_bindgen(constructor)]
    pub fn new(input: JsValue) -> Result<MetricsDataset, JsValue> {
        Ok(MetricsDataset { input: read_input(&input)? })
    }

    /// The metrics of the dataset with `options` (the same as `computeMetrics`' options).
    pub fn compute(&self, options: JsValue) -> Result<JsValue, JsValue> {
        compute(&self.input, &options)
    }

    /// How many deals the dataset holds.
    #[wasm_bindgen(getter, js_name = dealCount)]
    pub fn deal_count(&self) -> usize {
        self.input.deals.len()
    }

    /// How many leads the dataset holds.
    #[wasm_bindgen(getter, js_name = leadCount)]
    pub fn lead_count(&self) -> usize {
        self.input.leads.len()
    }
}

/// Reads the records: plain JS objects as columns of the members metrics use (see
/// `metrics::columns`); anything else, or records a column can't carry, as JSON text read
/// straight into the core's types (no `serde_json::Value` tree in between), which also reports
/// any error with its path.
fn read_input(input: &JsValue) -> Result<metrics::MetricsInput, JsValue> {
    if let Some(input) = read_columns(input)? {
        return Ok(input);
    }
    read_json_text(input)
}

/// The input as JSON text.
fn read_json_text(input: &JsValue) -> Result<metrics::MetricsInput, JsValue> {
    let text = json_text_from_js(input, "the metrics input", ErrorKind::Input)?;
    Ok(metrics::parse_input_str(&text)?)
}

thread_local! {
    /// `metrics::columns::layout()` as a JS value, built on first use: it never changes.
    static LAYOUT: Result<JsValue, JsValue> = to_js(&columns::layout());
}

/// The input read from columns `encodeRecords` writes; `None` when it refuses the input or a
/// cell is not valid. Quotas, a small object, are read as JSON.
fn read_columns(input: &JsValue) -> Result<Option<metrics::MetricsInput>, JsValue> {
    let layout = LAYOUT.with(Clone::clone)?;
    // A throwing getter or proxy: the JSON path meets it again and reports it.
    let Ok(encoded) = encode_records(input, &layout) else { return Ok(None) };
    let Some(parts) = encoded.dyn_ref::<Array>() else { return Ok(None) };
    let tags = |i| parts.get(i).dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
    let values = |i| parts.get(i).dyn_into::<Float64Array>().map(|a| a.to_vec()).unwrap_or_default();
    let (deal_tags, deal_values) = (tags(0), values(1));
    let (history_tags, history_values) = (tags(2), values(3));
    let (lead_tags, lead_values) = (tags(4), values(5));
    let Ok(text) = String::from_utf8(parts.get(6).dyn_into::<JsString>().map(|s| utf8(&s)).unwrap_or_default()) else {
        return Ok(None);
    };
    let strings: Vec<&str> = text.split('\0').collect();
    let columns = RecordColumns {
        deals: Columns { tags: &deal_tags, values: &deal_values },
        history: Columns { tags: &history_tags, values: &history_values },
        leads: Columns { tags: &lead_tags, values: &lead_values },
        strings: &strings,
    };
    let Some((deals, leads)) = columns::read_columns(&columns) else { return Ok(None) };
    let mut read = read_json_text(&parts.get(7))?;
    read.deals = deals;
    read.leads = leads;
    Ok(Some(read))
}

/// The metrics of `input` with JS `options`.
fn compute(input: &metrics::MetricsInput, options: &JsValue) -> Result<JsValue, JsValue> {
    let now = now_from_options(options)?;
    let options = metrics::MetricsOptions::from_json(&core_options(options)?, now)?;
    to_js(&metrics::compute_metrics(input, &options)?)
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
