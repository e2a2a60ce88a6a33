//! The wasm-bindgen surface: the only module that touches `JsValue`.
//!
//! Values cross the boundary as JSON text: `JSON.stringify` on the way in (so a `Date` in a
//! record arrives as its ISO-8601 string and nothing is silently dropped into `{}`), and
//! `JSON.parse` on the way out. That is why the crate does not use `serde-wasm-bindgen`: it
//! reads a `Date` as an empty object and walks JS objects one property call at a time.
//!
//! Each engine has one submodule that wraps its compiled core object in a `#[wasm_bindgen]`
//! class; `LeadScorer.scores()` additionally takes typed columns (see `scoring.rs`).

#[cfg(feature = "pipeline-engines")]
pub mod gates;
#[cfg(feature = "pipeline-engines")]
pub mod health;
pub mod host;
mod marshal;
#[cfg(feature = "pipeline-engines")]
mod packed;
#[cfg(feature = "pipeline-engines")]
pub mod metrics;
pub mod rules;
pub mod scoring;

use wasm_bindgen::prelude::*;

pub use marshal::Thrown;
pub(crate) use marshal::{BatchItem, config_from_js, from_js, read_options, to_js};
#[cfg(feature = "pipeline-engines")]
pub(crate) use marshal::{count_from_js, index_from_js};

/// The package version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    pipescore::version().to_owned()
}
