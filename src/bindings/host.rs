//! What the core asks of the JS host: Unicode case mapping for non-ASCII text (see
//! `crate::case`), so the `.wasm` needs no copy of Unicode's case tables.

use js_sys::JsString;

/// `String.prototype.toLowerCase` (locale-independent, like `str::to_lowercase`).
pub(crate) fn lowercase(text: &str) -> String {
    JsString::from(text).to_lower_case().into()
}

/// `String.prototype.toUpperCase` (locale-independent, like `str::to_uppercase`).
pub(crate) fn uppercase(text: &str) -> String {
    JsString::from(text).to_upper_case().into()
}
