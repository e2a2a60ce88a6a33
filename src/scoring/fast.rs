//! The columnar fast path: a model whose rules are all lead rules over top-level scalar fields
//! (see [`crate::rules::Slot`] and [`FastPlan`]) scores leads given as rows of slots, with no
//! JSON in between. Only "did this rule fire" differs from the general path
//! ([`super::evaluate::Criteria`]); the arithmetic is the same code.

use super::evaluate::{tally, Criteria, Scratch};
use super::lifecycle::Lifecycle;
use super::{Group, LeadScore, LeadScorer, Matcher};
use crate::rules::{Rule, Slot, SlotPredicate};

/// How a model scores flat leads: the fields (slots) it reads, in order, and each criterion
/// compiled over them.
///
/// A model has a plan when it declares no `fields` types, every rule is a lead rule (`when`),
/// and every `when` (rules and lifecycle stages) is built only from `and`, `or`, `!`, `!!`,
/// constants, `{"var": "field"}` (a top-level field: no dots, no default), two-argument
/// comparisons (`== != === !== < <= > >=`) between such a `var` and a `null`, boolean, number
/// or string constant (either side), and `in` of such a `var` in a constant array or string.
#[derive(Debug, Clone)]
pub struct FastPlan {
    fields: Vec<String>,
    /// One per lead rule, in model order.
    rules: Vec<SlotPredicate>,
    /// One per lifecycle stage, `None` for a stage without `when`.
    stages: Vec<Option<SlotPredicate>>,
}

impl FastPlan {
    /// The lead fields the model reads: a row of slots lists them in this order.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }
}

/// The plan of a compiled model, if it has one (see [`FastPlan`]).
pub(crate) fn plan(groups: &[Group], lifecycle: &Lifecycle, declares_fields: bool) -> Option<FastPlan> {
    if declares_fields {
        return None;
    }
    let mut fields = Vec::new();
    let mut rules = Vec::new();
    for rule in groups.iter().flat_map(|g| &g.rules) {
        let Matcher::Lead(when) = &rule.matcher else { return None };
        rules.push(when.slot_predicate(&mut fields)?);
    }
    let stage = |when: Option<&Rule>, fields: &mut Vec<String>| match when {
        None => Some(None),
        Some(w) => w.slot_predicate(fields).map(Some),
    };
    let stages = lifecycle.stages.iter().map(|s| stage(s.when.as_ref(), &mut fields)).collect::<Option<_>>()?;
    Some(FastPlan { fields, rules, stages })
}

/// The fast path's criteria: predicates over one row of slots.
struct OnSlots<'p, 'r, 's> {
    plan: &'p FastPlan,
    row: &'r [Slot<'s>],
}

impl Criteria for OnSlots<'_, '_, '_> {
    fn rule(&self, index: usize, _: &Rule) -> bool {
        self.plan.rules.get(index).is_some_and(|p| p.test(self.row))
    }

    fn stage(&self, index: usize, _: &Rule) -> bool {
        self.plan.stages.get(index).and_then(Option::as_ref).is_some_and(|p| p.test(self.row))
    }
}

impl LeadScorer {
    /// The model's fast plan, when it has one (see [`FastPlan`]).
    pub fn fast_plan(&self) -> Option<&FastPlan> {
        self.fast.as_ref()
    }

    /// Scores `count` flat leads at `now` through the fast plan (`None` without one): `fill(i,
    /// row)` pushes lead `i`'s slots, in [`FastPlan::fields`] order, onto the empty `row`
    /// (missing slots are null). Results equal [`LeadScorer::score`]'s for the same leads
    /// written as JSON (in either mode: a planned model declares no field types, and these
    /// leads have no events), except that `groups` and `contributions` are empty.
    pub fn score_rows<'s>(
        &self,
        count: usize,
        now: i64,
        mut fill: impl FnMut(usize, &mut Vec<Slot<'s>>),
    ) -> Option<Vec<LeadScore<'_>>> {
        let plan = self.fast.as_ref()?;
        let mut scratch = Scratch::default();
        let mut row = Vec::with_capacity(plan.fields.len());
        let score = |i: usize| {
            row.clear();
            fill(i, &mut row);
            tally(self, &OnSlots { plan, row: &row }, now, &mut scratch, false)
        };
        Some((0..count).map(score).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::Mode;
    use serde_json::{json, Value};

    const NOW: i64 = 1_795_000_000_000;
    const POINTS: [i32; 5] = [15, -10, 7, 30, -40];

    /// xorshift64*: a tiny seeded generator.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<T: Clone>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())].clone()
        }
    }

    const FIELDS: [&str; 5] = ["a", "b", "industry", "employees", "flag"];

    fn scalars() -> Vec<Value> {
        let v = json!([null, true, false, 0, 1, 2, -1, 2.5, 10, 200, 2000, "", "0", "1", "10", "2.5", "abc", "true",
            "software", "saas", " 1 ", "1e3"]);
        v.as_array().cloned().unwrap_or_default()
    }

    fn lead(rng: &mut Rng, objects: bool) -> Value {
        let mut map = serde_json::Map::new();
        let pool = scalars();
        for f in FIELDS {
            match rng.below(if objects { 12 } else { 10 }) {
                0 => {}
                10 => drop(map.insert(f.into(), json!({"x": 1}))),
                11 => drop(map.insert(f.into(), json!([1]))),
                _ => drop(map.insert(f.into(), rng.pick(&pool))),
            }
        }
        map.insert("other".into(), json!({"nested": [1, 2]}));
        Value::Object(map)
    }

    fn rule(rng: &mut Rng, depth: usize) -> Value {
        let var = |rng: &mut Rng| json!({"var": rng.pick(&FIELDS)});
        let pool = scalars();
        match rng.below(if depth == 0 { 3 } else { 7 }) {
            0 => {
                let op = rng.pick(&["==", "!=", "===", "!==", "<", "<=", ">", ">="]);
                let (v, c) = (var(rng), rng.pick(&pool));
                if rng.below(2) == 0 { json!({op: [v, c]}) } else { json!({op: [c, v]}) }
            }
            1 => {
                let list: Vec<Value> = (0..rng.below(4)).map(|_| rng.pick(&pool)).collect();
                json!({"in": [var(rng), list]})
            }
            2 => var(rng),
            3 => json!({"and": (0..rng.below(4)).map(|_| rule(rng, depth - 1)).collect::<Vec<_>>()}),
            4 => json!({"or": (0..rng.below(4)).map(|_| rule(rng, depth - 1)).collect::<Vec<_>>()}),
            5 => json!({"!": rule(rng, depth - 1)}),
            _ => json!({"!!": [rule(rng, depth - 1)]}),
        }
    }

    /// A model of `rules` in a capped fit group and an engagement group, with weights, a total
    /// cap and a lifecycle stage with a criterion.
    fn model(rules: Vec<Value>, stage: Value) -> Value {
        let rules: Vec<Value> = rules
            .into_iter()
            .enumerate()
            .map(|(i, when)| json!({"id": format!("r{i}"), "points": POINTS[i % 5], "when": when}))
            .collect();
        let half = rules.len() / 2;
        json!({
            "groups": [
                {"id": "fit", "type": "fit", "cap": {"min": -30, "max": 40}, "rules": rules[..half]},
                {"id": "eng", "type": "engagement", "rules": rules[half..]},
            ],
            "weights": {"fit": 1.5, "engagement": 0.7},
            "cap": {"min": 0, "max": 100},
            "grades": {"fit": {"A": 30, "B": 20, "C": 10}, "engagement": {"1": 30, "2": 20, "3": 10}},
            "lifecycle": {"stages": [{"stage": "mql", "minScore": 20, "when": stage}]},
        })
    }

    fn bench_rules() -> Vec<Value> {
        let v = |f: &str| json!({"var": f});
        vec![
            json!({"in": [v("industry"), ["software", "saas", "fintech"]]}),
            json!({"and": [{">=": [v("employees"), 200]}, {"<": [v("employees"), 2000]}]}),
            json!({">=": [v("employees"), 2000]}),
            json!({"==": [v("a"), "director"]}),
            json!({"==": [v("flag"), true]}),
            json!({"and": [{"==": [v("b"), true]}, {"!=": [v("a"), ""]}]}),
            json!({">": [v("b"), 0]}),
        ]
    }

    /// The lead as a row of slots, or `None` when a field the plan reads is an object or array.
    fn row<'l>(plan: &FastPlan, lead: &'l Value) -> Option<Vec<Slot<'l>>> {
        plan.fields()
            .iter()
            .map(|f| match lead.get(f) {
                None | Some(Value::Null) => Some(Slot::Null),
                Some(Value::Bool(b)) => Some(Slot::Bool(*b)),
                Some(Value::Number(n)) => n.as_f64().map(Slot::Num),
                Some(Value::String(s)) => Some(Slot::Str(s)),
                Some(_) => None,
            })
            .collect()
    }

    /// Fast and general paths agree on `leads` for `model`; returns how many went the fast way.
    fn agree(model: &Value, leads: &[Value]) -> usize {
        let scorer = LeadScorer::compile(model).unwrap();
        let plan = scorer.fast_plan().expect("the model is eligible");
        let mut fast = 0;
        for lead in leads {
            let Some(slots) = row(plan, lead) else { continue };
            fast += 1;
            let got = scorer.score_rows(1, NOW, |_, r| r.extend_from_slice(&slots)).unwrap();
            let want = scorer.score(lead, NOW, Mode::Strict).unwrap();
            let key = |s: &LeadScore<'_>| (s.score, s.fit, s.engagement, s.grade, s.lifecycle.to_owned());
            assert_eq!(key(&got[0]), key(&want), "{lead} with {model}");
        }
        fast
    }

    #[test]
    fn fast_path_matches_the_general_path() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let leads: Vec<Value> = (0..3000).map(|i| lead(&mut rng, i % 3 == 0)).collect();
        let fast = agree(&model(bench_rules(), json!({"==": [{"var": "flag"}, true]})), &leads);
        assert!(fast > 2000 && fast < 3000, "{fast}");
        for _ in 0..40 {
            let rules = (0..1 + rng.below(8)).map(|_| rule(&mut rng, 3)).collect();
            let stage = rule(&mut rng, 2);
            agree(&model(rules, stage), &leads[..500]);
        }
    }

    #[test]
    fn eligibility_of_models() {
        let eligible = model(bench_rules(), json!(true));
        let scorer = LeadScorer::compile(&eligible).unwrap();
        assert_eq!(scorer.fast_plan().unwrap().fields(), ["industry", "employees", "a", "flag", "b"]);
        let mut typed = eligible.clone();
        typed["fields"] = json!({"employees": "number"});
        assert!(LeadScorer::compile(&typed).unwrap().fast_plan().is_none());
        let mut stage = eligible.clone();
        stage["lifecycle"]["stages"][0]["when"] = json!({"contains": [{"var": "a"}, "x"]});
        assert!(LeadScorer::compile(&stage).unwrap().fast_plan().is_none());
        let mut event = eligible;
        event["groups"][1]["rules"] = json!([{"id": "demo", "points": 5, "event": "demo_request"}]);
        assert!(LeadScorer::compile(&event).unwrap().fast_plan().is_none());
        assert!(LeadScorer::with_default_model().unwrap().fast_plan().is_none());
        assert!(LeadScorer::compile(&model(vec![json!({"var": "a.b"})], json!(true))).unwrap().fast_plan().is_none());
    }

    #[test]
    fn rows_read_missing_slots_as_null() {
        let scorer = LeadScorer::compile(&model(vec![json!({"==": [{"var": "a"}, null]})], json!(true))).unwrap();
        let got = scorer.score_rows(2, NOW, |i, r| if i == 1 { r.push(Slot::Num(1.0)) }).unwrap();
        let want = |lead: Value| scorer.score(&lead, NOW, Mode::Strict).unwrap().score;
        assert_eq!([got[0].score, got[1].score], [want(json!({})), want(json!({"a": 1}))]);
        assert!(got[0].groups.is_empty() && got[0].contributions.is_empty());
    }
}
