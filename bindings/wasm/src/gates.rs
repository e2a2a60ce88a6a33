//! `Pipeline` for JS: `new Pipeline(config?)`, `check`, `checkMove`, `checkHandoff`, `stages`
//! and the static `defaultConfig()`.

use std::cell::OnceCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{Thrown, config_from_js, from_js, read_options, shared_default, to_js};
use pipescore::error::ErrorCode;
use pipescore::gates;
use pipescore::Error;

/// A compiled pipeline config: one pipeline or several.
#[wasm_bindgen(js_name = Pipeline)]
pub struct JsPipeline {
    inner: Rc<Compiled>,
}

/// A compiled pipeline and the config it was compiled from (as JSON text, a fraction of the
/// size of a `Value`), for `toJSON`.
struct Compiled {
    pipeline: gates::Pipeline,
    config: String,
}

impl Compiled {
    fn of(config: &Value) -> pipescore::Result<Compiled> {
        let text = serde_json::to_string(config).map_err(|e| Error::internal(format!("the pipeline config could not be kept: {e}")))?;
        Ok(Compiled { pipeline: gates::Pipeline::compile(config)?, config: text })
    }
}

thread_local! {
    /// The default pipeline, compiled once for every `new Pipeline()`.
    static DEFAULT: OnceCell<Rc<Compiled>> = const { OnceCell::new() };
}

#[wasm_bindgen(js_class = Pipeline)]
impl JsPipeline {
    /// Compiles `config`; the embedded default B2B pipeline when it is omitted or `null`.
    /// Throws a `PipescoreConfigError` whose path points at the offending value.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsPipeline, Thrown> {
        let inner = match config_from_js(&config, "the pipeline config")? {
            Value::Null => shared_default(&DEFAULT, || Compiled::of(&gates::Pipeline::default_config()))?,
            config => Rc::new(Compiled::of(&config)?),
        };
        Ok(JsPipeline { inner })
    }

    /// The config this pipeline was compiled from. `JSON.stringify(pipeline)` uses it, so a
    /// `Pipeline` can be passed wherever a pipeline config is accepted (`new DealHealth(config,
    /// pipeline)`, `computeMetrics(…, { pipeline })`).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, Thrown> {
        js_sys::JSON::parse(&self.inner.config).map_err(|_| Error::internal("the pipeline config could not be handed to JavaScript").into())
    }

    /// The embedded default pipeline config as JSON, to start a custom one from.
    #[wasm_bindgen(js_name = defaultConfig)]
    pub fn default_config() -> Result<JsValue, Thrown> {
        to_js(&gates::Pipeline::default_config())
    }

    /// Checks a deal in its current stage: exit criteria met and unmet, fields, guidance and
    /// per-stage completeness.
    pub fn check(&self, deal: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let now = read_options(&options)?.now;
        let deal = from_js(&deal, "the deal")?;
        to_js(&self.inner.pipeline.check(&deal, now)?)
    }

    /// Checks moving a deal to `targetStageId`: `{ allowed, reasons, warnings, ... }`.
    #[wasm_bindgen(js_name = checkMove)]
    pub fn check_move(&self, deal: JsValue, target_stage_id: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let target = id_argument(&target_stage_id, "targetStageId", "the target stage id")?;
        let now = read_options(&options)?.now;
        let deal = from_js(&deal, "the deal")?;
        to_js(&self.inner.pipeline.check_move(&deal, &target, now)?)
    }

    /// Checks a record against a handoff: checklist, completeness and SLA status.
    #[wasm_bindgen(js_name = checkHandoff)]
    pub fn check_handoff(&self, handoff_id: JsValue, record: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let handoff = id_argument(&handoff_id, "handoffId", "the handoff id")?;
        let now = read_options(&options)?.now;
        let record = from_js(&record, "the record")?;
        to_js(&self.inner.pipeline.check_handoff(&handoff, &record, now)?)
    }

    /// The stages of pipeline `pipelineId` (the first pipeline when omitted), in order.
    pub fn stages(&self, pipeline_id: JsValue) -> Result<JsValue, Thrown> {
        let id = if pipeline_id.is_undefined() || pipeline_id.is_null() {
            None
        } else {
            Some(id_argument(&pipeline_id, "pipelineId", "the pipeline id")?)
        };
        to_js(self.inner.pipeline.stages_of(id.as_deref())?)
    }
}

/// A string id argument; anything else is an `INVALID_ID` input error at `$.<name>`.
fn id_argument(value: &JsValue, name: &str, what: &str) -> Result<String, Thrown> {
    value.as_string().ok_or_else(|| Error::input(ErrorCode::InvalidId, format!("$.{name}"), format!("{what} must be a string")).into())
}
