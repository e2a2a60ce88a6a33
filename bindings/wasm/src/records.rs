//! Records from JS: the package's plan reader (`pkg-template/reader.js`) reads plain JS
//! records into the columns of a compiled config's plan, which become the core's
//! [`Records`]. One reader per plan (its description is built once per compiled config).

use js_sys::{Array, Float64Array, Int32Array, Reflect, Uint32Array, Uint8Array};
use pipescore::record::{Plan, Records, ScopeColumns};
use pipescore::{Error, ErrorCode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{to_js, Thrown};

#[wasm_bindgen(module = "/../../pkg-template/reader.js")]
extern "C" {
    /// The package's plan reader.
    #[wasm_bindgen(js_name = PlanReader)]
    pub type JsPlanReader;
    #[wasm_bindgen(constructor, js_class = PlanReader, catch)]
    fn new(description: &JsValue) -> Result<JsPlanReader, JsValue>;
    #[wasm_bindgen(method, js_class = PlanReader, catch)]
    fn read(this: &JsPlanReader, records: &JsValue) -> Result<JsValue, JsValue>;
}

/// A compiled config's plan with its JS reader.
pub struct PlanReader {
    reader: JsPlanReader,
}

/// A record the reader could not read at all, and why.
pub struct Unreadable {
    /// Its index in the batch.
    pub index: usize,
    /// What went wrong, in the words of the error user code threw.
    pub reason: String,
}

impl PlanReader {
    /// The reader for `plan`.
    pub fn new(plan: &Plan) -> Result<PlanReader, Thrown> {
        let description = to_js(&plan.describe())?;
        Ok(PlanReader { reader: JsPlanReader::new(&description)? })
    }

    /// Reads `records` (a JS array) with `plan` (the plan this reader was made for): the
    /// records, and those that could not be read (their rows hold nothing).
    pub fn read(&self, plan: &Plan, records: &JsValue) -> Result<(Records, Vec<Unreadable>), Thrown> {
        let out = self.reader.read(records)?;
        let get = |key: &str| Reflect::get(&out, &JsValue::from_str(key)).map_err(Thrown::from);
        let scopes: Array = get("scopes")?.dyn_into().map_err(|_| bad())?;
        let mut columns = Vec::with_capacity(scopes.length() as usize);
        for scope in scopes.iter() {
            let part = |key: &str| Reflect::get(&scope, &JsValue::from_str(key)).map_err(Thrown::from);
            columns.push(ScopeColumns {
                tags: part("tags")?.dyn_into::<Uint8Array>().map_err(|_| bad())?.to_vec(),
                nums: part("nums")?.dyn_into::<Float64Array>().map_err(|_| bad())?.to_vec(),
                ints: part("ints")?.dyn_into::<Uint32Array>().map_err(|_| bad())?.to_vec(),
                shapes: part("shapes")?.dyn_into::<Uint8Array>().map_err(|_| bad())?.to_vec(),
                docs: part("docs")?.dyn_into::<Int32Array>().map_err(|_| bad())?.to_vec(),
            });
        }
        let texts = get("texts")?.as_string().ok_or_else(bad)?;
        let lengths = get("textLengths")?.dyn_into::<Uint32Array>().map_err(|_| bad())?.to_vec();
        let docs: Array = get("docs")?.dyn_into().map_err(|_| bad())?;
        let docs = docs
            .iter()
            .map(|text| text.as_string().and_then(|t| serde_json::from_str(&t).ok()).ok_or_else(bad))
            .collect::<Result<Vec<_>, _>>()?;
        let records = Records::from_columns(plan, columns, texts, &lengths, docs)?;
        let errors: Array = get("errors")?.dyn_into().map_err(|_| bad())?;
        let unreadable = errors
            .iter()
            .map(|pair| {
                let pair: Array = pair.dyn_into().map_err(|_| bad())?;
                let index = pair.get(0).as_f64().ok_or_else(bad)? as usize;
                let reason = pair.get(1).as_string().unwrap_or_default();
                Ok(Unreadable { index, reason })
            })
            .collect::<Result<Vec<_>, Thrown>>()?;
        Ok((records, unreadable))
    }
}

impl Unreadable {
    /// The record's `UNSERIALIZABLE` input error, at its index.
    pub fn error(&self, what: &str) -> Error {
        Error::input(
            ErrorCode::Unserializable,
            pipescore::path::index("$", self.index),
            format!("{what} must be plain data (objects, arrays, strings, numbers, booleans, null, dates): {}", self.reason),
        )
    }
}

fn bad() -> Thrown {
    Error::internal("the plan reader gave something unexpected; please report this").into()
}
