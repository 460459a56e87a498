//! App package reading on arbitrary bytes: ZIP end records, the APK and HAP signing
//! blocks, binary manifests, plists, Mach-O code signatures, PKCS#7 and certificates, PEM. Must never panic,
//! hang or allocate beyond the read limits; whatever is read renders every way.
#![no_main]

use beian::packages;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = packages::read_bytes(data) {
        for signer in &reading.signers {
            let c = &signer.certificate;
            let _ = (c.md5(), c.sha1(), c.sha256(), c.renderings(), c.common_name());
        }
        let now = chrono::Utc::now();
        let _ = reading.warnings(now, now);
    }
    let _ = packages::macho::executable_certificates(data);
});
