//! The websites of a filing: name, domain (each once, the primary one as the filing's),
//! homepage, pre-approvals, cloud service and responsible person of each.

use super::arg::Arg;
use super::finding::one;
use crate::model::IssueCode;
use std::collections::HashMap;

use super::domains::{Domain, check_domain, check_homepage};
use super::finding::Findings;
use super::names::{NameContext, check_icp_number, check_remark, check_website_name};
use super::people::{Ctx, check_distinct_contacts, check_person};
use super::report::Report;
use crate::model::{Draft, Field, FieldKey, HostNature, PreApprovalKind, Scope};

pub(super) fn check(
    draft: &Draft,
    report: &mut Report,
    ctx: &Ctx<'_>,
    skip: &[FieldKey],
    primary: Option<&Domain>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    if let Some(p) = primary {
        let first_primary = draft
            .websites
            .iter()
            .position(|w| w.is_primary)
            .unwrap_or(0);
        seen.insert(p.ascii.clone(), first_primary);
    }
    for (i, w) in draft.websites.iter().enumerate() {
        let key = |field| FieldKey::new(Scope::Website(i), field);
        // Approvals hidden by 以上都不涉及 do not excuse the name.
        let approvals: Vec<PreApprovalKind> = super::website_facts::declared_approvals(w);
        let name_ctx = NameContext {
            personal: !draft.is_unit(),
            province: Some(ctx.province),
            pre_approvals: &approvals,
        };
        if !w.name.trim().is_empty() && !skip.contains(&key(Field::Name)) {
            report.add_findings(
                key(Field::Name),
                check_website_name(&w.name, name_ctx, ctx.tables),
            );
        }
        if !w.remark.trim().is_empty() && !skip.contains(&key(Field::Remark)) {
            report.add_findings(
                key(Field::Remark),
                check_remark(&w.remark, name_ctx, ctx.tables),
            );
        }
        let domain = if w.is_primary {
            primary.cloned()
        } else if !w.domain.trim().is_empty() && !skip.contains(&key(Field::Domain)) {
            let (d, f) = check_domain(&w.domain, ctx.tables);
            report.add_findings(key(Field::Domain), f);
            if let Some(d) = &d {
                if let Some(first) = seen.get(&d.ascii) {
                    report.add_findings(
                        key(Field::Domain),
                        one(
                            IssueCode::DomainDuplicate,
                            vec![("n", Arg::Count((first + 1) as u64))],
                        ),
                    );
                } else {
                    seen.insert(d.ascii.clone(), i);
                }
            }
            d
        } else {
            None
        };
        if !w.homepage.trim().is_empty() && !skip.contains(&key(Field::Homepage)) {
            report.add_findings(
                key(Field::Homepage),
                check_homepage(&w.homepage, domain.as_ref()),
            );
        }
        if !w.icp_number.trim().is_empty() && !skip.contains(&key(Field::IcpNumber)) {
            report.add_findings(
                key(Field::IcpNumber),
                check_icp_number(&w.icp_number, Some(ctx.province), true, ctx.tables),
            );
        }
        if draft.is_unit() {
            check_person(
                report,
                Scope::WebsiteResponsible(i),
                &w.responsible,
                true,
                ctx,
            );
            check_distinct_contacts(
                report,
                &draft.subject.responsible,
                &w.responsible,
                Scope::WebsiteResponsible(i),
            );
        }
    }
    if let Some(limit) = ctx
        .tables
        .province(ctx.province)
        .and_then(|p| p.max_domains_per_application.as_ref())
    {
        let applies = match limit.applies_to.as_str() {
            "personal" => !draft.is_unit(),
            "enterprise" => draft.filing.host_nature == Some(HostNature::Enterprise),
            _ => true,
        };
        if applies && limit.count > 0 && seen.len() > limit.count {
            let mut f = Findings::default();
            f.error_if(
                limit.confirmed,
                IssueCode::WebsitesTooManyDomains,
                vec![
                    ("count", Arg::Count(seen.len() as u64)),
                    ("max", Arg::Count(limit.count as u64)),
                ],
            );
            let last = draft.websites.len().saturating_sub(1);
            report.add_findings(FieldKey::new(Scope::Website(last), Field::Domain), f);
        }
    }
}
