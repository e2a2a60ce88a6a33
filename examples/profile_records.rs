//! Reads leads into records and scores them, phase by phase (`READ_ONLY` stops after reading),
//! for instruction counts under `perf stat`. Usage: cargo run --release --example profile_records -- leads.json model.json
use pipescore::record::Records;
use pipescore::scoring::{LeadScorer, Mode, ScoreOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let leads: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("leads")).expect("json");
    let model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&args[2]).expect("model")).expect("json");
    let scorer = LeadScorer::compile(&model).expect("model");
    let phase = std::env::var("PHASE").unwrap_or_default();
    let records = if phase == "parse" { return } else { Records::from_json(scorer.plan(), &leads) };
    if phase == "read" {
        println!("{}", records.len());
        return;
    }
    let scores = scorer.score_records(&records, 0, ScoreOptions { mode: Mode::Strict, explain: false });
    println!("{}", scores.len());
}
