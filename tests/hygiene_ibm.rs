//! Duplicate detection on the IBM Watson "Sales Win/Loss" sample (78,025 opportunities,
//! `../shared/data/crm/ibm/`), whose README counts 55 exact duplicate rows: an exact rule on
//! every field finds exactly them, checked against a plain count of identical rows. The zip is
//! extracted with the `unzip` command into the target folder; skips with a message when the
//! data or `unzip` is unavailable.

#[path = "support/shared_data.rs"]
mod shared_data;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use pipescore::hygiene::{Deduper, ObjectKind};
use serde_json::{json, Map, Value};

const CSV: &str = "WA_Fn-UseC_-Sales-Win-Loss.csv";

/// The CSV's header and rows (no quoted fields: checked).
fn rows() -> Option<(Vec<String>, Vec<Vec<String>>)> {
    let zip = shared_data::shared_data("the IBM win/loss tests")?.join("crm/ibm").join(format!("{CSV}.zip"));
    if !zip.is_file() {
        eprintln!("skipped: {} is not available", zip.display());
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hygiene-ibm");
    let extracted = dir.join(CSV);
    if !extracted.is_file() {
        let unzipped = Command::new("unzip").arg("-o").arg("-q").arg(&zip).arg("-d").arg(&dir).status();
        if !unzipped.is_ok_and(|s| s.success()) {
            eprintln!("skipped: could not extract {} with unzip", zip.display());
            return None;
        }
    }
    let text = std::fs::read_to_string(&extracted).ok()?;
    assert!(!text.contains('"'), "quoted fields: this reader does not handle them");
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty());
    let header: Vec<String> = lines.next()?.split(',').map(str::to_owned).collect();
    let rows: Vec<Vec<String>> = lines.map(|l| l.split(',').map(str::to_owned).collect()).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    Some((header, rows))
}

#[test]
fn an_exact_rule_on_every_field_finds_the_55_duplicate_rows() {
    let Some((header, rows)) = rows() else { return };
    assert_eq!(rows.len(), 78_025);
    // Independently: identical rows, counted with a map.
    let mut copies: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        copies.entry(row.as_slice()).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = copies.into_values().filter(|g| g.len() > 1).collect();
    let extra_rows: usize = groups.iter().map(|g| g.len() - 1).sum();
    let pairs: usize = groups.iter().map(|g| g.len() * (g.len() - 1) / 2).sum();
    assert_eq!((extra_rows, groups.len(), pairs), (55, 50, 61));

    let fields: Vec<Value> = header.iter().map(|h| json!({ "field": h, "method": "exact" })).collect();
    let deduper = Deduper::compile(&json!({ "deals": {
        "blocking": { "keys": [{ "id": "opportunity", "fields": [{ "field": "Opportunity Number", "normalise": "none" }] }] },
        "rules": [{ "id": "identical", "label": "Every field identical", "fields": fields }]
    } }))
    .unwrap();
    let records: Vec<Value> = rows.iter().map(|r| Value::Object(header.iter().cloned().zip(r.iter().cloned().map(Value::String)).collect::<Map<_, _>>())).collect();
    let report = deduper.dedupe(ObjectKind::Deals, &records).unwrap();
    assert_eq!(report.duplicate_records.count, 55);
    assert_eq!(report.duplicate_records.explanation, "55 of 78025 deals: in a cluster beyond its first record, what merging would remove");
    assert_eq!(report.matched_pairs.count, 61);
    let found: Vec<Vec<usize>> = report.clusters.iter().map(|c| c.records.iter().map(|r| r.index).collect()).collect();
    let mut expected = groups;
    expected.sort();
    assert_eq!(found, expected);
    assert!(report.blocking.oversized_blocks.is_empty());
    eprintln!("IBM: {} pairs compared, {} blocks, largest {:?}", report.pairs_compared.count, report.blocking.blocks, report.blocking.largest_block);
}
