//! JSON paths (`$.stages[2].exit[0].rule`) for error messages.

use std::fmt::Write;

/// Appends an object key to a path, quoting keys that are not plain identifiers.
pub fn key(base: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let mut out = String::with_capacity(base.len() + key.len() + 4);
    out.push_str(base);
    if plain {
        out.push('.');
        out.push_str(key);
    } else {
        out.push('[');
        out.push_str(&serde_json::Value::String(key.to_owned()).to_string());
        out.push(']');
    }
    out
}

/// Appends an array index to a path.
pub fn index(base: &str, index: usize) -> String {
    let mut out = String::with_capacity(base.len() + 6);
    out.push_str(base);
    let _ = write!(out, "[{index}]");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_readable_paths() {
        assert_eq!(index(&key("$", "stages"), 2), "$.stages[2]");
        assert_eq!(key("$", "close date"), "$[\"close date\"]");
        assert_eq!(key("$", "0abc"), "$[\"0abc\"]");
    }
}
