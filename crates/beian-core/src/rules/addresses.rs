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

/// The filing region the certificate number points to, to offer after the number is typed
/// or read: for a personal filing with a resident ID, the province, city and district the
/// ID was issued in (the region the providers suggest choosing); for a unit with a
/// unified social credit code, the province of its registration authority (a unit files
/// in its certificate's province; its city and district follow its mailing address, so
/// they are not offered). Codes are GB/T 2260 (six digits each); `None` when the number
/// names no region in the shipped table.
pub fn region_of_certificate(draft: &Draft, today: chrono::NaiveDate) -> Option<[String; 3]> {
    let f = &draft.filing;
    let divisions = Divisions::get();
    if draft.is_unit() {
        let (code, _) = super::ids::normalize_code(&f.cert_number);
        if code.chars().count() != 18 {
            return None;
        }
        let region = code.get(2..4)?;
        if !region.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let province = divisions.province(&format!("{region}0000"))?;
        return Some([province.code.clone(), String::new(), String::new()]);
    }
    if !matches!(f.cert_type, Some(CertType::ResidentId) | None) {
        return None;
    }
    let tables = super::data::Tables::get();
    let (id, _) = check_resident_id(&f.cert_number, today, tables);
    let region = id?.region;
    let province = divisions.province(&format!("{}0000", region.get(..2)?))?;
    // A county-level unit directly under the province is its own city (429004 仙桃市);
    // otherwise the city is the one sharing the first four digits.
    let city = province
        .children
        .iter()
        .find(|c| c.code == region)
        .or_else(|| {
            province
                .children
                .iter()
                .find(|c| c.code.get(..4) == region.get(..4))
        })?;
    let district = city
        .children
        .iter()
        .find(|d| d.code == region)
        .map(|d| d.code.clone())
        .unwrap_or_default();
    Some([province.code.clone(), city.code.clone(), district])
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
