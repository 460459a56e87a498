//! Everything the user interface asks the application to do beyond typing into draft
//! fields. Steps and widgets return these; [`crate::app::BeianApp::apply`] routes them:
//! draft changes to [`Edit::apply`], the documents, the face photo and the bundles to
//! their own handlers, each matching its own enum exhaustively.

use std::path::PathBuf;

use crate::documents::Turn;
use crate::i18n::Locale;
use crate::model::edit::Edit;
use crate::model::{FieldKey, FilingKind, Step};

/// A side effect requested by the user interface.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start a new, empty filing of this kind.
    NewDraft(FilingKind),
    /// Start a 新增网站 draft for the open (approved) filing's subject.
    NewWebsiteForSubject,
    /// Start a new draft from this shipped sample.
    OpenSample(crate::jobs::samples::Sample),
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
    /// Ask to take over the edit lock another desk left (it expired).
    AskTakeOver,
    /// Take over the expired edit lock (confirmed) and edit the draft.
    TakeOverLock,
    /// Keep the draft read-only.
    CancelTakeOver,
    /// Duplicate, archive or delete a saved filing.
    Library(LibraryAction),
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
    /// Change the draft.
    Edit(Edit),
    /// Attach, check and view documents.
    Documents(DocumentAction),
    /// The face photo.
    Face(FaceAction),
    /// The packages of an APP.
    App(AppAction),
    /// Export, open, import and countersign bundles.
    Bundle(BundleAction),
    /// Move a filing between computers (draft transfer files) and print the overview.
    Transfer(TransferAction),
    /// beian's own file picker (when the system has no file dialog).
    Picker(PickerAction),
    /// Show the About box (version, licence, third-party notices).
    ShowAbout,
    /// Close the About box.
    CloseAbout,
    /// The staff passphrase, the lock screen, applicant mode and encryption at rest.
    Staff(StaffAction),
    /// Remove something the user made (a document, a face photo), with an undo offered
    /// for a few seconds.
    Remove(Removal),
    /// Put back what the last removal took.
    Undo,
    /// Hide the undo offer.
    DismissUndo,
}

/// Something the user can remove and take back (see [`Action::Remove`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Removal {
    /// The file of a checklist item (its reading goes with it, and comes back on undo).
    Attachment(FieldKey),
    /// A person's face photo, by their [`crate::model::face::FacePerson`] key.
    Face(String),
}

/// What the staff settings, the lock screen and applicant mode ask for (handled in
/// `app/staff.rs`).
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffAction {
    /// Show the staff settings.
    OpenSettings,
    /// Leave the staff settings for the start screen.
    CloseSettings,
    /// Write the preferences edited on the staff settings (desk name, idle time).
    SaveSettings,
    /// Set or change the staff passphrase from the fields typed.
    SubmitPassphrase,
    /// Turn encryption at rest on (`true`) or off, converting the library.
    Convert(bool),
    /// Lock now (the lock screen; the staff passphrase opens it again).
    Lock,
    /// Hand the open filing to the applicant: only it is visible until the staff unlocks.
    HandOver,
    /// The applicant is done: save, close the filing and lock for the next one.
    NextApplicant,
    /// Check the passphrase typed on the lock screen.
    Unlock,
}

impl From<StaffAction> for Action {
    fn from(a: StaffAction) -> Action {
        Action::Staff(a)
    }
}

impl From<Edit> for Action {
    fn from(edit: Edit) -> Action {
        Action::Edit(edit)
    }
}

/// What the start screen's list does to a saved filing (handled in `app/library.rs`).
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryAction {
    /// Start a 新增网站 draft for this filing's subject (subject and people copied, no
    /// websites) and open it.
    NewWebsiteFor(PathBuf),
    /// Hide it from the default list (still found by a search), or show it again.
    SetArchived(PathBuf, bool),
    /// Delete it with its attachments (after the user confirmed).
    Delete(PathBuf),
}

impl From<LibraryAction> for Action {
    fn from(a: LibraryAction) -> Action {
        Action::Library(a)
    }
}

impl From<DocumentAction> for Action {
    fn from(a: DocumentAction) -> Action {
        Action::Documents(a)
    }
}

impl From<FaceAction> for Action {
    fn from(a: FaceAction) -> Action {
        Action::Face(a)
    }
}

impl From<BundleAction> for Action {
    fn from(a: BundleAction) -> Action {
        Action::Bundle(a)
    }
}

/// What an APP's package block asks for.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum AppAction {
    /// Choose a package or certificate file for block `package` of APP `app`.
    Pick {
        /// The APP.
        app: usize,
        /// Its package block.
        package: usize,
    },
    /// Read `path` into block `package` of APP `app` (a file dropped or chosen).
    Read {
        /// The APP.
        app: usize,
        /// Its package block.
        package: usize,
        /// The package, profile or certificate file.
        path: PathBuf,
    },
}

/// What the materials step asks for.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum DocumentAction {
    /// Ask for document files with the system's file dialog and attach them to an item.
    Pick(FieldKey),
    /// Attach files to a checklist item (the first; the others wait for assignment).
    Attach {
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
    /// Make the normalised copy of an item's file, turned as asked.
    Normalize {
        /// The item.
        item: FieldKey,
        /// The extra quarter turns.
        turn: Turn,
    },
    /// Make the thumbnail of stored content.
    LoadThumbnail(String),
    /// Make the large preview of stored content.
    LoadPreview(String),
    /// Print the paper of an item filled in: ask where, write the PDF, open it.
    PrintPaper(FieldKey),
    /// Print every paper the filing needs: one file to print, each also on its own.
    PrintAllPapers,
}

/// What the face photo section asks for.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum FaceAction {
    /// Look for webcams.
    ListCameras,
    /// Start the live preview from a camera, to take this person's photo.
    StartCamera {
        /// Whose photo (a `FacePerson` key).
        person: String,
        /// The camera.
        choice: crate::camera::CameraChoice,
    },
    /// Stop the camera.
    StopCamera,
    /// Take this person's face photo from the newest checked frame.
    Capture(String),
    /// Choose an existing photo for this person's face verification.
    PickPhoto(String),
    /// Make the thumbnail of the face photo.
    LoadThumbnail(String),
}

/// What the review step's export panel and the bundle screen ask for.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum BundleAction {
    /// Ask where to save the signed bundle, then export it with the typed password.
    Export,
    /// Stop the running export.
    CancelExport,
    /// Forget the signing key's password remembered in the credential store.
    ForgetPassword,
    /// Ask for a received bundle with the system's file dialog and verify it.
    OpenDialog,
    /// Verify a received bundle and show it.
    Open(PathBuf),
    /// Make a new draft from the bundle shown.
    Import,
    /// Leave the bundle view for the start screen.
    Close,
    /// Choose the help-desk secret key to countersign with.
    PickStaffKey,
    /// Ask where to write the countersigned copy, then countersign with the typed password.
    Countersign,
    /// Make the thumbnail of a file of the bundle shown (by its hash).
    LoadPicture(String),
}

/// What the start screen asks for to move a filing between computers and to print the
/// daily overview (handled in `app/transfer.rs`).
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum TransferAction {
    /// Ask where to write the transfer file of the draft at this path, then write it.
    Export(PathBuf),
    /// Ask for a transfer file and import it into the library.
    Import,
    /// Answer the question about a draft already in the library with the same identifier:
    /// keep both or replace.
    Resolve(crate::services::transfer::OnConflict),
    /// Import nothing (the answer "cancel" to that question).
    CancelImport,
    /// Ask where to write today's overview, write it and open it in the browser.
    PrintOverview,
    /// Hide the message about the last transfer or overview.
    DismissMessage,
}

impl From<TransferAction> for Action {
    fn from(a: TransferAction) -> Action {
        Action::Transfer(a)
    }
}

/// What beian's own file picker asks for (handled in `app/picker.rs`).
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum PickerAction {
    /// Show this folder.
    Open(PathBuf),
    /// Show the folder above.
    Up,
    /// Answer the question with these files and close the picker.
    Choose(Vec<PathBuf>),
    /// Answer "cancelled" and close the picker.
    Cancel,
}

impl From<PickerAction> for Action {
    fn from(a: PickerAction) -> Action {
        Action::Picker(a)
    }
}
