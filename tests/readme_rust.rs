//! The Rust example of README.md is `examples/readme.rs`: the README shows that file from its
//! first `use` line on, and the example runs.

mod readme_example {
    include!("../examples/readme.rs");

    /// The example's `main`.
    pub(super) fn run() -> pipescore::Result<()> {
        main()
    }
}

#[test]
fn the_readme_shows_examples_readme_rs() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let example = std::fs::read_to_string(root.join("examples/readme.rs")).expect("examples/readme.rs");
    let body = &example[example.find("\nuse ").expect("a use line") + 1..];
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(readme.contains(&format!("```rust\n{body}```\n")), "README.md must show examples/readme.rs from its first `use` line on, in a rust block");
}

#[test]
fn the_readme_example_runs() {
    readme_example::run().expect("the README's Rust example runs");
}
