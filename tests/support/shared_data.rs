//! Where the shared test data is: `../shared/data` beside the checkout, or beside the folder
//! of worktrees the checkout is in (`../../shared/data`).
#![allow(dead_code)]

use std::path::PathBuf;

/// The data folder, or `None` (with a message saying what is skipped) when neither exists.
pub fn shared_data(what: &str) -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = ["../shared/data", "../../shared/data"].iter().map(|p| root.join(p)).find(|p| p.is_dir());
    if found.is_none() {
        eprintln!("skipped {what}: ../shared/data is not beside the checkout");
    }
    found
}
