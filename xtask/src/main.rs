//! Set-up and test tasks, so that a newcomer needs only cargo:
//!
//! - `cargo xtask run [ARGS]`: install what is missing, then `cargo run --release -- ARGS`.
//! - `cargo xtask test`: install what is missing, then `cargo test` (every test, and on
//!   Linux the snapshots), with the interoperability tests required to find `minisign` and
//!   `bagit.py` where set-up installed them.
//! - `cargo xtask snapshots [--update]`: only the snapshots: render every screen to PNG and
//!   compare with `tests/snapshots/` (needs a Vulkan or GL driver; Mesa's lavapipe, which
//!   set-up installs on Debian and Ubuntu, works headless); `--update` draws them again
//!   and stores them compressed.
//! - `cargo xtask setup`: only install what is missing.
//! - `cargo xtask assets --check | --update`: the committed asset files against
//!   `assets/SHA256SUMS` (see `assets.rs`).
//! - `cargo xtask fuzz [TARGET] [--time S] [--runs N] [--asan]`: the fuzz targets in
//!   `fuzz/` (cargo fuzz and a nightly toolchain; see `fuzz.rs`), each a million executions
//!   or 20 minutes unless told, without a sanitizer unless `--asan`.
//! - `cargo xtask package [--check]`: the Debian package (release), or the CI check of
//!   the package (see `package.rs`).
//!
//! On Debian and Ubuntu the system packages below are installed with apt-get when absent
//! (as root, or through sudo). Windows and macOS need nothing beyond Rust.

mod assets;
mod fuzz;
mod package;

use std::process::{Command, ExitCode};

/// Debian packages: a C toolchain for crates that build C, libclang and nasm for the camera
/// backend's bindings and its fast JPEG decoder, Mesa's software renderers for headless
/// snapshots, and the reference tools the interoperability tests run.
const DEBIAN_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libclang-dev",
    "nasm",
    "libgl1-mesa-dri",
    "libegl1",
    "libvulkan1",
    "mesa-vulkan-drivers",
    "minisign",
    "poppler-utils",
    "qpdf",
    "unzip",
    "python3-venv",
];

/// Where `bagit.py` is installed (a virtual environment, pinned by hash).
fn tools_dir() -> std::path::PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| ".".into(), std::path::PathBuf::from);
    home.join(".cache").join("beian").join("tools")
}

/// The `bagit.py` of the tools folder, when it is installed.
fn bagit_py() -> std::path::PathBuf {
    tools_dir().join("bagit-venv").join("bin").join("bagit.py")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match task {
        "setup" => setup(),
        "run" => setup().and_then(|()| {
            cargo(&[&["run", "--release", "--"], as_strs(rest).as_slice()].concat())
        }),
        "test" => setup().and_then(|()| test(rest)),
        "snapshots" => setup().and_then(|()| snapshots(rest)),
        "assets" => assets::run(rest),
        "fuzz" => fuzz::run(rest),
        "package" => package::run_task(rest),
        _ => {
            eprintln!(
                "usage: cargo xtask run [ARGS] | test [ARGS] | snapshots [--update] | setup \
                 | assets --check|--update | fuzz [TARGET] [--time S] [--runs N] [--asan] | package [--check]"
            );
            return if task == "help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Runs a command to its end; an error says what failed.
fn run(command: &mut Command) -> Result<(), String> {
    let what = command.get_program().to_string_lossy().into_owned();
    let status = command
        .status()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        let args: Vec<String> = command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        Err(format!("{what} {} failed ({status})", args.join(" ")))
    }
}

/// `cargo` (the one running xtask).
fn cargo_command() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

fn cargo(args: &[&str]) -> Result<(), String> {
    run(cargo_command().args(args))
}

/// Runs every test. Where set-up installed the reference tools (Debian, Ubuntu), the
/// interoperability tests must find them rather than skip.
fn test(rest: &[String]) -> Result<(), String> {
    if rest.iter().any(|a| a == "--slow") {
        // The opt-in timing checks (tests/slow/), in their own binary.
        let mut command = cargo_command();
        command.args(["test", "--features", "slow-tests", "--test", "slow"]);
        command.args(rest.iter().filter(|a| *a != "--slow"));
        return run(&mut command);
    }
    let mut command = cargo_command();
    command.args(["test", "--workspace"]);
    // The snapshot feature renders every screen with wgpu and compares it with the
    // committed pictures, which Mesa's software renderer drew on Linux (set-up installs
    // it); other systems render with other rasterisers, so they run the layout checks
    // (tests/ui/layout.rs) without the pixel comparison.
    if cfg!(target_os = "linux") {
        command.args(["--features", "snapshot"]);
    }
    command.args(rest);
    if bagit_py().exists() {
        command
            .env("BEIAN_BAGIT_PY", bagit_py())
            .env("BEIAN_REQUIRE_INTEROP", "1");
    }
    run(&mut command)
}

fn snapshots(rest: &[String]) -> Result<(), String> {
    let mut command = cargo_command();
    command.args(["test", "--features", "snapshot", "--test", "snapshots"]);
    let update = rest.iter().any(|a| a == "--update");
    if update {
        command.env("UPDATE_SNAPSHOTS", "1");
    }
    run(&mut command)?;
    if update {
        compress_snapshots()?;
    }
    Ok(())
}

/// Writes every committed snapshot picture again at the best PNG compression (the pixels
/// are the same; the comparison decodes them), so that the pictures stay small in git.
fn compress_snapshots() -> Result<(), String> {
    use image::ImageEncoder as _;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let dir = assets::repository_root().join("tests").join("snapshots");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let (mut before, mut after) = (0u64, 0u64);
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.to_string_lossy();
        if !name.ends_with(".png") || name.ends_with(".new.png") || name.ends_with(".diff.png") {
            continue;
        }
        let picture = image::open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .to_rgba8();
        let mut bytes = Vec::new();
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, FilterType::Adaptive)
            .write_image(
                picture.as_raw(),
                picture.width(),
                picture.height(),
                image::ExtendedColorType::Rgba8,
            )
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let old = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        before += old;
        if (bytes.len() as u64) < old {
            std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            after += bytes.len() as u64;
        } else {
            after += old;
        }
    }
    eprintln!(
        "xtask: snapshots compressed from {} KB to {} KB",
        before / 1024,
        after / 1024
    );
    Ok(())
}

/// Installs missing Debian/Ubuntu packages; elsewhere there is nothing to install.
fn setup() -> Result<(), String> {
    if !cfg!(target_os = "linux") || !std::path::Path::new("/usr/bin/dpkg-query").exists() {
        return Ok(());
    }
    install_packages()?;
    install_bagit()
}

/// Installs bagit-python into its own virtual environment, from PyPI, pinned by hash.
fn install_bagit() -> Result<(), String> {
    if bagit_py().exists() {
        return Ok(());
    }
    let venv = tools_dir().join("bagit-venv");
    eprintln!("xtask: installing bagit.py into {}", venv.display());
    run(Command::new("/usr/bin/python3")
        .args(["-m", "venv"])
        .arg(&venv))?;
    let requirements = assets::repository_root()
        .join("xtask")
        .join("bagit-requirements.txt");
    run(Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", "--require-hashes", "-r"])
        .arg(&requirements))
}

fn install_packages() -> Result<(), String> {
    let missing: Vec<&str> = DEBIAN_PACKAGES
        .iter()
        .copied()
        .filter(|p| !is_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {}", missing.join(" "));
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| -> Result<(), String> {
        let mut command = if is_root {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        run(command.args(args).env("DEBIAN_FRONTEND", "noninteractive"))
    };
    apt(&["update", "-qq"])?;
    apt(&[
        &["install", "-y", "-qq", "--no-install-recommends"],
        missing.as_slice(),
    ]
    .concat())
}

fn is_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}
