//! Which papers a filing needs beyond the letters of `forms.rs`: the "不涉及…" letters its
//! names call for, the 网站建设方案书 above a province's website count, "print all", and a
//! signed paper's photo read when attached and judged as the draft changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use beian_core::forms::{self, Paper};
use beian_core::model::draft::PreApproval;
use beian_core::model::{
    DocKind, Draft, Field, FieldKey, FilingKind, IssueCode, PreApprovalKind, Scope,
};
use beian_core::rules::materials::checklist;
use beian_core::rules::papers::papers;

use super::forms::{authorization, check_pdf, photo, tool_no_dash, unit};

fn not_involved(kind: PreApprovalKind) -> FieldKey {
    FieldKey::new(Scope::Filing, Field::Document(DocKind::NotInvolved(kind)))
}

fn paper_of(d: &Draft, template: &str) -> Option<Paper> {
    papers(d).into_iter().find(|p| p.template == template)
}

fn in_province(d: &mut Draft, province: &str, city: &str, district: &str) {
    d.filing.province = province.into();
    d.filing.city = city.into();
    d.filing.district = district.into();
}

#[test]
fn a_name_in_a_pre_approval_area_asks_for_its_not_involved_letter() {
    let mut d = unit();
    let finance = not_involved(PreApprovalKind::InternetFinance);
    assert!(checklist(&d).iter().all(|i| i.key != finance));

    // A finance word in a website's name, no finance approval declared: the letter is
    // required (the words are a provider's list), and printed filled in.
    d.websites[1].name = "示例理财课堂".into();
    let item = checklist(&d)
        .into_iter()
        .find(|i| i.key == finance)
        .unwrap();
    assert!(item.required);
    assert!(item.detail.contains("理财"), "{}", item.detail);
    let paper = paper_of(&d, "ni_internet_finance").unwrap();
    assert_eq!(paper.item, finance);
    assert_eq!(paper.person, None, "the subject's paper");
    let pdf = forms::render(&d, &paper).unwrap();
    check_pdf(
        &pdf,
        &[
            "不涉及互联网金融业务承诺书",
            &d.subject.name,
            &d.filing.cert_number,
            "示例理财课堂",
            &d.websites[0].name,
        ],
    );

    // Declaring the approval instead: no letter (its approval document is asked).
    d.websites[1].no_pre_approval = false;
    d.websites[1].pre_approvals = vec![PreApproval {
        kind: PreApprovalKind::InternetFinance,
        number: "京金融〔2026〕1号".into(),
    }];
    assert!(checklist(&d).iter().all(|i| i.key != finance));

    // A word only Guangdong lists counts only there.
    let mut d = unit();
    d.websites[1].name = "示例融资服务".into();
    assert!(checklist(&d).iter().all(|i| i.key != finance));
    in_province(&mut d, "440000", "440100", "440106");
    assert!(checklist(&d).iter().any(|i| i.key == finance && i.required));

    // An area whose words are beian's own reading: recommended, not required.
    let mut d = unit();
    d.websites[1].name = "示例视频教程".into();
    let video = checklist(&d)
        .into_iter()
        .find(|i| i.key == not_involved(PreApprovalKind::Broadcasting))
        .unwrap();
    assert!(!video.required);
    assert!(paper_of(&d, "ni_broadcasting").is_some());

    // A personal applicant's own name is not a service's name.
    let mut d = beian_core::store::samples::sample(FilingKind::Personal).unwrap();
    d.subject.name = "金融".into();
    assert!(checklist(&d).iter().all(|i| i.key != finance));
}

#[test]
fn a_site_plan_is_printed_with_its_six_parts_and_boxes_drawn_as_lines() {
    let mut d = unit();
    // 湖南: a subject with more than one website writes a 网站建设方案书.
    in_province(&mut d, "430000", "430100", "430102");
    let paper = paper_of(&d, "site_plan").expect("two websites in Hunan");
    assert_eq!(paper.person, None);
    let pdf = forms::render(&d, &paper).unwrap();
    check_pdf(
        &pdf,
        &[
            "网站建设方案书",
            "一、网站内容与栏目",
            "二、人员与资金",
            "三、内容管理制度",
            "四、网络部署",
            "五、安全保障措施",
            "六、应急预案",
            "由申请人填写",
            &d.subject.name,
            &d.subject.responsible.name,
            &d.websites[0].name,
            &d.websites[1].name,
            &d.filing.cloud.server_ip,
        ],
    );
    let pages = forms::layout(&d, &paper).unwrap();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    // Each page carries the code; the boxes are lines, and only 单位 is ticked (a tick is
    // two strokes 1.6 pt wide).
    use forms::pdf::Op;
    for page in &pages {
        assert!(page.iter().any(|op| matches!(op, Op::Qr { .. })));
    }
    let ticks = pages
        .iter()
        .flatten()
        .filter(|op| matches!(op, Op::Line { width, .. } if (*width - 1.6).abs() < 1e-3))
        .count();
    assert_eq!(ticks, 2);
    let text = |op: &Op| match op {
        Op::Text { text, .. } => Some(text.clone()),
        _ => None,
    };
    let texts: Vec<String> = pages.iter().flatten().filter_map(text).collect();
    for label in ["单位", "个人", "专职维护", "兼职维护"] {
        assert!(texts.iter().any(|t| t == label), "{label}");
    }
    // What beian ticked is covered by the fingerprint.
    let unit_print = forms::filled(&d, &paper).unwrap();
    assert!(unit_print.values.contains_key("ticked:单位"));
}

#[test]
fn print_all_writes_each_paper_and_one_file_to_print_them_in_one_go() {
    let mut d = unit();
    in_province(&mut d, "430000", "430100", "430102");
    d.websites[1].name = "示例理财课堂".into();
    let all = papers(&d);
    assert!(all.len() >= 3, "{all:?}");
    let dir = tempfile::tempdir().unwrap();
    let combined = dir.path().join("备案表格.pdf");
    let folder = forms::print_all::folder_beside(&combined);
    assert_eq!(folder, dir.path().join("备案表格"));
    let printed = forms::print_all::print_all(&d, &all, &folder, &combined).unwrap();
    assert!(printed.skipped.is_empty(), "{:?}", printed.skipped);
    assert_eq!(printed.files.len(), all.len());
    assert_eq!(printed.combined.as_deref(), Some(combined.as_path()));
    let mut pages_each = 0;
    for (_, path) in &printed.files {
        assert!(path.starts_with(&folder));
        let pdf = std::fs::read(path).unwrap();
        if let Some((_, info)) = tool_no_dash(&pdf, "pdfinfo", &[]) {
            pages_each += pages_of(&info);
        }
    }
    let pdf = std::fs::read(&combined).unwrap();
    check_pdf(
        &pdf,
        &["授权书", "网站建设方案书", "不涉及互联网金融业务承诺书"],
    );
    if let Some((_, info)) = tool_no_dash(&pdf, "pdfinfo", &[]) {
        assert_eq!(pages_of(&info), pages_each, "{info}");
    }
    // A paper that lacks a value is named, the others are written.
    let mut broken = d.clone();
    broken.subject.legal_rep.name.clear();
    let again = dir.path().join("again.pdf");
    let printed = forms::print_all::print_all(
        &broken,
        &papers(&broken),
        &forms::print_all::folder_beside(&again),
        &again,
    )
    .unwrap();
    assert!(!printed.skipped.is_empty());
    assert!(printed.files.len() + printed.skipped.len() == papers(&broken).len());
}

fn pages_of(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// A signed paper photographed and attached through the import: its code is read and kept
/// on the attachment; the rules judge it against the draft as it changes, without the
/// photo: right paper, then printed before a change, then another filing's.
#[test]
fn an_attached_paper_is_read_once_and_judged_as_the_draft_changes() {
    let mut d = unit();
    let paper = authorization(&d);
    let roles = ["法定代表人", "被授权人（网站负责人）"];
    let gray = photo(&d, &paper, &roles, 3.0, 2200);
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(gray)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let library = beian_core::store::sealed::Library::open(dir.path());
    let store = beian_core::documents::Store::for_draft(&library, &dir.path().join("d.ron"));
    let imported = beian_core::jobs::documents::import_bytes_for(
        &store,
        paper.item,
        "签字.png",
        png.get_ref(),
        Some(&d),
    )
    .unwrap();
    let reading = imported.attachment.paper.clone().expect("a paper is read");
    assert!(reading.code.is_some());
    assert!(reading.unsigned.is_empty(), "{:?}", reading.unsigned);
    d.materials.attachments.retain(|a| a.item != paper.item);
    d.materials.attachments.push(imported.attachment);
    let paper_codes = |d: &Draft| -> Vec<IssueCode> {
        beian_core::rules::validate(d)
            .for_field(paper.item)
            .map(|i| i.code)
            .filter(|c| c.key().starts_with("paper."))
            .collect()
    };
    assert_eq!(paper_codes(&d), Vec::<IssueCode>::new());

    // Not a paper: nothing is read.
    let other = FieldKey::new(Scope::Subject, Field::Document(DocKind::SubjectCertificate));
    let plain = beian_core::jobs::documents::import_bytes_for(
        &store,
        other,
        "licence.png",
        png.get_ref(),
        Some(&d),
    )
    .unwrap();
    assert_eq!(plain.attachment.paper, None);

    // The legal representative's name changes after printing: print and sign again.
    let mut changed = d.clone();
    changed.subject.legal_rep.name = "赵六".into();
    assert_eq!(paper_codes(&changed), vec![IssueCode::PaperOutdated]);
    // Another filing's draft with the same attachment: another filing's paper.
    let mut another = d.clone();
    another.id = "2026-12-07T00-00-00-abcdef".into();
    assert_eq!(paper_codes(&another), vec![IssueCode::PaperOtherFiling]);
    // A reading without a code: only mentioned.
    let mut no_code = d.clone();
    for a in &mut no_code.materials.attachments {
        if a.item == paper.item {
            a.paper = Some(Default::default());
        }
    }
    assert_eq!(paper_codes(&no_code), vec![IssueCode::PaperNoCode]);
    let issue = beian_core::rules::validate(&no_code);
    let notice = issue
        .for_field(paper.item)
        .find(|i| i.code == IssueCode::PaperNoCode)
        .unwrap();
    assert_eq!(notice.severity, beian_core::rules::Severity::Notice);
}

/// A paper of several pages names its page in each page's code (so the signature page of
/// a returned photo is known); a one-page paper's code names none.
#[test]
fn each_page_of_a_longer_paper_names_its_page_in_its_code() {
    let mut d = unit();
    in_province(&mut d, "430000", "430100", "430102");
    let read = |qr: &forms::pdf::QrModules| {
        let (n, dark) = qr;
        let scale = 6u32;
        let side = (*n as u32 + 8) * scale;
        let picture = image::GrayImage::from_fn(side, side, |x, y| {
            let (col, row) = ((x / scale) as i64 - 4, (y / scale) as i64 - 4);
            let on = (0..*n as i64).contains(&col)
                && (0..*n as i64).contains(&row)
                && dark[row as usize * n + col as usize];
            image::Luma([if on { 0 } else { 255 }])
        });
        forms::scan::find_code(&picture).unwrap().payload
    };
    let plan = paper_of(&d, "site_plan").unwrap();
    let pages = forms::drawn(&d, &plan).unwrap();
    assert!(pages.len() >= 2);
    for (i, (_, qr)) in pages.iter().enumerate() {
        let code = read(qr);
        assert_eq!(code.page, Some(i as u32 + 1));
        assert_eq!(code.filing, d.id);
    }
    let letter = authorization(&d);
    let pages = forms::drawn(&d, &letter).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(read(&pages[0].1).page, None);
}

/// 江苏's 告知书 and 承诺书 are signed by each responsible person of the services: a second
/// person gets their own letters, filled with their own name and services.
#[test]
fn each_responsible_person_signs_their_own_jiangsu_letters() {
    let mut d = unit();
    in_province(&mut d, "320000", "320100", "320102");
    let one: Vec<Paper> = papers(&d)
        .into_iter()
        .filter(|p| p.template == "js_notice")
        .collect();
    assert_eq!(one.len(), 1, "one person answers for both websites");
    assert_eq!(one[0].person, Some(Scope::WebsiteResponsible(0)));

    d.websites[1].responsible.name = "赵六".into();
    d.websites[1].responsible.cert_number = "350102199003073813".into();
    let notices: Vec<Paper> = papers(&d)
        .into_iter()
        .filter(|p| p.template == "js_notice")
        .collect();
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[0].item.scope, Scope::Filing);
    assert_eq!(notices[1].item.scope, Scope::WebsiteResponsible(1));
    assert_eq!(notices[1].person, Some(Scope::WebsiteResponsible(1)));
    assert_eq!(
        papers(&d)
            .iter()
            .filter(|p| p.template == "js_commitment")
            .count(),
        2
    );
    let item = checklist(&d)
        .into_iter()
        .find(|i| i.key == notices[1].item)
        .unwrap();
    assert!(item.required);
    assert!(item.detail.contains("赵六"), "{}", item.detail);
    let pdf = forms::render(&d, &notices[1]).unwrap();
    check_pdf(&pdf, &["赵六", "350102199003073813", &d.websites[1].name]);
    // The first person's letter names only the website they answer for.
    let first = forms::filled(&d, &notices[0]).unwrap();
    let services = first.values.get("services").unwrap();
    assert!(services.contains(&d.websites[0].name));
    assert!(!services.contains(&d.websites[1].name), "{services}");
    // Both labels say whose letter it is.
    assert_ne!(
        notices[0].item.label(beian_core::i18n::Locale::ZhCn),
        notices[1].item.label(beian_core::i18n::Locale::ZhCn)
    );
}

/// Every template a province names exists; 上海's and 浙江's commitment letters and 天津's
/// content statement are offered (recommended: some providers make them in their own
/// system) and printed with the province's name.
#[test]
fn the_other_provinces_letters_are_offered_and_printed() {
    let tables = beian_core::rules::data::Tables::get();
    let templates = forms::templates::Templates::shipped().unwrap();
    for (code, rule) in &tables.provinces.provinces {
        for doc in &rule.extra_documents {
            if let Some(form) = &doc.form {
                assert!(templates.find(form).is_some(), "{code}: {form}");
            }
        }
    }
    for (province, city, district, template, name) in [
        ("310000", "310100", "310101", "sh_commitment", "上海市"),
        ("330000", "330100", "330102", "zj_commitment", "浙江省"),
        ("120000", "120100", "120101", "tj_content", "天津市"),
    ] {
        let mut d = unit();
        in_province(&mut d, province, city, district);
        let paper = paper_of(&d, template).unwrap_or_else(|| panic!("{template}"));
        let item = checklist(&d)
            .into_iter()
            .find(|i| i.key == paper.item)
            .unwrap();
        assert!(!item.required, "{template} is recommended");
        let pdf = forms::render(&d, &paper).unwrap();
        check_pdf(&pdf, &[name, &d.subject.name, &d.websites[0].name]);
    }
}
