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
use super::{Thrown, count_from_js, index_from_js, read_options, to_js};
use pipescore::metrics::columns::{self, Columns, RecordColumns};
use pipescore::error::check_range;
use pipescore::{Error, ErrorCode, ErrorKind, gates, metrics};

#[wasm_bindgen(module = "/../../pkg-template/records.js")]
extern "C" {
    /// The deals and leads of `input` as columns laid out as `layout` says, or `undefined` when
    /// they are not plain data (see `pkg-template/records.js`). Throws only PipescoreErrors
    /// (`TOO_LARGE` for a list too long to read).
    #[wasm_bindgen(js_name = encodeRecords, catch)]
    fn encode_records(input: &JsValue, layout: &JsValue) -> Result<JsValue, Thrown>;
}

/// The metrics of `input` (`{ deals?, leads?, quotas? }`) with `options` (`{ now?, period?,
/// groupBy?, pipeline?, stages?, cycleStart?, responseSlaMinutes? }`), as `docs/metrics.md`
/// describes them. Throws a `PipescoreInputError` for a bad record (`$.deals[42].closeDate`) or
/// option (`$.period`), a `PipescoreConfigError` for a bad pipeline config (`$.pipeline…`).
#[wasm_bindgen(js_name = computeMetrics)]
pub fn compute_metrics(input: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
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
    pub fn new(input: JsValue) -> Result<MetricsDataset, Thrown> {
        Ok(MetricsDataset { input: read_input(&input)? })
    }

    /// The metrics of the dataset with `options` (the same as `computeMetrics`' options).
    pub fn compute(&self, options: JsValue) -> Result<JsValue, Thrown> {
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

    /// Replaces the deal at `index`, reading only that deal. Throws a `PipescoreInputError`:
    /// `INVALID_INDEX` when no deal is there, or the deal's error at its path in the dataset
    /// (`$.deals[42].closeDate`), leaving the dataset as it was.
    #[wasm_bindgen(js_name = setDeal)]
    pub fn set_deal(&mut self, index: JsValue, deal: JsValue) -> Result<(), Thrown> {
        set(&mut self.input.deals, &index, &deal)
    }

    /// Adds an array of deals after the last one; returns the new deal count. A bad deal
    /// throws as in `setDeal`, and none is added.
    #[wasm_bindgen(js_name = appendDeals)]
    pub fn append_deals(&mut self, deals: JsValue) -> Result<usize, Thrown> {
        append(&mut self.input.deals, &deals)
    }

    /// Removes `count` deals (1 when omitted) from `index` on. Throws a `PipescoreInputError`
    /// `INVALID_INDEX` unless they are all in the dataset.
    #[wasm_bindgen(js_name = removeDeals)]
    pub fn remove_deals(&mut self, index: JsValue, count: JsValue) -> Result<(), Thrown> {
        remove(&mut self.input.deals, &index, &count)
    }

    /// `setDeal` for leads (`$.leads[7].mqlAt`).
    #[wasm_bindgen(js_name = setLead)]
    pub fn set_lead(&mut self, index: JsValue, lead: JsValue) -> Result<(), Thrown> {
        set(&mut self.input.leads, &index, &lead)
    }

    /// `appendDeals` for leads; returns the new lead count.
    #[wasm_bindgen(js_name = appendLeads)]
    pub fn append_leads(&mut self, leads: JsValue) -> Result<usize, Thrown> {
        append(&mut self.input.leads, &leads)
    }

    /// `removeDeals` for leads.
    #[wasm_bindgen(js_name = removeLeads)]
    pub fn remove_leads(&mut self, index: JsValue, count: JsValue) -> Result<(), Thrown> {
        remove(&mut self.input.leads, &index, &count)
    }

    /// Replaces the quotas (`null` or `undefined`: none). A bad value throws with its path
    /// (`$.quotas.reps[0].startDate`), leaving the dataset as it was.
    #[wasm_bindgen(js_name = setQuotas)]
    pub fn set_quotas(&mut self, quotas: JsValue) -> Result<(), Thrown> {
        self.input.quotas = read_input(&input_with("quotas", &quotas)?)?.quotas;
        Ok(())
    }
}

/// A list of records a dataset holds, read from JS as the input's member of that name.
trait Record: Sized {
    /// The input member (`"deals"`) and what one record is called (`"deal"`).
    const NAMES: (&'static str, &'static str);
    /// The records of this kind read from an input.
    fn of(input: metrics::MetricsInput) -> Vec<Self>;
}

impl Record for metrics::Deal {
    const NAMES: (&'static str, &'static str) = ("deals", "deal");
    fn of(input: metrics::MetricsInput) -> Vec<Self> {
        input.deals
    }
}

impl Record for metrics::Lead {
    const NAMES: (&'static str, &'static str) = ("leads", "lead");
    fn of(input: metrics::MetricsInput) -> Vec<Self> {
        input.leads
    }
}

/// `list[index] = record`, the record read alone.
fn set<T: Record>(list: &mut [T], index: &JsValue, record: &JsValue) -> Result<(), Thrown> {
    let index = index_from_js(index, "index")?;
    check_range(index..index.saturating_add(1), list.len(), "The dataset", T::NAMES.1)?;
    if let Some(record) = read_list::<T>(&Array::of1(record), index)?.into_iter().next() {
        list[index] = record;
    }
    Ok(())
}

/// `list.push(...records)`; the new length.
fn append<T: Record>(list: &mut Vec<T>, records: &JsValue) -> Result<usize, Thrown> {
    let read = read_list::<T>(records, list.len())?;
    list.extend(read);
    Ok(list.len())
}

/// `list.splice(index, count)`, `count` 1 when `undefined`.
fn remove<T: Record>(list: &mut Vec<T>, index: &JsValue, count: &JsValue) -> Result<(), Thrown> {
    let index = index_from_js(index, "index")?;
    let count = count_from_js(count)?;
    let range = index..index.saturating_add(count);
    check_range(range.clone(), list.len(), "The dataset", T::NAMES.1)?;
    list.drain(range);
    Ok(())
}

/// Reads `records` (a JS array) as the input's member of their kind, with an error's path as
/// if they were at `offset` in the dataset's list (`$.deals[offset + i]…`).
fn read_list<T: Record>(records: &JsValue, offset: usize) -> Result<Vec<T>, Thrown> {
    let name = T::NAMES.0;
    let read = read_input(&input_with(name, records)?).map_err(|error| shift_index(error, name, offset))?;
    Ok(T::of(read))
}

/// `{ [name]: value }`.
fn input_with(name: &str, value: &JsValue) -> Result<JsValue, Thrown> {
    let input = js_sys::Object::new();
    js_sys::Reflect::set(&input, &name.into(), value)
        .map_err(|_| Thrown::from(Error::internal(format!("the {name} could not be passed on"))))?;
    Ok(input.into())
}

/// `error` with the index after `$.{list}[` in its path moved up by `offset`.
fn shift_index(error: Thrown, list: &str, offset: usize) -> Thrown {
    let error = JsValue::from(error);
    let prefix = format!("$.{list}[");
    let path = js_sys::Reflect::get(&error, &"path".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
    let Some(rest) = path.strip_prefix(&prefix) else { return error.into() };
    let Some((index, after)) = rest.split_once(']').and_then(|(i, after)| Some((i.parse::<usize>().ok()?, after))) else {
        return error.into();
    };
    let shifted = format!("{prefix}{}]{after}", index + offset);
    let _ = js_sys::Reflect::set(&error, &"path".into(), &shifted.into());
    error.into()
}

/// Reads the records: plain JS objects as columns of the members metrics use (see
/// `metrics::columns`); anything else, or records a column can't carry, as JSON text read
/// straight into the core's types (no `serde_json::Value` tree in between), which also reports
/// any error with its path.
fn read_input(input: &JsValue) -> Result<metrics::MetricsInput, Thrown> {
    if let Some(input) = read_columns(input)? {
        return Ok(input);
    }
    read_json_text(input)
}

/// The input as JSON text.
fn read_json_text(input: &JsValue) -> Result<metrics::MetricsInput, Thrown> {
    let text = json_text_from_js(input, "the metrics input", ErrorKind::Input)?;
    Ok(metrics::parse_input_str(&text)?)
}

thread_local! {
    /// `metrics::columns::layout()` as a JS value, built on first use: it never changes.
    static LAYOUT: Result<JsValue, Thrown> = to_js(&columns::layout());
}

/// The input read from columns `encodeRecords` writes; `None` when it refuses the input or a
/// cell is not valid. Quotas, a small object, are read as JSON.
fn read_columns(input: &JsValue) -> Result<Option<metrics::MetricsInput>, Thrown> {
    let layout = LAYOUT.with(Clone::clone)?;
    // Records that are not plain data (a throwing getter or proxy among them) come back
    // `undefined`: the JSON path reads them again and reports what it meets.
    let encoded = encode_records(input, &layout)?;
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
fn compute(input: &metrics::MetricsInput, options: &JsValue) -> Result<JsValue, Thrown> {
    let options = read_options(options)?;
    let options = metrics::MetricsOptions::from_json(&core_options(options.json)?, options.now)?;
    to_js(&metrics::compute_metrics(input, &options)?)
}

/// `options` as the core reads them (without `now`, read by [`read_options`]): with a
/// `pipeline` config replaced by its stage table in `stages`.
fn core_options(mut json: Value) -> Result<Value, Thrown> {
    if let Some(map) = json.as_object_mut() {
        if let Some(config) = map.remove("pipeline").filter(|c| !c.is_null()) {
            if map.get("stages").is_some_and(|s| !s.is_null()) {
                return Err(Error::input(ErrorCode::InvalidOption, "$.pipeline", "Pass either options.pipeline or options.stages, not both.").into());
            }
            map.insert("stages".into(), stage_table(&config)?);
        }
    }
    Ok(json)
}

/// The stage table of a pipeline config's first pipeline, as `Pipeline.stages()` returns it.
/// A bad config is a `PipescoreConfigError` under `$.pipeline`.
fn stage_table(config: &Value) -> Result<Value, Thrown> {
    let pipeline = gates::Pipeline::compile(config).map_err(|e| e.within("$.pipeline"))?;
    serde_json::to_value(pipeline.stages())
        .map_err(|err| Error::internal(format!("the pipeline's stages could not be read: {err}")).into())
}
