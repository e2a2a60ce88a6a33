//! Moving values and errors across the JS boundary.

use js_sys::{Array, JsString, JSON};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use pipescore::time;
use pipescore::{Error, ErrorCode, ErrorKind};

#[wasm_bindgen(module = "/../../pkg-template/errors.js")]
extern "C" {
    /// Builds a `PipescoreConfigError` / `PipescoreInputError` (see `pkg-template/errors.js`).
    #[wasm_bindgen(js_name = createError, catch)]
    fn create_error(name: &str, code: &str, path: &str, message: &str) -> Result<JsValue, JsValue>;
}

// Everything that reads a caller's value runs the caller's code (getters, `toJSON`, Proxy
// traps): it is done in JS (`pkg-template/boundary.js`), through imports declared `catch`, so
// nothing thrown there unwinds through wasm. What they throw is already a PipescoreError.
#[wasm_bindgen(module = "/../../pkg-template/boundary.js")]
extern "C" {
    /// `JSON.stringify(value)` (`"null"` for `undefined`); throws a PipescoreError of class
    /// `kind` naming `what`, with the path of the member that can't be read.
    #[wasm_bindgen(js_name = jsonText, catch)]
    fn json_text(value: &JsValue, what: &str, kind: &str) -> Result<JsString, JsValue>;
    /// `[now, json]`: `options.now` as epoch ms (or text to parse) and the other members as
    /// JSON text, each member read once.
    #[wasm_bindgen(js_name = readOptions, catch)]
    fn read_options_js(options: &JsValue) -> Result<Array, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// The global `TextEncoder`.
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    /// Writes `text` as UTF-8 straight into `into` (a view of wasm memory: no copy).
    #[wasm_bindgen(method, catch, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &JsString, into: &mut [u8]) -> Result<EncodeIntoResult, JsValue>;
    /// What `encodeInto` did.
    type EncodeIntoResult;
    /// UTF-16 code units read.
    #[wasm_bindgen(method, getter, catch)]
    fn read(this: &EncodeIntoResult) -> Result<u32, JsValue>;
    /// Bytes written.
    #[wasm_bindgen(method, getter, catch)]
    fn written(this: &EncodeIntoResult) -> Result<u32, JsValue>;
}

thread_local! {
    static ENCODER: Option<TextEncoder> = TextEncoder::new().ok();
}

/// A JS string as UTF-8, written by `TextEncoder.encodeInto` into wasm memory (wasm-bindgen's
/// own string passing copies one UTF-16 unit at a time in JS, about 70 times slower on
/// megabytes of JSON). Lone surrogates become U+FFFD, as with wasm-bindgen.
pub(crate) fn utf8(text: &JsString) -> Vec<u8> {
    ENCODER.with(|encoder| encoder.as_ref().and_then(|e| encode(e, text))).unwrap_or_else(|| {
        // Without a working TextEncoder: wasm-bindgen's own copy.
        text.as_string().unwrap_or_default().into_bytes()
    })
}

fn encode(encoder: &TextEncoder, text: &JsString) -> Option<Vec<u8>> {
    let units = text.length() as usize;
    // Room for ASCII; grown as needed (at most 3 bytes per UTF-16 unit left to read).
    let mut out = vec![0u8; units + 8];
    let (mut read, mut written) = (0, 0);
    loop {
        let rest = if read == 0 { text.clone() } else { text.slice(read as u32, units as u32) };
        let done = encoder.encode_into(&rest, out.get_mut(written..)?).ok()?;
        let (r, w) = (done.read().ok()? as usize, done.written().ok()? as usize);
        if r == 0 && w == 0 && read < units {
            return None;
        }
        read += r;
        written += w;
        if read >= units {
            break;
        }
        out.resize(written + (units - read) * 3 + 8, 0);
    }
    out.truncate(written);
    Some(out)
}

/// `JSON.stringify` writes a lone surrogate (which UTF-8 can't hold) as an escape such as
/// `\ud800`, which serde_json refuses: each becomes `\ufffd` (U+FFFD, what `TextEncoder`
/// writes for a raw one), in place. Escaped pairs are left alone.
pub(crate) fn mend_lone_surrogates(json: &mut [u8]) {
    fn unit(json: &[u8], at: usize) -> Option<u32> {
        let hex = json.get(at..at + 4)?;
        u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }
    let mut i = 0;
    while let Some(at) = json.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'\\')) {
        i += at;
        if json.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        let lone = match unit(json, i + 2) {
            Some(0xD800..=0xDBFF) => {
                let low = json.get(i + 6..i + 8) == Some(&b"\\u"[..]) && matches!(unit(json, i + 8), Some(0xDC00..=0xDFFF));
                if low {
                    i += 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            json[i + 2..i + 6].copy_from_slice(b"fffd");
        }
        i += 6;
    }
}

/// An error on its way out to JS: a core [`Error`] made into a pipescore error class, or a
/// PipescoreError made in JS. Every binding returns `Result<_, Thrown>`, so `?` converts either.
#[derive(Clone)]
pub struct Thrown(JsValue);

impl From<Error> for Thrown {
    fn from(err: Error) -> Thrown {
        // `createError` only builds an object; should it throw, what it threw goes out instead.
        Thrown(create_error(err.kind.class_name(), err.code.as_str(), &err.path, &err.message).unwrap_or_else(|e| e))
    }
}

impl From<JsValue> for Thrown {
    fn from(value: JsValue) -> Thrown {
        Thrown(value)
    }
}

impl std::fmt::Debug for Thrown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::ops::Deref for Thrown {
    type Target = JsValue;
    fn deref(&self) -> &JsValue {
        &self.0
    }
}

impl From<Thrown> for JsValue {
    fn from(err: Thrown) -> JsValue {
        err.0
    }
}

/// Reads a record or option argument as JSON. `undefined` reads as `null`. Values JSON can't
/// hold (cycles, BigInt, throwing getters) become an input error naming `what` (e.g. "the
/// record").
pub(crate) fn from_js(value: &JsValue, what: &str) -> Result<Value, Thrown> {
    read_json(value, what, ErrorKind::Input)
}

/// Reads a config argument (rule, model, pipeline…) as JSON; failures are config errors.
pub(crate) fn config_from_js(value: &JsValue, what: &str) -> Result<Value, Thrown> {
    read_json(value, what, ErrorKind::Config)
}

/// The JSON text of an argument (`JSON.stringify`, so a `Date` becomes its ISO-8601 string), for
/// a core that parses text directly. `undefined`, functions and symbols read as `null`; lone
/// surrogates as U+FFFD. Values JSON can't hold become an `UNSERIALIZABLE` (or `TOO_LARGE`,
/// `TOO_DEEP`) error of `kind` naming `what`, at the offending member's path.
pub(crate) fn json_text_from_js(value: &JsValue, what: &str, kind: ErrorKind) -> Result<String, Thrown> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    let text = json_text(value, what, kind.class_name())?;
    text_of(&text, what, kind)
}

/// JSON text from JS as a Rust string, lone surrogates mended.
fn text_of(text: &JsString, what: &str, kind: ErrorKind) -> Result<String, Thrown> {
    let mut bytes = utf8(text);
    mend_lone_surrogates(&mut bytes);
    // `encodeInto` writes valid UTF-8; checking it again is cheap and keeps this safe Rust.
    String::from_utf8(bytes).map_err(|_| {
        Error { kind, code: ErrorCode::Unserializable, path: "$".into(), message: format!("{what} is not valid text") }.into()
    })
}

fn read_json(value: &JsValue, what: &str, kind: ErrorKind) -> Result<Value, Thrown> {
    let text = json_text_from_js(value, what, kind)?;
    serde_json::from_str(&text).map_err(|err| unreadable(what, kind, &err))
}

/// serde_json refuses JSON nested deeper than 128 levels (so reading can't overflow the
/// stack); say so plainly rather than as a syntax error.
fn unreadable(what: &str, kind: ErrorKind, err: &serde_json::Error) -> Thrown {
    let (code, message) = if err.to_string().starts_with("recursion limit exceeded") {
        (ErrorCode::TooDeep, format!("{what} is nested too deeply: at most 128 levels of objects and lists"))
    } else {
        (ErrorCode::Unserializable, format!("{what} could not be read: {err}"))
    };
    Error { kind, code, path: "$".into(), message }.into()
}

/// Evaluation options as every engine reads them: `now` and the other members.
pub(crate) struct Options {
    /// `options.now` in epoch milliseconds (the current time when absent).
    pub(crate) now: i64,
    /// The other members as JSON (an object; `now` left out).
    pub(crate) json: Value,
}

/// Reads `options` once (`undefined` or `null`: none): `now` a `Date`, an ISO-8601 string or
/// epoch milliseconds (the current time when absent). Input errors: `INVALID_OPTION` when
/// `options` is not an object, `INVALID_NOW` at `$.now`, `UNSERIALIZABLE` at the member whose
/// getter or Proxy trap throws. Every engine reads its options here, so they all fail alike.
pub(crate) fn read_options(options: &JsValue) -> Result<Options, Thrown> {
    let parts = read_options_js(options)?;
    let now = parts.get(0);
    let parsed = match now.as_f64() {
        Some(ms) => time::timestamp_from_millis(ms),
        None => now.as_string().and_then(|s| time::parse_iso8601(&s)),
    };
    let now = parsed.ok_or_else(|| {
        Thrown::from(Error {
            kind: ErrorKind::Input,
            code: ErrorCode::InvalidNow,
            path: "$.now".into(),
            message: "options.now must be a valid Date, an ISO-8601 date such as \"2026-11-24\", or epoch milliseconds"
                .into(),
        })
    })?;
    let text = text_of(&parts.get(1).unchecked_into(), "options", ErrorKind::Input)?;
    let json = serde_json::from_str(&text).map_err(|err| unreadable("options", ErrorKind::Input, &err))?;
    Ok(Options { now, json })
}

/// Turns a result into a plain JS value (objects, arrays, numbers, strings).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Thrown> {
    let text = serde_json::to_string(value)
        .map_err(|err| Thrown::from(Error::internal(format!("result could not be encoded: {err}"))))?;
    JSON::parse(&text).map_err(|_| Error::internal("a result could not be handed to JavaScript").into())
}

/// One entry of a batch result (`scoreMany`): the record's result, or its error with the
/// fields of the JS error classes, so one bad record doesn't fail the batch.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum BatchItem<T> {
    Done(T),
    Failed { error: ItemError },
}

/// A record's error inside a batch result.
#[derive(Serialize)]
pub(crate) struct ItemError {
    name: &'static str,
    code: &'static str,
    path: String,
    message: String,
}

impl<T> From<pipescore::Result<T>> for BatchItem<T> {
    fn from(result: pipescore::Result<T>) -> Self {
        match result {
            Ok(value) => BatchItem::Done(value),
            Err(e) => BatchItem::Failed {
                error: ItemError { name: e.kind.class_name(), code: e.code.as_str(), path: e.path, message: e.message },
            },
        }
    }
}

/// A position or count: a whole number from 0. Anything else is a `PipescoreInputError`
/// `INVALID_INDEX` naming the argument. (For the edits of `DealSet` and `MetricsDataset`.)
#[cfg(feature = "pipeline-engines")]
pub(crate) fn index_from_js(value: &JsValue, what: &str) -> Result<usize, Thrown> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 => Ok(n as usize),
        _ => {
            let found = value.as_f64().map_or_else(|| format!("a value of type {}", value.js_typeof().as_string().unwrap_or_default()), |n| pipescore::read::describe(pipescore::read::Raw::Num(n)));
            Err(Error::input(ErrorCode::InvalidIndex, "$", format!("The {what} must be a whole number from 0, found {found}.")).into())
        }
    }
}

/// How many records to remove: a whole number from 0, 1 when `undefined` (as `remove(index)`).
#[cfg(feature = "pipeline-engines")]
pub(crate) fn count_from_js(value: &JsValue) -> Result<usize, Thrown> {
    if value.is_undefined() {
        return Ok(1);
    }
    index_from_js(value, "count")
}
