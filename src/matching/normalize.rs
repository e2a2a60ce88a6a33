//! Normalised forms of CRM text, for matching: two values that normalise to the same text are
//! the same company, email, domain or phone number.

use crate::case::lowercase;

/// Legal-form and filler words left out of a company name wherever they stand as a word
/// (after punctuation is removed, so "L.L.C." is "llc" and "S.A." is "sa"). Sorted, for
/// binary search.
const COMPANY_SUFFIXES: &[&str] = &[
    "ab", "ag", "as", "asa", "bv", "co", "company", "corp", "corporation", "gmbh", "group", "holding", "holdings",
    "inc", "incorporated", "kg", "kk", "limited", "llc", "llp", "lp", "ltd", "ltda", "nv", "oy", "oyj", "plc",
    "pte", "pty", "sa", "sarl", "sas", "spa", "srl", "the",
];

/// Free-mail domains: an address there says nothing about the company. Country variants of
/// the large providers (`yahoo.co.uk`, `hotmail.fr`, `gmx.de`…) are recognised by their first
/// label (see [`is_free_mail`]).
const FREE_MAIL: &[&str] = &[
    "aol.com", "fastmail.com", "gmail.com", "googlemail.com", "hey.com", "icloud.com", "inbox.com", "mac.com",
    "mail.com", "me.com", "msn.com", "pm.me", "proton.me", "protonmail.com", "qq.com", "rocketmail.com",
    "tutanota.com", "ymail.com", "zoho.com", "163.com", "126.com", "naver.com", "rediffmail.com", "web.de",
    "t-online.de", "orange.fr", "free.fr", "laposte.net", "libero.it", "seznam.cz", "wp.pl", "o2.pl",
];

/// First labels of providers with a free-mail domain in many countries (`yahoo.fr`,
/// `hotmail.co.uk`, `outlook.de`, `gmx.net`, `yandex.ru`, `mail.ru`…).
const FREE_MAIL_PROVIDERS: &[&str] = &["gmx", "hotmail", "live", "mail", "outlook", "yahoo", "yandex"];

/// A company name for matching: lower case, `&` as "and", punctuation removed, legal forms
/// and "the" left out (see the list in the source), words joined by single spaces. A name that
/// is nothing but such words keeps them ("The Company" → "the company").
pub fn company_name(name: &str) -> String {
    let words = words(name);
    let kept: Vec<&str> = words.iter().map(String::as_str).filter(|w| COMPANY_SUFFIXES.binary_search(w).is_err()).collect();
    if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    }
}

/// The initials of a company name's significant words (legal forms, "and", "of", "the" left
/// out): "International Business Machines Corp." → "ibm". A name of one word gives that word.
pub fn acronym(name: &str) -> String {
    acronym_of_company_name(&company_name(name))
}

/// [`acronym`] of a name already in [`company_name`]'s form, without normalising it again.
pub fn acronym_of_company_name(normalised: &str) -> String {
    let significant: Vec<&str> = normalised.split(' ').filter(|w| !matches!(*w, "and" | "of" | "for" | "the" | "")).collect();
    match significant.as_slice() {
        [one] => (*one).to_owned(),
        many => many.iter().filter_map(|w| w.chars().next()).collect(),
    }
}

/// The words of a text for matching: lower case, letters and digits only (other characters
/// separate words; `&` becomes "and"; apostrophes and dots inside a word are dropped, so
/// "O'Neil" is "oneil" and "L.L.C." is "llc").
pub fn words(text: &str) -> Vec<String> {
    let lower = lowercase(text);
    let mut out = Vec::new();
    let mut word = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if matches!(c, '\'' | '’' | '.') {
            continue;
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == '&' {
                out.push("and".to_owned());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// An email address in canonical form, or `None` when the text is not one: trimmed, lower
/// case, a `+tag` after the local part removed (`jane+news@` is `jane@`), and for Gmail
/// (`gmail.com`, `googlemail.com`, read as `gmail.com`) the dots of the local part removed.
pub fn email(address: &str) -> Option<String> {
    let lower = lowercase(address.trim());
    let (local, domain) = lower.rsplit_once('@')?;
    let local = local.split('+').next().unwrap_or(local);
    if local.is_empty() || !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return None;
    }
    if local.contains(char::is_whitespace) || domain.contains(char::is_whitespace) {
        return None;
    }
    Some(match domain {
        "gmail.com" | "googlemail.com" => format!("{}@gmail.com", local.replace('.', "")),
        _ => format!("{local}@{domain}"),
    })
}

/// The web domain of an email address, a URL or a bare domain, lower case without `www.`:
/// `"jane@Acme.com"`, `"https://www.acme.com/about"` and `"acme.com"` all give `acme.com`.
/// `None` when there is no dotted host.
pub fn domain(text: &str) -> Option<String> {
    let lower = lowercase(text.trim());
    let url = lower.split_once("://").map(|(_, rest)| rest);
    let host = match (url, lower.rsplit_once('@')) {
        (None, Some((_, host))) => host,
        _ => {
            let rest = url.unwrap_or(&lower);
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
            host.split(':').next().unwrap_or(host)
        }
    };
    let host = host.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && !host.starts_with('.')
        && host.split('.').all(|label| !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-'));
    valid.then(|| host.to_owned())
}

/// Whether `domain` (as [`domain`] gives it) is a free-mail provider's.
pub fn is_free_mail(domain: &str) -> bool {
    if FREE_MAIL.contains(&domain) {
        return true;
    }
    let mut labels = domain.split('.');
    let first = labels.next().unwrap_or("");
    // `yahoo.com`, `yahoo.co.uk`, `hotmail.fr`: a provider's name followed by a public suffix
    // of one or two short labels only (so `mail.acme.com` is not free mail).
    let rest: Vec<&str> = labels.collect();
    FREE_MAIL_PROVIDERS.contains(&first)
        && !rest.is_empty()
        && rest.len() <= 2
        && rest.iter().all(|l| l.len() <= 3 || matches!(*l, "com" | "net" | "org"))
}

/// The digits of a phone number, with an international `00` prefix read as `+`: `"+1 (415)
/// 555-0100"` and `"001 415 555 0100"` both give `14155550100`. An extension (`x12`, `ext.
/// 12`) is left out.
pub fn phone(number: &str) -> String {
    let lower = lowercase(number);
    let main = lower.split(['x', '#']).next().unwrap_or("");
    let main = main.split("ext").next().unwrap_or(main);
    let digits: String = main.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("00") {
        Some(rest) if main.trim_start().starts_with("00") => rest.to_owned(),
        _ => digits,
    }
}

/// Whether two phone numbers (as [`phone`] gives them) are the same line: equal, or one
/// with a country code and the other without, agreeing on their last 10 digits (at least 7
/// digits each).
pub fn same_phone(a: &str, b: &str) -> bool {
    if a.len() < 7 || b.len() < 7 {
        return false;
    }
    if a == b {
        return true;
    }
    let tail = |s: &str| s.len().saturating_sub(10);
    let (a_tail, b_tail) = (&a[tail(a)..], &b[tail(b)..]);
    a_tail.len() == 10 && a_tail == b_tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_lose_legal_forms_and_punctuation() {
        assert_eq!(company_name("Acme, Inc."), "acme");
        assert_eq!(company_name("ACME Corporation"), "acme");
        assert_eq!(company_name("Müller GmbH & Co. KG"), "müller and");
        assert_eq!(company_name("Smith & Sons L.L.C."), "smith and sons");
        assert_eq!(company_name("  O'Neil   Labs  "), "oneil labs");
        assert_eq!(company_name("The Company"), "the company");
        assert_eq!(company_name("Betasoloin"), "betasoloin");
        assert_eq!(company_name(""), "");
        assert_eq!(company_name("GTX Pro"), "gtx pro");
    }

    #[test]
    fn the_suffix_list_is_sorted() {
        assert!(COMPANY_SUFFIXES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn acronyms_take_initials_of_significant_words() {
        for name in ["International Business Machines Corp.", "Bank of America", "Acme Inc", "The Company"] {
            assert_eq!(acronym_of_company_name(&company_name(name)), acronym(name), "{name}");
        }
        assert_eq!(acronym("International Business Machines Corp."), "ibm");
        assert_eq!(acronym("Bank of America"), "ba");
        assert_eq!(acronym("Acme Inc"), "acme");
        assert_eq!(acronym("Procter & Gamble"), "pg");
    }

    #[test]
    fn emails_in_canonical_form() {
        assert_eq!(email(" Jane.Doe@Acme.COM ").as_deref(), Some("jane.doe@acme.com"));
        assert_eq!(email("jane+crm@acme.com").as_deref(), Some("jane@acme.com"));
        assert_eq!(email("j.a.n.e+x@gmail.com").as_deref(), Some("jane@gmail.com"));
        assert_eq!(email("jane@googlemail.com").as_deref(), Some("jane@gmail.com"));
        for bad in ["jane", "@acme.com", "jane@acme", "jane@.com", "ja ne@acme.com", ""] {
            assert_eq!(email(bad), None, "{bad}");
        }
    }

    #[test]
    fn domains_from_emails_urls_and_hosts() {
        assert_eq!(domain("jane@Acme.com").as_deref(), Some("acme.com"));
        assert_eq!(domain("https://www.acme.com/about?x=1").as_deref(), Some("acme.com"));
        assert_eq!(domain("http://user@shop.acme.co.uk:8080/").as_deref(), Some("shop.acme.co.uk"));
        assert_eq!(domain("acme.com.").as_deref(), Some("acme.com"));
        assert_eq!(domain("localhost"), None);
        assert_eq!(domain("not a domain"), None);
    }

    #[test]
    fn free_mail_domains() {
        for free in ["gmail.com", "yahoo.com", "yahoo.co.uk", "hotmail.fr", "outlook.com", "gmx.de", "mail.ru", "proton.me"] {
            assert!(is_free_mail(free), "{free}");
        }
        for business in ["acme.com", "mail.acme.com", "yahoo-inc.com", "outlookpartners.com"] {
            assert!(!is_free_mail(business), "{business}");
        }
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(phone("+1 (415) 555-0100"), "14155550100");
        assert_eq!(phone("001 415 555 0100"), "14155550100");
        assert_eq!(phone("415.555.0100 x12"), "4155550100");
        assert_eq!(phone("415-555-0100 ext. 9"), "4155550100");
        assert!(same_phone(&phone("+1 415 555 0100"), &phone("(415) 555-0100")));
        assert!(!same_phone(&phone("+44 20 7946 0958"), &phone("+1 415 555 0100")));
        assert!(!same_phone("123", "123"), "too short to mean a line");
    }
}
