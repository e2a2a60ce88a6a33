//! Reading configs and records from JSON into typed serde structs, with path-precise errors.
//!
//! [`from_json`] drives a type's `Deserialize` impl straight from a `&serde_json::Value`
//! through a small deserializer ([`de`]) that knows where it is: the first error raised below
//! an object member or array item is stamped with that value's JSON path
//! (`$.groups[0].rules[1].points`). This replaces `serde_path_to_error` plus serde_json's own
//! `Value` deserializer, which together monomorphized every config type twice and made up
//! about a quarter of the `.wasm`.

mod de;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};

/// Deserializes `value` into `T`; a mismatch becomes an [`Error`] of `kind` whose path points
/// at the offending value and whose message says what was expected.
pub fn from_json<T: DeserializeOwned>(value: &Value, kind: ErrorKind) -> Result<T> {
    T::deserialize(de::ValueDeserializer::new(value)).map_err(|err| Error {
        kind,
        code: "INVALID_SHAPE",
        path: err.path(),
        message: humanize(&err.message),
    })
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
    use serde::Deserialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Rule {
        points: f64,
        #[serde(default)]
        max_count: Option<u32>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Once,
        PerOccurrence,
        Capped { max: u32 },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Model {
        rules: Vec<Rule>,
        #[serde(default)]
        weights: BTreeMap<String, f64>,
        note: Option<String>,
        any: Option<Value>,
    }

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
        assert_eq!((e.path.as_str(), e.code, e.kind), ("$.rules[1].points", "INVALID_SHAPE", ErrorKind::Config));
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
