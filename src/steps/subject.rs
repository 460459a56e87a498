//! Step 2, 主体信息: the subject (单位 or person) and its responsible person. Fields the
//! reference procedure marks 无需填写 for 个人 filings are not shown for them.

use egui::Ui;

use crate::action::Action;
use crate::lang::Lang as _;
use crate::model::draft::Person;
use crate::model::{CertType, Draft, Field, FieldKey, Scope};
use crate::widgets::Form;

/// Draws the subject step.
pub fn ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) -> Vec<Action> {
    let unit = draft.is_unit();
    let procedure = draft.procedure();
    if !procedure.asks_subject_details() {
        // Cancellations take the numbers and a reason on the type step only.
        super::website_kind::note(ui, "subject.none_for_procedure");
        return Vec::new();
    }
    let fixed = procedure.fixes_identity();
    let filing = &draft.filing;
    let subject = &mut draft.subject;
    let key = |field| FieldKey::new(Scope::Subject, field);

    Form::section(ui, "section.subject");
    let name_label = if unit {
        "field.subject.name_unit"
    } else {
        "field.subject.name_personal"
    };
    form.text_as(ui, key(Field::Name), name_label, &mut subject.name);
    let cert_type = filing
        .cert_type
        .map(|c| c.label(ui.locale()))
        .unwrap_or_default();
    form.read_only(ui, "field.filing.cert_type", &cert_type);
    form.read_only(ui, "field.filing.cert_number", &filing.cert_number);
    if fixed {
        // 变更备案: the province and the certificate cannot change; each says what to
        // file instead.
        let region = crate::model::divisions::Divisions::get().region_name(
            &filing.province,
            &filing.city,
            &filing.district,
        );
        form.read_only(ui, "field.filing.province", &region);
        super::website_kind::note(ui, "subject.province_fixed");
        super::website_kind::note(ui, "subject.cert_fixed");
    }
    form.validity(ui, Scope::Subject, &mut subject.cert_validity);
    form.text(ui, key(Field::CertAddress), &mut subject.cert_address);
    form.text(ui, key(Field::MailingAddress), &mut subject.mailing_address);
    if unit {
        form.text(ui, key(Field::Investor), &mut subject.investor);
        legal_rep_ui(ui, form, &mut subject.legal_rep);
    }
    Form::section(ui, "section.subject_extra");
    form.multiline(ui, key(Field::Remark), &mut subject.remark);

    Form::section(
        ui,
        if unit {
            "section.subject_responsible"
        } else {
            "section.contact"
        },
    );
    person_ui(
        ui,
        form,
        Scope::SubjectResponsible,
        &mut subject.responsible,
        unit,
    );
    Vec::new()
}

/// The fields of a responsible person; `full` adds name, certificate, the second phone and
/// the emergency contact (单位 filings), otherwise only the contact details a personal
/// filing is asked (the emergency contact is 个人无需填写).
pub fn person_ui(ui: &mut Ui, form: &mut Form<'_>, scope: Scope, person: &mut Person, full: bool) {
    let key = |field| FieldKey::new(scope, field);
    if full {
        form.text(ui, key(Field::Name), &mut person.name);
        let personal: Vec<CertType> = CertType::personal().collect();
        form.choice(
            ui,
            key(Field::CertType),
            &mut person.cert_type,
            &personal,
            CertType::label,
        );
        form.text(ui, key(Field::CertNumber), &mut person.cert_number);
        form.validity(ui, scope, &mut person.cert_validity);
    }
    form.text(ui, key(Field::Mobile), &mut person.mobile);
    if full {
        form.text(ui, key(Field::Phone2), &mut person.phone2);
    }
    if full {
        form.text(ui, key(Field::EmergencyPhone), &mut person.emergency_phone);
    }
    form.text(ui, key(Field::Email), &mut person.email);
}

/// A unit's legal representative: name, certificate and its validity.
fn legal_rep_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    legal_rep: &mut crate::model::draft::LegalRepresentative,
) {
    Form::section(ui, "section.legal_rep");
    let rep = |field| FieldKey::new(Scope::LegalRep, field);
    form.text(ui, rep(Field::Name), &mut legal_rep.name);
    let personal: Vec<CertType> = CertType::personal().collect();
    form.choice(
        ui,
        rep(Field::CertType),
        &mut legal_rep.cert_type,
        &personal,
        CertType::label,
    );
    form.text(ui, rep(Field::CertNumber), &mut legal_rep.cert_number);
    form.validity(ui, Scope::LegalRep, &mut legal_rep.cert_validity);
}
