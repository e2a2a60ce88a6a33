//! Shared by the CRM adapter tests: the payloads in `shared/data/crm/api/` and dates.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

/// The directory of the CRM API payloads: `shared/data/crm/api` next to the checkout (or next
/// to the directory that holds it, for a worktree), `None` when it is absent.
pub fn api_dir() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().skip(1).map(|dir| dir.join("shared/data/crm/api")).find(|dir| dir.is_dir())
}

/// The payload `name` (`hubspot/hubspot_v3_deals_list_page.json`), or `None` with a message
/// when the shared data is absent.
pub fn payload(name: &str) -> Option<Value> {
    let Some(dir) = api_dir() else {
        eprintln!("skipped: shared/data/crm/api/ is not there");
        return None;
    };
    let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}")))
}

/// Every payload file, by CRM directory and name.
pub fn payload_names() -> Vec<String> {
    let Some(dir) = api_dir() else { return Vec::new() };
    let mut names = Vec::new();
    for crm in ["hubspot", "salesforce"] {
        for entry in std::fs::read_dir(dir.join(crm)).expect("the CRM directory") {
            let name = entry.expect("an entry").file_name().into_string().expect("a UTF-8 name");
            names.push(format!("{crm}/{name}"));
        }
    }
    names.sort();
    names
}

/// Epoch milliseconds of an ISO-8601 date or date-time.
pub fn at(iso: &str) -> i64 {
    pipescore::time::parse_iso8601(iso).unwrap_or_else(|| panic!("{iso} is not a date"))
}

/// `a` and `b` within 1e-9.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}
