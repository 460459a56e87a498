//! One X.509 certificate as an app filing needs it: the fingerprints the consoles ask for
//! (MD5 for Android, SHA-1 for iOS and HarmonyOS, of the whole certificate's DER), who it
//! names, how long it is valid, and its public key in every rendering the providers use.

use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use md5::Md5;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use x509_cert::Certificate;

use super::PackageError;

/// rsaEncryption.
const RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey.
const EC: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// basicConstraints.
const BASIC_CONSTRAINTS: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.19");

/// PKCS#1 `RSAPublicKey`.
#[derive(der::Sequence)]
struct RsaPublicKey<'a> {
    modulus: der::asn1::UintRef<'a>,
    public_exponent: der::asn1::UintRef<'a>,
}

/// The kind of a public key and what identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA: the modulus (big-endian, no leading zero) and the exponent.
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    /// Elliptic curve: the point as stored, `04‖X‖Y` when uncompressed.
    Ec { point: Vec<u8> },
    /// Another algorithm, by its OID.
    Other { algorithm: String },
}

/// A way of writing a public key that some provider's form uses
/// (`../shared/domain/app-filing.md` §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyRendering {
    /// The RSA modulus in upper-case hex: beian's default for RSA keys.
    ModulusHex,
    /// The RSA modulus in decimal, as jadx shows it.
    ModulusDecimal,
    /// The EC point `04‖X‖Y` in upper-case hex: the default for EC keys.
    EcPoint,
    /// The PKCS#1 `RSAPublicKey` DER in hex (Windows' certificate viewer).
    Pkcs1Hex,
    /// The SubjectPublicKeyInfo DER in hex.
    SpkiHex,
    /// The SubjectPublicKeyInfo DER in base64, one line.
    SpkiBase64,
}

impl KeyRendering {
    /// The stable key: names the rendering in the CLI's JSON and the i18n tables.
    pub fn key(self) -> &'static str {
        match self {
            KeyRendering::ModulusHex => "modulus_hex",
            KeyRendering::ModulusDecimal => "modulus_decimal",
            KeyRendering::EcPoint => "ec_point",
            KeyRendering::Pkcs1Hex => "pkcs1_hex",
            KeyRendering::SpkiHex => "spki_hex",
            KeyRendering::SpkiBase64 => "spki_base64",
        }
    }
}

/// A certificate read from a package or a certificate file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The certificate's DER, kept as evidence.
    pub der: Vec<u8>,
    /// Subject, RFC 4514 (`CN=…,O=…`).
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Valid from.
    pub not_before: Option<DateTime<Utc>>,
    /// Valid until.
    pub not_after: Option<DateTime<Utc>>,
    /// Whether it says it is a certificate authority (basicConstraints cA).
    pub is_ca: bool,
    /// The public key.
    pub key: KeyKind,
    /// The SubjectPublicKeyInfo DER.
    pub spki: Vec<u8>,
}

/// Upper-case hex without separators.
pub fn upper_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// A big-endian unsigned number in decimal.
pub fn decimal(bytes: &[u8]) -> String {
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = Vec::new(); // base 10^9, least significant first
    for &byte in bytes {
        let mut carry = u64::from(byte);
        for limb in &mut limbs {
            let value = *limb * 256 + carry;
            *limb = value % BASE;
            carry = value / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut out = match limbs.last() {
        Some(top) => top.to_string(),
        None => return "0".to_owned(),
    };
    for limb in limbs.iter().rev().skip(1) {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

fn time(t: &x509_cert::time::Time) -> Option<DateTime<Utc>> {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).ok()?;
    DateTime::from_timestamp(secs, 0)
}

impl CertificateInfo {
    /// Reads one DER certificate. `der` is kept as given: its hashes are the fingerprints.
    pub fn from_der(der: &[u8]) -> Result<CertificateInfo, PackageError> {
        let cert =
            Certificate::from_der(der).map_err(|e| PackageError::damaged("certificate", e))?;
        Ok(Self::from_parsed(&cert, der.to_vec()))
    }

    /// The information of a parsed certificate whose DER is `der`.
    pub(crate) fn from_parsed(cert: &Certificate, der: Vec<u8>) -> CertificateInfo {
        let tbs = &cert.tbs_certificate;
        let spki = &tbs.subject_public_key_info;
        let raw = spki.subject_public_key.raw_bytes();
        let key = if spki.algorithm.oid == RSA {
            match RsaPublicKey::from_der(raw) {
                Ok(k) => KeyKind::Rsa {
                    modulus: k.modulus.as_bytes().to_vec(),
                    exponent: k.public_exponent.as_bytes().to_vec(),
                },
                Err(_) => KeyKind::Other {
                    algorithm: spki.algorithm.oid.to_string(),
                },
            }
        } else if spki.algorithm.oid == EC {
            KeyKind::Ec {
                point: raw.to_vec(),
            }
        } else {
            KeyKind::Other {
                algorithm: spki.algorithm.oid.to_string(),
            }
        };
        let is_ca = tbs.extensions.iter().flatten().any(|ext| {
            ext.extn_id == BASIC_CONSTRAINTS
                && x509_cert::ext::pkix::BasicConstraints::from_der(ext.extn_value.as_bytes())
                    .is_ok_and(|bc| bc.ca)
        });
        CertificateInfo {
            subject: tbs.subject.to_string(),
            issuer: tbs.issuer.to_string(),
            not_before: time(&tbs.validity.not_before),
            not_after: time(&tbs.validity.not_after),
            is_ca,
            key,
            spki: spki.to_der().unwrap_or_default(),
            der,
        }
    }

    /// MD5 of the certificate's DER, upper-case hex (32): Android's 签名MD5值.
    pub fn md5(&self) -> String {
        upper_hex(&Md5::digest(&self.der))
    }

    /// SHA-1 of the certificate's DER, upper-case hex (40): the value for iOS and
    /// HarmonyOS.
    pub fn sha1(&self) -> String {
        upper_hex(&Sha1::digest(&self.der))
    }

    /// SHA-256 of the certificate's DER, upper-case hex (64).
    pub fn sha256(&self) -> String {
        upper_hex(&Sha256::digest(&self.der))
    }

    /// The renderings of the public key this certificate has, the default first.
    pub fn renderings(&self) -> Vec<(KeyRendering, String)> {
        let spki_hex = (KeyRendering::SpkiHex, upper_hex(&self.spki));
        let spki_base64 = (KeyRendering::SpkiBase64, base64(&self.spki));
        match &self.key {
            KeyKind::Rsa { modulus, .. } => {
                let pkcs1 = x509_cert::Certificate::from_der(&self.der)
                    .map(|c| {
                        upper_hex(
                            c.tbs_certificate
                                .subject_public_key_info
                                .subject_public_key
                                .raw_bytes(),
                        )
                    })
                    .unwrap_or_default();
                vec![
                    (KeyRendering::ModulusHex, upper_hex(modulus)),
                    (KeyRendering::ModulusDecimal, decimal(modulus)),
                    (KeyRendering::Pkcs1Hex, pkcs1),
                    spki_hex,
                    spki_base64,
                ]
            }
            KeyKind::Ec { point } => vec![
                (KeyRendering::EcPoint, upper_hex(point)),
                spki_hex,
                spki_base64,
            ],
            KeyKind::Other { .. } => vec![spki_hex, spki_base64],
        }
    }

    /// The default rendering of the public key (the first of [`Self::renderings`]).
    pub fn public_key(&self) -> String {
        self.renderings()
            .into_iter()
            .next()
            .map(|(_, v)| v)
            .unwrap_or_default()
    }

    /// The subject's common name, when it has one.
    pub fn common_name(&self) -> Option<&str> {
        common_name(&self.subject)
    }
}

/// The common name (`CN=`) of an RFC 4514 name such as a certificate's subject.
pub fn common_name(name: &str) -> Option<&str> {
    name.split(',')
        .find_map(|part| part.trim().strip_prefix("CN="))
}

/// Standard base64 with padding, one line.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 decoded (padding optional); `None` for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let bytes = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let take = match chunk.len() {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => return None,
        };
        out.extend_from_slice(&n.to_be_bytes()[1..=take]);
    }
    Some(out)
}

/// A fingerprint or key as typed: any case, with `:`, spaces or line breaks; normalised to
/// upper-case hex without separators. `None` when something other than hex remains.
pub fn normalize_hex(typed: &str) -> Option<String> {
    let cleaned: String = typed
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '\t' | '\n' | '\r' | '-'))
        .collect();
    (!cleaned.is_empty() && cleaned.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| cleaned.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_conversion() {
        assert_eq!(decimal(&[]), "0");
        assert_eq!(decimal(&[0xff]), "255");
        assert_eq!(decimal(&[0x01, 0x00, 0x00, 0x00, 0x00]), "4294967296");
        assert_eq!(
            decimal(&[0x0d, 0xe0, 0xb6, 0xb3, 0xa7, 0x64, 0x00, 0x00]),
            "1000000000000000000"
        );
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn typed_fingerprints_are_normalised() {
        assert_eq!(normalize_hex("ab:cd:EF 01").as_deref(), Some("ABCDEF01"));
        assert_eq!(normalize_hex("xyz"), None);
        assert_eq!(normalize_hex(" : "), None);
    }
}
