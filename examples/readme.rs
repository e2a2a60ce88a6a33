// The Rust example of README.md: tests/readme_rust.rs checks that the README shows this file
// (from `use` on) and runs it.
use pipescore::scoring::{LeadScorer, Mode};
use pipescore::time::parse_iso8601;
use serde_json::json;

fn main() -> pipescore::Result<()> {
    let scorer = LeadScorer::with_default_model()?; // compile once…
    let now = parse_iso8601("2026-11-24").expect("a date"); // epoch ms, never the clock
    let lead = json!({ "jobTitle": "VP of Marketing", "employees": 240,
                       "events": [{ "type": "demo_request", "at": "2026-11-21" }] });
    let result = scorer.score(&lead, now, Mode::Strict)?; // …evaluate many times
    println!("{} {} {}", result.score, result.grade, result.lifecycle);
    Ok(())
}
