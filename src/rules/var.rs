//! Reading data: `var` paths, `missing` and `missing_some`, with json-logic-js's semantics.

use serde_json::Value;

use super::coerce::{less_than, to_js_string, to_number};
use super::eval::arg;
use super::node::{array_index, Node, Segment, VarNode, VarPath};
use super::number::utf16_len;
use super::value::Val;
use super::Env;

/// Property `key` of `data` (`index` is `key` as an array index), as JS `data[key]` reads it
/// from JSON: own object members, array items and `length`, string characters (UTF-16 code
/// units) and `length`. `None` is `undefined`.
///
/// Inherited JS members (`toString`, `constructor`, …) are functions, which JSON cannot carry,
/// so they count as absent.
pub(crate) fn property<'a>(data: &Val<'a>, key: &str, index: Option<u32>) -> Option<Val<'a>> {
    if let Some(list) = data.as_list() {
        return match index {
            Some(i) => list.get(i as usize),
            None => (key == "length").then(|| Val::Num(list.len() as f64)),
        };
    }
    match data {
        Val::Json(Value::Object(map), _) => map.get(key).map(|v| Val::from_json(v, 0)),
        Val::Obj(entries) => entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()),
        Val::Row(row) => property(&Val::row_json(row), key, index),
        Val::Str(s) => match index {
            Some(i) => char_at(s, i as usize),
            None => (key == "length").then(|| Val::Num(utf16_len(s) as f64)),
        },
        _ => None,
    }
}

/// The whole data as a value: a row is its JSON (see [`Val::Row`]).
fn whole<'a>(data: &Val<'a>) -> Val<'a> {
    match data {
        Val::Row(row) => Val::row_json(row),
        other => other.clone(),
    }
}

/// The UTF-16 code unit at `i` as a one-character string (a lone surrogate becomes U+FFFD).
fn char_at<'a>(s: &str, i: usize) -> Option<Val<'a>> {
    let unit = if s.is_ascii() { u16::from(*s.as_bytes().get(i)?) } else { s.encode_utf16().nth(i)? };
    Some(Val::string(String::from_utf16_lossy(&[unit])))
}

/// Walks `keys` from `data`: not found as soon as a step starts from `null`/`undefined` or
/// finds `undefined` (absent, or an `undefined` item of a runtime array or object).
fn walk<'a, 'k>(data: &Val<'a>, mut keys: impl Iterator<Item = (&'k str, Option<u32>)>) -> Option<Val<'a>> {
    let step = |from: &Val<'a>, (key, index): (&str, Option<u32>)| {
        if from.is_nullish() {
            return None;
        }
        property(from, key, index).filter(|v| !matches!(v, Val::Undef))
    };
    let Some(first) = keys.next() else { return Some(whole(data)) };
    let mut current = step(data, first)?;
    for key in keys {
        current = step(&current, key)?;
    }
    Some(current)
}

/// What a `var` of the path `segments` finds in a JSON value, `None` for not found.
pub(crate) fn walk_json<'a>(data: &'a Value, segments: &[Segment]) -> Option<Val<'a>> {
    walk(&Val::from_json(data, 0), segments.iter().map(|s| (&*s.key, s.index)))
}

/// What `{"var": key}` finds in `data`, `None` for not found.
pub(crate) fn lookup<'a>(data: &Val<'a>, key: &Val<'_>) -> Option<Val<'a>> {
    match key {
        Val::Undef | Val::Null => Some(whole(data)),
        Val::Str(s) if s.is_empty() => Some(whole(data)),
        _ => walk(data, to_js_string(key).split('.').map(|k| (k, array_index(k)))),
    }
}

/// What a pre-resolved path finds in `data`, `None` for not found.
fn lookup_path<'a>(data: &Val<'a>, path: &VarPath) -> Option<Val<'a>> {
    match path {
        VarPath::Whole => Some(whole(data)),
        VarPath::Keys(_, segments) => walk(data, segments.iter().map(|s: &Segment| (&*s.key, s.index))),
    }
}

impl VarNode {
    /// Evaluates the `var`.
    pub(crate) fn eval<'a>(&'a self, data: &Val<'a>, env: &Env) -> Val<'a> {
        if let (Some((scope, slot)), Val::Row(row)) = (self.slot, data) {
            if row.scope() == scope {
                return Val::of_cell(row.cell(slot)).unwrap_or_else(|| or_null(self.args.get(1).map(|d| d.eval(data, env))));
            }
        }
        eval_var(self.path.as_ref(), &self.args, data, env)
    }
}

/// `{"var": [key, default]}`: the value at `path` (computed from `args[0]` when `None`), else
/// the default (`null` when there is none).
pub(crate) fn eval_var<'a>(path: Option<&VarPath>, args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    let found = match path {
        Some(path) => lookup_path(data, path),
        None => lookup(data, &arg(args, 0, data, env)),
    };
    found.unwrap_or_else(|| or_null(args.get(1).map(|d| d.eval(data, env))))
}

/// A default value: `undefined` and absent both mean `null`.
fn or_null(default: Option<Val<'_>>) -> Val<'_> {
    match default {
        None | Some(Val::Undef) => Val::Null,
        Some(v) => v,
    }
}

/// `{"var": key}` as `missing` evaluates it for one key: an array key is `[path, default]`.
fn var_of_key<'a>(data: &Val<'a>, key: &Val<'a>) -> Val<'a> {
    match key.as_list() {
        Some(list) => {
            let path = list.get(0).unwrap_or(Val::Undef);
            lookup(data, &path).unwrap_or_else(|| or_null(list.get(1)))
        }
        None => lookup(data, key).unwrap_or(Val::Null),
    }
}

/// `missing` over evaluated arguments: when the first is an array it is the key list,
/// otherwise the arguments are; a key is missing when its value is `null` or `""`.
pub(crate) fn missing<'a>(data: &Val<'a>, args: Vec<Val<'a>>) -> Vec<Val<'a>> {
    let keys: Vec<Val<'a>> = match args.first().and_then(Val::as_list) {
        Some(list) => list.iter().collect(),
        None => args,
    };
    keys.into_iter()
        .filter(|key| match var_of_key(data, key) {
            Val::Null => true,
            Val::Str(s) => s.is_empty(),
            _ => false,
        })
        .collect()
}

/// `missing_some(need, options)`: `[]` when at least `need` of `options` are present, else
/// the missing ones. json-logic-js throws when `options` has no `length` (null); here the
/// missing keys are returned instead.
pub(crate) fn missing_some<'a>(data: &Val<'a>, need: &Val<'a>, options: &Val<'a>) -> Vec<Val<'a>> {
    let keys = match options.as_list() {
        Some(list) => list.iter().collect(),
        None => vec![options.clone()],
    };
    let are_missing = missing(data, keys);
    let length = property(options, "length", None).map_or(f64::NAN, |len| to_number(&len));
    let present = Val::Num(length - are_missing.len() as f64);
    if less_than(&present, need) == Some(false) {
        Vec::new()
    } else {
        are_missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn get(data: &Value, key: Value) -> Option<Value> {
        lookup(&Val::from_json(data, 0), &Val::from_json(&key, 0)).map(|v| v.to_json())
    }

    #[test]
    fn walks_objects_arrays_and_strings() {
        let data = json!({"a": {"b": [10, {"c": null}]}, "s": "héllo", "1": {"5": "deep"}});
        assert_eq!(get(&data, json!("a.b.1.c")), Some(json!(null)));
        assert_eq!(get(&data, json!("a.b.2")), None);
        assert_eq!(get(&data, json!("a.b.1.c.d")), None);
        assert_eq!(get(&data, json!("a.b.length")), Some(json!(2)));
        assert_eq!(get(&data, json!("s.1")), Some(json!("é")));
        assert_eq!(get(&data, json!("s.length")), Some(json!(5)));
        assert_eq!(get(&data, json!(1.5)), Some(json!("deep")));
        assert_eq!(get(&data, json!("a.b.01")), None);
        assert_eq!(get(&data, json!("toString")), None);
        assert_eq!(get(&data, json!("")), Some(data.clone()));
    }

    #[test]
    fn undefined_members_are_not_found() {
        let scope = Val::object(vec![("current", Val::Undef), ("accumulator", Val::Num(1.0))]);
        assert!(lookup(&scope, &Val::string("current")).is_none());
        assert!(lookup(&Val::array(vec![Val::Undef]), &Val::string("0")).is_none());
        assert!(matches!(lookup(&Val::Undef, &Val::string("")), Some(Val::Undef)));
    }

    #[test]
    fn missing_follows_json_logic_js() {
        let data = json!({"a": 1, "b": "", "c": null});
        let d = Val::from_json(&data, 0);
        let keys = json!(["a", "b", "c", "d"]);
        let got = missing(&d, vec![Val::from_json(&keys, 0), Val::string("a")]);
        assert_eq!(Val::array(got).to_json(), json!(["b", "c", "d"]));
        let some = missing_some(&d, &Val::Num(1.0), &Val::from_json(&keys, 0));
        assert!(some.is_empty());
        let none_enough = missing_some(&d, &Val::Num(2.0), &Val::from_json(&keys, 0));
        assert_eq!(none_enough.len(), 3);
    }
}
