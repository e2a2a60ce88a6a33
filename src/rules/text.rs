//! String operators: `cat`, `substr`, and the case-insensitive CRM tests `contains`,
//! `starts_with` and `ends_with`.

use std::borrow::Cow;

use crate::case::lowercase;

use super::coerce::{js_plus, less_than, push_joined, to_js_string, to_number};
use super::eval::{arg, Env};
use super::node::Node;
use super::number::{clamp, format_number, utf16_len};
use super::ops::Op;
use super::value::Val;

/// Evaluates a string operator.
pub(crate) fn eval<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    match op {
        Op::Cat => {
            let mut out = String::new();
            for node in args {
                push_joined(&node.eval(data, env), &mut out);
            }
            Val::string(out)
        }
        Op::Substr => Val::string(substr(&arg(args, 0, data, env), &arg(args, 1, data, env), &arg(args, 2, data, env))),
        _ => {
            let (haystack, needle) = (arg(args, 0, data, env), arg(args, 1, data, env));
            Val::Bool(match op {
                Op::Contains => contains_text(&haystack, &needle),
                Op::StartsWith => text_test(&haystack, &needle, |h, n| h.starts_with(n)),
                _ => text_test(&haystack, &needle, |h, n| h.ends_with(n)),
            })
        }
    }
}

/// json-logic-js `substr(source, start, length)`: JS `String.prototype.substr`, plus a
/// negative length meaning "drop that many characters from the end".
pub(crate) fn substr(source: &Val<'_>, start: &Val<'_>, length: &Val<'_>) -> String {
    let text = to_js_string(source);
    if less_than(length, &Val::Num(0.0)) == Some(true) {
        let tail = js_substr(&text, start, &Val::Undef);
        // `temp.length + end` is JS `+`: a string `end` concatenates.
        let keep = js_plus(&Val::Num(utf16_len(&tail) as f64), length);
        return js_substr(&tail, &Val::Num(0.0), &keep);
    }
    js_substr(&text, start, length)
}

/// JS `ToIntegerOrInfinity`.
fn to_integer(v: &Val<'_>) -> f64 {
    let n = to_number(v);
    if n.is_nan() {
        0.0
    } else {
        n.trunc()
    }
}

/// JS `String.prototype.substr(start, length)` on UTF-16 code units.
fn js_substr(text: &str, start: &Val<'_>, length: &Val<'_>) -> String {
    let size = utf16_len(text) as f64;
    let start = match to_integer(start) {
        s if s < 0.0 => (size + s).max(0.0),
        s => s.min(size),
    };
    let length = match length {
        Val::Undef => size,
        other => clamp(to_integer(other), 0.0, size),
    };
    let end = (start + length).min(size);
    // Both bounds are whole numbers in 0..=size here, so the casts are exact.
    slice_utf16(text, start as usize, end.max(start) as usize)
}

/// Code units `from..to` of `text` (a split surrogate pair becomes U+FFFD).
fn slice_utf16(text: &str, from: usize, to: usize) -> String {
    if text.is_ascii() {
        return text.get(from..to).unwrap_or_default().to_owned();
    }
    let units: Vec<u16> = text.encode_utf16().skip(from).take(to.saturating_sub(from)).collect();
    String::from_utf16_lossy(&units)
}

/// The text of a string, number or boolean; `None` for anything else.
pub(crate) fn text_of<'v>(v: &'v Val<'_>) -> Option<Cow<'v, str>> {
    match v {
        Val::Str(s) => Some(Cow::Borrowed(s)),
        Val::Num(n) => Some(Cow::Owned(format_number(*n))),
        Val::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        _ => None,
    }
}

/// Applies `test` to the case-folded texts of `haystack` and `needle`; false when either has
/// no text.
fn text_test(haystack: &Val<'_>, needle: &Val<'_>, test: impl Fn(&str, &str) -> bool) -> bool {
    match (text_of(haystack), text_of(needle)) {
        (Some(h), Some(n)) => test(&lowercase(&h), &lowercase(&n)),
        _ => false,
    }
}

/// `contains`: case-insensitive substring of a text, or case-insensitive equality with an
/// item of an array.
fn contains_text(haystack: &Val<'_>, needle: &Val<'_>) -> bool {
    match haystack.as_list() {
        Some(list) => list.iter().any(|item| text_test(&item, needle, |h, n| h == n)),
        None => text_test(haystack, needle, |h, n| h.contains(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(source: &str, start: Val<'_>, length: Val<'_>) -> String {
        substr(&Val::string(source), &start, &length)
    }

    #[test]
    fn substr_like_json_logic_js() {
        assert_eq!(sub("jsonlogic", Val::Num(4.0), Val::Undef), "logic");
        assert_eq!(sub("jsonlogic", Val::Num(-5.0), Val::Undef), "logic");
        assert_eq!(sub("jsonlogic", Val::Num(1.0), Val::Num(3.0)), "son");
        assert_eq!(sub("jsonlogic", Val::Num(4.0), Val::Num(-2.0)), "log");
        assert_eq!(sub("hello", Val::Num(1.0), Val::string("-1")), "");
        assert_eq!(sub("hello", Val::Num(99.0), Val::Num(2.0)), "");
        assert_eq!(sub("hello", Val::Num(f64::NEG_INFINITY), Val::Num(f64::INFINITY)), "hello");
        assert_eq!(sub("h😀llo", Val::Num(1.0), Val::Num(2.0)), "😀");
        assert_eq!(sub("h😀llo", Val::Num(1.0), Val::Num(1.0)), "\u{fffd}");
        assert_eq!(substr(&Val::Undef, &Val::Undef, &Val::Undef), "undefined");
    }

    #[test]
    fn text_tests_ignore_case() {
        let vp = Val::string("VP");
        assert!(contains_text(&Val::string("Senior vp of Sales"), &vp));
        assert!(text_test(&Val::string("Vice President"), &Val::string("vice"), |h, n| h.starts_with(n)));
        assert!(text_test(&Val::Num(94107.0), &Val::string("94"), |h, n| h.starts_with(n)));
        assert!(!contains_text(&Val::Null, &vp));
        assert!(!contains_text(&Val::string("x"), &Val::Null));
        let tags = serde_json::json!(["Enterprise", "VIP"]);
        assert!(contains_text(&Val::from_json(&tags, 0), &Val::string("vip")));
        assert!(!contains_text(&Val::from_json(&tags, 0), &Val::string("vi")));
        assert!(contains_text(&Val::string("ÉCOLE"), &Val::string("école")));
    }
}
