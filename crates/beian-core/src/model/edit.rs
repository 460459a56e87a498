//! Changes to a draft that a button asks for (as opposed to typing into a field, which
//! edits the draft directly): the kind of filing, adding and moving websites,
//! acknowledgements, tracking events, removing files. One pure function applies them, so each is unit-tested
//! without a window.

use super::declarations::DeclarationKind;
use super::draft::SubmissionEvent;
use super::{
    Acknowledgement, Draft, Field, FieldKey, Procedure, ProcedureAnswers, Scope, SubmissionState,
    Website,
};

/// What a removal took from the draft, kept to put back when the user undoes it (in the
/// place it had, so that an undo leaves the draft exactly as it was).
#[derive(Clone, Debug, PartialEq)]
pub enum Removed {
    /// The files of a checklist item, each with its position in the list.
    Attachments(FieldKey, Vec<(usize, super::draft::Attachment)>),
    /// A person's face photo, with its position in the list.
    Face(usize, super::draft::FacePhoto),
}

impl Removed {
    /// What removing `item`'s files takes from `draft` (`None` when it has none).
    pub fn attachment(draft: &Draft, item: FieldKey) -> Option<Removed> {
        let files: Vec<_> = draft
            .materials
            .attachments
            .iter()
            .enumerate()
            .filter(|(_, a)| a.item == item)
            .map(|(i, a)| (i, a.clone()))
            .collect();
        (!files.is_empty()).then_some(Removed::Attachments(item, files))
    }

    /// What removing `person`'s face photo takes from `draft` (`None` when there is none).
    pub fn face(draft: &Draft, person: &str) -> Option<Removed> {
        draft
            .materials
            .face_photos
            .iter()
            .position(|p| p.person == person)
            .and_then(|i| {
                let photo = draft.materials.face_photos.get(i)?.clone();
                Some(Removed::Face(i, photo))
            })
    }

    /// The edit that removes it.
    pub fn removal(&self) -> Edit {
        match self {
            Removed::Attachments(item, _) => Edit::RemoveAttachment(*item),
            Removed::Face(_, photo) => Edit::RemoveFace(photo.person.clone()),
        }
    }

    fn restore(self, draft: &mut Draft) {
        match self {
            Removed::Attachments(item, files) => {
                let list = &mut draft.materials.attachments;
                list.retain(|a| a.item != item);
                for (at, file) in files {
                    list.insert(at.min(list.len()), file);
                }
            }
            Removed::Face(at, photo) => {
                let list = &mut draft.materials.face_photos;
                list.retain(|p| p.person != photo.person);
                list.insert(at.min(list.len()), photo);
            }
        }
    }
}

/// A change to the draft requested by the user interface.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Record what the applicant has on record and set the kind of filing it determines.
    AnswerProcedureQuestions(ProcedureAnswers),
    /// Choose the kind of filing explicitly (the help desk knows it).
    ChooseProcedure(Procedure),
    /// Add a website at the end.
    AddWebsite,
    /// Remove website `n` (the primary website cannot be removed).
    RemoveWebsite(usize),
    /// Add an APP at the end, with one package block.
    AddApp,
    /// Remove APP `n`.
    RemoveApp(usize),
    /// File no website (only APPs, mini-programs or quick apps): the websites go (the
    /// window asks first when they hold anything) and, if the filing has no other service,
    /// an APP is added. `false` brings back an empty primary website.
    SetNoWebsite(bool),
    /// Add a package block to APP `n` (on the platform its last block does not use).
    AddAppPackage(usize),
    /// Remove package block `m` of APP `n`.
    RemoveAppPackage(usize, usize),
    /// Copy the subject's responsible person into APP `n`'s responsible person.
    CopySubjectResponsibleToApp(usize),
    /// Add a mini-program or quick app at the end.
    AddMini,
    /// Remove mini-program `n`.
    RemoveMini(usize),
    /// Copy the subject's responsible person into mini-program `n`'s responsible person.
    CopySubjectResponsibleToMini(usize),
    /// Move website `from` to position `to`.
    MoveWebsite {
        /// Current position.
        from: usize,
        /// New position.
        to: usize,
    },
    /// Copy the subject's responsible person into website `n`'s responsible person.
    CopySubjectResponsible(usize),
    /// Record that the user read a warning and proceeds.
    AcknowledgeWarning(Acknowledgement),
    /// Withdraw an acknowledgement.
    UnacknowledgeWarning(Acknowledgement),
    /// Record where a credit code with a failing check character was checked (or forget
    /// it with `None`).
    ConfirmCreditCode(Option<super::CreditCodeCheck>),
    /// Record a new state of the submitted filing (an approval also writes its numbers
    /// into the subject and the websites).
    RecordSubmission(Box<SubmissionEvent>),
    /// Make a declaration for the filing as it is now.
    Declare {
        /// Which declaration.
        kind: DeclarationKind,
        /// Who makes it (the name).
        by: String,
        /// The person chosen, by the key of their name field; `None` when typed.
        person: Option<FieldKey>,
        /// When (UTC).
        at: chrono::DateTime<chrono::Utc>,
    },
    /// Withdraw a declaration.
    WithdrawDeclaration(DeclarationKind),
    /// Choose or type who declares.
    SetDeclarant(super::declarations::Declarant),
    /// Remove a submission event (a mistaken entry).
    RemoveSubmissionEvent {
        /// Its position.
        index: usize,
        /// For an approval: whether the numbers it wrote into the draft stay (`false`
        /// puts back what they replaced).
        keep_numbers: bool,
    },
    /// Forget an item's file (it stays in the store).
    RemoveAttachment(FieldKey),
    /// Put back what a removal took (the user undid it).
    Restore(Removed),
    /// Go back to the original file of an item.
    RevertNormalization(FieldKey),
    /// Give website `website` its own cloud service (starting from the filing's), or make
    /// it use the filing's again.
    OwnCloud {
        /// The website.
        website: usize,
        /// Whether it has its own.
        own: bool,
    },
    /// Record a help-desk override of a person's failing face photo, with its reason.
    OverrideFace {
        /// Whose photo (a [`super::face::FacePerson`] key).
        person: String,
        /// Why it is accepted.
        reason: String,
    },
    /// Discard a person's face photo to take another (their identity key).
    RemoveFace(String),
    /// Fill a field with what was read from a document, marked "read from the
    /// document" until the user confirms it.
    FillFromDocument {
        /// The field.
        field: FieldKey,
        /// The value read.
        value: super::read_fill::ReadValue,
    },
    /// Take a value read from a document that the user chose over what the field held
    /// (no mark: the user compared it).
    AcceptReading {
        /// The field.
        field: FieldKey,
        /// The value read.
        value: super::read_fill::ReadValue,
    },
    /// The user compared a field filled from a document with the document.
    ConfirmReading(FieldKey),
}

impl Edit {
    /// Applies the change to `draft`. Returns the field that should get the keyboard
    /// focus afterwards, if any. A change that no longer fits the draft (an index past
    /// the end, the primary website) leaves it as it is.
    pub fn apply(self, draft: &mut Draft) -> Option<FieldKey> {
        match self {
            Edit::AnswerProcedureQuestions(answers) => {
                draft.filing.answers = answers;
                set_procedure(draft, Procedure::decide(answers));
            }
            Edit::ChooseProcedure(procedure) => {
                if let Some(answers) = answers_for(procedure) {
                    draft.filing.answers = answers;
                }
                set_procedure(draft, procedure);
            }
            Edit::AddWebsite => {
                // A 变更 filing can only remove domains; a new one is a 新增网站 filing.
                if !draft.procedure().may_add_websites() {
                    return None;
                }
                draft.websites.push(Website::default());
                let index = draft.websites.len().saturating_sub(1);
                return Some(FieldKey::new(Scope::Website(index), Field::Name));
            }
            Edit::AddApp => {
                draft.apps.push(super::apps::App::default());
                let index = draft.apps.len().saturating_sub(1);
                return Some(FieldKey::new(Scope::App(index), Field::Name));
            }
            Edit::SetNoWebsite(no_website) => {
                draft.filing.no_website = no_website;
                if no_website {
                    draft.websites.clear();
                    draft.filing.domain.clear();
                    if !draft.has_app_services() {
                        draft.apps.push(super::apps::App::default());
                        return Some(FieldKey::new(Scope::App(0), Field::Name));
                    }
                } else if draft.websites.is_empty() {
                    draft.websites.push(super::draft::Website::primary());
                    return Some(FieldKey::new(Scope::Filing, Field::Domain));
                }
            }
            Edit::RemoveApp(index) => {
                if index < draft.apps.len() {
                    draft.apps.remove(index);
                }
            }
            Edit::AddAppPackage(index) => {
                let app = draft.apps.get_mut(index)?;
                let used: Vec<_> = app.packages.iter().map(|p| p.platform).collect();
                let platform = super::apps::Platform::ALL
                    .iter()
                    .copied()
                    .find(|p| !used.contains(p))
                    .unwrap_or_default();
                app.packages.push(super::apps::AppPackage {
                    platform,
                    ..Default::default()
                });
                let package = app.packages.len().saturating_sub(1);
                return Some(FieldKey::new(
                    Scope::AppPackage(index, package),
                    Field::PackageName,
                ));
            }
            Edit::RemoveAppPackage(index, package) => {
                if let Some(app) = draft.apps.get_mut(index)
                    && package < app.packages.len()
                {
                    app.packages.remove(package);
                }
            }
            Edit::RemoveWebsite(index) => {
                if draft.websites.get(index).is_some_and(|w| !w.is_primary) {
                    draft.websites.remove(index);
                }
            }
            Edit::MoveWebsite { from, to } => {
                let len = draft.websites.len();
                if from < len && to < len && from != to {
                    let website = draft.websites.remove(from);
                    draft.websites.insert(to, website);
                }
            }
            Edit::AddMini => {
                draft
                    .mini_programs
                    .push(super::apps::MiniProgram::default());
                let index = draft.mini_programs.len().saturating_sub(1);
                return Some(FieldKey::new(Scope::Mini(index), Field::AppId));
            }
            Edit::RemoveMini(index) => {
                if index < draft.mini_programs.len() {
                    draft.mini_programs.remove(index);
                }
            }
            Edit::CopySubjectResponsibleToMini(index) => {
                let person = draft.subject.responsible.clone();
                if let Some(m) = draft.mini_programs.get_mut(index) {
                    m.responsible = person;
                }
            }
            Edit::CopySubjectResponsibleToApp(index) => {
                let person = draft.subject.responsible.clone();
                if let Some(a) = draft.apps.get_mut(index) {
                    a.responsible = person;
                }
            }
            Edit::CopySubjectResponsible(index) => {
                let person = draft.subject.responsible.clone();
                if let Some(w) = draft.websites.get_mut(index) {
                    w.responsible = person;
                }
            }
            Edit::AcknowledgeWarning(ack) => {
                if !draft.review.acknowledged_warnings.contains(&ack) {
                    draft.review.acknowledged_warnings.push(ack);
                }
            }
            Edit::UnacknowledgeWarning(ack) => {
                draft.review.acknowledged_warnings.retain(|a| *a != ack);
            }
            Edit::ConfirmCreditCode(check) => draft.review.credit_code_checked = check,
            Edit::RecordSubmission(event) => {
                let mut event = *event;
                event.note = event.note.trim().to_owned();
                event.date = event.date.trim().to_owned();
                event.time = event.time.trim().to_owned();
                if event.state == SubmissionState::Approved {
                    super::approval::apply_approval(draft, &mut event);
                }
                let first = event.fields.first().copied();
                draft.submission.events.push(event);
                return first;
            }
            Edit::Declare {
                kind,
                by,
                person,
                at,
            } => super::declarations::declare(draft, kind, &by, person, at),
            Edit::WithdrawDeclaration(kind) => super::declarations::withdraw(draft, kind),
            Edit::SetDeclarant(who) => draft.review.declarant = Some(who),
            Edit::RemoveSubmissionEvent {
                index,
                keep_numbers,
            } => {
                if index < draft.submission.events.len() {
                    let event = draft.submission.events.remove(index);
                    if event.state == SubmissionState::Approved && !keep_numbers {
                        super::approval::undo_approval(draft, &event);
                    }
                }
            }
            Edit::RemoveAttachment(item) => {
                draft.materials.attachments.retain(|a| a.item != item);
            }
            Edit::Restore(removed) => removed.restore(draft),
            Edit::RevertNormalization(item) => {
                if let Some(a) = draft
                    .materials
                    .attachments
                    .iter_mut()
                    .find(|a| a.item == item)
                {
                    a.normalized = None;
                }
            }
            Edit::OwnCloud { website, own } => {
                let filing = draft.filing.cloud.clone();
                if let Some(w) = draft.websites.get_mut(website) {
                    match (own, w.cloud.is_some()) {
                        (true, false) => w.cloud = Some(filing),
                        (false, true) => w.cloud = None,
                        _ => {}
                    }
                }
                if own {
                    let field = match draft.website_cloud(website).mode {
                        super::CloudMode::ServerIp => Field::ServerIp,
                        super::CloudMode::AuthCode => Field::AuthCode,
                    };
                    return Some(FieldKey::new(Scope::Website(website), field));
                }
            }
            Edit::OverrideFace { person, reason } => {
                if let Some(photo) = draft.materials.face_photo_mut(&person) {
                    photo.override_reason = reason;
                }
            }
            Edit::RemoveFace(person) => draft.materials.remove_face_photo(&person),
            Edit::FillFromDocument { field, value } => {
                super::read_fill::fill(draft, field, &value);
            }
            Edit::AcceptReading { field, value } => {
                super::read_fill::accept(draft, field, &value);
            }
            Edit::ConfirmReading(field) => super::read_fill::confirm(draft, field),
        }
        None
    }
}

/// Sets the kind of filing; a kind that does not use the legacy 备案密码 forgets it, so a
/// secret is not kept where nothing asks for it.
fn set_procedure(draft: &mut Draft, procedure: Procedure) {
    draft.filing.procedure = procedure;
    if !procedure.may_use_password() {
        draft.subject.icp_password.clear();
    }
}

/// The answers that determine `procedure`, for the kinds that answers can determine.
fn answers_for(procedure: Procedure) -> Option<ProcedureAnswers> {
    let answers = |subject, here, website| ProcedureAnswers {
        has_subject_number: subject,
        subject_filed_here: here,
        has_website_number: website,
    };
    match procedure {
        Procedure::First => Some(answers(false, false, false)),
        Procedure::NewWebsiteWithSubject => Some(answers(true, true, false)),
        Procedure::NewWebsiteWithoutSubject => Some(answers(true, false, false)),
        Procedure::NewAccessWithSubject => Some(answers(true, true, true)),
        Procedure::NewAccessWithoutSubject => Some(answers(true, false, true)),
        Procedure::Change
        | Procedure::CancelSubject
        | Procedure::CancelWebsite
        | Procedure::CancelAccess => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::{FilingKind, IssueCode};

    fn unit() -> Draft {
        let mut d = Draft::new(FilingKind::Unit, chrono::Utc::now());
        d.websites.push(Website {
            name: "second".into(),
            ..Website::default()
        });
        d
    }

    #[test]
    fn websites_are_added_moved_and_removed_but_never_the_primary() {
        let mut d = unit();
        let n = d.websites.len();
        let focus = Edit::AddWebsite.apply(&mut d);
        assert_eq!(d.websites.len(), n + 1);
        assert_eq!(focus, Some(FieldKey::new(Scope::Website(n), Field::Name)));
        Edit::MoveWebsite { from: 1, to: 0 }.apply(&mut d);
        assert_eq!(d.websites[0].name, "second");
        Edit::MoveWebsite { from: 0, to: 99 }.apply(&mut d);
        assert_eq!(d.websites[0].name, "second", "out of range: unchanged");
        let primary = d.websites.iter().position(|w| w.is_primary).unwrap();
        Edit::RemoveWebsite(primary).apply(&mut d);
        assert_eq!(d.websites.len(), n + 1, "the primary website stays");
        Edit::RemoveWebsite(0).apply(&mut d);
        assert_eq!(d.websites.len(), n);
        Edit::RemoveWebsite(42).apply(&mut d);
        assert_eq!(d.websites.len(), n);
    }

    #[test]
    fn a_removed_document_or_photo_comes_back_as_it_was() {
        let mut d = unit();
        let item = FieldKey::new(
            Scope::Subject,
            Field::Document(super::super::DocKind::IdFront),
        );
        d.materials
            .attachments
            .push(super::super::draft::Attachment {
                item,
                sha256: "ab".repeat(32),
                original_name: "身份证.jpg".into(),
                measures: Default::default(),
                normalized: None,
                added_at: None,
                paper: None,
            });
        let before = d.clone();
        let removed = Removed::attachment(&d, item).unwrap();
        removed.removal().apply(&mut d);
        assert!(d.materials.attachments.iter().all(|a| a.item != item));
        Edit::Restore(removed).apply(&mut d);
        assert_eq!(d, before);
    }

    #[test]
    fn acknowledgements_are_kept_once_and_withdrawn() {
        let mut d = unit();
        let ack = Acknowledgement {
            code: IssueCode::UsccChecksum,
            field: FieldKey::new(Scope::Filing, Field::CertNumber),
        };
        Edit::AcknowledgeWarning(ack).apply(&mut d);
        Edit::AcknowledgeWarning(ack).apply(&mut d);
        assert_eq!(d.review.acknowledged_warnings, vec![ack]);
        Edit::UnacknowledgeWarning(ack).apply(&mut d);
        assert!(d.review.acknowledged_warnings.is_empty());
    }

    #[test]
    fn submission_events_are_recorded_trimmed_and_removed() {
        let mut d = unit();
        Edit::RecordSubmission(Box::new(SubmissionEvent {
            state: SubmissionState::SubmittedToProvider,
            date: "2026-12-01".into(),
            note: "  已提交 ".into(),
            ..SubmissionEvent::default()
        }))
        .apply(&mut d);
        assert_eq!(d.submission.events[0].note, "已提交");
        assert_eq!(
            d.submission.current(),
            Some(SubmissionState::SubmittedToProvider)
        );
        Edit::RemoveSubmissionEvent {
            index: 5,
            keep_numbers: false,
        }
        .apply(&mut d);
        assert_eq!(d.submission.events.len(), 1);
        Edit::RemoveSubmissionEvent {
            index: 0,
            keep_numbers: false,
        }
        .apply(&mut d);
        assert!(d.submission.events.is_empty());
    }

    #[test]
    fn the_answers_set_the_kind_and_an_explicit_kind_sets_the_answers() {
        let mut d = unit();
        let answers = ProcedureAnswers {
            has_subject_number: true,
            subject_filed_here: false,
            has_website_number: true,
        };
        Edit::AnswerProcedureQuestions(answers).apply(&mut d);
        assert_eq!(d.filing.procedure, Procedure::NewAccessWithoutSubject);
        assert_eq!(d.filing.answers, answers);
        d.subject.icp_password = "secret".into();
        Edit::ChooseProcedure(Procedure::NewWebsiteWithSubject).apply(&mut d);
        assert_eq!(d.filing.procedure, Procedure::NewWebsiteWithSubject);
        assert_eq!(Procedure::decide(d.filing.answers), d.filing.procedure);
        assert_eq!(
            d.subject.icp_password, "",
            "新增网站 does not use the password"
        );
        // Kinds no answer determines keep the answers as they were.
        Edit::ChooseProcedure(Procedure::Change).apply(&mut d);
        assert_eq!(d.filing.procedure, Procedure::Change);
        assert_eq!(
            Procedure::decide(d.filing.answers),
            Procedure::NewWebsiteWithSubject
        );
        for p in Procedure::ALL.iter().copied() {
            if let Some(a) = answers_for(p) {
                assert_eq!(Procedure::decide(a), p);
            }
        }
    }

    #[test]
    fn the_password_stays_for_kinds_that_may_use_it() {
        let mut d = unit();
        d.subject.icp_password = "secret".into();
        Edit::ChooseProcedure(Procedure::CancelSubject).apply(&mut d);
        assert_eq!(d.subject.icp_password, "secret");
        Edit::ChooseProcedure(Procedure::NewAccessWithSubject).apply(&mut d);
        assert_eq!(d.subject.icp_password, "secret");
        Edit::ChooseProcedure(Procedure::First).apply(&mut d);
        assert_eq!(d.subject.icp_password, "");
    }

    #[test]
    fn a_website_gets_its_own_cloud_service_from_the_filings_and_gives_it_back() {
        let mut d = unit();
        d.filing.cloud.server_ip = "203.0.113.10".into();
        assert_eq!(d.website_cloud(1), &d.filing.cloud);
        let focus = Edit::OwnCloud {
            website: 1,
            own: true,
        }
        .apply(&mut d);
        assert_eq!(
            focus,
            Some(FieldKey::new(Scope::Website(1), Field::ServerIp))
        );
        assert_eq!(d.websites[1].cloud.as_ref(), Some(&d.filing.cloud));
        d.websites[1].cloud.as_mut().unwrap().server_ip = "198.51.100.7".into();
        // Asking again keeps what was typed.
        Edit::OwnCloud {
            website: 1,
            own: true,
        }
        .apply(&mut d);
        assert_eq!(d.website_cloud(1).server_ip, "198.51.100.7");
        assert_eq!(d.website_cloud(0).server_ip, "203.0.113.10");
        Edit::OwnCloud {
            website: 1,
            own: false,
        }
        .apply(&mut d);
        assert_eq!(d.websites[1].cloud, None);
        assert_eq!(d.website_cloud(1).server_ip, "203.0.113.10");
        Edit::OwnCloud {
            website: 9,
            own: true,
        }
        .apply(&mut d);
    }

    #[test]
    fn a_change_filing_removes_websites_but_adds_none() {
        let mut d = unit();
        Edit::ChooseProcedure(Procedure::Change).apply(&mut d);
        let n = d.websites.len();
        assert_eq!(Edit::AddWebsite.apply(&mut d), None);
        assert_eq!(d.websites.len(), n);
        Edit::RemoveWebsite(1).apply(&mut d);
        assert_eq!(d.websites.len(), n - 1);
    }

    #[test]
    fn face_photos_are_overridden_and_removed_per_person() {
        use crate::model::draft::FacePhoto;
        let mut d = unit();
        for person in ["a", "b"] {
            d.materials.set_face_photo(FacePhoto {
                person: person.into(),
                ..FacePhoto::default()
            });
        }
        Edit::OverrideFace {
            person: "b".into(),
            reason: "现场核对".into(),
        }
        .apply(&mut d);
        assert_eq!(d.materials.face_photo("a").unwrap().override_reason, "");
        assert_eq!(
            d.materials.face_photo("b").unwrap().override_reason,
            "现场核对"
        );
        Edit::RemoveFace("a".into()).apply(&mut d);
        assert!(d.materials.face_photo("a").is_none());
        assert!(d.materials.face_photo("b").is_some());
    }

    #[test]
    fn the_responsible_person_is_copied_into_a_website() {
        let mut d = unit();
        d.subject.responsible.name = "张三".into();
        Edit::CopySubjectResponsible(1).apply(&mut d);
        assert_eq!(d.websites[1].responsible.name, "张三");
        Edit::CopySubjectResponsible(9).apply(&mut d);
    }
}
