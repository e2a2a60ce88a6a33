//! Times reading and computing pipeline metrics natively, for profiling.
//! Usage: cargo run --release --example profile_metrics -- input.json
use std::time::Instant;

use pipescore::metrics::{compute_metrics, parse_input_str, MetricsOptions};

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile_metrics input.json");
    let text = std::fs::read_to_string(path).expect("input file");
    let t = Instant::now();
    let input = parse_input_str(&text).expect("input");
    println!("read {} deals: {:?}", input.deals.len(), t.elapsed());
    let options = MetricsOptions::new(1_795_000_000_000);
    for _ in 0..3 {
        let t = Instant::now();
        let metrics = compute_metrics(&input, &options).expect("metrics");
        println!("compute: {:?} (won {})", t.elapsed(), metrics.won.count);
    }
}
