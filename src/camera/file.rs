//! A camera that plays image files: one picture, or every image of a folder in name order,
//! looping, at a set rate. The images go through the same checks as camera frames.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use image::RgbImage;

use super::{Camera, CameraError};

const DEMO: [&[u8]; 10] = [
    include_bytes!("../../assets/samples/faces/sequence/000.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/001.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/002.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/003.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/004.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/005.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/006.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/007.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/008.jpg"),
    include_bytes!("../../assets/samples/faces/sequence/009.jpg"),
];

/// Plays images as a camera.
pub struct FileCamera {
    frames: Vec<RgbImage>,
    index: usize,
    /// After the first pass, loop from this frame (the demonstration holds its final pose).
    hold_from: usize,
    fps: u32,
    last: Option<Instant>,
}

fn is_image(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "jpg" | "jpeg" | "png" | "webp"
        )
    })
}

impl FileCamera {
    /// A camera over `path` (an image, or a folder of images) at `fps` frames per second.
    /// Unreadable images are skipped; none readable is an error.
    pub fn new(path: &Path, fps: u32) -> Result<FileCamera, CameraError> {
        let mut files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(path)
                .map_err(|e| CameraError::Open(crate::cause::cause(e)))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| is_image(p))
                .collect()
        } else {
            vec![path.to_owned()]
        };
        files.sort();
        let frames: Vec<RgbImage> = files
            .iter()
            .filter_map(|f| std::fs::read(f).ok())
            .filter_map(|bytes| crate::documents::decode(&bytes).ok())
            .map(|d| d.image.to_rgb8())
            .collect();
        if frames.is_empty() {
            return Err(CameraError::NoImages(path.display().to_string()));
        }
        Ok(FileCamera {
            frames,
            index: 0,
            hold_from: 0,
            fps: fps.max(1),
            last: None,
        })
    }

    /// The demonstration: a person moving from the side into a good position, then
    /// holding still (frames made by `scripts/make-face-samples.py`), at `fps`.
    pub fn demo(fps: u32) -> Result<FileCamera, CameraError> {
        let frames: Vec<RgbImage> = DEMO
            .iter()
            .filter_map(|bytes| crate::documents::decode(bytes).ok())
            .map(|d| d.image.to_rgb8())
            .collect();
        if frames.is_empty() {
            return Err(CameraError::NoImages("demo".to_owned()));
        }
        let hold_from = frames.len().saturating_sub(5);
        Ok(FileCamera {
            frames,
            index: 0,
            hold_from,
            fps: fps.max(1),
            last: None,
        })
    }

    /// How many frames it plays.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether it has no frames (never: construction fails then).
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

impl Camera for FileCamera {
    fn open(&mut self) -> Result<(), CameraError> {
        self.index = 0;
        Ok(())
    }

    fn frame(&mut self) -> Result<RgbImage, CameraError> {
        let period = Duration::from_secs(1) / self.fps;
        if let Some(last) = self.last {
            let elapsed = last.elapsed();
            if elapsed < period {
                std::thread::sleep(period - elapsed);
            }
        }
        self.last = Some(Instant::now());
        let frame = self.frames[self.index % self.frames.len()].clone();
        self.index += 1;
        if self.index >= self.frames.len() {
            self.index = self.hold_from.min(self.frames.len() - 1);
        }
        Ok(frame)
    }

    fn fps(&self) -> u32 {
        self.fps
    }
}
