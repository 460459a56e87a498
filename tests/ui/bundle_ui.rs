//! Export and received bundles through the real widgets: the applicant exports from the
//! review step, the help desk opens the file (dialog or drop), sees it verified and
//! imports it; a tampered bundle is refused with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};

use beian::app::Screen;
use beian::model::Step;
use beian::services::FakeFileDialog;
use common::{click, harness, settle, type_into};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const ACK: &str = "我已了解，仍要继续";

/// Opens the personal sample, goes to the review step and acknowledges every warning.
fn ready_sample(h: &mut egui_kittest::Harness<'static, beian::app::BeianApp>) {
    click(h, "打开个人备案示例");
    settle(h);
    h.state_mut().apply(
        beian::action::Action::GoToStep(Step::Review),
        &egui::Context::default(),
    );
    h.run_steps(2);
    let n = h.query_all_by_label(ACK).count();
    for i in 0..n {
        h.get_all_by_label(ACK).nth(i).unwrap().click();
        h.run_steps(2);
    }
}

fn export(
    h: &mut egui_kittest::Harness<'static, beian::app::BeianApp>,
    dialog: &FakeFileDialog,
    out: &Path,
) {
    dialog.answer(Some(out.to_path_buf()));
    click(h, "导出签名文件包…");
    settle(h);
}

fn exported_bundle(data: &Path, dialog: &FakeFileDialog) -> PathBuf {
    let mut h = harness(data, dialog);
    ready_sample(&mut h);
    type_into(&mut h, "设置密钥密码", 0, "applicant password");
    type_into(&mut h, "再次输入密码", 0, "applicant password");
    let out = data.join("申请.zip");
    export(&mut h, dialog, &out);
    assert!(h.query_by_label("已导出签名文件包").is_some());
    out
}

#[test]
fn an_applicant_exports_and_sees_file_hash_and_key_code() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    ready_sample(&mut h);
    // The first export asks for a new password, twice, and refuses a short one.
    type_into(&mut h, "设置密钥密码", 0, "short");
    type_into(&mut h, "再次输入密码", 0, "short");
    assert!(
        h.get_by_label("导出签名文件包…")
            .accesskit_node()
            .is_disabled(),
        "too short"
    );
    type_into(&mut h, "设置密钥密码", 0, " but longer now");
    type_into(&mut h, "再次输入密码", 0, " but different");
    assert!(h.query_by_label("两次输入的密码不一致。").is_some());
    assert!(
        h.get_by_label("导出签名文件包…")
            .accesskit_node()
            .is_disabled()
    );
    type_into(&mut h, "设置密钥密码", 0, "");
    h.state_mut().ui.export.password = "applicant password".into();
    h.state_mut().ui.export.password_again = "applicant password".into();
    h.run_steps(2);
    let out = data.path().join("out.zip");
    export(&mut h, &dialog, &out);
    assert!(
        dialog.asked().iter().any(|q| q.starts_with("save_bundle:")),
        "{:?}",
        dialog.asked()
    );
    assert!(h.query_by_label("已导出签名文件包").is_some());
    let result = h.state().ui.export.result.clone().unwrap().unwrap();
    assert_eq!(result.path, out);
    assert!(
        h.query_by_label(&result.sha256).is_some(),
        "the SHA-256 is shown"
    );
    assert!(
        h.query_by_label(&result.key_id.short_code()).is_some(),
        "the key code is shown"
    );
    assert!(
        h.state().ui.export.password.is_empty(),
        "the password is not kept"
    );
    let v = beian::bundle::verify(&out, &Default::default());
    assert!(v.is_ok());

    // The second export asks for the existing key's password; a wrong one is told.
    assert!(h.query_by_label("签名密钥密码").is_some());
    type_into(&mut h, "签名密钥密码", 0, "wrong password");
    export(&mut h, &dialog, &data.path().join("again.zip"));
    assert!(h.query_by_label("密码不正确，无法打开签名密钥。").is_some());
    assert!(!data.path().join("again.zip").exists());
}

#[test]
fn the_help_desk_opens_a_bundle_sees_it_verified_and_imports_it() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let bundle = exported_bundle(data.path(), &dialog);

    let desk = tempfile::tempdir().unwrap();
    let mut h = harness(desk.path(), &dialog);
    dialog.answer(Some(bundle.clone()));
    click(&mut h, "打开文件包…");
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Bundle);
    assert!(
        h.query_by_label("验证通过：文件包自签名以来没有任何改动。")
            .is_some()
    );
    assert!(h.query_by_label("● 每个文件都与其哈希一致：通过").is_some());
    let name = h
        .state()
        .ui
        .received
        .as_ref()
        .unwrap()
        .verification
        .application
        .as_ref()
        .unwrap()
        .filing
        .subject
        .name
        .clone();
    // The name shows as the subject and as the domain's holder.
    assert!(
        h.query_all_by_label(&name).next().is_some(),
        "the filing is shown: {name}"
    );
    // Thumbnails of the photo and documents arrive from a worker.
    settle(&mut h);
    assert!(!h.state().ui.materials.thumbnails.is_empty());

    click(&mut h, "导入为草稿");
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Wizard);
    assert!(h.query_by_label("已从文件包导入为新草稿。").is_some());
    let draft = &h.state().draft;
    assert!(!draft.materials.attachments.is_empty());
    let store = beian::documents::Store::for_draft(
        &beian::store::sealed::Library::of_file(h.state().draft_path.as_ref().unwrap()),
        h.state().draft_path.as_ref().unwrap(),
    );
    for a in &draft.materials.attachments {
        assert!(
            store.contains(&a.sha256),
            "imported documents are in the new store"
        );
    }
    assert!(
        h.state()
            .report
            .issues
            .iter()
            .all(|i| i.severity != beian::rules::Severity::Error)
    );
}

#[test]
fn a_dropped_tampered_bundle_is_refused_with_its_reason() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let bundle = exported_bundle(data.path(), &dialog);
    let mut bytes = std::fs::read(&bundle).unwrap();
    let cut = data.path().join("cut.zip");
    bytes.truncate(bytes.len() - 100);
    std::fs::write(&cut, &bytes).unwrap();

    let mut h = harness(data.path(), &dialog);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::DroppedPath(cut.clone())));
    h.run_steps(1);
    settle(&mut h);
    assert_eq!(h.state().ui.screen, Screen::Bundle);
    assert!(
        h.query_by_label("验证未通过：不要使用这个文件包，请让申请人重新导出。")
            .is_some()
    );
    assert!(h.query_by_label("导入为草稿").is_none());
    click(&mut h, "← 返回");
    assert_eq!(h.state().ui.screen, Screen::Start);
}

#[test]
fn a_staff_member_countersigns_a_received_bundle() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let bundle = exported_bundle(data.path(), &dialog);
    let staff_key = data.path().join("staff.key");
    beian::bundle::KeyFiles::at(&staff_key)
        .generate("staff password")
        .unwrap();

    let desk = tempfile::tempdir().unwrap();
    let mut h = harness(desk.path(), &dialog);
    dialog.answer(Some(bundle.clone()));
    click(&mut h, "打开文件包…");
    settle(&mut h);
    assert!(h.query_by_label("○ 服务台会签：没有").is_some());
    dialog.answer(Some(staff_key.clone()));
    click(&mut h, "选择密钥…");
    settle(&mut h);
    assert_eq!(
        h.state().settings.staff_key.as_ref(),
        Some(&staff_key),
        "remembered"
    );

    // A wrong password is told and nothing is written.
    let out = desk.path().join("countersigned.zip");
    type_into(&mut h, "会签密钥密码", 0, "wrong password");
    dialog.answer(Some(out.clone()));
    click(&mut h, "会签并另存为…");
    settle(&mut h);
    assert!(h.query_by_label("密码不正确，无法打开签名密钥。").is_some());
    assert!(!out.exists());

    type_into(&mut h, "会签密钥密码", 0, "staff password");
    dialog.answer(Some(out.clone()));
    click(&mut h, "会签并另存为…");
    settle(&mut h);
    let received = h.state().ui.received.as_ref().unwrap();
    assert_eq!(
        received.path, out,
        "the countersigned copy is shown, verified"
    );
    assert!(received.verification.is_ok());
    assert_eq!(received.verification.countersigners.len(), 1);
    assert!(h.query_by_label("● 服务台会签：通过").is_some());
    // The original stays as it was.
    assert!(
        beian::bundle::verify(&bundle, &Default::default())
            .countersigners
            .is_empty()
    );
}

#[test]
fn the_password_can_be_remembered_in_the_credential_store_and_forgotten() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    ready_sample(&mut h);
    type_into(&mut h, "设置密钥密码", 0, "applicant password");
    type_into(&mut h, "再次输入密码", 0, "applicant password");
    click(&mut h, "在系统钥匙串中记住密码");
    export(&mut h, &dialog, &data.path().join("first.zip"));
    assert!(h.query_by_label("已导出签名文件包").is_some());
    // The next export needs no typing.
    assert!(
        h.query_by_label("签名密钥的密码已保存在系统钥匙串中，导出时不必再输入。")
            .is_some()
    );
    assert!(h.query_by_label("签名密钥密码").is_none());
    let second = data.path().join("second.zip");
    export(&mut h, &dialog, &second);
    assert!(second.is_file(), "{:?}", h.state().ui.export.result);
    assert!(beian::bundle::verify(&second, &Default::default()).is_ok());
    // Forgotten: the password field is back.
    click(&mut h, "不再记住密码");
    settle(&mut h);
    assert!(!h.state().ui.export.remembered);
    assert!(h.query_by_label("签名密钥密码").is_some());
}

/// A system without a credential store: every request fails.
#[derive(Debug)]
struct NoKeychain;

use beian::services::credentials::CredentialError;

impl beian::services::credentials::CredentialStore for NoKeychain {
    fn get(&self, _: &str) -> Result<Option<String>, CredentialError> {
        Err(CredentialError(beian::cause::cause("no keychain")))
    }
    fn set(&self, _: &str, _: &str) -> Result<(), CredentialError> {
        Err(CredentialError(beian::cause::cause("no keychain")))
    }
    fn forget(&self, _: &str) -> Result<(), CredentialError> {
        Err(CredentialError(beian::cause::cause("no keychain")))
    }
}

#[test]
fn without_a_keychain_the_export_works_and_says_the_password_was_not_kept() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = common::harness_with(data.path(), &dialog, std::sync::Arc::new(NoKeychain));
    ready_sample(&mut h);
    type_into(&mut h, "设置密钥密码", 0, "applicant password");
    type_into(&mut h, "再次输入密码", 0, "applicant password");
    click(&mut h, "在系统钥匙串中记住密码");
    let out = data.path().join("out.zip");
    export(&mut h, &dialog, &out);
    assert!(out.is_file());
    assert!(
        h.query_by_label("这台电脑上没有可用的系统钥匙串，密码没有被记住；下次导出时请再输入。")
            .is_some()
    );
    assert!(
        h.query_by_label("签名密钥密码").is_some(),
        "asked again next time"
    );
}
