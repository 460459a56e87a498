//! The webcam through nokhwa 0.10: a plain `Camera` owned by the capture thread (never
//! nokhwa's threaded `CallbackCamera`, which deadlocks on stop on Windows), asking for
//! about 1280×720 MJPEG explicitly (the highest resolution can hang on macOS), falling
//! back to 640×480 and then to whatever the camera offers.

use image::RgbImage;

use super::{Camera, CameraError};

/// A webcam known to the system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraInfo {
    /// Its index for [`NativeCamera::new`].
    pub index: u32,
    /// Its name as the system reports it.
    pub name: String,
}

/// The webcams connected now (empty without the `webcam` feature or without cameras).
pub fn list() -> Result<Vec<CameraInfo>, CameraError> {
    #[cfg(feature = "webcam")]
    {
        let Some(backend) = nokhwa::native_api_backend() else {
            return Ok(Vec::new());
        };
        let cameras =
            nokhwa::query(backend).map_err(|e| CameraError::Open(crate::cause::cause(e)))?;
        Ok(cameras
            .iter()
            .enumerate()
            .map(|(i, c)| CameraInfo {
                index: match c.index() {
                    nokhwa::utils::CameraIndex::Index(n) => *n,
                    nokhwa::utils::CameraIndex::String(_) => u32::try_from(i).unwrap_or(0),
                },
                name: c.human_name(),
            })
            .collect())
    }
    #[cfg(not(feature = "webcam"))]
    {
        Ok(Vec::new())
    }
}

/// A webcam, opened on the thread that uses it.
pub struct NativeCamera {
    index: u32,
    #[cfg(feature = "webcam")]
    inner: Option<nokhwa::Camera>,
}

impl NativeCamera {
    /// The webcam with this index (opened by [`Camera::open`]).
    pub fn new(index: u32) -> NativeCamera {
        NativeCamera {
            index,
            #[cfg(feature = "webcam")]
            inner: None,
        }
    }
}

#[cfg(feature = "webcam")]
fn classify(err: nokhwa::NokhwaError) -> CameraError {
    let lower = err.to_string().to_lowercase();
    if lower.contains("permission") || lower.contains("denied") || lower.contains("not authorized")
    {
        CameraError::PermissionDenied
    } else {
        CameraError::Open(crate::cause::cause(err))
    }
}

impl Camera for NativeCamera {
    #[cfg(feature = "webcam")]
    fn open(&mut self) -> Result<(), CameraError> {
        use nokhwa::pixel_format::RgbFormat;
        use nokhwa::utils::{
            CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
            Resolution,
        };
        if list()?.is_empty() {
            return Err(CameraError::NoCamera);
        }
        let attempts = [
            RequestedFormatType::Closest(CameraFormat::new(
                Resolution::new(1280, 720),
                FrameFormat::MJPEG,
                30,
            )),
            RequestedFormatType::Closest(CameraFormat::new(
                Resolution::new(640, 480),
                FrameFormat::MJPEG,
                30,
            )),
            RequestedFormatType::Closest(CameraFormat::new(
                Resolution::new(640, 480),
                FrameFormat::YUYV,
                30,
            )),
        ];
        let mut last = CameraError::NoCamera;
        for requested in attempts {
            let format = RequestedFormat::new::<RgbFormat>(requested);
            match nokhwa::Camera::new(CameraIndex::Index(self.index), format) {
                Ok(mut camera) => match camera.open_stream() {
                    Ok(()) => {
                        self.inner = Some(camera);
                        return Ok(());
                    }
                    Err(e) => last = classify(e),
                },
                Err(e) => last = classify(e),
            }
        }
        Err(last)
    }

    #[cfg(not(feature = "webcam"))]
    fn open(&mut self) -> Result<(), CameraError> {
        let _ = self.index;
        Err(CameraError::NoCamera)
    }

    #[cfg(feature = "webcam")]
    fn frame(&mut self) -> Result<RgbImage, CameraError> {
        use nokhwa::pixel_format::RgbFormat;
        let camera = self.inner.as_mut().ok_or(CameraError::NoCamera)?;
        let buffer = camera
            .frame()
            .map_err(|e| CameraError::Disconnected(crate::cause::cause(e)))?;
        let decoded = buffer
            .decode_image::<RgbFormat>()
            .map_err(|e| CameraError::Disconnected(crate::cause::cause(e)))?;
        let (w, h) = (decoded.width(), decoded.height());
        RgbImage::from_raw(w, h, decoded.into_raw())
            .ok_or_else(|| CameraError::Disconnected(crate::cause::cause("bad frame")))
    }

    #[cfg(not(feature = "webcam"))]
    fn frame(&mut self) -> Result<RgbImage, CameraError> {
        Err(CameraError::NoCamera)
    }

    fn fps(&self) -> u32 {
        30
    }
}

impl Drop for NativeCamera {
    fn drop(&mut self) {
        #[cfg(feature = "webcam")]
        if let Some(mut camera) = self.inner.take()
            && let Err(err) = camera.stop_stream()
        {
            log::debug!("camera did not stop cleanly: {err}");
        }
    }
}
