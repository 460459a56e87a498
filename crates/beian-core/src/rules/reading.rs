//! What text read from a document proposes for the filing: 统一社会信用代码 and
//! 公民身份号码 only when they pass every check the rules apply (check character, birth
//! date, region) and, for a credit code, the GB 11714 check of the organisation code
//! inside it, names, addresses, legal representatives and validity periods from
//! their label rows. A number whose check fails is never proposed as read; when exactly
//! one substitution among commonly confused characters (0/O/D, 1/I/L, 2/Z, 5/S, 8/B)
//! makes it valid, that is proposed with the character it changed.

use chrono::NaiveDate;
use serde::Serialize;

use super::credit_codes::org_code_check_char;
use super::data::Tables;
use super::ids::{check_resident_id, check_uscc, normalize_code, uscc_check_char};
use super::reading_labels::text_fields;
pub use super::reading_labels::{TextField, TextProposal, label_kind};
use crate::model::ocr_text::{PageText, TextLine};

/// Characters commonly confused by text recognition, in groups.
pub const CONFUSABLE: &[&str] = &["0OD", "1IL", "2Z", "5S", "8B"];
/// A number with a character read less surely than this is not proposed.
pub const MIN_CHAR_CONFIDENCE: f32 = 0.4;

/// The kinds of number a document carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// 公民身份号码 (GB 11643).
    ResidentId,
    /// 统一社会信用代码 (GB 32100).
    CreditCode,
}

/// One character changed to make a number valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Substitution {
    /// The character's position, from 1.
    pub position: usize,
    /// What was read.
    pub read: char,
    /// What is proposed.
    pub proposed: char,
}

/// A certificate number proposed from the document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberProposal {
    /// Which number.
    pub kind: NumberKind,
    /// The number, valid by every check.
    pub value: String,
    /// The one character changed from what was read, if any.
    pub substitution: Option<Substitution>,
    /// The index of the line it was read from in [`PageText::lines`].
    pub line: usize,
    /// Whether its label (公民身份号码, 统一社会信用代码) was read beside or above it.
    pub labelled: bool,
}

/// An 18-character run that was not proposed, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rejected {
    /// What was read.
    pub read: String,
    /// The index of the line.
    pub line: usize,
    /// Why it is not proposed.
    pub reason: RejectReason,
}

/// Why a run that looks like a number is not proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// It fails its checks and no single confusable substitution repairs it.
    Invalid,
    /// More than one substitution would make it valid: which one is unknown.
    Ambiguous,
    /// A character was read too unsurely.
    Uncertain,
}

/// Everything proposed from one page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Reading {
    /// Valid numbers.
    pub numbers: Vec<NumberProposal>,
    /// Text fields.
    pub texts: Vec<TextProposal>,
    /// Number-like runs not proposed.
    pub rejected: Vec<Rejected>,
}

impl Reading {
    /// The first proposed number of a kind.
    pub fn number(&self, kind: NumberKind) -> Option<&NumberProposal> {
        self.numbers.iter().find(|n| n.kind == kind)
    }

    /// The first proposed value of a text field.
    pub fn text(&self, field: TextField) -> Option<&str> {
        self.texts
            .iter()
            .find(|t| t.field == field)
            .map(|t| t.value.as_str())
    }
}

/// Finds what a page proposes. `today` bounds birth dates.
pub fn read_fields(page: &PageText, today: NaiveDate, tables: &Tables) -> Reading {
    let mut reading = Reading::default();
    for (index, line) in page.lines.iter().enumerate() {
        for (run, confidence) in runs(line) {
            if run.chars().count() != 18 {
                continue;
            }
            let labelled_as = label_near(page, index);
            match resolve(&run, labelled_as, today, tables) {
                Ok((kind, value, substitution)) => {
                    let weakest = confidence
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| substitution.is_none_or(|s| s.position != i + 1))
                        .map(|(_, c)| *c)
                        .fold(1.0, f32::min);
                    if weakest < MIN_CHAR_CONFIDENCE {
                        reading.rejected.push(Rejected {
                            read: run,
                            line: index,
                            reason: RejectReason::Uncertain,
                        });
                        continue;
                    }
                    if reading.numbers.iter().any(|n| n.value == value) {
                        continue;
                    }
                    reading.numbers.push(NumberProposal {
                        kind,
                        value,
                        substitution,
                        line: index,
                        labelled: labelled_as == Some(kind),
                    });
                }
                Err(reason) => reading.rejected.push(Rejected {
                    read: run,
                    line: index,
                    reason,
                }),
            }
        }
    }
    reading.texts = text_fields(page);
    reading
}

/// The runs of ASCII letters and digits in a line (full-width forms widened, spaces
/// inside a number ignored), upper-cased, with each character's confidence.
fn runs(line: &TextLine) -> Vec<(String, Vec<f32>)> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut conf = Vec::new();
    let confidence = line
        .confidence
        .iter()
        .copied()
        .chain(std::iter::repeat(0.0));
    for (c, p) in line.text.chars().zip(confidence) {
        let (n, _) = normalize_code(&c.to_string());
        let mut chars = n.chars();
        match (chars.next(), chars.next()) {
            (None, _) => continue, // a space or hyphen inside a run
            (Some(a), None) if a.is_ascii_alphanumeric() => {
                run.push(a);
                conf.push(p);
            }
            _ => {
                if !run.is_empty() {
                    out.push((std::mem::take(&mut run), std::mem::take(&mut conf)));
                }
            }
        }
    }
    if !run.is_empty() {
        out.push((run, conf));
    }
    out
}

/// The number kind a label on the line, just left of it or just above it names.
fn label_near(page: &PageText, index: usize) -> Option<NumberKind> {
    let line = page.lines.get(index)?;
    let kind_of = |text: &str| {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.contains("身份") || t.contains("号码") {
            Some(NumberKind::ResidentId)
        } else if t.contains("信用") || t.contains("代码") || t.contains("社会") {
            Some(NumberKind::CreditCode)
        } else {
            None
        }
    };
    if let Some(kind) = kind_of(&line.text) {
        return Some(kind);
    }
    let h = line.height().max(1.0);
    page.lines.iter().enumerate().find_map(|(i, other)| {
        if i == index {
            return None;
        }
        let same_row = (other.centre_y() - line.centre_y()).abs() < 0.6 * h
            && other.upright[2] <= line.upright[0] + 0.5 * h;
        let above = other.upright[3] <= line.upright[1] + 0.3 * h
            && line.upright[1] - other.upright[3] < 1.5 * h
            && (other.upright[0] - line.upright[0]).abs() < 3.0 * h;
        (same_row || above).then(|| kind_of(&other.text)).flatten()
    })
}

fn is_valid(kind: NumberKind, value: &str, today: NaiveDate, tables: &Tables) -> bool {
    match kind {
        NumberKind::ResidentId => check_resident_id(value, today, tables).0.is_some(),
        NumberKind::CreditCode => {
            let (ok, _) = check_uscc(value, tables);
            // Characters 9–17 are an organisation code with its own check character
            // (GB 11714): a second, independent check that a misread rarely passes.
            let org_ok = value
                .get(8..16)
                .and_then(org_code_check_char)
                .is_some_and(|c| value.chars().nth(16) == Some(c));
            ok.is_some()
                && org_ok
                && value
                    .get(..17)
                    .and_then(uscc_check_char)
                    .is_some_and(|c| value.ends_with(c))
        }
    }
}

/// Whether a character may stand at a position (from 0) of a number.
fn allowed(kind: NumberKind, c: char, position: usize) -> bool {
    match kind {
        NumberKind::ResidentId => c.is_ascii_digit() || (position == 17 && c == 'X'),
        NumberKind::CreditCode => "0123456789ABCDEFGHJKLMNPQRTUWXY".contains(c),
    }
}

fn partners(c: char) -> impl Iterator<Item = char> {
    CONFUSABLE
        .iter()
        .filter(move |group| group.contains(c))
        .flat_map(|group| group.chars())
        .filter(move |p| *p != c)
}

/// The single-substitution variants of `run` valid as `kind`. `forced` is the position
/// of the one character that cannot stand where it is, if any.
fn repairs(
    kind: NumberKind,
    chars: &[char],
    forced: Option<usize>,
    today: NaiveDate,
    tables: &Tables,
) -> Vec<(String, Substitution)> {
    let mut out = Vec::new();
    for (position, &read) in chars.iter().enumerate() {
        if forced.is_some_and(|f| f != position) {
            continue;
        }
        for proposed in partners(read).filter(|p| allowed(kind, *p, position)) {
            let value: String = chars
                .iter()
                .enumerate()
                .map(|(i, c)| if i == position { proposed } else { *c })
                .collect();
            if is_valid(kind, &value, today, tables) {
                out.push((
                    value,
                    Substitution {
                        position: position + 1,
                        read,
                        proposed,
                    },
                ));
            }
        }
    }
    out
}

type Resolved = (NumberKind, String, Option<Substitution>);

/// The one valid number an 18-character run stands for, or why there is none.
fn resolve(
    run: &str,
    label: Option<NumberKind>,
    today: NaiveDate,
    tables: &Tables,
) -> Result<Resolved, RejectReason> {
    let chars: Vec<char> = run.chars().collect();
    let mut found: Vec<Resolved> = Vec::new();
    for kind in [NumberKind::ResidentId, NumberKind::CreditCode] {
        let bad: Vec<usize> = chars
            .iter()
            .enumerate()
            .filter(|(i, c)| !allowed(kind, **c, *i))
            .map(|(i, _)| i)
            .collect();
        match bad.as_slice() {
            [] if is_valid(kind, run, today, tables) => found.push((kind, run.to_owned(), None)),
            [] => found.extend(
                repairs(kind, &chars, None, today, tables)
                    .into_iter()
                    .map(|(v, s)| (kind, v, Some(s))),
            ),
            [one] => found.extend(
                repairs(kind, &chars, Some(*one), today, tables)
                    .into_iter()
                    .map(|(v, s)| (kind, v, Some(s))),
            ),
            _ => {}
        }
    }
    // A number valid as read outranks repairs of it.
    let exact: Vec<&Resolved> = found.iter().filter(|f| f.2.is_none()).collect();
    if let [one] = exact.as_slice() {
        return Ok((*one).clone());
    }
    if !exact.is_empty() {
        found.retain(|f| f.2.is_none());
    }
    if found.len() > 1
        && let Some(kind) = label
    {
        found.retain(|f| f.0 == kind);
    }
    match found.len() {
        0 => Err(RejectReason::Invalid),
        1 => found.pop().ok_or(RejectReason::Invalid),
        _ => Err(RejectReason::Ambiguous),
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn line(text: &str, upright: [f32; 4]) -> TextLine {
        TextLine {
            text: text.to_owned(),
            confidence: vec![0.99; text.chars().count()],
            quad: [[0.0; 2]; 4],
            upright,
        }
    }

    fn page(lines: Vec<TextLine>) -> PageText {
        PageText {
            size: [960, 606],
            turn_deg: 0,
            lines,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
    }

    #[test]
    fn a_valid_id_is_proposed_as_read() {
        let p = page(vec![
            line("公民身份号码", [60.0, 500.0, 260.0, 540.0]),
            line("11010519491231002X", [290.0, 492.0, 700.0, 540.0]),
        ]);
        let r = read_fields(&p, today(), Tables::get());
        let n = r.number(NumberKind::ResidentId).cloned();
        assert_eq!(
            n.as_ref().map(|n| n.value.as_str()),
            Some("11010519491231002X")
        );
        assert_eq!(n.as_ref().and_then(|n| n.substitution), None);
        assert_eq!(n.map(|n| n.labelled), Some(true));
    }

    #[test]
    fn one_confused_letter_is_repaired_and_named() {
        // "O" at position 10 cannot be in a resident ID; only "0" makes it valid.
        let p = page(vec![line("110105194912310O2X", [0.0, 0.0, 400.0, 40.0])]);
        let r = read_fields(&p, today(), Tables::get());
        let n = r.number(NumberKind::ResidentId).cloned();
        assert_eq!(
            n.as_ref().map(|n| n.value.as_str()),
            Some("11010519491231002X")
        );
        assert_eq!(
            n.and_then(|n| n.substitution),
            Some(Substitution {
                position: 16,
                read: 'O',
                proposed: '0'
            })
        );
    }

    #[test]
    fn a_wrong_digit_is_never_proposed() {
        // One digit misread (2 → 3): the check fails and no confusable repairs it.
        let p = page(vec![line("11010519491231003X", [0.0, 0.0, 400.0, 40.0])]);
        let r = read_fields(&p, today(), Tables::get());
        assert!(r.numbers.is_empty(), "{r:?}");
        assert_eq!(r.rejected.len(), 1);
        // Two unreadable letters: two substitutions are more than one.
        let p = page(vec![line("1101O519491231OO2X", [0.0, 0.0, 400.0, 40.0])]);
        assert!(read_fields(&p, today(), Tables::get()).numbers.is_empty());
    }

    #[test]
    fn an_impossible_birth_date_or_region_is_not_proposed() {
        // Check characters that fit, but 13th month / a region no division has.
        for body in ["11010519901345001", "99010519491231002"] {
            let check = crate::rules::ids::ric_check_char(body).unwrap_or('?');
            let p = page(vec![line(
                &format!("{body}{check}"),
                [0.0, 0.0, 400.0, 40.0],
            )]);
            let r = read_fields(&p, today(), Tables::get());
            assert!(
                r.number(NumberKind::ResidentId).is_none(),
                "{body}{check}: {r:?}"
            );
        }
    }

    #[test]
    fn a_credit_code_whose_organisation_code_fails_is_not_proposed() {
        // Valid by GB 32100 (check character "L7"), but its organisation code
        // "MA135174L" has no GB 11714 check character: a misread, or nothing to fill in.
        let code = "91350102MA135174L7";
        assert!(check_uscc(code, Tables::get()).0.is_some());
        let p = page(vec![line(
            &format!("统一社会信用代码{code}"),
            [0.0, 0.0, 600.0, 40.0],
        )]);
        let r = read_fields(&p, today(), Tables::get());
        assert!(r.number(NumberKind::CreditCode).is_none(), "{r:?}");
    }

    #[test]
    fn credit_codes_are_checked_and_repaired() {
        let good = "91350100M000100Y43";
        let p = page(vec![line(
            &format!("统一社会信用代码{good}"),
            [0.0, 0.0, 600.0, 40.0],
        )]);
        let r = read_fields(&p, today(), Tables::get());
        assert_eq!(
            r.number(NumberKind::CreditCode).map(|n| n.value.as_str()),
            Some(good)
        );
        // "S" is not in the code's alphabet; "5" is the only repair.
        let p = page(vec![line("913S0100M000100Y43", [0.0, 0.0, 600.0, 40.0])]);
        let r = read_fields(&p, today(), Tables::get());
        let n = r.number(NumberKind::CreditCode).cloned();
        assert_eq!(n.as_ref().map(|n| n.value.as_str()), Some(good));
        assert_eq!(
            n.and_then(|n| n.substitution).map(|s| (s.position, s.read)),
            Some((4, 'S'))
        );
        // A low-confidence character: not proposed even though it validates.
        let mut weak = line(good, [0.0, 0.0, 600.0, 40.0]);
        weak.confidence[5] = 0.2;
        let r = read_fields(&page(vec![weak]), today(), Tables::get());
        assert!(r.numbers.is_empty());
        assert_eq!(
            r.rejected.first().map(|x| x.reason),
            Some(RejectReason::Uncertain)
        );
    }

    #[test]
    fn text_fields_come_from_their_label_rows() {
        let p = page(vec![
            line("姓名", [60.0, 60.0, 120.0, 95.0]),
            line("张三", [160.0, 55.0, 240.0, 98.0]),
            line("住址", [60.0, 270.0, 120.0, 305.0]),
            line("北京市东城区东长安", [160.0, 266.0, 600.0, 306.0]),
            line("街1号", [160.0, 316.0, 300.0, 356.0]),
            line("法定代表人 李四", [60.0, 400.0, 400.0, 440.0]),
        ]);
        let r = read_fields(&p, today(), Tables::get());
        assert_eq!(r.text(TextField::Name), Some("张三"));
        assert_eq!(r.text(TextField::Address), Some("北京市东城区东长安街1号"));
        assert_eq!(r.text(TextField::LegalRepresentative), Some("李四"));
    }
}
