//! `beian forms DRAFT -o DIR [--kind KIND]`: the papers this draft needs, printed filled in
//! as A4 PDFs into a folder (each paper, and `全部表格-一次打印.pdf` with all of them for
//! printing in one go). Exit 0 when every paper was written, 1 when the draft
//! lacks values a paper prints (they are listed; the other papers are still written), 2
//! on other failures (an unreadable draft, a folder that cannot be written).

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::forms::{self, FormError};
use crate::i18n::{Locale, tf};
use crate::store::draft_io;
use crate::store::sealed::Library;

/// Writes the papers and returns the exit code.
pub fn run(
    locale: Locale,
    library: &Library,
    draft_path: &Path,
    out: &Path,
    kind: Option<&str>,
) -> ExitCode {
    let draft = match draft_io::load_draft(library, draft_path) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("{}", err.user_message(locale));
            return ExitCode::from(2);
        }
    };
    let papers: Vec<forms::Paper> = crate::rules::papers::papers(&draft)
        .into_iter()
        .filter(|p| kind.is_none_or(|k| p.template == k))
        .collect();
    if papers.is_empty() {
        println!("{}", crate::i18n::t(locale, "cli.forms.none"));
        return ExitCode::SUCCESS;
    }
    let printed = match forms::print_all::print_all(
        &draft,
        &papers,
        out,
        &out.join(forms::print_all::COMBINED_NAME),
    ) {
        Ok(printed) => printed,
        Err(err) => {
            eprintln!(
                "{}",
                tf(
                    locale,
                    "cli.forms.write",
                    &[
                        ("path", &out.display().to_string()),
                        ("error", &err.message(locale))
                    ]
                )
            );
            return ExitCode::from(2);
        }
    };
    // The paper's printed title and whose it is, then which item it is for.
    let name_of = |item: crate::model::FieldKey| {
        let label = item.label(locale);
        papers
            .iter()
            .find(|p| p.item == item)
            .map_or(label.clone(), |p| {
                format!("{} · {label}", forms::display_name(&draft, p))
            })
    };
    let mut stdout = std::io::stdout().lock();
    for (item, path) in &printed.files {
        let _ = writeln!(
            stdout,
            "{}",
            tf(
                locale,
                "cli.forms.written",
                &[
                    ("paper", &name_of(*item)),
                    ("path", &path.display().to_string())
                ]
            )
        );
    }
    if let Some(path) = &printed.combined {
        let _ = writeln!(
            stdout,
            "{}",
            tf(
                locale,
                "cli.forms.combined",
                &[("path", &path.display().to_string())]
            )
        );
    }
    let mut code = ExitCode::SUCCESS;
    for (item, err) in &printed.skipped {
        eprintln!("{}: {}", name_of(*item), err.message(locale));
        code = match err {
            FormError::Missing(_) if code != ExitCode::from(2) => ExitCode::from(1),
            FormError::Missing(_) => code,
            _ => ExitCode::from(2),
        };
    }
    code
}
