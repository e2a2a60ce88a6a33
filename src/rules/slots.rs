//! Rules over flat records: a rule built only from `and or ! !!`, constants, `var` of a
//! top-level field (no dots, no default), comparisons between such a `var` and a constant and
//! `in` of such a `var` in a constant array or string, compiled to a predicate over "slots"
//! (the record's fields in a fixed order). Evaluation builds the evaluator's own values and
//! calls the evaluator's own comparisons, so results are exactly [`Rule::is_truthy`]'s.

use std::borrow::Cow;

use super::eval::holds;
use super::lists::contains;
use super::node::{Const, Node, VarPath};
use super::ops::Op;
use super::value::Val;
use super::Rule;

/// One top-level field of a flat record, as `{"var": "field"}` reads it: absent and `null`
/// are both [`Slot::Null`]. Arrays and objects have no slot (such a record takes the general
/// path).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot<'a> {
    /// Absent or `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(&'a str),
}

impl<'a> Slot<'a> {
    /// The evaluator's value for the slot.
    fn val(self) -> Val<'a> {
        match self {
            Slot::Null => Val::Null,
            Slot::Bool(b) => Val::Bool(b),
            Slot::Num(n) => Val::Num(n),
            Slot::Str(s) => Val::Str(Cow::Borrowed(s)),
        }
    }
}

/// A rule compiled over slots (see the module docs); built by [`Rule::slot_predicate`].
#[derive(Debug, Clone)]
pub(crate) struct SlotPredicate(Pred);

/// A node of a slot predicate.
#[derive(Debug, Clone)]
enum Pred {
    /// A constant's truthiness.
    Const(bool),
    /// A field's truthiness.
    Truthy(usize),
    And(Box<[Pred]>),
    Or(Box<[Pred]>),
    Not(Box<Pred>),
    /// `slot op constant` (or `constant op slot` when `slot_first` is false).
    Compare { op: Op, slot: usize, constant: Const, slot_first: bool },
    /// `in(slot, constant array or string)`.
    In { slot: usize, haystack: Const },
}

impl Rule {
    /// The rule as a predicate over slots, when it is built only from the parts the module
    /// docs list; the fields it reads are added to `fields` (a slot is an index into it).
    pub(crate) fn slot_predicate(&self, fields: &mut Vec<String>) -> Option<SlotPredicate> {
        pred(&self.root, fields).map(SlotPredicate)
    }
}

impl SlotPredicate {
    /// Whether the rule holds for a record whose fields are `slots` (missing slots are null).
    pub(crate) fn test(&self, slots: &[Slot<'_>]) -> bool {
        self.0.test(slots)
    }
}

impl Pred {
    fn test(&self, slots: &[Slot<'_>]) -> bool {
        let slot = |i: usize| slots.get(i).copied().unwrap_or(Slot::Null).val();
        match self {
            Pred::Const(b) => *b,
            Pred::Truthy(i) => slot(*i).truthy(),
            // As `Node::test`: an empty `and` is `undefined`, falsy.
            Pred::And(items) => !items.is_empty() && items.iter().all(|p| p.test(slots)),
            Pred::Or(items) => items.iter().any(|p| p.test(slots)),
            Pred::Not(p) => !p.test(slots),
            Pred::Compare { op, slot: i, constant, slot_first: true } => holds(*op, &slot(*i), &constant.val(0)),
            Pred::Compare { op, slot: i, constant, slot_first: false } => holds(*op, &constant.val(0), &slot(*i)),
            Pred::In { slot: i, haystack } => contains(&haystack.val(0), &slot(*i)),
        }
    }
}

/// Compiles a node that is only tested for truthiness.
fn pred(node: &Node, fields: &mut Vec<String>) -> Option<Pred> {
    match node {
        Node::Const(c) => Some(Pred::Const(c.val(0).truthy())),
        Node::Var(_) => field(node, fields).map(Pred::Truthy),
        Node::Op(Op::And, args) => Some(Pred::And(list(args, fields)?)),
        Node::Op(Op::Or, args) => Some(Pred::Or(list(args, fields)?)),
        // Only the first argument of `!` / `!!` is read; none is `undefined`.
        Node::Op(Op::Not, args) => match args.first() {
            Some(a) => Some(Pred::Not(Box::new(pred(a, fields)?))),
            None => Some(Pred::Const(true)),
        },
        Node::Op(Op::NotNot, args) => args.first().map_or(Some(Pred::Const(false)), |a| pred(a, fields)),
        Node::Op(op @ (Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe | Op::Lt | Op::Le | Op::Gt | Op::Ge), args) => {
            compare(*op, args, fields)
        }
        Node::Op(Op::In, args) => match &args[..] {
            [needle, Node::Const(c @ (Const::Array(_) | Const::Str(_)))] => {
                Some(Pred::In { slot: field(needle, fields)?, haystack: c.clone() })
            }
            _ => None,
        },
        _ => None,
    }
}

fn list(args: &[Node], fields: &mut Vec<String>) -> Option<Box<[Pred]>> {
    args.iter().map(|a| pred(a, fields)).collect()
}

/// A two-argument comparison between a field and a scalar constant, either way round.
fn compare(op: Op, args: &[Node], fields: &mut Vec<String>) -> Option<Pred> {
    let [a, b] = args else { return None };
    let (slot_first, var, constant) = match (scalar(a), scalar(b)) {
        (None, Some(c)) => (true, a, c),
        (Some(c), None) => (false, b, c),
        _ => return None,
    };
    Some(Pred::Compare { op, slot: field(var, fields)?, constant: constant.clone(), slot_first })
}

/// The node as a scalar constant (`null`, a boolean, a number or a string).
fn scalar(node: &Node) -> Option<&Const> {
    node.as_const().filter(|c| matches!(c, Const::Null | Const::Bool(_) | Const::Num(_) | Const::Str(_)))
}

/// The slot of `{"var": "field"}` (a constant top-level field, no default), added if new.
fn field(node: &Node, fields: &mut Vec<String>) -> Option<usize> {
    let Node::Var(var) = node else { return None };
    let Some(VarPath::Keys(name, segments)) = &var.path else { return None };
    if var.args.len() != 1 || segments.len() != 1 {
        return None;
    }
    if let Some(i) = fields.iter().position(|f| **f == **name) {
        return Some(i);
    }
    fields.push(name.to_string());
    Some(fields.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::EvalContext;
    use serde_json::{json, Value};

    fn compiled(rule: Value) -> (Rule, Option<SlotPredicate>, Vec<String>) {
        let rule = Rule::compile(&rule).unwrap();
        let mut fields = Vec::new();
        let p = rule.slot_predicate(&mut fields);
        (rule, p, fields)
    }

    #[test]
    fn eligibility() {
        let eligible = [
            json!({"and": [{">=": [{"var": "a"}, 2]}, {"in": [{"var": "b"}, ["x", 1]]}, {"!": {"var": "c"}}]}),
            json!({"or": [{"==": [3, {"var": "a"}]}, {"!!": [{"===": [{"var": ["b"]}, null]}]}, true]}),
            json!({"!=": [{"var": "a"}, ""]}),
            json!({"in": [{"var": "a"}, "abc"]}),
        ];
        for rule in eligible {
            assert!(compiled(rule.clone()).1.is_some(), "{rule}");
        }
        let ineligible = [
            json!({"var": "a.b"}),
            json!({"var": ["a", 1]}),
            json!({"==": [{"var": "a"}, {"var": "b"}]}),
            json!({"<": [1, {"var": "a"}, 3]}),
            json!({"==": [{"var": "a"}, [1]]}),
            json!({"in": ["x", {"var": "a"}]}),
            json!({"in": [{"var": "a"}, [{"var": "b"}]]}),
            json!({"if": [{"var": "a"}, true, false]}),
            json!({"contains": [{"var": "a"}, "x"]}),
            json!({"==": [{"+": [{"var": "a"}, 1]}, 2]}),
            json!({"var": ""}),
        ];
        for rule in ineligible {
            assert!(compiled(rule.clone()).1.is_none(), "{rule}");
        }
        let (_, _, fields) = compiled(json!({"or": [{"var": "b"}, {"==": [{"var": "a"}, 1]}, {"var": "b"}]}));
        assert_eq!(fields, ["b", "a"]);
    }

    #[test]
    fn slots_evaluate_like_the_record() {
        let rules = [
            json!({"==": [{"var": "a"}, "1"]}),
            json!({"<": [{"var": "a"}, 10]}),
            json!({">=": ["b", {"var": "a"}]}),
            json!({"===": [{"var": "a"}, null]}),
            json!({"!==": [{"var": "a"}, 1]}),
            json!({"in": [{"var": "a"}, [1, "1", true, null]]}),
            json!({"in": [{"var": "a"}, "a1true"]}),
            json!({"!!": {"var": "a"}}),
            json!({"and": []}),
            json!({"!": []}),
        ];
        let values = [json!(null), json!(1), json!("1"), json!(""), json!("0"), json!(true), json!(false), json!(0), json!("abc"), json!(-2.5)];
        let ctx = EvalContext::new(0);
        for rule in rules {
            let (r, p, _) = compiled(rule.clone());
            let p = p.unwrap();
            for v in &values {
                let slot = match v {
                    Value::Null => Slot::Null,
                    Value::Bool(b) => Slot::Bool(*b),
                    Value::Number(n) => Slot::Num(n.as_f64().unwrap()),
                    Value::String(s) => Slot::Str(s),
                    _ => unreachable!(),
                };
                assert_eq!(p.test(&[slot]), r.is_truthy(&json!({"a": v}), &ctx), "{rule} on {v}");
            }
            assert_eq!(p.test(&[]), r.is_truthy(&json!({}), &ctx), "{rule} on nothing");
        }
    }
}
