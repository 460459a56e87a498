//! Text hygiene for every free-text field: no control, zero-width or direction-changing
//! characters (they survive copy and paste from web pages and make a bureau's system
//! reject or garble the record), and a length limit per field.

use super::arg::Arg;
use super::finding::Findings;
use super::report::Report;
use crate::model::IssueCode;
use crate::model::{Draft, Field, FieldKey, Scope};

/// Characters that are invisible or change text direction.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// Checks one text: forbidden characters and length.
pub fn check_text(text: &str, max_chars: usize) -> Findings {
    let mut f = Findings::default();
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        f.error(IssueCode::TextControlChars, Vec::new());
    }
    if text.chars().any(is_invisible) {
        f.error(IssueCode::TextInvisibleChars, Vec::new());
    }
    let count = text.chars().count();
    if count > max_chars {
        f.error(
            IssueCode::TextTooLong,
            vec![
                ("count", Arg::Count(count as u64)),
                ("max", Arg::Count(max_chars as u64)),
            ],
        );
    }
    // Emoji and other symbols outside the Basic Multilingual Plane are not stored by the
    // filing systems (they use 3-byte UTF-8); CJK extension characters are allowed.
    if text
        .chars()
        .any(|c| (c as u32) >= 0x1F000 && !((0x20000..=0x3FFFF).contains(&(c as u32))))
    {
        f.error(IssueCode::TextEmoji, Vec::new());
    }
    f
}

/// Every free-text field of the draft with its limit, in characters.
fn fields(draft: &Draft) -> Vec<(FieldKey, &str, usize)> {
    fn push<'a>(
        out: &mut Vec<(FieldKey, &'a str, usize)>,
        scope: Scope,
        field: Field,
        text: &'a str,
        max: usize,
    ) {
        out.push((FieldKey::new(scope, field), text, max));
    }
    let mut out = Vec::new();
    let f = &draft.filing;
    push(
        &mut out,
        Scope::Filing,
        Field::CertNumber,
        &f.cert_number,
        64,
    );
    push(&mut out, Scope::Filing, Field::Domain, &f.domain, 253);
    push(
        &mut out,
        Scope::Filing,
        Field::ServerIp,
        &f.cloud.server_ip,
        64,
    );
    push(
        &mut out,
        Scope::Filing,
        Field::AuthCode,
        &f.cloud.auth_code,
        64,
    );
    push(
        &mut out,
        Scope::Filing,
        Field::CancelReason,
        &f.cancel_reason,
        500,
    );
    let s = &draft.subject;
    push(&mut out, Scope::Subject, Field::Name, &s.name, 100);
    push(
        &mut out,
        Scope::Subject,
        Field::IcpNumber,
        &s.icp_number,
        40,
    );
    push(
        &mut out,
        Scope::Subject,
        Field::CertAddress,
        &s.cert_address,
        200,
    );
    push(&mut out, Scope::Subject, Field::Investor, &s.investor, 100);
    push(
        &mut out,
        Scope::Subject,
        Field::MailingAddress,
        &s.mailing_address,
        200,
    );
    push(&mut out, Scope::Subject, Field::Remark, &s.remark, 1000);
    push(
        &mut out,
        Scope::LegalRep,
        Field::Name,
        &s.legal_rep.name,
        50,
    );
    push(
        &mut out,
        Scope::LegalRep,
        Field::CertNumber,
        &s.legal_rep.cert_number,
        64,
    );
    let mut people = vec![(Scope::SubjectResponsible, &s.responsible)];
    for (i, w) in draft.websites.iter().enumerate() {
        let scope = Scope::Website(i);
        push(&mut out, scope, Field::Name, &w.name, 50);
        push(&mut out, scope, Field::Domain, &w.domain, 253);
        push(&mut out, scope, Field::Homepage, &w.homepage, 300);
        let facts = &w.domain_facts;
        push(
            &mut out,
            scope,
            Field::DomainRegistrar,
            &facts.registrar,
            100,
        );
        push(&mut out, scope, Field::DomainHolder, &facts.holder, 100);
        push(&mut out, scope, Field::DomainExpiry, &facts.expiry, 20);
        push(&mut out, scope, Field::IcpNumber, &w.icp_number, 40);
        push(&mut out, scope, Field::Remark, &w.remark, 1000);
        people.push((Scope::WebsiteResponsible(i), &w.responsible));
    }
    for (i, app) in draft.apps.iter().enumerate() {
        let scope = Scope::App(i);
        push(&mut out, scope, Field::Name, &app.name, 50);
        push(
            &mut out,
            scope,
            Field::ServiceContent,
            &app.service_content,
            200,
        );
        push(&mut out, scope, Field::Remark, &app.remark, 1000);
        push(&mut out, scope, Field::Domain, &app.domains, 2000);
        push(&mut out, scope, Field::ServerIp, &app.server_ips, 1000);
        for sdk in &app.sdks {
            push(&mut out, scope, Field::Sdk, &sdk.vendor, 100);
        }
        for approval in &app.pre_approvals {
            push(&mut out, scope, Field::PreApproval, &approval.number, 100);
        }
        for (j, p) in app.packages.iter().enumerate() {
            let scope = Scope::AppPackage(i, j);
            push(&mut out, scope, Field::PackageName, &p.package_name, 160);
            push(&mut out, scope, Field::PublicKey, &p.public_key, 2000);
            push(&mut out, scope, Field::Fingerprint, &p.fingerprint, 128);
        }
        if draft.is_unit() {
            people.push((Scope::AppResponsible(i), &app.responsible));
        }
    }
    for (i, m) in draft.mini_programs.iter().enumerate() {
        let scope = Scope::Mini(i);
        push(&mut out, scope, Field::AppId, &m.app_id, 64);
        push(&mut out, scope, Field::Name, &m.name, 50);
        push(
            &mut out,
            scope,
            Field::ServiceContent,
            &m.service_types,
            500,
        );
        push(&mut out, scope, Field::PreApproval, &m.pre_approvals, 1000);
        if draft.is_unit() {
            people.push((Scope::MiniResponsible(i), &m.responsible));
        }
    }
    for (scope, p) in people {
        push(&mut out, scope, Field::Name, &p.name, 50);
        push(&mut out, scope, Field::CertNumber, &p.cert_number, 64);
        push(&mut out, scope, Field::Mobile, &p.mobile, 32);
        push(&mut out, scope, Field::Phone2, &p.phone2, 32);
        push(
            &mut out,
            scope,
            Field::EmergencyPhone,
            &p.emergency_phone,
            32,
        );
        push(&mut out, scope, Field::Email, &p.email, 254);
    }
    out
}

/// Checks every free-text field; returns the fields with problems, whose content checks
/// are then skipped (one clear message rather than several confusing ones).
pub(super) fn check(draft: &Draft, report: &mut Report) -> Vec<FieldKey> {
    let mut bad = Vec::new();
    for (key, text, max) in fields(draft) {
        let f = check_text(text, max);
        if f.has_errors() {
            bad.push(key);
        }
        report.add_findings(key, f);
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        check_text(text, 100).iter().map(|f| f.code.key()).collect()
    }

    #[test]
    fn hostile_text_is_named() {
        assert!(codes("示例科技 ABC-123（北京）").is_empty());
        assert_eq!(codes("a\u{0}b"), vec!["text.control_chars"]);
        assert_eq!(codes("a\u{200B}b"), vec!["text.invisible_chars"]);
        assert_eq!(codes("a\u{202E}b"), vec!["text.invisible_chars"]);
        assert_eq!(codes("网站😀"), vec!["text.emoji"]);
        assert_eq!(codes(&"长".repeat(101)), vec!["text.too_long"]);
        assert!(codes("𠀀字").is_empty(), "CJK extension B is allowed");
    }
}
