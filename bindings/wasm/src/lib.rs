//! The wasm-bindgen surface: the only module that touches `JsValue`.
//!
//! Records cross into wasm as the columns of the compiled config's read plan, written by the
//! package's plan reader (`records.rs`, `pkg-template/reader.js`); configs and options as JSON
//! text (`marshal.rs`). Results cross packed (`packed/`, rebuilt by `pkg-template/results.js`)
//! or as JSON text.
//!
//! Each engine has one submodule that wraps its compiled core object in a `#[wasm_bindgen]`
//! class.

#[cfg(feature = "pipeline-engines")]
pub mod gates;
#[cfg(feature = "pipeline-engines")]
pub mod health;
pub mod host;
mod marshal;
mod packed;
#[cfg(feature = "pipeline-engines")]
pub mod metrics;
pub mod records;
pub mod rules;
pub mod scoring;

use std::cell::OnceCell;
use std::rc::Rc;
use std::thread::LocalKey;

use wasm_bindgen::prelude::*;

pub use marshal::Thrown;
pub(crate) use marshal::{BatchItem, config_from_js, from_js, read_options, to_js};
pub(crate) use packed::to_js_packed;
#[cfg(feature = "pipeline-engines")]
pub(crate) use marshal::{count_from_js, index_from_js};

/// The package version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    pipescore::version().to_owned()
}

/// The compiled default of an engine, made on first use and shared by every instance built
/// without a config: a default `Pipeline`, `DealHealth` or `LeadScorer` then holds a pointer,
/// not a copy of the compiled config.
pub(crate) fn shared_default<T>(
    cell: &'static LocalKey<OnceCell<Rc<T>>>,
    make: impl FnOnce() -> pipescore::Result<T>,
) -> pipescore::Result<Rc<T>> {
    cell.with(|cell| {
        if let Some(made) = cell.get() {
            return Ok(Rc::clone(made));
        }
        let made = Rc::new(make()?);
        Ok(Rc::clone(cell.get_or_init(|| made)))
    })
}
