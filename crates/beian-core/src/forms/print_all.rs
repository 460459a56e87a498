//! "Print all": every paper a filing needs written into one folder, each as its own PDF
//! (to attach or resend one), and all of them in one more PDF to print in one go.

use std::path::{Path, PathBuf};

use super::{FormError, Paper, PrintError};
use crate::model::{Draft, FieldKey};

/// The name of the file with every paper, for printing in one go (`beian forms`).
pub const COMBINED_NAME: &str = "全部表格-一次打印.pdf";

/// What "print all" wrote.
#[derive(Clone, Debug, Default)]
pub struct PrintedAll {
    /// The folder.
    pub dir: PathBuf,
    /// Each paper's own file, in checklist order.
    pub files: Vec<(FieldKey, PathBuf)>,
    /// Every paper written, in one file (none when no paper could be made).
    pub combined: Option<PathBuf>,
    /// The papers that could not be made, and why (values missing, most often).
    pub skipped: Vec<(FieldKey, FormError)>,
}

/// A file name not yet taken in `taken` (`授权书-王五.pdf`, then `授权书-王五-2.pdf`).
fn unique(name: String, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let stem = name.strip_suffix(".pdf").unwrap_or(&name).to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{stem}-{n}.pdf");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// The folder the papers go into beside the combined file the user chose
/// (`备案表格.pdf` → `备案表格/`).
pub fn folder_beside(combined: &Path) -> PathBuf {
    let folder = combined.with_extension("");
    if folder == combined {
        combined.with_file_name(format!(
            "{}-表格",
            combined
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ))
    } else {
        folder
    }
}

/// Writes each of `papers` of `draft` into `dir` (made owner-only when it is new), and
/// all of them into the file `combined`. A paper that cannot be made is skipped and
/// named; a file that cannot be written stops the run.
pub fn print_all(
    draft: &Draft,
    papers: &[Paper],
    dir: &Path,
    combined: &Path,
) -> Result<PrintedAll, PrintError> {
    let save = |e: std::io::Error| PrintError::Save(crate::cause::cause(e));
    crate::store::private_files::create_private_dir(dir).map_err(save)?;
    let mut out = PrintedAll {
        dir: dir.to_owned(),
        ..PrintedAll::default()
    };
    let mut made = Vec::new();
    let mut taken: Vec<String> = combined
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .into_iter()
        .collect();
    for paper in papers {
        let drawn = super::drawn(draft, paper).and_then(|pages| {
            let pdf = super::write_drawn(&[&pages], &super::template(paper)?.title)?;
            Ok((pages, pdf))
        });
        match drawn {
            Ok((pages, pdf)) => {
                let path = dir.join(unique(super::file_name(draft, paper), &mut taken));
                crate::store::private_files::write_atomic(&path, &pdf).map_err(save)?;
                out.files.push((paper.item, path));
                made.push(pages);
            }
            Err(err) => out.skipped.push((paper.item, err)),
        }
    }
    if !made.is_empty() {
        let all: Vec<&[_]> = made.iter().map(Vec::as_slice).collect();
        let pdf = super::write_drawn(&all, "全部表格")?;
        crate::store::private_files::write_atomic(combined, &pdf).map_err(save)?;
        out.combined = Some(combined.to_owned());
    }
    Ok(out)
}
