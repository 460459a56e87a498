//! Addresses against the region they must lie in: the filing region for mailing
//! addresses, and for a personal filing from another province the ID's own region for the
//! certificate address.

use super::finding::Findings;
use super::ids::check_resident_id;
use super::people::Ctx;
use crate::model::divisions::Divisions;
use crate::model::{CertType, Draft, IssueCode};

/// The region an address is checked against.
pub(super) struct Region {
    /// Two-digit province code.
    pub(super) province: String,
    /// Six-digit city code; `None` leaves the city unchecked.
    pub(super) city: Option<String>,
}

/// The region of a person's resident ID, where the filing province accepts personal
/// filings from other provinces and the ID was issued elsewhere: the ID card's address
/// (the certificate address) then names the home region, not the filing region.
pub(super) fn cross_province_id_region(draft: &Draft, ctx: &Ctx<'_>) -> Option<Region> {
    let f = &draft.filing;
    if draft.is_unit() || f.cert_type != Some(CertType::ResidentId) || ctx.province.is_empty() {
        return None;
    }
    let allowed = ctx
        .tables
        .province(ctx.province)
        .and_then(|p| p.personal_cross_province.as_ref())
        .is_some_and(|rule| rule.allowed);
    if !allowed {
        return None;
    }
    let (id, _) = check_resident_id(&f.cert_number, ctx.today, ctx.tables);
    let region = id?.region;
    let province = region.get(..2)?;
    if province == ctx.province {
        return None;
    }
    // The ID's city: a county-level unit directly under the province is its own city
    // (e.g. 429004 仙桃市); otherwise the city whose code shares the first four digits.
    let city = Divisions::get()
        .province(&format!("{province}0000"))
        .and_then(|p| {
            p.children.iter().find(|c| c.code == region).or_else(|| {
                p.children
                    .iter()
                    .find(|c| c.code.get(..4) == region.get(..4) && c.code.ends_with("00"))
            })
        })
        .map(|c| c.code.clone());
    Some(Region {
        province: province.to_owned(),
        city,
    })
}

/// An address must lie in `region`: it may leave the province out, but must not name
/// another province or another city of the same province.
pub(super) fn address(address: &str, region: &Region, ctx: &Ctx<'_>) -> Findings {
    let mut f = Findings::default();
    let address = address.trim();
    let province_code = region.province.as_str();
    if address.is_empty() || province_code.is_empty() {
        return f;
    }
    let divisions = Divisions::get();
    let short = |name: &str| -> String {
        let mut n = name.to_owned();
        for suffix in [
            "壮族自治区",
            "回族自治区",
            "维吾尔自治区",
            "特别行政区",
            "自治区",
            "省",
            "市",
        ] {
            if let Some(s) = n.strip_suffix(suffix) {
                n = s.to_owned();
                break;
            }
        }
        n
    };
    let named_province = divisions
        .provinces
        .iter()
        .find(|p| address.starts_with(&short(&p.name)) && short(&p.name).chars().count() >= 2);
    if let Some(p) = named_province
        && p.code.get(..2) != Some(province_code)
    {
        f.error(
            IssueCode::AddressOtherProvince,
            vec![("region", p.name.clone().into())],
        );
    } else if let Some(city) = &region.city
        && let Some(province) = divisions
            .provinces
            .iter()
            .find(|p| p.code.get(..2) == Some(province_code))
    {
        let other_city = province
            .children
            .iter()
            .filter(|c| c.code != *city && c.name != province.name)
            .find(|c| {
                let s = short(&c.name);
                s.chars().count() >= 2 && (address.contains(&c.name) || address.starts_with(&s))
            });
        let chosen_named = province
            .children
            .iter()
            .find(|c| c.code == *city)
            .is_some_and(|c| address.contains(&short(&c.name)));
        if let Some(c) = other_city
            && !chosen_named
        {
            // Hebei, Henan and Guizhou require both addresses in the same city; elsewhere
            // a mismatch is likely a slip, worth a warning.
            let same_city = ctx
                .tables
                .province(ctx.province)
                .and_then(|p| p.address_same_city.as_ref());
            match same_city {
                Some(rule) => f.error_if(
                    rule.confirmed,
                    IssueCode::AddressOtherCity,
                    vec![("region", c.name.clone().into())],
                ),
                None => f.warning(
                    IssueCode::AddressOtherCity,
                    vec![("region", c.name.clone().into())],
                ),
            }
        }
    }
    f
}
