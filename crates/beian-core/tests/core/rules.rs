//! Table-driven checks of the rules over whole drafts: each case changes a complete
//! sample and names the issue it must produce (or none).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::today;
use beian_core::model::draft::PreApproval;
use beian_core::model::{CertType, Draft, FilingKind, HostNature, PreApprovalKind};
use beian_core::rules::{Severity, validate_on};

fn personal() -> Draft {
    beian_core::store::samples::sample(FilingKind::Personal).unwrap()
}

fn unit() -> Draft {
    beian_core::store::samples::sample(FilingKind::Unit).unwrap()
}

/// The (field, code, severity) of every issue that is not a notice.
fn issues(draft: &Draft) -> Vec<(String, &'static str, Severity)> {
    validate_on(draft, today())
        .issues
        .into_iter()
        .filter(|i| i.severity != Severity::Notice && !i.is_missing())
        .map(|i| (i.field.to_string(), i.code.key(), i.severity))
        .collect()
}

fn expect(draft: &Draft, field: &str, code: &str, severity: Severity) {
    let found = issues(draft);
    assert!(
        found
            .iter()
            .any(|(f, c, s)| f == field && *c == code && *s == severity),
        "expected {code} ({severity:?}) on {field}, found {found:?}"
    );
}

#[test]
fn the_samples_are_clean() {
    assert_eq!(issues(&personal()), vec![]);
    assert_eq!(issues(&unit()), vec![]);
}

type Case = (
    &'static str,
    fn(&mut Draft),
    &'static str,
    &'static str,
    Severity,
);

#[test]
fn personal_cases() {
    let cases: &[Case] = &[
        (
            "wrong check digit",
            |d| d.filing.cert_number = "110105194912310021".into(),
            "filing.cert_number",
            "ric.checksum",
            Severity::Error,
        ),
        (
            "personal site named 博客",
            |d| d.websites[0].name = "张三的博客".into(),
            "websites[0].name",
            "website.name.forbidden_word",
            Severity::Error,
        ),
        (
            "homepage on another domain",
            |d| d.websites[0].homepage = "www.other.cn".into(),
            "websites[0].homepage",
            "homepage.other_domain",
            Severity::Error,
        ),
        (
            "subdomain filed",
            |d| d.filing.domain = "www.example.cn".into(),
            "filing.domain",
            "domain.subdomain",
            Severity::Error,
        ),
        (
            "private server",
            |d| d.filing.cloud.server_ip = "192.168.1.10".into(),
            "filing.server_ip",
            "server_ip.not_public",
            Severity::Error,
        ),
        (
            "mobile prefix",
            |d| d.subject.responsible.mobile = "12012345678".into(),
            "subject.responsible.mobile",
            "mobile.prefix",
            Severity::Error,
        ),
        (
            "email",
            |d| d.subject.responsible.email = "zhangsan＠example.cn".into(),
            "subject.responsible.email",
            "email.fullwidth_at",
            Severity::Error,
        ),
        (
            "expiring ID",
            |d| d.subject.cert_validity.end = "2027-01-01".into(),
            "subject.validity_end",
            "validity.expiring",
            Severity::Error,
        ),
        (
            "address in another province",
            |d| d.subject.mailing_address = "上海市浦东新区示例路 1 号".into(),
            "subject.mailing_address",
            "address.other_province",
            Severity::Error,
        ),
        (
            "ICP number of another province",
            |d| d.subject.icp_number = "沪ICP备12345678号".into(),
            "subject.icp_number",
            "icp_number.province",
            Severity::Error,
        ),
        (
            "zero-width space",
            |d| d.subject.name = "张\u{200B}三".into(),
            "subject.name",
            "text.invisible_chars",
            Severity::Error,
        ),
        (
            "business licence for a person",
            |d| d.filing.cert_type = Some(CertType::BusinessLicense),
            "filing.cert_type",
            "cert_type.not_allowed",
            Severity::Error,
        ),
    ];
    for (name, change, field, code, severity) in cases {
        let mut d = personal();
        change(&mut d);
        eprintln!("case: {name}");
        expect(&d, field, code, *severity);
    }
}

#[test]
fn unit_cases() {
    let cases: &[Case] = &[
        (
            "landline from the wrong city",
            |d| d.subject.responsible.phone2 = "010-12345678".into(),
            "subject.responsible.phone2",
            "landline.area_mismatch",
            Severity::Error,
        ),
        (
            "website person reuses the subject's mobile",
            |d| d.websites[0].responsible.mobile = "13800138001".into(),
            "websites[0].responsible.mobile",
            "person.shared_mobile",
            Severity::Error,
        ),
        (
            "website person reuses the subject's e-mail",
            |d| d.websites[0].responsible.email = "lisi@example.com.cn".into(),
            "websites[0].responsible.email",
            "person.shared_email",
            Severity::Error,
        ),
        (
            "emergency = mobile",
            |d| d.subject.responsible.emergency_phone = "138 0013 8001".into(),
            "subject.responsible.emergency_phone",
            "emergency.same_as_mobile",
            Severity::Error,
        ),
        (
            "emergency = the website person's mobile",
            |d| d.subject.responsible.emergency_phone = "13800138002".into(),
            "subject.responsible.emergency_phone",
            "emergency.others_mobile",
            Severity::Error,
        ),
        (
            "website person's emergency = the subject person's mobile",
            |d| d.websites[1].responsible.emergency_phone = "+86 138 0013 8001".into(),
            "websites[1].responsible.emergency_phone",
            "emergency.others_mobile",
            Severity::Error,
        ),
        (
            "same person, another mobile",
            |d| d.websites[1].responsible.mobile = "13800138003".into(),
            "websites[1].responsible.mobile",
            "person.same_person_differs",
            Severity::Error,
        ),
        (
            "same person, another name",
            |d| d.websites[1].responsible.name = "王六".into(),
            "websites[1].responsible.name",
            "person.same_person_differs",
            Severity::Error,
        ),
        (
            "subject person as website person, another e-mail",
            |d| {
                d.websites[0].responsible = d.subject.responsible.clone();
                d.websites[0].responsible.email = "li.si@example.com.cn".into();
            },
            "websites[0].responsible.email",
            "person.same_person_differs",
            Severity::Error,
        ),
        (
            "same domain twice",
            |d| d.websites[1].domain = "example.com.cn".into(),
            "websites[1].domain",
            "domain.duplicate",
            Severity::Error,
        ),
        (
            "credit code checksum",
            |d| d.filing.cert_number = "91350100M000100Y44".into(),
            "filing.cert_number",
            "uscc.checksum",
            Severity::Warning,
        ),
        (
            "pre-approval word",
            |d| d.websites[0].name = "示例科技新闻网".into(),
            "websites[0].name",
            "website.name.needs_pre_approval",
            Severity::Warning,
        ),
        (
            "leading 中国",
            |d| d.websites[0].name = "中国示例科技官网".into(),
            "websites[0].name",
            "website.name.leading_word",
            Severity::Warning,
        ),
        (
            "personal certificate for the legal rep only",
            |d| d.subject.legal_rep.cert_number = "440305198805123014".into(),
            "subject.legal_rep.cert_number",
            "ric.checksum",
            Severity::Error,
        ),
        (
            "host nature that does not take a business licence",
            |d| d.filing.host_nature = Some(HostNature::Government),
            "filing.cert_type",
            "cert_type.not_allowed",
            Severity::Error,
        ),
    ];
    for (name, change, field, code, severity) in cases {
        let mut d = unit();
        change(&mut d);
        eprintln!("case: {name}");
        expect(&d, field, code, *severity);
    }
}

/// A credit code with a valid check character from its first 17 characters.
fn uscc(body: &str) -> String {
    format!(
        "{body}{}",
        beian_core::rules::ids::uscc_check_char(body).unwrap()
    )
}

#[test]
fn credit_code_kinds_fit_the_host_nature() {
    use HostNature::*;
    // (host nature, certificate, first 17 characters, expected code and severity or none)
    let cases: &[(HostNature, CertType, &str, Option<Severity>)] = &[
        (
            Enterprise,
            CertType::BusinessLicense,
            "91350100M000100Y4",
            None,
        ),
        (
            Enterprise,
            CertType::BusinessLicense,
            "92350102MA0000000",
            None,
        ),
        (
            Enterprise,
            CertType::BusinessLicense,
            "93350102MA0000000",
            None,
        ),
        (
            Enterprise,
            CertType::BusinessLicense,
            "12350100MB0000000",
            Some(Severity::Error),
        ),
        (
            Enterprise,
            CertType::BusinessLicense,
            "52350100MJ0000000",
            Some(Severity::Error),
        ),
        (
            Government,
            CertType::UsccCertificate,
            "11350100MB0000000",
            None,
        ),
        (
            Government,
            CertType::UsccCertificate,
            "91350100M000100Y4",
            Some(Severity::Error),
        ),
        (
            PublicInstitution,
            CertType::UsccCertificate,
            "12350100MB0000000",
            None,
        ),
        (
            PublicInstitution,
            CertType::UsccCertificate,
            "11350100MB0000000",
            Some(Severity::Error),
        ),
        (SocialGroup, CertType::OrgCode, "51350100MJ0000000", None),
        (
            SocialGroup,
            CertType::OrgCode,
            "52350100MJ0000000",
            Some(Severity::Error),
        ),
        (
            PrivateNonEnterprise,
            CertType::PrivateNonEnterpriseCertificate,
            "52350100MJ0000000",
            None,
        ),
        (
            PrivateNonEnterprise,
            CertType::PrivateNonEnterpriseCertificate,
            "53350100MJ0000000",
            Some(Severity::Error),
        ),
        (
            Foundation,
            CertType::FoundationCertificate,
            "53350100MJ0000000",
            None,
        ),
        (
            Foundation,
            CertType::FoundationCertificate,
            "51350100MJ0000000",
            Some(Severity::Error),
        ),
        // The host nature's mapping for law firms is inferred, but the licence is issued
        // by the 司法行政 registrar (31): another kind on it is an error.
        (LawFirm, CertType::LawFirmLicense, "31350000MD0000000", None),
        (
            LawFirm,
            CertType::LawFirmLicense,
            "91350100M000100Y4",
            Some(Severity::Error),
        ),
    ];
    for (nature, cert, body, expected) in cases {
        let mut d = unit();
        d.filing.host_nature = Some(*nature);
        d.filing.cert_type = Some(*cert);
        d.filing.cert_number = uscc(body);
        let found: Vec<_> = issues(&d)
            .into_iter()
            .filter(|(f, c, _)| {
                f == "filing.cert_number"
                    && (*c == "uscc.nature_mismatch" || *c == "uscc.cert_type_mismatch")
            })
            .map(|(_, _, s)| s)
            .collect();
        assert_eq!(
            found,
            expected.iter().copied().collect::<Vec<_>>(),
            "{nature:?} {body}"
        );
    }
    // A certificate that carries no credit code (a free-text number) is not checked.
    let mut d = unit();
    d.filing.host_nature = Some(LawFirm);
    d.filing.cert_type = Some(CertType::LawFirmLicense);
    d.filing.cert_number = "13501201110123456".into();
    assert!(!has(&d, "filing.cert_number", "uscc.nature_mismatch"));
}

#[test]
fn contacts_that_pass() {
    // A personal filing is not asked for an emergency contact (个人无需填写), so whatever
    // an old draft holds there is not held against it.
    let mut d = personal();
    d.subject.responsible.emergency_phone = "138 0013 8000".into();
    assert_eq!(issues(&d), vec![]);
    // The subject's responsible person as the website's, with the same details, and an
    // emergency number that is nobody's mobile.
    let mut d = unit();
    d.websites[0].responsible = d.subject.responsible.clone();
    d.websites[0].responsible.mobile = "138-0013-8001".into();
    assert_eq!(issues(&d), vec![]);
}

#[test]
fn remarks_are_checked_for_forbidden_words() {
    let cases: &[Case] = &[
        (
            "personal subject remark with 博客",
            |d| d.subject.remark = "这是我的个人博客".into(),
            "subject.remark",
            "remark.forbidden_word",
            Severity::Warning,
        ),
        (
            "personal website remark with 博客",
            |d| d.websites[0].remark = "记录读书的博客".into(),
            "websites[0].remark",
            "remark.forbidden_word",
            Severity::Warning,
        ),
    ];
    for (name, change, field, code, severity) in cases {
        let mut d = personal();
        change(&mut d);
        eprintln!("case: {name}");
        expect(&d, field, code, *severity);
    }
    let mut d = unit();
    d.websites[1].remark = "涉及赌博内容的说明".into();
    expect(
        &d,
        "websites[1].remark",
        "remark.sensitive_word",
        Severity::Warning,
    );
    // Remarks without listed words pass.
    let mut d = personal();
    d.subject.remark = "本站记录读书心得".into();
    d.websites[0].remark = "个人读书笔记，不涉及前置审批".into();
    assert_eq!(issues(&d), vec![]);
}

#[test]
fn a_pre_approval_makes_the_word_acceptable() {
    let mut d = unit();
    d.websites[0].name = "示例科技新闻网".into();
    d.websites[0].no_pre_approval = false;
    d.websites[0].pre_approvals.push(PreApproval {
        kind: PreApprovalKind::News,
        number: "粤-12345号".into(),
    });
    assert!(
        !issues(&d)
            .iter()
            .any(|(_, c, _)| *c == "website.name.needs_pre_approval")
    );
}

#[test]
fn hostile_text_never_panics_or_hangs() {
    let hostile = [
        "长".repeat(10_000),
        "\u{0}\u{1}\u{7f}".repeat(100),
        "\u{200B}\u{202E}\u{2066}".repeat(100),
        "😀".repeat(1000),
        "a".repeat(10_000) + "@" + &"b.".repeat(5000),
        "1".repeat(10_000),
        "https://".repeat(1000),
        "-".repeat(10_000),
        "。".repeat(10_000),
        "京ICP备".repeat(1000),
    ];
    let start = std::time::Instant::now();
    for text in &hostile {
        let mut d = unit();
        d.filing.cert_number = text.clone();
        d.filing.domain = text.clone();
        d.filing.cloud.server_ip = text.clone();
        d.subject.name = text.clone();
        d.subject.icp_number = text.clone();
        d.subject.mailing_address = text.clone();
        d.subject.cert_validity.start = text.clone();
        d.subject.responsible.mobile = text.clone();
        d.subject.responsible.phone2 = text.clone();
        d.subject.responsible.email = text.clone();
        for w in &mut d.websites {
            w.name = text.clone();
            w.domain = text.clone();
            w.homepage = text.clone();
            w.icp_number = text.clone();
        }
        let report = validate_on(&d, today());
        assert!(report.has_errors());
    }
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

/// The personal sample filed in Guangdong, which accepts personal filings with another
/// province's ID and a residence permit; the ID and the certificate address stay in
/// Beijing, the mailing address moves to Shenzhen.
fn cross_province() -> Draft {
    let mut d = personal();
    d.filing.province = "440000".into();
    d.filing.city = "440300".into();
    d.filing.district = "440305".into();
    d.subject.mailing_address = "广东省深圳市南山区示例路 2 号 3 栋 401 室".into();
    d
}

fn has(draft: &Draft, field: &str, code: &str) -> bool {
    issues(draft)
        .iter()
        .any(|(f, c, _)| f == field && *c == code)
}

#[test]
fn a_cross_province_certificate_address_is_checked_against_the_id_region() {
    // Passes: the ID card's address names the ID's own region.
    let d = cross_province();
    assert!(!has(&d, "subject.cert_address", "address.other_province"));
    assert!(
        !issues(&d).iter().any(|(_, _, s)| *s == Severity::Error),
        "{:?}",
        issues(&d)
    );
    // Fails: a certificate address outside the ID's province.
    let mut d = cross_province();
    d.subject.cert_address = "上海市浦东新区示例路 1 号".into();
    expect(
        &d,
        "subject.cert_address",
        "address.other_province",
        Severity::Error,
    );
    // Passes: an ID keeps its number when the household registration moves, so the card
    // may show an address in the filing region.
    let mut d = cross_province();
    d.subject.cert_address = "广东省深圳市南山区示例路 1 号".into();
    assert!(!has(&d, "subject.cert_address", "address.other_province"));
    // The mailing address keeps its check against the filing region.
    let mut d = cross_province();
    d.subject.mailing_address = "北京市朝阳区示例路 1 号 2 单元 301 室".into();
    expect(
        &d,
        "subject.mailing_address",
        "address.other_province",
        Severity::Error,
    );
    // Where the province refuses cross-province personal filings, the certificate address
    // is checked against the filing region as before.
    let mut d = cross_province();
    d.filing.province = "140000".into();
    d.filing.city = "140100".into();
    d.filing.district = "140105".into();
    d.subject.mailing_address = "山西省太原市小店区示例路 2 号".into();
    expect(
        &d,
        "subject.cert_address",
        "address.other_province",
        Severity::Error,
    );
}
