//! The one error type every engine returns.
//!
//! An [`Error`] says which side was wrong ([`ErrorKind::Config`] for a model, pipeline or rule
//! an admin wrote; [`ErrorKind::Input`] for a record or option passed at evaluation time),
//! carries a stable machine-readable `code`, the JSON path of the offending value and a message
//! written for a CRM admin. The wasm bindings turn it into a JS `PipescoreConfigError` or
//! `PipescoreInputError` with the same fields.

use std::fmt;

/// Which side of a call was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A configuration (rule, scoring model, pipeline, health config) is invalid.
    Config,
    /// A record or an option passed to an evaluation is invalid.
    Input,
}

impl ErrorKind {
    /// The JS class name used for this kind (`PipescoreConfigError`, `PipescoreInputError`).
    pub fn js_name(self) -> &'static str {
        match self {
            ErrorKind::Config => "PipescoreConfigError",
            ErrorKind::Input => "PipescoreInputError",
        }
    }
}

/// A failure with a stable code, the JSON path of the offending value and a readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Config or input.
    pub kind: ErrorKind,
    /// Stable, SCREAMING_SNAKE_CASE code, e.g. `UNKNOWN_OPERATOR`. Never changes meaning.
    pub code: &'static str,
    /// JSON path of the offending value, rooted at `$`, e.g. `$.groups[0].rules[2].points`.
    pub path: String,
    /// Plain-language explanation for a CRM admin.
    pub message: String,
}

impl Error {
    /// A configuration error at `path`.
    pub fn config(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Config, code, path: path.into(), message: message.into() }
    }

    /// An input (record or option) error at `path`.
    pub fn input(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Input, code, path: path.into(), message: message.into() }
    }

    /// The same error with `prefix` put in front of its path, for errors raised by a nested
    /// component (e.g. a rule compiled inside a scoring model).
    ///
    /// `prefix` is a full path such as `$.groups[0].rules[1].when`; the nested error's own
    /// `$` is replaced by it.
    pub fn within(mut self, prefix: &str) -> Self {
        let rest = self.path.strip_prefix('$').unwrap_or(&self.path);
        self.path = format!("{prefix}{rest}");
        self
    }
}

/// `INVALID_INDEX` (at `$`) unless the positions `range` are all among the `len` items of
/// `container` (e.g. "The set", whose items are each a "deal"), whose message says what it
/// holds. An empty range is within when it starts at most at `len`.
pub(crate) fn check_range(range: std::ops::Range<usize>, len: usize, container: &str, item: &str) -> Result<()> {
    if range.end <= len {
        return Ok(());
    }
    let held = match len {
        0 => format!("it holds no {item}"),
        1 => format!("it holds 1 {item}, at index 0"),
        n => format!("it holds {n} {item}s, at indexes 0 to {}", n - 1),
    };
    let wanted = match range.len() {
        0 | 1 => format!("index {}", range.start),
        _ => format!("indexes {} to {}", range.start, range.end - 1),
    };
    Err(Error::input("INVALID_INDEX", "$", format!("{container} has no {item} at {wanted}: {held}.")))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code, self.path, self.message)
    }
}

impl std::error::Error for Error {}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_replaces_the_root() {
        let e = Error::config("X", "$.a[0]", "m").within("$.rules[2].when");
        assert_eq!(e.path, "$.rules[2].when.a[0]");
        let root = Error::config("X", "$", "m").within("$.when");
        assert_eq!(root.path, "$.when");
    }

    #[test]
    fn display_names_code_and_path() {
        let e = Error::input("BAD_DATE", "$.now", "not a date");
        assert_eq!(e.to_string(), "BAD_DATE at $.now: not a date");
        assert_eq!(e.kind.js_name(), "PipescoreInputError");
    }
}
