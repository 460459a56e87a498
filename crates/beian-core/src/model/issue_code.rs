//! Every issue code the rules can raise, as a type: a misspelt code fails to compile.
//!
//! Each code has a stable key (what drafts store in acknowledgements, what `beian check
//! --json` prints, e.g. `ric.checksum`) and an i18n key `issue.<key>` for its message.
//! Codes that were renamed keep their old key as an alias in [`IssueCode::from_alias`],
//! so that acknowledgements in existing drafts still apply.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::enums::keyed_enum;
use super::field::FieldKey;

keyed_enum! {
    /// What a rule found wrong (or worth saying) about a field.
    pub enum IssueCode : "issue" {
        /// The certificate expired on …: a filing with its values is returned.
        AppCertificateExpired => "app.certificate_expired",
        /// The certificate expires on …, possibly before the filing is approved.
        AppCertificateExpiresSoon => "app.certificate_expires_soon",
        /// Signed with the debug certificate (CN=Android Debug), not the release one.
        AppDebugCertificate => "app.debug_certificate",
        /// An iOS development certificate where the distribution one is needed.
        AppDevelopmentCertificate => "app.development_certificate",
        /// The fingerprint on this platform is … hex digits.
        AppFingerprintFormat => "app.fingerprint_format",
        /// The package rotated its signing key; the newer certificate is filled in.
        AppKeyRotation => "app.key_rotation",
        /// A domain the APP calls is deeper than the fourth level.
        AppDomainTooDeep => "app.domain_too_deep",
        /// The same domain is listed twice.
        AppDomainTwice => "app.domain_twice",
        /// An APP filing needs the public IP of its servers (an authorisation code alone
        /// does not give one).
        AppIpsNeeded => "app.ips_needed",
        /// An SDK's vendor is missing.
        AppSdkVendorMissing => "app.sdk_vendor_missing",
        /// The 服务内容 is not one of the listed categories.
        AppServiceContentUnlisted => "app.service_content_unlisted",
        /// An APP name may not contain emoji.
        AppNameEmoji => "app.name_emoji",
        /// The package name typed differs from the one read from the package (…).
        AppPackageNameDiffers => "app.package_name_differs",
        /// Not a package name of this platform.
        AppPackageNameFormat => "app.package_name_format",
        /// The APP has different package names on its platforms: ….
        AppPackageNamesDiffer => "app.package_names_differ",
        /// The public key is not in hex (or base64).
        AppPublicKeyFormat => "app.public_key_format",
        /// An App Store download: re-signed by Apple, so the certificate is Apple's.
        AppStoreSigned => "app.store_signed",
        /// The file holds several certificates; the first is filled in.
        AppSeveralSigners => "app.several_signers",
        /// Not an AppID of this platform.
        MiniAppIdFormat => "mini.app_id_format",
        /// The description is … characters; the platform takes 20 to 200.
        MiniDescriptionLength => "mini.description_length",
        /// … service types; the platform takes at most five.
        MiniServiceTypesTooMany => "mini.service_types_too_many",
        /// The address names …, not the chosen city; the mailing address must lie in the filing …
        AddressOtherCity => "address.other_city",
        /// The address names …, which is outside the chosen filing region.
        AddressOtherProvince => "address.other_province",
        /// An authorization code is 6–64 letters, digits or hyphens; enter it exactly as the …
        AuthCodeFormat => "auth_code.format",
        /// The … does not have the format of a …; please check the certificate.
        CertFormat => "cert.format",
        /// “…” is not accepted for the host nature “…”; choose a certificate type it allows.
        CertTypeNotAllowed => "cert_type.not_allowed",
        /// Responsible persons use personal certificates; “…” is not one.
        CertTypeNotPersonal => "cert_type.not_personal",
        /// A data table shipped with beian could not be read, so its rules cannot run.
        DataTableUnavailable => "data.table_unavailable",
        /// The filing changed after this declaration was made: confirm it again.
        DeclarationChanged => "declaration.changed",
        /// Confirm this declaration before export: ….
        DeclarationMissing => "declaration.missing",
        /// … files are not accepted here; use JPG or PNG.
        DocumentFormat => "document.format",
        /// About …% of the picture is washed out by glare: retake it away from direct light.
        DocumentGlare => "document.glare",
        /// This is a black-and-white picture: reviewers want a colour photo or scan of the …
        DocumentGreyscale => "document.greyscale",
        /// The photo records where it was taken; this is removed on export (Fix removes it now).
        DocumentLocation => "document.location",
        /// The picture has almost no colour, like a photocopy: photograph the original.
        DocumentLooksGreyscale => "document.looks_greyscale",
        /// This picture has the national emblem at top left, like the emblem side: check that …
        DocumentLooksLikeBack => "document.looks_like_back",
        /// Please attach: ….
        DocumentMissing => "document.missing",
        /// This document is no longer on the checklist (the filing changed) and will not be …
        DocumentNotNeeded => "document.not_needed",
        /// The picture is of one plain colour: a placeholder, not the APP's icon.
        DocumentPlain => "document.plain",
        /// A printed paper of another filing is attached.
        PaperOtherFiling => "paper.other_filing",
        /// Another paper of this filing is attached to this item.
        PaperOtherItem => "paper.other_item",
        /// The paper was printed before values on it changed.
        PaperOutdated => "paper.outdated",
        /// The paper's signature places look blank.
        PaperUnsigned => "paper.unsigned",
        /// No check code of beian's was found on the paper.
        PaperNoCode => "paper.no_code",
        /// An icon must be square; this one is ….
        DocumentNotSquare => "document.not_square",
        /// A PDF of … page(s) is attached; some providers only take JPG/PNG, so use an image if …
        DocumentPdf => "document.pdf",
        /// The resolution … is too low to read the text (at least … pixels on the short side).
        DocumentResolution => "document.resolution",
        /// The card is sideways: turn it upright with Rotate left/right.
        DocumentSideways => "document.sideways",
        /// The file is …, over the … limit: use Fix to compress it.
        DocumentTooBig => "document.too_big",
        /// The file is only …, under …: print it in colour and photograph it, or attach a …
        DocumentTooSmallFile => "document.too_small_file",
        /// This file could not be read; attach it again.
        DocumentUnreadable => "document.unreadable",
        /// This domain is already used by website …; a domain belongs to one website only.
        DomainDuplicate => "domain.duplicate",
        /// The domain expired on …; renew it before filing.
        DomainExpired => "domain.expired",
        /// The domain expires on …, within … months: bureaus return it; renew it first.
        DomainExpiresSoon => "domain.expires_soon",
        /// The domain is not valid: letters, digits, hyphens and dots only, or a Chinese domain.
        DomainFormat => "domain.format",
        /// The domain is held by the legal representative, not by …; this bureau …
        DomainHolderLegalRep => "domain.holder_legal_rep",
        /// The domain’s holder must be the subject (…); transfer the domain or correct the holder.
        DomainHolderNotSubject => "domain.holder_not_subject",
        /// “…” is written in letters that pass for the Latin “…”; the domain is really …. …
        DomainLookalike => "domain.lookalike",
        /// “…” mixes scripts (such as Latin and Cyrillic letters) and can pass for another …
        DomainMixedScript => "domain.mixed_script",
        /// The domain contains “…”, which reviewers read as content needing the … approval.
        DomainNeedsPreApproval => "domain.needs_pre_approval",
        /// The domain was normalised to … (internationalised domain rules).
        DomainNormalized => "domain.normalized",
        /// The domain contains “…”, which reviewers read as content needing the … approval; a …
        DomainPersonalNeedsPreApproval => "domain.personal_needs_pre_approval",
        /// Enter only the domain, without http:// or a path, e.g. example.com.
        DomainNotADomain => "domain.not_a_domain",
        /// The domain’s real-name verification is not done: complete it at the registrar and …
        DomainRealNameMissing => "domain.real_name_missing",
        /// File the registered domain: enter … (subdomains are covered by it).
        DomainSubdomain => "domain.subdomain",
        /// The province allows this kind of subject only these domain suffixes: ….
        DomainSuffixForNature => "domain.suffix_for_nature",
        /// The suffix .… is not on the MIIT list of approved top-level domains; such domains …
        DomainTldUnapproved => "domain.tld_unapproved",
        /// The e-mail address is not valid; it should look like name@example.com.
        EmailFormat => "email.format",
        /// The “＠” in the e-mail is full-width; use the ordinary “@”.
        EmailFullwidthAt => "email.fullwidth_at",
        /// The emergency contact cannot be the mobile number of another responsible person (…).
        EmergencyOthersMobile => "emergency.others_mobile",
        /// The filing province requires an emergency contact.
        EmergencyRequiredByProvince => "emergency.required_by_province",
        /// The emergency contact cannot be the person's own mobile number.
        EmergencySameAsMobile => "emergency.same_as_mobile",
        /// Please take the ….
        FaceMissing => "face.missing",
        /// The verification photo fails a check: retake it (background, light and angle are the …
        FaceNotPassed => "face.not_passed",
        /// The photo fails a check; accepted by the help desk: …
        FaceOverridden => "face.overridden",
        /// The homepage URL is not valid; it should look like www.example.com.
        HomepageFormat => "homepage.format",
        /// The homepage URL must be under this website's domain ….
        HomepageOtherDomain => "homepage.other_domain",
        /// The homepage URL cannot have a port (:…); the site must be reachable on the default …
        HomepagePort => "homepage.port",
        /// A homepage URL starts with http:// or https://, or with neither.
        HomepageScheme => "homepage.scheme",
        /// “…” is not a province abbreviation.
        IcpNumberAbbreviation => "icp_number.abbreviation",
        /// An ICP number looks like 京ICP备12345678号 (website numbers add -N).
        IcpNumberFormat => "icp_number.format",
        /// The province abbreviation “…” does not match the filing region; it should be “…”.
        IcpNumberProvince => "icp_number.province",
        /// A subject ICP number has no -N suffix; remove the website serial.
        IcpNumberSubjectHasSuffix => "icp_number.subject_has_suffix",
        /// The letter after the serial names the service: none for a website, A for an
        /// APP, X for a mini-program, K for a quick app.
        IcpNumberServiceLetter => "icp_number.service_letter",
        /// A website's number has no letter after its serial (… is an APP's, a
        /// mini-program's or a quick app's).
        IcpNumberWebsiteLetter => "icp_number.website_letter",
        /// Website ICP numbers usually end in -N, e.g. 京ICP备12345678号-1.
        IcpNumberWebsiteSuffix => "icp_number.website_suffix",
        /// Website serials start at 1: a number ending in -0 is never issued; check the …
        IcpNumberWebsiteZero => "icp_number.website_zero",
        /// The area code … does not match the city of the filing region; it should be … (the …
        LandlineAreaMismatch => "landline.area_mismatch",
        /// … is not a known city area code.
        LandlineAreaUnknown => "landline.area_unknown",
        /// Enter a landline with its area code, e.g. 010-12345678 or 0755-1234567, or another …
        LandlineFormat => "landline.format",
        /// The subject's responsible person is not the legal representative: the province …
        LegalRepAuthorizationNeeded => "legal_rep.authorization_needed",
        /// The filing province requires the subject's responsible person to be the legal …
        LegalRepMustBeResponsible => "legal_rep.must_be_responsible",
        /// A mobile number is 11 digits starting with 1 (mainland China).
        MobileFormat => "mobile.format",
        /// The mobile number was normalised to ….
        MobileNormalized => "mobile.normalized",
        /// This mobile number is registered in …; … requires a local mobile number.
        MobileNotLocal => "mobile.not_local",
        /// … is not an allocated mobile prefix; check the number (the reviewer will call it).
        MobilePrefix => "mobile.prefix",
        /// The check character of the organisation code is wrong: it should be … (GB 11714-1997).
        OrgCodeChecksum => "org_code.checksum",
        /// An organisation code is 8 digits or capital letters plus a check character, e.g. …
        OrgCodeFormat => "org_code.format",
        /// An organisation code cannot be all zeros.
        OrgCodeZero => "org_code.zero",
        /// The ID was issued in another province: a cross-province personal filing needs ….
        PersonCrossProvincePermit => "person.cross_province_permit",
        /// The filing province does not accept personal filings with another province's ID; …
        PersonCrossProvinceRefused => "person.cross_province_refused",
        /// This certificate number is already given for another responsible person, so it is …
        PersonSamePersonDiffers => "person.same_person_differs",
        /// When the subject's and the website's responsible persons differ, their e-mails must …
        PersonSharedEmail => "person.shared_email",
        /// When the subject's and the website's responsible persons differ, their mobile …
        PersonSharedMobile => "person.shared_mobile",
        /// The filing province requires an age of at least …; this person is ….
        PersonTooYoung => "person.too_young",
        /// The filing province requires the website's responsible person to be the subject's.
        PersonWebsiteMustEqualSubject => "person.website_must_equal_subject",
        /// The … approval number … does not have the shape its authority uses (e.g. …).
        PreApprovalNumberFormat => "pre_approval.number_format",
        /// A first filing's subject has no ICP number yet: clear it, or choose another kind.
        ProcedureSubjectNumberUnexpected => "procedure.subject_number_unexpected",
        /// Website … already has this ICP number; each website has its own.
        ProcedureWebsiteNumberDuplicate => "procedure.website_number_duplicate",
        /// A website ICP number is the subject's number plus “-N”: it should start with “…-”.
        ProcedureWebsiteNumberMismatch => "procedure.website_number_mismatch",
        /// In a “…” filing the website has no ICP number yet: clear it, or choose another kind.
        ProcedureWebsiteNumberUnexpected => "procedure.website_number_unexpected",
        /// A website ICP number belongs to a subject ICP number: enter the subject's number.
        ProcedureWebsiteNumberWithoutSubject => "procedure.website_number_without_subject",
        /// Read from the document photo: compare it with the document, then confirm it.
        ReadFromDocument => "read.unconfirmed",
        /// … is not a valid division; choose again.
        RegionUnknown => "region.unknown",
        /// The filing was returned about this field: “…”. Correct it, then confirm here.
        ReturnedField => "returned.field",
        /// The remark contains “…”, a word personal websites cannot use; bureaus apply the …
        RemarkForbiddenWord => "remark.forbidden_word",
        /// The remark contains “…”, which the filing province does not allow in website names; …
        RemarkProvinceWord => "remark.province_word",
        /// The remark contains the sensitive word “…”; reword the remark.
        RemarkSensitiveWord => "remark.sensitive_word",
        /// Please fill in: ….
        Required => "required",
        /// The residence permit number must start with ….
        ResidenceRegion => "residence.region",
        /// The birth date … in the ID number is not a real date (GB 11643-1999, characters 7–14).
        RicBirthDate => "ric.birth_date",
        /// The birth date … in the ID number is in the future.
        RicBirthFuture => "ric.birth_future",
        /// The first 17 characters must be digits and the last a digit or X (GB 11643-1999).
        RicCharset => "ric.charset",
        /// The check character is wrong: the first 17 digits give … (GB 11643-1999, ISO 7064 …
        RicChecksum => "ric.checksum",
        /// A resident ID number has 18 characters; this one has … (GB 11643-1999).
        RicLength => "ric.length",
        /// The ID number was normalised to … (full-width characters, lower-case x or spaces …
        RicNormalized => "ric.normalized",
        /// The region code … (first 6 digits) is not a known division code (GB/T 2260, …
        RicRegionUnknown => "ric.region_unknown",
        /// The server IP is not valid; it should look like 121.40.1.10.
        ServerIpFormat => "server_ip.format",
        /// … is not a public address (private, loopback, reserved or documentation range); …
        ServerIpNotPublic => "server_ip.not_public",
        /// A filing without a website must hold an APP, a mini-program or a quick app.
        ServicesNone => "services.none",
        /// Contains control characters (perhaps from copy and paste); type it again.
        TextControlChars => "text.control_chars",
        /// Emoji and similar symbols cannot be used; the filing systems cannot store them.
        TextEmoji => "text.emoji",
        /// Contains invisible or direction-changing characters (perhaps from copy and paste); …
        TextInvisibleChars => "text.invisible_chars",
        /// Too long (… characters, at most …).
        TextTooLong => "text.too_long",
        /// The credit code starts with “…” (…), which a “…” never carries: check the type or number.
        UsccCertTypeMismatch => "uscc.cert_type_mismatch",
        /// The credit code contains “…”, which is not allowed (I, O, S, V and Z are not used; …
        UsccCharset => "uscc.charset",
        /// The check character of the credit code is wrong: it should be …; a few real codes …
        UsccChecksum => "uscc.checksum",
        /// The credit code’s check character fails; it was checked …, as confirmed.
        UsccChecksumConfirmed => "uscc.checksum_confirmed",
        /// A unified social credit code has 18 characters; this one has … (GB 32100-2015).
        UsccLength => "uscc.length",
        /// The credit code was normalised to ….
        UsccNormalized => "uscc.normalized",
        /// The credit code shows the organisation is registered in …; organisations cannot file …
        UsccOtherProvince => "uscc.other_province",
        /// The credit code starts with “…”, which means … (GB 32100-2015): that does not fit the …
        UsccNatureMismatch => "uscc.nature_mismatch",
        /// Characters 3–4 of the credit code (…) name no province, so no such code can exist: …
        UsccProvinceUnknown => "uscc.province_unknown",
        /// Characters 3–8 of the credit code (…) are a division code, digits only; a code with …
        UsccRegionLetter => "uscc.region_letter",
        /// Characters 3–8 of the credit code (…) are not a known division code; please check.
        UsccRegionUnknown => "uscc.region_unknown",
        /// The certificate expired on …; use a valid certificate.
        ValidityExpired => "validity.expired",
        /// The certificate expires on …, less than 3 months away; bureaus return such filings. …
        ValidityExpiring => "validity.expiring",
        /// Dates are written like 2020-01-31.
        ValidityFormat => "validity.format",
        /// The end date must be after the start date.
        ValidityOrder => "validity.order",
        /// The start date … is in the future.
        ValidityStartFuture => "validity.start_future",
        /// A website name cannot be digits only.
        WebsiteNameDigitsOnly => "website.name.digits_only",
        /// Personal website names cannot contain “…” (words banned for personal sites). Use a …
        WebsiteNameForbiddenWord => "website.name.forbidden_word",
        /// A website name cannot be a domain or URL.
        WebsiteNameIsDomain => "website.name.is_domain",
        /// A website name cannot be Latin letters only; use a Chinese name that reflects the …
        WebsiteNameLatinOnly => "website.name.latin_only",
        /// Websites of non-national bodies cannot have a name starting with “…”.
        WebsiteNameLeadingWord => "website.name.leading_word",
        /// Personal website names of 3–10 characters are recommended (this one has …).
        WebsiteNameLongPersonal => "website.name.long_personal",
        /// The website name contains “…”, which needs the “…” pre-approval; without it, change …
        WebsiteNameNeedsPreApproval => "website.name.needs_pre_approval",
        /// The filing province does not allow “…” in website names.
        WebsiteNameProvinceWord => "website.name.province_word",
        /// The website name contains the sensitive word “…”.
        WebsiteNameSensitiveWord => "website.name.sensitive_word",
        /// The “…” in the website name may be refused: only Chinese, letters, digits and ()- …
        WebsiteNameSymbol => "website.name.symbol",
        /// The website name is too long (… characters).
        WebsiteNameTooLong => "website.name.too_long",
        /// A website name needs at least 3 characters (a letter or digit counts as one; it has …).
        WebsiteNameTooShort => "website.name.too_short",
        /// At least one website must be filed.
        WebsitesNone => "websites.none",
        /// The province accepts at most … domains per application; this one has …. Split it.
        WebsitesTooManyDomains => "websites.too_many_domains",
    }
}

/// Keys of renamed codes and the codes they became (none renamed yet; a rename adds its
/// old key here so that acknowledgements stored under it still apply).
const ALIASES: &[(&str, IssueCode)] = &[];

impl IssueCode {
    /// The code for a stored key, accepting the keys of codes that were renamed.
    pub fn from_alias(key: &str) -> Option<IssueCode> {
        IssueCode::from_key(key).or_else(|| {
            ALIASES
                .iter()
                .find(|(old, _)| *old == key)
                .map(|(_, code)| *code)
        })
    }

    /// Whether the warning is acknowledged only by an answer recorded in the draft (where
    /// a credit code with a failing check character was checked), not by a tick.
    pub fn needs_answer(self) -> bool {
        self == IssueCode::UsccChecksum
    }

    /// Whether the issue only says that something required is missing.
    pub fn is_missing(self) -> bool {
        matches!(
            self,
            IssueCode::Required | IssueCode::DocumentMissing | IssueCode::FaceMissing
        )
    }
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Lets tests and callers compare a code with its stable key.
impl PartialEq<&str> for IssueCode {
    fn eq(&self, other: &&str) -> bool {
        self.key() == *other
    }
}

/// A warning the user read and chose to proceed with: which code, on which field.
///
/// Stored in drafts as the text `code@field` (e.g. `uscc.checksum@filing.cert_number`),
/// as drafts have always held it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Acknowledgement {
    /// The warning's code.
    pub code: IssueCode,
    /// The field it was raised on.
    pub field: FieldKey,
}

impl Acknowledgement {
    /// Reads the stored `code@field` text; old keys of renamed codes are accepted.
    pub fn parse(text: &str) -> Option<Acknowledgement> {
        let (code, field) = text.split_once('@')?;
        Some(Acknowledgement {
            code: IssueCode::from_alias(code)?,
            field: field.parse().ok()?,
        })
    }
}

impl std::fmt::Display for Acknowledgement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.code, self.field)
    }
}

impl Serialize for Acknowledgement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Acknowledgement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Acknowledgement, D::Error> {
        let text = String::deserialize(deserializer)?;
        Acknowledgement::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("not an acknowledgement (code@field)"))
    }
}

/// Reads a draft's list of acknowledgements, leaving out entries that name no current code
/// or field (a rule that no longer exists has nothing left to acknowledge); the rest of
/// the draft loads either way.
pub fn deserialize_acknowledgements<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Acknowledgement>, D::Error> {
    let texts = Vec::<String>::deserialize(deserializer)?;
    let total = texts.len();
    let kept: Vec<Acknowledgement> = texts
        .iter()
        .filter_map(|t| Acknowledgement::parse(t))
        .collect();
    if kept.len() < total {
        log::info!(
            "{} acknowledgement(s) name no current rule and were left out",
            total - kept.len()
        );
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in IssueCode::ALL {
            assert_eq!(IssueCode::from_key(code.key()), Some(*code));
            assert!(seen.insert(code.key()), "duplicate key {}", code.key());
        }
    }

    #[test]
    fn acknowledgements_keep_their_stored_text() {
        let text = "uscc.checksum@filing.cert_number";
        let ack = Acknowledgement::parse(text).unwrap();
        assert_eq!(ack.code, IssueCode::UsccChecksum);
        assert_eq!(ack.to_string(), text);
        assert_eq!(
            Acknowledgement::parse("no.such.code@filing.cert_number"),
            None
        );
        assert_eq!(Acknowledgement::parse("uscc.checksum@nowhere"), None);
    }
}
