//! The filing draft: everything the applicant entered, as raw text, so that half-typed
//! input survives a restart. It is the only thing written to a draft file.
//!
//! Every struct is `#[serde(default)]` so that drafts written by older versions keep
//! loading; [`Draft::schema_version`] says which layout a file has (see
//! `store::draft_io` for migration).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::enums::{CertType, CloudMode, FilingKind, HostNature, Procedure, ProcedureAnswers};
use super::field::FieldKey;
use super::measures::Measures;
use super::step::Step;

pub use super::person::{Person, PreApproval, Validity};

/// The draft layout this version writes.
///
/// Layout 2 added the kind of filing ([`FilingType::procedure`]); drafts of layout 1 are
/// 首次备案. Layout 3 made the face photo per person ([`Materials::face_photos`]) and gave
/// each website its own cloud service ([`Website::cloud`]).
pub const CURRENT_SCHEMA_VERSION: u32 = 3;

/// One filing being prepared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The layout of this draft; see [`CURRENT_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// A random identifier, also the file name in the draft library.
    pub id: String,
    /// When the draft was created.
    pub created_at: Option<DateTime<Utc>>,
    /// When the draft was last changed.
    pub updated_at: Option<DateTime<Utc>>,
    /// The step the user was on when the draft was last saved.
    pub last_step: Step,
    /// 备案类型: region, host nature, certificate, domain, cloud service.
    pub filing: FilingType,
    /// 主体信息 and its responsible person.
    pub subject: Subject,
    /// 网站信息: one or more websites.
    pub websites: Vec<Website>,
    /// APPs (APP备案), each with its packages per platform; none in older drafts.
    pub apps: Vec<super::apps::App>,
    /// Mini-programs and quick apps, filed on their platforms; none in older drafts.
    pub mini_programs: Vec<super::apps::MiniProgram>,
    /// 材料与核验: documents and the face photo.
    pub materials: Materials,
    /// 核对: what the user acknowledged before export.
    pub review: Review,
    /// 提交后跟踪: the filing's progress after submission.
    pub submission: Submission,
    /// Archived: hidden from the start screen's list unless searched for.
    pub archived: bool,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            schema_version: CURRENT_SCHEMA_VERSION,
            id: String::new(),
            created_at: None,
            updated_at: None,
            last_step: Step::FilingType,
            filing: FilingType::default(),
            subject: Subject::default(),
            websites: vec![Website::primary()],
            apps: Vec::new(),
            mini_programs: Vec::new(),
            materials: Materials::default(),
            review: Review::default(),
            submission: Submission::default(),
            archived: false,
        }
    }
}

impl Draft {
    /// A new, empty draft of the given kind with a fresh identifier.
    pub fn new(kind: FilingKind, now: DateTime<Utc>) -> Draft {
        let mut draft = Draft {
            id: new_id(now),
            created_at: Some(now),
            updated_at: Some(now),
            ..Draft::default()
        };
        draft.filing.kind = kind;
        if kind == FilingKind::Personal {
            draft.filing.cert_type = Some(CertType::ResidentId);
        }
        draft
    }

    /// Whether this is a 单位 filing (which has legal representative, investor and
    /// per-website responsible persons).
    pub fn is_unit(&self) -> bool {
        self.filing.kind == FilingKind::Unit
    }

    /// The domain of website `index`: the primary website uses the domain verified on the
    /// filing-type step, the others their own.
    pub fn website_domain(&self, index: usize) -> &str {
        match self.websites.get(index) {
            Some(w) if w.is_primary => &self.filing.domain,
            Some(w) => &w.domain,
            None => "",
        }
    }

    /// A new draft for another website of this (approved) filing's subject: 新增网站（有主体）
    /// with the region, certificate, cloud service, subject and its people copied, the
    /// issued 主体备案号 filled in, and one empty website.
    pub fn new_website_for_subject(&self, now: DateTime<Utc>) -> Draft {
        let mut draft = Draft::new(self.filing.kind, now);
        draft.filing = FilingType {
            procedure: Procedure::NewWebsiteWithSubject,
            answers: ProcedureAnswers {
                has_subject_number: true,
                subject_filed_here: true,
                has_website_number: false,
            },
            cancel_reason: String::new(),
            domain: String::new(),
            ..self.filing.clone()
        };
        draft.subject = self.subject.clone();
        draft.subject.icp_password.clear();
        if draft.subject.icp_number.trim().is_empty() {
            draft.subject.icp_number = subject_number(&self.submission.issued_icp_number);
        }
        draft
    }

    /// The cloud service of website `index`: its own, or the filing's while it has none.
    pub fn website_cloud(&self, index: usize) -> &CloudService {
        match self.websites.get(index).and_then(|w| w.cloud.as_ref()) {
            Some(cloud) => cloud,
            None => &self.filing.cloud,
        }
    }

    /// The kind of filing (备案类型).
    pub fn procedure(&self) -> Procedure {
        self.filing.procedure
    }

    /// A copy without what must never leave this computer: the legacy 备案密码.
    pub fn without_secrets(&self) -> Draft {
        let mut draft = self.clone();
        draft.subject.icp_password.clear();
        draft
    }

    /// The name to show for this draft in lists: the subject's name, or nothing yet.
    pub fn display_name(&self) -> &str {
        self.subject.name.trim()
    }
}

/// The subject number of an issued number: 京ICP备12345678号-1 gives 京ICP备12345678号.
fn subject_number(issued: &str) -> String {
    match issued.trim().split_once('号') {
        Some((head, _)) => format!("{head}号"),
        None => issued.trim().to_owned(),
    }
}

/// Makes a draft identifier from the time and the process: unique enough for one user's
/// drafts, and free of personal data.
pub fn new_id(now: DateTime<Utc>) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = Sha256::new();
    hasher.update(now.timestamp_nanos_opt().unwrap_or_default().to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", now.format("%Y%m%d"))
}

/// 备案类型: the first step, which the provider verifies before anything else.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilingType {
    /// 个人 or 单位.
    pub kind: FilingKind,
    /// 备案类型: the kind of filing (首次备案, 新增网站, 新增接入, 变更, 注销…).
    pub procedure: Procedure,
    /// The answers that determined [`FilingType::procedure`] (what is on record).
    pub answers: ProcedureAnswers,
    /// Why the subject or website is cancelled, or the access removed (注销/取消接入).
    pub cancel_reason: String,
    /// 备案地域: province code (GB/T 2260, six digits).
    pub province: String,
    /// City code.
    pub city: String,
    /// District code.
    pub district: String,
    /// 主办者性质 (单位 filings only; 个人 filings are 个人).
    pub host_nature: Option<HostNature>,
    /// 证件类型 of the subject.
    pub cert_type: Option<CertType>,
    /// 证件号码 of the subject.
    pub cert_number: String,
    /// 域名 to be filed (the primary website's domain).
    pub domain: String,
    /// The filing holds no website, only APPs, mini-programs or quick apps: no domain is
    /// asked here and the services step lists no website.
    pub no_website: bool,
    /// 备案云服务.
    pub cloud: CloudService,
}

/// 备案云服务: how the hosting is proven.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudService {
    /// Server IP or authorization code.
    pub mode: CloudMode,
    /// 服务器 IP (public IPv4 or IPv6).
    pub server_ip: String,
    /// 备案授权码.
    pub auth_code: String,
}

/// 主体信息.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subject {
    /// 单位名称 / 姓名.
    pub name: String,
    /// 主体备案号 (only when the subject has filed before).
    pub icp_number: String,
    /// 备案密码 (legacy; SMS verification replaced it; optional). Asked only for kinds
    /// that may still use it; it stays in the draft file and never goes into a bundle
    /// (see [`Draft::without_secrets`]).
    pub icp_password: String,
    /// 证件地址.
    pub cert_address: String,
    /// Validity of the subject's certificate.
    pub cert_validity: Validity,
    /// 法定代表人 (单位 only).
    pub legal_rep: LegalRepresentative,
    /// 投资人或主管单位 (单位 only).
    pub investor: String,
    /// 通信地址, down to the house or room number.
    pub mailing_address: String,
    /// 主体备注.
    pub remark: String,
    /// 主体负责人 (for 个人 filings: the applicant's contact details).
    pub responsible: Person,
}

/// 法定代表人 of a 单位.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalRepresentative {
    /// 法定代表人姓名.
    pub name: String,
    /// 法定代表人证件类型.
    pub cert_type: Option<CertType>,
    /// 法定代表人证件号码.
    pub cert_number: String,
    /// Validity of the legal representative's certificate.
    pub cert_validity: Validity,
}

/// One website of the filing. A new one has 以上都不涉及 unticked: the applicant must
/// answer the pre-approval question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Website {
    /// Whether this website uses the domain verified on the filing-type step.
    pub is_primary: bool,
    /// 网站备案号 (only when the website has filed before).
    pub icp_number: String,
    /// 网站名称.
    pub name: String,
    /// 域名 (for the primary website, see [`Draft::website_domain`]).
    pub domain: String,
    /// 首页 URL.
    pub homepage: String,
    /// The domain's registrar, holder, expiry and real-name status.
    pub domain_facts: super::facts::DomainFacts,
    /// 前置或专项审批 (单位 filings only).
    pub pre_approvals: Vec<PreApproval>,
    /// 以上都不涉及: the user confirmed that no pre-approval applies (not ticked for a new
    /// website; approvals listed while it is ticked are hidden and count for nothing).
    pub no_pre_approval: bool,
    /// 网站负责人 (单位 filings only).
    pub responsible: Person,
    /// 网站备注.
    pub remark: String,
    /// 备案云服务 of this website; `None`: the filing's (see [`Draft::website_cloud`]).
    pub cloud: Option<CloudService>,
}

impl Website {
    /// The website whose domain is the one from the filing-type step.
    pub fn primary() -> Website {
        Website {
            is_primary: true,
            ..Website::default()
        }
    }
}

/// 材料与核验: attached documents and the face photos, referenced by content hash in the
/// draft's attachment store.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Materials {
    /// Documents attached to checklist items.
    pub attachments: Vec<Attachment>,
    /// The face verification photos, one per person who must verify (see
    /// [`Draft::face_persons`]), each naming its person in [`FacePhoto::person`].
    pub face_photos: Vec<FacePhoto>,
    /// The one face photo of drafts before layout 3; reading moves it to
    /// [`Materials::face_photos`] (`draft_io::migrate`), and it is never written.
    #[serde(rename = "face_photo", skip_serializing)]
    pub(crate) legacy_face_photo: Option<FacePhoto>,
    /// Fields that beian filled from an attached document's text and the user has not
    /// confirmed yet (see [`ReadMark`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub read_marks: Vec<ReadMark>,
}

/// A field filled from the text read off a document (营业执照, ID card) rather than
/// typed: it stays marked "read from the document" until the user confirms it. Typing
/// over the value ends the mark too (the value is then the user's own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadMark {
    /// The field (for a validity period, its start).
    pub field: FieldKey,
    /// The value filled in, as [`super::read_fill::ReadValue::shown`] writes it.
    pub value: String,
}

/// A file in the attachment store, attached to a checklist item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// The checklist item (a document field key such as
    /// `websites[0].responsible.document.id_front`).
    pub item: FieldKey,
    /// SHA-256 of the original content (lower-case hex): its name in the store.
    pub sha256: String,
    /// The file's original name, a hint only.
    #[serde(default)]
    pub original_name: String,
    /// What was measured about the original.
    #[serde(default)]
    pub measures: Measures,
    /// The normalised copy the user accepted, which is what goes into the bundle.
    #[serde(default)]
    pub normalized: Option<NormalizedCopy>,
    /// When it was attached.
    #[serde(default)]
    pub added_at: Option<DateTime<Utc>>,
    /// For a paper beian prints: what was read off the photo when it was attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<PaperReading>,
}

/// What was read off the photo of a printed paper: the QR code it carries (beian's
/// payload, `None` when no code was found) and the signature places that looked blank.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaperReading {
    /// The code's text.
    pub code: Option<String>,
    /// Who signs at each place that looked blank ("法定代表人"…).
    pub unsigned: Vec<String>,
}

impl Attachment {
    /// The content that goes into the bundle: the normalised copy if there is one.
    pub fn effective_sha256(&self) -> &str {
        self.normalized.as_ref().map_or(&self.sha256, |n| &n.sha256)
    }

    /// The measures of the content that goes into the bundle.
    pub fn effective_measures(&self) -> &Measures {
        self.normalized
            .as_ref()
            .map_or(&self.measures, |n| &n.measures)
    }
}

/// A normalised copy of an attachment (upright, within the size limit, no metadata).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NormalizedCopy {
    /// SHA-256 of the copy in the store.
    pub sha256: String,
    /// What was measured about the copy.
    pub measures: Measures,
}

/// The captured face photo and what was checked about it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FacePhoto {
    /// Whose photo it is: the identity key of a [`super::face::FacePerson`].
    pub person: String,
    /// SHA-256 of the photo in the attachment store.
    pub sha256: String,
    /// When it was taken.
    pub captured_at: Option<DateTime<Utc>>,
    /// Whether every pre-check passed.
    pub passed: bool,
    /// A help-desk override of a failing check, with its reason.
    pub override_reason: String,
    /// The pre-check report of the captured frame: every measured value, its limit, and
    /// the detector version.
    pub report: Option<super::precheck::PreCheck>,
    /// Where the photo came from: `camera` or `file`.
    pub source: String,
}

/// What the user confirmed on the review step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// Warnings the user read and chose to proceed with (stored as `code@field` text).
    #[serde(deserialize_with = "super::issue_code::deserialize_acknowledgements")]
    pub acknowledged_warnings: Vec<super::Acknowledgement>,
    /// Where the subject's credit code was checked when its check character fails; the
    /// failing check is acknowledged only with this answer.
    pub credit_code_checked: Option<super::facts::CreditCodeCheck>,
    /// The declarations made before export (truthfulness, consent, terms).
    pub declarations: Vec<super::declarations::Declaration>,
    /// Who declares, as chosen or typed on the review step; `None` until then (the
    /// declarant is then derived from this filing: see
    /// [`super::declarations::declarant`]). Kept with the filing so that it never carries
    /// over to another one.
    pub declarant: Option<super::declarations::Declarant>,
}

pub use super::tracking::{Submission, SubmissionEvent};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_new_website_for_an_approved_subject_starts_from_its_record() {
        let mut approved = crate::store::samples::sample(FilingKind::Unit).unwrap();
        approved.submission.issued_icp_number = "闽ICP备12345678号-1".into();
        approved.subject.icp_password = "secret".into();
        let now = Utc::now();
        let next = approved.new_website_for_subject(now);
        assert_ne!(next.id, approved.id);
        assert_eq!(next.filing.procedure, Procedure::NewWebsiteWithSubject);
        assert_eq!(
            Procedure::decide(next.filing.answers),
            next.filing.procedure
        );
        assert_eq!(next.filing.kind, approved.filing.kind);
        assert_eq!(next.filing.province, approved.filing.province);
        assert_eq!(next.filing.cert_number, approved.filing.cert_number);
        assert_eq!(next.filing.cloud, approved.filing.cloud);
        assert_eq!(next.filing.domain, "");
        assert_eq!(next.subject.name, approved.subject.name);
        assert_eq!(next.subject.legal_rep, approved.subject.legal_rep);
        assert_eq!(next.subject.responsible, approved.subject.responsible);
        assert_eq!(next.subject.icp_number, "闽ICP备12345678号");
        assert_eq!(next.subject.icp_password, "");
        assert_eq!(next.websites, vec![Website::primary()]);
        assert!(next.materials.attachments.is_empty());
        assert!(next.submission.events.is_empty());
        assert_eq!(next.created_at, Some(now));
        // A number already on the subject wins over the issued one.
        approved.subject.icp_number = "闽ICP备87654321号".into();
        let next = approved.new_website_for_subject(now);
        assert_eq!(next.subject.icp_number, "闽ICP备87654321号");
    }
}
