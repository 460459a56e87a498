//! Just enough of EXIF (a TIFF structure) to read the orientation and see whether a
//! location is recorded. Every offset is bounds-checked: the bytes come from strangers.

const ORIENTATION: u16 = 0x0112;
const GPS_IFD: u16 = 0x8825;

struct Tiff<'a> {
    data: &'a [u8],
    little: bool,
}

impl Tiff<'_> {
    fn u16_at(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.data.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if self.little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let a: [u8; 4] = self.data.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if self.little {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    }

    /// The (tag, entry offset) pairs of the first IFD.
    fn ifd0(&self) -> Option<Vec<(u16, usize)>> {
        let first = usize::try_from(self.u32_at(4)?).ok()?;
        let count = usize::from(self.u16_at(first)?).min(512);
        let mut entries = Vec::with_capacity(count);
        for i in 0..count {
            let at = first.checked_add(2 + i * 12)?;
            entries.push((self.u16_at(at)?, at));
        }
        Some(entries)
    }
}

fn parse(raw: &[u8]) -> Option<Tiff<'_>> {
    // Some decoders hand over the APP1 payload with its "Exif\0\0" header.
    let data = raw.strip_prefix(b"Exif\0\0").unwrap_or(raw);
    let little = match data.get(..4)? {
        [b'I', b'I', 42, 0] => true,
        [b'M', b'M', 0, 42] => false,
        _ => return None,
    };
    Some(Tiff { data, little })
}

/// The orientation tag (1 to 8), if present.
pub fn orientation(raw: &[u8]) -> Option<u8> {
    let tiff = parse(raw)?;
    let (_, at) = tiff
        .ifd0()?
        .into_iter()
        .find(|(tag, _)| *tag == ORIENTATION)?;
    let value = tiff.u16_at(at + 8)?;
    u8::try_from(value).ok().filter(|v| (1..=8).contains(v))
}

/// Whether the metadata points to GPS information.
pub fn has_location(raw: &[u8]) -> bool {
    parse(raw)
        .and_then(|t| t.ifd0())
        .is_some_and(|entries| entries.iter().any(|(tag, _)| *tag == GPS_IFD))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exif(little: bool, tags: &[(u16, u16)]) -> Vec<u8> {
        let mut v = Vec::new();
        let u16b = |x: u16| {
            if little {
                x.to_le_bytes()
            } else {
                x.to_be_bytes()
            }
        };
        let u32b = |x: u32| {
            if little {
                x.to_le_bytes()
            } else {
                x.to_be_bytes()
            }
        };
        v.extend_from_slice(if little { b"II" } else { b"MM" });
        v.extend_from_slice(&u16b(42));
        v.extend_from_slice(&u32b(8));
        v.extend_from_slice(&u16b(tags.len() as u16));
        for (tag, value) in tags {
            v.extend_from_slice(&u16b(*tag));
            v.extend_from_slice(&u16b(3));
            v.extend_from_slice(&u32b(1));
            v.extend_from_slice(&u16b(*value));
            v.extend_from_slice(&[0, 0]);
        }
        v.extend_from_slice(&u32b(0));
        v
    }

    #[test]
    fn reads_orientation_and_location_in_both_byte_orders() {
        for little in [true, false] {
            let e = exif(little, &[(ORIENTATION, 6), (GPS_IFD, 100)]);
            assert_eq!(orientation(&e), Some(6));
            assert!(has_location(&e));
            let e = exif(little, &[(0x010F, 1)]);
            assert_eq!(orientation(&e), None);
            assert!(!has_location(&e));
        }
    }

    #[test]
    fn hostile_metadata_is_harmless() {
        assert_eq!(orientation(b""), None);
        assert_eq!(orientation(b"II*\0\xff\xff\xff\xff"), None);
        let mut e = exif(true, &[(ORIENTATION, 6)]);
        e.truncate(14);
        assert_eq!(orientation(&e), None);
        assert!(!has_location(&[0u8; 3]));
    }
}
