//! APP filings in the draft: packages read into blocks, the rules on them, the read-back,
//! and drafts from before APPs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use beian_core::i18n::Locale;
use beian_core::model::apps::{App, AppPackage, Platform};
use beian_core::model::edit::Edit;
use beian_core::model::{Draft, Field, FieldKey, FilingKind, Scope};
use beian_core::rules::apps::package_name_ok;
use beian_core::rules::{Severity, validate_on};
use beian_core::store::draft_io;

fn fixture(name: &str) -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/apps"
    ))
    .join(name)
}

fn sample_with_app() -> Draft {
    let mut d = beian_core::store::samples::sample(FilingKind::Unit).unwrap();
    Edit::AddApp.apply(&mut d);
    let app = d.apps.last_mut().unwrap();
    app.name = "示例备案助手".into();
    app.service_content = "tools".into();
    app.no_pre_approval = true;
    app.no_sdk = true;
    app.domains = "api.example.com.cn".into();
    d
}

fn read_into(d: &mut Draft, app: usize, package: usize, file: &str) {
    let reading = beian_core::packages::read_file(&fixture(file)).unwrap();
    let block = &mut d.apps[app].packages[package];
    beian_core::packages::fill_block(block, &reading, file.to_owned(), chrono::Utc::now());
}

fn codes(d: &Draft, key: FieldKey) -> Vec<(&'static str, Severity)> {
    validate_on(d, super::today())
        .for_field(key)
        .map(|i| (i.code.key(), i.severity))
        .collect()
}

#[test]
fn package_names_follow_their_platform() {
    assert!(package_name_ok("com.example.app", Platform::Android));
    assert!(package_name_ok("com.example_2.app", Platform::Harmony));
    assert!(!package_name_ok("example", Platform::Android));
    assert!(!package_name_ok("com.2example", Platform::Android));
    assert!(!package_name_ok("com..example", Platform::Android));
    assert!(!package_name_ok("com.example-app", Platform::Android));
    assert!(package_name_ok("com.example-app.2go", Platform::Ios));
    assert!(!package_name_ok("com.例子.app", Platform::Ios));
}

#[test]
fn a_package_read_into_a_block_fills_it_and_passes_the_rules() {
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "v1v2v3.apk");
    let p = &d.apps[0].packages[0];
    assert_eq!(p.platform, Platform::Android);
    assert_eq!(p.package_name, "com.example.beian");
    assert_eq!(p.fingerprint.len(), 32);
    assert_eq!(p.public_key.len(), 512);
    let source = p.read.as_ref().unwrap();
    assert_eq!(source.scheme, "apk_v3");
    assert!(source.subject.contains("CN=Beian Example"));
    // The evidence is the certificate itself: its MD5 is the fingerprint filled in.
    let der = beian_core::packages::cert::base64_decode(&source.certificate).unwrap();
    let cert = beian_core::packages::CertificateInfo::from_der(&der).unwrap();
    assert_eq!(cert.md5(), p.fingerprint);
    let report = validate_on(&d, super::today());
    let app_issues: Vec<_> = report
        .issues
        .iter()
        .filter(|i| matches!(i.field.scope, Scope::App(_) | Scope::AppPackage(..)))
        .map(|i| (i.field.field, i.code.key()))
        .collect();
    // Only the icon is left to attach, on the materials step.
    assert_eq!(
        app_issues,
        vec![(
            Field::Document(beian_core::model::DocKind::AppIcon),
            "document.missing"
        )]
    );
}

#[test]
fn an_ios_block_takes_the_sha1_and_a_typed_md5_is_refused_there() {
    let mut d = sample_with_app();
    Edit::AddAppPackage(0).apply(&mut d);
    assert_eq!(d.apps[0].packages[1].platform, Platform::Ios);
    read_into(&mut d, 0, 1, "distribution.ipa");
    assert_eq!(d.apps[0].packages[1].fingerprint.len(), 40);
    let key = FieldKey::new(Scope::AppPackage(0, 1), Field::Fingerprint);
    assert!(codes(&d, key).is_empty(), "{:?}", codes(&d, key));
    d.apps[0].packages[1].fingerprint = "f8:1f:cd:3b:05:75:57:03:d3:57:b2:e7:41:9a:1e:3e".into();
    assert_eq!(
        codes(&d, key),
        [("app.fingerprint_format", Severity::Error)]
    );
    // Typed with colons and in lower case is fine where the length is right.
    d.apps[0].packages[1].platform = Platform::Android;
    assert!(codes(&d, key).is_empty());
}

#[test]
fn what_reading_found_is_explained_beside_the_fields() {
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "debug.apk");
    let fp = FieldKey::new(Scope::AppPackage(0, 0), Field::Fingerprint);
    assert!(codes(&d, fp).contains(&("app.debug_certificate", Severity::Error)));
    Edit::AddAppPackage(0).apply(&mut d);
    read_into(&mut d, 0, 1, "development.ipa");
    let fp1 = FieldKey::new(Scope::AppPackage(0, 1), Field::Fingerprint);
    assert!(codes(&d, fp1).contains(&("app.development_certificate", Severity::Error)));
    // A package name typed over the one read.
    d.apps[0].packages[0].package_name = "com.example.other".into();
    let name = FieldKey::new(Scope::AppPackage(0, 0), Field::PackageName);
    assert_eq!(
        codes(&d, name),
        [("app.package_name_differs", Severity::Warning)]
    );
    // The same APP with two package names is worth a second look.
    let packages = FieldKey::new(Scope::App(0), Field::Packages);
    assert_eq!(
        codes(&d, packages),
        [("app.package_names_differ", Severity::Notice)]
    );
}

#[test]
fn key_rotation_and_expiry_are_told() {
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "rotated.apk");
    let fp = FieldKey::new(Scope::AppPackage(0, 0), Field::Fingerprint);
    let found = codes(&d, fp);
    assert!(
        found.contains(&("app.key_rotation", Severity::Notice)),
        "{found:?}"
    );
    let source = d.apps[0].packages[0].read.as_mut().unwrap();
    source.not_after = Some(chrono::Utc::now() - chrono::Duration::days(1));
    let today = chrono::Local::now().date_naive();
    let expired: Vec<_> = validate_on(&d, today)
        .for_field(fp)
        .map(|i| i.code.key())
        .collect();
    assert!(expired.contains(&"app.certificate_expired"), "{expired:?}");
    let source = d.apps[0].packages[0].read.as_mut().unwrap();
    source.not_after = Some(chrono::Utc::now() + chrono::Duration::days(10));
    let soon: Vec<_> = validate_on(&d, today)
        .for_field(fp)
        .map(|i| i.code.key())
        .collect();
    assert!(soon.contains(&"app.certificate_expires_soon"), "{soon:?}");
}

#[test]
fn an_empty_app_asks_for_its_fields() {
    let mut d = beian_core::store::samples::sample(FilingKind::Personal).unwrap();
    d.apps.push(App::default());
    let report = validate_on(&d, super::today());
    for key in [
        FieldKey::new(Scope::App(0), Field::Name),
        FieldKey::new(Scope::App(0), Field::ServiceContent),
        FieldKey::new(Scope::AppPackage(0, 0), Field::PackageName),
        FieldKey::new(Scope::AppPackage(0, 0), Field::PublicKey),
        FieldKey::new(Scope::AppPackage(0, 0), Field::Fingerprint),
    ] {
        assert!(
            report.for_field(key).any(|i| i.code.key() == "required"),
            "{key}"
        );
    }
    d.apps[0].name = "😀好用工具".into();
    let name: Vec<_> = validate_on(&d, super::today())
        .for_field(FieldKey::new(Scope::App(0), Field::Name))
        .map(|i| i.code.key())
        .collect();
    assert!(name.contains(&"app.name_emoji"), "{name:?}");
    d.apps[0].name = "WeChat Helper".into();
    let name: Vec<_> = validate_on(&d, super::today())
        .for_field(FieldKey::new(Scope::App(0), Field::Name))
        .map(|i| i.code.key())
        .collect();
    assert!(
        !name.contains(&"website_name.latin_only"),
        "a Latin APP name is fine: {name:?}"
    );
}

#[test]
fn the_read_back_names_every_app_value_in_both_languages() {
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "v2-only.apk");
    for locale in Locale::ALL {
        let sections = beian_core::model::readback::sections(locale, &d);
        let app = sections.last().unwrap();
        let values: Vec<&str> = app.rows.iter().map(|r| r.value.as_str()).collect();
        assert!(values.contains(&"示例备案助手"), "{values:?}");
        assert!(values.contains(&"com.example.beian"));
        assert!(values.contains(&d.apps[0].packages[0].fingerprint.as_str()));
        assert!(
            app.rows.iter().all(|r| !r.label.contains('⟦')),
            "{locale:?}"
        );
    }
}

#[test]
fn drafts_from_before_apps_load_with_none_and_apps_survive_a_save() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/data/draft-v0-no-version.ron");
    let library = beian_core::store::sealed::Library::of_file(&path);
    let old = draft_io::load_draft(&library, &path).unwrap();
    assert!(old.apps.is_empty());
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "v1v2v3.apk");
    d.apps[0].packages.push(AppPackage {
        platform: Platform::Harmony,
        ..Default::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.ron");
    let library = beian_core::store::sealed::Library::of_file(&file);
    draft_io::save_draft(&library, &d, &file).unwrap();
    let again = draft_io::load_draft(&library, &file).unwrap();
    assert_eq!(again.apps, d.apps);
}

#[test]
fn an_apps_responsible_person_is_asked_checked_photographed_and_documented() {
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "v1v2v3.apk");
    let without_app = {
        let mut w = d.clone();
        w.apps.clear();
        w
    };
    let persons_before = without_app.face_persons().len();
    let items_before = beian_core::rules::materials::checklist(&without_app).len();
    // Empty: the person's fields are required.
    let name = FieldKey::new(Scope::AppResponsible(0), Field::Name);
    assert!(
        codes(&d, name).contains(&("required", Severity::Error)),
        "{:?}",
        codes(&d, name)
    );
    // The subject's responsible person answers for the APP too: their papers are already
    // asked for; as an APP's responsible person they verify their face (in the sample they
    // run no website, so that is one more photo).
    Edit::CopySubjectResponsibleToApp(0).apply(&mut d);
    assert!(codes(&d, name).is_empty(), "{:?}", codes(&d, name));
    // Only the APP's icon is added to the checklist.
    assert_eq!(
        beian_core::rules::materials::checklist(&d).len(),
        items_before + 1
    );
    let persons = d.face_persons();
    assert_eq!(persons.len(), persons_before + 1);
    let subject = d.subject.responsible.name.clone();
    assert!(
        persons
            .iter()
            .any(|p| p.name == subject && p.apps == vec![0])
    );
    // The responsible person of website 1 answering for the APP is one person, one photo.
    d.apps[0].responsible = d.websites[0].responsible.clone();
    let persons = d.face_persons();
    assert_eq!(persons.len(), persons_before);
    let shared = persons.iter().find(|p| p.websites.contains(&0)).unwrap();
    assert_eq!(shared.apps, vec![0]);
    assert!(
        shared.role(Locale::ZhCn).contains("APP 1 负责人"),
        "{}",
        shared.role(Locale::ZhCn)
    );
    // Someone else: their own photo, their ID, and an authorisation letter.
    let mut other = d.websites[1].responsible.clone();
    other.name = "赵六".into();
    other.cert_number = "110101199003074477".into();
    other.mobile = "13912345678".into();
    other.email = "zhaoliu@example.cn".into();
    d.apps[0].responsible = other;
    let persons = d.face_persons();
    assert_eq!(persons.len(), persons_before + 1);
    let zhao = persons.iter().find(|p| p.name == "赵六").unwrap();
    assert_eq!(zhao.apps, vec![0]);
    assert_eq!(
        zhao.field(),
        FieldKey::new(Scope::AppResponsible(0), Field::FacePhoto)
    );
    assert_eq!(zhao.role(Locale::ZhCn), "APP 1 负责人");
    let items: Vec<FieldKey> = beian_core::rules::materials::checklist(&d)
        .into_iter()
        .map(|i| i.key)
        .filter(|k| k.scope == Scope::AppResponsible(0))
        .collect();
    assert!(items.len() >= 2, "{items:?}");
    assert!(
        items
            .iter()
            .any(|k| k.field == Field::Document(beian_core::model::DocKind::AuthorizationLetter)),
        "{items:?}"
    );
    // The read-back names them.
    let sections = beian_core::model::readback::sections(Locale::ZhCn, &d);
    assert!(
        sections
            .last()
            .unwrap()
            .rows
            .iter()
            .any(|r| r.value == "赵六")
    );
}

#[test]
fn a_mini_program_is_checked_as_its_platform_asks() {
    use beian_core::model::apps::MiniPlatform;
    use beian_core::rules::apps::mini_app_id_ok;
    assert!(mini_app_id_ok("wx0123456789abcdef", MiniPlatform::WeChat));
    assert!(!mini_app_id_ok("wx0123456789abcde", MiniPlatform::WeChat));
    assert!(mini_app_id_ok("tt0123456789abcdef", MiniPlatform::Douyin));
    assert!(mini_app_id_ok("2021001234567890", MiniPlatform::Alipay));
    assert!(mini_app_id_ok("com.example.quick", MiniPlatform::QuickApp));
    let mut d = beian_core::store::samples::sample(FilingKind::Unit).unwrap();
    Edit::AddMini.apply(&mut d);
    let key = |field| FieldKey::new(Scope::Mini(0), field);
    for field in [
        Field::AppId,
        Field::Name,
        Field::ServiceContent,
        Field::PreApproval,
        Field::Remark,
    ] {
        assert!(
            codes(&d, key(field)).contains(&("required", Severity::Error)),
            "{field:?}"
        );
    }
    let m = &mut d.mini_programs[0];
    m.app_id = "wx12".into();
    m.name = "示例备案助手".into();
    m.service_types = "工具\n生活服务\n教育\n资讯\n社交\n游戏".into();
    m.no_pre_approval = true;
    m.description = "帮助用户准备备案".into();
    assert_eq!(
        codes(&d, key(Field::AppId)),
        [("mini.app_id_format", Severity::Error)]
    );
    assert_eq!(
        codes(&d, key(Field::ServiceContent)),
        [("mini.service_types_too_many", Severity::Error)]
    );
    assert_eq!(
        codes(&d, key(Field::Remark)),
        [("mini.description_length", Severity::Error)]
    );
    assert!(
        codes(&d, key(Field::PreApproval)).is_empty(),
        "以上都不涉及 is an answer"
    );
    let m = &mut d.mini_programs[0];
    m.app_id = "wx0123456789abcdef".into();
    m.service_types = "工具\n生活服务".into();
    m.description = "帮助个人和企业整理备案资料、检查常见退回原因的工具类小程序。".into();
    for field in [
        Field::AppId,
        Field::Name,
        Field::ServiceContent,
        Field::PreApproval,
        Field::Remark,
    ] {
        assert!(
            codes(&d, key(field)).is_empty(),
            "{field:?}: {:?}",
            codes(&d, key(field))
        );
    }
    // Its responsible person verifies their face and brings their ID, as an APP's does
    // (while not yet entered they are already asked for, as "小程序 1 负责人").
    let before = d.face_persons().len();
    assert!(
        d.face_persons()
            .iter()
            .any(|p| p.minis == vec![0] && p.name.is_empty())
    );
    let mut person = d.websites[0].responsible.clone();
    person.name = "孙七".into();
    person.cert_number = "110101199003071234".into();
    d.mini_programs[0].responsible = person;
    let persons = d.face_persons();
    assert_eq!(persons.len(), before);
    let sun = persons.iter().find(|p| p.name == "孙七").unwrap();
    assert_eq!(sun.minis, vec![0]);
    assert_eq!(sun.role(Locale::ZhCn), "小程序 1 负责人");
    assert!(
        beian_core::rules::materials::checklist(&d)
            .iter()
            .any(|i| i.key.scope == Scope::MiniResponsible(0))
    );
    // The read-back gives the values for the platform's form, in both languages.
    for locale in Locale::ALL {
        let sections = beian_core::model::readback::sections(locale, &d);
        let mini = sections.last().unwrap();
        assert!(mini.rows.iter().any(|r| r.value == "wx0123456789abcdef"));
        assert!(
            mini.rows.iter().all(|r| !r.label.contains('⟦')),
            "{locale:?}"
        );
    }
    assert!(d.has_app_services());
}

/// What an APP filing asks besides its packages: 服务内容 from the list, 前置审批 and the
/// SDKs answered, the domains it calls, and the public IP a filing with an authorisation
/// code lacks; and the icon, checked like a document.
#[test]
fn an_apps_details_are_asked_and_checked() {
    let mut d = sample_with_app();
    read_into(&mut d, 0, 0, "v1v2v3.apk");
    let key = |field| FieldKey::new(Scope::App(0), field);
    assert!(codes(&d, key(Field::Sdk)).is_empty());
    let app = &mut d.apps[0];
    app.service_content = "工具类".into();
    app.no_pre_approval = false;
    app.no_sdk = false;
    app.sdks.push(beian_core::model::apps::Sdk::default());
    app.domains = "api.example.com.cn\nAPI.example.com.cn\nhttps://x.example.com".into();
    assert_eq!(
        codes(&d, key(Field::ServiceContent)),
        vec![("app.service_content_unlisted", Severity::Warning)]
    );
    assert_eq!(
        codes(&d, key(Field::PreApproval)),
        vec![("required", Severity::Error)]
    );
    assert_eq!(
        codes(&d, key(Field::Sdk)),
        vec![("app.sdk_vendor_missing", Severity::Error)]
    );
    let domains = codes(&d, key(Field::Domain));
    assert!(
        domains.contains(&("app.domain_twice", Severity::Warning)),
        "{domains:?}"
    );
    assert!(
        domains.contains(&("domain.not_a_domain", Severity::Error)),
        "{domains:?}"
    );
    // A filing proven by an authorisation code gives no IP: the APP must.
    assert!(codes(&d, key(Field::ServerIp)).is_empty());
    d.filing.cloud.mode = beian_core::model::CloudMode::AuthCode;
    assert_eq!(
        codes(&d, key(Field::ServerIp)),
        vec![("app.ips_needed", Severity::Error)]
    );
    d.apps[0].server_ips = "47.106.1.21\n10.0.0.1".into();
    assert_eq!(
        codes(&d, key(Field::ServerIp)),
        vec![("server_ip.not_public", Severity::Error)]
    );
    // The icon: square, at most 100 KB, not a plain placeholder.
    let icon = |w: u32, h: u32, plain: bool| {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            if plain || (x / 16 + y / 16) % 2 == 0 {
                image::Rgb([30, 120, 250])
            } else {
                image::Rgb([250, 250, 240])
            }
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        let m = beian_core::documents::inspect(out.get_ref()).unwrap();
        beian_core::rules::materials::assess(beian_core::model::DocKind::AppIcon, &m)
            .iter()
            .map(|f| f.code.key())
            .collect::<Vec<_>>()
    };
    assert_eq!(icon(256, 256, false), Vec::<&str>::new());
    assert_eq!(icon(256, 200, false), vec!["document.not_square"]);
    assert_eq!(icon(256, 256, true), vec!["document.plain"]);
}

/// A filing of APPs only: no website and no domain asked; with nothing at all to file it
/// says so; unticked, an empty primary website comes back.
#[test]
fn a_filing_without_a_website_asks_no_domain() {
    let mut d = beian_core::store::samples::sample(FilingKind::Unit).unwrap();
    d.apps.clear();
    Edit::SetNoWebsite(true).apply(&mut d);
    assert!(d.websites.is_empty() && d.filing.domain.is_empty());
    assert_eq!(
        d.apps.len(),
        1,
        "an APP is added to a filing with no other service"
    );
    let domain = FieldKey::new(Scope::Filing, Field::Domain);
    assert!(codes(&d, domain).is_empty(), "{:?}", codes(&d, domain));
    let report = validate_on(&d, super::today());
    assert!(report.issues.iter().all(|i| !matches!(
        i.field.scope,
        Scope::Website(_) | Scope::WebsiteResponsible(_)
    )),);
    assert_eq!(
        d.services_held(),
        beian_core::model::step::ServicesHeld::AppsOnly
    );
    d.apps.clear();
    assert_eq!(codes(&d, domain), vec![("services.none", Severity::Error)]);
    Edit::SetNoWebsite(false).apply(&mut d);
    assert_eq!(d.websites.len(), 1);
    assert!(d.websites[0].is_primary);
    assert_eq!(codes(&d, domain), vec![("required", Severity::Error)]);
}

/// An approval writes each APP's and mini-program's number into the draft, and removing
/// it takes them back.
#[test]
fn an_approval_records_app_and_mini_program_numbers() {
    use beian_core::model::approval::{apply_approval, approval_defaults, undo_approval};
    use beian_core::model::tracking::SubmissionEvent;
    let mut d = sample_with_app();
    Edit::AddMini.apply(&mut d);
    let mut numbers = approval_defaults(&d);
    assert_eq!((numbers.apps.len(), numbers.minis.len()), (1, 1));
    numbers.subject = "闽ICP备12345678号".into();
    numbers.websites = vec!["闽ICP备12345678号-1".into(), "闽ICP备12345678号-2".into()];
    numbers.apps = vec!["闽ICP备12345678号-3A".into()];
    numbers.minis = vec!["闽ICP备12345678号-4X".into()];
    assert!(!beian_core::rules::tracking::check_approval(&d, &numbers).has_errors());
    let mut event = SubmissionEvent::default();
    numbers.into_event(&mut event);
    apply_approval(&mut d, &mut event);
    assert_eq!(d.apps[0].icp_number, "闽ICP备12345678号-3A");
    assert_eq!(d.mini_programs[0].icp_number, "闽ICP备12345678号-4X");
    undo_approval(&mut d, &event);
    assert!(d.apps[0].icp_number.is_empty() && d.mini_programs[0].icp_number.is_empty());
}
