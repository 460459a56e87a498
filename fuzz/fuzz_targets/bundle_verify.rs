//! Arbitrary bytes as a received bundle: verification never panics and never passes.
#![no_main]

use std::io::Write as _;
use std::sync::OnceLock;

use beian::bundle::{TrustedKeys, verify};
use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::path::Path::new("/dev/shm");
        let made = if base.is_dir() {
            tempfile::tempdir_in(base)
        } else {
            tempfile::tempdir()
        };
        made.expect("scratch folder")
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    let path = scratch().join("bundle.zip");
    let mut file = std::fs::File::create(&path).expect("scratch file");
    file.write_all(data).expect("scratch write");
    drop(file);
    let v = verify(&path, &TrustedKeys::default());
    // Bytes nobody signed with a trusted key are never a valid bundle.
    assert!(
        !v.is_trusted(),
        "bytes signed by no trusted key verified as trusted"
    );
});
