//! `LeadScorer` for JS: `new LeadScorer(model?)`, `score`, `scoreMany` and the static
//! `defaultModel()`.

use std::cell::OnceCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{Thrown, BatchItem, config_from_js, read_options, shared_default, to_js, to_js_packed};
use crate::records::{PlanReader, Unreadable};
use pipescore::record::Records;
use pipescore::scoring::{self, LeadScore, ScoreOptions};

/// A compiled lead scoring model.
#[wasm_bindgen(js_name = LeadScorer)]
pub struct JsLeadScorer {
    inner: Rc<scoring::LeadScorer>,
    /// The package's reader of the model's plan, made on first use.
    reader: OnceCell<PlanReader>,
}

thread_local! {
    /// The default model, compiled once for every `new LeadScorer()`.
    static DEFAULT: OnceCell<Rc<scoring::LeadScorer>> = const { OnceCell::new() };
}

#[wasm_bindgen(js_class = LeadScorer)]
impl JsLeadScorer {
    /// Compiles `model`; the embedded default model when it is omitted or `null`. Throws a
    /// `PipescoreConfigError` for an invalid model.
    #[wasm_bindgen(constructor)]
    pub fn new(model: JsValue) -> Result<JsLeadScorer, Thrown> {
        let inner = match config_from_js(&model, "the scoring model")? {
            Value::Null => shared_default(&DEFAULT, scoring::LeadScorer::with_default_model)?,
            model => Rc::new(scoring::LeadScorer::compile(&model)?),
        };
        Ok(JsLeadScorer { inner, reader: OnceCell::new() })
    }

    /// Scores one lead. Throws a `PipescoreInputError` for a bad lead or options.
    pub fn score(&self, lead: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let (records, unreadable) = self.read(&js_sys::Array::of1(&lead))?;
        if let Some(u) = unreadable.first() {
            return Err(u.thrown());
        }
        to_js_packed(&self.inner.score_record(&records, 0, now, opts)?)
    }

    /// Scores an array of leads in one call. A bad lead becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].events[0].at`); the others are scored.
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, leads: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let (records, unreadable) = self.read(&leads)?;
        let mut items: Vec<BatchItem<LeadScore<'_>>> =
            self.inner.score_records(&records, now, opts).into_iter().map(BatchItem::from).collect();
        for u in &unreadable {
            if let Some(item) = items.get_mut(u.index) {
                *item = BatchItem::from(Err::<LeadScore<'_>, _>(u.in_batch()));
            }
        }
        to_js_packed(&items)
    }

    /// The total scores of `leads`, in order, as a `Float64Array`: `scoreMany`'s scores
    /// without explanations. Throws the first lead error `scoreMany` would report.
    pub fn scores(&self, leads: JsValue, options: JsValue) -> Result<js_sys::Float64Array, Thrown> {
        let (now, mut opts) = score_options(&options)?;
        opts.explain = false;
        let (records, unreadable) = self.read(&leads)?;
        let results = self.inner.score_records(&records, now, opts);
        let mut totals = Vec::with_capacity(results.len());
        let first_unreadable = unreadable.first().map(|u| u.index);
        for (i, result) in results.into_iter().enumerate() {
            if Some(i) == first_unreadable {
                if let Some(u) = unreadable.first() {
                    return Err(u.thrown_in_batch());
                }
            }
            totals.push(result?.score as f64);
        }
        Ok(js_sys::Float64Array::from(&totals[..]))
    }

    /// The embedded default model as JSON, to start a custom model from.
    #[wasm_bindgen(js_name = defaultModel)]
    pub fn default_model() -> Result<JsValue, Thrown> {
        to_js(&scoring::default_model())
    }
}

impl JsLeadScorer {
    /// Reads `leads` (a JS array) with the model's plan.
    fn read(&self, leads: &JsValue) -> Result<(Records, Vec<Unreadable>), Thrown> {
        let plan = self.inner.plan();
        let reader = match self.reader.get() {
            Some(reader) => reader,
            None => {
                let made = PlanReader::new(plan)?;
                self.reader.get_or_init(|| made)
            }
        };
        reader.read(plan, leads)
    }
}

/// `options.now`, `options.mode` and `options.explain`.
fn score_options(options: &JsValue) -> Result<(i64, ScoreOptions), Thrown> {
    let options = read_options(options)?;
    Ok((options.now, ScoreOptions::from_json(&options.json)?))
}
