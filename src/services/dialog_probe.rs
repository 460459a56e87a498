//! Whether the system has a file dialog. On Windows and macOS it always has. On Linux and
//! the BSDs rfd uses the desktop portal's FileChooser over the session D-Bus, else
//! `zenity`; with neither it answers "cancelled" without showing anything. The check runs
//! once, on a named thread, with short D-Bus timeouts; `BEIAN_FILE_DIALOG=builtin|system`
//! decides instead.

use std::time::Duration;

/// The environment variable that chooses the file dialog: `builtin` or `system`.
pub const ENV_VAR: &str = "BEIAN_FILE_DIALOG";

/// How long one D-Bus call of the check may take.
pub const DBUS_TIMEOUT: Duration = Duration::from_millis(1500);

/// Which file dialog beian uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The operating system's (rfd).
    System,
    /// beian's own picker, drawn in the window.
    BuiltIn,
}

/// The choice of `BEIAN_FILE_DIALOG` (`builtin` or `system`, any case); anything else is
/// no choice.
pub fn from_env_value(value: Option<&str>) -> Option<Backend> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        Some("builtin" | "built-in" | "internal") => Some(Backend::BuiltIn),
        Some("system" | "native") => Some(Backend::System),
        Some("") | None => None,
        Some(_) => {
            log::warn!("{ENV_VAR} is neither \"builtin\" nor \"system\"; ignored");
            None
        }
    }
}

/// The choice made by the environment, if any.
pub fn from_env() -> Option<Backend> {
    from_env_value(std::env::var(ENV_VAR).ok().as_deref())
}

/// Whether an executable named `program` is in one of the folders of `path` (a `PATH`
/// value).
pub fn on_path(program: &str, path: Option<&std::ffi::OsStr>) -> bool {
    path.is_some_and(|path| {
        std::env::split_paths(path).any(|dir| {
            let candidate = dir.join(program);
            is_executable(&candidate)
        })
    })
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &std::path::Path) -> bool {
    path.is_file()
}

/// Checks the system (blocking: D-Bus calls with [`DBUS_TIMEOUT`]); run it on a thread.
pub fn probe() -> Backend {
    if system_dialog_exists() {
        Backend::System
    } else {
        Backend::BuiltIn
    }
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn system_dialog_exists() -> bool {
    if on_path("zenity", std::env::var_os("PATH").as_deref()) {
        return true;
    }
    let found = zbus::connection::Builder::session()
        .map(|bus| pollster::block_on(portal_file_chooser(bus)));
    match found.and_then(|f| f) {
        Ok(found) => found,
        Err(err) => {
            log::info!("no desktop portal on the session bus: {err}");
            false
        }
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
fn system_dialog_exists() -> bool {
    true
}

/// The desktop portal's bus name.
pub const PORTAL: &str = "org.freedesktop.portal.Desktop";

/// Whether the session bus has the desktop portal (running or activatable) and it offers
/// the FileChooser interface.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
async fn portal_file_chooser(bus: zbus::connection::Builder<'_>) -> zbus::Result<bool> {
    let conn = bus.method_timeout(DBUS_TIMEOUT).build().await?;
    let dbus = zbus::fdo::DBusProxy::new(&conn).await?;
    let name = zbus::names::BusName::try_from(PORTAL)?;
    let owned = dbus.name_has_owner(name).await?;
    let activatable = owned
        || dbus
            .list_activatable_names()
            .await?
            .iter()
            .any(|n| n.as_str() == PORTAL);
    if !activatable {
        return Ok(false);
    }
    let properties = zbus::fdo::PropertiesProxy::builder(&conn)
        .destination(PORTAL)?
        .path("/org/freedesktop/portal/desktop")?
        .build()
        .await?;
    let interface = zbus::names::InterfaceName::try_from("org.freedesktop.portal.FileChooser")?;
    match properties.get(interface, "version").await {
        Ok(_) => Ok(true),
        // Not running yet: the bus is starting it, which can take longer than the check
        // waits. It is there; rfd waits for it.
        Err(zbus::fdo::Error::ZBus(zbus::Error::InputOutput(err)))
            if !owned && err.kind() == std::io::ErrorKind::TimedOut =>
        {
            log::info!("the desktop portal is still starting; using it");
            Ok(true)
        }
        Err(err) => {
            log::info!("the desktop portal has no file chooser: {err}");
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_decides_when_set() {
        assert_eq!(from_env_value(Some("builtin")), Some(Backend::BuiltIn));
        assert_eq!(from_env_value(Some(" BuiltIn ")), Some(Backend::BuiltIn));
        assert_eq!(from_env_value(Some("system")), Some(Backend::System));
        assert_eq!(from_env_value(Some("")), None);
        assert_eq!(from_env_value(Some("gtk")), None);
        assert_eq!(from_env_value(None), None);
    }

    #[cfg(unix)]
    #[test]
    fn finds_executables_on_path_only() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("zenity");
        std::fs::write(&program, b"#!/bin/sh\n").unwrap();
        let path = std::env::join_paths([dir.path()]).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(!on_path("zenity", Some(&path)));
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(on_path("zenity", Some(&path)));
        assert!(!on_path("kdialog", Some(&path)));
        assert!(!on_path("zenity", None));
    }

    #[test]
    fn the_check_answers_within_its_timeouts() {
        // Whatever this machine has (a bus, a portal, zenity or none), the check ends.
        let started = std::time::Instant::now();
        let backend = probe();
        let took = started.elapsed();
        assert!(took < DBUS_TIMEOUT * 4, "{backend:?} after {took:?}");
    }

    /// A private bus (`dbus-daemon`), or none when it is not installed.
    #[cfg(target_os = "linux")]
    struct Bus {
        daemon: std::process::Child,
        address: String,
        _dir: tempfile::TempDir,
    }

    #[cfg(target_os = "linux")]
    impl Bus {
        fn start() -> Option<Bus> {
            use std::io::BufRead as _;
            let dir = tempfile::tempdir().unwrap();
            let listen = format!("unix:path={}", dir.path().join("bus").display());
            let mut daemon = std::process::Command::new("dbus-daemon")
                .args([
                    "--session",
                    "--nofork",
                    "--print-address=1",
                    "--address",
                    &listen,
                ])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .ok()?;
            let mut line = String::new();
            let stdout = daemon.stdout.take()?;
            std::io::BufReader::new(stdout).read_line(&mut line).ok()?;
            Some(Bus {
                daemon,
                address: line.trim().to_owned(),
                _dir: dir,
            })
        }

        fn check(&self) -> zbus::Result<bool> {
            let bus = zbus::connection::Builder::address(self.address.as_str())?;
            pollster::block_on(portal_file_chooser(bus))
        }
    }

    #[cfg(target_os = "linux")]
    impl Drop for Bus {
        fn drop(&mut self) {
            if self.daemon.kill().is_ok() {
                let _reaped = self.daemon.wait();
            }
        }
    }

    #[cfg(target_os = "linux")]
    struct FakeChooser;

    #[cfg(target_os = "linux")]
    #[zbus::interface(name = "org.freedesktop.portal.FileChooser")]
    impl FakeChooser {
        // The portal's property is "version", in lower case.
        #[zbus(property, name = "version")]
        fn version(&self) -> u32 {
            4
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_bus_without_a_portal_has_no_file_chooser_and_one_with_it_has() {
        let Some(bus) = Bus::start() else {
            eprintln!("dbus-daemon is not installed; the D-Bus check is not exercised");
            return;
        };
        let started = std::time::Instant::now();
        assert!(!bus.check().unwrap(), "nobody owns the portal's name");
        assert!(started.elapsed() < DBUS_TIMEOUT * 2);

        // The portal's name, without the file chooser.
        let bare = pollster::block_on(async {
            zbus::connection::Builder::address(bus.address.as_str())?
                .name(PORTAL)?
                .build()
                .await
        })
        .unwrap();
        // (that connection serves no objects, so the question times out: no file chooser)
        assert!(!bus.check().unwrap(), "a portal without a file chooser");
        drop(bare);

        let _portal = pollster::block_on(async {
            zbus::connection::Builder::address(bus.address.as_str())?
                .name(PORTAL)?
                .serve_at("/org/freedesktop/portal/desktop", FakeChooser)?
                .build()
                .await
        })
        .unwrap();
        assert!(bus.check().unwrap(), "the portal with its file chooser");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn no_bus_is_an_error_not_a_hang() {
        let started = std::time::Instant::now();
        let bus = zbus::connection::Builder::address("unix:path=/nonexistent/beian-bus").unwrap();
        assert!(pollster::block_on(portal_file_chooser(bus)).is_err());
        assert!(started.elapsed() < DBUS_TIMEOUT * 2);
    }
}
