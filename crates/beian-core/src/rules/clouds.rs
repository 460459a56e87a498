//! The cloud service of each website that has its own (备案云服务 per website in the
//! seed's 网站信息 table): the same checks as the filing's on the type step (required,
//! text, server IP or authorization code). A website without its own uses the filing's,
//! which `filing` and `required` check.

use super::domains::{check_auth_code, check_server_ip};
use super::report::Report;
use super::text::check_text;
use crate::model::{CloudMode, Draft, Field, FieldKey, Scope};

/// The longest server IP or authorization code accepted (as on the type step).
const MAX_CLOUD_CHARS: usize = 64;

/// Adds the issues of every website's own cloud service.
pub(super) fn check(draft: &Draft, report: &mut Report) {
    for (i, w) in draft.websites.iter().enumerate() {
        let Some(cloud) = &w.cloud else {
            continue;
        };
        let (field, value) = match cloud.mode {
            CloudMode::ServerIp => (Field::ServerIp, &cloud.server_ip),
            CloudMode::AuthCode => (Field::AuthCode, &cloud.auth_code),
        };
        let key = FieldKey::new(Scope::Website(i), field);
        report.require(key, !value.trim().is_empty());
        if value.trim().is_empty() {
            continue;
        }
        let text = check_text(value, MAX_CLOUD_CHARS);
        let bad_text = text.has_errors();
        report.add_findings(key, text);
        if bad_text {
            continue;
        }
        let findings = match cloud.mode {
            CloudMode::ServerIp => check_server_ip(value),
            CloudMode::AuthCode => check_auth_code(value),
        };
        report.add_findings(key, findings);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::model::draft::CloudService;
    use crate::model::{CloudMode, Field, FieldKey, FilingKind, Scope};
    use crate::rules::validate;

    fn codes(d: &crate::model::Draft, key: FieldKey) -> Vec<&'static str> {
        validate(d).for_field(key).map(|i| i.code.key()).collect()
    }

    #[test]
    fn a_website_with_its_own_cloud_service_is_checked_like_the_filing() {
        let mut d = crate::store::samples::sample(FilingKind::Unit).unwrap();
        assert!(d.websites.len() >= 2);
        let before = validate(&d);
        // Using the filing's: nothing new to fill.
        assert_eq!(d.website_cloud(1), &d.filing.cloud);
        d.websites[1].cloud = Some(CloudService {
            mode: CloudMode::ServerIp,
            server_ip: String::new(),
            auth_code: String::new(),
        });
        let ip = FieldKey::new(Scope::Website(1), Field::ServerIp);
        assert_eq!(codes(&d, ip), vec!["required"]);
        d.websites[1].cloud.as_mut().unwrap().server_ip = "192.168.1.10".into();
        assert_eq!(codes(&d, ip), vec!["server_ip.not_public"]);
        assert!(validate(&d).has_errors());
        d.websites[1].cloud.as_mut().unwrap().server_ip = "47.106.1.21".into();
        assert!(codes(&d, ip).is_empty());
        assert_eq!(validate(&d).has_errors(), before.has_errors());
        d.websites[1].cloud = Some(CloudService {
            mode: CloudMode::AuthCode,
            server_ip: String::new(),
            auth_code: String::new(),
        });
        let code = FieldKey::new(Scope::Website(1), Field::AuthCode);
        assert_eq!(codes(&d, code), vec!["required"]);
        d.websites[1].cloud.as_mut().unwrap().auth_code = "短".into();
        assert_eq!(codes(&d, code), vec!["auth_code.format"]);
        d.websites[1].cloud = None;
        assert_eq!(validate(&d).issues, before.issues);
    }
}
