//! The closed choices of a filing: filing kind, kind of filing (备案类型), host nature, certificate type, pre-approval
//! type, cloud service mode and submission state.
//!
//! Each choice has a stable snake_case key (what drafts store) and an i18n key
//! `<prefix>.<key>` for its name. Which certificate types a host nature allows is data
//! (`assets/data/certificate_types.ron`), see [`crate::model::catalog`].

use serde::{Deserialize, Serialize};

macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $key:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $key)] $variant, )+
        }

        impl $name {
            /// Every value, in the order the user sees them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key stored in drafts and bundles.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The value for a stable key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }

            /// The i18n key of the value's name.
            pub fn i18n_key(self) -> String {
                format!("{}.{}", $prefix, self.key())
            }

            /// The value's name in `locale`.
            pub fn label(self, locale: crate::i18n::Locale) -> String {
                crate::i18n::t(locale, &self.i18n_key()).into_owned()
            }
        }
    };
}

pub(crate) use keyed_enum;

keyed_enum! {
    /// Whether the filing is made by a person (个人) or by an organisation (单位).
    #[derive(Default)]
    pub enum FilingKind : "filing_kind" {
        /// 个人备案.
        #[default]
        Personal => "personal",
        /// 单位备案.
        Unit => "unit",
    }
}

keyed_enum! {
    /// 备案类型, the kind of filing: what the applicant already has on record and what
    /// this filing does with it (`../shared/domain/filing-kinds.md`). Not to be confused
    /// with [`FilingKind`] (个人 or 单位).
    #[derive(Default)]
    pub enum Procedure : "procedure" {
        /// 首次备案: neither the subject nor the domain is on record.
        #[default]
        First => "first",
        /// 新增网站（有主体）: the subject was filed through this provider; a new website.
        NewWebsiteWithSubject => "new_website_with_subject",
        /// 新增网站（无主体）: the subject was filed through another provider; a new website.
        NewWebsiteWithoutSubject => "new_website_without_subject",
        /// 新增接入（有主体）: subject here, website filed elsewhere; this provider is added.
        NewAccessWithSubject => "new_access_with_subject",
        /// 新增接入（无主体）: subject and website filed elsewhere; this provider is added.
        NewAccessWithoutSubject => "new_access_without_subject",
        /// 变更备案: change subject or website information of a filing made here.
        Change => "change",
        /// 注销主体: cancel the subject and all its websites.
        CancelSubject => "cancel_subject",
        /// 注销网站: cancel one website; the subject stays.
        CancelWebsite => "cancel_website",
        /// 取消接入: this provider stops hosting; the numbers stay.
        CancelAccess => "cancel_access",
    }
}

impl Procedure {
    /// The i18n key of the one-line explanation shown beside the kind.
    pub fn explanation_key(self) -> String {
        format!("procedure_explain.{}", self.key())
    }

    /// The i18n key of what the applicant must know during this kind (DNS, who receives
    /// the MIIT SMS, withdrawal, what happens afterwards; filing-kinds.md §1–7).
    pub fn guidance_key(self) -> String {
        format!("procedure_guidance.{}", self.key())
    }

    /// Whether the subject must already have a 主体备案号 (every kind but 首次备案).
    pub fn needs_subject_number(self) -> bool {
        self != Procedure::First
    }

    /// Whether each website must already have a 网站备案号.
    pub fn needs_website_numbers(self) -> bool {
        matches!(
            self,
            Procedure::NewAccessWithSubject
                | Procedure::NewAccessWithoutSubject
                | Procedure::Change
                | Procedure::CancelWebsite
                | Procedure::CancelAccess
        )
    }

    /// Whether websites must not have a 网站备案号 yet (their domains are new).
    pub fn forbids_website_numbers(self) -> bool {
        matches!(
            self,
            Procedure::First
                | Procedure::NewWebsiteWithSubject
                | Procedure::NewWebsiteWithoutSubject
        )
    }

    /// Whether the legacy 备案密码 may still be asked for (新增接入 and 注销主体 at some
    /// providers; MIIT dropped it on 2020-08-17).
    pub fn may_use_password(self) -> bool {
        matches!(
            self,
            Procedure::NewAccessWithSubject
                | Procedure::NewAccessWithoutSubject
                | Procedure::CancelSubject
        )
    }

    /// Whether this kind cancels something (注销主体, 注销网站, 取消接入): it takes a
    /// reason and no materials or face verification.
    pub fn is_cancellation(self) -> bool {
        matches!(
            self,
            Procedure::CancelSubject | Procedure::CancelWebsite | Procedure::CancelAccess
        )
    }

    /// Whether websites can be added (every kind but 变更备案, which can only remove
    /// domains; another website is a 新增网站 filing).
    pub fn may_add_websites(self) -> bool {
        self != Procedure::Change
    }

    /// Whether the filing carries documents and the face verification photo.
    pub fn needs_materials(self) -> bool {
        !self.is_cancellation()
    }

    /// The kind the providers' consoles derive from what is on record (filing-kinds.md
    /// §0): no subject number → 首次备案; a subject number but no website number →
    /// 新增网站; both → 新增接入; 有主体 when the subject was filed through this provider.
    pub fn decide(answers: ProcedureAnswers) -> Procedure {
        match (
            answers.has_subject_number,
            answers.has_website_number,
            answers.subject_filed_here,
        ) {
            (false, _, _) => Procedure::First,
            (true, false, true) => Procedure::NewWebsiteWithSubject,
            (true, false, false) => Procedure::NewWebsiteWithoutSubject,
            (true, true, true) => Procedure::NewAccessWithSubject,
            (true, true, false) => Procedure::NewAccessWithoutSubject,
        }
    }
}

/// The questions the type step asks to determine the kind of filing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcedureAnswers {
    /// The subject already has a 主体备案号.
    pub has_subject_number: bool,
    /// The subject was filed through this provider.
    pub subject_filed_here: bool,
    /// The website already has a 网站备案号 (filed through another provider).
    pub has_website_number: bool,
}

keyed_enum! {
    /// 主办者性质 of a 单位 filing (个人 filings have the host nature 个人 implicitly).
    pub enum HostNature : "host_nature" {
        /// 企业.
        Enterprise => "enterprise",
        /// 政府机关.
        Government => "government",
        /// 事业单位.
        PublicInstitution => "public_institution",
        /// 社会团体.
        SocialGroup => "social_group",
        /// 民办非企业单位.
        PrivateNonEnterprise => "private_non_enterprise",
        /// 基金会.
        Foundation => "foundation",
        /// 律师执业机构.
        LawFirm => "law_firm",
        /// 外国在华文化中心.
        ForeignCulturalCenter => "foreign_cultural_center",
        /// 群众性团体组织.
        MassOrganization => "mass_organization",
        /// 司法鉴定机构.
        JudicialAppraisal => "judicial_appraisal",
        /// 宗教团体.
        Religious => "religious",
        /// 境外机构.
        OverseasInstitution => "overseas_institution",
        /// 医疗机构.
        Medical => "medical",
        /// 公证机构.
        Notary => "notary",
        /// 集体经济.
        CollectiveEconomy => "collective_economy",
        /// 仲裁机构.
        Arbitration => "arbitration",
        /// 国防机构.
        NationalDefense => "national_defense",
    }
}

keyed_enum! {
    /// 证件类型: the certificate identifying a subject or a person.
    pub enum CertType : "cert_type" {
        /// 居民身份证.
        ResidentId => "resident_id",
        /// 护照.
        Passport => "passport",
        /// 港澳居民来往内地通行证.
        HkMacaoPermit => "hk_macao_permit",
        /// 台湾居民来往大陆通行证.
        TaiwanPermit => "taiwan_permit",
        /// 港澳居民居住证.
        HkMacaoResidence => "hk_macao_residence",
        /// 台湾居民居住证.
        TaiwanResidence => "taiwan_residence",
        /// 外国人永久居留身份证.
        ForeignPermanentResident => "foreign_permanent_resident",
        /// 营业执照（个人或企业）.
        BusinessLicense => "business_license",
        /// 统一社会信用代码证书.
        UsccCertificate => "uscc_certificate",
        /// 组织机构代码证.
        OrgCode => "org_code",
        /// 事业单位法人证书.
        PublicInstitutionCertificate => "public_institution_certificate",
        /// 社会团体法人登记证书.
        SocialGroupCertificate => "social_group_certificate",
        /// 民办非企业单位登记证书.
        PrivateNonEnterpriseCertificate => "private_non_enterprise_certificate",
        /// 社会服务机构登记证书.
        SocialServiceCertificate => "social_service_certificate",
        /// 民办学校办学许可证.
        PrivateSchoolLicense => "private_school_license",
        /// 基金会法人登记证书.
        FoundationCertificate => "foundation_certificate",
        /// 律师事务所执业许可证.
        LawFirmLicense => "law_firm_license",
        /// 外国在华文化中心登记证.
        ForeignCulturalCenterCertificate => "foreign_cultural_center_certificate",
        /// 外国政府旅游部门常驻代表机构批准登记证.
        ForeignTourismOfficeCertificate => "foreign_tourism_office_certificate",
        /// 北京市外国驻华使馆人员子女学校办学许可证.
        EmbassySchoolLicense => "embassy_school_license",
        /// 外国企业常驻代表机构登记证.
        ForeignEnterpriseOfficeCertificate => "foreign_enterprise_office_certificate",
        /// 司法鉴定许可证.
        JudicialAppraisalLicense => "judicial_appraisal_license",
        /// 宗教活动场所登记证.
        ReligiousVenueCertificate => "religious_venue_certificate",
        /// 境外机构证件.
        OverseasInstitutionCertificate => "overseas_institution_certificate",
        /// 医疗机构执业许可证.
        MedicalLicense => "medical_license",
        /// 公证机构执业证.
        NotaryLicense => "notary_license",
        /// 农村集体经济组织登记证.
        RuralCollectiveCertificate => "rural_collective_certificate",
        /// 仲裁委员会登记证.
        ArbitrationCertificate => "arbitration_certificate",
        /// 部队代号.
        MilitaryCode => "military_code",
        /// 军队单位对外有偿服务许可证.
        MilitaryServiceLicense => "military_service_license",
    }
}

keyed_enum! {
    /// 前置或专项审批内容类型 of a website.
    pub enum PreApprovalKind : "pre_approval" {
        /// 新闻.
        News => "news",
        /// 出版.
        Publishing => "publishing",
        /// 教育.
        Education => "education",
        /// 医疗保健.
        Healthcare => "healthcare",
        /// 药品和医疗器械.
        Drugs => "drugs",
        /// 电子公告服务 (专项审批).
        BulletinBoard => "bulletin_board",
        /// 文化 (includes games).
        Culture => "culture",
        /// 广播电影电视节目.
        Broadcasting => "broadcasting",
        /// 网络预约车.
        RideHailing => "ride_hailing",
        /// 互联网金融.
        InternetFinance => "internet_finance",
        /// 校外培训.
        OffCampusTraining => "off_campus_training",
    }
}

keyed_enum! {
    /// How the website's hosting is proven: a server IP in the provider's account, or an
    /// authorization code (备案授权码) issued for another account.
    #[derive(Default)]
    pub enum CloudMode : "cloud_mode" {
        /// 服务器 IP.
        #[default]
        ServerIp => "server_ip",
        /// 备案授权码.
        AuthCode => "auth_code",
    }
}

keyed_enum! {
    /// Where a submitted filing stands in the provider's and the bureau's review.
    pub enum SubmissionState : "submission_state" {
        /// 已提交，云服务商初审中.
        SubmittedToProvider => "submitted_to_provider",
        /// 初审电话未接通: the provider calls again about an hour later, then returns the order.
        ProviderCallMissed => "provider_call_missed",
        /// 云服务商初审退回.
        ProviderRejected => "provider_rejected",
        /// 初审通过，已提交管局审核.
        SubmittedToBureau => "submitted_to_bureau",
        /// 收到工信部短信核验: the code must be entered within 24 hours.
        SmsReceived => "sms_received",
        /// 短信核验完成，管局审核中.
        SmsVerified => "sms_verified",
        /// 管局审核退回.
        BureauRejected => "bureau_rejected",
        /// 管局审核通过，备案完成.
        Approved => "approved",
        /// 申请已撤回.
        Withdrawn => "withdrawn",
    }
}

impl SubmissionState {
    /// Whether this state ends the review (no further state is expected).
    pub fn is_final(self) -> bool {
        matches!(self, SubmissionState::Approved | SubmissionState::Withdrawn)
    }

    /// Whether the filing was sent back and must be corrected.
    pub fn is_rejection(self) -> bool {
        matches!(
            self,
            SubmissionState::ProviderRejected | SubmissionState::BureauRejected
        )
    }
}

impl CertType {
    /// Whether this is a certificate of a natural person (allowed for responsible persons).
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            CertType::ResidentId
                | CertType::Passport
                | CertType::HkMacaoPermit
                | CertType::TaiwanPermit
                | CertType::HkMacaoResidence
                | CertType::TaiwanResidence
                | CertType::ForeignPermanentResident
        )
    }

    /// Every personal certificate type, in display order.
    pub fn personal() -> impl Iterator<Item = CertType> {
        CertType::ALL.iter().copied().filter(|c| c.is_personal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(subject: bool, here: bool, website: bool) -> ProcedureAnswers {
        ProcedureAnswers {
            has_subject_number: subject,
            subject_filed_here: here,
            has_website_number: website,
        }
    }

    #[test]
    fn the_kind_follows_what_is_on_record() {
        use Procedure::*;
        assert_eq!(Procedure::decide(answers(false, false, false)), First);
        // Without a subject number the other answers cannot apply.
        assert_eq!(Procedure::decide(answers(false, true, true)), First);
        assert_eq!(
            Procedure::decide(answers(true, true, false)),
            NewWebsiteWithSubject
        );
        assert_eq!(
            Procedure::decide(answers(true, false, false)),
            NewWebsiteWithoutSubject
        );
        assert_eq!(
            Procedure::decide(answers(true, true, true)),
            NewAccessWithSubject
        );
        assert_eq!(
            Procedure::decide(answers(true, false, true)),
            NewAccessWithoutSubject
        );
    }

    #[test]
    fn only_cancellations_skip_materials_and_only_some_kinds_ask_the_password() {
        for p in Procedure::ALL {
            assert_eq!(p.needs_materials(), !p.is_cancellation(), "{p:?}");
            assert!(
                !(p.needs_website_numbers() && p.forbids_website_numbers()),
                "{p:?}"
            );
        }
        let with_password: Vec<_> = Procedure::ALL
            .iter()
            .filter(|p| p.may_use_password())
            .collect();
        assert_eq!(
            with_password,
            [
                &Procedure::NewAccessWithSubject,
                &Procedure::NewAccessWithoutSubject,
                &Procedure::CancelSubject
            ]
        );
        assert!(!Procedure::First.needs_subject_number());
        assert!(Procedure::CancelSubject.needs_subject_number());
        assert!(!Procedure::CancelSubject.needs_website_numbers());
    }
}
