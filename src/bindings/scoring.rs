//! `LeadScorer` for JS: `new LeadScorer(model?)`, `score`, `scoreMany` and the static
//! `defaultModel()`.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{BatchItem, config_from_js, from_js, now_from_options, options_json, to_js};
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
        to_js(&finish(self.inner.score(&lead, now, opts.mode)?, opts))
    }

    /// Scores an array of leads in one call. A bad lead becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].events[0].at`); the others are scored.
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, leads: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (now, opts) = read_options(&options)?;
        let Value::Array(leads) = from_js(&leads, "the leads")? else {
            return Err(Error::input("INVALID_LEADS", "$", "scoreMany takes an array of leads").into());
        };
        let results = self.inner.score_many(&leads, now, opts.mode);
        let items: Vec<BatchItem<LeadScore<'_>>> =
            results.into_iter().map(|r| BatchItem::from(r.map(|score| finish(score, opts)))).collect();
        to_js(&items)
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

/// Drops the explanation when `explain: false`.
fn finish(mut score: LeadScore<'_>, opts: ScoreOptions) -> LeadScore<'_> {
    if !opts.explain {
        score.groups = Vec::new();
        score.contributions = Vec::new();
    }
    score
}
