//! What the core asks of the JS host: Unicode case mapping for non-ASCII text (see
//! `pipescore::case`), so the `.wasm` needs no copy of Unicode's case tables. Registered when
//! the module is instantiated.

use js_sys::JsString;
use pipescore::case::{set_unicode_mapping, UnicodeMapping};
use wasm_bindgen::prelude::*;

/// Registers the host's case mapping with the core. Runs when the module is instantiated (a
/// test binary, which links this crate as a library, calls it itself).
#[wasm_bindgen(start)]
pub fn register() {
    set_unicode_mapping(UnicodeMapping { lowercase, uppercase });
}

/// `String.prototype.toLowerCase` (locale-independent, like `str::to_lowercase`).
fn lowercase(text: &str) -> String {
    JsString::from(text).to_lower_case().into()
}

/// `String.prototype.toUpperCase` (locale-independent, like `str::to_uppercase`).
fn uppercase(text: &str) -> String {
    JsString::from(text).to_upper_case().into()
}
