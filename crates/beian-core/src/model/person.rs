//! A certificate's validity, a responsible person (负责人) with contact details, and a
//! pre-approval held: the parts of a filing that the subject, its websites and its APPs
//! each have.

use serde::{Deserialize, Serialize};

use super::enums::{CertType, PreApprovalKind};

/// The validity of a certificate: start and end date (`YYYY-MM-DD`), or 长期.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Validity {
    /// 有效期起.
    pub start: String,
    /// 有效期止 (ignored when [`Validity::long_term`]).
    pub end: String,
    /// 长期有效.
    pub long_term: bool,
}

/// A responsible person (负责人) with contact details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// 负责人姓名.
    pub name: String,
    /// 负责人证件类型 (personal types only).
    pub cert_type: Option<CertType>,
    /// 负责人证件号码.
    pub cert_number: String,
    /// Validity of the person's certificate.
    pub cert_validity: Validity,
    /// 联系方式1: mobile number.
    pub mobile: String,
    /// 联系方式2: landline (with area code) or another mobile.
    pub phone2: String,
    /// 应急联系方式.
    pub emergency_phone: String,
    /// 邮箱.
    pub email: String,
}

/// One pre-approval a website or APP holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreApproval {
    /// The content type.
    pub kind: PreApprovalKind,
    /// 审批号, e.g. "粤-12345号".
    pub number: String,
}

impl Default for PreApproval {
    fn default() -> Self {
        PreApproval {
            kind: PreApprovalKind::News,
            number: String::new(),
        }
    }
}
