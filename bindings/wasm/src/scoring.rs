//! `LeadScorer` for JS: `new LeadScorer(model?)`, `score`, `scoreMany` and the static
//! `defaultModel()`.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{Thrown, BatchItem, config_from_js, from_js, now_from_options, options_json, to_js};
use pipescore::rules::Slot;
use pipescore::scoring::{self, Columns, LeadScore, ScoreOptions};
use pipescore::{Error, ErrorCode, Result};

/// A compiled lead scoring model.
#[wasm_bindgen(js_name = LeadScorer)]
pub struct JsLeadScorer {
    inner: scoring::LeadScorer,
    /// The fast path's columns while `scores()` fills them (see `columnBuffers`).
    columns: ColumnBuffers,
}

/// Column buffers in wasm memory, filled in place by JS.
#[derive(Default)]
struct ColumnBuffers {
    tags: Vec<u8>,
    numbers: Vec<f64>,
}

#[wasm_bindgen(js_class = LeadScorer)]
impl JsLeadScorer {
    /// Compiles `model`; the embedded default model when it is omitted or `null`. Throws a
    /// `PipescoreConfigError` for an invalid model.
    #[wasm_bindgen(constructor)]
    pub fn new(model: JsValue) -> Result<JsLeadScorer, Thrown> {
        let inner = match config_from_js(&model, "the scoring model")? {
            Value::Null => scoring::LeadScorer::with_default_model()?,
            model => scoring::LeadScorer::compile(&model)?,
        };
        Ok(JsLeadScorer { inner, columns: ColumnBuffers::default() })
    }

    /// Scores one lead. Throws a `PipescoreInputError` for a bad lead or options.
    pub fn score(&self, lead: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = read_options(&options)?;
        let lead = from_js(&lead, "the lead")?;
        to_js(&self.inner.score_with(&lead, now, opts)?)
    }

    /// Scores an array of leads in one call. A bad lead becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].events[0].at`); the others are scored.
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, leads: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let (now, opts) = read_options(&options)?;
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

    /// Makes room inside wasm memory for the columns of `count` leads (see
    /// `scoring::Columns`) and returns `[tags, numbers]`: a `Uint8Array` and a `Float64Array`
    /// over that memory, zeroed, for `scores()` to fill before it calls `scoreColumns`. The
    /// views are only valid until the next call into wasm: filling them in place saves copying
    /// the columns in.
    #[wasm_bindgen(js_name = columnBuffers)]
    pub fn column_buffers(&mut self, count: u32) -> js_sys::Array {
        let width = self.inner.fast_plan().map_or(0, |p| p.fields().len());
        let cells = (count as usize).saturating_mul(width);
        let ColumnBuffers { tags, numbers } = &mut self.columns;
        *tags = vec![0; cells];
        *numbers = vec![0.0; cells];
        // SAFETY: the views are handed to JS, which fills them before its next call into
        // wasm; no Rust code runs in between, so the buffers neither move nor get freed while
        // the views are in use (see the doc comment).
        unsafe { js_sys::Array::of2(&js_sys::Uint8Array::view(tags), &js_sys::Float64Array::view(numbers)) }
    }

    /// Total scores of the `count` leads in the buffers `columnBuffers` returned, the string
    /// cells referring to `strings` split at U+0000; validates `options` as `scoreMany` does.
    /// Frees the buffers.
    #[wasm_bindgen(js_name = scoreColumns)]
    pub fn score_columns(&mut self, count: u32, strings: String, options: JsValue) -> Result<Vec<f64>, Thrown> {
        read_options(&options)?;
        let ColumnBuffers { mut tags, mut numbers } = std::mem::take(&mut self.columns);
        // The buffers have room for every lead; those that went the general way left rows unused.
        let width = self.inner.fast_plan().map_or(0, |p| p.fields().len());
        let cells = (count as usize).saturating_mul(width);
        tags.truncate(cells);
        numbers.truncate(cells);
        let strings: Vec<&str> = strings.split('\0').collect();
        let columns = Columns { count: count as usize, tags: &tags, numbers: &numbers, strings: &strings };
        Ok(self.inner.score_columns(&columns)?.into_iter().map(|s| s as f64).collect())
    }

    /// The fast plan as data (see `scoring::FastPlan::outline`), `null` when the model has
    /// none or it can't be outlined. `scores()` builds its specialised function from it.
    #[wasm_bindgen(js_name = fastOutline)]
    pub fn fast_outline(&self) -> Result<JsValue, Thrown> {
        to_js(&self.inner.fast_plan().and_then(scoring::FastPlan::outline))
    }

    /// Which of fast-plan field number `field`'s tests hold for `value`, a number or a string
    /// (`scoring::FastPlan::bits`); −1 for any other value. For the values an outline leaves
    /// to wasm.
    #[wasm_bindgen(js_name = slotBits)]
    pub fn slot_bits(&self, field: usize, value: JsValue) -> i32 {
        if let Some(n) = value.as_f64() {
            // As JSON writes them: −0 as 0, NaN and ±Infinity as null.
            return self.bits(field, if n.is_finite() { Slot::Num(n + 0.0) } else { Slot::Null });
        }
        // Only asked of JS when the value is not a number.
        value.as_string().map_or(-1, |s| self.bits(field, Slot::Str(&s)))
    }

    /// Total scores of `count` leads from the lead rules that fired for each (see
    /// `scoring::LeadScorer::score_fired`); validates `options` as `scoreMany` does.
    #[wasm_bindgen(js_name = scoreFired)]
    pub fn score_fired(&self, count: u32, fired: &[u32], options: JsValue) -> Result<Vec<f64>, Thrown> {
        read_options(&options)?;
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
fn read_options(options: &JsValue) -> Result<(i64, ScoreOptions), Thrown> {
    let opts = ScoreOptions::from_json(&options_json(options)?)?;
    Ok((now_from_options(options)?, opts))
}
