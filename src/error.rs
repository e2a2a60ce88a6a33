//! The one error type every engine returns, and the one list of error codes.
//!
//! An [`Error`] says which side was wrong ([`ErrorKind::Config`] for a model, pipeline or rule
//! an admin wrote; [`ErrorKind::Input`] for a record or option passed at evaluation time;
//! [`ErrorKind::Internal`] for a fault of pipescore's own), carries a stable [`ErrorCode`], the
//! JSON path of the offending value and a message written for a CRM admin. Bindings turn it
//! into their language's error with the same fields (in JS a `PipescoreConfigError`,
//! `PipescoreInputError` or `PipescoreInternalError`).

use std::fmt;

/// Which side of a call was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A configuration (rule, scoring model, pipeline, health config…) is invalid.
    Config,
    /// A record or an option passed to an evaluation is invalid.
    Input,
    /// pipescore itself failed; the message says what to report.
    Internal,
}

impl ErrorKind {
    /// The error class name bindings use for this kind (`PipescoreConfigError`, …).
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Config => "PipescoreConfigError",
            ErrorKind::Input => "PipescoreInputError",
            ErrorKind::Internal => "PipescoreInternalError",
        }
    }
}

/// Declares [`ErrorCode`], its text, its meaning, the kinds of error that carry it, the list
/// of all codes and the TypeScript union of their texts, from one table.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $text:literal in [$($kind:ident),+],)+) => {
        /// A stable, machine-readable error code. Its text (SCREAMING_SNAKE_CASE, see
        /// [`ErrorCode::as_str`]) never changes meaning; new codes may be added.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl ErrorCode {
            /// Every code, in the order of the table.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The TypeScript declaration of the codes' texts:
            /// `export type PipescoreErrorCode = "…" | …;`.
            pub const TYPESCRIPT: &'static str =
                concat!("export type PipescoreErrorCode =", $(" | \"", $text, "\""),+, ";");

            /// The code's text, e.g. `"UNKNOWN_OPERATOR"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)+
                }
            }

            /// What the code means, one sentence for the documentation's table.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => concat!($($doc),+).trim_ascii(),)+
                }
            }

            /// The kinds of error (and so the JS classes) that carry this code.
            pub fn kinds(self) -> &'static [ErrorKind] {
                match self {
                    $(ErrorCode::$variant => &[$(ErrorKind::$kind),+],)+
                }
            }

            /// The code whose text is `text`.
            pub fn from_text(text: &str) -> Option<ErrorCode> {
                match text {
                    $($text => Some(ErrorCode::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    // Shape and values of configs and records.
    /// A config does not have the expected shape: a member of the wrong type, a missing member, or an unknown value of a fixed list.
    InvalidShape = "INVALID_SHAPE" in [Config, Input],
    /// A config, option or input object has a member pipescore does not know; the message names the nearest known one.
    UnknownKey = "UNKNOWN_KEY" in [Config, Input],
    /// An option has a value pipescore can't use, or the options are not an object.
    InvalidOption = "INVALID_OPTION" in [Input],
    /// `now` is not a valid date, ISO-8601 text or epoch milliseconds.
    InvalidNow = "INVALID_NOW" in [Input],
    /// A record is not of the kind an engine reads (not an object, a list where a record belongs, a CRM payload passed without its adapter), or holds none of the fields the engine reads.
    InvalidRecord = "INVALID_RECORD" in [Input],
    /// A record field that must be a number holds something else (numeric text such as `"1200.50"` is a number).
    InvalidNumber = "INVALID_NUMBER" in [Input],
    /// A record field that must be a date holds something that is not ISO-8601 text or epoch milliseconds.
    InvalidDate = "INVALID_DATE" in [Input],
    /// A record field that must be true or false holds something else.
    InvalidBoolean = "INVALID_BOOLEAN" in [Input],
    /// A record field that must be text holds a list or an object.
    InvalidText = "INVALID_TEXT" in [Input],
    /// A list was expected (of records, rules, stages…) and something else was given.
    NotAList = "NOT_A_LIST" in [Config, Input],
    /// A value can't cross into pipescore: a cycle, a BigInt, a getter or `toJSON` that throws, a revoked Proxy, text that is not valid Unicode.
    Unserializable = "UNSERIALIZABLE" in [Config, Input],
    /// JSON text could not be parsed.
    InvalidJson = "INVALID_JSON" in [Input],
    /// A value is nested more deeply than pipescore reads (128 levels of data, 64 of a rule).
    TooDeep = "TOO_DEEP" in [Config, Input],
    /// A value is larger than pipescore reads (a rule of more than 10,000 parts, a list of more than 16,777,216 items in one call).
    TooLarge = "TOO_LARGE" in [Config, Input],
    /// An index or count passed to an edit (`set`, `remove`…) is not a whole number within the collection.
    InvalidIndex = "INVALID_INDEX" in [Input],
    /// A method was called on an object after its `free()`, or an object was passed where another kind belongs.
    Freed = "FREED" in [Input],
    /// Two items of one list have the same id (stages, rules, groups, pipelines, handoffs, criteria).
    DuplicateId = "DUPLICATE_ID" in [Config],
    /// An id is empty or not text.
    InvalidId = "INVALID_ID" in [Config, Input],
    /// A field name is empty.
    EmptyField = "EMPTY_FIELD" in [Config],
    // Rules.
    /// A rule uses an operator pipescore does not know; the message suggests the nearest one.
    UnknownOperator = "UNKNOWN_OPERATOR" in [Config],
    /// An operator has too few or too many arguments.
    WrongArity = "WRONG_ARITY" in [Config],
    // Lead scoring.
    /// A scoring model has no groups.
    NoGroups = "NO_GROUPS" in [Config],
    /// A group has an unknown `type` (fit, engagement, negative).
    UnknownGroupType = "UNKNOWN_GROUP_TYPE" in [Config],
    /// A rule's points are not a finite number.
    InvalidPoints = "INVALID_POINTS" in [Config],
    /// A cap (of a scoring group or rule, or of the leads a rep is routed a day or a month) is not a positive number.
    InvalidCap = "INVALID_CAP" in [Config],
    /// A cap's minimum is above its maximum.
    CapMinAboveMax = "CAP_MIN_ABOVE_MAX" in [Config],
    /// A decay setting is invalid.
    InvalidDecay = "INVALID_DECAY" in [Config],
    /// A decay has an unknown `type`.
    UnknownDecayType = "UNKNOWN_DECAY_TYPE" in [Config],
    /// An event rule's timeframe is not a positive number of days.
    InvalidTimeframe = "INVALID_TIMEFRAME" in [Config],
    /// An event rule's frequency is invalid.
    InvalidFrequency = "INVALID_FREQUENCY" in [Config],
    /// An event rule names no event, or an empty one.
    InvalidEventName = "INVALID_EVENT_NAME" in [Config],
    /// An event rule sits in a fit group, which reads the lead's fields only.
    EventRuleInFitGroup = "EVENT_RULE_IN_FIT_GROUP" in [Config],
    /// A time window is set on a fit group, which has no events to window.
    TimeOnFitGroup = "TIME_ON_FIT_GROUP" in [Config],
    /// A rule has both `when` and `event`, or neither.
    ConflictingCriteria = "CONFLICTING_CRITERIA" in [Config],
    /// A rule has neither `when` nor `event`.
    MissingCriterion = "MISSING_CRITERION" in [Config],
    /// Grade thresholds are not in descending order.
    GradesNotDescending = "GRADES_NOT_DESCENDING" in [Config],
    /// A lifecycle stage name is empty.
    EmptyStage = "EMPTY_STAGE" in [Config],
    // Pipelines and stage gates.
    /// A pipeline config has no pipelines.
    NoPipelines = "NO_PIPELINES" in [Config],
    /// A pipeline has no open stage.
    NoOpenStage = "NO_OPEN_STAGE" in [Config],
    /// A pipeline has no won or no lost stage.
    MissingTerminalStage = "MISSING_TERMINAL_STAGE" in [Config],
    /// An open stage is listed after a won or lost stage.
    OpenStageAfterTerminal = "OPEN_STAGE_AFTER_TERMINAL" in [Config],
    /// A won or lost stage has exit criteria, which can never be used.
    ExitCriteriaOnTerminalStage = "EXIT_CRITERIA_ON_TERMINAL_STAGE" in [Config],
    /// No stage allows creating a deal in it.
    NoCreationStages = "NO_CREATION_STAGES" in [Config],
    /// A stage's probability is not between 0 and 1 (or 0 and 100 for Salesforce).
    InvalidProbability = "INVALID_PROBABILITY" in [Config],
    /// A stage's expected days are not a positive number.
    InvalidExpectedDays = "INVALID_EXPECTED_DAYS" in [Config],
    /// A handoff's SLA is not a positive duration.
    InvalidSla = "INVALID_SLA" in [Config],
    /// A pipeline id is not in the config.
    UnknownPipeline = "UNKNOWN_PIPELINE" in [Input],
    /// A stage is not in the pipeline (by id or label, in any case).
    UnknownStage = "UNKNOWN_STAGE" in [Config, Input],
    /// A handoff id is not in the config.
    UnknownHandoff = "UNKNOWN_HANDOFF" in [Input],
    /// A deal has no stage, where one is needed.
    MissingStage = "MISSING_STAGE" in [Input],
    /// A stage table entry is invalid (metrics' stages).
    InvalidStage = "INVALID_STAGE" in [Input],
    // Deal health.
    /// A health config names a signal pipescore does not know.
    UnknownSignal = "UNKNOWN_SIGNAL" in [Config],
    /// A health config names a warning pipescore does not know.
    UnknownWarning = "UNKNOWN_WARNING" in [Config],
    /// A weight is not a finite number of at least 0.
    InvalidWeight = "INVALID_WEIGHT" in [Config],
    /// Every signal weighs 0.
    NoWeight = "NO_WEIGHT" in [Config],
    /// Band thresholds are invalid.
    InvalidBands = "INVALID_BANDS" in [Config],
    /// A threshold is not a finite number in its range.
    InvalidThreshold = "INVALID_THRESHOLD" in [Config],
    /// Thresholds that must rise (or fall) do not.
    ThresholdsNotOrdered = "THRESHOLDS_NOT_ORDERED" in [Config],
    /// A contact role table is invalid.
    InvalidRoles = "INVALID_ROLES" in [Config],
    /// A list of response activity types is invalid.
    InvalidResponseTypes = "INVALID_RESPONSE_TYPES" in [Config],
    // Metrics.
    /// A reporting period is invalid (unknown name, end before start).
    InvalidPeriod = "INVALID_PERIOD" in [Input],
    /// A quota is invalid.
    InvalidQuota = "INVALID_QUOTA" in [Input],
    // CRM adapters.
    /// A CRM value pipescore maps to its own (a forecast category such as `Best Case`) is not one it knows; the message lists the known ones.
    UnknownValue = "UNKNOWN_VALUE" in [Input],
    // Lead routing.
    /// A time zone is not an IANA time zone name pipescore knows; the message names the nearest one.
    UnknownTimeZone = "UNKNOWN_TIME_ZONE" in [Config],
    /// A routing rule, territory, pool or named account refers to a rep, queue, pool or territory the config does not define; the message names the nearest id.
    UnknownReference = "UNKNOWN_REFERENCE" in [Config],
    /// A routing rule's filter logic (such as `(1 AND 2) OR 3`) can't be read, mixes AND and OR without parentheses, names a criterion number the rule does not have, or leaves one out.
    InvalidFilter = "INVALID_FILTER" in [Config],
    /// A rep's schedule can't be read: working hours that are not `HH:MM`, an unknown weekday, an out-of-office range that ends before it starts, a holiday that is not a date.
    InvalidSchedule = "INVALID_SCHEDULE" in [Config],
    /// A territory names a country pipescore does not know; the message names the nearest one.
    UnknownCountry = "UNKNOWN_COUNTRY" in [Config],
    /// A range's minimum is above its maximum (a territory's employees or revenue).
    InvalidRange = "INVALID_RANGE" in [Config],
    // Data hygiene.
    /// A duplicate config gives an object no match rules, or duplicates are looked for in an object the config has no rules for.
    NoMatchRules = "NO_MATCH_RULES" in [Config],
    /// A match rule or a blocking key lists no fields.
    EmptyMatchRule = "EMPTY_MATCH_RULE" in [Config],
    /// A match field combines a method, normalisation, measure or threshold that do not go together.
    InvalidMatchMethod = "INVALID_MATCH_METHOD" in [Config],
    /// A match field's m and u probabilities are not both given with 0 < u < m < 1.
    InvalidMatchProbability = "INVALID_MATCH_PROBABILITY" in [Config],
    /// Duplicate blocking is missing or invalid: no key, a key part's length below 1, a window or block-size cap below 2.
    InvalidBlocking = "INVALID_BLOCKING" in [Config],
    // The JS boundary.
    /// An object was changed (or used while being changed) by a getter, `toJSON` or Proxy trap in the values passed to one of its own calls.
    InUse = "IN_USE" in [Input],
    // Internal.
    /// pipescore failed on its own; please report it with the message.
    Internal = "INTERNAL" in [Internal],
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

/// A failure with a stable code, the JSON path of the offending value and a readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Config, input or internal.
    pub kind: ErrorKind,
    /// The stable code, e.g. [`ErrorCode::UnknownOperator`].
    pub code: ErrorCode,
    /// JSON path of the offending value, rooted at `$`, e.g. `$.groups[0].rules[2].points`.
    pub path: String,
    /// Plain-language explanation for a CRM admin.
    pub message: String,
}

impl Error {
    /// An error of `kind`.
    pub fn new(kind: ErrorKind, code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { kind, code, path: path.into(), message: message.into() }
    }

    /// A configuration error at `path`.
    pub fn config(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config, code, path, message)
    }

    /// An input (record or option) error at `path`.
    pub fn input(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Input, code, path, message)
    }

    /// An internal error (`INTERNAL` at `$`): pipescore failed on its own.
    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, ErrorCode::Internal, "$", message)
    }

    /// The same error with `prefix` put in front of its path, for errors raised by a nested
    /// component (e.g. a rule compiled inside a scoring model, a record inside a batch).
    ///
    /// `prefix` is a full path such as `$.groups[0].rules[1].when`; the nested error's own
    /// `$` is replaced by it.
    pub fn within(mut self, prefix: &str) -> Self {
        let rest = self.path.strip_prefix('$').unwrap_or(&self.path);
        self.path = format!("{prefix}{rest}");
        self
    }
}

/// `INVALID_INDEX` (at `$`) unless the positions `range` are all among the `len` items of
/// `container` (e.g. "The set", whose items are each a "deal"), whose message says what it
/// holds. An empty range is within when it starts at most at `len`.
pub fn check_range(range: std::ops::Range<usize>, len: usize, container: &str, item: &str) -> Result<()> {
    if range.end <= len {
        return Ok(());
    }
    let held = match len {
        0 => format!("it holds no {item}"),
        1 => format!("it holds 1 {item}, at index 0"),
        n => format!("it holds {n} {item}s, at indexes 0 to {}", n - 1),
    };
    let wanted = match range.len() {
        0 | 1 => format!("index {}", range.start),
        _ => format!("indexes {} to {}", range.start, range.end - 1),
    };
    Err(Error::input(ErrorCode::InvalidIndex, "$", format!("{container} has no {item} at {wanted}: {held}.")))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code, self.path, self.message)
    }
}

impl std::error::Error for Error {}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_replaces_the_root() {
        let e = Error::config(ErrorCode::InvalidShape, "$.a[0]", "m").within("$.rules[2].when");
        assert_eq!(e.path, "$.rules[2].when.a[0]");
        let root = Error::config(ErrorCode::InvalidShape, "$", "m").within("$.when");
        assert_eq!(root.path, "$.when");
    }

    #[test]
    fn display_names_code_and_path() {
        let e = Error::input(ErrorCode::InvalidNow, "$.now", "not a date");
        assert_eq!(e.to_string(), "INVALID_NOW at $.now: not a date");
        assert_eq!(e.kind.class_name(), "PipescoreInputError");
        assert_eq!(Error::internal("x").kind.class_name(), "PipescoreInternalError");
    }

    #[test]
    fn every_code_has_a_unique_screaming_text_and_a_meaning() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "{text}");
            assert!(seen.insert(text), "{text} twice");
            assert_eq!(ErrorCode::from_text(text), Some(code));
            assert!(code.meaning().ends_with('.') && !code.meaning().contains('\n'), "{text}: {}", code.meaning());
        }
        assert!(ErrorCode::TYPESCRIPT.starts_with("export type PipescoreErrorCode = | \"INVALID_SHAPE\""));
    }
}
