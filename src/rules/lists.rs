//! Array operators: `map filter reduce all some none merge in`, and the CRM `count`.
//!
//! The per-item sub-rule (second argument) sees the item as its data, like json-logic-js.

use std::rc::Rc;

use super::coerce::{strict_eq, to_js_string};
use super::eval::{arg, Env};
use super::node::{Node, VarPath};
use super::ops::Op;
use super::value::{List, Val};

/// Evaluates an array operator.
pub(crate) fn eval<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    let sub_rule = args.get(1);
    let passes = |item: &Val<'a>| sub_rule.is_some_and(|rule| rule.test(item, env));
    match op {
        Op::Merge => merge(args, data, env),
        Op::In => Val::Bool(contains(&arg(args, 1, data, env), &arg(args, 0, data, env))),
        Op::Reduce => reduce(args, data, env),
        _ => {
            let source = arg(args, 0, data, env);
            let items = source.as_list();
            match op {
                Op::Map => Val::array(items.map_or_else(Vec::new, |l| {
                    l.iter().map(|item| sub_rule.map_or(Val::Undef, |rule| rule.eval(&item, env))).collect()
                })),
                Op::Filter => Val::array(items.map_or_else(Vec::new, |l| l.iter().filter(passes).collect())),
                Op::All => Val::Bool(items.is_some_and(|l| l.len() > 0 && l.iter().all(|i| passes(&i)))),
                Op::Some => Val::Bool(items.is_some_and(|l| l.iter().any(|i| passes(&i)))),
                Op::None => Val::Bool(!items.is_some_and(|l| l.iter().any(|i| passes(&i)))),
                _ => Val::Num(items.map_or(0, |l| count(l, sub_rule, env)) as f64),
            }
        }
    }
}

/// `count`: the items that pass the sub-rule, or all items when there is none.
fn count<'a>(items: List<'a, '_>, sub_rule: Option<&'a Node>, env: &Env) -> usize {
    match sub_rule {
        Some(rule) => items.iter().filter(|item| rule.test(item, env)).count(),
        None => items.len(),
    }
}

/// `reduce(array, rule, initial)`: folds with `{current, accumulator}` as the data; a
/// non-array gives the initial value (`null` when not given).
fn reduce<'a>(args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    let source = arg(args, 0, data, env);
    let initial = match args.get(2) {
        Some(node) => node.eval(data, env),
        None => Val::Null,
    };
    let Some(items) = source.as_list() else { return initial };
    if let Some(rest) = args.get(1).and_then(merge_onto_accumulator) {
        return reduce_by_merging(items, rest, initial, env);
    }
    items.iter().fold(initial, |accumulator, current| {
        let scope = Val::object(vec![("current", current), ("accumulator", accumulator)]);
        arg(args, 1, &scope, env)
    })
}

/// The arguments after the first of a `{"merge": [{"var": "accumulator"}, …]}` reducer (the
/// usual way to collect items with `reduce`), `None` for any other reducer.
fn merge_onto_accumulator(reducer: &Node) -> Option<&[Node]> {
    let Node::Op(Op::Merge, args) = reducer else { return None };
    let (Node::Var(var), rest) = args.split_first()? else { return None };
    let reads_accumulator = match &var.path {
        Some(VarPath::Keys(name, segments)) => &**name == "accumulator" && segments.len() == 1,
        _ => false,
    };
    // A default would only matter were the accumulator absent; it never is.
    (reads_accumulator && var.args.len() == 1).then_some(rest)
}

/// `reduce` with a reducer that merges onto the accumulator: each step appends to the
/// accumulator's items in place when nothing else holds them (otherwise copies them, as
/// `merge` would), so collecting n items takes O(n) rather than O(n²). Same results as
/// evaluating the `merge`: the accumulator's items (or the accumulator itself when it is
/// not an array), then each other argument's items (or itself).
fn reduce_by_merging<'a>(items: List<'a, '_>, rest: &'a [Node], initial: Val<'a>, env: &Env) -> Val<'a> {
    let mut accumulator = initial;
    for current in items.iter() {
        let scope = Val::object(vec![("current", current), ("accumulator", accumulator.clone())]);
        let values: Vec<Val<'a>> = rest.iter().map(|node| node.eval(&scope, env)).collect();
        drop(scope);
        let mut merged = match accumulator {
            Val::Arr(rc) => Rc::try_unwrap(rc).map_or_else(|shared| shared.0.clone(), |mut own| std::mem::take(&mut own.0)),
            other => match other.as_list() {
                Some(list) => list.iter().collect(),
                None => vec![other],
            },
        };
        for value in values {
            match value.as_list() {
                Some(list) => merged.extend(list.iter()),
                None => merged.push(value),
            }
        }
        accumulator = Val::array(merged);
    }
    accumulator
}

/// `merge`: arrays are flattened one level, other values appended.
fn merge<'a>(args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    let mut out = Vec::new();
    for node in args {
        let value = node.eval(data, env);
        match value.as_list() {
            Some(list) => out.extend(list.iter()),
            None => out.push(value),
        }
    }
    Val::array(out)
}

/// `in(needle, haystack)`: `haystack.indexOf(needle) !== -1` for a string (the needle as a
/// string) or an array (strict equality); false for anything else.
pub(crate) fn contains(haystack: &Val<'_>, needle: &Val<'_>) -> bool {
    if let Some(list) = haystack.as_list() {
        return list.iter().any(|item| strict_eq(&item, needle));
    }
    match haystack {
        // `!b` comes first in json-logic-js: the empty string contains nothing.
        Val::Str(s) => !s.is_empty() && s.contains(&*to_js_string(needle)),
        // Objects have no `indexOf` (a member called so would make json-logic-js throw).
        _ => false,
    }
}
