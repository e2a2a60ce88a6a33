//! Reading configs and records from JSON into typed serde structs, with path-precise errors.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::path;

/// Deserializes `value` into `T`; a mismatch becomes an [`Error`] of `kind` whose path points
/// at the offending value and whose message says what was expected.
pub fn from_json<T: DeserializeOwned>(value: &Value, kind: ErrorKind) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = path::from_serde(err.path());
        let message = humanize(&err.inner().to_string());
        Error { kind, code: "INVALID_SHAPE", path, message }
    })
}

/// Turns serde's wording ("invalid type: string \"x\", expected f64") into an admin's.
fn humanize(serde_message: &str) -> String {
    serde_message
        .replace("expected f64", "expected a number")
        .replace("expected i64", "expected a whole number")
        .replace("expected u32", "expected a whole number of at least 0")
        .replace("expected u64", "expected a whole number of at least 0")
        .replace("expected usize", "expected a whole number of at least 0")
        .replace("expected a sequence", "expected a list")
        .replace("expected a map", "expected an object")
        .replace("invalid type: map", "found an object")
        .replace("invalid type: sequence", "found a list")
        .replace("invalid type: ", "found ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Rule {
        points: f64,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Model {
        rules: Vec<Rule>,
    }

    #[test]
    fn reports_the_path_of_a_bad_value() {
        let err = from_json::<Model>(&json!({"rules": [{"points": 1}, {"points": "ten"}]}), ErrorKind::Config)
            .unwrap_err();
        assert_eq!(err.path, "$.rules[1].points");
        assert_eq!(err.code, "INVALID_SHAPE");
        assert!(err.message.contains("expected a number"), "{}", err.message);
    }
}
