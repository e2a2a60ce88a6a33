//! The compiled form of a rule: a tree of nodes with constants pre-built and `var` paths
//! pre-split.

use std::borrow::Cow;

use serde_json::Value;

use super::coerce::to_js_string;
use super::number::format_number;
use super::ops::Op;
use super::value::Val;
use crate::record::{ScopeId, SlotId};

/// One compiled expression.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A value that needs no evaluation.
    Const(Const),
    /// An array literal with expressions inside, built on every evaluation.
    Array(Box<[Node]>),
    /// A `var` lookup.
    Var(Box<VarNode>),
    /// Any other operator and its arguments.
    Op(Op, Box<[Node]>),
}

/// A pre-built constant.
#[derive(Debug, Clone)]
pub(crate) enum Const {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(Box<str>),
    /// An object that is not an operator (not exactly one key): returned as it is.
    Object(Box<Value>),
    /// An array of constants.
    Array(Box<Value>),
}

impl Const {
    /// The constant as a value; `generation` identifies a literal array (see [`Val`]).
    pub(crate) fn val(&self, generation: u32) -> Val<'_> {
        match self {
            Const::Null => Val::Null,
            Const::Bool(b) => Val::Bool(*b),
            Const::Num(n) => Val::Num(*n),
            Const::Str(s) => Val::Str(Cow::Borrowed(s)),
            Const::Object(v) => Val::Json(v, 0),
            Const::Array(v) => Val::Json(v, generation),
        }
    }
}

/// A compiled `var`: its arguments, plus the path pre-resolved when the first one is constant.
#[derive(Debug, Clone)]
pub(crate) struct VarNode {
    /// The pre-resolved path; `None` when it is computed at evaluation time from `args[0]`.
    pub(crate) path: Option<VarPath>,
    /// The arguments as written: `[path, default]`.
    pub(crate) args: Box<[Node]>,
    /// The cell the path is read from when the data is a row of this scope (see
    /// [`super::bind`]); `None` until the rule is bound.
    pub(crate) slot: Option<(ScopeId, SlotId)>,
}

/// Where a `var` reads from.
#[derive(Debug, Clone)]
pub(crate) enum VarPath {
    /// The whole current data (`{"var": ""}`, `{"var": []}`, `{"var": null}`).
    Whole,
    /// A dotted path, as written and split into segments.
    Keys(Box<str>, Box<[Segment]>),
}

/// One step of a dotted path, with its array index pre-parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    /// The property name.
    pub(crate) key: Box<str>,
    /// The key as an array index, when it is a canonical one (`0`, `17`; not `01` or `-1`).
    pub(crate) index: Option<u32>,
}

impl Segment {
    /// A segment for `key`.
    pub(crate) fn new(key: &str) -> Self {
        Segment { key: key.into(), index: array_index(key) }
    }
}

/// `key` as a JS array index: digits without a leading zero, below 2^32 - 1.
pub(crate) fn array_index(key: &str) -> Option<u32> {
    let canonical = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0'));
    canonical.then(|| key.parse::<u32>().ok()).flatten().filter(|&i| i != u32::MAX)
}

impl VarPath {
    /// The path a `var` whose first argument is `key` reads, computed the way json-logic-js
    /// does: `undefined`, `null` and `""` mean the whole data, anything else is `String(key)`
    /// split at dots.
    pub(crate) fn of(key: &Val<'_>) -> Self {
        match key {
            Val::Undef | Val::Null => VarPath::Whole,
            Val::Str(s) if s.is_empty() => VarPath::Whole,
            _ => {
                let name = to_js_string(key);
                let segments = name.split('.').map(Segment::new).collect();
                VarPath::Keys(name.into(), segments)
            }
        }
    }
}

impl Node {
    /// The constant, if the node is one.
    pub(crate) fn as_const(&self) -> Option<&Const> {
        match self {
            Node::Const(c) => Some(c),
            _ => None,
        }
    }

    /// The operator at the top of the node (`var` for lookups), if any.
    pub(crate) fn op(&self) -> Option<Op> {
        match self {
            Node::Var(_) => Some(Op::Var),
            Node::Op(op, _) => Some(*op),
            _ => None,
        }
    }

    /// The node's arguments (elements for an array literal).
    pub(crate) fn args(&self) -> &[Node] {
        match self {
            Node::Const(_) => &[],
            Node::Array(items) => items,
            Node::Var(var) => &var.args,
            Node::Op(_, args) => args,
        }
    }

    /// Whether the node's value may depend on the evaluation's now (it or an argument is an
    /// operator that measures from it: `now`, `days_since`, `days_until`, `within_…_days`).
    pub(crate) fn reads_now(&self) -> bool {
        let measures = matches!(
            self.op(),
            Some(Op::Now | Op::DaysSince | Op::DaysUntil | Op::WithinLastDays | Op::WithinNextDays)
        );
        measures || self.args().iter().any(Node::reads_now)
    }

    /// The record fields the node reads: constant `var` paths and `missing`/`missing_some`
    /// keys, outside the per-item sub-rules of `map`/`filter`/`all`/… (those read item fields).
    pub(crate) fn collect_fields(&self, out: &mut Vec<String>) {
        let mut push = |name: String| {
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        };
        match self {
            Node::Var(var) => {
                if let Some(VarPath::Keys(name, _)) = &var.path {
                    push(name.to_string());
                }
            }
            Node::Op(Op::Missing, args) => missing_keys(args).into_iter().for_each(push),
            Node::Op(Op::MissingSome, args) => {
                let options = args.get(1).map(std::slice::from_ref).unwrap_or_default();
                missing_keys(options).into_iter().for_each(push);
            }
            _ => {}
        }
        // Per-item sub-rules read items; a resolved `var` path was pushed above.
        let scoped = self.op().is_some_and(Op::scopes_second_arg);
        let resolved_var = matches!(self, Node::Var(v) if v.path.is_some());
        for (i, arg) in self.args().iter().enumerate() {
            let skip = (scoped && i == 1) || (resolved_var && i == 0);
            if !skip {
                arg.collect_fields(out);
            }
        }
    }
}

/// The constant keys a `missing` with these arguments checks (json-logic-js reads a first
/// argument that is an array as the whole key list).
fn missing_keys(args: &[Node]) -> Vec<String> {
    let key_name = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_f64().map(format_number),
        _ => None,
    };
    match args.first().and_then(Node::as_const) {
        Some(Const::Array(list)) => list.as_array().into_iter().flatten().filter_map(key_name).collect(),
        _ => args
            .iter()
            .filter_map(|a| match a.as_const()? {
                Const::Str(s) => Some(s.to_string()),
                Const::Num(n) => Some(format_number(*n)),
                _ => None,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_canonical_array_indices() {
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("17"), Some(17));
        for bad in ["", "01", "-1", "1.0", "a", "4294967295", "99999999999"] {
            assert_eq!(array_index(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_follow_string_conversion() {
        let VarPath::Keys(name, segs) = VarPath::of(&Val::Num(1.5)) else { panic!("not keys") };
        assert_eq!(&*name, "1.5");
        assert_eq!(segs.iter().map(|s| s.index).collect::<Vec<_>>(), [Some(1), Some(5)]);
        assert!(matches!(VarPath::of(&Val::Str("".into())), VarPath::Whole));
        assert!(matches!(VarPath::of(&Val::Null), VarPath::Whole));
        assert!(matches!(VarPath::of(&Val::Num(0.0)), VarPath::Keys(..)));
    }
}
