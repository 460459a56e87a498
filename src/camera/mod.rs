//! Cameras behind a small trait: the real webcam (nokhwa, one capture thread owns it) and a
//! file-backed camera that plays one image or a folder of images, so a help desk can
//! demonstrate the step without a webcam and every test runs the same pipeline as a real
//! camera. [`worker`] runs capture and analysis on named threads.

pub mod file;
pub mod native;
pub mod worker;

use image::RgbImage;

/// Why a camera cannot give frames.
#[derive(Clone, Debug, thiserror::Error)]
pub enum CameraError {
    /// No camera is connected.
    #[error("no camera found")]
    NoCamera,
    /// The operating system refused access (privacy settings).
    #[error("permission to use the camera was denied")]
    PermissionDenied,
    /// The camera stopped giving frames (unplugged, taken by another program).
    #[error("the camera stopped: {0}")]
    Disconnected(#[source] crate::cause::Cause),
    /// The camera could not be opened.
    #[error("the camera could not be opened: {0}")]
    Open(#[source] crate::cause::Cause),
    /// A file camera has no readable images.
    #[error("no readable images in {0}")]
    NoImages(String),
}

impl CameraError {
    /// The message in `locale`.
    pub fn user_message(&self, locale: crate::i18n::Locale) -> String {
        let (key, detail) = match self {
            CameraError::NoCamera => ("camera.error.none", String::new()),
            CameraError::PermissionDenied => ("camera.error.permission", String::new()),
            CameraError::Disconnected(d) => ("camera.error.disconnected", d.to_string()),
            CameraError::Open(d) => ("camera.error.open", d.to_string()),
            CameraError::NoImages(d) => ("camera.error.no_images", d.clone()),
        };
        crate::i18n::tf(locale, key, &[("detail", &detail)])
    }
}

impl crate::jobs::AppError for CameraError {
    fn user_message(&self, locale: crate::i18n::Locale) -> String {
        CameraError::user_message(self, locale)
    }

    fn kind(&self) -> &'static str {
        "camera"
    }
}

impl From<CameraError> for crate::jobs::JobError {
    fn from(e: CameraError) -> Self {
        crate::jobs::JobError::App(std::sync::Arc::new(e))
    }
}

/// A source of frames, created and used on one thread (platform camera handles must stay
/// on the thread that opened them).
pub trait Camera {
    /// Starts the stream.
    fn open(&mut self) -> Result<(), CameraError>;
    /// The next frame, waiting for it at most a frame time.
    fn frame(&mut self) -> Result<RgbImage, CameraError>;
    /// Frames per second the source aims at.
    fn fps(&self) -> u32;
}

/// Which camera to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CameraChoice {
    /// A webcam, by its index in [`native::list`].
    Native(u32),
    /// An image file or a folder of images, played in a loop.
    File(std::path::PathBuf),
    /// The demonstration frames shipped with beian (a person moving into place).
    Demo,
}

/// Opens the chosen camera.
pub fn open(choice: &CameraChoice) -> Result<Box<dyn Camera>, CameraError> {
    let mut camera: Box<dyn Camera> = match choice {
        CameraChoice::Native(index) => Box::new(native::NativeCamera::new(*index)),
        CameraChoice::File(path) => Box::new(file::FileCamera::new(path, 15)?),
        CameraChoice::Demo => Box::new(file::FileCamera::demo(10)?),
    };
    camera.open()?;
    Ok(camera)
}
