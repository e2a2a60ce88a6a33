//! Matching CRM text: the normalised forms and similarity measures that lead-to-account
//! matching (routing) and duplicate detection (hygiene) share, so that "the same company" and
//! "the same email" mean one thing everywhere.
//!
//! - [`normalize`]: company names without legal suffixes and punctuation, acronyms, email
//!   addresses in canonical form, web domains, free-mail domains, phone digits.
//! - [`similarity`]: Jaro-Winkler and Levenshtein, on Unicode characters.
//! - [`variants`]: person names, given-name variants (Bob and Robert), initials and company
//!   acronyms.
//!
//! ```
//! use pipescore::matching::{normalize, similarity, variants};
//! assert_eq!(normalize::company_name("The Acme Corp., Inc."), "acme");
//! assert_eq!(normalize::acronym("International Business Machines"), "ibm");
//! assert_eq!(normalize::email("J.Doe+news@GoogleMail.com").as_deref(), Some("jdoe@gmail.com"));
//! assert_eq!(normalize::domain("https://www.Acme.com/about").as_deref(), Some("acme.com"));
//! assert!(normalize::is_free_mail("yahoo.co.uk"));
//! assert_eq!(normalize::phone("+1 (415) 555-0100"), "14155550100");
//! assert!(similarity::jaro_winkler("martha", "marhta") > 0.96);
//! assert_eq!(similarity::levenshtein("kitten", "sitting"), 3);
//! assert!(variants::given_name_variants("bob", "robert"));
//! assert!(variants::initials_agree("j", "john"));
//! ```

pub mod candidates;
pub mod normalize;
pub mod similarity;
pub mod variants;
