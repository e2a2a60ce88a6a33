//! The embedded default configs, minified at compile time: their JSON files stay readable in
//! the repository while the `.wasm` carries no indentation (a quarter of their bytes).

/// `text` (JSON) without the whitespace between its tokens, as a `&'static str` constant.
macro_rules! minified_json {
    ($text:expr) => {{
        const TEXT: &[u8] = $text.as_bytes();
        const BYTES: [u8; $crate::config::embed::minified_len(TEXT)] = $crate::config::embed::minify(TEXT);
        match std::str::from_utf8(&BYTES) {
            Ok(text) => text,
            Err(_) => panic!("minified JSON is not UTF-8"),
        }
    }};
}

pub(crate) use minified_json;

/// Whether byte `b` is kept (outside strings, whitespace goes), and the state after it; a state
/// is `(in a string, after a backslash)`.
const fn step(b: u8, (in_string, escaped): (bool, bool)) -> (bool, (bool, bool)) {
    if in_string {
        (true, (escaped || b != b'"', !escaped && b == b'\\'))
    } else {
        (!matches!(b, b' ' | b'\n' | b'\r' | b'\t'), (b == b'"', false))
    }
}

/// The length of `text` minified.
pub(crate) const fn minified_len(text: &[u8]) -> usize {
    let (mut i, mut len, mut state) = (0, 0, (false, false));
    while i < text.len() {
        let (keep, next) = step(text[i], state);
        len += keep as usize;
        state = next;
        i += 1;
    }
    len
}

/// `text` minified; `N` is [`minified_len`] of it.
pub(crate) const fn minify<const N: usize>(text: &[u8]) -> [u8; N] {
    let (mut out, mut i, mut len, mut state) = ([0; N], 0, 0, (false, false));
    while i < text.len() {
        let (keep, next) = step(text[i], state);
        if keep {
            out[len] = text[i];
            len += 1;
        }
        state = next;
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn removes_whitespace_between_tokens_only() {
        const MINIFIED: &str = minified_json!("{ \"a b\": [1, 2],\n  \"c\\\" d\": \" x \\\\\" , \"e\": {} }");
        assert_eq!(MINIFIED, r#"{"a b":[1,2],"c\" d":" x \\","e":{}}"#);
    }

    #[test]
    fn embedded_defaults_are_the_files() {
        let file = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        assert_eq!(crate::gates::Pipeline::default_config(), file(include_str!("../gates/default.json")));
        assert_eq!(crate::scoring::default_model(), file(include_str!("../scoring/default_model.json")));
        assert_eq!(crate::health::DealHealth::default_config(), file(include_str!("../health/default_config.json")));
    }
}
