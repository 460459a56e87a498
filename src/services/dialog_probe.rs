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
    match pollster::block_on(portal_file_chooser()) {
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

/// Whether the session bus has the desktop portal (running or activatable) and it offers
/// the FileChooser interface.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
async fn portal_file_chooser() -> zbus::Result<bool> {
    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    let conn = zbus::connection::Builder::session()?
        .method_timeout(DBUS_TIMEOUT)
        .build()
        .await?;
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
}
