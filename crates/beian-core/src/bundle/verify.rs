//! Verifying a received bundle, check by check: the archive is sound and every name in it
//! safe; every file matches the manifests (nothing missing, nothing added); the applicant's
//! signature over the tag manifest is valid and bound to this bag; each countersignature
//! too. The zip is read entry by entry and payload files are hashed as they stream, so a
//! bundle bigger than memory is fine; limits stop a hostile one. Nothing is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::application::{APPLICATION_FORMAT, Application};
use super::bag::{self, BagInfo, Manifest};
use super::entries::{Archive, hash_entry, read_small, text_entry};
pub use super::entries::{read_payload, sha256_file, sha256_reader};
use super::keys::{KeyId, Role, TrustedKeys, public_key_line};
pub use super::problem::Problem;
use super::safety::{UnsafeName, check_name};
use crate::documents::store::sha256_hex;

use super::limits::MAX_PROBLEMS;
pub use super::limits::{MAX_APPLICATION_BYTES, MAX_ENTRIES, MAX_TAG_BYTES, MAX_TOTAL_BYTES};
pub use super::verification::{Check, CheckKind, Outcome, SignerInfo, Verification};

fn push(problems: &mut Vec<Problem>, p: Problem) {
    if problems.len() < MAX_PROBLEMS {
        problems.push(p);
    }
}

/// What the archive check learned.
struct Layout {
    top: String,
    /// Names inside the bag (without the top folder), files only, with sizes.
    files: BTreeMap<String, u64>,
}

fn check_archive(archive: &mut Archive) -> Result<Layout, Vec<Problem>> {
    let mut problems = Vec::new();
    if archive.len() > MAX_ENTRIES {
        return Err(vec![Problem::TooManyEntries]);
    }
    if archive.has_duplicate_names() {
        push(&mut problems, Problem::DuplicateName(String::new()));
    }
    let mut total = 0u64;
    let mut top: Option<String> = None;
    let mut files = BTreeMap::new();
    let mut folded = BTreeSet::new();
    for i in 0..archive.len() {
        let entry = match archive.by_index_raw(i) {
            Ok(e) => e,
            Err(e) => return Err(vec![Problem::Unreadable(e.to_string())]),
        };
        let raw = entry.name_raw().to_vec();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let name = match check_name(&raw) {
            Ok(n) => n.to_owned(),
            Err(
                UnsafeName::Unreadable
                | UnsafeName::Absolute
                | UnsafeName::ParentDir
                | UnsafeName::Ambiguous,
            ) => {
                push(&mut problems, Problem::UnsafePath(shown));
                continue;
            }
        };
        if entry.is_symlink() || entry.encrypted() {
            push(&mut problems, Problem::SpecialEntry(name));
            continue;
        }
        total = total.saturating_add(entry.size());
        if !folded.insert(name.to_lowercase()) {
            push(&mut problems, Problem::DuplicateName(name.clone()));
        }
        let Some((first, rest)) = name.split_once('/') else {
            push(&mut problems, Problem::Extra(name));
            continue;
        };
        match &top {
            None => top = Some(first.to_owned()),
            Some(t) if t != first => {
                push(&mut problems, Problem::Extra(name.clone()));
                continue;
            }
            Some(_) => {}
        }
        if !entry.is_dir() && !rest.is_empty() {
            files.insert(rest.to_owned(), entry.size());
        }
    }
    if total > MAX_TOTAL_BYTES {
        push(&mut problems, Problem::TooBig);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let Some(top) = top else {
        return Err(vec![Problem::NotABag]);
    };
    if !files.contains_key(bag::BAGIT) {
        return Err(vec![Problem::NotABag]);
    }
    Ok(Layout { top, files })
}

/// The parts of the bag the signature checks need.
struct Tags {
    tag_manifest: Vec<u8>,
    info: BagInfo,
}

fn check_files(archive: &mut Archive, layout: &Layout) -> (Vec<Problem>, Option<Tags>) {
    let mut problems = Vec::new();
    let top = &layout.top;
    let read = |archive: &mut Archive, name: &str| {
        read_small(archive, &format!("{top}/{name}"), MAX_TAG_BYTES)
    };
    let bagit = match read(archive, bag::BAGIT) {
        Ok(b) => b,
        Err(p) => return (vec![p], None),
    };
    let bagit = String::from_utf8_lossy(&bagit);
    if !bagit.lines().any(|l| l.starts_with("BagIt-Version:")) {
        push(&mut problems, Problem::BadTagFile(bag::BAGIT.to_owned()));
    }
    let tag_bytes = match read(archive, bag::TAG_MANIFEST) {
        Ok(b) => b,
        Err(p) => return (vec![p], None),
    };
    let tag_manifest = match std::str::from_utf8(&tag_bytes)
        .ok()
        .map(bag::parse_manifest)
    {
        Some(Ok(m)) => m,
        _ => {
            return (
                vec![Problem::BadTagFile(bag::TAG_MANIFEST.to_owned())],
                None,
            );
        }
    };
    for required in [bag::BAGIT, bag::BAG_INFO, bag::MANIFEST, bag::APPLICANT_PUB] {
        if !tag_manifest.contains_key(required) {
            push(&mut problems, Problem::NotCovered(required.to_owned()));
        }
    }
    for (path, sha) in &tag_manifest {
        if path.starts_with(bag::DATA) || check_name(path.as_bytes()).is_err() {
            push(
                &mut problems,
                Problem::BadTagFile(bag::TAG_MANIFEST.to_owned()),
            );
            continue;
        }
        if !layout.files.contains_key(path) {
            push(&mut problems, Problem::Missing(path.clone()));
            continue;
        }
        match hash_entry(archive, &format!("{top}/{path}")) {
            Ok((actual, _)) if actual == *sha => {}
            Ok(_) => push(&mut problems, Problem::Changed(path.clone())),
            Err(p) => push(&mut problems, p),
        }
    }
    let info = match read(archive, bag::BAG_INFO) {
        Ok(b) => String::from_utf8(b).ok().and_then(|t| BagInfo::parse(&t)),
        Err(p) => {
            push(&mut problems, p);
            None
        }
    };
    if info.is_none() {
        push(&mut problems, Problem::BadTagFile(bag::BAG_INFO.to_owned()));
    }
    let manifest: Manifest = match read(archive, bag::MANIFEST) {
        Ok(b) => match std::str::from_utf8(&b).ok().map(bag::parse_manifest) {
            Some(Ok(m)) => m,
            _ => {
                push(&mut problems, Problem::BadTagFile(bag::MANIFEST.to_owned()));
                Manifest::new()
            }
        },
        Err(p) => {
            push(&mut problems, p);
            Manifest::new()
        }
    };
    // Every file is either payload listed in the manifest, a tag file listed in the tag
    // manifest, or one of the signature files (which cannot sign themselves).
    for name in layout.files.keys() {
        let known = if name.starts_with(bag::DATA) {
            manifest.contains_key(name)
        } else {
            tag_manifest.contains_key(name)
                || name == bag::TAG_MANIFEST
                || name == bag::SIGNATURE
                || is_countersignature_file(name)
        };
        if !known {
            push(&mut problems, Problem::Extra(name.clone()));
        }
    }
    let mut octets = 0u64;
    let mut count = 0u64;
    for (path, sha) in &manifest {
        if !path.starts_with(bag::DATA) || check_name(path.as_bytes()).is_err() {
            push(&mut problems, Problem::BadTagFile(bag::MANIFEST.to_owned()));
            continue;
        }
        if !layout.files.contains_key(path) {
            push(&mut problems, Problem::Missing(path.clone()));
            continue;
        }
        match hash_entry(archive, &format!("{top}/{path}")) {
            Ok((actual, len)) => {
                octets += len;
                count += 1;
                if actual != *sha {
                    push(&mut problems, Problem::Changed(path.clone()));
                }
            }
            Err(p) => push(&mut problems, p),
        }
    }
    if let Some(info) = &info {
        if (info.payload_octets, info.payload_files) != (octets, count) && problems.is_empty() {
            push(&mut problems, Problem::OxumMismatch);
        }
        if info.external_identifier != *top {
            push(&mut problems, Problem::BadTagFile(bag::BAG_INFO.to_owned()));
        }
    }
    let tags = info.map(|info| Tags {
        tag_manifest: tag_bytes,
        info,
    });
    (problems, tags)
}

fn is_countersignature_file(name: &str) -> bool {
    name.strip_prefix(bag::COUNTERSIGNATURES)
        .is_some_and(|rest| {
            !rest.contains('/') && (rest.ends_with(".minisig") || rest.ends_with(".pub"))
        })
}

/// Checks one minisign signature of the tag manifest by the key in `public_text`.
fn check_signature(
    tag_manifest: &[u8],
    signature_text: &str,
    public_text: &str,
    role: Role,
    info: &BagInfo,
    trusted: &TrustedKeys,
    name: &str,
) -> Result<SignerInfo, Problem> {
    let malformed = || Problem::SignatureMalformed(name.to_owned());
    let sig_box = minisign::SignatureBox::from_string(signature_text).map_err(|_| malformed())?;
    let sig_id = KeyId::from_keynum(sig_box.keynum()).ok_or_else(malformed)?;
    let signature = minisign_verify::Signature::decode(signature_text).map_err(|_| malformed())?;
    let key_line = public_key_line(public_text).ok_or_else(malformed)?;
    let public = minisign_verify::PublicKey::from_base64(key_line).map_err(|_| malformed())?;
    let pub_id = minisign::PublicKey::from_base64(key_line)
        .ok()
        .and_then(|k| KeyId::from_keynum(k.keynum()))
        .ok_or_else(malformed)?;
    if sig_id != pub_id {
        return Err(Problem::OtherKey {
            signature: sig_id.short_code(),
            expected: pub_id.short_code(),
        });
    }
    public
        .verify(tag_manifest, &signature, false)
        .map_err(|_| Problem::BadSignature(name.to_owned()))?;
    let comment = signature.trusted_comment();
    let (c_role, c_bag, c_date) = bag::parse_trusted_comment(comment)
        .ok_or_else(|| Problem::CommentMismatch(comment.to_owned()))?;
    let bound = c_role == role.key()
        && c_bag == info.external_identifier
        && (role == Role::Staff || c_date == info.bagging_date);
    if !bound {
        return Err(Problem::CommentMismatch(comment.to_owned()));
    }
    Ok(SignerInfo {
        key_id: sig_id,
        role,
        date: c_date,
        trusted_as: trusted.find(key_line).map(|k| k.name.clone()),
    })
}

/// Verifies the bundle at `path` against the trusted keys. Never panics and never
/// writes; a file that is not a bundle gives a failed archive check.
pub fn verify(path: &Path, trusted: &TrustedKeys) -> Verification {
    std::thread::scope(|scope| {
        // The whole file's hash runs on the second core while the entries are checked.
        let whole = std::thread::Builder::new()
            .name("bundle-hash".to_owned())
            .spawn_scoped(scope, || sha256_file(path));
        let mut v = verify_entries(path, trusted);
        match whole.map(|h| h.join()) {
            Ok(Ok(Ok((sha, len)))) => {
                v.file_sha256 = sha;
                v.byte_len = len;
            }
            _ => log::warn!("could not hash the whole bundle file"),
        }
        v
    })
}

fn verify_entries(path: &Path, trusted: &TrustedKeys) -> Verification {
    let opened = std::fs::File::open(path)
        .map_err(|e| Problem::Unreadable(e.to_string()))
        .and_then(|f| zip::ZipArchive::new(f).map_err(|e| Problem::Unreadable(e.to_string())));
    match opened {
        Ok(mut archive) => verify_archive(&mut archive, trusted).0,
        Err(p) => {
            let mut v = Verification::empty();
            v.checks.push(Check {
                kind: CheckKind::Archive,
                outcome: Outcome::Failed(vec![p]),
            });
            skip_checks(&mut v, 1);
            v
        }
    }
}

/// Marks the checks from the `from`-th on as skipped.
fn skip_checks(v: &mut Verification, from: usize) {
    let kinds = [
        CheckKind::Archive,
        CheckKind::Files,
        CheckKind::Signature,
        CheckKind::Countersignature,
    ];
    for kind in kinds.iter().skip(from) {
        v.checks.push(Check {
            kind: *kind,
            outcome: Outcome::Skipped,
        });
    }
}

/// Verifies an opened bundle (all but the whole file's hash). Also returns the bytes of
/// the tag manifest exactly as the signatures were checked against them, when they could
/// be read, so that a countersignature signs those very bytes.
pub(crate) fn verify_archive(
    archive: &mut Archive,
    trusted: &TrustedKeys,
) -> (Verification, Option<Vec<u8>>) {
    let mut v = Verification::empty();
    let layout = match check_archive(archive) {
        Ok(l) => l,
        Err(problems) => {
            v.checks.push(Check {
                kind: CheckKind::Archive,
                outcome: Outcome::Failed(problems),
            });
            skip_checks(&mut v, 1);
            return (v, None);
        }
    };
    v.checks.push(Check {
        kind: CheckKind::Archive,
        outcome: Outcome::Passed,
    });
    v.bag_id = Some(layout.top.clone());

    let (problems, tags) = check_files(archive, &layout);
    let files_ok = problems.is_empty();
    v.checks.push(Check {
        kind: CheckKind::Files,
        outcome: if files_ok {
            Outcome::Passed
        } else {
            Outcome::Failed(problems)
        },
    });
    let Some(tags) = tags else {
        skip_checks(&mut v, 2);
        return (v, None);
    };
    v.info = Some(tags.info.clone());
    v.tag_manifest_sha256 = Some(sha256_hex(&tags.tag_manifest));
    let top = layout.top.clone();

    // The applicant's signature.
    let outcome = if !layout.files.contains_key(bag::SIGNATURE) {
        Outcome::Failed(vec![Problem::Unsigned])
    } else {
        let checked = text_entry(archive, &top, bag::SIGNATURE).and_then(|sig| {
            let public = text_entry(archive, &top, bag::APPLICANT_PUB)?;
            check_signature(
                &tags.tag_manifest,
                &sig,
                &public,
                Role::Applicant,
                &tags.info,
                trusted,
                bag::SIGNATURE,
            )
        });
        match checked {
            Ok(signer) => {
                let named = KeyId::parse(&tags.info.signer_key_id);
                if named == Some(signer.key_id) {
                    v.signer = Some(signer);
                    Outcome::Passed
                } else {
                    Outcome::Failed(vec![Problem::OtherKey {
                        signature: signer.key_id.short_code(),
                        expected: tags.info.signer_key_id.clone(),
                    }])
                }
            }
            Err(p) => Outcome::Failed(vec![p]),
        }
    };
    let signature_ok = outcome == Outcome::Passed;
    v.checks.push(Check {
        kind: CheckKind::Signature,
        outcome,
    });

    // Countersignatures.
    let sigs: Vec<String> = layout
        .files
        .keys()
        .filter(|n| is_countersignature_file(n) && n.ends_with(".minisig"))
        .cloned()
        .collect();
    let outcome = if sigs.is_empty() {
        Outcome::Absent
    } else {
        let mut problems = Vec::new();
        for name in sigs {
            let pub_name = format!("{}.pub", name.trim_end_matches(".minisig"));
            let checked = text_entry(archive, &top, &name).and_then(|sig| {
                let public = text_entry(archive, &top, &pub_name)?;
                check_signature(
                    &tags.tag_manifest,
                    &sig,
                    &public,
                    Role::Staff,
                    &tags.info,
                    trusted,
                    &name,
                )
            });
            match checked {
                Ok(s) => v.countersigners.push(s),
                Err(p) => push(&mut problems, p),
            }
        }
        if problems.is_empty() {
            Outcome::Passed
        } else {
            Outcome::Failed(problems)
        }
    };
    v.checks.push(Check {
        kind: CheckKind::Countersignature,
        outcome,
    });

    if files_ok && signature_ok {
        match read_small(
            archive,
            &format!("{top}/{}", bag::APPLICATION_RON),
            MAX_APPLICATION_BYTES,
        )
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| Application::from_ron(&t).ok())
        {
            Some(app) if app.format == APPLICATION_FORMAT && app.bag_id == top => {
                v.application = Some(app);
            }
            _ => {
                if let Some(check) = v.checks.iter_mut().find(|c| c.kind == CheckKind::Files) {
                    check.outcome =
                        Outcome::Failed(vec![Problem::BadTagFile(bag::APPLICATION_RON.to_owned())]);
                }
            }
        }
    }
    (v, Some(tags.tag_manifest))
}
