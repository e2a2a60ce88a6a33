//! Native benchmark of duplicate detection: 100,000 generated contacts (seeded, about one in
//! ten bases with near-duplicates; `tests/support/hygiene_gen.rs`) deduplicated with the
//! default rules, an index built over them, and one new record looked up in it. Before timing
//! it prints the pairs compared, the blocks and the precision and recall on the set.
//! Usage: `cargo bench --bench hygiene`; `HYGIENE_CONTACTS=2000 cargo test --bench hygiene`
//! runs each case once on a small set.
#[path = "../tests/support/hygiene_gen.rs"]
mod gen;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, SamplingMode, Throughput};
use serde_json::{json, Value};

use gen::{Generated, Rng, Scores};
use pipescore::hygiene::{Deduper, DuplicateIndex, DuplicateReport, ObjectKind};

/// The generator's seed.
const SEED: u64 = 20_261_124;

/// `HYGIENE_CONTACTS` contacts (100,000 by default) over a company per 25 of them.
fn contacts() -> Generated {
    let n: usize = std::env::var("HYGIENE_CONTACTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng::new(SEED);
    let companies = gen::synthetic_companies(&mut rng, (n / 25).max(10));
    let mut set = gen::contacts(&mut rng, &companies, &[], n, 0.1);
    set.records.truncate(n);
    set.family.truncate(n);
    set
}

/// The pairs a report puts in one cluster.
fn predicted(report: &DuplicateReport) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for cluster in &report.clusters {
        for (k, a) in cluster.records.iter().enumerate() {
            for b in &cluster.records[k + 1..] {
                out.push((a.index, b.index));
            }
        }
    }
    out
}

fn dedupe(c: &mut criterion::Criterion) {
    let set = contacts();
    let deduper = Deduper::with_default().expect("the default rules");
    let started = Instant::now();
    let report = deduper.dedupe(ObjectKind::Contacts, &set.records).expect("generated contacts are readable");
    let once = started.elapsed();
    let scores = Scores::of(&predicted(&report), &set.true_pairs());
    eprintln!(
        "{} contacts deduplicated in {:.2?} once; {} pairs compared of {} possible; {} blocks, largest {:?}, {} over the cap; {} clusters, {} duplicate records; precision {:.4}, recall {:.4}",
        set.records.len(),
        once,
        report.pairs_compared.count,
        report.pairs_compared.out_of,
        report.blocking.blocks,
        report.blocking.largest_block.as_ref().map(|b| (&b.key, b.size)),
        report.blocking.oversized_blocks.len(),
        report.clusters.len(),
        report.duplicate_records.count,
        scores.precision(),
        scores.recall(),
    );
    let index = DuplicateIndex::build(&deduper, ObjectKind::Contacts, &set.records).expect("the index");
    let new: Value = json!({ "firstName": "Bob", "lastName": "Smith", "email": "bob.smith@example.org", "company": "Apex River Logistics", "phone": "+1 (415) 555-0100" });
    let mut group = c.benchmark_group("hygiene");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(set.records.len() as u64));
    group.bench_function("dedupe contacts", |b| b.iter(|| deduper.dedupe(ObjectKind::Contacts, black_box(&set.records)).map(|r| r.clusters.len())));
    group.bench_function("DuplicateIndex::build", |b| b.iter(|| DuplicateIndex::build(&deduper, ObjectKind::Contacts, black_box(&set.records)).map(|i| i.len())));
    group.finish();
    let mut lookup = c.benchmark_group("hygiene lookup");
    lookup.throughput(Throughput::Elements(1));
    lookup.bench_function("DuplicateIndex::find, one new contact", |b| b.iter(|| index.find(black_box(&new)).map(|l| l.candidates.len())));
    lookup.finish();
}

criterion_group!(hygiene, dedupe);
criterion_main!(hygiene);
