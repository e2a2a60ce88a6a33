//! A record's values in the normalised forms matching compares, computed once per record.

use serde_json::Value;

use super::config::Normalise;
use crate::matching::normalize::{acronym_of_company_name, company_name, domain, email, is_free_mail, phone, words};
use crate::matching::variants::{given_name_groups, person_name};
use crate::read::{self, Unreadable};
use crate::rules::number::format_number;
use crate::time;

/// A value in a normalised form. Person names and company names carry what their fuzzy
/// measures need, so that comparing two records computes nothing per pair but similarities.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Prepared {
    /// Text in the field's form.
    Text(String),
    /// A person name, with the given-name groups of its first word.
    Person { name: String, groups: Vec<u16> },
    /// A company name, with its acronym.
    Company { name: String, acronym: String },
}

impl Prepared {
    /// The normalised text.
    pub(crate) fn text(&self) -> &str {
        match self {
            Prepared::Text(text) | Prepared::Person { name: text, .. } | Prepared::Company { name: text, .. } => text,
        }
    }
}

/// Fewer digits than this are not a phone number to match on (see
/// [`crate::matching::normalize::same_phone`]).
const MIN_PHONE_DIGITS: usize = 7;

/// `value` in the form `normalise`: `None` when it is blank, or when its form can't be had
/// (text that is not an email address, a domain, or a phone number of at least 7 digits; a
/// free-mail domain for `businessDomain`), so that it never matches. An error when the value
/// can't be read as the form needs (a list where text belongs, text that is not a date…).
pub(crate) fn prepare(normalise: Normalise, value: Option<&Value>) -> Result<Option<Prepared>, Unreadable> {
    let text_of = |value| read::text(value).map(|t| t.map(|t| t.into_owned()));
    let prepared = match normalise {
        Normalise::Date | Normalise::Month => read::date(value)?.map(|ms| {
            let day = time::format_date(ms);
            let text = if normalise == Normalise::Month { day.get(..7).unwrap_or(&day).to_owned() } else { day };
            Prepared::Text(text)
        }),
        Normalise::Number => read::number(value)?.map(|n| Prepared::Text(format_number(n))),
        Normalise::None => text_of(value)?.map(Prepared::Text),
        other => text_of(value)?.and_then(|t| textual(other, &t)),
    };
    Ok(prepared.filter(|p| !p.text().is_empty()))
}

/// Text in a textual form; `None` when it has no such form.
fn textual(normalise: Normalise, text: &str) -> Option<Prepared> {
    let plain = |s: String| Some(Prepared::Text(s));
    match normalise {
        Normalise::Text => plain(words(text).join(" ")),
        Normalise::Compact => plain(words(text).concat()),
        Normalise::PersonName => {
            let name = person_name(text);
            let groups = given_name_groups(&name);
            Some(Prepared::Person { name, groups })
        }
        Normalise::Company => {
            let name = company_name(text);
            Some(Prepared::Company { acronym: acronym_of_company_name(&name), name })
        }
        Normalise::Email => email(text).and_then(plain),
        Normalise::Domain => domain(text).and_then(plain),
        Normalise::BusinessDomain => domain(text).filter(|d| !is_free_mail(d)).and_then(plain),
        Normalise::Phone => Some(phone(text)).filter(|digits| digits.len() >= MIN_PHONE_DIGITS).and_then(plain),
        Normalise::None | Normalise::Date | Normalise::Month | Normalise::Number => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(normalise: Normalise, value: Value) -> Option<String> {
        prepare(normalise, Some(&value)).unwrap().map(|p| p.text().to_owned())
    }

    #[test]
    fn each_form() {
        assert_eq!(text(Normalise::None, json!(" Acme ")).as_deref(), Some(" Acme "));
        assert_eq!(text(Normalise::None, json!(240)).as_deref(), Some("240"));
        assert_eq!(text(Normalise::Text, json!("Acme,  Inc.")).as_deref(), Some("acme inc"));
        assert_eq!(text(Normalise::Compact, json!("GTX Pro")), text(Normalise::Compact, json!("GTXPro")));
        assert_eq!(text(Normalise::PersonName, json!("Dr. Jane Doe")).as_deref(), Some("jane doe"));
        assert_eq!(text(Normalise::Company, json!("The Acme Corp.")).as_deref(), Some("acme"));
        assert_eq!(text(Normalise::Email, json!("J.Doe+x@gmail.com")).as_deref(), Some("jdoe@gmail.com"));
        assert_eq!(text(Normalise::Domain, json!("https://www.acme.com/x")).as_deref(), Some("acme.com"));
        assert_eq!(text(Normalise::BusinessDomain, json!("jane@gmail.com")), None);
        assert_eq!(text(Normalise::BusinessDomain, json!("jane@acme.com")).as_deref(), Some("acme.com"));
        assert_eq!(text(Normalise::Phone, json!("+1 (415) 555-0100")).as_deref(), Some("14155550100"));
        assert_eq!(text(Normalise::Phone, json!("n/a")), None);
        assert_eq!(text(Normalise::Phone, json!("12345")), None, "too short to be a line");
        assert_eq!(text(Normalise::Date, json!("2026-11-24T22:00:00Z")).as_deref(), Some("2026-11-24"));
        assert_eq!(text(Normalise::Month, json!("2026-11-24")).as_deref(), Some("2026-11"));
        assert_eq!(text(Normalise::Number, json!("1200.50")), text(Normalise::Number, json!(1200.5)));
        assert_eq!(text(Normalise::Email, json!("not an email")), None);
        assert_eq!(text(Normalise::Text, json!(" -- ")), None, "nothing left is blank");
    }

    #[test]
    fn names_and_companies_carry_their_measures() {
        let bob = prepare(Normalise::PersonName, Some(&json!("Bob"))).unwrap().unwrap();
        assert!(matches!(&bob, Prepared::Person { groups, .. } if !groups.is_empty()));
        let ibm = prepare(Normalise::Company, Some(&json!("International Business Machines"))).unwrap().unwrap();
        assert!(matches!(&ibm, Prepared::Company { acronym, .. } if acronym == "ibm"));
    }

    #[test]
    fn blanks_and_unreadable_values() {
        assert_eq!(prepare(Normalise::Text, None), Ok(None));
        assert_eq!(prepare(Normalise::Text, Some(&json!("  "))), Ok(None));
        assert_eq!(prepare(Normalise::Month, Some(&json!(null))), Ok(None));
        assert!(prepare(Normalise::Month, Some(&json!("next week"))).is_err());
        assert!(prepare(Normalise::Number, Some(&json!("1,200"))).is_err());
        assert!(prepare(Normalise::Text, Some(&json!(["a"]))).is_err());
    }
}
