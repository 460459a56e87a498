//! The shipped sample filings, complete with their (synthetic, marked 样本) documents, so
//! that a help desk can show the whole procedure without anyone's real papers.

use super::error::JobError;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::documents::Store;
use crate::model::draft::new_id;
use crate::model::{DocKind, Draft, Field, FieldKey, FilingKind, Scope, Step};

type SampleFile = (Scope, DocKind, &'static str, &'static [u8]);

macro_rules! sample_file {
    ($scope:expr, $kind:expr, $name:literal) => {
        (
            $scope,
            $kind,
            $name,
            include_bytes!(concat!("../../../../assets/samples/documents/", $name)),
        )
    };
}

/// Which shipped sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// The personal filing of a website.
    Personal,
    /// The unit filing of two websites.
    Unit,
    /// A unit filing of one APP and no website, its package read from a shipped APK.
    App,
}

impl Sample {
    /// Every sample, in the order the start screen offers them.
    pub const ALL: &[Sample] = &[Sample::Personal, Sample::Unit, Sample::App];

    /// A stable key (`personal`, `unit`, `app`).
    pub fn key(self) -> &'static str {
        match self {
            Sample::Personal => "personal",
            Sample::Unit => "unit",
            Sample::App => "app",
        }
    }
}

impl From<FilingKind> for Sample {
    fn from(kind: FilingKind) -> Sample {
        match kind {
            FilingKind::Personal => Sample::Personal,
            FilingKind::Unit => Sample::Unit,
        }
    }
}

/// The package the APP sample reads, as a user's dropped package is read
/// (`assets/samples/apps/README.md`).
const SAMPLE_APK: &[u8] = include_bytes!("../../../../assets/samples/apps/sample-release.apk");

/// The APP sample: the unit sample's subject and people, no website, and one APP whose
/// Android package is read from [`SAMPLE_APK`] on `now`.
fn app_sample(now: DateTime<Utc>) -> Result<Draft, JobError> {
    use crate::model::apps::Sdk;
    use crate::model::edit::Edit;
    let mut draft = crate::store::samples::sample(FilingKind::Unit)?;
    let responsible = draft
        .websites
        .first()
        .map(|w| w.responsible.clone())
        .unwrap_or_default();
    Edit::SetNoWebsite(true).apply(&mut draft);
    let domain = "api.example.com.cn";
    let Some(app) = draft.apps.first_mut() else {
        return Err(JobError::Internal);
    };
    app.name = "示例科技工单".into();
    app.service_content = "office".into();
    app.language = "zh-CN".into();
    app.no_pre_approval = true;
    app.sdks = vec![Sdk {
        vendor: "示例推送服务有限公司".into(),
        kind: "push".into(),
    }];
    app.domains = domain.into();
    app.remark =
        "本单位员工提交、分派和处理售后工单的办公APP，不提供新闻、论坛等信息发布服务。".into();
    app.responsible = responsible;
    let reading = crate::packages::read_bytes(SAMPLE_APK).map_err(|_| JobError::Internal)?;
    if let Some(block) = app.packages.first_mut() {
        crate::packages::fill_block(block, &reading, "sample-release.apk".into(), now);
    }
    Ok(draft)
}

fn files(sample: Sample) -> Vec<SampleFile> {
    match sample {
        Sample::App => {
            // The unit sample's subject, and its website manager, who runs the APP here.
            let mut out: Vec<SampleFile> = files(Sample::Unit)
                .into_iter()
                .filter(|(scope, ..)| !matches!(scope, Scope::Website(_)))
                .map(|(scope, kind, name, bytes)| match scope {
                    Scope::WebsiteResponsible(0) => (Scope::AppResponsible(0), kind, name, bytes),
                    _ => (scope, kind, name, bytes),
                })
                .collect();
            out.push(sample_file!(
                Scope::App(0),
                DocKind::AppIcon,
                "unit-app-icon.jpg"
            ));
            out
        }
        Sample::Personal => vec![
            sample_file!(Scope::Subject, DocKind::IdFront, "personal-id-front.jpg"),
            sample_file!(Scope::Subject, DocKind::IdBack, "personal-id-back.jpg"),
            sample_file!(
                Scope::Website(0),
                DocKind::DomainCertificate,
                "personal-domain-certificate.jpg"
            ),
        ],
        Sample::Unit => vec![
            sample_file!(
                Scope::Subject,
                DocKind::SubjectCertificate,
                "unit-licence.jpg"
            ),
            sample_file!(
                Scope::SubjectResponsible,
                DocKind::IdFront,
                "unit-legal-rep-id-front.jpg"
            ),
            sample_file!(
                Scope::SubjectResponsible,
                DocKind::IdBack,
                "unit-legal-rep-id-back.jpg"
            ),
            sample_file!(
                Scope::WebsiteResponsible(0),
                DocKind::IdFront,
                "unit-website-rep-id-front.jpg"
            ),
            sample_file!(
                Scope::WebsiteResponsible(0),
                DocKind::IdBack,
                "unit-website-rep-id-back.jpg"
            ),
            sample_file!(
                Scope::WebsiteResponsible(0),
                DocKind::AuthorizationLetter,
                "unit-authorization.jpg"
            ),
            sample_file!(
                Scope::Website(0),
                DocKind::DomainCertificate,
                "unit-domain-certificate-1.jpg"
            ),
            sample_file!(
                Scope::Website(1),
                DocKind::DomainCertificate,
                "unit-domain-certificate-2.jpg"
            ),
        ],
    }
}

/// Makes a new draft from the sample of `kind` in `library`, made `now`, with its
/// documents in the draft's store. Returns the draft and where it is to be saved.
pub fn create(
    kind: impl Into<Sample>,
    library: &crate::store::sealed::Library,
    now: DateTime<Utc>,
) -> Result<(Draft, PathBuf), JobError> {
    let id = new_id(now);
    let path = library.dir().join(format!("{id}.ron"));
    let mut draft = create_at(kind, library, &path, now)?;
    draft.id = id;
    Ok((draft, path))
}

/// Makes a new draft from the sample of `kind` that is to be saved at `path` in `library` (`beian new
/// --sample -o PATH`), made `now` (its photo taken then), with its documents in that
/// draft's store. Saving it is the caller's.
pub fn create_at(
    kind: impl Into<Sample>,
    library: &crate::store::sealed::Library,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<Draft, JobError> {
    let kind = kind.into();
    let mut draft = match kind {
        Sample::Personal => crate::store::samples::sample(FilingKind::Personal)?,
        Sample::Unit => crate::store::samples::sample(FilingKind::Unit)?,
        Sample::App => app_sample(now)?,
    };
    draft.id = new_id(now);
    draft.created_at = Some(now);
    draft.updated_at = Some(now);
    draft.last_step = Step::FilingType;
    let store = Store::for_draft(library, path);
    for (scope, doc, name, bytes) in files(kind) {
        let item = FieldKey::new(scope, Field::Document(doc));
        let imported = super::documents::import_bytes(&store, item, name, bytes)?;
        draft.materials.attachments.push(imported.attachment);
    }
    let face = crate::documents::decode(SAMPLE_FACE)?;
    let (mut photo, _) = super::face::make_photo(&store, &face.image.to_rgb8(), "file")?;
    photo.captured_at = Some(now);
    for person in draft.face_persons() {
        draft
            .materials
            .set_face_photo(crate::model::draft::FacePhoto {
                person: person.key,
                ..photo.clone()
            });
    }
    Ok(draft)
}

/// The face photo of the samples: a public-domain portrait on a white background,
/// derived by `scripts/make-face-samples.py`.
const SAMPLE_FACE: &[u8] = include_bytes!("../../../../assets/samples/faces/good.jpg");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_is_complete_with_its_documents() {
        for kind in Sample::ALL {
            let dir = tempfile::tempdir().unwrap();
            let (draft, path) = create(
                *kind,
                &crate::store::sealed::Library::open(dir.path()),
                Utc::now(),
            )
            .unwrap();
            let report = crate::rules::validate(&draft);
            let blocking: Vec<_> = report
                .issues
                .iter()
                .filter(|i| i.severity != crate::rules::Severity::Notice)
                .collect();
            assert!(blocking.is_empty(), "{kind:?}: {blocking:?}");
            assert!(
                Store::for_draft(&crate::store::sealed::Library::of_file(&path), &path)
                    .contains(&draft.materials.attachments[0].sha256)
            );
        }
    }

    #[test]
    fn the_app_sample_files_one_app_read_from_its_package_and_no_website() {
        let dir = tempfile::tempdir().unwrap();
        let library = crate::store::sealed::Library::open(dir.path());
        let (draft, _) = create(Sample::App, &library, Utc::now()).unwrap();
        assert!(draft.filing.no_website && draft.websites.is_empty());
        let package = &draft.apps[0].packages[0];
        assert_eq!(package.package_name, "com.example.beian");
        assert_eq!(package.fingerprint, "1DA2714913DA28006B2F3A1EDC5B75F6");
        assert!(package.read.is_some());
        assert_eq!(
            draft.services_held(),
            crate::model::step::ServicesHeld::AppsOnly
        );
    }

    /// Every document `scripts/make-sample-documents.py` writes for the samples is used by
    /// one of them and passes beian's checks for its kind without a single finding (the
    /// script itself judges nothing).
    #[test]
    fn every_sample_document_is_used_and_passes_its_checks() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/samples/documents");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".jpg"))
            .collect();
        on_disk.sort();
        let mut used = Vec::new();
        for kind in Sample::ALL {
            for (_, doc, name, bytes) in files(*kind) {
                let measures = crate::documents::inspect(bytes).unwrap();
                let findings = crate::rules::materials::assess(doc, &measures);
                assert!(findings.is_empty(), "{name}: {findings:?}");
                used.push(name.to_owned());
            }
        }
        used.sort();
        used.dedup();
        assert_eq!(on_disk, used);
    }
}
