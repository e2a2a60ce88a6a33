//! Moving values and errors across the JS boundary.

use js_sys::{Date, JsString, Reflect, JSON};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use pipescore::time;
use pipescore::{Error, ErrorCode, ErrorKind};

#[wasm_bindgen(module = "/../../pkg-template/errors.js")]
extern "C" {
    /// Builds a `PipescoreConfigError` / `PipescoreInputError` (see `pkg-template/errors.js`).
    #[wasm_bindgen(js_name = createError)]
    fn create_error(name: &str, code: &str, path: &str, message: &str) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// The global `TextEncoder`.
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// Writes `text` as UTF-8 straight into `into` (a view of wasm memory: no copy).
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &JsString, into: &mut [u8]) -> EncodeIntoResult;
    /// What `encodeInto` did.
    type EncodeIntoResult;
    /// UTF-16 code units read.
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    /// Bytes written.
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JS string as UTF-8, written by `TextEncoder.encodeInto` into wasm memory (wasm-bindgen's
/// own string passing copies one UTF-16 unit at a time in JS, about 70 times slower on
/// megabytes of JSON). Lone surrogates become U+FFFD, as with wasm-bindgen.
pub(crate) fn utf8(text: &JsString) -> Vec<u8> {
    let units = text.length() as usize;
    // Room for ASCII; grown as needed (at most 3 bytes per UTF-16 unit left to read).
    let mut out = vec![0u8; units + 8];
    let (mut read, mut written) = (0, 0);
    ENCODER.with(|encoder| loop {
        let rest = if read == 0 { text.clone() } else { text.slice(read as u32, units as u32) };
        let done = encoder.encode_into(&rest, &mut out[written..]);
        read += done.read() as usize;
        written += done.written() as usize;
        if read >= units {
            break;
        }
        out.resize(written + (units - read) * 3 + 8, 0);
    });
    out.truncate(written);
    out
}

/// An error on its way out to JS: a core [`Error`] made into a pipescore error class, or a JS
/// value. Every binding returns `Result<_, Thrown>`, so `?` converts either.
#[derive(Clone)]
pub struct Thrown(JsValue);

impl From<Error> for Thrown {
    fn from(err: Error) -> Thrown {
        Thrown(create_error(err.kind.class_name(), err.code.as_str(), &err.path, &err.message))
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
/// hold (cycles, BigInt) become an input error naming `what` (e.g. "the record").
pub(crate) fn from_js(value: &JsValue, what: &str) -> Result<Value, Thrown> {
    read_json(value, what, ErrorKind::Input)
}

/// Reads a config argument (rule, model, pipeline…) as JSON; failures are config errors.
pub(crate) fn config_from_js(value: &JsValue, what: &str) -> Result<Value, Thrown> {
    read_json(value, what, ErrorKind::Config)
}

/// The JSON text of an argument (`JSON.stringify`, so a `Date` becomes its ISO-8601 string), for
/// a core that parses text directly. `undefined`, functions and symbols read as `null`. Values
/// JSON can't hold (cycles, BigInt) become an `UNSERIALIZABLE` error of `kind` naming `what`.
pub(crate) fn json_text_from_js(value: &JsValue, what: &str, kind: ErrorKind) -> Result<String, Thrown> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    let text = JSON::stringify(value).map_err(|cause| unserializable(what, &cause, kind))?;
    // Functions and symbols stringify to `undefined`: treat them as absent.
    if text.is_undefined() {
        return Ok("null".into());
    }
    // `encodeInto` writes valid UTF-8; checking it again is cheap and keeps this safe Rust.
    String::from_utf8(utf8(&text)).map_err(|_| {
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

fn unserializable(what: &str, cause: &JsValue, kind: ErrorKind) -> Thrown {
    let reason = cause
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "it is not plain data".into());
    let message = format!("{what} must be plain data (objects, arrays, strings, numbers, booleans, null, dates): {reason}");
    Error { kind, code: ErrorCode::Unserializable, path: "$".into(), message }.into()
}

/// Turns a result into a plain JS value (objects, arrays, numbers, strings).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Thrown> {
    let text = serde_json::to_string(value)
        .map_err(|err| Thrown::from(Error::internal(format!("result could not be encoded: {err}"))))?;
    Ok(JSON::parse(&text)?)
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

/// Reads `options` as JSON (`undefined` → `{}`); a non-object is an input error.
pub(crate) fn options_json(options: &JsValue) -> Result<Value, Thrown> {
    match from_js(options, "options")? {
        Value::Null => Ok(Value::Object(Default::default())),
        obj @ Value::Object(_) => Ok(obj),
        _ => Err(not_an_options_object()),
    }
}

fn not_an_options_object() -> Thrown {
    Error::input(ErrorCode::InvalidOption, "$", "options must be an object, e.g. { now: new Date() }").into()
}

/// Whether `options` is omitted or a plain object (what `options_json` accepts), checked
/// without reading it as JSON.
fn is_options_object(options: &JsValue) -> bool {
    options.is_undefined()
        || options.is_null()
        || (options.is_object() && !js_sys::Array::is_array(options) && !options.is_instance_of::<Date>())
}

/// The evaluation instant from `options.now`: a `Date`, an ISO-8601 string or epoch
/// milliseconds; the current time when absent. `options` that is neither omitted nor an
/// object is an `INVALID_OPTION` error, as everywhere options are read.
pub(crate) fn now_from_options(options: &JsValue) -> Result<i64, Thrown> {
    if !is_options_object(options) {
        return Err(not_an_options_object());
    }
    if !options.is_object() {
        return Ok(Date::now() as i64);
    }
    let now = Reflect::get(options, &JsValue::from_str("now"))?;
    if now.is_undefined() || now.is_null() {
        return Ok(Date::now() as i64);
    }
    let parsed = if let Some(date) = now.dyn_ref::<Date>() {
        time::timestamp_from_millis(date.get_time())
    } else if let Some(ms) = now.as_f64() {
        time::timestamp_from_millis(ms)
    } else {
        now.as_string().and_then(|s| time::parse_iso8601(&s))
    };
    parsed.ok_or_else(|| {
        Error {
            kind: ErrorKind::Input,
            code: ErrorCode::InvalidNow,
            path: "$.now".into(),
            message: "options.now must be a valid Date, an ISO-8601 date such as \"2026-11-24\", or epoch milliseconds"
                .into(),
        }
        .into()
    })
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
