//! `docs/errors.md`, the one table of error codes, is generated from [`ErrorCode::ALL`] and
//! [`ErrorCode::meaning`], grouped under the section comments of the `error_codes!` table in
//! `src/error.rs`. This test fails when the file differs from what the codes give; regenerate
//! it with
//!
//! ```sh
//! PIPESCORE_WRITE_DOCS=1 cargo test -p pipescore --test docs_errors
//! ```

use std::path::PathBuf;

use pipescore::{ErrorCode, ErrorKind};

/// The command that rewrites `docs/errors.md`.
const REGENERATE: &str = "PIPESCORE_WRITE_DOCS=1 cargo test -p pipescore --test docs_errors";

/// What `docs/errors.md` says before the table.
const INTRODUCTION: &str = "\
# Errors

Every failing call throws one of three classes, all subclasses of `PipescoreError` and of `Error`:

| class | when |
|---|---|
| `PipescoreConfigError` | a rule, scoring model, pipeline or health config is invalid (thrown by the constructor that compiles it) |
| `PipescoreInputError` | a record or an option passed to an evaluation is invalid |
| `PipescoreInternalError` | pipescore failed on its own (`INTERNAL`); the message says what to report |

Each error has:

- `name`: the class name;
- `code`: a stable code from the table below; its text never changes meaning;
- `path`: the JSON path of the offending value, rooted at `$`, e.g. `$.groups[0].rules[2].points` in a model or
  `$[3].activities[2].at` in a batch of deals;
- `message`: a sentence a CRM admin understands, naming the field, the value found and what is expected.

Batch calls (`LeadScorer.scoreMany`, `DealHealth.scoreMany`) do not throw for a bad record: its result is
`{ error: { name, code, path, message } }` at its index, and the other records are evaluated.
Bad input never panics or traps the WebAssembly instance: after an error, the same objects keep
working. Nothing passed in is mutated.

In Rust every engine returns `pipescore::Result<T>`, whose `pipescore::Error` has `kind`
(`ErrorKind::Config`, `Input` or `Internal`), `code` (`ErrorCode`), `path` and `message`.

## Codes
";

/// The codes in the order and under the headings of the `error_codes!` table in `src/error.rs`:
/// `(heading, texts)` pairs, read from its `// Heading.` comments and `Variant = "TEXT" in […],` lines.
fn sections() -> Vec<(String, Vec<String>)> {
    let source = std::fs::read_to_string(root().join("src/error.rs")).expect("src/error.rs");
    let table = source.split("error_codes! {").nth(1).expect("the error_codes! table in src/error.rs");
    let table = &table[..table.find("\n}").expect("the end of the error_codes! table")];
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for line in table.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix("// ") {
            sections.push((heading.trim_end_matches('.').to_owned(), Vec::new()));
        } else if let Some((_, text)) = line.split_once(" = \"") {
            let text = text.split('"').next().unwrap_or_default().to_owned();
            match sections.last_mut() {
                Some((_, codes)) => codes.push(text),
                None => panic!("src/error.rs: {text} comes before the first section comment"),
            }
        }
    }
    sections
}

/// The JS class names of `kinds`, e.g. "`PipescoreConfigError`, `PipescoreInputError`".
fn class_names(kinds: &[ErrorKind]) -> String {
    kinds.iter().map(|k| format!("`{}`", k.class_name())).collect::<Vec<_>>().join(", ")
}

/// The whole of `docs/errors.md`.
fn render() -> String {
    let sections = sections();
    let listed: Vec<&str> = sections.iter().flat_map(|(_, codes)| codes.iter().map(String::as_str)).collect();
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, all, "the codes read from src/error.rs differ from ErrorCode::ALL");

    let mut out = String::from(INTRODUCTION);
    out.push_str(&format!(
        "\n<!-- Generated from ErrorCode::ALL by tests/docs_errors.rs; regenerate with: {REGENERATE} -->\n"
    ));
    for (heading, codes) in &sections {
        out.push_str(&format!("\n### {heading}\n\n| code | class | meaning |\n|---|---|---|\n"));
        for text in codes {
            let code = ErrorCode::from_text(text).expect("a code of ErrorCode::ALL");
            out.push_str(&format!("| `{text}` | {} | {} |\n", class_names(code.kinds()), code.meaning().replace('|', "\\|")));
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn docs_errors_md_lists_every_code_as_the_codes_say() {
    let path = root().join("docs/errors.md");
    let expected = render();
    if std::env::var_os("PIPESCORE_WRITE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/errors.md");
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(found == expected, "docs/errors.md is out of date with ErrorCode::ALL: regenerate it with {REGENERATE}");
}
