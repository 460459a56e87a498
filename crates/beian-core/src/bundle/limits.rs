//! The limits that keep a hostile bundle from exhausting the machine while it is read.

/// At most this many entries in a bundle.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes, uncompressed, in all.
pub const MAX_TOTAL_BYTES: u64 = 4 << 30;
/// At most this many bytes in a tag file or a signature.
pub const MAX_TAG_BYTES: u64 = 1 << 20;
/// At most this many bytes in `application.ron`.
pub const MAX_APPLICATION_BYTES: u64 = 64 << 20;
/// At most this many problems are listed per check.
pub const MAX_PROBLEMS: usize = 50;
