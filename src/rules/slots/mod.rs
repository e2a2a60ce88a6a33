//! Rules over flat records: a rule built only from `and or ! !!`, constants, `var` of a
//! top-level field (no dots, no default), comparisons between such a `var` and a constant and
//! `in` of such a `var` in a constant array or string, compiled to a predicate over "slots"
//! (the record's fields in a fixed order).
//!
//! Each comparison, `in` or bare `var` is an *atom*: a test of one slot. A record is first
//! turned into one bit set per slot (which of that slot's atoms hold, see [`SlotTable`]), and
//! the predicates combine bits. Atoms are evaluated with the evaluator's own values and
//! comparisons, so results are exactly [`Rule::is_truthy`]'s; numbers compared with number
//! constants take a direct path with the same (IEEE) results, and callers can memoise the bits
//! of a repeated string.

use std::borrow::Cow;

mod outline;

pub(crate) use outline::SlotOutline;

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
    /// The slot of a JSON member (`None`: absent); `None` for an array or an object, which
    /// have no slot.
    pub fn of_json(value: Option<&'a serde_json::Value>) -> Option<Slot<'a>> {
        use serde_json::Value;
        Some(match value {
            None | Some(Value::Null) => Slot::Null,
            Some(Value::Bool(b)) => Slot::Bool(*b),
            Some(Value::Number(n)) => Slot::Num(n.as_f64()?),
            Some(Value::String(s)) => Slot::Str(s),
            Some(Value::Array(_) | Value::Object(_)) => return None,
        })
    }

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

/// The most atoms one slot may have (one bit each in a `u64`).
const MAX_ATOMS_PER_SLOT: usize = 64;

/// Compiles rules over a shared set of slots (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct SlotCompiler {
    fields: Vec<String>,
    atoms: Vec<Vec<Atom>>,
}

/// The slots rules were compiled over: the fields, in slot order, and each slot's atoms.
#[derive(Debug, Clone)]
pub(crate) struct SlotTable {
    fields: Vec<String>,
    slots: Vec<SlotAtoms>,
}

/// One slot's atoms, with their bits for `null`, `false` and `true` worked out in advance.
#[derive(Debug, Clone)]
struct SlotAtoms {
    atoms: Vec<Atom>,
    /// The bits of `null`, `false` and `true`.
    constants: [u64; 3],
}

/// A test of one slot's value.
#[derive(Debug, Clone)]
enum Atom {
    /// The value's truthiness.
    Truthy,
    /// `value op constant` (or `constant op value` when `value_first` is false).
    Compare { op: Op, constant: Const, value_first: bool },
    /// `in(value, constant array or string)`.
    In { haystack: Const },
}

/// A rule compiled over slot bits; built by [`SlotCompiler::predicate`].
#[derive(Debug, Clone)]
pub(crate) struct SlotPredicate(Pred);

/// A node of a slot predicate.
#[derive(Debug, Clone)]
enum Pred {
    /// A constant's truthiness.
    Const(bool),
    /// Any of the atoms `mask` selects from slot `slot`'s bits (one atom, or an `or` of them).
    Any { slot: usize, mask: u64 },
    /// All of the atoms `mask` selects (an `and` of one slot's atoms).
    All { slot: usize, mask: u64 },
    And(Box<[Pred]>),
    Or(Box<[Pred]>),
    Not(Box<Pred>),
}

impl SlotCompiler {
    /// The rule as a predicate over slots, when it is built only from the parts the module
    /// docs list; the fields and atoms it reads are added to the compiler's.
    pub(crate) fn predicate(&mut self, rule: &Rule) -> Option<SlotPredicate> {
        self.pred(&rule.root).map(SlotPredicate)
    }

    /// The slots of every predicate compiled so far; `None` when a slot has more atoms than a
    /// `u64` has bits.
    pub(crate) fn finish(self) -> Option<SlotTable> {
        let slots = self.atoms.into_iter().map(SlotAtoms::new).collect::<Option<_>>()?;
        Some(SlotTable { fields: self.fields, slots })
    }

    /// Compiles a node that is only tested for truthiness.
    fn pred(&mut self, node: &Node) -> Option<Pred> {
        match node {
            Node::Const(c) => Some(Pred::Const(c.val(0).truthy())),
            Node::Var(_) => self.atom(node, Atom::Truthy),
            Node::Op(Op::And, args) => Some(merged(Pred::And(self.list(args)?))),
            Node::Op(Op::Or, args) => Some(merged(Pred::Or(self.list(args)?))),
            // Only the first argument of `!` / `!!` is read; none is `undefined`.
            Node::Op(Op::Not, args) => match args.first() {
                Some(a) => Some(Pred::Not(Box::new(self.pred(a)?))),
                None => Some(Pred::Const(true)),
            },
            Node::Op(Op::NotNot, args) => args.first().map_or(Some(Pred::Const(false)), |a| self.pred(a)),
            Node::Op(op @ (Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe | Op::Lt | Op::Le | Op::Gt | Op::Ge), args) => {
                self.compare(*op, args)
            }
            Node::Op(Op::In, args) => match &args[..] {
                [needle, Node::Const(c @ (Const::Array(_) | Const::Str(_)))] => {
                    self.atom(needle, Atom::In { haystack: c.clone() })
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn list(&mut self, args: &[Node]) -> Option<Box<[Pred]>> {
        args.iter().map(|a| self.pred(a)).collect()
    }

    /// A two-argument comparison between a field and a scalar constant, either way round.
    fn compare(&mut self, op: Op, args: &[Node]) -> Option<Pred> {
        let [a, b] = args else { return None };
        let (value_first, var, constant) = match (scalar(a), scalar(b)) {
            (None, Some(c)) => (true, a, c),
            (Some(c), None) => (false, b, c),
            _ => return None,
        };
        self.atom(var, Atom::Compare { op, constant: constant.clone(), value_first })
    }

    /// The atom `atom` on the field `{"var": "field"}` reads (a constant top-level field, no
    /// default); the field gets a slot if it has none.
    fn atom(&mut self, var: &Node, atom: Atom) -> Option<Pred> {
        let Node::Var(var) = var else { return None };
        let Some(VarPath::Keys(name, segments)) = &var.path else { return None };
        if var.args.len() != 1 || segments.len() != 1 {
            return None;
        }
        let slot = match self.fields.iter().position(|f| **f == **name) {
            Some(i) => i,
            None => {
                self.fields.push(name.to_string());
                self.atoms.push(Vec::new());
                self.fields.len() - 1
            }
        };
        let atoms = &mut self.atoms[slot];
        let bit = atoms.len();
        atoms.push(atom);
        // A slot with too many atoms is refused by `finish`.
        Some(Pred::Any { slot, mask: 1u64.checked_shl(u32::try_from(bit).ok()?).unwrap_or(0) })
    }
}

/// An `and` (`or`) of atoms of one slot as one [`Pred::All`] ([`Pred::Any`]) test; other
/// predicates as they are.
fn merged(pred: Pred) -> Pred {
    let (items, all) = match &pred {
        Pred::And(items) => (items, true),
        Pred::Or(items) => (items, false),
        _ => return pred,
    };
    let single = |p: &Pred| match p {
        Pred::Any { slot, mask } if mask.count_ones() == 1 => Some((*slot, *mask)),
        _ => None,
    };
    let Some((slot, _)) = items.first().and_then(single) else { return pred };
    let mut mask = 0;
    for item in items.iter() {
        match single(item) {
            Some((s, m)) if s == slot => mask |= m,
            _ => return pred,
        }
    }
    if all { Pred::All { slot, mask } } else { Pred::Any { slot, mask } }
}

/// The node as a scalar constant (`null`, a boolean, a number or a string).
fn scalar(node: &Node) -> Option<&Const> {
    node.as_const().filter(|c| matches!(c, Const::Null | Const::Bool(_) | Const::Num(_) | Const::Str(_)))
}

impl SlotTable {
    /// The fields the slots read, in slot order.
    pub(crate) fn fields(&self) -> &[String] {
        &self.fields
    }

    /// Which of slot `slot`'s atoms hold for `value` (bit `i` for atom `i`); 0 for a slot the
    /// table doesn't have.
    pub(crate) fn bits(&self, slot: usize, value: Slot<'_>) -> u64 {
        match value {
            Slot::Null => self.constant_bits(slot, 0),
            Slot::Bool(false) => self.constant_bits(slot, 1),
            Slot::Bool(true) => self.constant_bits(slot, 2),
            Slot::Num(x) => self.number_bits(slot, x),
            Slot::Str(_) => self.slots.get(slot).map_or(0, |s| s.bits_with(|atom| atom.test(value))),
        }
    }

    /// [`SlotTable::bits`] of `null` (`which` 0), `false` (1) or `true` (2); 0 for other
    /// `which`.
    #[inline]
    pub(crate) fn constant_bits(&self, slot: usize, which: u8) -> u64 {
        self.slots.get(slot).and_then(|s| s.constants.get(usize::from(which))).copied().unwrap_or(0)
    }

    /// [`SlotTable::bits`] of a number.
    #[inline]
    pub(crate) fn number_bits(&self, slot: usize, x: f64) -> u64 {
        self.slots.get(slot).map_or(0, |s| s.bits_with(|atom| atom.test_number(x)))
    }
}

impl SlotAtoms {
    fn new(atoms: Vec<Atom>) -> Option<SlotAtoms> {
        if atoms.len() > MAX_ATOMS_PER_SLOT {
            return None;
        }
        let mut slot = SlotAtoms { atoms, constants: [0; 3] };
        let values = [Slot::Null, Slot::Bool(false), Slot::Bool(true)];
        slot.constants = values.map(|v| slot.bits_with(|a| a.test(v)));
        Some(slot)
    }

    #[inline]
    fn bits_with(&self, test: impl Fn(&Atom) -> bool) -> u64 {
        self.atoms.iter().enumerate().fold(0, |bits, (i, atom)| if test(atom) { bits | 1 << i } else { bits })
    }
}

impl Atom {
    /// Whether the atom holds for `value`, by the evaluator's own rules.
    fn test(&self, value: Slot<'_>) -> bool {
        let v = value.val();
        match self {
            Atom::Truthy => v.truthy(),
            Atom::Compare { op, constant, value_first: true } => holds(*op, &v, &constant.val(0)),
            Atom::Compare { op, constant, value_first: false } => holds(*op, &constant.val(0), &v),
            Atom::In { haystack } => contains(&haystack.val(0), &v),
        }
    }

    /// [`Atom::test`] of a number: JS's number-to-number comparisons are IEEE's, so a number
    /// constant needs no value built.
    #[inline]
    fn test_number(&self, x: f64) -> bool {
        let Atom::Compare { op, constant: Const::Num(c), value_first } = self else {
            return self.test(Slot::Num(x));
        };
        let (a, b) = if *value_first { (x, *c) } else { (*c, x) };
        match op {
            Op::Eq | Op::StrictEq => a == b,
            Op::Ne | Op::StrictNe => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            _ => a >= b,
        }
    }
}

impl SlotPredicate {
    /// Whether the rule holds for a record whose slot bits are `row`: `row[j]` is
    /// [`SlotTable::bits`] of slot `j`'s value (of [`Slot::Null`] for an absent field).
    #[inline]
    pub(crate) fn test(&self, row: &[u64]) -> bool {
        match self.0 {
            Pred::Any { slot, mask } => row.get(slot).is_some_and(|bits| bits & mask != 0),
            Pred::All { slot, mask } => row.get(slot).is_some_and(|bits| bits & mask == mask),
            ref tree => tree.test(row),
        }
    }
}

impl Pred {
    fn test(&self, row: &[u64]) -> bool {
        match self {
            Pred::Const(b) => *b,
            Pred::Any { slot, mask } => row.get(*slot).is_some_and(|bits| bits & mask != 0),
            Pred::All { slot, mask } => row.get(*slot).is_some_and(|bits| bits & mask == *mask),
            // As `Node::test`: an empty `and` is `undefined`, falsy.
            Pred::And(items) => !items.is_empty() && items.iter().all(|p| p.test(row)),
            Pred::Or(items) => items.iter().any(|p| p.test(row)),
            Pred::Not(p) => !p.test(row),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::EvalContext;
    use serde_json::{json, Value};

    fn compiled(rule: Value) -> (Rule, Option<(SlotPredicate, SlotTable)>) {
        let rule = Rule::compile(&rule).unwrap();
        let mut compiler = SlotCompiler::default();
        let p = compiler.predicate(&rule).and_then(|p| Some((p, compiler.finish()?)));
        (rule, p)
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
        let (_, plan) = compiled(json!({"or": [{"var": "b"}, {"==": [{"var": "a"}, 1]}, {"var": "b"}]}));
        assert_eq!(plan.unwrap().1.fields(), ["b", "a"]);
    }

    #[test]
    fn a_slot_has_at_most_64_atoms() {
        let rule = |n: usize| json!({"or": (0..n).map(|i| json!({"==": [{"var": "a"}, i]})).collect::<Vec<_>>()});
        assert!(compiled(rule(64)).1.is_some());
        assert!(compiled(rule(65)).1.is_none());
    }

    #[test]
    fn slots_evaluate_like_the_record() {
        let rules = [
            json!({"==": [{"var": "a"}, "1"]}),
            json!({"<": [{"var": "a"}, 10]}),
            json!({"<=": [{"var": "a"}, 1]}),
            json!({">": [2.5, {"var": "a"}]}),
            json!({">=": ["b", {"var": "a"}]}),
            json!({"===": [{"var": "a"}, null]}),
            json!({"!==": [{"var": "a"}, 1]}),
            json!({"!=": [{"var": "a"}, 0]}),
            json!({"===": [0, {"var": "a"}]}),
            json!({"in": [{"var": "a"}, [1, "1", true, null]]}),
            json!({"in": [{"var": "a"}, "a1true"]}),
            json!({"!!": {"var": "a"}}),
            json!({"and": [{"var": "a"}, {"<": [{"var": "a"}, 2]}, {"!": {"==": [{"var": "a"}, 1]}}]}),
            json!({"and": []}),
            json!({"!": []}),
        ];
        let values = [json!(null), json!(1), json!("1"), json!(""), json!("0"), json!(true), json!(false), json!(0),
            json!(-0.0), json!("abc"), json!(-2.5), json!(1.5)];
        let ctx = EvalContext::new(0);
        for rule in rules {
            let (r, plan) = compiled(rule.clone());
            let (p, table) = plan.unwrap();
            let width = table.fields().len();
            let row = |slot: Slot<'_>| vec![table.bits(0, slot); width];
            for v in &values {
                let slot = Slot::of_json(Some(v)).unwrap();
                assert_eq!(p.test(&row(slot)), r.is_truthy(&json!({"a": v}), &ctx), "{rule} on {v}");
            }
            let absent = Slot::of_json(None).unwrap();
            assert_eq!(p.test(&row(absent)), r.is_truthy(&json!({}), &ctx), "{rule} on nothing");
        }
        assert_eq!([json!([1]), json!({"a": 1})].iter().map(|v| Slot::of_json(Some(v))).collect::<Vec<_>>(), [None, None]);
    }

    #[test]
    fn numbers_take_the_direct_path_with_the_evaluators_results() {
        let ops = ["==", "!=", "===", "!==", "<", "<=", ">", ">="];
        let numbers = [f64::NEG_INFINITY, -2.5, -0.0, 0.0, 1.0, 2.5, 1e300, f64::INFINITY, f64::NAN];
        for op in ops {
            for c in [-2.5, 0.0, 1.0, 1e300] {
                for rule in [json!({op: [{"var": "a"}, c]}), json!({op: [c, {"var": "a"}]})] {
                    let (_, plan) = compiled(rule.clone());
                    let (_, table) = plan.unwrap();
                    let atom = &table.slots[0].atoms[0];
                    for x in numbers {
                        assert_eq!(atom.test_number(x), atom.test(Slot::Num(x)), "{rule} on {x}");
                    }
                }
            }
        }
    }
}
