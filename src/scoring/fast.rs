//! The columnar fast path: a model whose rules are all lead rules over top-level scalar fields
//! (see [`crate::rules::Slot`] and [`FastPlan`]) scores leads given as rows of slots, or as
//! columns of tags, numbers and string ids ([`Columns`], what the JS binding sends), with no
//! JSON in between. Only "did this rule fire" differs from the general path
//! ([`super::evaluate::Criteria`]); the arithmetic is the same code.

use std::collections::HashMap;

use serde::Serialize;

use super::evaluate::{group_totals, lead_rule_totals, tally_lead_rules, Criteria};
use super::lifecycle::Lifecycle;
use super::{Group, LeadScore, LeadScorer, Matcher, ScoringRule};
use crate::rules::{Rule, Slot, SlotCompiler, SlotOutline, SlotPredicate, SlotTable};
use crate::{Error, ErrorCode, Result};

/// How a model scores flat leads: the fields (slots) it reads, in order, and each criterion
/// compiled over them.
///
/// A model has a plan when it declares no `fields` types, every rule is a lead rule (`when`),
/// and every `when` (rules and lifecycle stages) is built only from `and`, `or`, `!`, `!!`,
/// constants, `{"var": "field"}` (a top-level field: no dots, no default), two-argument
/// comparisons (`== != === !== < <= > >=`) between such a `var` and a `null`, boolean, number
/// or string constant (either side), and `in` of such a `var` in a constant array or string
/// (at most 64 such tests per field).
#[derive(Debug, Clone)]
pub struct FastPlan {
    slots: SlotTable,
    /// One per lead rule, in model order.
    rules: Vec<SlotPredicate>,
    /// One per lifecycle stage, `None` for a stage without `when`.
    stages: Vec<Option<SlotPredicate>>,
}

impl FastPlan {
    /// The lead fields the model reads: a row of slots lists them in this order.
    pub fn fields(&self) -> &[String] {
        self.slots.fields()
    }

    /// The plan as data, for a host that works out which rules fire itself and then calls
    /// [`LeadScorer::score_fired`]: `{ "fields": [...], "rules": [...] }`, one outline per
    /// field and per lead rule (see `rules::slots::outline`); `None` when a field has over 31
    /// tests.
    pub fn outline(&self) -> Option<impl Serialize + '_> {
        Some(Outline { fields: self.slots.outline()?, rules: &self.rules })
    }

    /// Which of field number `field`'s tests hold for `value` (bit `i` for test `i`, as the
    /// outline numbers them); 0 for a field the plan doesn't have.
    pub fn bits(&self, field: usize, value: Slot<'_>) -> u64 {
        self.slots.bits(field, value)
    }

    /// How many `u32` words hold one lead's fired rules in [`LeadScorer::score_fired`].
    pub fn fired_words(&self) -> usize {
        self.rules.len().div_ceil(32)
    }
}

/// [`FastPlan::outline`].
#[derive(Serialize)]
struct Outline<'p> {
    fields: Vec<SlotOutline<'p>>,
    rules: &'p [SlotPredicate],
}

/// The plan of a compiled model, if it has one (see [`FastPlan`]).
pub(crate) fn plan(groups: &[Group], lifecycle: &Lifecycle, declares_fields: bool) -> Option<FastPlan> {
    if declares_fields {
        return None;
    }
    let mut compiler = SlotCompiler::default();
    let mut rules = Vec::new();
    for rule in groups.iter().flat_map(|g| &g.rules) {
        let Matcher::Lead(when) = &rule.matcher else { return None };
        rules.push(compiler.predicate(when)?);
    }
    let mut stages = Vec::new();
    for stage in &lifecycle.stages {
        stages.push(match &stage.when {
            None => None,
            Some(when) => Some(compiler.predicate(when)?),
        });
    }
    Some(FastPlan { slots: compiler.finish()?, rules, stages })
}

/// The sum of the points of `rules` that fired, rule `k` being bit `first + k` of `fired` (bit
/// `r % 32` of word `r / 32`). Only the fired rules are visited, in model order, so the sum is
/// the one [`lead_rule_totals`] adds up.
fn fired_points(rules: &[ScoringRule], first: usize, fired: &[u32]) -> f64 {
    let mut sum = 0.0;
    let end = first + rules.len();
    let mut r = first;
    while r < end {
        let shift = r % 32;
        let take = (32 - shift).min(end - r);
        let mut bits = fired.get(r / 32).map_or(0, |w| w >> shift) & (u32::MAX >> (32 - take));
        while bits != 0 {
            let k = r - first + bits.trailing_zeros() as usize;
            sum += rules.get(k).map_or(0.0, |rule| rule.points);
            bits &= bits - 1;
        }
        r += take;
    }
    sum
}

/// The fast path's criteria: predicates over one lead's slot bits.
struct OnBits<'p, 'r> {
    plan: &'p FastPlan,
    row: &'r [u64],
}

impl Criteria for OnBits<'_, '_> {
    fn rule(&self, index: usize, _: &Rule) -> bool {
        self.plan.rules.get(index).is_some_and(|p| p.test(self.row))
    }

    fn stage(&self, index: usize, _: &Rule) -> bool {
        self.plan.stages.get(index).and_then(Option::as_ref).is_some_and(|p| p.test(self.row))
    }
}

/// Leads as columns, the fast path's wire format: lead `i`'s field `j` (in
/// [`FastPlan::fields`] order) is cell `k = i × fields + j`, and `tags[k]` says what it holds:
/// [`Columns::NULL`] (absent or null), [`Columns::FALSE`], [`Columns::TRUE`], [`Columns::NUMBER`]
/// (`numbers[k]`) or [`Columns::STRING`] (`strings[numbers[k]]`).
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// How many leads.
    pub count: usize,
    /// One tag per cell.
    pub tags: &'a [u8],
    /// One number per cell: the value of a number cell, the string index of a string cell.
    pub numbers: &'a [f64],
    /// The strings the cells refer to.
    pub strings: &'a [&'a str],
}

impl Columns<'_> {
    /// Tag of an absent or `null` field.
    pub const NULL: u8 = 0;
    /// Tag of `false`.
    pub const FALSE: u8 = 1;
    /// Tag of `true`.
    pub const TRUE: u8 = 2;
    /// Tag of a number.
    pub const NUMBER: u8 = 3;
    /// Tag of a string.
    pub const STRING: u8 = 4;
}

/// Leads written into [`Columns`] from Rust: push each lead's slots in [`FastPlan::fields`]
/// order, then borrow the columns for [`LeadScorer::score_columns`]. Equal strings share one
/// entry of the string table, whatever their field.
#[derive(Debug, Clone, Default)]
pub struct ColumnsBuf<'a> {
    count: usize,
    tags: Vec<u8>,
    numbers: Vec<f64>,
    strings: Vec<&'a str>,
    string_ids: HashMap<&'a str, usize>,
}

impl<'a> ColumnsBuf<'a> {
    /// Adds a lead: its slots, one per field of the plan.
    pub fn push_lead(&mut self, slots: impl IntoIterator<Item = Slot<'a>>) {
        for slot in slots {
            let (tag, number) = match slot {
                Slot::Null => (Columns::NULL, 0.0),
                Slot::Bool(b) => (if b { Columns::TRUE } else { Columns::FALSE }, 0.0),
                Slot::Num(n) => (Columns::NUMBER, n),
                Slot::Str(s) => {
                    let next = self.strings.len();
                    let id = *self.string_ids.entry(s).or_insert(next);
                    if id == next {
                        self.strings.push(s);
                    }
                    (Columns::STRING, id as f64)
                }
            };
            self.tags.push(tag);
            self.numbers.push(number);
        }
        self.count += 1;
    }

    /// The leads pushed so far, as columns.
    pub fn columns(&self) -> Columns<'_> {
        Columns { count: self.count, tags: &self.tags, numbers: &self.numbers, strings: &self.strings }
    }
}

impl LeadScorer {
    /// The model's fast plan, when it has one (see [`FastPlan`]).
    pub fn fast_plan(&self) -> Option<&FastPlan> {
        self.fast.as_ref()
    }

    /// Scores `count` flat leads through the fast plan (`None` without one): `fill(i, row)`
    /// pushes lead `i`'s slots, in [`FastPlan::fields`] order, onto the empty `row` (missing
    /// slots are null). Results equal [`LeadScorer::score`]'s for the same leads written as
    /// JSON at any `now` (in either mode: a planned model has no event rules, so nothing
    /// decays, declares no field types, and these leads have no events), except that `groups`
    /// and `contributions` are empty.
    pub fn score_rows<'s>(
        &self,
        count: usize,
        mut fill: impl FnMut(usize, &mut Vec<Slot<'s>>),
    ) -> Option<Vec<LeadScore<'_>>> {
        let plan = self.fast.as_ref()?;
        let mut slots = Vec::with_capacity(plan.fields().len());
        let mut scores = Vec::with_capacity(count);
        let fill_bits = |i: usize, bits: &mut [u64]| {
            slots.clear();
            fill(i, &mut slots);
            for (j, b) in bits.iter_mut().enumerate() {
                *b = plan.slots.bits(j, slots.get(j).copied().unwrap_or(Slot::Null));
            }
        };
        self.score_bits(plan, count, fill_bits, |score| scores.push(score));
        Some(scores)
    }

    /// The total scores of leads given as [`Columns`], as [`LeadScorer::score_rows`] would
    /// compute them. A string's tests run once per field it appears in (the first time), not
    /// once per lead. Input error `INVALID_COLUMNS` when the columns don't fit the plan, and
    /// `NO_FAST_PLAN` when the model has none.
    pub fn score_columns(&self, columns: &Columns<'_>) -> Result<Vec<i64>> {
        let plan = self.planned()?;
        let Columns { count, tags, numbers, strings } = *columns;
        let width = plan.fields().len();
        let cells = count.checked_mul(width).filter(|&n| n == tags.len() && n == numbers.len());
        let valid = |(t, n): (&u8, &f64)| *t < Columns::STRING || (*t == Columns::STRING && (*n as usize) < strings.len());
        if cells.is_none() || !tags.iter().zip(numbers).all(valid) {
            return Err(Error::input(ErrorCode::InvalidColumns, "$", "the columns don't match the model's fields"));
        }
        // `memo[s]`: the slot whose atoms string `s` was last tested against (plus one), and the bits.
        let mut memo = vec![(0usize, 0u64); strings.len()];
        let mut bits = vec![0; width];
        let mut scores = Vec::with_capacity(count);
        for i in 0..count {
            let cells = i * width..(i + 1) * width;
            for (j, ((tag, number), b)) in tags[cells.clone()].iter().zip(&numbers[cells]).zip(bits.iter_mut()).enumerate() {
                *b = match *tag {
                    Columns::NUMBER => plan.slots.number_bits(j, *number),
                    Columns::STRING => {
                        let s = *number as usize;
                        if memo[s].0 != j + 1 {
                            memo[s] = (j + 1, plan.slots.bits(j, Slot::Str(strings[s])));
                        }
                        memo[s].1
                    }
                    tag => plan.slots.constant_bits(j, tag),
                };
            }
            scores.push(lead_rule_totals(self, |i, _| plan.rules.get(i).is_some_and(|p| p.test(&bits))).total);
        }
        Ok(scores)
    }

    /// The total scores of `count` leads given by which of the model's lead rules fired: lead
    /// `i`'s rule `r` (lead rules counted in model order) fired when bit `r % 32` of
    /// `fired[i × w + r / 32]` is set, `w` being [`FastPlan::fired_words`]. Input error
    /// `INVALID_FIRED_RULES` when `fired` has another length, `NO_FAST_PLAN` for a model
    /// without a plan.
    pub fn score_fired(&self, count: usize, fired: &[u32]) -> Result<Vec<i64>> {
        let words = self.planned()?.fired_words();
        if count.checked_mul(words) != Some(fired.len()) {
            return Err(Error::input(ErrorCode::InvalidFiredRules, "$", "the fired rules don't match the model's rules"));
        }
        let score = |lead: &[u32]| {
            // A planned model's rules are all lead rules: group after group, they number the bits.
            let mut first = 0;
            group_totals(self, |group| {
                let sum = fired_points(&group.rules, first, lead);
                first += group.rules.len();
                sum
            })
            .total
        };
        Ok((0..count).map(|i| score(fired.get(i * words..(i + 1) * words).unwrap_or_default())).collect())
    }

    /// The fast plan, or the `NO_FAST_PLAN` error.
    fn planned(&self) -> Result<&FastPlan> {
        self.fast.as_ref().ok_or_else(|| {
            Error::input(ErrorCode::NoFastPlan, "$", "this model has no fast path (see FastPlan for which models have one)")
        })
    }

    /// Scores `count` leads whose slot bits `fill(i, bits)` writes (one entry per slot),
    /// handing each score to `each` in order.
    fn score_bits<'a>(
        &'a self,
        plan: &FastPlan,
        count: usize,
        mut fill: impl FnMut(usize, &mut [u64]),
        mut each: impl FnMut(LeadScore<'a>),
    ) {
        let mut bits = vec![0; plan.fields().len()];
        for i in 0..count {
            fill(i, &mut bits);
            each(tally_lead_rules(self, &OnBits { plan, row: &bits }));
        }
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

    /// Fast and general paths agree on `leads` for `model`, row by row and as one batch of
    /// columns; returns how many went the fast way.
    fn agree(model: &Value, leads: &[Value]) -> usize {
        let scorer = LeadScorer::compile(model).unwrap();
        let plan = scorer.fast_plan().expect("the model is eligible");
        let mut rows = Vec::new();
        let mut want = Vec::new();
        for lead in leads {
            let Some(slots) = row(plan, lead) else { continue };
            let got = scorer.score_rows(1, |_, r| r.extend_from_slice(&slots)).unwrap();
            let expected = scorer.score(lead, NOW, Mode::Partial).unwrap();
            let key = |s: &LeadScore<'_>| (s.score, s.fit, s.engagement, s.grade, s.lifecycle.to_owned());
            assert_eq!(key(&got[0]), key(&expected), "{lead} with {model}");
            rows.push(slots);
            want.push(expected.score);
        }
        assert_eq!(score_as_columns(&scorer, &rows), want, "columns with {model}");
        assert_eq!(score_as_fired(&scorer, &rows), want, "fired rules with {model}");
        rows.len()
    }

    /// Scores rows through [`LeadScorer::score_columns`], one string table shared by all
    /// fields (so one string is tested against several fields' atoms).
    fn score_as_columns(scorer: &LeadScorer, rows: &[Vec<Slot<'_>>]) -> Vec<i64> {
        let mut columns = ColumnsBuf::default();
        for row in rows {
            columns.push_lead(row.iter().copied());
        }
        scorer.score_columns(&columns.columns()).unwrap()
    }

    #[test]
    fn columns_buf_lays_out_cells_row_by_row_and_shares_strings() {
        let mut buf = ColumnsBuf::default();
        buf.push_lead([Slot::Str("saas"), Slot::Num(2.5), Slot::Null]);
        buf.push_lead([Slot::Bool(true), Slot::Str("gmail.com"), Slot::Str("saas")]);
        let columns = buf.columns();
        assert_eq!(columns.count, 2);
        let c = Columns::STRING;
        assert_eq!(columns.tags, [c, Columns::NUMBER, Columns::NULL, Columns::TRUE, c, c]);
        assert_eq!(columns.numbers, [0.0, 2.5, 0.0, 0.0, 1.0, 0.0]);
        assert_eq!(columns.strings, ["saas", "gmail.com"]);
    }

    /// Scores rows through [`LeadScorer::score_fired`], the rules tested on each row's bits.
    fn score_as_fired(scorer: &LeadScorer, rows: &[Vec<Slot<'_>>]) -> Vec<i64> {
        let plan = scorer.fast_plan().unwrap();
        let mut fired = vec![0u32; rows.len() * plan.fired_words()];
        for (i, row) in rows.iter().enumerate() {
            let bits: Vec<u64> = row.iter().enumerate().map(|(j, slot)| plan.bits(j, *slot)).collect();
            for (r, rule) in plan.rules.iter().enumerate() {
                fired[i * plan.fired_words() + r / 32] |= u32::from(rule.test(&bits)) << (r % 32);
            }
        }
        scorer.score_fired(rows.len(), &fired).unwrap()
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
    fn columns_that_dont_fit_the_plan_are_refused() {
        let scorer = LeadScorer::compile(&model(bench_rules(), json!(true))).unwrap();
        let width = scorer.fast_plan().unwrap().fields().len();
        let (tags, numbers) = (vec![Columns::STRING; width], vec![0.0; width]);
        let columns = |count, tags: &[u8], numbers: &[f64], strings: &[&str]| {
            let columns = Columns { count, tags, numbers, strings };
            scorer.score_columns(&columns).map_err(|e| e.code.as_str())
        };
        assert_eq!(columns(1, &tags, &numbers, &["x"]).map(|s| s.len()), Ok(1));
        assert_eq!(columns(2, &tags, &numbers, &["x"]), Err("INVALID_COLUMNS"));
        assert_eq!(columns(1, &tags, &numbers, &[]), Err("INVALID_COLUMNS"));
        assert_eq!(columns(1, &tags[1..], &numbers[1..], &["x"]), Err("INVALID_COLUMNS"));
        assert_eq!(columns(1, &[9; 5][..width.min(5)], &numbers[..width.min(5)], &["x"]), Err("INVALID_COLUMNS"));
        assert_eq!(columns(usize::MAX, &tags, &numbers, &["x"]), Err("INVALID_COLUMNS"));
        assert_eq!(scorer.score_fired(2, &[0]).map_err(|e| e.code.as_str()), Err("INVALID_FIRED_RULES"));
        assert_eq!(scorer.score_fired(1, &[0]).map(|s| s.len()), Ok(1));
        let unplanned = LeadScorer::with_default_model().unwrap();
        let none = Columns { count: 0, tags: &[], numbers: &[], strings: &[] };
        assert_eq!(unplanned.score_columns(&none).map_err(|e| e.code.as_str()), Err("NO_FAST_PLAN"));
    }

    #[test]
    fn rows_read_missing_slots_as_null() {
        let scorer = LeadScorer::compile(&model(vec![json!({"==": [{"var": "a"}, null]})], json!(true))).unwrap();
        let got = scorer.score_rows(2, |i, r| if i == 1 { r.push(Slot::Num(1.0)) }).unwrap();
        let want = |lead: Value| scorer.score(&lead, NOW, Mode::Partial).unwrap().score;
        assert_eq!([got[0].score, got[1].score], [want(json!({})), want(json!({"a": 1}))]);
        assert!(got[0].groups.is_empty() && got[0].contributions.is_empty());
    }
}
