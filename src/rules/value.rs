//! The evaluator's value type: a JS value that borrows from the record and the compiled rule.
//!
//! JSON has no `undefined`, NaN or ±Infinity, but json-logic-js computes with them (a missing
//! argument is `undefined`, `1/0` is Infinity), so intermediate results keep them; they become
//! `null` only when a result leaves the evaluator, exactly as `JSON.stringify` would write them.

use std::borrow::Cow;
use std::rc::Rc;

use serde_json::{Map, Number, Value};

use crate::record::{Cell, RowRef, RowsRef};

/// A JS value during evaluation.
///
/// Arrays and objects are reference types in JS, and `===` / `indexOf` compare them by identity,
/// so containers carry one: a [`Val::Json`] container is identified by its address plus a
/// generation (0 for the record and for literal objects, which JS returns as the same object
/// every time; a fresh number each time a literal array is evaluated, because json-logic-js
/// builds a new array every time); runtime arrays and objects by their `Rc`.
#[derive(Debug, Clone)]
pub(crate) enum Val<'a> {
    /// JS `undefined`: a missing argument, an empty `and`/`or`.
    Undef,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A JS number (may be NaN, ±Infinity or -0).
    Num(f64),
    /// A string, borrowed where possible.
    Str(Cow<'a, str>),
    /// A JSON array or object borrowed from the record or the rule (never a primitive).
    Json(&'a Value, u32),
    /// An array built during evaluation (`map`, `merge`, an array of expressions…).
    Arr(Rc<Items<'a>>),
    /// An object built during evaluation (the `{current, accumulator}` scope of `reduce`).
    Obj(Rc<Members<'a>>),
    /// A record (or list item) read into cells ([`crate::record`]): the data of a bound rule.
    /// Bound `var`s read its cells; anything else reads its JSON, which its scope keeps
    /// whenever a rule needs it (the binder sees to that), so it never escapes as a value.
    Row(RowRef<'a>),
    /// A list of sub-records read into rows: the source of an iteration whose sub-rule is
    /// bound to the items' cells.
    Rows(RowsRef<'a>),
}

/// The items of a runtime array.
///
/// `reduce` can nest runtime values as deep as a record's array is long (an accumulator
/// wrapped once per item), so these are dropped, written as JSON and joined as strings
/// without recursion.
#[derive(Debug)]
pub(crate) struct Items<'a>(pub(crate) Vec<Val<'a>>);

/// The members of a runtime object, in order (see [`Items`] about nesting).
#[derive(Debug)]
pub(crate) struct Members<'a>(pub(crate) Vec<(&'static str, Val<'a>)>);

impl<'a> std::ops::Deref for Items<'a> {
    type Target = [Val<'a>];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'a> std::ops::Deref for Members<'a> {
    type Target = [(&'static str, Val<'a>)];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for Items<'_> {
    fn drop(&mut self) {
        release(std::mem::take(&mut self.0));
    }
}

impl Drop for Members<'_> {
    fn drop(&mut self) {
        release(self.0.drain(..).map(|(_, v)| v).filter(Val::is_runtime_container).collect());
    }
}

/// Drops values, unpacking runtime containers nobody else holds onto a work list instead of
/// recursing into them.
fn release(mut pending: Vec<Val<'_>>) {
    while let Some(value) = pending.pop() {
        match value {
            Val::Arr(rc) => {
                if let Ok(mut items) = Rc::try_unwrap(rc) {
                    pending.append(&mut items.0);
                }
            }
            Val::Obj(rc) => {
                if let Ok(mut members) = Rc::try_unwrap(rc) {
                    pending.extend(members.0.drain(..).map(|(_, v)| v));
                }
            }
            _ => {}
        }
    }
}

/// An array, whichever way it is stored.
#[derive(Clone, Copy)]
pub(crate) enum List<'a, 'v> {
    /// A JSON array and the generation its elements inherit.
    Json(&'a [Value], u32),
    /// A runtime array.
    Rt(&'v [Val<'a>]),
    /// Rows of sub-records.
    Rows(RowsRef<'a>),
}

impl<'a: 'v, 'v> List<'a, 'v> {
    /// Number of items.
    pub(crate) fn len(self) -> usize {
        match self {
            List::Json(items, _) => items.len(),
            List::Rt(items) => items.len(),
            List::Rows(rows) => rows.len(),
        }
    }

    /// The item at `i`, if any.
    pub(crate) fn get(self, i: usize) -> Option<Val<'a>> {
        match self {
            List::Json(items, generation) => items.get(i).map(|v| Val::from_json(v, generation)),
            List::Rt(items) => items.get(i).cloned(),
            // An item whose scope keeps its JSON is that JSON (it may escape as a value).
            List::Rows(rows) => rows.get(i).map(|row| row.json().map_or(Val::Row(row), |json| Val::from_json(json, 0))),
        }
    }

    /// The items in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = Val<'a>> + 'v {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

impl<'a> Val<'a> {
    /// Wraps a JSON value; `generation` identifies arrays (objects always get 0, see [`Val`]).
    pub(crate) fn from_json(value: &'a Value, generation: u32) -> Self {
        match value {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Num(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Array(_) => Val::Json(value, generation),
            Value::Object(_) => Val::Json(value, 0),
        }
    }

    /// A string value.
    pub(crate) fn string(s: impl Into<Cow<'a, str>>) -> Self {
        Val::Str(s.into())
    }

    /// A runtime array.
    pub(crate) fn array(items: Vec<Val<'a>>) -> Self {
        Val::Arr(Rc::new(Items(items)))
    }

    /// A runtime object.
    pub(crate) fn object(members: Vec<(&'static str, Val<'a>)>) -> Self {
        Val::Obj(Rc::new(Members(members)))
    }

    /// Whether the value is an array or object built during evaluation.
    fn is_runtime_container(&self) -> bool {
        matches!(self, Val::Arr(_) | Val::Obj(_))
    }

    /// The value as an array, if it is one.
    pub(crate) fn as_list(&self) -> Option<List<'a, '_>> {
        match self {
            Val::Json(Value::Array(items), generation) => Some(List::Json(items, *generation)),
            Val::Arr(items) => Some(List::Rt(items)),
            Val::Rows(rows) => Some(List::Rows(*rows)),
            Val::Row(row) => match row.json() {
                Some(Value::Array(items)) => Some(List::Json(items, 0)),
                _ => None,
            },
            _ => None,
        }
    }

    /// What a `var` finds in a cell; `None` for an absent one.
    pub(crate) fn of_cell(cell: Cell<'a>) -> Option<Val<'a>> {
        Some(match cell {
            Cell::Absent => return None,
            Cell::Null => Val::Null,
            Cell::Bool(b) => Val::Bool(b),
            Cell::Num(n) => Val::Num(n),
            Cell::Text(s) => Val::Str(Cow::Borrowed(s)),
            Cell::Json(v) => Val::from_json(v, 0),
            Cell::List(rows) => Val::Rows(rows),
        })
    }

    /// A row's value as its JSON (a row without JSON stands for an object).
    pub(crate) fn row_json(row: &RowRef<'a>) -> Val<'a> {
        row.json().map_or(Val::Obj(Rc::new(Members(Vec::new()))), |json| Val::from_json(json, 0))
    }

    /// Whether the value is an array or object (a JS object).
    pub(crate) fn is_container(&self) -> bool {
        match self {
            Val::Json(..) | Val::Arr(_) | Val::Obj(_) | Val::Rows(_) => true,
            Val::Row(row) => Val::row_json(row).is_container(),
            _ => false,
        }
    }

    /// Whether the value is `null` or `undefined`.
    pub(crate) fn is_nullish(&self) -> bool {
        matches!(self, Val::Undef | Val::Null)
    }

    /// JsonLogic truthiness: JS truthiness, except that an empty array is falsy.
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Val::Undef | Val::Null => false,
            Val::Bool(b) => *b,
            Val::Num(n) => *n != 0.0 && !n.is_nan(),
            Val::Str(s) => !s.is_empty(),
            Val::Json(..) | Val::Arr(_) | Val::Obj(_) | Val::Rows(_) => self.as_list().map_or(true, |l| l.len() > 0),
            Val::Row(row) => Val::row_json(row).truthy(),
        }
    }

    /// Whether two containers are the same JS object (see [`Val`]).
    pub(crate) fn same_object(&self, other: &Val<'_>) -> bool {
        match (self, other) {
            (Val::Json(a, ga), Val::Json(b, gb)) => std::ptr::eq(*a, *b) && ga == gb,
            (Val::Arr(a), Val::Arr(b)) => Rc::ptr_eq(a, b),
            (Val::Obj(a), Val::Obj(b)) => Rc::ptr_eq(a, b),
            (Val::Row(a), Val::Row(b)) => a.same_row(b),
            (Val::Rows(a), Val::Rows(b)) => a.same_rows(b),
            _ => false,
        }
    }

    /// The value as JSON, as `JSON.stringify` would write it: `undefined`, NaN and ±Infinity
    /// become `null` (and `undefined` members of runtime objects are left out), -0 becomes 0,
    /// whole numbers are written without a fraction. Runtime containers are walked with a
    /// work list, not recursion.
    pub(crate) fn to_json(&self) -> Value {
        enum Task<'v, 'a> {
            Visit(&'v Val<'a>),
            Array(usize),
            Object(&'v [(&'static str, Val<'a>)]),
        }
        let defined = |(_, v): &&(&'static str, Val<'_>)| !matches!(v, Val::Undef);
        let mut tasks = vec![Task::Visit(self)];
        let mut done: Vec<Value> = Vec::new();
        while let Some(task) = tasks.pop() {
            match task {
                Task::Visit(Val::Arr(items)) => {
                    tasks.push(Task::Array(items.len()));
                    tasks.extend(items.iter().rev().map(Task::Visit));
                }
                Task::Visit(Val::Obj(members)) => {
                    tasks.push(Task::Object(members));
                    tasks.extend(members.iter().rev().filter(defined).map(|(_, v)| Task::Visit(v)));
                }
                Task::Visit(leaf) => done.push(leaf.leaf_json()),
                Task::Array(n) => {
                    let items = done.split_off(done.len().saturating_sub(n));
                    done.push(Value::Array(items));
                }
                Task::Object(members) => {
                    let keys: Vec<String> = members.iter().filter(defined).map(|(k, _)| (*k).to_owned()).collect();
                    let values = done.split_off(done.len().saturating_sub(keys.len()));
                    let mut object = Map::new();
                    object.extend(keys.into_iter().zip(values));
                    done.push(Value::Object(object));
                }
            }
        }
        done.pop().unwrap_or(Value::Null)
    }

    /// JSON for anything but a runtime container.
    fn leaf_json(&self) -> Value {
        match self {
            Val::Bool(b) => Value::Bool(*b),
            Val::Num(n) => number_to_json(*n),
            Val::Str(s) => Value::String(s.to_string()),
            Val::Json(v, _) => (*v).clone(),
            Val::Row(row) => row.json().cloned().unwrap_or_else(|| Value::Object(Map::new())),
            Val::Rows(rows) => Value::Array(rows.iter().map(|row| Val::Row(row).leaf_json()).collect()),
            _ => Value::Null,
        }
    }
}

/// Largest integer below which every whole `f64` is exactly an `i64` worth writing as one.
const EXACT_INT_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53

/// A JS number as JSON: NaN and ±Infinity are `null`, whole numbers are integers.
pub(crate) fn number_to_json(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() <= EXACT_INT_LIMIT {
        Value::from(n as i64)
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truthiness_follows_jsonlogic() {
        let data = json!([[], [0], {}, "0", "", 0, -0.0, null, true]);
        let got: Vec<bool> = data.as_array().into_iter().flatten().map(|v| Val::from_json(v, 0).truthy()).collect();
        assert_eq!(got, [false, true, true, true, false, false, false, false, true]);
        assert!(!Val::Undef.truthy());
        assert!(!Val::Num(f64::NAN).truthy());
        assert!(Val::Num(f64::INFINITY).truthy());
    }

    #[test]
    fn json_output_matches_json_stringify() {
        assert_eq!(number_to_json(f64::NAN), Value::Null);
        assert_eq!(number_to_json(f64::INFINITY), Value::Null);
        assert_eq!(number_to_json(-0.0), json!(0));
        assert_eq!(number_to_json(3.0), json!(3));
        assert_eq!(number_to_json(1.5), json!(1.5));
        let obj = Val::object(vec![("current", Val::Num(1.0)), ("accumulator", Val::Undef)]);
        assert_eq!(obj.to_json(), json!({"current": 1}));
        assert_eq!(Val::array(vec![Val::Undef, Val::Num(f64::NAN)]).to_json(), json!([null, null]));
        let nested = Val::array(vec![Val::Num(1.0), Val::array(vec![obj, Val::array(vec![])]), Val::string("x")]);
        assert_eq!(nested.to_json(), json!([1, [{"current": 1}, []], "x"]));
    }

    /// Builds, joins, serializes and drops a 200,000-level runtime value on a 256 KiB stack
    /// (the JSON it serializes to is dropped on a big one: serde_json drops recursively).
    #[test]
    fn deep_runtime_values_drop_serialize_and_join_without_recursion() {
        let work = || {
            let mut deep = Val::array(vec![]);
            for i in 0..200_000 {
                deep = if i % 2 == 0 { Val::array(vec![deep, Val::Null]) } else { Val::object(vec![("a", deep)]) };
            }
            let shared = deep.clone();
            let mut joined = String::new();
            crate::rules::coerce::push_joined(&Val::array(vec![deep.clone(), Val::Num(1.0)]), &mut joined);
            assert_eq!(joined, "[object Object],1");
            let json = deep.to_json();
            drop((deep, shared));
            json
        };
        let on_big_stack = std::thread::Builder::new().stack_size(256 << 20);
        let big = on_big_stack.spawn(move || {
            let small = std::thread::Builder::new().stack_size(256 << 10);
            let json = small.spawn(work).unwrap().join().unwrap();
            assert!(json.is_object());
        });
        big.unwrap().join().unwrap();
    }

    #[test]
    fn identity_uses_address_and_generation() {
        let v = json!([1]);
        assert!(Val::Json(&v, 0).same_object(&Val::Json(&v, 0)));
        assert!(!Val::Json(&v, 1).same_object(&Val::Json(&v, 2)));
        let a = Val::array(vec![]);
        assert!(a.same_object(&a.clone()));
        assert!(!a.same_object(&Val::array(vec![])));
    }
}
