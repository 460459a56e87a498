//! `beian validate KIND VALUE`: one value through the same checks as a draft, for staff
//! answering a question on the phone.

use std::io::Write as _;
use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

use crate::i18n::Locale;
use crate::i18n::t;
use crate::model::divisions::Divisions;
use crate::rules::data::Tables;
use crate::rules::finding::Findings;
use crate::rules::{contacts, domains, ids, local_mobile, names};

/// What kind of value to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// 居民身份证号 (GB 11643-1999).
    ResidentId,
    /// 统一社会信用代码 (GB 32100-2015).
    Uscc,
    /// 组织机构代码 (GB 11714-1997).
    OrgCode,
    /// Mainland mobile number.
    Mobile,
    /// Landline with area code (with --city or --division to check the area code).
    Landline,
    /// E-mail address.
    Email,
    /// Domain to be filed.
    Domain,
    /// Homepage URL (with --domain).
    Url,
    /// Website name (with --personal and --province).
    WebsiteName,
    /// ICP number (with --province).
    IcpNumber,
}

impl Kind {
    fn label_key(self) -> &'static str {
        match self {
            Kind::ResidentId | Kind::Uscc | Kind::OrgCode => "field.filing.cert_number",
            Kind::Mobile => "field.person.mobile",
            Kind::Landline => "field.person.phone2",
            Kind::Email => "field.person.email",
            Kind::Domain => "field.filing.domain",
            Kind::Url => "field.website.homepage",
            Kind::WebsiteName => "field.website.name",
            Kind::IcpNumber => "field.website.icp_number",
        }
    }
}

/// The kind of filing a value belongs to (`--kind`), where a rule depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FilingKindArg {
    /// 个人: a personal filing.
    Personal,
    /// 单位: any other host nature.
    Unit,
}

/// Options of `beian validate`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// City name or code for landlines.
    pub city: Option<String>,
    /// Division code for landlines.
    pub division: Option<String>,
    /// Domain for URLs.
    pub domain: Option<String>,
    /// A personal website (stricter names).
    pub personal: bool,
    /// The kind of filing (`--kind`), for rules that depend on it.
    pub kind: Option<FilingKindArg>,
    /// Province name, abbreviation or code.
    pub province: Option<String>,
    /// JSON output.
    pub json: bool,
}

/// A usage problem (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// The place given is not a known city or province.
    #[error("unknown place: {0}")]
    UnknownPlace(String),
    /// The domain given with --domain is not valid.
    #[error("--domain {0} is not a valid domain")]
    BadDomain(String),
    /// An option is required for this kind.
    #[error("{0} needs {1}")]
    Missing(&'static str, &'static str),
}

fn strip_suffix(name: &str) -> &str {
    for s in [
        "省",
        "市",
        "自治区",
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "特别行政区",
        "地区",
        "自治州",
    ] {
        if let Some(x) = name.strip_suffix(s) {
            return x;
        }
    }
    name
}

/// The city code for a city name (深圳, 深圳市) or a six-digit code of the city or one of
/// its districts.
pub fn find_city(query: &str) -> Option<String> {
    let q = query.trim();
    let divisions = Divisions::get();
    for p in &divisions.provinces {
        for c in &p.children {
            let by_code = q.len() == 6 && (c.code == q || c.children.iter().any(|d| d.code == q));
            let by_name = c.name == q
                || (strip_suffix(&c.name) == strip_suffix(q)
                    && strip_suffix(q).chars().count() >= 2);
            if by_code || by_name {
                return Some(c.code.clone());
            }
        }
    }
    None
}

/// The two-digit province code for a name (广东, 广东省), an abbreviation (粤) or a code.
pub fn find_province(query: &str, tables: &Tables) -> Option<String> {
    let q = query.trim();
    if let Some(code) = tables.province_of_abbreviation(q) {
        return Some(code.to_owned());
    }
    Divisions::get()
        .provinces
        .iter()
        .find(|p| {
            p.code.starts_with(q) && q.len() >= 2
                || p.name == q
                || strip_suffix(&p.name) == strip_suffix(q)
        })
        .and_then(|p| p.code.get(..2).map(str::to_owned))
}

/// Checks one value.
pub fn check(kind: Kind, value: &str, opts: &Options) -> Result<Findings, UsageError> {
    let tables = Tables::get();
    let today = chrono::Local::now().date_naive();
    let province = match &opts.province {
        Some(p) => {
            Some(find_province(p, tables).ok_or_else(|| UsageError::UnknownPlace(p.clone()))?)
        }
        None => None,
    };
    Ok(match kind {
        Kind::ResidentId => {
            let (id, mut f) = ids::check_resident_id(value, today, tables);
            if let (Some(id), Some(province)) = (id, province.as_deref()) {
                f.extend(min_age(&id, province, opts.kind, today, tables)?);
            }
            f
        }
        Kind::Uscc => ids::check_uscc(value, tables).1,
        Kind::OrgCode => ids::check_org_code(value),
        Kind::Mobile => {
            let (number, mut f) = contacts::check_mobile(value, tables);
            if let (Some(number), Some(province)) = (number, province.as_deref()) {
                f.extend(local_mobile(&number, province, opts.kind, tables)?);
            }
            f
        }
        Kind::Landline => {
            let place = opts.division.as_ref().or(opts.city.as_ref());
            let city = match place {
                Some(p) => Some(find_city(p).ok_or_else(|| UsageError::UnknownPlace(p.clone()))?),
                None => None,
            };
            contacts::check_landline(value, city.as_deref(), tables)
        }
        Kind::Email => contacts::check_email(value),
        Kind::Domain => domains::check_domain(value, tables).1,
        Kind::Url => {
            let d = opts
                .domain
                .as_ref()
                .ok_or(UsageError::Missing("url", "--domain"))?;
            let (domain, _) = domains::check_domain(d, tables);
            let domain = domain.ok_or_else(|| UsageError::BadDomain(d.clone()))?;
            domains::check_homepage(value, Some(&domain))
        }
        Kind::WebsiteName => {
            let ctx = names::NameContext {
                personal: opts.personal,
                province: province.as_deref(),
                pre_approvals: &[],
            };
            names::check_website_name(value, ctx, tables)
        }
        Kind::IcpNumber => {
            names::check_icp_number(value, province.as_deref(), value.contains('-'), tables)
        }
    })
}

/// The filing province's local-mobile rule for one number. A personal filing's number is
/// the person's, who is also the website's responsible person; a unit filing's number is
/// checked as a website responsible person's (the rule's widest reach). A rule that covers
/// one kind of filing only needs `--kind`.
fn local_mobile(
    number: &str,
    province: &str,
    kind: Option<FilingKindArg>,
    tables: &Tables,
) -> Result<Findings, UsageError> {
    let scope = tables
        .province(province)
        .and_then(|p| p.local_mobile_required.as_ref())
        .map(|r| r.scope.as_str());
    let kind = match (kind, scope) {
        (Some(kind), _) => kind,
        (None, None | Some("all")) => FilingKindArg::Unit,
        (None, Some(_)) => return Err(UsageError::Missing("mobile --province", "--kind")),
    };
    let holder = local_mobile::Holder {
        personal_filing: kind == FilingKindArg::Personal,
        website_responsible: kind == FilingKindArg::Unit,
    };
    Ok(local_mobile::check_local_mobile(
        number, holder, province, tables,
    ))
}

/// The filing province's minimum age for the holder of a resident ID. A rule for one kind
/// of filing only needs `--kind`.
fn min_age(
    id: &ids::ResidentId,
    province: &str,
    kind: Option<FilingKindArg>,
    today: chrono::NaiveDate,
    tables: &Tables,
) -> Result<Findings, UsageError> {
    let mut f = Findings::default();
    let Some(rule) = tables.province(province).and_then(|p| p.min_age.as_ref()) else {
        return Ok(f);
    };
    let applies = match (rule.applies_to.as_str(), kind) {
        ("personal", Some(kind)) => kind == FilingKindArg::Personal,
        ("enterprise", Some(kind)) => kind == FilingKindArg::Unit,
        ("personal" | "enterprise", None) => {
            return Err(UsageError::Missing("resident-id --province", "--kind"));
        }
        _ => true,
    };
    let age = id.age_on(today);
    if applies && age < rule.years {
        f.error_if(
            rule.confirmed,
            crate::model::IssueCode::PersonTooYoung,
            vec![
                ("age", crate::rules::Arg::Count(u64::from(age))),
                ("min", crate::rules::Arg::Count(u64::from(rule.years))),
            ],
        );
    }
    Ok(f)
}

#[derive(Serialize)]
struct Output<'a> {
    format: &'static str,
    kind: String,
    value: &'a str,
    ok: bool,
    findings: Vec<FindingOutput>,
}

#[derive(Serialize)]
struct FindingOutput {
    code: crate::model::IssueCode,
    severity: crate::rules::Severity,
    message: String,
}

/// Runs the command; exit 0 acceptable, 1 not, 2 bad usage.
pub fn run(locale: Locale, kind: Kind, value: &str, opts: &Options) -> ExitCode {
    let findings = match check(kind, value, opts) {
        Ok(f) => f,
        Err(err) => {
            eprintln!("beian validate: {err}");
            return ExitCode::from(2);
        }
    };
    let label = t(locale, kind.label_key());
    let ok = !findings.has_errors();
    let text = if opts.json {
        let out = Output {
            format: "beian.validate/1",
            kind: kind
                .to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default(),
            value,
            ok,
            findings: findings
                .iter()
                .map(|f| FindingOutput {
                    code: f.code,
                    severity: f.severity,
                    message: f.message(locale, &label),
                })
                .collect(),
        };
        serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
    } else {
        let mut s = String::new();
        s.push_str(&t(
            locale,
            if ok {
                "cli.validate_ok"
            } else {
                "cli.validate_bad"
            },
        ));
        s.push('\n');
        for f in findings.iter() {
            let mark = match f.severity {
                crate::rules::Severity::Error => t(locale, "cli.error"),
                crate::rules::Severity::Warning => t(locale, "cli.warning"),
                crate::rules::Severity::Notice => t(locale, "cli.notice"),
            };
            s.push_str(&format!(
                "  [{mark}] {}: {}\n",
                f.code,
                f.message(locale, &label)
            ));
        }
        s
    };
    if let Err(err) = std::io::stdout().lock().write_all(text.as_bytes())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("{err}");
        return ExitCode::from(2);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
