//! The real format of a file, from its first bytes: a name says nothing (a text file named
//! .jpg is still text).

pub use crate::model::measures::FileFormat;

/// Tells the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> FileFormat {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        FileFormat::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        FileFormat::Png
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP".as_slice()) {
        FileFormat::Webp
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        FileFormat::Gif
    } else if starts(b"BM") && bytes.len() > 14 {
        FileFormat::Bmp
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        FileFormat::Tiff
    } else if bytes.get(4..8) == Some(b"ftyp".as_slice())
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1")
        )
    {
        FileFormat::Heic
    } else if bytes
        .get(..bytes.len().min(1024))
        .unwrap_or_default()
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        // A PDF may have a few bytes of junk before its header.
        FileFormat::Pdf
    } else {
        FileFormat::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), FileFormat::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), FileFormat::Png);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), FileFormat::Webp);
        assert_eq!(sniff(b"GIF89a..."), FileFormat::Gif);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), FileFormat::Heic);
        assert_eq!(sniff(b"%PDF-1.4\n"), FileFormat::Pdf);
        assert_eq!(sniff("这不是图片".as_bytes()), FileFormat::Unknown);
        assert_eq!(sniff(b""), FileFormat::Unknown);
    }
}
