//! Helpers shared by the wasm tests: building JS values and reading results.
use js_sys::{Date, Reflect, JSON};
use wasm_bindgen::JsValue;

/// A JS value from JSON text.
pub fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

/// The value at a dotted path (`factors.0.reason`) of a JS value.
pub fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| match key.parse::<u32>() {
        Ok(i) => Reflect::get_u32(&v, i).unwrap(),
        Err(_) => Reflect::get(&v, &JsValue::from_str(key)).unwrap(),
    })
}

/// The number at `path`; panics when it is not one.
pub fn num(value: &JsValue, path: &str) -> f64 {
    get(value, path).as_f64().unwrap_or_else(|| panic!("{path} is not a number"))
}

/// The string at `path`; panics when it is not one.
pub fn text(value: &JsValue, path: &str) -> String {
    get(value, path).as_string().unwrap_or_else(|| panic!("{path} is not a string"))
}

/// Options `{ now: new Date(iso), ...extra }` (`extra` is JSON object text).
pub fn options_at(iso: &str, extra: &str) -> JsValue {
    let options = js(extra);
    Reflect::set(&options, &"now".into(), &Date::new(&JsValue::from_str(iso))).unwrap();
    options
}
