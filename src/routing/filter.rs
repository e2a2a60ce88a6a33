//! Filter logic over a rule's numbered criteria, as Salesforce writes it: `(1 AND 2) OR 3`,
//! `1 AND NOT 2`.
//!
//! Criteria are numbered from 1 in the order listed. `AND`, `OR` and `NOT` may be in any case.
//! AND and OR can't be mixed at one level without parentheses (`1 AND 2 OR 3` is refused:
//! write `(1 AND 2) OR 3` or `1 AND (2 OR 3)`), every number must name a criterion, and every
//! criterion must be used. Parentheses nest at most [`MAX_NESTING`] deep.

/// The deepest nesting of parentheses and `NOT`s accepted.
pub const MAX_NESTING: usize = 32;

/// A parsed filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Criterion number `n` (0-based here, 1-based as written).
    Criterion(usize),
    /// Not the filter.
    Not(Box<Filter>),
    /// All of the filters.
    And(Vec<Filter>),
    /// Any of the filters.
    Or(Vec<Filter>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Number(usize),
    And,
    Or,
    Not,
    Open,
    Close,
}

impl Filter {
    /// Parses `text` over `count` criteria; the error is a message for the admin.
    pub fn parse(text: &str, count: usize) -> Result<Filter, String> {
        let tokens = tokenize(text)?;
        if tokens.is_empty() {
            return Err("the filter is empty; write criteria numbers joined by AND / OR, e.g. (1 AND 2) OR 3".to_owned());
        }
        let mut parser = Parser { tokens: &tokens, at: 0, count };
        let filter = parser.expression(0)?;
        if let Some(token) = parser.peek() {
            return Err(format!("unexpected {} after a complete filter", describe(token)));
        }
        let mut used = vec![false; count];
        filter.mark_used(&mut used);
        if let Some(unused) = used.iter().position(|u| !u) {
            return Err(format!("criterion {} is not used in the filter; use it or remove it", unused + 1));
        }
        Ok(filter)
    }

    /// The filter's value, asking `criterion(i)` for criteria as needed (AND and OR stop at
    /// the first criterion that decides them).
    pub fn evaluate(&self, criterion: &mut dyn FnMut(usize) -> bool) -> bool {
        match self {
            Filter::Criterion(i) => criterion(*i),
            Filter::Not(inner) => !inner.evaluate(criterion),
            Filter::And(parts) => parts.iter().all(|p| p.evaluate(criterion)),
            Filter::Or(parts) => parts.iter().any(|p| p.evaluate(criterion)),
        }
    }

    fn mark_used(&self, used: &mut [bool]) {
        match self {
            Filter::Criterion(i) => {
                if let Some(slot) = used.get_mut(*i) {
                    *slot = true;
                }
            }
            Filter::Not(inner) => inner.mark_used(used),
            Filter::And(parts) | Filter::Or(parts) => parts.iter().for_each(|p| p.mark_used(used)),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            tokens.push(if c == '(' { Token::Open } else { Token::Close });
            chars.next();
        } else if c.is_ascii_alphanumeric() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek().filter(|(_, d)| d.is_ascii_alphanumeric()) {
                end = i + d.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            tokens.push(match word.to_ascii_uppercase().as_str() {
                "AND" => Token::And,
                "OR" => Token::Or,
                "NOT" => Token::Not,
                _ => match word.parse::<usize>() {
                    Ok(n) => Token::Number(n),
                    Err(_) => return Err(format!("\"{word}\" is not a criterion number, AND, OR or NOT")),
                },
            });
        } else {
            return Err(format!("\"{c}\" can't be read; write criteria numbers, AND, OR, NOT and parentheses"));
        }
    }
    Ok(tokens)
}

fn describe(token: Token) -> String {
    match token {
        Token::Number(n) => format!("criterion {n}"),
        Token::And => "AND".to_owned(),
        Token::Or => "OR".to_owned(),
        Token::Not => "NOT".to_owned(),
        Token::Open => "\"(\"".to_owned(),
        Token::Close => "\")\"".to_owned(),
    }
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    count: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.at).copied()
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.peek();
        self.at += 1;
        token
    }

    /// Operands joined by one kind of operator.
    fn expression(&mut self, depth: usize) -> Result<Filter, String> {
        let first = self.operand(depth)?;
        let joiner = match self.peek() {
            Some(op @ (Token::And | Token::Or)) => op,
            _ => return Ok(first),
        };
        let mut parts = vec![first];
        while let Some(op @ (Token::And | Token::Or)) = self.peek() {
            if op != joiner {
                return Err("the filter mixes AND and OR without parentheses; write e.g. (1 AND 2) OR 3 or 1 AND (2 OR 3)".to_owned());
            }
            self.next();
            parts.push(self.operand(depth)?);
        }
        Ok(if joiner == Token::And { Filter::And(parts) } else { Filter::Or(parts) })
    }

    fn operand(&mut self, depth: usize) -> Result<Filter, String> {
        if depth >= MAX_NESTING {
            return Err(format!("the filter nests more than {MAX_NESTING} levels deep"));
        }
        match self.next() {
            Some(Token::Number(n)) if (1..=self.count).contains(&n) => Ok(Filter::Criterion(n - 1)),
            Some(Token::Number(n)) => Err(match self.count {
                0 => format!("the filter names criterion {n}, but the rule has no criteria"),
                1 => format!("the filter names criterion {n}, but the rule has 1 criterion (number 1)"),
                c => format!("the filter names criterion {n}, but the rule has {c} criteria (numbered 1 to {c})"),
            }),
            Some(Token::Not) => Ok(Filter::Not(Box::new(self.operand(depth + 1)?))),
            Some(Token::Open) => {
                let inner = self.expression(depth + 1)?;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    Some(other) => Err(format!("expected \")\", found {}", describe(other))),
                    None => Err("a \"(\" is not closed".to_owned()),
                }
            }
            Some(other) => Err(format!("expected a criterion number, NOT or \"(\", found {}", describe(other))),
            None => Err("the filter ends where a criterion number is expected".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Filter::{And, Criterion as C, Not, Or};

    #[test]
    fn parses_salesforce_filter_logic() {
        assert_eq!(Filter::parse("(1 AND 2) OR 3", 3), Ok(Or(vec![And(vec![C(0), C(1)]), C(2)])));
        assert_eq!(Filter::parse("1 and not 2", 2), Ok(And(vec![C(0), Not(Box::new(C(1)))])));
        assert_eq!(Filter::parse(" ((1)) ", 1), Ok(C(0)));
        assert_eq!(Filter::parse("1 OR 2 OR 3", 3), Ok(Or(vec![C(0), C(1), C(2)])));
        assert_eq!(Filter::parse("1 AND (2 OR 1)", 2), Ok(And(vec![C(0), Or(vec![C(1), C(0)])])));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        fn err(text: &str, count: usize) -> String {
            Filter::parse(text, count).unwrap_err()
        }
        assert!(err("1 AND 2 OR 3", 3).contains("mixes AND and OR"));
        assert!(err("1 AND 4", 3).contains("names criterion 4, but the rule has 3 criteria (numbered 1 to 3)"));
        assert!(err("0", 1).contains("criterion 0"));
        assert!(err("1 AND", 2).contains("ends where a criterion number is expected"));
        assert!(err("(1 AND 2", 2).contains("not closed"));
        assert!(err("1 2", 2).contains("unexpected criterion 2"));
        assert!(err("1 XOR 2", 2).contains("\"XOR\" is not"));
        assert!(err("1 && 2", 2).contains("\"&\" can't be read"));
        assert!(err("1 OR 2", 3).contains("criterion 3 is not used"));
        assert!(err("", 0).contains("empty"));
        assert!(err(&format!("{}1{}", "(".repeat(40), ")".repeat(40)), 1).contains("nests more than 32"));
        assert!(err(&"NOT ".repeat(40), 1).contains("nests more than 32"));
    }

    #[test]
    fn evaluates_lazily() {
        let filter = Filter::parse("(1 AND 2) OR 3", 3).unwrap();
        let mut asked = Vec::new();
        let values = [false, true, true];
        assert!(filter.evaluate(&mut |i| {
            asked.push(i);
            values[i]
        }));
        assert_eq!(asked, [0, 2], "2 is not needed once 1 is false");
        assert!(!Filter::parse("NOT 1", 1).unwrap().evaluate(&mut |_| true));
    }
}
