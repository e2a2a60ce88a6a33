//! Unicode case mapping, for the few texts that need it: the case-insensitive rule operators
//! (`contains`, `starts_with`, `ends_with`), stage names compared in any case, the matching
//! normalisers, and one capitalized health message.
//!
//! ASCII text is mapped here. Other text goes to a [`UnicodeMapping`]: `std`'s with the
//! `std-unicode-case` feature (on by default), or one a host registers with
//! [`set_unicode_mapping`] — the wasm bindings register JavaScript's
//! `String.prototype.toLowerCase`/`toUpperCase`, which implement the same Unicode default case
//! mapping, so `std`'s case tables stay out of the `.wasm`. Without the feature and before a
//! host registers one, non-ASCII letters are left as they are.

use std::borrow::Cow;
use std::sync::OnceLock;

/// How non-ASCII text is mapped to lower and upper case.
#[derive(Debug, Clone, Copy)]
pub struct UnicodeMapping {
    /// The full lower-case mapping of a text.
    pub lowercase: fn(&str) -> String,
    /// The full upper-case mapping of a text.
    pub uppercase: fn(&str) -> String,
}

static HOST: OnceLock<UnicodeMapping> = OnceLock::new();

/// Registers the host's Unicode case mapping; the first registration wins. Returns whether
/// this one was taken.
pub fn set_unicode_mapping(mapping: UnicodeMapping) -> bool {
    HOST.set(mapping).is_ok()
}

fn mapping() -> Option<&'static UnicodeMapping> {
    #[cfg(feature = "std-unicode-case")]
    {
        static STD: UnicodeMapping = UnicodeMapping { lowercase: str::to_lowercase, uppercase: str::to_uppercase };
        Some(HOST.get().unwrap_or(&STD))
    }
    #[cfg(not(feature = "std-unicode-case"))]
    {
        HOST.get()
    }
}

/// `text` in lower case, borrowed when it has no upper-case letter to map.
pub(crate) fn lowercase(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        match mapping() {
            Some(m) => Cow::Owned((m.lowercase)(text)),
            None => Cow::Owned(text.to_ascii_lowercase()),
        }
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
        match mapping() {
            Some(m) => (m.uppercase)(first.encode_utf8(&mut [0; 4])) + rest,
            None => text.to_owned(),
        }
    }
}

#[cfg(all(test, feature = "std-unicode-case"))]
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
