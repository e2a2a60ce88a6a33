//! Places as leads write them: countries by ISO code or name, and the states, provinces and
//! territories of the United States, Canada and Australia by code or name.
//!
//! `places.txt` is generated from Debian's iso-codes by `scripts/gen-countries.py`. Names are
//! compared by their words ([`place_key`]): case, accents kept, punctuation ignored, so
//! `"U.S.A."`, `"usa"` and `"United States of America"` are one country.

use crate::matching::normalize::words;
use crate::matching::similarity::jaro_winkler;

/// The table: a code, a tab, names separated by `|` (the display name first).
const PLACES: &str = include_str!("places.txt");

/// The countries whose subdivisions the table lists.
pub const SUBDIVIDED: [&str; 3] = ["US", "CA", "AU"];

/// How place names are compared: lower case, letters and digits, words joined by one space.
pub fn place_key(text: &str) -> String {
    words(text).join(" ")
}

/// A place of the table: its code and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// `US`, or `US-CA` for a subdivision.
    pub code: &'static str,
    /// The display name (`United States`, `California`).
    pub name: &'static str,
    /// Every name and code, `|`-separated, the display name first.
    names: &'static str,
}

impl Place {
    /// Whether the place is a subdivision (`US-CA`) rather than a country.
    pub fn is_subdivision(&self) -> bool {
        self.code.contains('-')
    }

    /// The keys ([`place_key`]) it is known by: its names, and its code (for a subdivision,
    /// the part after the country: `CA` for `US-CA`).
    pub fn keys(&self) -> Vec<String> {
        let short = self.code.rsplit('-').next().unwrap_or(self.code);
        let mut keys: Vec<String> = self.names.split('|').chain([short]).map(place_key).collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

/// Every place of the table, countries first.
pub fn places() -> impl Iterator<Item = Place> {
    PLACES.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let (code, names) = line.split_once('\t')?;
        Some(Place { code, name: names.split('|').next().unwrap_or(code), names })
    })
}

/// The country `text` names (an ISO 3166 alpha-2 or alpha-3 code or a name), if any.
pub fn country(text: &str) -> Option<Place> {
    let key = place_key(text);
    places().filter(|p| !p.is_subdivision()).find(|p| p.keys().contains(&key))
}

/// The subdivisions `text` names (a code such as `CA` or `US-CA`, or a name), among those of
/// `countries` when given: more than one when a code is shared (`WA`: Washington, Western
/// Australia).
pub fn subdivisions(text: &str, countries: &[&str]) -> Vec<Place> {
    let key = place_key(text);
    places()
        .filter(|p| p.is_subdivision())
        .filter(|p| countries.is_empty() || countries.iter().any(|c| p.code.starts_with(c) && p.code.as_bytes().get(2) == Some(&b'-')))
        .filter(|p| p.keys().contains(&key) || place_key(p.code) == key)
        .collect()
}

/// The country name nearest to `text`, for suggestions.
pub fn nearest_country(text: &str) -> Option<&'static str> {
    let key = place_key(text);
    let mut best: Option<(f64, &'static str)> = None;
    for place in places().filter(|p| !p.is_subdivision()) {
        for name in place.names.split('|') {
            let score = jaro_winkler(&key, &place_key(name));
            if best.map_or(true, |(b, _)| score > b) {
                best = Some((score, place.name));
            }
        }
    }
    best.filter(|(score, _)| *score >= 0.75).map(|(_, name)| name)
}

/// A postal code for prefix comparison: upper case, letters and digits only
/// (`"SW1A 1AA"` → `SW1A1AA`, `"94107-1234"` → `941071234`).
pub fn postal_key(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_or_name() {
        for text in ["US", "usa", "U.S.A.", "United States of America", "united states", "America"] {
            assert_eq!(country(text).map(|p| p.code), Some("US"), "{text}");
        }
        assert_eq!(country("Korea").map(|p| p.code), Some("KR"));
        assert_eq!(country("Deutschland"), None);
        assert_eq!(country("DEU").map(|p| p.name), Some("Germany"));
        assert_eq!(country("Cote d'Ivoire").map(|p| p.code), Some("CI"));
        assert_eq!(country("Côte d’Ivoire").map(|p| p.code), Some("CI"));
        assert_eq!(country("Philipines"), None);
        assert_eq!(nearest_country("Philipines"), Some("Philippines"));
        assert_eq!(nearest_country("Germnay"), Some("Germany"));
    }

    #[test]
    fn subdivisions_by_code_or_name() {
        let codes = |text, countries: &[&str]| subdivisions(text, countries).iter().map(|p| p.code).collect::<Vec<_>>();
        assert_eq!(codes("CA", &[]), ["US-CA"]);
        assert_eq!(codes("california", &["US"]), ["US-CA"]);
        assert_eq!(codes("US-CA", &[]), ["US-CA"]);
        assert_eq!(codes("WA", &[]), ["AU-WA", "US-WA"]);
        assert_eq!(codes("WA", &["AU"]), ["AU-WA"]);
        assert_eq!(codes("Ontario", &[]), ["CA-ON"]);
        assert_eq!(codes("Bavaria", &[]), Vec::<&str>::new());
    }

    #[test]
    fn postal_codes_compare_without_spaces() {
        assert_eq!(postal_key("sw1a 1aa"), "SW1A1AA");
        assert_eq!(postal_key("94107-1234"), "941071234");
    }
}
