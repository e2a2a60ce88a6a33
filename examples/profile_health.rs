//! Times reading and scoring deals for health natively, for profiling.
//! Usage: cargo run --release --example profile_health -- deals.json [runs] [full|brief] [many|set]
//! (`runs`, default 3: timed runs of the full and of the `explain: false` (brief) scoring,
//! or only of the one named; each with `score_many` over the deals' JSON values and with
//! `score_set` over a `DealSet`, or only the one named).
use std::time::{Duration, Instant};

use pipescore::health::{DealHealth, DealSet, ScoreOptions};
use serde_json::Value;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile_health deals.json [runs] [full|brief] [many|set]");
    let runs: usize = args.next().map_or(3, |n| n.parse().expect("runs: a whole number"));
    let only = args.next();
    let only_how = args.next();
    let text = std::fs::read_to_string(path).expect("deals file");
    let t = Instant::now();
    let deals: Vec<Value> = serde_json::from_str(&text).expect("a JSON array of deals");
    println!("parse {} deals: {:?}", deals.len(), t.elapsed());
    let copy = deals.clone();
    let t = Instant::now();
    let set = DealSet::new(copy);
    println!("read them into a DealSet: {:?}", t.elapsed());
    let health = DealHealth::compile(&Value::Null).expect("default config");
    let now = 1_795_000_000_000;
    for (name, top_factors) in [("full", None), ("brief", Some(0))] {
        if only.as_deref().is_some_and(|only| only != name) {
            continue;
        }
        let options = ScoreOptions { top_factors };
        if only_how.as_deref() != Some("set") {
            let many = time(runs, || health.score_many(&deals, now, &options).len());
            println!("score_many ({name}): {many}");
        }
        if only_how.as_deref() != Some("many") {
            let set = time(runs, || health.score_set(&set, now, &options).len());
            println!("score_set ({name}):  {set}");
        }
    }
}

/// "median …, min … of n" of `runs` runs of `f`.
fn time(runs: usize, mut f: impl FnMut() -> usize) -> String {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    format!("median {:?}, min {:?} of {runs}", times[runs / 2], times[0])
}
