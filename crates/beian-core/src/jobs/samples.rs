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

fn files(kind: FilingKind) -> Vec<SampleFile> {
    match kind {
        FilingKind::Personal => vec![
            sample_file!(Scope::Subject, DocKind::IdFront, "personal-id-front.jpg"),
            sample_file!(Scope::Subject, DocKind::IdBack, "personal-id-back.jpg"),
            sample_file!(
                Scope::Website(0),
                DocKind::DomainCertificate,
                "personal-domain-certificate.jpg"
            ),
        ],
        FilingKind::Unit => vec![
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
    kind: FilingKind,
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
    kind: FilingKind,
    library: &crate::store::sealed::Library,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<Draft, JobError> {
    let mut draft = crate::store::samples::sample(kind)?;
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
    fn both_samples_are_complete_with_their_documents() {
        for kind in FilingKind::ALL {
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
        for kind in FilingKind::ALL {
            for (_, doc, name, bytes) in files(*kind) {
                let measures = crate::documents::inspect(bytes).unwrap();
                let findings = crate::rules::materials::assess(doc, &measures);
                assert!(findings.is_empty(), "{name}: {findings:?}");
                used.push(name.to_owned());
            }
        }
        used.sort();
        assert_eq!(on_disk, used);
    }
}
