//! Unicode case mapping, for the few texts that need it: the case-insensitive rule operators
//! (`contains`, `starts_with`, `ends_with`) and one capitalized health message.
//!
//! ASCII text is mapped here. Other text goes to `std` natively, and in wasm to the JS host's
//! `String.prototype.toLowerCase`/`toUpperCase` (through `bindings::host`): they implement the
//! same Unicode default case mapping, and leaving `std`'s out keeps its case tables out of the
//! `.wasm` (32 KB raw, 14 KB gzip less).

use std::borrow::Cow;

/// `text` in lower case, borrowed when it has no upper-case letter to map.
pub(crate) fn lowercase(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        Cow::Owned(unicode::lowercase(text))
    }
}

/// `text` with its first letter in upper case (which may become several letters: `ß` → `SS`).
pub(crate) fn capitalize(text: &str) -> String {
    let Some(first) = text.chars().next() else { return String::new() };
    let rest = &text[first.len_utf8()..];
    if first.is_ascii() {
        let mut out = String::with_capacity(text.len());
        out.push(first.to_ascii_uppercase());
        out.push_str(rest);
        out
    } else {
        unicode::uppercase(first.encode_utf8(&mut [0; 4])) + rest
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod unicode {
    pub(super) fn lowercase(text: &str) -> String {
        text.to_lowercase()
    }
    pub(super) fn uppercase(text: &str) -> String {
        text.to_uppercase()
    }
}

#[cfg(target_arch = "wasm32")]
use crate::bindings::host as unicode;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_borrows_unless_something_changes() {
        assert!(matches!(lowercase("senior vp"), Cow::Borrowed(_)));
        assert_eq!(lowercase("Senior VP"), "senior vp");
        assert_eq!(lowercase("ÉCOLE Polytechnique"), "école polytechnique");
        assert_eq!(lowercase("ΟΔΟΣ ΟΔΟΣ"), "οδος οδος"); // final sigma
        assert_eq!(lowercase(""), "");
    }

    #[test]
    fn capitalize_maps_the_first_letter_only() {
        assert_eq!(capitalize("decision maker"), "Decision maker");
        assert_eq!(capitalize("économique buyer"), "Économique buyer");
        assert_eq!(capitalize("ßig"), "SSig");
        assert_eq!(capitalize("1 champion"), "1 champion");
        assert_eq!(capitalize(""), "");
    }
}
