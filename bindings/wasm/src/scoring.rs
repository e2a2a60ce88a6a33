//! `LeadScorer` for JS: `new LeadScorer(model?)`, `score`, `scoreMany` and the static
//! `defaultModel()`.

use std::cell::OnceCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{Thrown, BatchItem, config_from_js, from_js, read_options, shared_default, to_js};
use pipescore::rules::Slot;
use pipescore::scoring::{self, Columns, LeadScore, ScoreOptions};
use pipescore::{Error, ErrorCode, Result};

/// A compiled lead scoring model.
#[wasm_bindgen(js_name = LeadScorer)]
pub struct JsLeadScorer {
    inner: Rc<scoring::LeadScorer>,
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
        Ok(JsLeadScorer { inner })
    }

    /// Scores one lead. Throws a `PipescoreInputError` for a bad lead or options.
    pub fn score(&self, lead: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let lead = from_js(&lead, "the lead")?;
        to_js(&self.inner.score_with(&lead, now, opts)?)
    }

    /// Scores an array of leads in one call. A bad lead becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].events[0].at`); the others are scored.
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, leads: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = score_options(&options)?;
        let Value::Array(leads) = from_js(&leads, "the leads")? else {
            return Err(Error::input(ErrorCode::NotAList, "$", "scoreMany takes an array of leads").into());
        };
        let items: Vec<BatchItem<LeadScore<'_>>> =
            self.inner.score_many_with(&leads, now, opts).into_iter().map(BatchItem::from).collect();
        to_js(&items)
    }

    /// The lead fields the fast path reads, in column order; `null` when the model has no fast
    /// plan (see `scoring::FastPlan`). Used by `scores()` in `scores.js`.
    #[wasm_bindgen(js_name = fastFields)]
    pub fn fast_fields(&self) -> Result<JsValue, Thrown> {
        to_js(&self.inner.fast_plan().map(|p| p.fields()))
    }

    /// Total scores of the `count` leads in `tags` and `numbers` (see `scoring::Columns`; rows
    /// of the fast plan's fields, filled by `scores()` in JS-owned arrays and copied in), the
    /// string cells referring to `strings` split at U+0000; validates `options` as `scoreMany`
    /// does. Internal to `scores()` (the package removes it from the prototype).
    #[wasm_bindgen(js_name = scoreColumns, skip_typescript)]
    pub fn score_columns(&self, count: u32, tags: &[u8], numbers: &[f64], strings: String, options: JsValue) -> Result<Vec<f64>, Thrown> {
        score_options(&options)?;
        let strings: Vec<&str> = strings.split('\0').collect();
        let columns = Columns { count: count as usize, tags, numbers, strings: &strings };
        Ok(self.inner.score_columns(&columns)?.into_iter().map(|s| s as f64).collect())
    }

    /// The fast plan as data (see `scoring::FastPlan::outline`), `null` when the model has
    /// none or it can't be outlined. `scores()` builds its specialised function from it
    /// (internal to it).
    #[wasm_bindgen(js_name = fastOutline, skip_typescript)]
    pub fn fast_outline(&self) -> Result<JsValue, Thrown> {
        to_js(&self.inner.fast_plan().and_then(scoring::FastPlan::outline))
    }

    /// Which of fast-plan field number `field`'s tests hold for `value`, a number or a string
    /// (`scoring::FastPlan::bits`); −1 for any other value. For the values an outline leaves
    /// to wasm. Internal to `scores()`.
    #[wasm_bindgen(js_name = slotBits, skip_typescript)]
    pub fn slot_bits(&self, field: usize, value: JsValue) -> i32 {
        if let Some(n) = value.as_f64() {
            // As JSON writes them: −0 as 0, NaN and ±Infinity as null.
            return self.bits(field, if n.is_finite() { Slot::Num(n + 0.0) } else { Slot::Null });
        }
        // Only asked of JS when the value is not a number.
        value.as_string().map_or(-1, |s| self.bits(field, Slot::Str(&s)))
    }

    /// Total scores of `count` leads from the lead rules that fired for each (see
    /// `scoring::LeadScorer::score_fired`); validates `options` as `scoreMany` does. Internal
    /// to `scores()`.
    #[wasm_bindgen(js_name = scoreFired, skip_typescript)]
    pub fn score_fired(&self, count: u32, fired: &[u32], options: JsValue) -> Result<Vec<f64>, Thrown> {
        score_options(&options)?;
        Ok(self.inner.score_fired(count as usize, fired)?.into_iter().map(|s| s as f64).collect())
    }

    /// The embedded default model as JSON, to start a custom model from.
    #[wasm_bindgen(js_name = defaultModel)]
    pub fn default_model() -> Result<JsValue, Thrown> {
        to_js(&scoring::default_model())
    }
}

impl JsLeadScorer {
    /// [`scoring::FastPlan::bits`] as a JS integer (outlined fields have at most 31 tests).
    fn bits(&self, field: usize, slot: Slot<'_>) -> i32 {
        self.inner.fast_plan().map_or(0, |p| i32::try_from(p.bits(field, slot)).unwrap_or(-1))
    }
}

/// `options.now`, `options.mode` and `options.explain`.
fn score_options(options: &JsValue) -> Result<(i64, ScoreOptions), Thrown> {
    let options = read_options(options)?;
    Ok((options.now, ScoreOptions::from_json(&options.json)?))
}
