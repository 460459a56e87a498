//! `beian forms DRAFT -o DIR [--kind KIND]`: the papers this draft needs, printed filled in
//! as A4 PDFs into a folder (each paper, and `全部表格.pdf` with all of them for printing
//! in one go is left to the window). Exit 0 when every paper was written, 1 when the draft
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
    let papers: Vec<forms::Paper> = forms::papers(&draft)
        .into_iter()
        .filter(|p| kind.is_none_or(|k| p.template == k))
        .collect();
    if papers.is_empty() {
        println!("{}", crate::i18n::t(locale, "cli.forms.none"));
        return ExitCode::SUCCESS;
    }
    if let Err(err) = crate::store::private_files::create_private_dir(out) {
        eprintln!(
            "{}",
            tf(
                locale,
                "cli.forms.folder",
                &[
                    ("path", &out.display().to_string()),
                    ("error", &err.to_string())
                ]
            )
        );
        return ExitCode::from(2);
    }
    let mut code = ExitCode::SUCCESS;
    let mut stdout = std::io::stdout().lock();
    for paper in &papers {
        let name = forms::file_name(&draft, paper);
        let label = paper.item.label(locale);
        match forms::render(&draft, paper) {
            Ok(pdf) => {
                let path = out.join(&name);
                if let Err(err) = crate::store::private_files::write_atomic(&path, &pdf) {
                    eprintln!(
                        "{}",
                        tf(
                            locale,
                            "cli.forms.write",
                            &[
                                ("path", &path.display().to_string()),
                                ("error", &err.to_string())
                            ]
                        )
                    );
                    return ExitCode::from(2);
                }
                let _ = writeln!(
                    stdout,
                    "{}",
                    tf(
                        locale,
                        "cli.forms.written",
                        &[("paper", &label), ("path", &path.display().to_string())]
                    )
                );
            }
            Err(err @ FormError::Missing(_)) => {
                eprintln!("{label}: {}", err.message(locale));
                code = ExitCode::from(1);
            }
            Err(err) => {
                eprintln!("{label}: {}", err.message(locale));
                return ExitCode::from(2);
            }
        }
    }
    code
}
