//! Moving values and errors across the JS boundary.

use js_sys::{Date, Reflect, JSON};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::time;
use crate::{Error, ErrorKind};

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    /// Builds a `PipescoreConfigError` / `PipescoreInputError` (see `pkg-template/errors.js`).
    #[wasm_bindgen(js_name = createError)]
    fn create_error(name: &str, code: &str, path: &str, message: &str) -> JsValue;
}

impl From<Error> for JsValue {
    fn from(err: Error) -> JsValue {
        create_error(err.kind.js_name(), err.code, &err.path, &err.message)
    }
}

/// Reads a record or option argument as JSON. `undefined` reads as `null`. Values JSON can't
/// hold (cycles, BigInt) become an input error naming `what` (e.g. "the record").
pub(crate) fn from_js(value: &JsValue, what: &str) -> Result<Value, JsValue> {
    read_json(value, what, ErrorKind::Input)
}

/// Reads a config argument (rule, model, pipeline…) as JSON; failures are config errors.
pub(crate) fn config_from_js(value: &JsValue, what: &str) -> Result<Value, JsValue> {
    read_json(value, what, ErrorKind::Config)
}

fn read_json(value: &JsValue, what: &str, kind: ErrorKind) -> Result<Value, JsValue> {
    if value.is_undefined() {
        return Ok(Value::Null);
    }
    let text = JSON::stringify(value).map_err(|cause| unserializable(what, &cause, kind))?;
    let Some(text) = text.as_string() else {
        // Functions and symbols stringify to `undefined`: treat them as absent.
        return Ok(Value::Null);
    };
    serde_json::from_str(&text).map_err(|err| {
        let message = format!("{what} could not be read: {err}");
        Error { kind, code: "UNSERIALIZABLE", path: "$".into(), message }.into()
    })
}

fn unserializable(what: &str, cause: &JsValue, kind: ErrorKind) -> JsValue {
    let reason = cause
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "it is not plain data".into());
    let message = format!("{what} must be plain data (objects, arrays, strings, numbers, booleans, null, dates): {reason}");
    Error { kind, code: "UNSERIALIZABLE", path: "$".into(), message }.into()
}

/// Turns a result into a plain JS value (objects, arrays, numbers, strings).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|err| JsValue::from(Error::input("INTERNAL", "$", format!("result could not be encoded: {err}"))))?;
    JSON::parse(&text)
}

/// Reads `options` as JSON (`undefined` → `{}`); a non-object is an input error.
pub(crate) fn options_json(options: &JsValue) -> Result<Value, JsValue> {
    match from_js(options, "options")? {
        Value::Null => Ok(Value::Object(Default::default())),
        obj @ Value::Object(_) => Ok(obj),
        _ => Err(Error::input("INVALID_OPTIONS", "$", "options must be an object, e.g. { now: new Date() }").into()),
    }
}

/// The evaluation instant from `options.now`: a `Date`, an ISO-8601 string or epoch
/// milliseconds; the current time when absent.
pub(crate) fn now_from_options(options: &JsValue) -> Result<i64, JsValue> {
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
            code: "INVALID_NOW",
            path: "$.now".into(),
            message: "options.now must be a valid Date, an ISO-8601 date such as \"2026-11-24\", or epoch milliseconds"
                .into(),
        }
        .into()
    })
}
