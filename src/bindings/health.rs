//! `DealHealth` for JS: `new DealHealth(config?, pipeline?)`, `score`, `scoreMany` and the
//! static `defaultConfig()`.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{BatchItem, config_from_js, from_js, now_from_options, options_json, to_js};
use crate::gates::Pipeline;
use crate::health::{self, DealHealthReport, ScoreOptions};
use crate::{Error, Result};

/// A compiled health config with its pipeline.
#[wasm_bindgen(js_name = DealHealth)]
pub struct JsDealHealth {
    inner: health::DealHealth,
}

#[wasm_bindgen(js_class = DealHealth)]
impl JsDealHealth {
    /// Compiles `config` (the embedded default when omitted or `null`; otherwise laid over it)
    /// for deals of `pipeline`: a `Pipeline` or a pipeline config (the default B2B pipeline when
    /// omitted or `null`; a `Pipeline` arrives as its config through its `toJSON`). Throws a `PipescoreConfigError` whose path points at the offending value; a
    /// pipeline error's path starts with `$.pipeline`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, pipeline: JsValue) -> Result<JsDealHealth, JsValue> {
        let config = config_from_js(&config, "the health config")?;
        let pipeline = match config_from_js(&pipeline, "the pipeline")? {
            Value::Null => Pipeline::compile(&Pipeline::default_config())?,
            config => Pipeline::compile(&config).map_err(|e| e.within("$.pipeline"))?,
        };
        Ok(JsDealHealth { inner: health::DealHealth::with_pipeline(&config, pipeline)? })
    }

    /// Scores one deal: `{ score, band, factors, warnings, skipped }`. Throws a
    /// `PipescoreInputError` for a bad deal or options.
    pub fn score(&self, deal: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (now, opts) = read_options(&options)?;
        let deal = from_js(&deal, "the deal")?;
        to_js(&self.inner.score(&deal, now, &opts)?)
    }

    /// Scores an array of deals in one call. A bad deal becomes `{ error: { name, code, path,
    /// message } }` at its index (path `$[3].activities[0].at`); the others are scored.
    #[wasm_bindgen(js_name = scoreMany)]
    pub fn score_many(&self, deals: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (now, opts) = read_options(&options)?;
        let Value::Array(deals) = from_js(&deals, "the deals")? else {
            return Err(Error::input("INVALID_DEALS", "$", "scoreMany takes an array of deals").into());
        };
        let items: Vec<BatchItem<DealHealthReport>> = self.inner.score_many(&deals, now, &opts).into_iter().map(BatchItem::from).collect();
        to_js(&items)
    }

    /// The embedded default health config as JSON, to start a custom one from.
    #[wasm_bindgen(js_name = defaultConfig)]
    pub fn default_config() -> Result<JsValue, JsValue> {
        to_js(&health::DealHealth::default_config())
    }
}

/// `options.now` and `options.topFactors`.
fn read_options(options: &JsValue) -> Result<(i64, ScoreOptions), JsValue> {
    let opts = ScoreOptions::from_json(&options_json(options)?)?;
    Ok((now_from_options(options)?, opts))
}
