//! When two different texts are one name: person names in normalised form, given-name variants
//! (Bob and Robert), initials (J. and John) and company acronyms (IBM and International
//! Business Machines).

use std::sync::OnceLock;

use super::normalize::words;

/// Titles and generational or academic suffixes left out of a person's name.
const NAME_AFFIXES: &[&str] = &["dr", "esq", "ii", "iii", "iv", "jr", "md", "miss", "mr", "mrs", "ms", "mx", "phd", "prof", "sir", "sr"];

/// Given names and their usual short forms, one group per formal name. A short form may
/// belong to several groups (`alex` is short for Alexander and for Alexandra).
const GIVEN_NAME_GROUPS: &[&[&str]] = &[
    &["abigail", "abby", "gail"],
    &["albert", "al", "bert"],
    &["alexander", "alex", "alec", "sasha", "xander"],
    &["alexandra", "alex", "alexa", "lexi", "sandra", "sasha"],
    &["alfred", "al", "alf", "fred"],
    &["andrew", "andy", "drew"],
    &["anthony", "tony"],
    &["antonio", "tony"],
    &["barbara", "barb", "babs"],
    &["benjamin", "ben", "benji", "benny"],
    &["bernard", "bernie"],
    &["catherine", "cat", "cate", "cathy", "kate", "katie"],
    &["charles", "charlie", "chas", "chuck"],
    &["christina", "chris", "chrissy", "tina"],
    &["christine", "chris", "chrissy", "tina"],
    &["christopher", "chris", "kit", "topher"],
    &["cynthia", "cindy"],
    &["daniel", "dan", "danny"],
    &["david", "dave", "davy"],
    &["deborah", "deb", "debbie", "debra"],
    &["donald", "don", "donnie"],
    &["dorothy", "dot", "dottie"],
    &["douglas", "doug"],
    &["edward", "ed", "eddie", "ned", "ted"],
    &["elizabeth", "beth", "betsy", "betty", "eliza", "libby", "lisa", "liz", "lizzie"],
    &["eugene", "gene"],
    &["frances", "fran", "frankie"],
    &["francis", "fran", "frank"],
    &["frederick", "fred", "freddie"],
    &["gabriel", "gabe"],
    &["geoffrey", "geoff", "jeff"],
    &["gerald", "gerry", "jerry"],
    &["gregory", "greg"],
    &["harold", "hal", "harry"],
    &["henry", "hal", "hank", "harry"],
    &["isabella", "bella", "isabel", "izzy"],
    &["jacob", "jake"],
    &["james", "jamie", "jim", "jimmy"],
    &["jeffrey", "jeff"],
    &["jennifer", "jen", "jenn", "jenny"],
    &["jessica", "jess", "jessie"],
    &["john", "jack", "johnny", "jon"],
    &["jonathan", "jon", "jonny"],
    &["joseph", "joe", "joey"],
    &["joshua", "josh"],
    &["judith", "judy"],
    &["katherine", "kat", "kate", "kathryn", "kathy", "katie"],
    &["kenneth", "ken", "kenny"],
    &["kimberly", "kim"],
    &["lawrence", "larry", "laurence"],
    &["leonard", "len", "lenny", "leo"],
    &["margaret", "greta", "maggie", "marge", "meg", "peggy"],
    &["matthew", "matt"],
    &["michael", "mick", "mike", "mikey"],
    &["nathan", "nate"],
    &["nathaniel", "nat", "nate"],
    &["nicholas", "nick", "nicky"],
    &["pamela", "pam"],
    &["patricia", "pat", "patty", "tricia", "trish"],
    &["patrick", "paddy", "pat"],
    &["peter", "pete"],
    &["philip", "phil", "phillip"],
    &["raymond", "ray"],
    &["rebecca", "becca", "becky"],
    &["richard", "dick", "rich", "richie", "rick", "ricky"],
    &["robert", "bob", "bobby", "rob", "robbie"],
    &["ronald", "ron", "ronnie"],
    &["russell", "russ"],
    &["samantha", "sam", "sammy"],
    &["samuel", "sam", "sammy"],
    &["sandra", "sandy"],
    &["stephen", "steve", "steven", "stevie"],
    &["susan", "sue", "susie", "suzy"],
    &["theodore", "ted", "teddy", "theo"],
    &["thomas", "tom", "tommy"],
    &["timothy", "tim", "timmy"],
    &["victoria", "tori", "vicky"],
    &["vincent", "vince"],
    &["walter", "wally", "walt"],
    &["william", "bill", "billy", "liam", "will", "willy"],
    &["zachary", "zach", "zack"],
];

/// A person's name for matching: the [`words`] of the text without titles and suffixes
/// (`Dr.`, `Mr`, `Jr.`, `PhD`…), joined by single spaces. A name that is nothing but such words
/// keeps them.
pub fn person_name(name: &str) -> String {
    let words = words(name);
    let kept: Vec<&str> = words.iter().map(String::as_str).filter(|w| !NAME_AFFIXES.contains(w)).collect();
    if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    }
}

/// Every `(name, group)` of [`GIVEN_NAME_GROUPS`], sorted by name, built on first use.
fn given_name_index() -> &'static [(&'static str, u16)] {
    static INDEX: OnceLock<Vec<(&'static str, u16)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Vec::new();
        for (group, names) in GIVEN_NAME_GROUPS.iter().enumerate() {
            let group = u16::try_from(group).unwrap_or(u16::MAX);
            index.extend(names.iter().map(|name| (*name, group)));
        }
        index.sort_unstable();
        index
    })
}

/// The groups of given names the first word of `name` (a [`person_name`]) belongs to, in
/// increasing order: empty for a name the table does not know. Two names that share a group
/// are variants of one given name; compute the groups once per record and compare them with
/// [`share_a_group`].
pub fn given_name_groups(name: &str) -> Vec<u16> {
    let first = name.split(' ').next().unwrap_or("");
    let index = given_name_index();
    let from = index.partition_point(|(n, _)| *n < first);
    index.get(from..).unwrap_or(&[]).iter().take_while(|(n, _)| *n == first).map(|&(_, g)| g).collect()
}

/// Whether two increasing lists of groups (from [`given_name_groups`]) share one.
pub fn share_a_group(a: &[u16], b: &[u16]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether the first words of two person names (as [`person_name`] gives them) are variants
/// of one given name: `bob` and `robert`, `liz` and `beth`.
pub fn given_name_variants(a: &str, b: &str) -> bool {
    share_a_group(&given_name_groups(a), &given_name_groups(b))
}

/// Whether two person names (as [`person_name`] gives them) agree word for word once
/// initials are read as the words they start: `j` and `john`, `j f kennedy` and `john
/// fitzgerald kennedy`. Both need the same number of words, and at least one initial is used
/// (equal names are not "initials agreeing").
pub fn initials_agree(a: &str, b: &str) -> bool {
    let (aw, bw): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if aw.len() != bw.len() || a.is_empty() || b.is_empty() {
        return false;
    }
    let is_initial_of = |short: &str, long: &str| {
        let mut chars = short.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if long.starts_with(c) && long.chars().nth(1).is_some())
    };
    let mut used = false;
    for (x, y) in aw.iter().zip(&bw) {
        if x == y {
            continue;
        }
        if is_initial_of(x, y) || is_initial_of(y, x) {
            used = true;
        } else {
            return false;
        }
    }
    used
}

/// Whether `short`, a company name of one word as [`super::normalize::company_name`] gives it
/// (`ibm`), is the acronym of another company, given that company's normalised name
/// (`international business machines`, at least two words) and its
/// [`super::normalize::acronym`] (`ibm`, at least two letters).
pub fn is_acronym_of(short: &str, long_name: &str, long_acronym: &str) -> bool {
    !short.contains(' ') && long_name.contains(' ') && long_acronym.chars().nth(1).is_some() && short == long_acronym
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::normalize::{acronym, company_name};

    #[test]
    fn person_names_lose_titles_and_suffixes() {
        assert_eq!(person_name("Dr. Martin Luther King, Jr."), "martin luther king");
        assert_eq!(person_name("  O'Brien  "), "obrien");
        assert_eq!(person_name("J. Smith"), "j smith");
        assert_eq!(person_name("Mr"), "mr");
        assert_eq!(person_name(""), "");
    }

    #[test]
    fn given_name_variants_share_a_group() {
        assert!(given_name_variants("bob", "robert"));
        assert!(given_name_variants("bobby smith", "rob"));
        assert!(given_name_variants("liz", "beth"));
        assert!(given_name_variants("alex", "sasha"));
        assert!(!given_name_variants("bob", "william"));
        assert!(!given_name_variants("zelda", "zelda"), "a name the table does not know has no variants");
        assert_eq!(given_name_groups("nobody"), Vec::<u16>::new());
        let alex = given_name_groups("alex");
        assert_eq!(alex.len(), 2, "Alexander and Alexandra");
        assert!(alex.windows(2).all(|w| w[0] < w[1]));
        assert!(share_a_group(&[1, 4, 9], &[2, 9]));
        assert!(!share_a_group(&[1, 4], &[]));
    }

    #[test]
    fn the_name_table_is_lower_case_without_repeats_in_a_group() {
        for group in GIVEN_NAME_GROUPS {
            for (i, name) in group.iter().enumerate() {
                assert!(name.chars().all(|c| c.is_ascii_lowercase()), "{name}");
                assert!(!group[..i].contains(name), "{name} twice");
            }
        }
    }

    #[test]
    fn initials_stand_for_words() {
        assert!(initials_agree("j", "john"));
        assert!(initials_agree("john", "j"));
        assert!(initials_agree("j f kennedy", "john fitzgerald kennedy"));
        assert!(!initials_agree("john", "john"), "no initial used");
        assert!(!initials_agree("j", "mary"));
        assert!(!initials_agree("j smith", "john"), "different word counts");
        assert!(!initials_agree("j", "j"));
        assert!(!initials_agree("", "john"));
    }

    #[test]
    fn acronyms_of_companies() {
        let long = "International Business Machines Corp.";
        assert!(is_acronym_of(&company_name("IBM"), &company_name(long), &acronym(long)));
        assert!(!is_acronym_of(&company_name("IBM Inc"), &company_name("Ibm"), &acronym("Ibm")), "one word is not an acronym's long form");
        assert!(!is_acronym_of(&company_name("IBX"), &company_name(long), &acronym(long)));
        assert!(!is_acronym_of(&company_name("Big Blue"), &company_name(long), &acronym(long)));
    }
}
