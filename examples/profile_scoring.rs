//! Times the phases of batch lead scoring natively (parse, score, serialize), for profiling.
//! Usage: cargo run --release --example profile_scoring -- leads.json model.json
use std::time::Instant;

use pipescore::scoring::{ColumnsBuf, LeadScorer, Mode};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let leads_text = std::fs::read_to_string(&args[1]).expect("leads file");
    let model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&args[2]).expect("model file")).expect("model json");
    let t = Instant::now();
    let leads: Vec<serde_json::Value> = serde_json::from_str(&leads_text).expect("leads json");
    println!("parse {} leads: {:?}", leads.len(), t.elapsed());
    let scorer = LeadScorer::compile(&model).expect("model");
    let rules: Vec<pipescore::rules::Rule> = model["groups"][0]["rules"]
        .as_array()
        .map(|rules| rules.iter().filter_map(|r| pipescore::rules::Rule::compile(&r["when"]).ok()).collect())
        .unwrap_or_default();
    let ctx = pipescore::rules::EvalContext::new(0);
    let t = Instant::now();
    let fired: usize = leads.iter().map(|lead| rules.iter().filter(|r| r.is_truthy(lead, &ctx)).count()).sum();
    println!("{} rules alone (is_truthy): {:?} ({fired} fired)", rules.len(), t.elapsed());
    let t = Instant::now();
    let results = scorer.score_many(&leads, 0, Mode::Strict);
    println!("score: {:?}", t.elapsed());
    let brief = pipescore::scoring::ScoreOptions { mode: Mode::Strict, explain: false };
    for _ in 0..3 {
        let t = Instant::now();
        let records = pipescore::record::Records::from_json(scorer.plan(), &leads);
        let read = t.elapsed();
        let t = Instant::now();
        let n = scorer.score_records(&records, 0, brief).len();
        println!("read into records: {read:?}; score_records, explain: false: {:?} ({n} leads)", t.elapsed());
    }
    if let Some(plan) = scorer.fast_plan() {
        use pipescore::rules::Slot;
        let slot = |v| Slot::of_json(v).unwrap_or(Slot::Null);
        let slots: Vec<Slot<'_>> = leads.iter().flat_map(|l| plan.fields().iter().map(move |f| slot(l.get(f)))).collect();
        let width = plan.fields().len();
        let fast_only = std::env::var_os("FAST_ONLY").is_some();
        let t = Instant::now();
        let rows = if fast_only { 0 } else { leads.len() };
        let scores = scorer.score_rows(rows, |i, row| row.extend_from_slice(&slots[i * width..(i + 1) * width]));
        println!("fast path score_rows: {:?} ({} leads)", t.elapsed(), scores.map_or(0, |s| s.len()));
        let mut buf = ColumnsBuf::default();
        for lead in slots.chunks(width) {
            buf.push_lead(lead.iter().copied());
        }
        let columns = buf.columns();
        for _ in 0..std::env::var("REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(5) {
            let t = Instant::now();
            let scores = scorer.score_columns(&columns).expect("columns");
            println!("fast path score_columns: {:?} ({} leads)", t.elapsed(), scores.len());
        }
    }
    let t = Instant::now();
    let ok: Vec<_> = results.into_iter().filter_map(Result::ok).collect();
    let text = serde_json::to_string(&ok).expect("serialize");
    println!("serialize {} bytes: {:?}", text.len(), t.elapsed());
}
