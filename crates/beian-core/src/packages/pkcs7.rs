//! PKCS#7 / CMS `SignedData` as packages carry it: an APK's v1 signature
//! (`META-INF/*.RSA|DSA|EC`), an iOS provisioning profile, a HarmonyOS signature. Gives the
//! certificates (with their DER exactly as stored: that is what is hashed), which of them
//! signed, and the signed content.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::{Decode, Encode};

use super::PackageError;
use super::cert::CertificateInfo;

/// What a `SignedData` holds.
pub(crate) struct Signed {
    /// Every certificate, in the order stored.
    pub certificates: Vec<CertificateInfo>,
    /// The index in `certificates` of the first signer's certificate, when it is there.
    pub signer: Option<usize>,
    /// The signed content, when it is inside (a profile's plist).
    pub content: Option<Vec<u8>>,
}

/// The DER of `cert` as it appears in `source`: the re-encoding, which is the same bytes
/// for DER input; located in `source` to be sure it is what was stored.
fn stored_der(cert: &x509_cert::Certificate, source: &[u8]) -> Result<Vec<u8>, PackageError> {
    let der = cert
        .to_der()
        .map_err(|e| PackageError::damaged("pkcs7", e))?;
    if source.windows(der.len()).any(|w| w == der.as_slice()) {
        Ok(der)
    } else {
        Err(PackageError::damaged(
            "pkcs7",
            "a certificate is not in DER",
        ))
    }
}

/// Reads a DER `ContentInfo` holding `SignedData`.
pub(crate) fn read(der: &[u8]) -> Result<Signed, PackageError> {
    let info = ContentInfo::from_der(der).map_err(|e| PackageError::damaged("pkcs7", e))?;
    let signed: SignedData = info
        .content
        .decode_as()
        .map_err(|e| PackageError::damaged("pkcs7", e))?;
    let mut parsed = Vec::new();
    for choice in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        if let CertificateChoices::Certificate(cert) = choice {
            let der = stored_der(cert, der)?;
            parsed.push((cert.clone(), CertificateInfo::from_parsed(cert, der)));
        }
    }
    if parsed.is_empty() {
        return Err(PackageError::NoCertificate);
    }
    let signer = signed
        .signer_infos
        .0
        .iter()
        .next()
        .and_then(|info| match &info.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => parsed.iter().position(|(c, _)| {
                c.tbs_certificate.issuer == id.issuer
                    && c.tbs_certificate.serial_number == id.serial_number
            }),
            SignerIdentifier::SubjectKeyIdentifier(_) => None,
        });
    let content = signed
        .encap_content_info
        .econtent
        .as_ref()
        .and_then(|any| any.decode_as::<der::asn1::OctetString>().ok())
        .map(|octets| octets.into_bytes());
    Ok(Signed {
        certificates: parsed.into_iter().map(|(_, info)| info).collect(),
        signer,
        content,
    })
}

/// The end-entity certificate of a chain: the signer's when known, else the one that is
/// not a certificate authority and issued no other certificate in the set.
pub(crate) fn end_entity(signed: &Signed) -> Option<&CertificateInfo> {
    if let Some(cert) = signed.signer.and_then(|i| signed.certificates.get(i)) {
        return Some(cert);
    }
    let issuers: Vec<&str> = signed
        .certificates
        .iter()
        .filter(|c| c.issuer != c.subject)
        .map(|c| c.issuer.as_str())
        .collect();
    signed
        .certificates
        .iter()
        .find(|c| !c.is_ca && !issuers.contains(&c.subject.as_str()))
        .or_else(|| signed.certificates.iter().find(|c| !c.is_ca))
}
