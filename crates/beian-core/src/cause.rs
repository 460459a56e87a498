//! The underlying error an error of beian's carries as its `source()`: the library's own
//! typed error (zip's, age's, ron's, the inference engine's, the camera's…), kept whole so
//! that a log or a debugger sees the chain, where a `String` would have kept its words
//! only. Shared (`Arc`) so that the errors holding one stay `Clone`.

use std::sync::Arc;

/// A typed cause, shared.
pub type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// Wraps an error (or, where there is none to keep, a plain description) as a [`Cause`].
pub fn cause(error: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>) -> Cause {
    Arc::from(error.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_keeps_its_type() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let kept = cause(io);
        assert!(kept.downcast_ref::<std::io::Error>().is_some());
        assert_eq!(kept.to_string(), "gone");
        assert_eq!(cause("empty frame").to_string(), "empty frame");
    }
}
