//! The filing read back section by section, as the provider's 核对信息 page shows it:
//! 备案类型, 主体信息, 法定代表人, 主体负责人, then each website with its responsible person.
//! Every row names the field it shows (so the review step can jump to it and mark its
//! issues beside it) and appears exactly when the wizard asks for the field: what a kind of
//! filing or host nature does not ask is not shown. Empty values are kept (the review marks
//! them); the bundle's summary leaves them out.

use super::divisions::Divisions;
use super::draft::{Draft, Person, Validity};
use super::enums::CloudMode;
use super::field::{Field, FieldKey, Scope};
use crate::i18n::Locale;
use crate::i18n::{t, tf};

/// One label–value row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The fields the value comes from: the first is where a jump goes; issues of all of
    /// them are shown beside the value (a validity has a start and an end).
    pub fields: Vec<FieldKey>,
    /// The label, in `locale`.
    pub label: String,
    /// The value as entered (trimmed), possibly empty.
    pub value: String,
}

/// A titled group of rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// The rows, in the order of the wizard.
    pub rows: Vec<Row>,
}

struct Rows(Vec<Row>);

impl Rows {
    fn field(&mut self, locale: Locale, scope: Scope, field: Field, value: impl Into<String>) {
        let key = FieldKey::new(scope, field);
        self.0.push(Row {
            fields: vec![key],
            label: key.label(locale),
            value: value.into().trim().to_owned(),
        });
    }

    fn labelled(&mut self, fields: Vec<FieldKey>, label: String, value: impl Into<String>) {
        self.0.push(Row {
            fields,
            label,
            value: value.into().trim().to_owned(),
        });
    }

    fn validity(&mut self, locale: Locale, scope: Scope, v: &Validity) {
        let value = if v.long_term {
            format!("{} – {}", v.start.trim(), t(locale, "summary.long_term"))
        } else if v.start.trim().is_empty() && v.end.trim().is_empty() {
            String::new()
        } else {
            format!("{} – {}", v.start.trim(), v.end.trim())
        };
        self.labelled(
            vec![
                FieldKey::new(scope, Field::ValidityStart),
                FieldKey::new(scope, Field::ValidityEnd),
            ],
            t(locale, "summary.validity").into_owned(),
            value,
        );
    }

    /// A responsible person: `full` for 单位 filings (name, certificate, second phone and
    /// emergency contact); a personal filing is asked only the mobile and the e-mail.
    fn person(&mut self, locale: Locale, scope: Scope, p: &Person, full: bool) {
        if full {
            self.field(locale, scope, Field::Name, p.name.as_str());
            self.field(
                locale,
                scope,
                Field::CertType,
                p.cert_type.map(|c| c.label(locale)).unwrap_or_default(),
            );
            self.field(locale, scope, Field::CertNumber, p.cert_number.as_str());
            self.validity(locale, scope, &p.cert_validity);
        }
        self.field(locale, scope, Field::Mobile, p.mobile.as_str());
        if full {
            self.field(locale, scope, Field::Phone2, p.phone2.as_str());
            self.field(
                locale,
                scope,
                Field::EmergencyPhone,
                p.emergency_phone.as_str(),
            );
        }
        self.field(locale, scope, Field::Email, p.email.as_str());
    }
}

/// The filing's sections in `locale`, as the wizard asks them.
pub fn sections(locale: Locale, draft: &Draft) -> Vec<Section> {
    let mut out = Vec::new();
    let f = &draft.filing;
    let procedure = f.procedure;
    let unit = draft.is_unit();
    let mut rows = Rows(Vec::new());
    rows.field(
        locale,
        Scope::Filing,
        Field::Procedure,
        procedure.label(locale),
    );
    if procedure.needs_subject_number() || !draft.subject.icp_number.trim().is_empty() {
        rows.field(
            locale,
            Scope::Subject,
            Field::IcpNumber,
            draft.subject.icp_number.as_str(),
        );
    }
    if procedure.is_cancellation() {
        rows.field(
            locale,
            Scope::Filing,
            Field::CancelReason,
            f.cancel_reason.as_str(),
        );
    }
    rows.labelled(
        vec![
            FieldKey::new(Scope::Filing, Field::Province),
            FieldKey::new(Scope::Filing, Field::City),
            FieldKey::new(Scope::Filing, Field::District),
        ],
        FieldKey::new(Scope::Filing, Field::Province).label(locale),
        Divisions::get().region_name(&f.province, &f.city, &f.district),
    );
    rows.field(locale, Scope::Filing, Field::Kind, f.kind.label(locale));
    if unit {
        rows.field(
            locale,
            Scope::Filing,
            Field::HostNature,
            f.host_nature.map(|n| n.label(locale)).unwrap_or_default(),
        );
    }
    rows.field(
        locale,
        Scope::Filing,
        Field::CertType,
        f.cert_type.map(|c| c.label(locale)).unwrap_or_default(),
    );
    rows.field(
        locale,
        Scope::Filing,
        Field::CertNumber,
        f.cert_number.as_str(),
    );
    let domain = if f.no_website {
        t(locale, "summary.no_website").into_owned()
    } else {
        f.domain.clone()
    };
    rows.field(locale, Scope::Filing, Field::Domain, domain);
    rows.field(
        locale,
        Scope::Filing,
        Field::CloudMode,
        f.cloud.mode.label(locale),
    );
    match f.cloud.mode {
        CloudMode::ServerIp => rows.field(
            locale,
            Scope::Filing,
            Field::ServerIp,
            f.cloud.server_ip.as_str(),
        ),
        CloudMode::AuthCode => rows.field(
            locale,
            Scope::Filing,
            Field::AuthCode,
            f.cloud.auth_code.as_str(),
        ),
    }
    out.push(Section {
        title: t(locale, "step.filing_type").into_owned(),
        rows: rows.0,
    });

    let s = &draft.subject;
    let mut rows = Rows(Vec::new());
    let name_label = if unit {
        "field.subject.name_unit"
    } else {
        "field.subject.name_personal"
    };
    rows.labelled(
        vec![FieldKey::new(Scope::Subject, Field::Name)],
        t(locale, name_label).into_owned(),
        s.name.as_str(),
    );
    rows.validity(locale, Scope::Subject, &s.cert_validity);
    rows.field(
        locale,
        Scope::Subject,
        Field::CertAddress,
        s.cert_address.as_str(),
    );
    rows.field(
        locale,
        Scope::Subject,
        Field::MailingAddress,
        s.mailing_address.as_str(),
    );
    if unit {
        rows.field(locale, Scope::Subject, Field::Investor, s.investor.as_str());
    }
    rows.field(locale, Scope::Subject, Field::Remark, s.remark.as_str());
    out.push(Section {
        title: t(locale, "step.subject").into_owned(),
        rows: rows.0,
    });

    if unit {
        let rep = &s.legal_rep;
        let mut rows = Rows(Vec::new());
        rows.field(locale, Scope::LegalRep, Field::Name, rep.name.as_str());
        rows.field(
            locale,
            Scope::LegalRep,
            Field::CertType,
            rep.cert_type.map(|c| c.label(locale)).unwrap_or_default(),
        );
        rows.field(
            locale,
            Scope::LegalRep,
            Field::CertNumber,
            rep.cert_number.as_str(),
        );
        rows.validity(locale, Scope::LegalRep, &rep.cert_validity);
        out.push(Section {
            title: t(locale, "section.legal_rep").into_owned(),
            rows: rows.0,
        });
    }

    let mut rows = Rows(Vec::new());
    rows.person(locale, Scope::SubjectResponsible, &s.responsible, unit);
    out.push(Section {
        title: t(
            locale,
            if unit {
                "owner.subject_responsible"
            } else {
                "section.contact"
            },
        )
        .into_owned(),
        rows: rows.0,
    });

    for (i, w) in draft.websites.iter().enumerate() {
        let scope = Scope::Website(i);
        let mut rows = Rows(Vec::new());
        rows.field(locale, scope, Field::Name, w.name.as_str());
        rows.field(locale, scope, Field::Domain, draft.website_domain(i));
        rows.field(locale, scope, Field::Homepage, w.homepage.as_str());
        if procedure.needs_materials() {
            let facts = &w.domain_facts;
            rows.field(
                locale,
                scope,
                Field::DomainRegistrar,
                facts.registrar.as_str(),
            );
            rows.field(locale, scope, Field::DomainHolder, facts.holder.as_str());
            rows.field(locale, scope, Field::DomainExpiry, facts.expiry.as_str());
            let real_name = match facts.real_name_verified {
                Some(true) => t(locale, "domain_facts.real_name.done").into_owned(),
                Some(false) => t(locale, "domain_facts.real_name.not_done").into_owned(),
                None => String::new(),
            };
            rows.field(locale, scope, Field::DomainRealName, real_name);
        }
        if !procedure.forbids_website_numbers() || !w.icp_number.trim().is_empty() {
            rows.field(locale, scope, Field::IcpNumber, w.icp_number.as_str());
        }
        let cloud = draft.website_cloud(i);
        let cloud_field = match cloud.mode {
            CloudMode::ServerIp => Field::ServerIp,
            CloudMode::AuthCode => Field::AuthCode,
        };
        rows.labelled(
            vec![FieldKey::new(scope, cloud_field)],
            t(locale, "field.website.cloud").into_owned(),
            website_cloud(locale, draft, i),
        );
        if unit {
            let value = pre_approvals(locale, w.no_pre_approval, &w.pre_approvals);
            rows.field(locale, scope, Field::PreApproval, value);
        }
        rows.field(locale, scope, Field::Remark, w.remark.as_str());
        if unit {
            rows.person(locale, Scope::WebsiteResponsible(i), &w.responsible, true);
        }
        out.push(Section {
            title: tf(locale, "owner.website", &[("n", &(i + 1).to_string())]),
            rows: rows.0,
        });
    }
    out.extend(app_sections(locale, draft));
    out
}

/// 前置审批 as read back: "以上都不涉及", or each type with its number.
fn pre_approvals(locale: Locale, none: bool, items: &[super::person::PreApproval]) -> String {
    let approvals: Vec<String> = items
        .iter()
        .map(|p| format!("{} {}", p.kind.label(locale), p.number.trim()))
        .collect();
    if none || approvals.is_empty() {
        t(locale, "summary.no_pre_approval").into_owned()
    } else {
        approvals.join("; ")
    }
}

/// One section per APP: its fields, then each package's platform, package name, public
/// key and fingerprint.
fn app_sections(locale: Locale, draft: &Draft) -> Vec<Section> {
    let mut out = Vec::new();
    for (i, app) in draft.apps.iter().enumerate() {
        let scope = Scope::App(i);
        let mut rows = Rows(Vec::new());
        rows.field(locale, scope, Field::Name, app.name.as_str());
        let catalog = super::catalog::AppCatalog::get();
        rows.field(
            locale,
            scope,
            Field::ServiceContent,
            catalog.service_content_name(app.service_content.trim(), locale),
        );
        rows.field(
            locale,
            scope,
            Field::Language,
            super::apps::language_name(&app.language, locale),
        );
        if draft.is_unit() {
            rows.field(
                locale,
                scope,
                Field::PreApproval,
                pre_approvals(locale, app.no_pre_approval, &app.pre_approvals),
            );
        }
        let sdks = if app.no_sdk {
            t(locale, "apps.sdk.none").into_owned()
        } else {
            let list: Vec<String> = app
                .sdks
                .iter()
                .map(|s| {
                    format!(
                        "{}（{}）",
                        s.vendor.trim(),
                        catalog.sdk_kind_name(&s.kind, locale)
                    )
                })
                .collect();
            list.join("; ")
        };
        rows.field(locale, scope, Field::Sdk, sdks);
        let domains: Vec<&str> = super::apps::lines(&app.domains).collect();
        rows.field(locale, scope, Field::Domain, domains.join("; "));
        let ips: Vec<&str> = super::apps::lines(&app.server_ips).collect();
        let ips = if !ips.is_empty() {
            ips.join("; ")
        } else if draft.filing.cloud.mode == CloudMode::ServerIp {
            tf(
                locale,
                "apps.ips.same_as_filing",
                &[("ip", draft.filing.cloud.server_ip.trim())],
            )
        } else {
            String::new()
        };
        rows.field(locale, scope, Field::ServerIp, ips);
        rows.field(locale, scope, Field::Remark, app.remark.as_str());
        for (j, p) in app.packages.iter().enumerate() {
            let scope = Scope::AppPackage(i, j);
            rows.field(locale, scope, Field::Platform, p.platform.label(locale));
            rows.field(locale, scope, Field::PackageName, p.package_name.as_str());
            rows.field(locale, scope, Field::PublicKey, p.public_key.as_str());
            rows.field(locale, scope, Field::Fingerprint, p.fingerprint.as_str());
        }
        if draft.is_unit() {
            rows.person(locale, Scope::AppResponsible(i), &app.responsible, true);
        }
        out.push(Section {
            title: tf(locale, "owner.app", &[("n", &(i + 1).to_string())]),
            rows: rows.0,
        });
    }
    for (i, m) in draft.mini_programs.iter().enumerate() {
        let scope = Scope::Mini(i);
        let mut rows = Rows(Vec::new());
        rows.field(locale, scope, Field::Platform, m.platform.label(locale));
        rows.field(locale, scope, Field::AppId, m.app_id.as_str());
        rows.field(locale, scope, Field::Name, m.name.as_str());
        rows.field(
            locale,
            scope,
            Field::ServiceContent,
            m.service_type_list().join("、"),
        );
        let approvals = if m.no_pre_approval {
            t(locale, "summary.no_pre_approval").into_owned()
        } else {
            m.pre_approvals.trim().to_owned()
        };
        rows.field(locale, scope, Field::PreApproval, approvals);
        rows.field(locale, scope, Field::Remark, m.description.as_str());
        if draft.is_unit() {
            rows.person(locale, Scope::MiniResponsible(i), &m.responsible, true);
        }
        out.push(Section {
            title: tf(locale, "owner.mini", &[("n", &(i + 1).to_string())]),
            rows: rows.0,
        });
    }
    out
}

/// A website's cloud service in words: the server IP or authorization code, and whether it
/// is the filing's.
pub fn website_cloud(locale: Locale, draft: &Draft, index: usize) -> String {
    let cloud = draft.website_cloud(index);
    let (field, value) = match cloud.mode {
        CloudMode::ServerIp => (Field::ServerIp, cloud.server_ip.trim()),
        CloudMode::AuthCode => (Field::AuthCode, cloud.auth_code.trim()),
    };
    let label = FieldKey::new(Scope::Filing, field).label(locale);
    let text = format!("{label}：{value}");
    match draft.websites.get(index).and_then(|w| w.cloud.as_ref()) {
        Some(_) => text,
        None => tf(locale, "website.cloud_same_value", &[("cloud", &text)]),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{FilingKind, Procedure};

    fn has(sections: &[Section], key: FieldKey) -> bool {
        sections
            .iter()
            .flat_map(|s| &s.rows)
            .any(|r| r.fields.contains(&key))
    }

    #[test]
    fn every_entered_value_of_the_unit_sample_is_read_back() {
        let d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        let values: Vec<String> = sections(crate::i18n::Locale::ZhCn, &d)
            .into_iter()
            .flat_map(|s| s.rows)
            .map(|r| r.value)
            .collect();
        for v in [
            "91350100M000100Y43",
            "example.com.cn",
            "47.106.1.20",
            "福州示例科技有限公司",
            "福州市鼓楼区示例路 100 号 8 楼 801 室",
            "350102198805123011",
            "0591-12345678",
            "lisi@example.com.cn",
            "示例科技产品手册",
            "www.example.net.cn",
            "wangwu@example.com.cn",
        ] {
            assert!(values.iter().any(|x| x == v), "{v} missing from {values:?}");
        }
    }

    #[test]
    fn what_the_wizard_does_not_ask_is_not_shown() {
        let mut p = crate::store::samples::sample(FilingKind::Personal).unwrap();
        let s = sections(crate::i18n::Locale::ZhCn, &p);
        assert!(!has(&s, FieldKey::new(Scope::LegalRep, Field::Name)));
        assert!(!has(&s, FieldKey::new(Scope::Filing, Field::HostNature)));
        assert!(!has(
            &s,
            FieldKey::new(Scope::SubjectResponsible, Field::EmergencyPhone)
        ));
        assert!(!has(&s, FieldKey::new(Scope::Subject, Field::IcpNumber)));
        assert!(!has(&s, FieldKey::new(Scope::Website(0), Field::IcpNumber)));
        assert!(!has(&s, FieldKey::new(Scope::Filing, Field::CancelReason)));
        p.filing.procedure = Procedure::NewAccessWithoutSubject;
        let s = sections(crate::i18n::Locale::ZhCn, &p);
        assert!(has(&s, FieldKey::new(Scope::Subject, Field::IcpNumber)));
        assert!(has(&s, FieldKey::new(Scope::Website(0), Field::IcpNumber)));
    }
}
