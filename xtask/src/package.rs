//! `cargo xtask package [--check]`: the Debian package.
//!
//! - `cargo xtask package [ARGS]`: installs cargo-deb (the pinned version) when missing,
//!   then `cargo deb --locked ARGS`: a release build and `target/debian/beian_*.deb`, the
//!   package users install.
//! - `cargo xtask package --check`: `packaging/linux/check-deb.sh`, what `.ci/run` does:
//!   the dev build packaged, installed with dpkg, run, validated and removed.
//!
//! Windows and macOS installers are made with `cargo packager` on those systems (README,
//! "Packages").

use std::process::Command;

use crate::{as_strs, assets, cargo, run};

/// The cargo-deb release the packaging is written for (also in `check-deb.sh`).
pub const CARGO_DEB_VERSION: &str = "3.8.0";

/// Runs the task.
pub fn run_task(rest: &[String]) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err(
            "the Debian package is built on Linux; on Windows and macOS use \
                    `cargo packager` (README, \"Packages\")"
                .to_owned(),
        );
    }
    if rest.iter().any(|a| a == "--check") {
        let script = assets::repository_root()
            .join("packaging")
            .join("linux")
            .join("check-deb.sh");
        return run(Command::new("bash").arg(script));
    }
    install_cargo_deb()?;
    cargo(&[&["deb", "--locked"], as_strs(rest).as_slice()].concat())
}

/// Installs cargo-deb unless `cargo deb --version` prints the pinned version
/// (`cargo-deb 3.8.0`).
fn install_cargo_deb() -> Result<(), String> {
    let installed = crate::cargo_command()
        .args(["deb", "--version"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    if installed == format!("cargo-deb {CARGO_DEB_VERSION}") {
        return Ok(());
    }
    eprintln!("xtask: installing cargo-deb {CARGO_DEB_VERSION}");
    run(crate::cargo_command()
        .args([
            "install",
            "cargo-deb",
            "--locked",
            "--version",
            CARGO_DEB_VERSION,
        ])
        .env_remove("CARGO_TARGET_DIR"))
}
