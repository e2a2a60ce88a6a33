//! Packed batch results: numbers and strings in a few typed arrays and one string, which the
//! package's JS turns back into plain objects (`pkg-template/health.js`). For large batches
//! this is several times faster than JSON text and `JSON.parse`: the objects are built by
//! JS object literals, and strings that recur (ids, codes, labels) cross once.
//!
//! The result is `[words, ints, nums, text]`, read in order: `ints` holds small integers
//! (counts, tags, indices into `words`, and the UTF-16 length of each string taken from
//! `text`), `nums` the numbers; what they mean is up to the engine's packer and unpacker.

mod value;

#[cfg(feature = "pipeline-engines")]
pub(crate) use value::Unsupported;

use crate::Thrown;

use js_sys::{Array, Float64Array, Uint32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;



#[wasm_bindgen(module = "/../../pkg-template/results.js")]
extern "C" {
    /// Rebuilds a value packed whole (`pkg-template/results.js`).
    #[wasm_bindgen(catch)]
    fn unpack(packed: &JsValue) -> Result<JsValue, JsValue>;
}

/// A result as plain JS data, packed where the packer can carry it (else as JSON text).
pub(crate) fn to_js_packed<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, Thrown> {
    let mut packer = Packer::default();
    if packer.value(value).is_err() {
        return crate::to_js(value);
    }
    Ok(unpack(&packer.into_js()?)?)
}

/// Builds a packed result.
#[derive(Default)]
pub(crate) struct Packer {
    words: Vec<&'static str>,
    ints: Vec<u32>,
    nums: Vec<f64>,
    text: String,
}

impl Packer {
    /// A small integer.
    pub(crate) fn int(&mut self, n: usize) {
        self.ints.push(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// A number.
    pub(crate) fn num(&mut self, n: f64) {
        self.nums.push(n);
    }

    /// A fixed string (an id, code or label), sent once and then by its index.
    pub(crate) fn word(&mut self, word: &'static str) {
        // The same literal comes back at the same address; a duplicate entry would only cost
        // a few bytes.
        let same = |w: &&str| std::ptr::eq(w.as_ptr(), word.as_ptr()) && w.len() == word.len();
        let at = match self.words.iter().position(same) {
            Some(at) => at,
            None => {
                self.words.push(word);
                self.words.len() - 1
            }
        };
        self.int(at);
    }

    /// Any other string.
    pub(crate) fn text(&mut self, text: &str) {
        let units = if text.is_ascii() { text.len() } else { text.encode_utf16().count() };
        self.int(units);
        self.text.push_str(text);
    }

    /// The packed result as a JS array (built without setting properties, so no setter a
    /// caller added to `Object.prototype` runs).
    pub(crate) fn into_js(self) -> Result<JsValue, Thrown> {
        let words: Array = self.words.iter().map(|w| JsValue::from_str(w)).collect();
        let ints = Uint32Array::from(&self.ints[..]);
        let nums = Float64Array::from(&self.nums[..]);
        Ok(Array::of4(&words, &ints, &nums, &JsValue::from_str(&self.text)).into())
    }
}
