//! Every key the program uses exists in every locale, and the tables agree.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use std::collections::BTreeSet;

use beian::i18n::{self, Locale};
use beian::model::{
    CertType, CloudMode, Field, FieldKey, FilingKind, HostNature, IssueCode, PreApprovalKind,
    Procedure, Scope, Step, SubmissionState,
};

fn source_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The key a call `t(lang, "…")` or `tf(lang, "…", …)` names, given the text after its
/// opening parenthesis: the first argument is the language (`ui`, `&locale`,
/// `ui.locale()`, `Locale::ZhCn`…), the second the key.
fn key_after_language(rest: &str) -> Option<&str> {
    let comma = rest.find(',')?;
    let language = &rest[..comma];
    if language.contains('"') || language.trim().len() > 40 {
        return None;
    }
    let rest = rest[comma + 1..].trim_start().strip_prefix('"')?;
    Some(&rest[..rest.find('"')?])
}

/// Keys written literally in the sources: `t(lang, "…")`, `tf(lang, "…"`,
/// `section(ui, "…")` and label keys passed as string literals starting with a known
/// prefix.
fn literal_keys() -> BTreeSet<String> {
    let mut files = Vec::new();
    source_files(std::path::Path::new("src"), &mut files);
    source_files(std::path::Path::new("crates/beian-core/src"), &mut files);
    let mut keys = BTreeSet::new();
    let calls = ["t(", "tf(", "section(ui, "];
    let prefixes = [
        "\"field.",
        "\"section.",
        "\"review.",
        "\"error.",
        "\"status.",
    ];
    for file in files {
        let whole = std::fs::read_to_string(&file).unwrap();
        // A file's own tests may name keys that do not exist, on purpose.
        let text = whole.split("#[cfg(test)]").next().unwrap_or_default();
        let mut found: Vec<&str> = Vec::new();
        for call in calls {
            for (pos, _) in text.match_indices(call) {
                let before = text[..pos].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let rest = &text[pos + call.len()..];
                let key = if call.starts_with("section") {
                    rest.strip_prefix('"')
                        .and_then(|r| r.find('"').map(|end| &r[..end]))
                } else {
                    key_after_language(rest)
                };
                found.extend(key);
            }
        }
        for prefix in prefixes {
            for (pos, _) in text.match_indices(prefix) {
                let rest = &text[pos + 1..];
                found.extend(rest.find('"').map(|end| &rest[..end]));
            }
        }
        for key in found {
            if key.contains('{') || key.ends_with('.') || key.is_empty() || key.contains(' ') {
                continue;
            }
            keys.insert(key.to_owned());
        }
    }
    keys
}

#[test]
fn keys_are_found_after_the_language_argument() {
    assert_eq!(key_after_language("ui, \"a.b\")"), Some("a.b"));
    assert_eq!(
        key_after_language("&locale,\n        \"a.b\", &[])"),
        Some("a.b")
    );
    assert_eq!(key_after_language("ui.locale(), \"a.b\")"), Some("a.b"));
    assert_eq!(key_after_language("\"not.a.call\", x)"), None);
}

/// Keys built from enums and field keys at run time.
fn generated_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    keys.extend(FilingKind::ALL.iter().map(|v| v.i18n_key()));
    keys.extend(HostNature::ALL.iter().map(|v| v.i18n_key()));
    keys.extend(CertType::ALL.iter().map(|v| v.i18n_key()));
    keys.extend(PreApprovalKind::ALL.iter().map(|v| v.i18n_key()));
    keys.extend(CloudMode::ALL.iter().map(|v| v.i18n_key()));
    for p in Procedure::ALL {
        keys.insert(p.i18n_key());
        keys.insert(p.explanation_key());
        keys.insert(p.guidance_key());
    }
    keys.extend(IssueCode::ALL.iter().map(|v| v.i18n_key()));
    for s in SubmissionState::ALL {
        keys.insert(s.i18n_key());
        keys.insert(format!("tracking.explain.{}", s.key()));
    }
    for d in beian::model::declarations::DeclarationKind::ALL {
        keys.insert(d.i18n_key());
        keys.insert(format!("{}.short", d.i18n_key()));
    }
    for p in ["provider", "miit", "applicant", "bureau"] {
        keys.insert(format!("tracking.party.{p}"));
    }
    for step in Step::ALL {
        keys.insert(step.title_key());
        keys.insert(format!("step.{}.intro", step.key()));
    }
    for kind in FilingKind::ALL {
        keys.insert(format!("start.new_{}", kind.key()));
        keys.insert(format!("start.new_{}.hint", kind.key()));
    }
    for sample in beian::jobs::samples::Sample::ALL {
        keys.insert(format!("start.sample_{}", sample.key()));
    }
    for status in [
        beian::rules::StepStatus::NotStarted,
        beian::rules::StepStatus::InProgress,
        beian::rules::StepStatus::HasProblems,
        beian::rules::StepStatus::Complete,
    ] {
        keys.insert(status.label_key().to_owned());
    }
    keys
}

#[test]
fn both_tables_parse_and_have_the_same_keys() {
    let zh = i18n::parse_table(i18n::table_source(Locale::ZhCn)).expect("zh-CN table parses");
    let en = i18n::parse_table(i18n::table_source(Locale::En)).expect("en table parses");
    let zh_keys: BTreeSet<_> = zh.keys().collect();
    let en_keys: BTreeSet<_> = en.keys().collect();
    let only_zh: Vec<_> = zh_keys.difference(&en_keys).collect();
    let only_en: Vec<_> = en_keys.difference(&zh_keys).collect();
    assert!(
        only_zh.is_empty() && only_en.is_empty(),
        "only zh: {only_zh:?}; only en: {only_en:?}"
    );
    for (key, text) in zh.iter().chain(en.iter()) {
        assert!(!text.trim().is_empty(), "{key} is empty");
    }
}

#[test]
fn every_key_used_exists_in_every_locale() {
    let mut used = literal_keys();
    used.extend(generated_keys());
    assert!(
        used.len() > 150,
        "the key scan found too few keys: {}",
        used.len()
    );
    let mut missing = Vec::new();
    for key in &used {
        for locale in Locale::ALL {
            if !i18n::has_key(locale, key) {
                missing.push(format!("{}:{key}", locale.tag()));
            }
        }
    }
    assert!(missing.is_empty(), "missing keys: {missing:#?}");
}

#[test]
fn every_field_that_can_carry_an_issue_has_a_label() {
    let scopes = [
        Scope::Filing,
        Scope::Subject,
        Scope::LegalRep,
        Scope::SubjectResponsible,
        Scope::Website(0),
        Scope::WebsiteResponsible(0),
        Scope::Materials,
    ];
    // Run the rules on drafts of both kinds and check that each field they name has a label.
    // Every kind of filing too, with numbers that each kind finds wrong.
    for (kind, procedure) in FilingKind::ALL
        .iter()
        .flat_map(|k| Procedure::ALL.iter().map(move |p| (k, p)))
    {
        let mut draft = beian::model::Draft::new(*kind, chrono::Utc::now());
        draft.filing.procedure = *procedure;
        draft.subject.icp_number = "京ICP备12345678号".into();
        draft.websites[0].icp_number = "京ICP备87654321号-0".into();
        for issue in beian::rules::validate(&draft).issues {
            assert!(scopes.contains(&issue.field.scope));
            for locale in Locale::ALL {
                let label = issue.field.label(locale);
                assert!(
                    !label.contains('⟦'),
                    "{} has no label in {}: {label}",
                    issue.field,
                    locale.tag()
                );
                let message = issue.message(locale);
                assert!(!message.contains('⟦'), "{}: {message}", issue.code);
            }
        }
    }
    let _ = FieldKey::new(Scope::Filing, Field::Kind);
}

#[test]
fn placeholders_match_between_locales() {
    let zh = i18n::parse_table(i18n::table_source(Locale::ZhCn)).unwrap();
    let en = i18n::parse_table(i18n::table_source(Locale::En)).unwrap();
    let placeholders = |s: &str| -> BTreeSet<String> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    };
    for (key, zh_text) in &zh {
        let en_text = &en[key];
        assert_eq!(placeholders(zh_text), placeholders(en_text), "{key}");
    }
}

/// Every issue code has a message in every locale, and every message under `issue.` is
/// the message of a code (a message whose code was removed is dead text).
#[test]
fn every_issue_code_has_a_message() {
    let mut missing = Vec::new();
    for code in IssueCode::ALL {
        for locale in Locale::ALL {
            if !i18n::has_key(locale, &code.i18n_key()) {
                missing.push(format!("{}:{}", locale.tag(), code.i18n_key()));
            }
        }
    }
    assert!(missing.is_empty(), "missing messages: {missing:#?}");
    let orphans: Vec<&str> = i18n::keys(Locale::ZhCn)
        .filter_map(|k| k.strip_prefix("issue."))
        .filter(|k| IssueCode::from_key(k).is_none())
        .collect();
    assert!(orphans.is_empty(), "messages of no code: {orphans:?}");
}
