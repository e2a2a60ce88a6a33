//! Seeded generators of CRM records with near-duplicates of known ground truth, for the
//! hygiene tests (`tests/hygiene_generated.rs`) and bench (`benches/hygiene.rs`).
//!
//! People are built from first and last names at given companies; a share of them get one to
//! three near-duplicates with the edits CRM data really shows: case, a typo, a nickname or an
//! initial for the first name, a legal suffix on the company, Gmail dots and `+tags`, another
//! phone format, a field left blank, a personal address instead of the work one. Every record
//! carries its family (the base it was made from): two records are true duplicates exactly
//! when they share a family.
#![allow(dead_code)]

use serde_json::{json, Map, Value};

/// splitmix64: a small seeded generator, the same sequence on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub const FIRST_NAMES: &[&str] = &[
    "Robert", "William", "Elizabeth", "Katherine", "Michael", "James", "John", "Jennifer", "Margaret", "Richard", "Thomas", "Joseph",
    "Christopher", "Daniel", "Matthew", "Anthony", "Patricia", "Susan", "Deborah", "Barbara", "Samuel", "Nicholas", "Alexander", "Jessica",
    "Rebecca", "Maria", "Brian", "Priya", "Wei", "Ahmed", "Olga", "Fatima", "Kenji", "Lucia", "Noah", "Emma", "Olivia", "Mason", "Sofia",
    "Aisha", "Diego", "Chloe", "Hannah", "Ethan", "Grace", "Leah", "Omar", "Ines", "Yuki", "Mateo", "Zara", "Ravi", "Elena", "Tomas",
];

pub const LAST_NAMES: &[&str] = &[
    "Johnson", "Halligan", "Smith", "Garcia", "Nguyen", "Patel", "Kowalski", "Okafor", "Schmidt", "Rossi", "Tanaka", "Andersson",
    "Dubois", "Murphy", "O'Brien", "Fernandez", "Kim", "Chen", "Singh", "Novak", "Haddad", "Ivanova", "Moreau", "Costa", "Jensen",
    "MacDonald", "Van der Berg", "Lindqvist", "Abernathy", "Whitaker", "Castellanos", "Yamamoto", "Brennan", "Delacroix", "Hoffmann",
    "Lowe", "Mendoza", "Park", "Quinn", "Reyes", "Sato", "Thornton", "Underwood", "Vasquez", "Walsh", "Xu", "Young", "Zimmerman",
];

/// Short forms a duplicate may use for a first name.
const NICKNAMES: &[(&str, &str)] = &[
    ("Robert", "Bob"), ("William", "Bill"), ("Elizabeth", "Liz"), ("Katherine", "Kate"), ("Michael", "Mike"), ("James", "Jim"),
    ("John", "Jack"), ("Jennifer", "Jen"), ("Margaret", "Peggy"), ("Richard", "Rick"), ("Thomas", "Tom"), ("Joseph", "Joe"),
    ("Christopher", "Chris"), ("Daniel", "Dan"), ("Matthew", "Matt"), ("Anthony", "Tony"), ("Patricia", "Trish"), ("Susan", "Sue"),
    ("Deborah", "Debbie"), ("Barbara", "Barb"), ("Samuel", "Sam"), ("Nicholas", "Nick"), ("Alexander", "Alex"), ("Jessica", "Jess"),
    ("Rebecca", "Becky"),
];

/// Legal suffixes a duplicate may add to a company name.
const SUFFIXES: &[&str] = &[" Inc.", ", Inc", " Corp", " LLC", " Ltd", " Corporation", " Co."];

/// A company: its name as the base records write it, and its web domain.
#[derive(Clone, Debug)]
pub struct Company {
    pub name: String,
    pub domain: String,
    /// The switchboard number some of its people give as their phone.
    pub main_line: String,
}

impl Company {
    pub fn new(name: &str, domain: &str, rng: &mut Rng) -> Company {
        Company { name: name.to_owned(), domain: domain.to_owned(), main_line: us_phone(rng) }
    }
}

/// Records with their families: `family[i]` is the base record `records[i]` was made from.
pub struct Generated {
    pub records: Vec<Value>,
    pub family: Vec<usize>,
}

impl Generated {
    /// The true duplicate pairs `(i, j)`, `i < j`: records of one family.
    pub fn true_pairs(&self) -> Vec<(usize, usize)> {
        let mut by_family: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
        for (i, f) in self.family.iter().enumerate() {
            by_family.entry(*f).or_default().push(i);
        }
        let mut out = Vec::new();
        for members in by_family.values() {
            for (k, &a) in members.iter().enumerate() {
                for &b in &members[k + 1..] {
                    out.push((a, b));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// A US phone number in the `+1 (415) 555-0123` format.
pub fn us_phone(rng: &mut Rng) -> String {
    let area = 201 + rng.below(780);
    let exchange = 201 + rng.below(780);
    format!("+1 ({area}) {exchange}-{:04}", rng.below(10_000))
}

fn text<'a>(record: &'a Value, field: &str) -> &'a str {
    record.get(field).and_then(Value::as_str).unwrap_or("")
}

fn ascii_letters(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_lowercase()
}

/// `base` people (each unique by name and company, email and phone) at `companies`, with
/// `share` of them given 1 to 3 near-duplicates. `seed_people` come first, as given.
pub fn contacts(rng: &mut Rng, companies: &[Company], seed_people: &[Value], bases: usize, share: f64) -> Generated {
    let mut people: Vec<Value> = seed_people.to_vec();
    let mut seen: std::collections::BTreeSet<String> = people.iter().map(|p| format!("{}|{}|{}", text(p, "firstName"), text(p, "lastName"), text(p, "company"))).collect();
    let mut emails: std::collections::BTreeSet<String> = people.iter().map(|p| text(p, "email").to_owned()).collect();
    while people.len() < bases {
        let first = *rng.pick(FIRST_NAMES);
        let last = *rng.pick(LAST_NAMES);
        let company = rng.pick(companies).clone();
        let key = format!("{first}|{last}|{}", company.name);
        if !seen.insert(key) {
            continue;
        }
        let (f, l) = (ascii_letters(first), ascii_letters(last));
        let email = match rng.below(10) {
            0 | 1 => format!("{f}.{l}{}@gmail.com", rng.below(100)),
            2 | 3 => format!("{}{l}@{}", &f[..1], company.domain),
            _ => format!("{f}.{l}@{}", company.domain),
        };
        if !emails.insert(email.clone()) {
            continue;
        }
        let phone = match rng.below(10) {
            0 => Value::Null,
            1 => Value::String(company.main_line.clone()),
            _ => Value::String(us_phone(rng)),
        };
        people.push(json!({ "firstName": first, "lastName": last, "company": company.name, "email": email, "phone": phone }));
    }
    let mut out = Generated { records: Vec::new(), family: Vec::new() };
    for (family, person) in people.iter().enumerate() {
        out.records.push(person.clone());
        out.family.push(family);
        if rng.chance(share) {
            for _ in 0..1 + rng.below(3) {
                out.records.push(near_duplicate(rng, person));
                out.family.push(family);
            }
        }
    }
    shuffle(rng, &mut out);
    for (i, record) in out.records.iter_mut().enumerate() {
        if let Value::Object(map) = record {
            map.insert("id".to_owned(), json!(format!("c{i}")));
        }
    }
    out
}

/// Shuffles records and families together (Fisher-Yates).
fn shuffle(rng: &mut Rng, g: &mut Generated) {
    for i in (1..g.records.len()).rev() {
        let j = rng.below(i + 1);
        g.records.swap(i, j);
        g.family.swap(i, j);
    }
}

/// One character of `s` (not the first) substituted, swapped with the next, or dropped.
pub fn typo(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.len() < 4 {
        return s.to_owned();
    }
    let at = 1 + rng.below(chars.len() - 2);
    match rng.below(3) {
        0 => chars[at] = *rng.pick(&['a', 'e', 'i', 'o', 'n', 'r', 's', 't']),
        1 => chars.swap(at, at + 1),
        _ => {
            chars.remove(at);
        }
    }
    chars.into_iter().collect()
}

/// The same person written again, with one to three edits.
pub fn near_duplicate(rng: &mut Rng, person: &Value) -> Value {
    let mut r: Map<String, Value> = person.as_object().cloned().unwrap_or_default();
    let edits = 1 + rng.below(3);
    for _ in 0..edits {
        let first = r.get("firstName").and_then(Value::as_str).unwrap_or("").to_owned();
        let last = r.get("lastName").and_then(Value::as_str).unwrap_or("").to_owned();
        let company = r.get("company").and_then(Value::as_str).unwrap_or("").to_owned();
        let email = r.get("email").and_then(Value::as_str).unwrap_or("").to_owned();
        let phone = r.get("phone").and_then(Value::as_str).unwrap_or("").to_owned();
        match rng.below(10) {
            0 => {
                r.insert("lastName".into(), json!(if rng.chance(0.5) { last.to_uppercase() } else { last.to_lowercase() }));
                r.insert("firstName".into(), json!(first.to_lowercase()));
            }
            1 => {
                r.insert("lastName".into(), json!(typo(rng, &last)));
            }
            2 => {
                let short = NICKNAMES.iter().find(|(full, _)| *full == first).map(|(_, nick)| (*nick).to_owned());
                let initial = format!("{}.", first.chars().next().unwrap_or('x'));
                r.insert("firstName".into(), json!(short.filter(|_| rng.chance(0.7)).unwrap_or(initial)));
            }
            3 => {
                r.insert("firstName".into(), json!(typo(rng, &first)));
            }
            4 => {
                let suffix = *rng.pick(SUFFIXES);
                let name = if rng.chance(0.3) { company.to_uppercase() } else { company.clone() };
                r.insert("company".into(), json!(format!("{name}{suffix}")));
            }
            5 => {
                let (local, domain) = email.split_once('@').unwrap_or((&email, ""));
                let edited = if domain == "gmail.com" {
                    match rng.below(3) {
                        0 => format!("{}@gmail.com", local.replace('.', "")),
                        1 => format!("{local}+crm@gmail.com"),
                        _ => format!("{}@googlemail.com", local.to_uppercase()),
                    }
                } else if rng.chance(0.5) {
                    format!("{local}+news@{domain}")
                } else {
                    email.to_uppercase()
                };
                r.insert("email".into(), json!(edited));
            }
            6 => {
                let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
                if digits.len() == 11 {
                    let d = &digits[1..];
                    let formatted = match rng.below(3) {
                        0 => format!("({}) {}-{}", &d[..3], &d[3..6], &d[6..]),
                        1 => format!("{}.{}.{}", &d[..3], &d[3..6], &d[6..]),
                        _ => format!("001 {} {} {}", &d[..3], &d[3..6], &d[6..]),
                    };
                    r.insert("phone".into(), json!(formatted));
                }
            }
            7 => {
                let field = *rng.pick(&["phone", "email", "company"]);
                r.insert(field.into(), Value::Null);
            }
            8 => {
                let (f, l) = (ascii_letters(&first), ascii_letters(&last));
                r.insert("email".into(), json!(format!("{}{l}{}@gmail.com", f.chars().next().unwrap_or('x'), rng.below(1000))));
            }
            _ => {
                r.insert("firstName".into(), json!(format!(" {first} ")));
                r.insert("lastName".into(), json!(format!("{last}  ")));
            }
        }
    }
    Value::Object(r)
}

/// Company names made from words, with their domains, for large sets.
pub fn synthetic_companies(rng: &mut Rng, n: usize) -> Vec<Company> {
    const A: &[&str] = &["Blue", "North", "Apex", "Silver", "Bright", "Iron", "Green", "Summit", "Harbor", "Pioneer", "Crystal", "Golden", "Rapid", "Quantum", "Cedar", "Falcon", "Orbit", "Maple", "Vertex", "Coral"];
    const B: &[&str] = &["River", "Stone", "Peak", "Field", "Bridge", "Wave", "Forge", "Lake", "Ridge", "Point", "Gate", "Works", "Labs", "Path", "Line", "Grove", "Crest", "Vale", "Port", "Spark"];
    const C: &[&str] = &["Logistics", "Software", "Health", "Energy", "Foods", "Capital", "Media", "Robotics", "Textiles", "Analytics", "Hotels", "Motors", "Pharma", "Systems", "Partners", "Supply", "Studios", "Networks", "Dynamics", "Materials"];
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let name = format!("{} {} {}", rng.pick(A), rng.pick(B), rng.pick(C));
        let serial = if seen.contains(&name) { format!(" {}", out.len()) } else { String::new() };
        let name = format!("{name}{serial}");
        if !seen.insert(name.clone()) {
            continue;
        }
        let domain = format!("{}.com", name.to_lowercase().replace(' ', ""));
        out.push(Company::new(&name, &domain, rng));
    }
    out
}

/// Precision and recall of predicted duplicate pairs against the true ones.
pub struct Scores {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Scores {
    pub fn of(predicted: &[(usize, usize)], truth: &[(usize, usize)]) -> Scores {
        let truth: std::collections::BTreeSet<_> = truth.iter().copied().collect();
        let predicted: std::collections::BTreeSet<_> = predicted.iter().copied().collect();
        let tp = predicted.intersection(&truth).count();
        Scores { true_positives: tp, false_positives: predicted.len() - tp, false_negatives: truth.len() - tp }
    }

    pub fn precision(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_positives).max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.true_positives as f64 / (self.true_positives + self.false_negatives).max(1) as f64
    }
}
