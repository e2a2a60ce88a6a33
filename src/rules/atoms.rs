//! Bound rules that only test single cells, compiled to predicates over bit sets.
//!
//! A rule built from `and`, `or`, `!`, `!!`, constants, bound `var`s without a default, and
//! comparisons (`== != === !== < <= > >=`) or `in` between such a `var` and a constant, is a
//! [`Predicate`] over *atoms*: each comparison, `in` or bare `var` tests one cell. A row is
//! turned into one bit set per slot (which of that slot's atoms hold); predicates combine bits.
//! Atoms are evaluated with the evaluator's own values and comparisons, so a predicate holds
//! exactly when [`Rule::is_truthy_row`](super::Rule::is_truthy_row) does. A text's bits are
//! worked out once per batch ([`AtomCache`]): rows that repeat a value (a country, a stage, a
//! seniority) cost one lookup.
//!
//! Rules that are not predicates, and slots with more than 64 atoms, are evaluated as trees.

use super::eval::holds;
use super::lists::contains;
use super::node::{Const, Node};
use super::ops::Op;
use super::value::Val;
use super::Rule;
use crate::record::{Cell, Records, RowRef, ScopeId, SlotId, Tag};

/// The most atoms one slot may have (one bit each in a `u64`).
const MAX_ATOMS_PER_SLOT: usize = 64;

/// Compiles the predicates of rules bound to one scope (see the module docs).
#[derive(Debug, Clone)]
pub struct AtomCompiler {
    scope: ScopeId,
    /// Per slot, its atoms.
    atoms: Vec<Vec<Atom>>,
}

/// The atoms of every slot of a scope, with their bits for `null`, `false` and `true` worked
/// out in advance.
#[derive(Debug, Clone, Default)]
pub struct Atoms {
    /// Per slot; empty for a slot without atoms.
    slots: Vec<SlotAtoms>,
    /// The slots that have atoms.
    used: Vec<SlotId>,
}

#[derive(Debug, Clone, Default)]
struct SlotAtoms {
    atoms: Vec<Atom>,
    /// The bits of `null` (and absent), `false` and `true`.
    constants: [u64; 3],
}

/// A test of one cell's value.
#[derive(Debug, Clone)]
enum Atom {
    /// The value's truthiness.
    Truthy,
    /// `value op constant` (or `constant op value` when `value_first` is false).
    Compare { op: Op, constant: Const, value_first: bool },
    /// `in(value, constant array or string)`.
    In { haystack: Const },
}

/// A rule compiled over a row's atom bits.
#[derive(Debug, Clone)]
pub struct Predicate(Pred);

#[derive(Debug, Clone)]
enum Pred {
    Const(bool),
    /// Any of the atoms `mask` selects from slot `slot`'s bits.
    Any { slot: usize, mask: u64 },
    /// All of the atoms `mask` selects.
    All { slot: usize, mask: u64 },
    And(Box<[Pred]>),
    Or(Box<[Pred]>),
    Not(Box<Pred>),
}

impl AtomCompiler {
    /// A compiler for rules bound to `scope`.
    pub fn new(scope: ScopeId) -> Self {
        AtomCompiler { scope, atoms: Vec::new() }
    }

    /// The rule as a predicate, when it is built only from the parts the module docs list.
    pub fn predicate(&mut self, rule: &Rule) -> Option<Predicate> {
        self.pred(&rule.root).map(Predicate)
    }

    /// The atoms of every predicate compiled so far.
    pub fn finish(self) -> Atoms {
        let slots: Vec<SlotAtoms> = self.atoms.into_iter().map(SlotAtoms::new).collect();
        let used = slots.iter().enumerate().filter(|(_, s)| !s.atoms.is_empty()).filter_map(|(i, _)| SlotId::try_from(i).ok()).collect();
        Atoms { slots, used }
    }

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

    /// A two-argument comparison between a cell and a scalar constant, either way round.
    fn compare(&mut self, op: Op, args: &[Node]) -> Option<Pred> {
        let [a, b] = args else { return None };
        let (value_first, var, constant) = match (scalar(a), scalar(b)) {
            (None, Some(c)) => (true, a, c),
            (Some(c), None) => (false, b, c),
            _ => return None,
        };
        self.atom(var, Atom::Compare { op, constant: constant.clone(), value_first })
    }

    /// The atom `atom` on the cell a bound `var` without a default reads.
    fn atom(&mut self, var: &Node, atom: Atom) -> Option<Pred> {
        let Node::Var(var) = var else { return None };
        let (scope, slot) = var.slot?;
        if scope != self.scope || var.args.len() != 1 {
            return None;
        }
        let slot = slot as usize;
        if self.atoms.len() <= slot {
            self.atoms.resize(slot + 1, Vec::new());
        }
        let atoms = self.atoms.get_mut(slot)?;
        if atoms.len() >= MAX_ATOMS_PER_SLOT {
            return None;
        }
        atoms.push(atom);
        Some(Pred::Any { slot, mask: 1 << (atoms.len() - 1) })
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
    if all {
        Pred::All { slot, mask }
    } else {
        Pred::Any { slot, mask }
    }
}

/// The node as a scalar constant (`null`, a boolean, a number or a string).
fn scalar(node: &Node) -> Option<&Const> {
    node.as_const().filter(|c| matches!(c, Const::Null | Const::Bool(_) | Const::Num(_) | Const::Str(_)))
}

impl SlotAtoms {
    fn new(atoms: Vec<Atom>) -> SlotAtoms {
        let mut slot = SlotAtoms { atoms, constants: [0; 3] };
        slot.constants = [Val::Null, Val::Bool(false), Val::Bool(true)].map(|v| slot.bits(&v));
        slot
    }

    /// Which atoms hold for `value`.
    fn bits(&self, value: &Val<'_>) -> u64 {
        self.atoms.iter().enumerate().fold(0, |bits, (i, atom)| if atom.test(value) { bits | 1 << i } else { bits })
    }

    /// [`SlotAtoms::bits`] of a number, without building values for number constants.
    fn number_bits(&self, x: f64) -> u64 {
        self.atoms.iter().enumerate().fold(0, |bits, (i, atom)| if atom.test_number(x) { bits | 1 << i } else { bits })
    }
}

impl Atom {
    /// Whether the atom holds for `value`, by the evaluator's own rules.
    fn test(&self, v: &Val<'_>) -> bool {
        match self {
            Atom::Truthy => v.truthy(),
            Atom::Compare { op, constant, value_first: true } => holds(*op, v, &constant.val(0)),
            Atom::Compare { op, constant, value_first: false } => holds(*op, &constant.val(0), v),
            Atom::In { haystack } => contains(&haystack.val(0), v),
        }
    }

    /// [`Atom::test`] of a number: JS's number-to-number comparisons are IEEE's.
    fn test_number(&self, x: f64) -> bool {
        let Atom::Compare { op, constant: Const::Num(c), value_first } = self else {
            return self.test(&Val::Num(x));
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

impl Predicate {
    /// Whether the rule holds for a row whose atom bits are `bits` ([`AtomCache::bits`]).
    #[inline]
    pub fn test(&self, bits: &[u64]) -> bool {
        self.0.test(bits)
    }
}

impl Pred {
    #[inline]
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

/// Works out rows' atom bits over one batch, remembering each text's bits.
pub struct AtomCache<'a> {
    atoms: &'a Atoms,
    /// Per text of the batch: its slot plus one (0: not worked out) and its bits.
    texts: Vec<(u32, u64)>,
    bits: Vec<u64>,
}

impl<'a> AtomCache<'a> {
    /// A cache for `atoms` over `records`.
    pub fn new(atoms: &'a Atoms, records: &Records) -> Self {
        let texts = if atoms.used.is_empty() { Vec::new() } else { vec![(0, 0); records.text_count()] };
        AtomCache { atoms, texts, bits: vec![0; atoms.slots.len()] }
    }

    /// The atom bits of `row`, one set per slot.
    pub fn bits(&mut self, row: RowRef<'_>) -> &[u64] {
        let (tags, nums, ints) = row.cells();
        for &slot in &self.atoms.used {
            let s = slot as usize;
            let (Some(atoms), Some(&tag), Some(out)) = (self.atoms.slots.get(s), tags.get(s), self.bits.get_mut(s)) else {
                continue;
            };
            *out = match Tag::from_u8(tag) {
                None | Some(Tag::Absent | Tag::Null) => atoms.constants[0],
                Some(Tag::False) => atoms.constants[1],
                Some(Tag::True) => atoms.constants[2],
                Some(Tag::Number) => atoms.number_bits(nums.get(s).copied().unwrap_or(f64::NAN)),
                Some(Tag::Text) => {
                    let id = ints.get(s).copied().unwrap_or(u32::MAX);
                    match self.texts.get_mut(id as usize) {
                        Some(entry) if entry.0 == slot + 1 => entry.1,
                        entry => {
                            let Cell::Text(text) = row.cell(slot) else { continue };
                            let bits = atoms.bits(&Val::string(text));
                            if let Some(entry) = entry {
                                *entry = (slot + 1, bits);
                            }
                            bits
                        }
                    }
                }
                Some(Tag::Json | Tag::List) => Val::of_cell(row.cell(slot)).map_or(atoms.constants[0], |v| atoms.bits(&v)),
            };
        }
        &self.bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{PlanBuilder, ROOT};
    use crate::rules::EvalContext;
    use serde_json::{json, Value};

    /// Compiles `rules` over one plan; returns them bound, with their predicates.
    fn compiled(rules: &[Value]) -> (crate::record::Plan, Vec<(Rule, Option<Predicate>)>, Atoms) {
        let mut plan = PlanBuilder::new();
        let mut atoms = AtomCompiler::new(ROOT);
        let bound: Vec<(Rule, Option<Predicate>)> = rules
            .iter()
            .map(|r| {
                let rule = Rule::compile(r).unwrap().bind(&mut plan, ROOT);
                let p = atoms.predicate(&rule);
                (rule, p)
            })
            .collect();
        (plan.finish(), bound, atoms.finish())
    }

    #[test]
    fn eligibility() {
        let eligible = [
            json!({"and": [{">=": [{"var": "a"}, 2]}, {"in": [{"var": "b"}, ["x", 1]]}, {"!": {"var": "c"}}]}),
            json!({"or": [{"==": [3, {"var": "a"}]}, {"!!": [{"===": [{"var": ["b"]}, null]}]}, true]}),
            json!({"!=": [{"var": "a.b"}, ""]}),
            json!({"in": [{"var": "a"}, "abc"]}),
        ];
        let (_, bound, _) = compiled(&eligible);
        assert!(bound.iter().all(|(_, p)| p.is_some()));
        let ineligible = [
            json!({"var": ["a", 1]}),
            json!({"==": [{"var": "a"}, {"var": "b"}]}),
            json!({"<": [1, {"var": "a"}, 3]}),
            json!({"==": [{"var": "a"}, [1]]}),
            json!({"in": ["x", {"var": "a"}]}),
            json!({"if": [{"var": "a"}, true, false]}),
            json!({"contains": [{"var": "a"}, "x"]}),
            json!({"var": ""}),
        ];
        let (_, bound, _) = compiled(&ineligible);
        assert!(bound.iter().all(|(_, p)| p.is_none()));
    }

    #[test]
    fn predicates_hold_exactly_when_the_rules_do() {
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
            json!(-0.0), json!("abc"), json!(-2.5), json!(1.5), json!([1]), json!({"x": 1}), json!([])];
        let (plan, bound, atoms) = compiled(&rules);
        let mut records: Vec<Value> = values.iter().map(|v| json!({"a": v})).collect();
        records.push(json!({}));
        records.extend(values.iter().map(|v| json!({"a": v}))); // repeated texts hit the cache
        let batch = Records::from_json(&plan, &records);
        let mut cache = AtomCache::new(&atoms, &batch);
        let ctx = EvalContext::new(0);
        for (row, record) in batch.iter().zip(&records) {
            let bits = cache.bits(row).to_vec();
            for ((rule, p), source) in bound.iter().zip(&rules) {
                let p = p.as_ref().expect("eligible");
                assert_eq!(p.test(&bits), rule.is_truthy(record, &ctx), "{source} on {record}");
            }
        }
    }

    #[test]
    fn numbers_take_the_direct_path_with_the_evaluators_results() {
        let ops = ["==", "!=", "===", "!==", "<", "<=", ">", ">="];
        let numbers = [f64::NEG_INFINITY, -2.5, -0.0, 0.0, 1.0, 2.5, 1e300, f64::INFINITY, f64::NAN];
        for op in ops {
            for c in [-2.5, 0.0, 1.0, 1e300] {
                let (_, _, atoms) = compiled(&[json!({op: [{"var": "a"}, c]}), json!({op: [c, {"var": "a"}]})]);
                for atom in &atoms.slots[0].atoms {
                    for x in numbers {
                        assert_eq!(atom.test_number(x), atom.test(&Val::Num(x)), "{op} {c} on {x}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_slot_has_at_most_64_atoms() {
        let rule = |n: usize| json!({"or": (0..n).map(|i| json!({"==": [{"var": "a"}, i]})).collect::<Vec<_>>()});
        assert!(compiled(&[rule(64)]).1[0].1.is_some());
        assert!(compiled(&[rule(65)]).1[0].1.is_none());
    }
}
