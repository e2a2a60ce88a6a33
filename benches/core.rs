//! Native benchmarks of the Rust core (criterion), on the records `make bench` measures the npm
//! package with: the 25-rule lead model over 100,000 leads, stage gates and deal health over
//! 10,000 deals, metrics over 100,000 deals. The records are written by
//! `benches/export-workload.mjs` (from `benches/workload.mjs`, seeded) into
//! `target/bench-data/`, which this bench does first when they are missing or older than the
//! generator. Usage: `cargo bench --bench core` (also run by `make bench`); `cargo test --bench
//! core` runs each case once (`make test-native` does, on small sizes).
use std::path::{Path, PathBuf};
use std::process::Command;
use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, SamplingMode, Throughput};
use serde_json::Value;

use pipescore::gates::Pipeline;
use pipescore::health::{DealHealth, DealSet, ScoreOptions as HealthOptions};
use pipescore::metrics::{compute_metrics, parse_input_str, MetricsOptions};
use pipescore::record::Records;
use pipescore::scoring::{LeadScorer, Mode, ScoreOptions};

/// The instant every case is evaluated at: 2026-11-24T12:00:00Z, as in benches/run.mjs.
const NOW: i64 = 1_795_521_600_000;

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The JSON text of a workload file, written first by the export script when needed. The sizes
/// are benches/run.mjs' (`BENCH_LEADS`, `BENCH_DEALS`, `BENCH_METRIC_DEALS`); each set of sizes
/// has its own folder.
fn workload(file: &str) -> String {
    let size = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let sizes = [size("BENCH_LEADS", "100000"), size("BENCH_DEALS", "10000"), size("BENCH_METRIC_DEALS", "100000")];
    let dir = root().join("target/bench-data").join(sizes.join("-"));
    let generators = ["benches/export-workload.mjs", "benches/workload.mjs"].map(|g| modified(&root().join(g)));
    let path = dir.join(file);
    if modified(&path) < generators.into_iter().flatten().max() {
        let status = Command::new("node")
            .arg(root().join("benches/export-workload.mjs"))
            .arg(&dir)
            .status()
            .expect("node runs benches/export-workload.mjs (Node.js must be on the PATH)");
        assert!(status.success(), "benches/export-workload.mjs failed");
    }
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// When `path` was last written; `None` when it doesn't exist.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A JSON array of records.
fn records(file: &str) -> Vec<Value> {
    serde_json::from_str(&workload(file)).expect("a JSON array")
}

/// A group measuring `count` records per iteration, with few samples of one iteration each at
/// least: an iteration takes milliseconds.
fn group<'a>(c: &'a mut criterion::Criterion, name: &str, count: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .throughput(Throughput::Elements(count as u64))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(5));
    group
}

fn lead_scoring(c: &mut criterion::Criterion) {
    let model: Value = serde_json::from_str(&workload("lead-model.json")).expect("the model");
    let leads = records("leads.json");
    let scorer = LeadScorer::compile(&model).expect("the bench model compiles");
    let brief = ScoreOptions { mode: Mode::Strict, explain: false };
    let mut group = group(c, "lead_scoring", leads.len());
    group.bench_function("score_many", |b| b.iter(|| scorer.score_many(black_box(&leads), NOW, Mode::Strict).len()));
    group.bench_function("score_many_with, explain: false", |b| b.iter(|| scorer.score_many_with(black_box(&leads), NOW, brief).len()));
    group.bench_function("Records::from_json (read the leads)", |b| b.iter(|| Records::from_json(scorer.plan(), black_box(&leads)).len()));
    // The leads read once, as the package hands them to wasm.
    let read = Records::from_json(scorer.plan(), &leads);
    group.bench_function("score_records, explain: false", |b| b.iter(|| scorer.score_records(black_box(&read), NOW, brief).len()));
    group.finish();
}

fn stage_gates(c: &mut criterion::Criterion) {
    let deals = records("deals.json");
    let pipeline = Pipeline::compile(&Pipeline::default_config()).expect("the default pipeline");
    let mut group = group(c, "stage_gates", deals.len());
    group.bench_function("check", |b| {
        b.iter(|| deals.iter().filter(|deal| pipeline.check(deal, NOW).is_ok()).count())
    });
    group.finish();
}

fn deal_health(c: &mut criterion::Criterion) {
    let deals = records("deals.json");
    let health = DealHealth::compile(&Value::Null).expect("the default config");
    let set = DealSet::new(deals.clone());
    let brief = HealthOptions { top_factors: Some(0) };
    let full = HealthOptions { top_factors: None };
    let mut group = group(c, "deal_health", deals.len());
    group.bench_function("score_many", |b| b.iter(|| health.score_many(black_box(&deals), NOW, &full).len()));
    group.bench_function("score_many, brief", |b| b.iter(|| health.score_many(black_box(&deals), NOW, &brief).len()));
    group.bench_function("DealSet::new", |b| b.iter_batched(|| deals.clone(), DealSet::new, criterion::BatchSize::LargeInput));
    group.bench_function("score_set, brief", |b| b.iter(|| health.score_set(black_box(&set), NOW, &brief).len()));
    group.finish();
}

fn metrics(c: &mut criterion::Criterion) {
    let text = workload("metrics-input.json");
    let input = parse_input_str(&text).expect("the metrics input");
    let options = MetricsOptions::new(NOW);
    let mut group = group(c, "metrics", input.deals.len());
    group.bench_function("parse_input_str", |b| b.iter(|| parse_input_str(black_box(&text)).map(|i| i.deals.len())));
    group.bench_function("compute_metrics", |b| b.iter(|| compute_metrics(black_box(&input), &options).map(|m| m.won.count)));
    group.finish();
}

criterion_group!(core, lead_scoring, stage_gates, deal_health, metrics);
criterion_main!(core);
