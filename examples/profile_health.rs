//! Times reading and scoring deals for health natively, for profiling.
//! Usage: cargo run --release --example profile_health -- deals.json
use std::time::Instant;

use pipescore::health::{DealHealth, ScoreOptions};
use serde_json::Value;

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile_health deals.json");
    let text = std::fs::read_to_string(path).expect("deals file");
    let t = Instant::now();
    let deals: Vec<Value> = serde_json::from_str(&text).expect("a JSON array of deals");
    println!("read {} deals: {:?}", deals.len(), t.elapsed());
    let health = DealHealth::compile(&Value::Null).expect("default config");
    let now = 1_795_000_000_000;
    for top_factors in [None, Some(0)] {
        let options = ScoreOptions { top_factors };
        for _ in 0..3 {
            let t = Instant::now();
            let reports = health.score_many(&deals, now, &options);
            println!("score (top_factors {top_factors:?}): {:?} ({} ok)", t.elapsed(), reports.iter().filter(|r| r.is_ok()).count());
        }
    }
}
