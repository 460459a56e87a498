//! Domains, homepage URLs and the cloud service: a registrable domain under an approved
//! suffix (Unicode and punycode forms alike, via the `idna` crate's UTS 46 processing),
//! no look-alike labels (Unicode TS #39, via `unicode-security`), a homepage under the
//! website's domain without a port, and a public server address.

use crate::model::IssueCode;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use unicode_security::confusable_detection::skeleton;
use unicode_security::{RestrictionLevel, RestrictionLevelDetection as _};

use super::data::Tables;
use super::finding::Findings;

/// A domain that passed the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    /// ASCII (punycode) form, lower case.
    pub ascii: String,
    /// Unicode form, lower case.
    pub unicode: String,
    /// The approved suffix it ends with (Unicode), if any.
    pub suffix: Option<String>,
}

impl Domain {
    /// Whether `host` (ASCII) is this domain or a subdomain of it.
    pub fn covers(&self, host_ascii: &str) -> bool {
        host_ascii == self.ascii || host_ascii.ends_with(&format!(".{}", self.ascii))
    }
}

fn to_ascii(raw: &str) -> Option<String> {
    let ascii = idna::domain_to_ascii_strict(raw).ok()?;
    let ascii = ascii.trim_end_matches('.').to_owned();
    let labels_ok = !ascii.is_empty()
        && ascii.len() <= 253
        && ascii.split('.').count() >= 2
        && ascii.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    labels_ok.then_some(ascii)
}

/// Checks every label of a host name (a domain, a homepage's host, an e-mail domain; in
/// Unicode or punycode form) for look-alikes, following Unicode TS #39: a label may mix
/// scripts only as the Highly Restrictive level allows (Han with Latin, Japanese or
/// Korean scripts with Latin), and a label in another script must not be made wholly of
/// letters that pass for Latin ones (Cyrillic “аррӏе” for “apple”). Each finding shows
/// the label's ASCII form, which is what the domain really is.
pub fn check_lookalike(host: &str) -> Findings {
    let mut f = Findings::default();
    let Ok(ascii) = idna::domain_to_ascii(host) else {
        return f;
    };
    let (unicode, _) = idna::domain_to_unicode(&ascii);
    for (label, label_ascii) in unicode.split('.').zip(ascii.split('.')) {
        if label.is_ascii() {
            continue;
        }
        // Hyphens join words and belong to no script.
        let letters: String = label.chars().filter(|c| *c != '-').collect();
        let args = |extra: Option<String>| {
            let mut args = vec![
                ("label", label.to_owned().into()),
                ("ascii", label_ascii.to_owned().into()),
            ];
            if let Some(looks_like) = extra {
                args.push(("looks_like", looks_like.into()));
            }
            args
        };
        if letters.as_str().detect_restriction_level() > RestrictionLevel::HighlyRestrictive {
            f.error(IssueCode::DomainMixedScript, args(None));
            continue;
        }
        let looks_like: String = skeleton(&letters).collect();
        if looks_like.is_ascii() {
            f.error(IssueCode::DomainLookalike, args(Some(looks_like)));
        }
    }
    f
}

/// Checks a domain to be filed: syntax, approved suffix, registrable (not a subdomain).
pub fn check_domain(raw: &str, tables: &Tables) -> (Option<Domain>, Findings) {
    let mut f = Findings::default();
    let text = raw.trim().trim_end_matches(['.', '。']);
    if text.contains("://") || text.contains('/') {
        f.error(IssueCode::DomainNotADomain, Vec::new());
        return (None, f);
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        f.error(IssueCode::DomainFormat, Vec::new());
        return (None, f);
    }
    let Some(ascii) = to_ascii(text) else {
        f.error(IssueCode::DomainFormat, Vec::new());
        return (None, f);
    };
    let (unicode, _) = idna::domain_to_unicode(&ascii);
    let labels: Vec<&str> = unicode.split('.').collect();
    // The longest approved suffix, e.g. com.cn before cn.
    let suffix_len = (1..labels.len()).rev().find(|n| {
        labels
            .get(labels.len() - n..)
            .is_some_and(|s| tables.is_approved_suffix(&s.join(".")))
    });
    let suffix = suffix_len
        .and_then(|n| labels.get(labels.len() - n..))
        .map(|s| s.join("."));
    let before_suffix = labels.len() - suffix_len.unwrap_or(1);
    match suffix_len {
        None => f.error_if(
            tables.tlds.confirmed,
            IssueCode::DomainTldUnapproved,
            vec![("suffix", labels.last().copied().unwrap_or_default().into())],
        ),
        Some(_) if before_suffix > 1 => {
            let registrable = labels
                .get(labels.len() - suffix_len.unwrap_or(1) - 1..)
                .unwrap_or_default()
                .join(".");
            f.error(
                IssueCode::DomainSubdomain,
                vec![("registrable", registrable.into())],
            );
        }
        Some(_) => {}
    }
    if suffix.is_none() && before_suffix > 1 {
        // With an unknown suffix, a www. in front is still clearly a subdomain.
        if let Some((&"www", rest)) = labels.split_first() {
            f.error(
                IssueCode::DomainSubdomain,
                vec![("registrable", rest.join(".").into())],
            );
        }
    }
    f.extend(check_lookalike(&ascii));
    if unicode != text.to_lowercase() && ascii != text.to_lowercase() {
        f.notice(
            IssueCode::DomainNormalized,
            vec![("value", unicode.clone().into())],
        );
    }
    let ok = !f.has_errors();
    (
        ok.then_some(Domain {
            ascii,
            unicode,
            suffix,
        }),
        f,
    )
}

/// Checks a homepage URL: scheme optional (http or https), no port, host under `domain`.
pub fn check_homepage(raw: &str, domain: Option<&Domain>) -> Findings {
    let mut f = Findings::default();
    let text = raw.trim();
    let lower = text.to_lowercase();
    let rest = if let Some(r) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    {
        r.to_owned()
    } else if lower.contains("://") {
        f.error(IssueCode::HomepageScheme, Vec::new());
        return f;
    } else {
        lower
    };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host_port.contains('@') || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        f.error(IssueCode::HomepageFormat, Vec::new());
        return f;
    }
    let host = match host_port.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() => {
            f.error(
                IssueCode::HomepagePort,
                vec![("port", port.to_owned().into())],
            );
            h
        }
        _ => host_port.trim_end_matches(':'),
    };
    let Some(host_ascii) = to_ascii(host.trim_end_matches(['.', '。'])) else {
        f.error(IssueCode::HomepageFormat, Vec::new());
        return f;
    };
    f.extend(check_lookalike(&host_ascii));
    if let Some(domain) = domain
        && !domain.covers(&host_ascii)
    {
        f.error(
            IssueCode::HomepageOtherDomain,
            vec![("domain", domain.unicode.clone().into())],
        );
    }
    f
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || o[0] == 0
        || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space (CGNAT)
        || (o[0] == 192 && o[1] == 0 && o[2] == 0) // IETF protocol assignments
        || (o[0] == 198 && (18..20).contains(&o[1])) // benchmarking
        || o[0] >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // Global unicast is 2000::/3, less documentation (2001:db8::/32).
    (s[0] & 0xe000) == 0x2000 && !(s[0] == 0x2001 && s[1] == 0x0db8)
}

/// Checks the server IP: a public IPv4 or IPv6 address.
pub fn check_server_ip(raw: &str) -> Findings {
    let mut f = Findings::default();
    let text = raw.trim().replace('。', ".");
    match text.parse::<IpAddr>() {
        Err(_) => f.error(IssueCode::ServerIpFormat, Vec::new()),
        Ok(IpAddr::V4(ip)) if !is_public_v4(ip) => f.error(
            IssueCode::ServerIpNotPublic,
            vec![("ip", ip.to_string().into())],
        ),
        Ok(IpAddr::V6(ip)) => match ip.to_ipv4_mapped() {
            Some(v4) if !is_public_v4(v4) => f.error(
                IssueCode::ServerIpNotPublic,
                vec![("ip", ip.to_string().into())],
            ),
            Some(_) => {}
            None if !is_public_v6(ip) => f.error(
                IssueCode::ServerIpNotPublic,
                vec![("ip", ip.to_string().into())],
            ),
            None => {}
        },
        Ok(_) => {}
    }
    f
}

/// Checks the form of a 备案授权码: the providers publish no format, so only the shape
/// is checked (6 to 64 letters, digits and hyphens).
pub fn check_auth_code(raw: &str) -> Findings {
    let mut f = Findings::default();
    let t = raw.trim();
    if !(6..=64).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        f.error(IssueCode::AuthCodeFormat, Vec::new());
    }
    f
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn codes(f: &Findings) -> Vec<&'static str> {
        f.iter().map(|x| x.code.key()).collect()
    }

    #[test]
    fn registrable_domains() {
        let t = Tables::get();
        for good in [
            "example.com",
            "Example.COM.CN",
            "例子.中国",
            "xn--fsqu00a.xn--fiqs8s",
            "example.cn.",
        ] {
            let (d, f) = check_domain(good, t);
            assert!(!f.has_errors(), "{good}: {:?}", codes(&f));
            assert!(d.is_some());
        }
        let (d, _) = check_domain("例子.中国", t);
        let d = d.unwrap();
        assert_eq!(d.ascii, "xn--fsqu00a.xn--fiqs8s");
        assert_eq!(d.suffix.as_deref(), Some("中国"));
        let (_, f) = check_domain("www.example.com", t);
        assert_eq!(codes(&f), vec!["domain.subdomain"]);
        assert_eq!(
            f.iter().next().unwrap().args[0].1,
            crate::rules::Arg::Text("example.com".into())
        );
        let (_, f) = check_domain("blog.example.com.cn", t);
        assert_eq!(codes(&f), vec!["domain.subdomain"]);
        for (bad, code) in [
            ("https://example.com", "domain.not_a_domain"),
            ("exa mple.com", "domain.format"),
            ("-a.com", "domain.format"),
            ("com", "domain.format"),
            ("a..com", "domain.format"),
        ] {
            let (_, f) = check_domain(bad, t);
            assert_eq!(codes(&f), vec![code], "{bad}");
        }
        let (_, f) = check_domain("example.invalidtld", t);
        assert_eq!(codes(&f), vec!["domain.tld_unapproved"]);
    }

    #[test]
    fn look_alike_labels_are_refused_in_ascii_form() {
        let t = Tables::get();
        // A Cyrillic а among Latin letters, and a label all in Cyrillic letters that
        // pass for Latin ones (аррӏе).
        for (bad, code, ascii) in [
            ("аpple.com", "domain.mixed_script", "xn--pple-43d"),
            ("xn--80ak6aa92e.com", "domain.lookalike", "xn--80ak6aa92e"),
        ] {
            let (d, f) = check_domain(bad, t);
            assert!(d.is_none() && f.has_errors(), "{bad}: {:?}", codes(&f));
            let finding = f.iter().find(|x| x.code == code).unwrap();
            assert!(
                finding
                    .args
                    .iter()
                    .any(|(k, v)| *k == "ascii" && *v == crate::rules::Arg::Text(ascii.into())),
                "{bad}: {:?}",
                finding.args
            );
        }
        let (d, _) = check_domain("example.com", t);
        assert_eq!(
            codes(&check_homepage("http://www.exаmple.com/", d.as_ref())),
            vec!["domain.mixed_script", "homepage.other_domain"]
        );
        // Han with Latin is an allowed combination; one script alone is fine.
        for good in [
            "中文.com",
            "例子abc.cn",
            "例子.中国",
            "示例-abc.cn",
            "example.com",
        ] {
            let (d, f) = check_domain(good, t);
            assert!(!f.has_errors(), "{good}: {:?}", codes(&f));
            assert!(d.is_some());
            assert!(check_lookalike(good).is_empty(), "{good}");
        }
    }

    #[test]
    fn homepages() {
        let t = Tables::get();
        let (d, _) = check_domain("example.com", t);
        let d = d.as_ref();
        for good in [
            "www.example.com",
            "example.com",
            "https://www.example.com/index.html",
            "http://shop.example.com/",
        ] {
            assert!(check_homepage(good, d).is_empty(), "{good}");
        }
        assert_eq!(
            codes(&check_homepage("www.example.com:8080", d)),
            vec!["homepage.port"]
        );
        assert_eq!(
            codes(&check_homepage("www.other.com", d)),
            vec!["homepage.other_domain"]
        );
        assert_eq!(
            codes(&check_homepage("www.notexample.com", d)),
            vec!["homepage.other_domain"]
        );
        assert_eq!(
            codes(&check_homepage("ftp://example.com", d)),
            vec!["homepage.scheme"]
        );
        assert_eq!(
            codes(&check_homepage("http://user@example.com", d)),
            vec!["homepage.format"]
        );
    }

    #[test]
    fn server_addresses() {
        for good in ["121.40.1.10", "2400:3200::1", "8.8.8.8"] {
            assert!(check_server_ip(good).is_empty(), "{good}");
        }
        for bad in [
            "10.0.0.1",
            "192.168.1.1",
            "172.16.0.1",
            "127.0.0.1",
            "100.64.0.1",
            "203.0.113.10",
            "::1",
            "fd00::1",
            "fe80::1",
            "2001:db8::1",
            "0.0.0.0",
            "::ffff:192.168.0.1",
        ] {
            assert_eq!(
                codes(&check_server_ip(bad)),
                vec!["server_ip.not_public"],
                "{bad}"
            );
        }
        assert_eq!(
            codes(&check_server_ip("300.1.1.1")),
            vec!["server_ip.format"]
        );
    }
}
