//! App packages read for their 特征信息, checked against the values openssl and apksigner
//! computed when `scripts/make-app-fixtures.sh` made the fixtures (`tests/data/apps/`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use beian_core::model::apps::Platform;
use beian_core::packages::{
    self, KeyRendering, PackageError, PackageReading, PackageWarning, Scheme,
};
use chrono::{TimeZone, Utc};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/apps")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap()
}

/// EXPECTED.tsv: name → (md5, sha1, modulus, ec point, spki).
fn expected() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(dir().join("EXPECTED.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let mut parts = l.split('\t').map(str::to_owned);
            let name = parts.next().unwrap();
            (name, parts.collect())
        })
        .collect()
}

fn md5_of(name: &str) -> String {
    expected()[name][0].clone()
}

fn read(name: &str) -> PackageReading {
    packages::read_file(&dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

fn warnings(r: &PackageReading) -> Vec<PackageWarning> {
    r.warnings(now(), now() + chrono::Duration::days(30))
}

#[test]
fn an_apk_signed_v1_v2_v3_gives_its_package_and_the_v3_certificate() {
    let r = read("v1v2v3.apk");
    assert_eq!(r.platform, Some(Platform::Android));
    assert_eq!(r.package_name.as_deref(), Some("com.example.beian"));
    let first = r.proposed().unwrap();
    assert_eq!(first.scheme, Scheme::V3);
    // v1, v2 and v3 carry the same certificate: listed once.
    assert_eq!(r.signers.len(), 1);
    let e = &expected()["release"];
    assert_eq!(first.certificate.md5(), e[0]);
    assert_eq!(first.certificate.sha1(), e[1]);
    assert_eq!(
        first.certificate.public_key(),
        e[2],
        "modulus as openssl prints it"
    );
    assert_eq!(
        PackageReading::fingerprint(&first.certificate, Platform::Android),
        e[0]
    );
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
}

#[test]
fn every_rendering_of_an_rsa_key_matches_openssl() {
    let r = read("v2-only.apk");
    let c = &r.proposed().unwrap().certificate;
    let e = &expected()["release"];
    let renderings: BTreeMap<KeyRendering, String> = c.renderings().into_iter().collect();
    assert_eq!(renderings[&KeyRendering::ModulusHex], e[2]);
    assert_eq!(renderings[&KeyRendering::SpkiHex], e[4]);
    // PKCS#1 is the SPKI's BIT STRING contents: its tail.
    assert!(e[4].ends_with(&renderings[&KeyRendering::Pkcs1Hex]));
    assert_eq!(renderings[&KeyRendering::Pkcs1Hex].len(), 540);
    assert_eq!(renderings[&KeyRendering::ModulusDecimal].len(), 617);
    assert_eq!(renderings[&KeyRendering::SpkiBase64].len(), 392);
    assert!(renderings[&KeyRendering::SpkiBase64].starts_with("MIIBIjANBgkq"));
}

#[test]
fn each_scheme_alone_is_read() {
    for (file, scheme) in [("v1-only.apk", Scheme::V1), ("v2-only.apk", Scheme::V2)] {
        let r = read(file);
        assert_eq!(
            r.package_name.as_deref(),
            Some("com.example.beian"),
            "{file}"
        );
        let first = r.proposed().unwrap();
        assert_eq!(first.scheme, scheme, "{file}");
        assert_eq!(first.certificate.md5(), md5_of("release"), "{file}");
    }
}

#[test]
fn an_ec_key_is_given_as_its_point() {
    let r = read("ec.apk");
    let c = &r.proposed().unwrap().certificate;
    let e = &expected()["ec"];
    assert_eq!(c.md5(), e[0]);
    assert_eq!(c.public_key(), e[3]);
    assert_eq!(c.public_key().len(), 130);
    assert!(
        !c.renderings()
            .iter()
            .any(|(k, _)| *k == KeyRendering::ModulusHex)
    );
}

#[test]
fn a_debug_build_is_flagged_and_blocks_the_filing() {
    let r = read("debug.apk");
    assert_eq!(r.proposed().unwrap().certificate.md5(), md5_of("debug"));
    let w = warnings(&r);
    assert!(w.contains(&PackageWarning::DebugCertificate), "{w:?}");
    assert!(w.iter().any(PackageWarning::blocks_filing));
}

#[test]
fn key_rotation_proposes_the_v3_signer_and_shows_both() {
    let r = read("rotated.apk");
    assert_eq!(r.proposed().unwrap().certificate.md5(), md5_of("newkey"));
    assert!(
        r.signers
            .iter()
            .any(|s| s.certificate.md5() == md5_of("release"))
    );
    let w = warnings(&r);
    assert!(
        w.contains(&PackageWarning::KeyRotation {
            older: md5_of("release"),
            newer: md5_of("newkey")
        }),
        "{w:?}"
    );
}

#[test]
fn apksigner_agrees() {
    let e = expected();
    for (apk, key) in [
        ("v1v2v3.apk", "release"),
        ("v2-only.apk", "release"),
        ("ec.apk", "ec"),
        ("debug.apk", "debug"),
        ("rotated.apk", "newkey"),
    ] {
        // As apksigner printed it when the fixtures were made…
        assert_eq!(e[&format!("apksigner:{apk}")][0], md5_of(key), "{apk}");
        assert_eq!(
            read(apk).proposed().unwrap().certificate.md5(),
            md5_of(key),
            "{apk}"
        );
        // …and as it prints it now, where it is installed.
        let Ok(out) = std::process::Command::new("apksigner")
            .args(["verify", "--print-certs"])
            .arg(dir().join(apk))
            .output()
        else {
            continue;
        };
        let text = String::from_utf8_lossy(&out.stdout).to_uppercase();
        assert!(
            text.contains(&format!(
                "SIGNER #1 CERTIFICATE MD5 DIGEST: {}",
                md5_of(key)
            )),
            "{apk}: {text}"
        );
    }
}

#[test]
fn certificate_files_give_the_key_and_fingerprints_but_no_package() {
    for file in ["release.cer", "release.pem"] {
        let r = read(file);
        assert_eq!(r.platform, None);
        assert_eq!(r.package_name, None);
        assert_eq!(r.proposed().unwrap().scheme, Scheme::CertificateFile);
        assert_eq!(
            r.proposed().unwrap().certificate.md5(),
            md5_of("release"),
            "{file}"
        );
    }
}

#[test]
fn an_ipa_gives_its_bundle_id_and_the_distribution_certificates_sha1() {
    let r = read("distribution.ipa");
    assert_eq!(r.platform, Some(Platform::Ios));
    assert_eq!(r.package_name.as_deref(), Some("com.example.beian"));
    let c = &r.proposed().unwrap().certificate;
    let e = &expected()["dist"];
    assert_eq!(PackageReading::fingerprint(c, Platform::Ios), e[1]);
    assert_eq!(PackageReading::fingerprint(c, Platform::Ios).len(), 40);
    assert_eq!(c.public_key(), e[2]);
    assert!(!warnings(&r).contains(&PackageWarning::DevelopmentCertificate));
    let dev = read("development.ipa");
    assert!(warnings(&dev).contains(&PackageWarning::DevelopmentCertificate));
}

/// `distribution.ipa` with an executable whose code signature holds `cms`, compressed as
/// Xcode stores it; without its profile when `profile` is false (as a store download).
fn ipa_with_executable(cms: &[u8], fat: bool, profile: bool) -> Vec<u8> {
    let source = fixture("distribution.ipa");
    let mut original = zip::ZipArchive::new(std::io::Cursor::new(source)).unwrap();
    let mut out = Vec::new();
    {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut executable_name = String::new();
        for i in 0..original.len() {
            let mut file = original.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            if (name.ends_with("embedded.mobileprovision") && !profile) || name.ends_with("/Beian")
            {
                continue;
            }
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut data).unwrap();
            if name.ends_with("Info.plist") {
                let mut info = plist::Value::from_reader(std::io::Cursor::new(&data)).unwrap();
                let dict = info.as_dictionary_mut().unwrap();
                dict.insert("CFBundleExecutable".into(), "Beian".into());
                data.clear();
                info.to_writer_binary(&mut data).unwrap();
                executable_name = name.replace("Info.plist", "Beian");
            }
            w.start_file(name, o).unwrap();
            w.write_all(&data).unwrap();
        }
        let exe = packages::macho::build_signed_executable(cms, fat);
        w.start_file(executable_name, o).unwrap();
        w.write_all(&exe).unwrap();
        w.finish().unwrap();
    }
    out
}

/// The certificate the app is signed with comes from its executable's code signature (the
/// CMS signer, here the fixture chain's leaf), not from the profile's list; a universal
/// binary is read through its first architecture; a store download without a profile is
/// still read; a damaged signature is refused.
#[test]
fn an_ipa_is_read_from_its_executables_code_signature() {
    let cms = fixture("hap-signature.p7b");
    let leaf = &expected()["hleaf"][1];
    for (fat, profile) in [(false, true), (true, true), (false, false)] {
        let r = packages::read_bytes(&ipa_with_executable(&cms, fat, profile)).unwrap();
        assert_eq!(r.package_name.as_deref(), Some("com.example.beian"));
        let proposed = r.proposed().unwrap();
        assert_eq!(proposed.scheme, packages::Scheme::CodeSignature);
        assert_eq!(
            &proposed.certificate.sha1(),
            leaf,
            "fat {fat}, profile {profile}"
        );
        assert_eq!(r.signers.len(), 1);
    }
    // An ad-hoc signature (no certificate) falls back to the profile.
    let adhoc = packages::read_bytes(&ipa_with_executable(b"", false, true)).unwrap();
    assert_eq!(adhoc.proposed().unwrap().scheme, packages::Scheme::Profile);
    assert_eq!(
        adhoc.proposed().unwrap().certificate.sha1(),
        expected()["dist"][1]
    );
    // A damaged signature leaves the profile to say; without a profile it is refused.
    let damaged = packages::read_bytes(&ipa_with_executable(b"junk", false, true)).unwrap();
    assert_eq!(
        damaged.proposed().unwrap().scheme,
        packages::Scheme::Profile
    );
    assert!(packages::read_bytes(&ipa_with_executable(b"junk", false, false)).is_err());
}

#[test]
fn a_provisioning_profile_alone_gives_the_bundle_id_and_certificate() {
    let r = read("distribution.mobileprovision");
    assert_eq!(r.platform, Some(Platform::Ios));
    assert_eq!(r.package_name.as_deref(), Some("com.example.beian"));
    assert_eq!(
        r.proposed().unwrap().certificate.sha1(),
        expected()["dist"][1]
    );
}

#[test]
fn a_harmony_certificate_chain_gives_its_leaf_not_its_first() {
    let r = read("harmony-app.cer");
    let e = &expected()["hleaf"];
    assert_eq!(r.proposed().unwrap().certificate.sha1(), e[1]);
    assert_eq!(r.proposed().unwrap().certificate.public_key(), e[3]);
}

/// A `.hap` as hap-sign-tool lays it out: the ZIP, with the signing block (sub-block
/// table, PKCS#7, 32-byte tail) just before the central directory.
fn hap(bundle: &str, magic_v3: bool) -> Vec<u8> {
    let mut zip_bytes = Vec::new();
    {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut zip_bytes));
        let o = zip::write::SimpleFileOptions::default();
        w.start_file("module.json", o).unwrap();
        let json = format!(
            r#"{{"app":{{"bundleName":"{bundle}","versionCode":1}},"module":{{"name":"entry"}}}}"#
        );
        w.write_all(json.as_bytes()).unwrap();
        w.start_file("ets/modules.abc", o).unwrap();
        w.write_all(&[7; 300]).unwrap();
        w.finish().unwrap();
    }
    let eocd = zip_bytes
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .unwrap();
    let cd = u32::from_le_bytes(zip_bytes[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    let pkcs7 = fixture("hap-signature.p7b");
    let mut block = Vec::new();
    let header_len = 12u32;
    block.extend_from_slice(&0x2000_0000u32.to_le_bytes());
    block.extend_from_slice(&(pkcs7.len() as u32).to_le_bytes());
    block.extend_from_slice(&header_len.to_le_bytes());
    block.extend_from_slice(&pkcs7);
    let size = (block.len() + 32) as u64;
    block.extend_from_slice(&1i32.to_le_bytes());
    block.extend_from_slice(&size.to_le_bytes());
    let magic: &[u8; 16] = if magic_v3 {
        b"<hap sign block>"
    } else {
        b"HAP Sig Block 42"
    };
    block.extend_from_slice(magic);
    block.extend_from_slice(&3i32.to_le_bytes());
    let mut out = zip_bytes[..cd].to_vec();
    out.extend_from_slice(&block);
    out.extend_from_slice(&zip_bytes[cd..]);
    let eocd = out.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let moved = (cd + block.len()) as u32;
    out[eocd + 16..eocd + 20].copy_from_slice(&moved.to_le_bytes());
    out
}

#[test]
fn a_hap_gives_its_bundle_name_and_the_leaf_of_its_signature() {
    for v3 in [true, false] {
        let r = packages::read_bytes(&hap("com.example.beian.harmony", v3)).unwrap();
        assert_eq!(r.platform, Some(Platform::Harmony));
        assert_eq!(r.package_name.as_deref(), Some("com.example.beian.harmony"));
        let c = &r.proposed().unwrap().certificate;
        assert_eq!(c.sha1(), expected()["hleaf"][1]);
        assert_eq!(
            PackageReading::fingerprint(c, Platform::Harmony),
            expected()["hleaf"][1]
        );
    }
}

#[test]
fn an_app_pack_is_read_through_its_entry_hap() {
    let inner = hap("com.example.pack", true);
    for method in [
        zip::CompressionMethod::Stored,
        zip::CompressionMethod::Deflated,
    ] {
        let mut bytes = Vec::new();
        {
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            let o = zip::write::SimpleFileOptions::default().compression_method(method);
            w.start_file("pack.info", o).unwrap();
            w.write_all(br#"{"summary":{"app":{"bundleName":"com.example.pack"}}}"#)
                .unwrap();
            w.start_file("entry-default.hap", o).unwrap();
            w.write_all(&inner).unwrap();
            w.finish().unwrap();
        }
        let r = packages::read_bytes(&bytes).unwrap();
        assert_eq!(
            r.package_name.as_deref(),
            Some("com.example.pack"),
            "{method:?}"
        );
        assert_eq!(
            r.proposed().unwrap().certificate.sha1(),
            expected()["hleaf"][1]
        );
    }
}

fn refused(bytes: &[u8]) -> PackageError {
    packages::read_bytes(bytes).expect_err("refused")
}

#[test]
fn bad_input_is_refused_with_a_plain_message() {
    let apk = fixture("v1v2v3.apk");
    // Truncated.
    for cut in [10, apk.len() / 2, apk.len() - 30] {
        let e = refused(&apk[..cut]);
        assert!(!e.user_message(beian_core::i18n::Locale::En).is_empty());
    }
    // A renamed PNG, an empty file, text.
    assert!(matches!(
        refused(b"\x89PNG\r\n\x1a\n0000"),
        PackageError::NotAPackage
    ));
    assert!(matches!(refused(b""), PackageError::NotAPackage));
    assert!(matches!(
        refused("备案".as_bytes()),
        PackageError::NotAPackage
    ));
    // A zip without a manifest.
    assert!(matches!(
        refused(&fixture("no-manifest.apk")),
        PackageError::NoManifest
    ));
    // A signing block whose size field lies.
    let mut lying = apk.clone();
    let eocd = lying.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let cd = u32::from_le_bytes(lying[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
    lying[cd - 24..cd - 16].copy_from_slice(&(u64::MAX - 3).to_le_bytes());
    assert!(
        matches!(refused(&lying), PackageError::Damaged { .. }),
        "{:?}",
        refused(&lying)
    );
    lying[cd - 24..cd - 16].copy_from_slice(&(cd as u64 * 2).to_le_bytes());
    assert!(matches!(refused(&lying), PackageError::Damaged { .. }));
    // A PKCS#7 with no certificate: a profile's signature stripped of its certificates
    // is not a certificate file either.
    let mut p7 = fixture("hap-signature.p7b");
    p7.truncate(40);
    assert!(packages::read_bytes(&p7).is_err());
}

#[test]
fn a_zip_bomb_manifest_stops_at_the_limit() {
    let mut bytes = Vec::new();
    {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("AndroidManifest.xml", o).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..8 {
            w.write_all(&zeros).unwrap();
        }
        w.finish().unwrap();
    }
    assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
    assert!(
        matches!(refused(&bytes), PackageError::TooLarge { .. }),
        "{:?}",
        refused(&bytes)
    );
}

#[test]
fn a_two_gigabyte_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.apk");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(2 << 30).unwrap();
    let started = std::time::Instant::now();
    assert!(matches!(
        packages::read_file(&path),
        Err(PackageError::NotAPackage)
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn certificate_times_are_read() {
    let r = read("release.pem");
    let c = &r.proposed().unwrap().certificate;
    let (from, to) = (c.not_before.unwrap(), c.not_after.unwrap());
    assert!(to - from > chrono::Duration::days(3600));
    // Expiry warnings follow the dates given.
    let late = Utc.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).unwrap();
    assert!(matches!(
        r.warnings(late, late)[..],
        [PackageWarning::Expired { .. }]
    ));
    let before = to - chrono::Duration::days(10);
    assert!(matches!(
        r.warnings(before, before + chrono::Duration::days(30))[..],
        [PackageWarning::ExpiresSoon { .. }]
    ));
}
