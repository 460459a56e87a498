//! Capture and analysis on named threads. The capture thread opens the camera itself
//! (platform handles stay on their thread) and hands each frame on through bounded
//! channels that drop stale frames, so neither a slow analysis nor a busy UI stalls the
//! device. The analysis thread runs the pre-checks on the newest frame.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use image::RgbImage;

use super::{CameraChoice, CameraError};
use crate::vision::{Detectors, PreCheck, precheck};

/// How often the analysis also runs the full-range detector (to see small faces behind).
pub const THOROUGH_EVERY: u64 = 10;

/// What the workers report to the UI.
#[derive(Debug)]
pub enum CameraEvent {
    /// A new frame for the preview.
    Frame(u64, Arc<RgbImage>),
    /// The pre-check of a frame.
    Check(u64, Arc<RgbImage>, Box<PreCheck>),
    /// The camera failed or stopped.
    Error(CameraError),
    /// The detector could not be loaded.
    DetectorError(std::sync::Arc<crate::vision::DetectorError>),
}

/// The running capture and analysis threads; dropping it stops them.
pub struct CameraWorker {
    stop: Arc<AtomicBool>,
    events: Receiver<CameraEvent>,
    threads: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for CameraWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CameraWorker").finish_non_exhaustive()
    }
}

fn send_or_drop(tx: &SyncSender<CameraEvent>, event: CameraEvent) {
    // A full queue means the UI has not caught up: this frame is stale, drop it.
    let _dropped = tx.try_send(event).is_err();
}

impl CameraWorker {
    /// Starts capturing from `choice` and analysing its frames; `ctx` is woken for each
    /// event.
    pub fn start(choice: CameraChoice, ctx: Option<egui::Context>) -> CameraWorker {
        let stop = Arc::new(AtomicBool::new(false));
        let (events_tx, events) = sync_channel::<CameraEvent>(8);
        let (frames_tx, frames_rx) = sync_channel::<(u64, Arc<RgbImage>)>(1);
        let mut threads = Vec::new();

        let capture_stop = stop.clone();
        let capture_events = events_tx.clone();
        let capture_ctx = ctx.clone();
        let capture = std::thread::Builder::new()
            .name("camera-capture".to_owned())
            .spawn(move || {
                let wake = || {
                    if let Some(ctx) = &capture_ctx {
                        ctx.request_repaint();
                    }
                };
                let mut camera = match super::open(&choice) {
                    Ok(c) => c,
                    Err(err) => {
                        // Errors always get through: wait for room.
                        let _gone = capture_events.send(CameraEvent::Error(err)).is_err();
                        wake();
                        return;
                    }
                };
                let mut seq = 0u64;
                while !capture_stop.load(Ordering::Relaxed) {
                    match camera.frame() {
                        Ok(frame) => {
                            seq += 1;
                            let frame = Arc::new(frame);
                            let _busy = frames_tx.try_send((seq, frame.clone())).is_err();
                            send_or_drop(&capture_events, CameraEvent::Frame(seq, frame));
                            wake();
                        }
                        Err(err) => {
                            let _gone = capture_events.send(CameraEvent::Error(err)).is_err();
                            wake();
                            return;
                        }
                    }
                }
            });
        match capture {
            Ok(handle) => threads.push(handle),
            Err(err) => log::error!("cannot start the camera thread: {err}"),
        }

        let analysis_stop = stop.clone();
        let analysis = std::thread::Builder::new()
            .name("camera-analysis".to_owned())
            .spawn(move || {
                let detectors = match Detectors::load() {
                    Ok(d) => d,
                    Err(err) => {
                        let _gone = events_tx
                            .send(CameraEvent::DetectorError(std::sync::Arc::new(err)))
                            .is_err();
                        return;
                    }
                };
                while !analysis_stop.load(Ordering::Relaxed) {
                    match frames_rx.recv_timeout(Duration::from_millis(200)) {
                        Ok((seq, frame)) => {
                            let thorough = seq % THOROUGH_EVERY == 1;
                            match precheck(&frame, &detectors, thorough) {
                                Ok(report) => send_or_drop(
                                    &events_tx,
                                    CameraEvent::Check(seq, frame, Box::new(report)),
                                ),
                                Err(err) => {
                                    let _gone = events_tx
                                        .send(CameraEvent::DetectorError(std::sync::Arc::new(err)))
                                        .is_err();
                                    return;
                                }
                            }
                            if let Some(ctx) = &ctx {
                                ctx.request_repaint();
                            }
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            });
        match analysis {
            Ok(handle) => threads.push(handle),
            Err(err) => log::error!("cannot start the analysis thread: {err}"),
        }
        CameraWorker {
            stop,
            events,
            threads,
        }
    }

    /// The events since the last call.
    pub fn poll(&self) -> Vec<CameraEvent> {
        self.events.try_iter().collect()
    }

    /// Waits for the next event (tests).
    pub fn wait(&self, timeout: Duration) -> Option<CameraEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for CameraWorker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Unblock a capture thread waiting to send.
        while self.events.try_recv().is_ok() {}
        for handle in self.threads.drain(..) {
            if handle.join().is_err() {
                log::error!("a camera thread panicked");
            }
        }
    }
}
