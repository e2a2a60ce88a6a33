//! `DealHealth` for JS: `new DealHealth(config?, pipeline?)`, `score`, `scoreMany` and the
//! static `defaultConfig()`; `DealSet`, deals read once for `scoreMany` (through `scoreSet`).
//!
//! Batch results come packed (see [`super::packed`]); the package's `scoreMany`
//! (`pkg-template/health.js`) unpacks them into the plain objects `score` returns.

use std::cell::OnceCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::packed::{Packer, Unsupported};
use super::{Thrown, BatchItem, config_from_js, count_from_js, from_js, index_from_js, read_options, shared_default, to_js};
use pipescore::gates::Pipeline;
use pipescore::health::{self, DealHealthReport, ScoreOptions};
use pipescore::{Error, ErrorCode, Result};

/// Deals read once, to score many times (`health.scoreMany(set, options)`).
#[wasm_bindgen(js_name = DealSet)]
pub struct JsDealSet {
    inner: health::DealSet,
}

#[wasm_bindgen(js_class = DealSet)]
impl JsDealSet {
    /// Reads an array of deals. A deal that can't be read is reported when the set is scored,
    /// at its index, as `scoreMany` reports it. Throws a `PipescoreInputError` when `deals` is
    /// not an array (`NOT_A_LIST`) or not plain data.
    #[wasm_bindgen(constructor)]
    pub fn new(deals: JsValue) -> Result<JsDealSet, Thrown> {
        Ok(JsDealSet { inner: health::DealSet::new(deal_array(&deals, "a DealSet is read from an array of deals")?) })
    }

    /// How many deals the set holds.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// Replaces the deal at `index` (reading only that deal). Throws a `PipescoreInputError`
    /// `INVALID_INDEX` when no deal is there.
    pub fn set(&mut self, index: JsValue, deal: JsValue) -> Result<(), Thrown> {
        let index = index_from_js(&index, "index")?;
        Ok(self.inner.set(index, from_js(&deal, "the deal")?)?)
    }

    /// Adds an array of deals after the last one; returns the new length.
    pub fn append(&mut self, deals: JsValue) -> Result<usize, Thrown> {
        Ok(self.inner.append(deal_array(&deals, "append takes an array of deals")?))
    }

    /// Removes `count` deals (1 when omitted) from `index` on. Throws a `PipescoreInputError`
    /// `INVALID_INDEX` unless they are all in the set.
    pub fn remove(&mut self, index: JsValue, count: JsValue) -> Result<(), Thrown> {
        let index = index_from_js(&index, "index")?;
        let count = count_from_js(&count)?;
        Ok(self.inner.remove(index, count)?)
    }
}

/// A compiled health config with its pipeline.
#[wasm_bindgen(js_name = DealHealth)]
pub struct JsDealHealth {
    inner: Rc<health::DealHealth>,
}

thread_local! {
    /// The default config for the default pipeline, compiled once for every `new DealHealth()`.
    static DEFAULT: OnceCell<Rc<health::DealHealth>> = const { OnceCell::new() };
}

#[wasm_bindgen(js_class = DealHealth)]
impl JsDealHealth {
    /// Compiles `config` (the embedded default when omitted or `null`; otherwise laid over it)
    /// for deals of `pipeline`: a `Pipeline` or a pipeline config (the default B2B pipeline when
    /// omitted or `null`; a `Pipeline` arrives as its config through its `toJSON`). Throws a `PipescoreConfigError` whose path points at the offending value; a
    /// pipeline error's path starts with `$.pipeline`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, pipeline: JsValue) -> Result<JsDealHealth, Thrown> {
        let config = config_from_js(&config, "the health config")?;
        let pipeline = config_from_js(&pipeline, "the pipeline")?;
        if config.is_null() && pipeline.is_null() {
            return Ok(JsDealHealth { inner: shared_default(&DEFAULT, || health::DealHealth::compile(&Value::Null))? });
        }
        let pipeline = match pipeline {
            Value::Null => Pipeline::compile(&Pipeline::default_config())?,
            config => Pipeline::compile(&config).map_err(|e| e.within("$.pipeline"))?,
        };
        Ok(JsDealHealth { inner: Rc::new(health::DealHealth::with_pipeline(&config, pipeline)?) })
    }

    /// Scores one deal: `{ score, band, factors, warnings, skipped }`. Throws a
    /// `PipescoreInputError` for a bad deal or options.
    pub fn score(&self, deal: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let deal = from_js(&deal, "the deal")?;
        to_js(&self.inner.score(&deal, now, &opts)?)
    }

    /// Scores an array of deals in one call. A bad deal becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].activities[0].at`); the others are scored. (The
    /// package's `scoreMany`, in `pkg-template/health.js`, calls `scoreManyPacked` instead.)
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, deals: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let deals = deal_array(&deals, "scoreMany takes an array of deals")?;
        plain(self.inner.score_many(&deals, now, &opts))
    }

    /// `scoreMany`'s results, packed. Internal to the package's `scoreMany`.
    #[wasm_bindgen(js_name = scoreManyPacked, skip_typescript)]
    pub fn score_many_packed(&self, deals: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let deals = deal_array(&deals, "scoreMany takes an array of deals")?;
        batch(self.inner.score_many(&deals, now, &opts))
    }

    /// Scores the deals of a `DealSet`, as `scoreMany` scores the array it was read from;
    /// packed. Internal to the package's `scoreMany`, which checks that `set` is a live
    /// `DealSet` before it calls this.
    #[wasm_bindgen(js_name = scoreSet, skip_typescript)]
    pub fn score_set(&self, set: &JsDealSet, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        batch(self.inner.score_set(&set.inner, now, &opts))
    }

    /// The embedded default health config as JSON, to start a custom one from.
    #[wasm_bindgen(js_name = defaultConfig)]
    pub fn default_config() -> Result<JsValue, Thrown> {
        to_js(&health::DealHealth::default_config())
    }
}

/// `options.now` and `options.topFactors`.
fn score_options(options: &JsValue) -> Result<(i64, ScoreOptions), Thrown> {
    let options = read_options(options)?;
    Ok((options.now, ScoreOptions::from_json(&options.json)?))
}

/// An array of deals as JSON. Input error: `NOT_A_LIST` (with `message`) when it is not an
/// array.
fn deal_array(deals: &JsValue, message: &str) -> Result<Vec<Value>, Thrown> {
    match from_js(deals, "the deals")? {
        Value::Array(deals) => Ok(deals),
        _ => Err(Error::input(ErrorCode::NotAList, "$", message).into()),
    }
}

/// A batch's results for JS, packed; as plain objects (through JSON) should a factor's detail
/// be something packing does not carry.
fn batch(results: Vec<Result<DealHealthReport>>) -> Result<JsValue, Thrown> {
    let mut p = Packer::default();
    p.int(results.len());
    let packed: Result<(), Unsupported> = results.iter().try_for_each(|result| pack(&mut p, result));
    if packed.is_ok() {
        return p.into_js();
    }
    plain(results)
}

/// A batch's results for JS as plain objects, through JSON.
fn plain(results: Vec<Result<DealHealthReport>>) -> Result<JsValue, Thrown> {
    let items: Vec<BatchItem<DealHealthReport>> = results.into_iter().map(BatchItem::from).collect();
    to_js(&items)
}

/// Tags of the packed entries (`pkg-template/health.js` reads them).
mod tag {
    /// A report without id.
    pub(super) const NO_ID: usize = 0;
    /// A report with a text id.
    pub(super) const TEXT_ID: usize = 1;
    /// A report with a number id.
    pub(super) const NUMBER_ID: usize = 2;
    /// A deal's error.
    pub(super) const ERROR: usize = 3;
}

/// One deal's result: its error (tag, name, code, path, message), or its report (tag and id,
/// score (NaN for none), band, factors `(signal, label, subScore, weight, impact, reason,
/// action, detail)`, warnings `(id, severity, message)`, skipped signals `(signal, label,
/// reason)`).
fn pack(p: &mut Packer, result: &Result<DealHealthReport>) -> Result<(), Unsupported> {
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            p.int(tag::ERROR);
            p.word(e.kind.class_name());
            p.word(e.code.as_str());
            p.text(&e.path);
            p.text(&e.message);
            return Ok(());
        }
    };
    match &report.id {
        None => p.int(tag::NO_ID),
        Some(Value::String(id)) => {
            p.int(tag::TEXT_ID);
            p.text(id);
        }
        Some(id) => {
            p.int(tag::NUMBER_ID);
            p.num(id.as_f64().unwrap_or(f64::NAN));
        }
    }
    p.num(report.score.map_or(f64::NAN, f64::from));
    p.word(report.band.name());
    p.int(report.factors.len());
    for f in &report.factors {
        p.word(f.signal);
        p.word(f.label);
        p.value(&f.sub_score)?;
        p.value(&f.weight)?;
        p.value(&f.impact)?;
        p.text(&f.reason);
        p.value(&f.action)?;
        p.value(&f.detail)?;
    }
    p.int(report.warnings.len());
    for w in &report.warnings {
        p.word(w.id);
        p.word(w.severity.name());
        p.text(&w.message);
    }
    p.int(report.skipped.len());
    for s in &report.skipped {
        p.word(s.signal);
        p.word(s.label);
        p.word(s.reason);
    }
    Ok(())
}
