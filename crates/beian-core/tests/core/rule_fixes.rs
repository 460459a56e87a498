//! Table-driven checks of the bureau's rules as they are (issue 11): province documents
//! whose condition holds, the credit-code check answer, credit codes against the
//! certificate type, the domain's record, and pre-approvals. Each case names a draft that
//! must pass and one that must fail, with the code.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::today;
use beian_core::model::draft::{Attachment, PreApproval, Website};
use beian_core::model::{
    CertType, CreditCodeCheck, DocKind, Draft, Field, FieldKey, FilingKind, HostNature,
    PreApprovalKind, Procedure, Scope,
};
use beian_core::rules::materials::checklist_on;
use beian_core::rules::{Severity, unacknowledged_warnings, validate_on};

fn personal() -> Draft {
    beian_core::store::samples::sample(FilingKind::Personal).unwrap()
}

fn unit() -> Draft {
    beian_core::store::samples::sample(FilingKind::Unit).unwrap()
}

/// Every issue as (field, code, severity), notices and missing fields included.
fn all_issues(draft: &Draft) -> Vec<(String, &'static str, Severity)> {
    validate_on(draft, today())
        .issues
        .into_iter()
        .map(|i| (i.field.to_string(), i.code.key(), i.severity))
        .collect()
}

fn find(draft: &Draft, field: &str, code: &str) -> Option<Severity> {
    all_issues(draft)
        .into_iter()
        .find(|(f, c, _)| f == field && *c == code)
        .map(|(_, _, s)| s)
}

/// One case: what to change in a sample, the field and code to look at, and the severity
/// expected there (`None`: the code must not be raised on that field).
type Case = (
    &'static str,
    fn() -> Draft,
    fn(&mut Draft),
    &'static str,
    &'static str,
    Option<Severity>,
);

fn run(cases: &[Case]) {
    for (name, base, change, field, code, expected) in cases {
        let mut d = base();
        change(&mut d);
        assert_eq!(
            find(&d, field, code),
            *expected,
            "{name}: {code} on {field}; all issues: {:?}",
            all_issues(&d)
        );
    }
}

fn key(scope: Scope, field: Field) -> FieldKey {
    FieldKey::new(scope, field)
}

fn province_doc(n: u8) -> FieldKey {
    key(Scope::Filing, Field::Document(DocKind::ProvinceDocument(n)))
}

/// The personal sample filed in Jiangsu (a Beijing ID, so cross-province).
fn jiangsu_personal() -> Draft {
    let mut d = personal();
    d.filing.province = "320000".into();
    d.filing.city = "320100".into();
    d.filing.district = "320102".into();
    d
}

/// A resident ID of someone born on `birth` (YYYYMMDD) in Beijing, with its check character.
fn resident_id(birth: &str) -> String {
    let body = format!("110105{birth}001");
    format!(
        "{body}{}",
        beian_core::rules::ids::ric_check_char(&body).unwrap()
    )
}

// ---- 1. Province documents: structured conditions ----

#[test]
fn jiangsu_letters_are_required_and_carry_their_signing_instruction() {
    // Before: both letters were optional, since their `condition` held the signing text.
    let d = jiangsu_personal();
    let items = checklist_on(&d, today());
    for n in [0, 1] {
        let it = items.iter().find(|i| i.key == province_doc(n)).unwrap();
        assert!(it.required, "{}", it.detail);
        assert_eq!(
            it.signing.as_deref(),
            Some("自2021-06-01起,由网站负责人签署")
        );
    }
    // Missing, the 告知书 blocks export.
    assert_eq!(
        find(&d, "filing.document.province.0", "document.missing"),
        Some(Severity::Error)
    );
    // The province's 域名证书 (item 2) repeats the generic domain certificate: listed once.
    assert!(!items.iter().any(|i| i.key == province_doc(2)));
    let domain_certs = items
        .iter()
        .filter(|i| i.key.field == Field::Document(DocKind::DomainCertificate))
        .count();
    assert_eq!(domain_certs, d.websites.len());
    // An adult needs no 就业或收入证明 (item 3): not listed.
    assert!(!items.iter().any(|i| i.key == province_doc(3)));
}

#[test]
fn the_applicants_age_decides_the_employment_proof() {
    // 16–18 in Jiangsu: the 就业或收入证明 is required; 18 and over, not listed.
    let cases = [
        ("20090101", true),  // 17 on 2026-11-28
        ("20100601", true),  // 16
        ("20081128", false), // 18 that day
        ("19900101", false),
    ];
    for (birth, needed) in cases {
        let mut d = jiangsu_personal();
        d.filing.cert_number = resident_id(birth);
        let item = checklist_on(&d, today())
            .into_iter()
            .find(|i| i.key == province_doc(3));
        assert_eq!(
            item.as_ref().map(|i| i.required),
            needed.then_some(true),
            "{birth}"
        );
    }
    // Guangdong: under 18 lists the (unconfirmed, so optional) 就业证明 (item 1).
    let mut d = jiangsu_personal();
    d.filing.province = "440000".into();
    d.filing.cert_number = resident_id("20090101");
    let item = checklist_on(&d, today())
        .into_iter()
        .find(|i| i.key == province_doc(1))
        .unwrap();
    assert!(!item.required);
    d.filing.cert_number = resident_id("19900101");
    assert!(
        !checklist_on(&d, today())
            .iter()
            .any(|i| i.key == province_doc(1))
    );
}

#[test]
fn guangdong_commitment_is_required_with_black_pen_signing() {
    // Before: optional (its condition was the signing instruction).
    let mut d = personal();
    d.filing.province = "440000".into();
    let item = checklist_on(&d, today())
        .into_iter()
        .find(|i| i.key == province_doc(0))
        .unwrap();
    assert!(item.required);
    assert_eq!(item.detail, "互联网信息服务备案承诺书");
    assert!(item.signing.unwrap().contains("黑色笔正楷"));
}

#[test]
fn website_counts_and_kinds_of_filing_decide_the_construction_plan() {
    // Shanghai: 网站建设方案书 from 30 websites.
    let mut d = unit();
    d.filing.province = "310000".into();
    assert!(
        !checklist_on(&d, today())
            .iter()
            .any(|i| i.key == province_doc(0))
    );
    while d.websites.len() < 30 {
        d.websites.push(Website::default());
    }
    let item = checklist_on(&d, today())
        .into_iter()
        .find(|i| i.key == province_doc(0))
        .unwrap();
    assert!(item.required);
    // Shanghai's 授权书 (item 1) repeats the generic authorization letter: never listed.
    assert!(
        !checklist_on(&d, today())
            .iter()
            .any(|i| i.key == province_doc(1))
    );

    // Hunan: 网站建设方案书 once the subject has more than one website.
    let mut d = personal();
    d.filing.province = "430000".into();
    assert!(
        !checklist_on(&d, today())
            .iter()
            .any(|i| i.key == province_doc(0))
    );
    // A new website for a subject on record: one there, one here.
    d.filing.procedure = Procedure::NewWebsiteWithSubject;
    assert!(
        checklist_on(&d, today())
            .iter()
            .any(|i| i.key == province_doc(0))
    );
    d.filing.procedure = Procedure::First;
    d.websites.push(Website::default());
    assert!(
        checklist_on(&d, today())
            .iter()
            .any(|i| i.key == province_doc(0))
    );
}

#[test]
fn jiangsu_unit_lists_one_authorization_letter() {
    // 王五 (not the legal representative) is website responsible: the generic letter is
    // asked once; Jiangsu's own 授权书 (item 4) is not listed again.
    let mut d = unit();
    d.filing.province = "320000".into();
    let items = checklist_on(&d, today());
    let letters = items
        .iter()
        .filter(|i| i.key.field == Field::Document(DocKind::AuthorizationLetter))
        .count();
    assert_eq!(letters, 1);
    assert!(!items.iter().any(|i| i.key == province_doc(4)));
}

// ---- 2. The credit-code check answer ----

fn with_bad_check_char() -> Draft {
    let mut d = unit();
    // The sample's code is 91350100M000100Y43; 4 is not its check character.
    d.filing.cert_number = "91350100M000100Y44".into();
    d
}

fn attach_licence(d: &mut Draft) {
    d.materials.attachments.push(Attachment {
        item: key(Scope::Subject, Field::Document(DocKind::SubjectCertificate)),
        sha256: "0".repeat(64),
        original_name: "licence.jpg".into(),
        measures: Default::default(),
        normalized: None,
        added_at: None,
        paper: None,
    });
}

#[test]
fn a_failing_check_character_needs_to_say_where_it_was_checked() {
    let field = "filing.cert_number";
    // A ticked acknowledgement alone no longer lets it through.
    let mut d = with_bad_check_char();
    let report = validate_on(&d, today());
    let warning = report
        .issues
        .iter()
        .find(|i| i.code == "uscc.checksum")
        .unwrap()
        .clone();
    assert_eq!(warning.severity, Severity::Warning);
    d.review
        .acknowledged_warnings
        .push(warning.acknowledgement());
    let before = unacknowledged_warnings(&d, &validate_on(&d, today()));
    assert!(
        before >= 1,
        "a tick does not answer where the code was checked"
    );

    // Without a licence attached, only the paper licence is offered.
    assert_eq!(
        beian_core::rules::credit_check::offered(&d),
        vec![CreditCodeCheck::PaperLicence]
    );
    // Choosing the attached licence without one attached answers nothing.
    d.review.credit_code_checked = Some(CreditCodeCheck::AttachedLicence);
    assert_eq!(find(&d, field, "uscc.checksum"), Some(Severity::Warning));
    // The paper licence: a notice, and nothing left to acknowledge for it.
    d.review.credit_code_checked = Some(CreditCodeCheck::PaperLicence);
    assert_eq!(find(&d, field, "uscc.checksum"), None);
    assert_eq!(
        find(&d, field, "uscc.checksum_confirmed"),
        Some(Severity::Notice)
    );
    assert_eq!(
        unacknowledged_warnings(&d, &validate_on(&d, today())),
        before - 1
    );
    // With the licence attached, the attached licence is offered and answers it.
    attach_licence(&mut d);
    assert_eq!(
        beian_core::rules::credit_check::offered(&d),
        vec![
            CreditCodeCheck::AttachedLicence,
            CreditCodeCheck::PaperLicence
        ]
    );
    d.review.credit_code_checked = Some(CreditCodeCheck::AttachedLicence);
    assert_eq!(
        find(&d, field, "uscc.checksum_confirmed"),
        Some(Severity::Notice)
    );
}

// ---- 3. Credit codes against the certificate type ----

fn uscc(body: &str) -> String {
    format!(
        "{body}{}",
        beian_core::rules::ids::uscc_check_char(body).unwrap()
    )
}

#[test]
fn the_credit_code_fits_the_certificate_type() {
    fn set(d: &mut Draft, nature: HostNature, cert: CertType, number: String) {
        d.filing.host_nature = Some(nature);
        d.filing.cert_type = Some(cert);
        d.filing.cert_number = number;
    }
    let f = "filing.cert_number";
    let code = "uscc.cert_type_mismatch";
    let cases: &[Case] = &[
        (
            "事业单位法人证书 with 12…",
            unit,
            |d| {
                set(
                    d,
                    HostNature::PublicInstitution,
                    CertType::PublicInstitutionCertificate,
                    uscc("12350100MB0000000"),
                )
            },
            f,
            code,
            None,
        ),
        // Before: with a wrong check character the code was not checked at all.
        (
            "事业单位法人证书 with 91… (bad check character)",
            unit,
            |d| {
                set(
                    d,
                    HostNature::PublicInstitution,
                    CertType::PublicInstitutionCertificate,
                    "91350100M000100Y44".into(),
                )
            },
            f,
            code,
            Some(Severity::Error),
        ),
        (
            "社会团体法人登记证书 with 51…",
            unit,
            |d| {
                set(
                    d,
                    HostNature::SocialGroup,
                    CertType::SocialGroupCertificate,
                    uscc("51350100MJ0000000"),
                )
            },
            f,
            code,
            None,
        ),
        (
            "社会团体法人登记证书 with 52…",
            unit,
            |d| {
                set(
                    d,
                    HostNature::SocialGroup,
                    CertType::SocialGroupCertificate,
                    "52350100MJ00000001".into(),
                )
            },
            f,
            code,
            Some(Severity::Error),
        ),
        (
            "律师事务所执业许可证 with 31…",
            unit,
            |d| {
                set(
                    d,
                    HostNature::LawFirm,
                    CertType::LawFirmLicense,
                    uscc("31350000MD0000000"),
                )
            },
            f,
            code,
            None,
        ),
        (
            "律师事务所执业许可证 with 91…",
            unit,
            |d| {
                set(
                    d,
                    HostNature::LawFirm,
                    CertType::LawFirmLicense,
                    uscc("91350100M000100Y4"),
                )
            },
            f,
            code,
            Some(Severity::Error),
        ),
        // The inferred mappings warn.
        (
            "社会服务机构登记证书 with 91…",
            unit,
            |d| {
                set(
                    d,
                    HostNature::PrivateNonEnterprise,
                    CertType::SocialServiceCertificate,
                    uscc("91350100M000100Y4"),
                )
            },
            f,
            code,
            Some(Severity::Warning),
        ),
        ("营业执照 with 91…", unit, |_| {}, f, code, None),
        (
            "营业执照 with 12…",
            unit,
            |d| d.filing.cert_number = uscc("12350100MB0000000"),
            f,
            code,
            Some(Severity::Error),
        ),
    ];
    run(cases);
    // A free-text number (no credit code) is not checked.
    let mut d = unit();
    set(
        &mut d,
        HostNature::LawFirm,
        CertType::LawFirmLicense,
        "闽司律证字第12345号".into(),
    );
    assert_eq!(find(&d, f, code), None);
}

#[test]
fn every_certificate_type_in_the_credit_code_table_exists() {
    let t = beian_core::rules::data::Tables::get();
    for key in t.uscc.cert_types.keys() {
        assert!(CertType::from_key(key).is_some(), "{key}");
    }
    assert!(!t.uscc.cert_types.is_empty());
}

// ---- 4. The domain's record ----

#[test]
fn the_domains_record_is_checked() {
    let holder = "websites[0].domain_holder";
    let expiry = "websites[0].domain_expiry";
    let real_name = "websites[0].domain_real_name";
    let cases: &[Case] = &[
        (
            "holder is the person",
            personal,
            |_| {},
            holder,
            "domain.holder_not_subject",
            None,
        ),
        (
            "holder is someone else",
            personal,
            |d| d.websites[0].domain_facts.holder = "李雷".into(),
            holder,
            "domain.holder_not_subject",
            Some(Severity::Error),
        ),
        (
            "holder is the unit, spaces and brackets aside",
            unit,
            |d| d.websites[0].domain_facts.holder = " 福州示例科技有限公司 ".into(),
            holder,
            "domain.holder_not_subject",
            None,
        ),
        (
            "holder is another company",
            unit,
            |d| d.websites[0].domain_facts.holder = "福州另一家科技有限公司".into(),
            holder,
            "domain.holder_not_subject",
            Some(Severity::Error),
        ),
        // Fujian accepts the legal representative as holder.
        (
            "Fujian: legal representative holds it",
            unit,
            |d| d.websites[0].domain_facts.holder = "李四".into(),
            holder,
            "domain.holder_legal_rep",
            None,
        ),
        (
            "Ningxia: legal representative refused",
            unit,
            |d| {
                d.filing.province = "640000".into();
                d.websites[0].domain_facts.holder = "李四".into();
            },
            holder,
            "domain.holder_legal_rep",
            Some(Severity::Error),
        ),
        (
            "Beijing: nothing known, a warning",
            unit,
            |d| {
                d.filing.province = "110000".into();
                d.websites[0].domain_facts.holder = "李四".into();
            },
            holder,
            "domain.holder_legal_rep",
            Some(Severity::Warning),
        ),
        (
            "expires in four months",
            personal,
            |d| d.websites[0].domain_facts.expiry = "2027-03-29".into(),
            expiry,
            "domain.expires_soon",
            None,
        ),
        (
            "expires within three months",
            personal,
            |d| d.websites[0].domain_facts.expiry = "2027-01-31".into(),
            expiry,
            "domain.expires_soon",
            Some(Severity::Error),
        ),
        (
            "expired",
            personal,
            |d| d.websites[0].domain_facts.expiry = "2026-10-01".into(),
            expiry,
            "domain.expired",
            Some(Severity::Error),
        ),
        (
            "not a date",
            personal,
            |d| d.websites[0].domain_facts.expiry = "明年".into(),
            expiry,
            "validity.format",
            Some(Severity::Error),
        ),
        (
            "real name done",
            personal,
            |_| {},
            real_name,
            "domain.real_name_missing",
            None,
        ),
        (
            "real name not done",
            personal,
            |d| d.websites[0].domain_facts.real_name_verified = Some(false),
            real_name,
            "domain.real_name_missing",
            Some(Severity::Error),
        ),
        (
            "real name not answered",
            personal,
            |d| d.websites[0].domain_facts.real_name_verified = None,
            real_name,
            "required",
            Some(Severity::Error),
        ),
        (
            "no registrar",
            personal,
            |d| d.websites[0].domain_facts.registrar.clear(),
            "websites[0].domain_registrar",
            "required",
            Some(Severity::Error),
        ),
        // Cancellations verify by SMS only: no domain record asked.
        (
            "cancelling the website",
            personal,
            |d| {
                d.filing.procedure = Procedure::CancelWebsite;
                d.websites[0].domain_facts = Default::default();
            },
            real_name,
            "required",
            None,
        ),
    ];
    run(cases);
}

#[test]
fn an_old_draft_loads_with_an_empty_domain_record_that_is_asked_for() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/data/draft-v0-no-version.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let d = beian_core::store::draft_io::parse_draft(&text, &path).unwrap();
    assert!(!d.websites.is_empty());
    assert_eq!(d.websites[0].domain_facts, Default::default());
    let report = validate_on(&d, today());
    for field in [
        Field::DomainRegistrar,
        Field::DomainHolder,
        Field::DomainExpiry,
        Field::DomainRealName,
    ] {
        assert!(
            report
                .required_fields
                .contains(&key(Scope::Website(0), field)),
            "{field:?}"
        );
    }
}

#[test]
fn a_forum_domain_needs_the_bulletin_board_approval() {
    fn bbs_site(d: &mut Draft) {
        d.websites[1].domain = "bbs-example.net.cn".into();
        d.websites[1].homepage = "www.bbs-example.net.cn".into();
        d.websites[1].domain_facts.holder = "福州示例科技有限公司".into();
    }
    let f = "websites[1].pre_approval";
    let code = "domain.needs_pre_approval";
    let cases: &[Case] = &[
        ("no forum word", unit, |_| {}, f, code, None),
        (
            "bbs without the approval",
            unit,
            bbs_site,
            f,
            code,
            Some(Severity::Warning),
        ),
        (
            "luntan without the approval",
            unit,
            |d| {
                d.websites[1].domain = "luntanexample.net.cn".into();
                d.websites[1].homepage = "luntanexample.net.cn".into();
            },
            f,
            code,
            Some(Severity::Warning),
        ),
        (
            "bbs with the approval",
            unit,
            |d| {
                bbs_site(d);
                d.websites[1].no_pre_approval = false;
                d.websites[1].pre_approvals.push(PreApproval {
                    kind: PreApprovalKind::BulletinBoard,
                    number: "闽通信管局电子公告123号".into(),
                });
            },
            f,
            code,
            None,
        ),
        // The approval hidden by ticking 以上都不涉及 again counts for nothing.
        (
            "bbs with a hidden approval",
            unit,
            |d| {
                bbs_site(d);
                d.websites[1].no_pre_approval = true;
                d.websites[1].pre_approvals.push(PreApproval {
                    kind: PreApprovalKind::BulletinBoard,
                    number: "闽通信管局电子公告123号".into(),
                });
            },
            f,
            code,
            Some(Severity::Warning),
        ),
        (
            "personal forum domain",
            personal,
            |d| {
                d.filing.domain = "zhangbbs.cn".into();
                d.websites[0].homepage = "www.zhangbbs.cn".into();
            },
            "filing.domain",
            "domain.personal_needs_pre_approval",
            Some(Severity::Warning),
        ),
    ];
    run(cases);
}

// ---- 5. Pre-approval ----

#[test]
fn the_pre_approval_question_is_not_answered_for_the_applicant() {
    assert!(!Website::default().no_pre_approval);
    let d = Draft::new(FilingKind::Unit, chrono::Utc::now());
    assert!(!d.websites[0].no_pre_approval);
    let report = validate_on(&d, today());
    assert!(
        report
            .issues
            .iter()
            .any(|i| i.field == key(Scope::Website(0), Field::PreApproval) && i.code == "required")
    );
}

#[test]
fn hidden_approvals_no_longer_excuse_the_website_name() {
    let f = "websites[0].name";
    let code = "website.name.needs_pre_approval";
    fn news_site(d: &mut Draft) {
        d.websites[0].name = "示例科技新闻网".into();
        d.websites[0].pre_approvals.push(PreApproval {
            kind: PreApprovalKind::News,
            number: "闽-12345号".into(),
        });
    }
    let cases: &[Case] = &[
        (
            "declared news approval",
            unit,
            |d| {
                news_site(d);
                d.websites[0].no_pre_approval = false;
            },
            f,
            code,
            None,
        ),
        // Before: the hidden approval silenced the warning.
        (
            "hidden news approval",
            unit,
            |d| {
                news_site(d);
                d.websites[0].no_pre_approval = true;
            },
            f,
            code,
            Some(Severity::Warning),
        ),
    ];
    run(cases);
    // A hidden approval needs no document either.
    let mut d = unit();
    news_site(&mut d);
    d.websites[0].no_pre_approval = true;
    assert!(
        !checklist_on(&d, today())
            .iter()
            .any(|i| matches!(i.key.field, Field::Document(DocKind::PreApproval(_))))
    );
}

#[test]
fn approval_numbers_have_their_authoritys_shape() {
    fn drugs(number: &'static str) -> impl Fn(&mut Draft) {
        move |d: &mut Draft| {
            d.websites[0].no_pre_approval = false;
            d.websites[0].pre_approvals = vec![PreApproval {
                kind: PreApprovalKind::Drugs,
                number: number.into(),
            }];
        }
    }
    let f = "websites[0].pre_approval";
    let code = "pre_approval.number_format";
    for (number, expected) in [
        ("(闽)-非经营性-2023-0001", None),
        ("（闽）-经营性-2021-0012", None),
        ("闽-非经营性-2023-0001", None),
        ("闽-12345号", Some(Severity::Warning)),
        ("2023-0001", Some(Severity::Warning)),
    ] {
        let mut d = unit();
        drugs(number)(&mut d);
        assert_eq!(find(&d, f, code), expected, "{number}");
    }
    // A type whose authority publishes no shape takes any number.
    let mut d = unit();
    d.websites[0].no_pre_approval = false;
    d.websites[0].pre_approvals = vec![PreApproval {
        kind: PreApprovalKind::Culture,
        number: "闽-1号".into(),
    }];
    assert_eq!(find(&d, f, code), None);
}

#[test]
fn the_samples_stay_clean_and_complete() {
    for d in [personal(), unit()] {
        let errors: Vec<_> = all_issues(&d)
            .into_iter()
            .filter(|(f, c, s)| {
                *s != Severity::Notice && !f.contains(".document.") && *c != "face.missing"
            })
            .collect();
        assert_eq!(errors, vec![], "{}", d.subject.name);
    }
}
