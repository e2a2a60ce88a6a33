//! Reading configs and records from JSON into typed structs, with path-precise errors.
//!
//! Each config and record type implements [`FromJson`] by hand, mostly through
//! `impl_from_json!`, which reads an object the way `#[derive(Deserialize)]` with the same
//! attributes would, in the same words, but shares one non-generic loop over the members
//! between all types (a derived reader is kilobytes of `.wasm` per type). [`from_json`] reads a
//! `&serde_json::Value`: the first error raised below an object member or array item is
//! stamped with that value's JSON path (`$.groups[0].rules[1].points`).

pub(crate) mod embed;
mod read;

use serde_json::Value;

pub(crate) use embed::minified_json;
pub use read::{DeError, FromJson};
pub(crate) use read::{deserialize_via_from_json, impl_from_json, members, mismatch, need, object, variant};

use crate::error::{Error, ErrorCode, ErrorKind, Result};

/// Reads `value` into `T`; a mismatch becomes an `INVALID_SHAPE` [`Error`] of `kind` whose path
/// points at the offending value and whose message says what was expected.
pub fn from_json<T: FromJson>(value: &Value, kind: ErrorKind) -> Result<T> {
    T::from_json(value).map_err(|err| Error { kind, code: ErrorCode::InvalidShape, path: err.path(), message: humanize(err.message()) })
}

/// Turns serde's wording ("invalid type: string \"x\", expected f64") into an admin's.
fn humanize(serde_message: &str) -> String {
    const WORDING: [(&str, &str); 11] = [
        ("expected f64", "expected a number"),
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected usize", "expected a whole number of at least 0"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected an object"),
        ("invalid type: map", "found an object"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: ", "found "),
        ("invalid value: ", "found "),
    ];
    WORDING.iter().fold(serde_message.to_owned(), |text, (from, to)| text.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq)]
    struct Rule {
        points: f64,
        max_count: Option<u32>,
        kind: Option<Kind>,
    }

    impl_from_json!(struct Rule, deny { points: "points", max_count: "maxCount" = None, kind: "kind" = None });

    #[derive(Debug, PartialEq)]
    enum Kind {
        Once,
        PerOccurrence,
        Capped { max: u32 },
    }

    /// `{ "capped": { "max": … } }`, the one variant with content.
    struct CappedForm {
        capped: Capped,
    }

    struct Capped {
        max: u32,
    }

    impl_from_json!(struct CappedForm, deny { capped: "capped" });
    impl_from_json!(struct Capped, allow { max: "max" });

    impl FromJson for Kind {
        fn from_json(value: &Value) -> std::result::Result<Kind, DeError> {
            match value.get("capped") {
                Some(_) => CappedForm::from_json(value).map(|form| Kind::Capped { max: form.capped.max }),
                None => match variant(value, &["once", "per_occurrence"])? {
                    0 => Ok(Kind::Once),
                    _ => Ok(Kind::PerOccurrence),
                },
            }
        }
    }

    #[derive(Debug, PartialEq)]
    struct Model {
        rules: Vec<Rule>,
        weights: BTreeMap<String, f64>,
        note: Option<String>,
        any: Option<Value>,
    }

    impl_from_json!(struct Model, allow { rules: "rules", weights: "weights" = BTreeMap::new(), note: "note" = None, any: "any" = None });

    fn err(value: Value) -> Error {
        from_json::<Model>(&value, ErrorKind::Config).unwrap_err()
    }

    #[test]
    fn reads_a_valid_config() {
        let model: Model = from_json(
            &json!({"rules": [{"points": 1, "maxCount": 3, "kind": "per_occurrence"}, {"points": -2.5, "kind": {"capped": {"max": 2}}}],
                    "weights": {"fit": 0.5}, "note": null, "any": {"x": [1, "a", null]}}),
            ErrorKind::Config,
        )
        .unwrap();
        assert_eq!(model.rules[0], Rule { points: 1.0, max_count: Some(3), kind: Some(Kind::PerOccurrence) });
        assert_eq!(model.rules[1].kind, Some(Kind::Capped { max: 2 }));
        assert_eq!(model.weights["fit"], 0.5);
        assert_eq!(model.any, Some(json!({"x": [1, "a", null]})));
    }

    #[test]
    fn reports_the_path_of_a_bad_value() {
        let e = err(json!({"rules": [{"points": 1}, {"points": "ten"}]}));
        assert_eq!((e.path.as_str(), e.code.as_str(), e.kind), ("$.rules[1].points", "INVALID_SHAPE", ErrorKind::Config));
        assert!(e.message.contains("expected a number"), "{}", e.message);
        assert!(e.message.contains("\"ten\""), "{}", e.message);
    }

    #[test]
    fn reports_missing_and_unknown_fields_at_their_object() {
        let e = err(json!({"rules": [{"points": 1}, {}]}));
        assert_eq!(e.path, "$.rules[1]");
        assert!(e.message.contains("missing field `points`"), "{}", e.message);
        let e = err(json!({"rules": [{"points": 1, "lable": "x"}]}));
        assert_eq!(e.path, "$.rules[0].lable");
        assert!(e.message.contains("lable"), "{}", e.message);
        let e = err(json!({}));
        assert_eq!(e.path, "$");
    }

    #[test]
    fn reports_bad_enums_maps_and_integers() {
        assert_eq!(err(json!({"rules": [{"points": 1, "kind": "twice"}]})).path, "$.rules[0].kind");
        assert_eq!(err(json!({"rules": [{"points": 1, "kind": {"capped": {"max": -1}}}]})).path, "$.rules[0].kind.capped.max");
        assert_eq!(err(json!({"rules": [], "weights": {"fit": "x"}})).path, "$.weights.fit");
        assert_eq!(err(json!({"rules": [], "weights": {"odd key": []}})).path, "$.weights[\"odd key\"]");
        assert_eq!(err(json!({"rules": [{"points": 1, "maxCount": 1.5}]})).path, "$.rules[0].maxCount");
        assert_eq!(err(json!({"rules": {"points": 1}})).path, "$.rules");
        assert_eq!(err(json!([1])).path, "$", "an object is expected, not a list");
    }
}
