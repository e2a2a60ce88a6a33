//! Times reading and scoring deals for health natively, for profiling.
//! Usage: cargo run --release --example profile_health -- deals.json [runs] [full|brief]
//! (`runs`, default 3: timed runs of the full and of the `explain: false` (brief) scoring,
//! or only of the one named).
use std::time::Instant;

use pipescore::health::{DealHealth, ScoreOptions};
use serde_json::Value;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile_health deals.json [runs]");
    let runs: usize = args.next().map_or(3, |n| n.parse().expect("runs: a whole number"));
    let only = args.next();
    let text = std::fs::read_to_string(path).expect("deals file");
    let t = Instant::now();
    let deals: Vec<Value> = serde_json::from_str(&text).expect("a JSON array of deals");
    println!("read {} deals: {:?}", deals.len(), t.elapsed());
    let health = DealHealth::compile(&Value::Null).expect("default config");
    let now = 1_795_000_000_000;
    for (name, top_factors) in [("full", None), ("brief", Some(0))] {
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let options = ScoreOptions { top_factors };
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            let reports = health.score_many(&deals, now, &options);
            times.push(t.elapsed());
            assert_eq!(reports.len(), deals.len());
        }
        times.sort();
        println!("score (top_factors {top_factors:?}): median {:?}, min {:?} of {runs}", times[runs / 2], times[0]);
    }
}
