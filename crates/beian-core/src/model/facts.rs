//! What the applicant states about things beian cannot look up: the facts of each
//! website's domain that the bureau checks (rules.md §5.3 item 1), and where a credit code
//! whose check character fails was checked against the licence.

use serde::{Deserialize, Serialize};

use super::enums::keyed_enum;

/// The domain's record at its registrar, as the applicant read it there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainFacts {
    /// 域名注册商 (an MIIT-approved registrar).
    pub registrar: String,
    /// 域名持有者: must be the subject (the unit's name, or the person).
    pub holder: String,
    /// 域名到期日 (`YYYY-MM-DD`).
    pub expiry: String,
    /// 域名实名认证: done (`Some(true)`), not done (`Some(false)`) or not answered.
    pub real_name_verified: Option<bool>,
}

keyed_enum! {
    /// Where the applicant checked a credit code whose check character fails (a few real
    /// codes of the pilot years do), before confirming it is printed that way.
    pub enum CreditCodeCheck : "credit_check" {
        /// 对照已上传的营业执照核对: against the licence image attached to this draft.
        AttachedLicence => "attached_licence",
        /// 对照纸质营业执照核对: against the paper licence.
        PaperLicence => "paper_licence",
    }
}
