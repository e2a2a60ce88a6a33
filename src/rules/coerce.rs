//! JS coercions json-logic-js relies on: `String(x)`, `Number(x)`, `==`, `===`, `<` and `+`.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;

use super::number::{format_number, string_to_number};
use super::value::Val;

/// JS `String(v)`. Arrays join their items with `,` (null and undefined items as ""), objects
/// are `[object Object]`.
pub(crate) fn to_js_string<'a>(v: &Val<'a>) -> Cow<'a, str> {
    match v {
        Val::Undef => Cow::Borrowed("undefined"),
        Val::Null => Cow::Borrowed("null"),
        Val::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Val::Num(n) => Cow::Owned(format_number(*n)),
        Val::Str(s) => s.clone(),
        _ => {
            let mut out = String::new();
            push_joined(v, &mut out);
            Cow::Owned(out)
        }
    }
}

/// An array being joined: from the record or the rule, or built at run time.
enum Joining<'v, 'a> {
    Json(std::slice::Iter<'v, Value>),
    Rt(std::slice::Iter<'v, Val<'a>>),
}

/// A value met while joining.
#[derive(Clone, Copy)]
enum Part<'v, 'a> {
    Json(&'v Value),
    Rt(&'v Val<'a>),
}

/// Appends `v` as `Array.prototype.join` writes an item: null and undefined as "", arrays
/// joined with `,` (walked with a work list: records and `reduce` results nest arbitrarily
/// deep), objects as `[object Object]`.
pub(crate) fn push_joined(v: &Val<'_>, out: &mut String) {
    let mut stack: Vec<Joining<'_, '_>> = Vec::new();
    let mut first = open(Part::Rt(v), &mut stack, out);
    while let Some(top) = stack.last_mut() {
        let next = match top {
            Joining::Json(items) => items.next().map(Part::Json),
            Joining::Rt(items) => items.next().map(Part::Rt),
        };
        let Some(part) = next else {
            stack.pop();
            first = false;
            continue;
        };
        if !first {
            out.push(',');
        }
        // An array just opened: its first item takes no comma.
        first = open(part, &mut stack, out);
    }
}

/// Starts on an array (pushed on `stack`, returns true) or writes anything else.
fn open<'v, 'a>(part: Part<'v, 'a>, stack: &mut Vec<Joining<'v, 'a>>, out: &mut String) -> bool {
    match part {
        Part::Json(Value::Array(items)) | Part::Rt(Val::Json(Value::Array(items), _)) => stack.push(Joining::Json(items.iter())),
        Part::Rt(Val::Arr(items)) => stack.push(Joining::Rt(items.iter())),
        Part::Rt(Val::Row(row)) => return open_owned(&Val::row_json(row), out),
        Part::Rt(rows @ Val::Rows(_)) => return open_owned(&Val::array(rows.as_list().map_or_else(Vec::new, |l| l.iter().collect())), out),
        Part::Json(Value::Object(_)) | Part::Rt(Val::Json(..) | Val::Obj(_)) => out.push_str("[object Object]"),
        Part::Json(Value::Null) | Part::Rt(Val::Undef | Val::Null) => {}
        Part::Json(scalar) => out.push_str(&to_js_string(&Val::from_json(scalar, 0))),
        Part::Rt(scalar) => out.push_str(&to_js_string(scalar)),
    }
    matches!(part, Part::Json(Value::Array(_)) | Part::Rt(Val::Json(Value::Array(_), _) | Val::Arr(_)))
}

/// Writes a value made for joining (a row's JSON, a list of rows as an array) as
/// [`push_joined`] writes an item, inside the join under way.
fn open_owned(value: &Val<'_>, out: &mut String) -> bool {
    push_joined(value, out);
    false
}

/// JS `ToPrimitive`: containers become their string, primitives stay as they are.
pub(crate) fn to_primitive<'a>(v: &Val<'a>) -> Val<'a> {
    if v.is_container() {
        Val::Str(to_js_string(v))
    } else {
        v.clone()
    }
}

/// JS `Number(v)`.
pub(crate) fn to_number(v: &Val<'_>) -> f64 {
    match v {
        Val::Undef => f64::NAN,
        Val::Null => 0.0,
        Val::Bool(b) => f64::from(u8::from(*b)),
        Val::Num(n) => *n,
        Val::Str(s) => string_to_number(s),
        _ => string_to_number(&to_js_string(v)),
    }
}

/// JS `===`.
pub(crate) fn strict_eq(a: &Val<'_>, b: &Val<'_>) -> bool {
    match (a, b) {
        (Val::Undef, Val::Undef) | (Val::Null, Val::Null) => true,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::Num(x), Val::Num(y)) => x == y,
        (Val::Str(x), Val::Str(y)) => x == y,
        _ => a.same_object(b),
    }
}

/// JS `==` (the Abstract Equality Comparison).
pub(crate) fn loose_eq(a: &Val<'_>, b: &Val<'_>) -> bool {
    match (a, b) {
        _ if a.is_container() && b.is_container() => a.same_object(b),
        (Val::Undef | Val::Null, _) | (_, Val::Undef | Val::Null) => a.is_nullish() && b.is_nullish(),
        (Val::Num(x), Val::Str(s)) | (Val::Str(s), Val::Num(x)) => *x == string_to_number(s),
        (Val::Bool(x), _) => loose_eq(&Val::Num(f64::from(u8::from(*x))), b),
        (_, Val::Bool(y)) => loose_eq(a, &Val::Num(f64::from(u8::from(*y)))),
        _ if a.is_container() => loose_eq(&to_primitive(a), b),
        _ if b.is_container() => loose_eq(a, &to_primitive(b)),
        _ => strict_eq(a, b),
    }
}

/// JS `a < b` as the spec's Abstract Relational Comparison: `None` when either side is NaN
/// (so that `<=`/`>=` are false too). Two strings compare by UTF-16 code units.
pub(crate) fn less_than(a: &Val<'_>, b: &Val<'_>) -> Option<bool> {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => return (!x.is_nan() && !y.is_nan()).then_some(x < y),
        (Val::Str(x), Val::Str(y)) => return Some(compare_utf16(x, y) == Ordering::Less),
        _ => {}
    }
    let (pa, pb) = (to_primitive(a), to_primitive(b));
    if let (Val::Str(x), Val::Str(y)) = (&pa, &pb) {
        return Some(compare_utf16(x, y) == Ordering::Less);
    }
    let (x, y) = (to_number(&pa), to_number(&pb));
    (!x.is_nan() && !y.is_nan()).then_some(x < y)
}

/// Orders strings the way JS does: by UTF-16 code units.
fn compare_utf16(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// JS binary `a + b`: string concatenation when either primitive is a string, else addition.
pub(crate) fn js_plus<'a>(a: &Val<'a>, b: &Val<'a>) -> Val<'a> {
    let (pa, pb) = (to_primitive(a), to_primitive(b));
    if matches!(pa, Val::Str(_)) || matches!(pb, Val::Str(_)) {
        Val::string(format!("{}{}", to_js_string(&pa), to_js_string(&pb)))
    } else {
        Val::Num(to_number(&pa) + to_number(&pb))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn j(v: &Value) -> Val<'_> {
        Val::from_json(v, 0)
    }

    #[test]
    fn strings_like_js() {
        let v = json!([1, [2, [3, null], []], null, {"a": 1}, true, 0.5, [], [[]]]);
        assert_eq!(to_js_string(&j(&v)), "1,2,3,,,,[object Object],true,0.5,,");
        assert_eq!(to_js_string(&j(&json!([[], 1]))), ",1");
        assert_eq!(to_js_string(&j(&json!([[[]], []]))), ",");
        assert_eq!(to_js_string(&Val::Undef), "undefined");
        let rt = Val::array(vec![Val::Undef, Val::Num(1.0), Val::array(vec![Val::Str("x".into()), Val::Null])]);
        assert_eq!(to_js_string(&rt), ",1,x,");
    }

    #[test]
    fn loose_equality_like_js() {
        let t = |a: Value, b: Value| loose_eq(&j(&a), &j(&b));
        assert!(t(json!(1), json!("1")));
        assert!(t(json!(0), json!("")));
        assert!(t(json!(true), json!("1")));
        assert!(t(json!([1, 2]), json!("1,2")));
        assert!(t(json!([0]), json!(false)));
        assert!(!t(json!(null), json!(0)));
        assert!(!t(json!(null), json!(false)));
        assert!(t(json!({}), json!("[object Object]")));
        assert!(!t(json!([]), json!([])));
        assert!(loose_eq(&Val::Null, &Val::Undef));
        assert!(!loose_eq(&Val::Num(f64::NAN), &Val::Num(f64::NAN)));
    }

    #[test]
    fn relational_like_js() {
        let lt = |a: Value, b: Value| less_than(&j(&a), &j(&b));
        assert_eq!(lt(json!("10"), json!("9")), Some(true));
        assert_eq!(lt(json!("10"), json!(9)), Some(false));
        assert_eq!(lt(json!(null), json!(1)), Some(true));
        assert_eq!(lt(json!("a"), json!(1)), None);
        assert_eq!(lt(json!([2]), json!(10)), Some(true));
        assert_eq!(lt(json!("\u{ff61}"), json!("\u{1F600}")), Some(false));
        assert_eq!(less_than(&Val::Undef, &Val::Num(1.0)), None);
    }
}
