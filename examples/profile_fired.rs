//! Times `LeadScorer::score_fired` natively on pseudo-random fired rules, for profiling.
//! Usage: cargo run --release --example profile_fired -- model.json [leads]
use std::time::Instant;

use pipescore::scoring::LeadScorer;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&args[1]).expect("model file"))
            .expect("model json");
    let count: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let scorer = LeadScorer::compile(&model).expect("model");
    let words = scorer.fast_plan().expect("a fast plan").fired_words();
    let mut state = 0x9e37_79b9_u32;
    let fired: Vec<u32> = (0..count * words)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        })
        .collect();
    for _ in 0..5 {
        let t = Instant::now();
        let scores = scorer.score_fired(count, &fired).expect("fired");
        println!(
            "score_fired: {:?} ({} leads, sum {})",
            t.elapsed(),
            scores.len(),
            scores.iter().sum::<i64>()
        );
    }
}
