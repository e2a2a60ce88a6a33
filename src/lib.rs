//! # pipescore
//!
//! The numbers sales operations runs on — lead scores, stage exit-criteria checks, deal health
//! scores and pipeline metrics — as a pure Rust core that compiles to WebAssembly.
//!
//! Each capability is one module, usable natively:
//! configs are plain JSON (`serde_json::Value`) compiled once into an engine object, then
//! evaluated many times against records, always with an explicit `now` (epoch milliseconds),
//! so every result is deterministic.
//!
//! The core reads and writes plain data only; the bindings (`bindings/wasm`, the npm package)
//! translate between their host's values and it.

pub mod case;
pub mod config;
pub mod crm;
pub mod error;
pub mod gates;
pub mod health;
pub mod hygiene;
pub mod matching;
pub mod metrics;
pub mod path;
pub mod read;
pub mod record;
pub mod routing;
pub mod rules;
pub mod scoring;
mod sort;
pub mod time;

pub use error::{Error, ErrorCode, ErrorKind, Result};

/// The crate (and npm package) version.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_the_manifest_version() {
        assert_eq!(super::version(), env!("CARGO_PKG_VERSION"));
        assert!(super::version().split('.').count() == 3);
    }
}
