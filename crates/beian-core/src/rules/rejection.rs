//! The common reasons a filing is returned (rules.md §5.3, `assets/data/rejection_causes.ron`)
//! and, for one draft, what beian can say about each: its checks found nothing, they found
//! problems (which), or only a person can check it. The review step shows the result so the
//! applicant sees which of the nine causes beian has covered and which are left to them.

use serde::Deserialize;

use super::report::{Issue, Report, Severity};
use crate::data::{self, Shipped, TableError};
use crate::model::{Draft, IssueCode};

/// The table as shipped.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RejectionCauses {
    /// Data edition.
    pub edition: String,
    /// Where the list comes from.
    pub source: String,
    /// The causes, in the order of the source.
    pub causes: Vec<RejectionCause>,
}

/// One common reason for return.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RejectionCause {
    /// Its key: the title is `rejection.cause.<key>`, the explanation `….hint`.
    pub key: String,
    /// Issue codes that answer it; `prefix*` stands for every code starting with `prefix`.
    pub codes: Vec<String>,
    /// What only a person can check.
    pub person_checks: Vec<PersonCheck>,
    /// Sources.
    pub sources: Vec<String>,
}

/// Something only a person can check.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PersonCheck {
    /// Its key: the text is `rejection.person.<key>`.
    pub key: String,
    /// `all`, `unit` (any non-personal host) or `personal`.
    pub applies_to: String,
}

impl RejectionCause {
    /// Whether issues with this code answer the cause.
    pub fn covers(&self, code: IssueCode) -> bool {
        self.codes
            .iter()
            .any(|pattern| matches(pattern, code.key()))
    }

    /// The i18n key of the title.
    pub fn title_key(&self) -> String {
        format!("rejection.cause.{}", self.key)
    }

    /// The i18n key of the explanation.
    pub fn hint_key(&self) -> String {
        format!("rejection.cause.{}.hint", self.key)
    }
}

impl PersonCheck {
    /// The i18n key of its text.
    pub fn text_key(&self) -> String {
        format!("rejection.person.{}", self.key)
    }

    /// Whether it applies to this draft.
    pub fn applies_to_draft(&self, draft: &Draft) -> bool {
        match self.applies_to.as_str() {
            "unit" => draft.is_unit(),
            "personal" => !draft.is_unit(),
            _ => true,
        }
    }
}

/// Whether a code pattern (`exact.key` or `prefix*`) matches a code's key.
pub fn matches(pattern: &str, key: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => key.starts_with(prefix),
        None => pattern == key,
    }
}

static CAUSES: Shipped<RejectionCauses> = Shipped::new(data::REJECTION_CAUSES);

/// The shipped table, or why it cannot be read.
pub fn causes() -> Result<&'static RejectionCauses, &'static TableError> {
    CAUSES.get()
}

/// What beian can say about one cause for a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict<'a> {
    /// beian checks it and found nothing (what only a person can check may remain).
    Clear,
    /// beian checks it and found these errors and warnings.
    Problems(Vec<&'a Issue>),
    /// beian has no check for it: only a person can.
    NeedsPerson,
}

/// One cause with its verdict for a draft.
#[derive(Clone, Debug)]
pub struct CauseCheck<'a> {
    /// The cause.
    pub cause: &'static RejectionCause,
    /// What beian found.
    pub verdict: Verdict<'a>,
    /// What a person still has to check for this draft.
    pub person_checks: Vec<&'static PersonCheck>,
}

/// For each common reason for return, in the table's order: checked and clear, checked
/// with problems (the errors and warnings of the report that answer it; notices are not
/// problems), or only a person can check it.
pub fn rejection_causes<'a>(
    draft: &Draft,
    report: &'a Report,
) -> Result<Vec<CauseCheck<'a>>, &'static TableError> {
    Ok(check_with(causes()?, draft, report))
}

fn check_with<'a>(
    table: &'static RejectionCauses,
    draft: &Draft,
    report: &'a Report,
) -> Vec<CauseCheck<'a>> {
    table
        .causes
        .iter()
        .map(|cause| {
            let verdict = if cause.codes.is_empty() {
                Verdict::NeedsPerson
            } else {
                let problems: Vec<&Issue> = report
                    .issues
                    .iter()
                    .filter(|i| i.severity != Severity::Notice && cause.covers(i.code))
                    .collect();
                if problems.is_empty() {
                    Verdict::Clear
                } else {
                    Verdict::Problems(problems)
                }
            };
            CauseCheck {
                cause,
                verdict,
                person_checks: cause
                    .person_checks
                    .iter()
                    .filter(|p| p.applies_to_draft(draft))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Locale, has_key};
    use crate::model::{Field, FieldKey, FilingKind, Scope};

    #[test]
    fn the_table_has_the_nine_causes_of_the_source_and_every_text() {
        let table = causes().unwrap();
        let keys: Vec<&str> = table.causes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "domain",
                "website_name",
                "existing_sites",
                "pre_approval",
                "contacts",
                "certificates",
                "subject",
                "process",
                "face"
            ]
        );
        for cause in &table.causes {
            assert!(!cause.sources.is_empty(), "{} has no source", cause.key);
            assert!(
                !cause.codes.is_empty() || !cause.person_checks.is_empty(),
                "{} is answered by nothing",
                cause.key
            );
            for pattern in &cause.codes {
                assert!(
                    IssueCode::ALL.iter().any(|c| matches(pattern, c.key())),
                    "{}: {pattern} matches no issue code",
                    cause.key
                );
            }
            for check in &cause.person_checks {
                assert!(
                    ["all", "unit", "personal"].contains(&check.applies_to.as_str()),
                    "{}: {}",
                    cause.key,
                    check.applies_to
                );
            }
            for locale in [Locale::ZhCn, Locale::En] {
                let mut keys = vec![cause.title_key(), cause.hint_key()];
                keys.extend(cause.person_checks.iter().map(PersonCheck::text_key));
                for key in keys {
                    assert!(has_key(locale, &key), "{key} missing in {locale:?}");
                }
            }
        }
    }

    #[test]
    fn patterns_match_exactly_or_by_prefix() {
        assert!(matches("domain.*", "domain.format"));
        assert!(matches("mobile.format", "mobile.format"));
        assert!(!matches("mobile.format", "mobile.format2"));
        assert!(!matches("domain.*", "homepage.format"));
    }

    fn issue(code: IssueCode, severity: Severity) -> Issue {
        Issue {
            field: FieldKey::new(Scope::SubjectResponsible, Field::Mobile),
            code,
            severity,
            args: Vec::new(),
        }
    }

    fn verdict_of<'a>(checks: &'a [CauseCheck<'a>], key: &str) -> &'a Verdict<'a> {
        &checks.iter().find(|c| c.cause.key == key).unwrap().verdict
    }

    #[test]
    fn each_cause_is_clear_has_problems_or_needs_a_person() {
        let table = causes().unwrap();
        let unit = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let personal = crate::store::samples::sample(FilingKind::Personal).unwrap();
        let report = Report {
            issues: vec![
                issue(IssueCode::MobileNotLocal, Severity::Warning),
                issue(IssueCode::EmailFormat, Severity::Error),
                issue(IssueCode::MobileNormalized, Severity::Notice),
                issue(IssueCode::DomainNormalized, Severity::Notice),
            ],
            ..Report::default()
        };
        let checks = check_with(table, &unit, &report);
        assert_eq!(checks.len(), 9);
        let Verdict::Problems(found) = verdict_of(&checks, "contacts") else {
            panic!("{:?}", verdict_of(&checks, "contacts"));
        };
        let codes: Vec<&str> = found.iter().map(|i| i.code.key()).collect();
        assert_eq!(codes, ["mobile.not_local", "email.format"]);
        // A notice is not a problem.
        assert_eq!(verdict_of(&checks, "domain"), &Verdict::Clear);
        assert_eq!(verdict_of(&checks, "face"), &Verdict::Clear);
        assert_eq!(verdict_of(&checks, "existing_sites"), &Verdict::NeedsPerson);
        // The credit system is a unit's matter only.
        let person_keys = |checks: &[CauseCheck<'_>], key: &str| {
            checks
                .iter()
                .find(|c| c.cause.key == key)
                .unwrap()
                .person_checks
                .iter()
                .map(|p| p.key.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(person_keys(&checks, "subject"), ["credit_system"]);
        let personal_checks = check_with(table, &personal, &report);
        assert!(person_keys(&personal_checks, "subject").is_empty());
        // The sample filing without its documents and face photo attached: only the
        // checklist lines (missing documents, missing photo) answer a cause with problems;
        // everything else is clear.
        let report = crate::rules::validate(&unit);
        for check in rejection_causes(&unit, &report).unwrap() {
            match (&check.verdict, check.cause.key.as_str()) {
                (Verdict::Problems(issues), "certificates") => {
                    assert!(issues.iter().all(|i| i.code == IssueCode::DocumentMissing))
                }
                (Verdict::Problems(issues), "face") => {
                    assert!(issues.iter().all(|i| i.code == IssueCode::FaceMissing))
                }
                (Verdict::Problems(issues), key) => panic!("{key}: {issues:?}"),
                (Verdict::NeedsPerson, key) => assert_eq!(key, "existing_sites"),
                (Verdict::Clear, _) => {}
            }
        }
    }
}
