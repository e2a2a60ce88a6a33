use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn version_matches_the_manifest() {
    assert_eq!(pipescore::version(), env!("CARGO_PKG_VERSION"));
}
