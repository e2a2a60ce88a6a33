//! Slots and predicates described as data, for a host that works out the bits itself (the JS
//! glue turns an outline into a specialised function, see `pkg-template/scores.js`).
//!
//! Every outline is exact: where it can't say what the atoms make of a value, it leaves that
//! value to [`SlotTable::bits`]. One slot's outline is a JSON object:
//! - `field`: the field's name; `null`, `false`, `true`: the bits of those values (`null`
//!   stands for every value JSON writes as `null` or leaves out);
//! - `numbers`: when every atom compares the value with a number constant, one
//!   `[op, constant]` per atom (`op` one of `=== !== < <= > >=`, the value on the left),
//!   atom `i` holding when test `i` does, for any finite number; otherwise `null`;
//! - `strings`: when the atoms can only tell strings apart by equality with their constants,
//!   `{ cases: [[string, bits], ...], other }`: a string among the cases has its bits, every
//!   other string has `other`; otherwise `null`.
//!
//! Bits fit in 31 bits (so in JS's signed 32-bit integers): a table with a slot of more atoms
//! has no outline. A predicate's outline is `["any", slot, mask]`, `["all", slot, mask]`,
//! `["and", ...]`, `["or", ...]`, `["not", p]` or `["const", bool]`, as [`Pred`].

use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::Value;

use super::{Atom, Const, Op, Pred, Slot, SlotPredicate, SlotTable};

/// The most atoms a slot may have to be outlined: bit 31 would make a JS integer negative.
const MAX_OUTLINED_ATOMS: usize = 31;

/// One slot's outline (see the module docs).
#[derive(Debug, serde::Serialize)]
pub(crate) struct SlotOutline<'t> {
    field: &'t str,
    null: u64,
    #[serde(rename = "false")]
    false_bits: u64,
    #[serde(rename = "true")]
    true_bits: u64,
    numbers: Option<Vec<(&'static str, f64)>>,
    strings: Option<StringCases<'t>>,
}

/// The strings a slot's atoms tell apart, with their bits, and the bits of any other string.
#[derive(Debug, serde::Serialize)]
struct StringCases<'t> {
    cases: Vec<(&'t str, u64)>,
    other: u64,
}

impl SlotTable {
    /// One outline per slot (see the module docs); `None` when a slot has over 31 atoms.
    pub(crate) fn outline(&self) -> Option<Vec<SlotOutline<'_>>> {
        let mut outlines = Vec::with_capacity(self.slots.len());
        for (slot, (field, atoms)) in self.fields.iter().zip(&self.slots).enumerate() {
            if atoms.atoms.len() > MAX_OUTLINED_ATOMS {
                return None;
            }
            let [null, false_bits, true_bits] = atoms.constants;
            outlines.push(SlotOutline {
                field,
                null,
                false_bits,
                true_bits,
                numbers: number_tests(&atoms.atoms),
                strings: self.string_cases(slot, &atoms.atoms),
            });
        }
        Some(outlines)
    }

    /// The `strings` outline of slot `slot` (see the module docs), when its atoms allow one.
    fn string_cases<'t>(&'t self, slot: usize, atoms: &'t [Atom]) -> Option<StringCases<'t>> {
        let mut constants: Vec<&str> = vec![""];
        let mut add = |s: &'t str| {
            if !constants.contains(&s) {
                constants.push(s);
            }
        };
        for atom in atoms {
            match atom {
                Atom::Truthy => {}
                Atom::Compare { op, constant, .. } => match (op, constant) {
                    (Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe, Const::Str(s)) => add(s),
                    (Op::Eq | Op::Ne, Const::Null) | (Op::StrictEq | Op::StrictNe, _) => {}
                    _ => return None,
                },
                // `in` an array is strict equality with each item.
                Atom::In {
                    haystack: Const::Array(items),
                } => {
                    items
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .for_each(&mut add);
                }
                Atom::In { .. } => return None,
            }
        }
        let cases = constants
            .iter()
            .map(|&s| (s, self.bits(slot, Slot::Str(s))))
            .collect();
        // Any non-empty string that is not a case stands for all of them.
        let mut other = String::from("\u{1}");
        while constants.contains(&other.as_str()) {
            other.push('\u{1}');
        }
        Some(StringCases {
            cases,
            other: self.bits(slot, Slot::Str(&other)),
        })
    }
}

/// The `numbers` outline of a slot's atoms: `[op, constant]` per atom, the value on the left.
fn number_tests(atoms: &[Atom]) -> Option<Vec<(&'static str, f64)>> {
    atoms
        .iter()
        .map(|atom| {
            let Atom::Compare {
                op,
                constant: Const::Num(c),
                value_first,
            } = atom
            else {
                return None;
            };
            // `c < value` is `value > c`; between numbers, `==` is `===`.
            let op = match (op, value_first) {
                (Op::Eq | Op::StrictEq, _) => "===",
                (Op::Ne | Op::StrictNe, _) => "!==",
                (Op::Lt, true) | (Op::Gt, false) => "<",
                (Op::Le, true) | (Op::Ge, false) => "<=",
                (Op::Gt, true) | (Op::Lt, false) => ">",
                _ => ">=",
            };
            Some((op, *c))
        })
        .collect()
}

impl Serialize for SlotPredicate {
    /// The predicate's outline (see the module docs).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Serialize for Pred {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (kind, items): (&str, &[Pred]) = match self {
            Pred::Const(b) => return ("const", b).serialize(serializer),
            Pred::Any { slot, mask } => return ("any", slot, mask).serialize(serializer),
            Pred::All { slot, mask } => return ("all", slot, mask).serialize(serializer),
            Pred::And(items) => ("and", items),
            Pred::Or(items) => ("or", items),
            Pred::Not(p) => ("not", std::slice::from_ref(&**p)),
        };
        let mut seq = serializer.serialize_seq(Some(items.len() + 1))?;
        seq.serialize_element(kind)?;
        for item in items {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::SlotCompiler;
    use super::*;
    use crate::rules::Rule;
    use serde_json::json;

    /// The table of `rules` (over fields `a` and `b`) and its outline.
    fn outlined(rules: &[Value]) -> (SlotTable, Vec<Value>) {
        let mut compiler = SlotCompiler::default();
        for rule in rules {
            compiler.predicate(&Rule::compile(rule).unwrap()).unwrap();
        }
        let table = compiler.finish().unwrap();
        let outline = serde_json::to_value(table.outline().unwrap()).unwrap();
        let outline = outline.as_array().unwrap().clone();
        (table, outline)
    }

    /// The bits an outline gives a value, or `None` where it leaves the value to the table.
    fn outline_bits(outline: &Value, value: Slot<'_>) -> Option<u64> {
        match value {
            Slot::Null => outline["null"].as_u64(),
            Slot::Bool(b) => outline[if b { "true" } else { "false" }].as_u64(),
            Slot::Num(x) => outline["numbers"].as_array().map(|tests| {
                tests.iter().enumerate().fold(0, |bits, (i, t)| {
                    let c = t[1].as_f64().unwrap();
                    let holds = match t[0].as_str().unwrap() {
                        "===" => x == c,
                        "!==" => x != c,
                        "<" => x < c,
                        "<=" => x <= c,
                        ">" => x > c,
                        _ => x >= c,
                    };
                    bits | u64::from(holds) << i
                })
            }),
            Slot::Str(s) => {
                let strings = outline["strings"].as_object()?;
                let case = strings["cases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c[0] == s);
                Some(case.map_or(&strings["other"], |c| &c[1]).as_u64().unwrap())
            }
        }
    }

    fn values() -> Vec<Slot<'static>> {
        let mut values = vec![Slot::Null, Slot::Bool(false), Slot::Bool(true)];
        values.extend([0.0, -0.0, 1.0, 2.5, 10.0, 200.0, -3.0, 1e21].map(Slot::Num));
        values.extend(
            [
                "", "0", "1", "10", "2.5", "abc", "true", "false", "null", "saas", " 1 ", "1e3",
                "\u{1}",
            ]
            .map(Slot::Str),
        );
        values
    }

    #[test]
    fn outlines_agree_with_the_table_wherever_they_speak() {
        let v = |f: &str| json!({"var": f});
        let models = [
            vec![
                json!({"in": [v("a"), ["saas", "software", 10, null]]}),
                json!({"!=": [v("a"), ""]}),
                json!(v("a")),
            ],
            vec![
                json!({"==": [v("a"), "10"]}),
                json!({"===": [v("a"), 10]}),
                json!({"!==": [v("a"), true]}),
            ],
            vec![
                json!({"==": [v("a"), null]}),
                json!({"!=": [v("a"), null]}),
                json!({"==": [v("a"), 1]}),
            ],
            vec![
                json!({">=": [v("a"), 200]}),
                json!({"<": [10, v("a")]}),
                json!({"==": [v("a"), 2.5]}),
                json!({"!==": [-3, v("a")]}),
            ],
            vec![
                json!({"<": [v("a"), "b"]}),
                json!({"in": [v("a"), "software"]}),
                json!({"==": [v("a"), true]}),
            ],
            vec![
                json!({"and": [{">": [v("a"), 1]}, {"<": [v("b"), 5]}]}),
                json!({"or": [{"==": [v("b"), "x"]}, {"!": v("a")}]}),
            ],
        ];
        for rules in models {
            let (table, outline) = outlined(&rules);
            for (slot, slot_outline) in outline.iter().enumerate() {
                for value in values() {
                    if let Some(bits) = outline_bits(slot_outline, value) {
                        assert_eq!(
                            bits,
                            table.bits(slot, value),
                            "{value:?} in slot {slot} of {rules:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn what_each_slot_outlines() {
        let v = |f: &str| json!({"var": f});
        let (_, outline) = outlined(&[
            json!({"in": [v("a"), ["x", "y"]]}),
            json!({">=": [v("b"), 5]}),
            json!({"==": [v("c"), 5]}),
            json!({"<": [v("d"), "m"]}),
        ]);
        let kinds: Vec<(bool, bool)> = outline
            .iter()
            .map(|o| (o["numbers"].is_array(), o["strings"].is_object()))
            .collect();
        // "5" == 5 and "m" < "n" need the table; `in` a list and `>= 5` don't.
        assert_eq!(
            kinds,
            [(false, true), (true, false), (true, false), (false, false)]
        );
        assert_eq!(
            outline[0]["strings"],
            json!({"cases": [["", 0], ["x", 1], ["y", 1]], "other": 0})
        );
        assert_eq!(outline[1]["numbers"], json!([[">=", 5.0]]));
        assert_eq!(
            [
                &outline[0]["null"],
                &outline[0]["false"],
                &outline[0]["true"]
            ],
            [&json!(0); 3]
        );
        let (_, outline) = outlined(&[
            json!({"!": v("a")}),
            json!({"==": [v("a"), null]}),
            json!({"===": [v("a"), true]}),
        ]);
        assert_eq!(
            [
                &outline[0]["null"],
                &outline[0]["false"],
                &outline[0]["true"]
            ],
            [&json!(2), &json!(0), &json!(5)]
        );
    }

    #[test]
    fn slots_of_many_atoms_have_no_outline() {
        let mut compiler = SlotCompiler::default();
        for i in 0..32 {
            compiler
                .predicate(&Rule::compile(&json!({"==": [{"var": "a"}, i]})).unwrap())
                .unwrap();
        }
        assert!(compiler.finish().unwrap().outline().is_none());
    }

    #[test]
    fn predicates_outline_as_nested_arrays() {
        let rule =
            Rule::compile(&json!({"or": [{"!": {"var": "a"}}, {"and": [{"var": "b"}, true]}]}))
                .unwrap();
        let mut compiler = SlotCompiler::default();
        let pred = compiler.predicate(&rule).unwrap();
        assert_eq!(
            serde_json::to_value(pred).unwrap(),
            json!([
                "or",
                ["not", ["any", 0, 1]],
                ["and", ["any", 1, 1], ["const", true]]
            ])
        );
    }
}
