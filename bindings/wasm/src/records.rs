//! Records from JS: the package's plan reader (`pkg-template/reader.js`) reads plain JS
//! records into the columns of a compiled config's plan, which become the core's
//! [`Records`]. One reader per plan (its description is built once per compiled config).

use js_sys::{Array, Float64Array, Int32Array, Reflect, Uint32Array, Uint8Array};
use pipescore::record::{Plan, Records, ScopeColumns};
use pipescore::{Error, ErrorCode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::marshal::mend_lone_surrogates;
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
    /// The `PipescoreInputError` the reader made for it (path relative to the record, what was
    /// thrown as `cause`).
    pub error: JsValue,
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
        if let Ok(refused) = get("refused")?.dyn_into::<Array>() {
            let code = refused.get(0).as_string().and_then(|c| ErrorCode::from_text(&c)).unwrap_or(ErrorCode::NotAList);
            let message = refused.get(1).as_string().unwrap_or_default();
            return Err(Error::input(code, "$", message).into());
        }
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
            .map(|text| {
                let mut json = text.as_string().ok_or_else(bad)?.into_bytes();
                mend_lone_surrogates(&mut json);
                serde_json::from_slice(&json).map_err(|_| bad())
            })
            .collect::<Result<Vec<_>, _>>()?;
        let records = Records::from_columns(plan, columns, texts, &lengths, docs)?;
        let errors: Array = get("errors")?.dyn_into().map_err(|_| bad())?;
        let unreadable = errors
            .iter()
            .map(|pair| {
                let pair: Array = pair.dyn_into().map_err(|_| bad())?;
                let index = pair.get(0).as_f64().ok_or_else(bad)? as usize;
                Ok(Unreadable { index, error: pair.get(1) })
            })
            .collect::<Result<Vec<_>, Thrown>>()?;
        Ok((records, unreadable))
    }
}

impl Unreadable {
    /// The error as a core error, its path put under the record's index in the batch
    /// (`$[3].jobTitle`), for a batch result.
    pub fn in_batch(&self) -> Error {
        let text = |key: &str| Reflect::get(&self.error, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let code = ErrorCode::from_text(&text("code")).unwrap_or(ErrorCode::Unserializable);
        Error::input(code, text("path"), text("message")).within(&pipescore::path::index("$", self.index))
    }

    /// The error as the reader made it, to throw for a single record.
    pub fn thrown(&self) -> Thrown {
        Thrown::from(self.error.clone())
    }

    /// The error as the reader made it (its `cause` kept), its path put under the record's
    /// index in the batch, to throw for a batch.
    pub fn thrown_in_batch(&self) -> Thrown {
        let key = JsValue::from_str("path");
        let path = Reflect::get(&self.error, &key).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let moved = Error::input(ErrorCode::Unserializable, path, "").within(&pipescore::path::index("$", self.index)).path;
        // The error is the reader's own, just made: setting its path runs no caller's code.
        let _ = Reflect::set(&self.error, &key, &JsValue::from_str(&moved));
        self.thrown()
    }
}

fn bad() -> Thrown {
    Error::internal("the plan reader gave something unexpected; please report this").into()
}
