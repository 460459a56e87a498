//! What an APP filing asks besides its packages (`../shared/domain/app-filing.md` §1.2):
//! 服务内容 from the listed categories, 前置审批 answered (as for websites), the
//! third-party SDKs answered (none, or each with its vendor and type), the domains the APP
//! calls (each a domain on an approved suffix, at most the fourth level, listed once) and
//! the public IPs of its servers ("APP备案需填写公网IP": needed when the filing gives an
//! authorisation code instead of a server IP).

use super::arg::Arg;
use super::data::Tables;
use super::domains::{check_domain, check_server_ip};
use super::finding::Findings;
use super::report::{Report, Severity};
use crate::model::apps::{App, lines};
use crate::model::catalog::AppCatalog;
use crate::model::{CloudMode, Draft, Field, FieldKey, IssueCode, Scope};

/// The deepest level a domain an APP calls may have, counted from the registrable domain
/// (`example.com.cn` is the second, `img.api.example.com.cn` the fourth).
pub const MAX_DOMAIN_LEVEL: usize = 4;

/// Adds the issues of APP `i`'s details.
pub(super) fn check(draft: &Draft, i: usize, app: &App, tables: &Tables, report: &mut Report) {
    let key = |field| FieldKey::new(Scope::App(i), field);
    let content = app.service_content.trim();
    report.require(key(Field::ServiceContent), !content.is_empty());
    let catalog = AppCatalog::get();
    if !content.is_empty() && !catalog.service_contents.iter().any(|c| c.key == content) {
        report.push(
            key(Field::ServiceContent),
            IssueCode::AppServiceContentUnlisted,
            Severity::Warning,
            vec![("value", Arg::Text(content.to_owned()))],
        );
    }
    if draft.is_unit() {
        let chosen = app.no_pre_approval || !app.pre_approvals.is_empty();
        let numbered = app.no_pre_approval
            || app
                .pre_approvals
                .iter()
                .all(|p| !p.number.trim().is_empty());
        report.require(key(Field::PreApproval), chosen && numbered);
    }
    report.require(key(Field::Sdk), app.no_sdk || !app.sdks.is_empty());
    if !app.no_sdk {
        for (n, sdk) in app.sdks.iter().enumerate() {
            if sdk.vendor.trim().is_empty() || sdk.kind.trim().is_empty() {
                report.push(
                    key(Field::Sdk),
                    IssueCode::AppSdkVendorMissing,
                    Severity::Error,
                    vec![("n", Arg::Count(n as u64 + 1))],
                );
            }
        }
    }
    domains(app, key(Field::Domain), tables, report);
    let ips: Vec<&str> = lines(&app.server_ips).collect();
    for ip in &ips {
        report.add_findings(key(Field::ServerIp), check_server_ip(ip));
    }
    if ips.is_empty() && draft.filing.cloud.mode == CloudMode::AuthCode {
        report.push(
            key(Field::ServerIp),
            IssueCode::AppIpsNeeded,
            Severity::Error,
            Vec::new(),
        );
    }
}

fn domains(app: &App, key: FieldKey, tables: &Tables, report: &mut Report) {
    let list: Vec<&str> = lines(&app.domains).collect();
    report.require(key, !list.is_empty());
    let mut seen = std::collections::HashSet::new();
    for domain in list {
        let normal = domain.trim_end_matches(['.', '。']).to_lowercase();
        if !seen.insert(normal.clone()) {
            report.push(
                key,
                IssueCode::AppDomainTwice,
                Severity::Warning,
                vec![("domain", Arg::Text(domain.to_owned()))],
            );
            continue;
        }
        report.add_findings(key, check_app_domain(&normal, tables));
    }
}

/// Checks one domain an APP calls: a subdomain is fine (`api.example.com`), so the
/// registrable domain under it is checked, and the level is at most the fourth.
pub fn check_app_domain(domain: &str, tables: &Tables) -> Findings {
    let (_, findings) = check_domain(domain, tables);
    let registrable = findings.iter().find_map(|f| match f.code {
        IssueCode::DomainSubdomain => f.args.iter().find_map(|(name, arg)| match arg {
            Arg::Text(text) if *name == "registrable" => Some(text.clone()),
            _ => None,
        }),
        _ => None,
    });
    let mut out = Findings::default();
    let labels = |d: &str| d.split('.').filter(|l| !l.is_empty()).count();
    // Levels count from the registrable domain (example.com or example.com.cn: the second).
    let level = match &registrable {
        Some(base) => labels(domain).saturating_sub(labels(base)) + 2,
        None => 2,
    };
    match registrable {
        Some(base) => out.extend(check_domain(&base, tables).1),
        None => out.extend(findings),
    }
    if level > MAX_DOMAIN_LEVEL {
        out.error(
            IssueCode::AppDomainTooDeep,
            vec![
                ("domain", Arg::Text(domain.to_owned())),
                ("level", Arg::Count(level as u64)),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(domain: &str) -> Vec<&'static str> {
        check_app_domain(domain, Tables::get())
            .iter()
            .map(|f| f.code.key())
            .collect()
    }

    #[test]
    fn an_app_may_call_subdomains_up_to_the_fourth_level() {
        assert!(codes("example.com").is_empty());
        assert!(codes("api.example.com").is_empty());
        assert!(codes("img.api.example.com.cn").is_empty());
        assert!(codes("a.api.example.com").is_empty());
        assert_eq!(codes("a.b.api.example.com"), vec!["app.domain_too_deep"]);
        assert_eq!(
            codes("api.example.invalidtld"),
            vec!["domain.tld_unapproved"]
        );
        assert_eq!(
            codes("https://api.example.com"),
            vec!["domain.not_a_domain"]
        );
    }
}
