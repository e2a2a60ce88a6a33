//! Tests of the wasm bindings, run by `wasm-bindgen-test-runner` in Node and in headless
//! Chromium (`make test-wasm`). Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

mod wasm {
    pub mod gates;
    pub mod health;
    pub mod metrics;
    pub mod records;
    pub mod scoring;
    pub mod rules;
    pub mod smoke;
    pub mod support;
}
