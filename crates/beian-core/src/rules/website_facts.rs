//! What the bureau checks of each website beyond its fields' syntax: the domain's record
//! (registrar, holder, expiry, real-name verification; rules.md §3.7 and §5.3 item 1,
//! parameters in `domain_facts.ron`), the pre-approval a domain's words imply, and the
//! shape of approval numbers where their authority publishes one
//! (`pre_approval_types.ron`).

use chrono::{Months, NaiveDate};

use super::arg::Arg;
use super::data::Tables;
use super::finding::Findings;
use super::people::parse_date;
use super::report::Report;
use crate::model::catalog::{NumberFormat, PreApprovalType, pre_approval_types};
use crate::model::draft::Website;
use crate::model::{Draft, Field, FieldKey, IssueCode, PreApprovalKind, Scope};

/// The approvals a website declares: none while 以上都不涉及 is ticked, whatever was
/// listed before (those are hidden and count for nothing).
pub fn declared_approvals(w: &Website) -> Vec<PreApprovalKind> {
    if w.no_pre_approval {
        return Vec::new();
    }
    w.pre_approvals.iter().map(|p| p.kind).collect()
}

/// Adds the domain-record, forum-domain and approval-number issues of every website.
pub(super) fn check(draft: &Draft, report: &mut Report, today: NaiveDate, tables: &Tables) {
    let types = pre_approval_types().ok();
    for (i, w) in draft.websites.iter().enumerate() {
        if draft.procedure().needs_materials() {
            domain_record(draft, report, i, w, today, tables);
        }
        implied_by_domain(draft, report, i, w, tables);
        if let Some(types) = types
            && draft.is_unit()
        {
            approval_numbers(report, i, w, &types.types, tables);
        }
    }
}

/// A name as compared: no spaces, half-width brackets, ASCII in lower case.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn domain_record(
    draft: &Draft,
    report: &mut Report,
    i: usize,
    w: &Website,
    today: NaiveDate,
    tables: &Tables,
) {
    let key = |field| FieldKey::new(Scope::Website(i), field);
    let facts = &w.domain_facts;
    report.require(
        key(Field::DomainRegistrar),
        !facts.registrar.trim().is_empty(),
    );
    report.require(key(Field::DomainHolder), !facts.holder.trim().is_empty());
    report.require(key(Field::DomainExpiry), !facts.expiry.trim().is_empty());
    report.require(
        key(Field::DomainRealName),
        facts.real_name_verified.is_some(),
    );

    let subject = name_key(&draft.subject.name);
    let holder = name_key(&facts.holder);
    if !holder.is_empty() && !subject.is_empty() && holder != subject {
        report.add_findings(
            key(Field::DomainHolder),
            holder_findings(draft, &holder, tables),
        );
    }

    if !facts.expiry.trim().is_empty() {
        let mut f = Findings::default();
        let months = tables.domain_facts.months_left;
        match parse_date(&facts.expiry) {
            None => f.error(IssueCode::ValidityFormat, Vec::new()),
            Some(end) if end < today => f.error(
                IssueCode::DomainExpired,
                vec![("date", end.to_string().into())],
            ),
            Some(end) => {
                let limit = today
                    .checked_add_months(Months::new(months))
                    .unwrap_or(today);
                if end <= limit {
                    f.error(
                        IssueCode::DomainExpiresSoon,
                        vec![
                            ("date", end.to_string().into()),
                            ("months", Arg::Count(u64::from(months))),
                        ],
                    );
                }
            }
        }
        report.add_findings(key(Field::DomainExpiry), f);
    }

    if facts.real_name_verified == Some(false) {
        let mut f = Findings::default();
        f.error(IssueCode::DomainRealNameMissing, Vec::new());
        report.add_findings(key(Field::DomainRealName), f);
    }
}

/// The holder is not the subject: a unit's legal representative is accepted where the
/// province says so, refused where it says so, and doubtful elsewhere; anyone else is
/// refused.
fn holder_findings(draft: &Draft, holder: &str, tables: &Tables) -> Findings {
    let mut f = Findings::default();
    let rep = name_key(&draft.subject.legal_rep.name);
    if draft.is_unit() && !rep.is_empty() && holder == rep {
        let province = draft.filing.province.get(..2).unwrap_or_default();
        match tables.domain_facts.holder_legal_rep.get(province) {
            Some(rule) if rule.accepted => {}
            Some(rule) => f.error_if(
                rule.confirmed,
                IssueCode::DomainHolderLegalRep,
                vec![("subject", draft.subject.name.trim().to_owned().into())],
            ),
            None => f.warning(
                IssueCode::DomainHolderLegalRep,
                vec![("subject", draft.subject.name.trim().to_owned().into())],
            ),
        }
        return f;
    }
    f.error(
        IssueCode::DomainHolderNotSubject,
        vec![("subject", draft.subject.name.trim().to_owned().into())],
    );
    f
}

/// A domain with a word that implies content needing an approval (`forbidden_words.ron`,
/// `applies_to: "domain"`: `bbs`, `forum`, `luntan` are reviewed as a forum, which needs
/// the 电子公告 approval) must declare it; a personal website cannot hold one.
/// Unconfirmed [S]: a warning.
fn implied_by_domain(draft: &Draft, report: &mut Report, i: usize, w: &Website, tables: &Tables) {
    let domain = draft.website_domain(i).trim().to_lowercase();
    // The registered name, not the suffix (a .forum suffix is no forum word).
    let name = domain
        .rsplit_once('.')
        .map_or(domain.as_str(), |(name, _)| name);
    let declared = declared_approvals(w);
    let implied = tables
        .words
        .pre_approval_implied
        .iter()
        .filter(|i| matches!(i.applies_to.as_str(), "domain" | "both"));
    for rule in implied {
        let Some(kind) = PreApprovalKind::from_key(&rule.requires) else {
            continue;
        };
        if name.is_empty() || !name.contains(&rule.word.to_lowercase()) || declared.contains(&kind)
        {
            continue;
        }
        let (field, code) = if draft.is_unit() {
            (
                FieldKey::new(Scope::Website(i), Field::PreApproval),
                IssueCode::DomainNeedsPreApproval,
            )
        } else if w.is_primary {
            (
                FieldKey::new(Scope::Filing, Field::Domain),
                IssueCode::DomainPersonalNeedsPreApproval,
            )
        } else {
            (
                FieldKey::new(Scope::Website(i), Field::Domain),
                IssueCode::DomainPersonalNeedsPreApproval,
            )
        };
        let mut f = Findings::default();
        f.error_if(
            rule.confirmed,
            code,
            vec![
                ("word", rule.word.clone().into()),
                ("kind", Arg::PreApproval(kind)),
            ],
        );
        report.add_findings(field, f);
        break;
    }
}

fn approval_numbers(
    report: &mut Report,
    i: usize,
    w: &Website,
    types: &[PreApprovalType],
    tables: &Tables,
) {
    if w.no_pre_approval {
        return;
    }
    for p in &w.pre_approvals {
        let number = p.number.trim();
        let Some(t) = types.iter().find(|t| t.key == p.kind) else {
            continue;
        };
        if number.is_empty()
            || t.number_formats.is_empty()
            || t.number_formats
                .iter()
                .any(|format| matches_format(&format.pattern, number, tables))
        {
            continue;
        }
        let confirmed = t.number_formats.iter().any(|format| format.confirmed);
        let examples: Vec<Arg> = t
            .number_formats
            .iter()
            .map(|format: &NumberFormat| Arg::Text(format.example.clone()))
            .collect();
        let mut f = Findings::default();
        f.error_if(
            confirmed,
            IssueCode::PreApprovalNumberFormat,
            vec![
                ("kind", Arg::PreApproval(p.kind)),
                ("number", number.to_owned().into()),
                ("examples", Arg::List(examples)),
            ],
        );
        report.add_findings(FieldKey::new(Scope::Website(i), Field::PreApproval), f);
    }
}

/// One piece of a number format.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    Literal(char),
    Province,
    Year,
    Digits,
    Digit,
}

fn normalize(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '－' | '—' | '–' => '-',
        c => c,
    }
}

fn tokens(pattern: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        let named = [
            ("{province}", Token::Province),
            ("{year}", Token::Year),
            ("{digits}", Token::Digits),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        if let Some((name, token)) = named {
            out.push(token);
            rest = rest.get(name.len()..).unwrap_or_default();
            continue;
        }
        out.push(if c == '#' {
            Token::Digit
        } else {
            Token::Literal(normalize(c))
        });
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// Whether `number` has the shape of `pattern` (see [`NumberFormat`]).
pub fn matches_format(pattern: &str, number: &str, tables: &Tables) -> bool {
    let chars: Vec<char> = number.trim().chars().map(normalize).collect();
    matches_from(&tokens(pattern), &chars, tables)
}

fn matches_from(tokens: &[Token], chars: &[char], tables: &Tables) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return chars.is_empty();
    };
    let digit = |n: usize| chars.get(n).is_some_and(char::is_ascii_digit);
    match first {
        Token::Literal(c) => {
            chars.first() == Some(c)
                && matches_from(rest, chars.get(1..).unwrap_or_default(), tables)
        }
        Token::Digit => digit(0) && matches_from(rest, chars.get(1..).unwrap_or_default(), tables),
        Token::Year => {
            (0..4).all(digit) && matches_from(rest, chars.get(4..).unwrap_or_default(), tables)
        }
        Token::Province => {
            chars
                .first()
                .is_some_and(|c| tables.province_of_abbreviation(&c.to_string()).is_some())
                && matches_from(rest, chars.get(1..).unwrap_or_default(), tables)
        }
        Token::Digits => {
            let run = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            (1..=run).any(|n| matches_from(rest, chars.get(n..).unwrap_or_default(), tables))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_match_their_shapes() {
        let t = Tables::get();
        let p = "({province})-非经营性-{year}-{digits}";
        assert!(matches_format(p, "(京)-非经营性-2023-0001", t));
        assert!(matches_format(p, "（粤）-非经营性-2019-12", t));
        assert!(!matches_format(p, "(京)-非经营性-23-0001", t));
        assert!(!matches_format(p, "(X)-非经营性-2023-0001", t));
        assert!(!matches_format(p, "(京)-非经营性-2023-", t));
        assert!(!matches_format(p, "粤-12345号", t));
        assert!(matches_format("###-{digits}号", "123-4号", t));
        assert!(!matches_format("###-{digits}号", "12-4号", t));
    }
}
