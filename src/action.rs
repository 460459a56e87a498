//! Everything the user interface asks the application to do beyond editing draft fields.
//! Steps and widgets return these; [`crate::app::BeianApp::apply`] handles them in one place.

use std::path::PathBuf;

use crate::documents::Turn;
use crate::i18n::Locale;
use crate::model::{FieldKey, FilingKind, Step, SubmissionState};

/// A side effect requested by the user interface.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start a new, empty filing of this kind.
    NewDraft(FilingKind),
    /// Start a new draft from the shipped sample of this kind.
    OpenSample(FilingKind),
    /// Open a draft file from the library or the recent list.
    OpenPath(PathBuf),
    /// Ask for a draft file with the system's file dialog and open it.
    OpenDialog,
    /// Ask for a file name with the system's file dialog and save the draft there.
    SaveAsDialog,
    /// Save and go back to the start screen.
    CloseDraft,
    /// Hide the message banner.
    DismissMessage,
    /// Forget the draft that was open when beian last stopped abnormally (not reopened).
    DismissInterrupted,
    /// Read the draft library again.
    RefreshLibrary,
    /// Show a step.
    GoToStep(Step),
    /// Show the next step.
    Next,
    /// Show the previous step.
    Back,
    /// Show the step of a field and put the keyboard focus on it.
    GoTo(FieldKey),
    /// Switch the interface language.
    SetLocale(Locale),
    /// Add a website.
    AddWebsite,
    /// Remove website `n` (the primary website cannot be removed).
    RemoveWebsite(usize),
    /// Move website `from` to position `to`.
    MoveWebsite {
        /// Current position.
        from: usize,
        /// New position.
        to: usize,
    },
    /// Copy the subject's responsible person into website `n`'s responsible person.
    CopySubjectResponsible(usize),
    /// Record that the user read a warning (its acknowledgement id) and proceeds.
    AcknowledgeWarning(crate::model::Acknowledgement),
    /// Withdraw an acknowledgement.
    UnacknowledgeWarning(crate::model::Acknowledgement),
    /// Record a new state of the submitted filing, dated today.
    RecordSubmission(SubmissionState),
    /// Remove submission event `n` (a mistaken entry).
    RemoveSubmissionEvent(usize),
    /// Ask for document files with the system's file dialog and attach them to an item.
    PickDocuments(FieldKey),
    /// Attach files to a checklist item (the first; the others wait for assignment).
    AttachFiles {
        /// The item.
        item: FieldKey,
        /// The files.
        paths: Vec<PathBuf>,
    },
    /// Attach a picture pasted from the clipboard to the item under the pointer.
    AttachPasted {
        /// The item.
        item: FieldKey,
        /// The picture.
        image: std::sync::Arc<egui::ColorImage>,
    },
    /// Remove an item's file (it stays in the store; the draft forgets it).
    RemoveAttachment(FieldKey),
    /// Make the normalised copy of an item's file, turned as asked.
    NormalizeAttachment {
        /// The item.
        item: FieldKey,
        /// The extra quarter turns.
        turn: Turn,
    },
    /// Go back to the original file of an item.
    RevertNormalization(FieldKey),
    /// Make the thumbnail of stored content.
    LoadThumbnail(String),
    /// Make the large preview of stored content.
    LoadPreview(String),
    /// Show an item's file large.
    OpenViewer(FieldKey),
    /// Close the large view.
    CloseViewer,
    /// Look for webcams.
    ListCameras,
    /// Start the live preview from a camera.
    StartCamera(crate::camera::CameraChoice),
    /// Stop the camera.
    StopCamera,
    /// Take the face photo from the newest checked frame.
    CaptureFace,
    /// Choose an existing photo for the face verification.
    PickFacePhoto,
    /// Record a help-desk override of a failing face photo, with its reason.
    OverrideFace(String),
    /// Discard the face photo to take another.
    RemoveFace,
    /// Make the thumbnail of the face photo.
    LoadFaceThumbnail(String),
    /// Ask where to save the signed bundle, then export it with the typed password.
    ExportBundle,
    /// Stop the running export.
    CancelExport,
    /// Forget the signing key's password remembered in the credential store.
    ForgetPassword,
    /// Ask for a received bundle with the system's file dialog and verify it.
    OpenBundleDialog,
    /// Verify a received bundle and show it.
    OpenBundle(PathBuf),
    /// Make a new draft from the bundle shown.
    ImportBundle,
    /// Leave the bundle view for the start screen.
    CloseBundle,
    /// Choose the help-desk secret key to countersign with.
    PickStaffKey,
    /// Ask where to write the countersigned copy, then countersign with the typed password.
    CountersignBundle,
    /// Make the thumbnail of a file of the bundle shown (by its hash).
    LoadBundlePicture(String),
}
