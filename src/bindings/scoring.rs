//! `LeadScorer` for JS: `new LeadScorer(model?)`, `score`, `scoreMany` and the static
//! `defaultModel()`.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{BatchItem, config_from_js, from_js, now_from_options, options_json, to_js};
use crate::rules::Slot;
use crate::scoring::{self, LeadScore, ScoreOptions};
use crate::{Error, Result};

/// A compiled lead scoring model.
#[wasm_bindgen(js_name = LeadScorer)]
pub struct JsLeadScorer {
    inner: scoring::LeadScorer,
}

#[wasm_bindgen(js_class = LeadScorer)]
impl JsLeadScorer {
    /// Compiles `model`; the embedded default model when it is omitted or `null`. Throws a
    /// `PipescoreConfigError` for an invalid model.
    #[wasm_bindgen(constructor)]
    pub fn new(model: JsValue) -> Result<JsLeadScorer, JsValue> {
        let inner = match config_from_js(&model, "the scoring model")? {
            Value::Null => scoring::LeadScorer::with_default_model()?,
            model => scoring::LeadScorer::compile(&model)?,
        };
        Ok(JsLeadScorer { inner })
    }

    /// Scores one lead. Throws a `PipescoreInputError` for a bad lead or options.
    pub fn score(&self, lead: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (now, opts) = read_options(&options)?;
        let lead = from_js(&lead, "the lead")?;
        to_js(&self.inner.score_with(&lead, now, opts)?)
    }

    /// Scores an array of leads in one call. A bad lead becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].events[0].at`); the others are scored.
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, leads: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (now, opts) = read_options(&options)?;
        let Value::Array(leads) = from_js(&leads, "the leads")? else {
            return Err(Error::input("INVALID_LEADS", "$", "scoreMany takes an array of leads").into());
        };
        let items: Vec<BatchItem<LeadScore<'_>>> =
            self.inner.score_many_with(&leads, now, opts).into_iter().map(BatchItem::from).collect();
        to_js(&items)
    }

    /// The lead fields the fast path reads, in column order; `null` when the model has no fast
    /// plan (see `scoring::FastPlan`). Used by `scores()` in `api.js`.
    #[wasm_bindgen(js_name = fastFields)]
    pub fn fast_fields(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.fast_plan().map(|p| p.fields()))
    }

    /// Total scores of `count` flat leads through the fast plan, validating `options` as
    /// `scoreMany` does. Lead `i`'s field `j` (in `fastFields()` order) is at `k = i × fields +
    /// j`: `tags[k]` is 0 null/absent, 1 false, 2 true, 3 the number `numbers[k]`, 4 the string
    /// number `numbers[k]` of `strings` split at U+0000.
    #[wasm_bindgen(js_name = scoreColumns)]
    pub fn score_columns(
        &self,
        count: u32,
        tags: &[u8],
        numbers: &[f64],
        strings: String,
        options: JsValue,
    ) -> Result<Vec<f64>, JsValue> {
        let (now, _) = read_options(&options)?;
        let width = self.inner.fast_plan().map_or(0, |p| p.fields().len());
        let strings: Vec<&str> = strings.split('\0').collect();
        let cells = count as usize * width;
        let valid = |(t, n): (&u8, &f64)| *t < 4 || (*t == 4 && (*n as usize) < strings.len());
        if tags.len() != cells || numbers.len() != cells || !tags.iter().zip(numbers).all(valid) {
            return Err(Error::input("INTERNAL", "$", "scoreColumns got inconsistent columns").into());
        }
        let slot = |k: usize| match tags[k] {
            0 => Slot::Null,
            1 => Slot::Bool(false),
            2 => Slot::Bool(true),
            3 => Slot::Num(numbers[k]),
            _ => Slot::Str(strings[numbers[k] as usize]),
        };
        let fill = |i: usize, row: &mut Vec<_>| row.extend((i * width..(i + 1) * width).map(slot));
        let scores = self.inner.score_rows(count as usize, now, fill).ok_or_else(|| {
            JsValue::from(Error::input("INTERNAL", "$", "this model has no fast path (fastFields() is null)"))
        })?;
        Ok(scores.iter().map(|s| s.score as f64).collect())
    }

    /// The embedded default model as JSON, to start a custom model from.
    #[wasm_bindgen(js_name = defaultModel)]
    pub fn default_model() -> Result<JsValue, JsValue> {
        to_js(&scoring::default_model())
    }
}

/// `options.now`, `options.mode` and `options.explain`.
fn read_options(options: &JsValue) -> Result<(i64, ScoreOptions), JsValue> {
    let opts = ScoreOptions::from_json(&options_json(options)?)?;
    Ok((now_from_options(options)?, opts))
}
