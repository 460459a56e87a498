//! The package name from an APK's binary `AndroidManifest.xml` (Android's compiled XML,
//! "AXML"): the `package` attribute of the root `manifest` element. Only the string pool
//! and the first start-element are read; every offset is checked before use.

use super::le::{u16_at, u32_at};

const RES_XML_TYPE: u16 = 0x0003;
const RES_STRING_POOL_TYPE: u16 = 0x0001;
const RES_XML_START_ELEMENT_TYPE: u16 = 0x0102;
const UTF8_FLAG: u32 = 1 << 8;
/// `Res_value` data type of a string.
const TYPE_STRING: u8 = 0x03;
const NO_INDEX: u32 = u32::MAX;

fn usize_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u32_at(b, at)?).ok()
}

/// The string pool of a manifest.
struct Pool<'a> {
    chunk: &'a [u8],
    count: usize,
    strings_start: usize,
    utf8: bool,
}

impl<'a> Pool<'a> {
    fn new(chunk: &'a [u8]) -> Option<Pool<'a>> {
        Some(Pool {
            chunk,
            count: usize_at(chunk, 8)?,
            utf8: u32_at(chunk, 16)? & UTF8_FLAG != 0,
            strings_start: usize_at(chunk, 20)?,
        })
    }

    fn get(&self, index: u32) -> Option<String> {
        let index = usize::try_from(index).ok()?;
        if index >= self.count {
            return None;
        }
        let header = usize::from(u16_at(self.chunk, 2)?);
        let offset = usize_at(self.chunk, header.checked_add(index.checked_mul(4)?)?)?;
        let at = self.strings_start.checked_add(offset)?;
        if self.utf8 {
            // UTF-16 length, then UTF-8 length, each one or two bytes.
            let skip = |at: usize| -> Option<(usize, usize)> {
                let first = *self.chunk.get(at)?;
                if first & 0x80 != 0 {
                    let second = *self.chunk.get(at + 1)?;
                    Some((
                        (usize::from(first & 0x7f) << 8) | usize::from(second),
                        at + 2,
                    ))
                } else {
                    Some((usize::from(first), at + 1))
                }
            };
            let (_, at) = skip(at)?;
            let (len, at) = skip(at)?;
            let bytes = self.chunk.get(at..at.checked_add(len)?)?;
            Some(String::from_utf8_lossy(bytes).into_owned())
        } else {
            let first = usize::from(u16_at(self.chunk, at)?);
            let (len, at) = if first & 0x8000 != 0 {
                let second = usize::from(u16_at(self.chunk, at + 2)?);
                (((first & 0x7fff) << 16) | second, at + 4)
            } else {
                (first, at + 2)
            };
            let bytes = self.chunk.get(at..at.checked_add(len.checked_mul(2)?)?)?;
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
    }
}

/// The `package` attribute of the root element, if the manifest is readable and has one.
pub(crate) fn package_name(xml: &[u8]) -> Option<String> {
    if u16_at(xml, 0)? != RES_XML_TYPE {
        return None;
    }
    let mut at = usize::from(u16_at(xml, 2)?);
    let end = usize_at(xml, 4)?.min(xml.len());
    let mut pool = None;
    while at.checked_add(8)? <= end {
        let kind = u16_at(xml, at)?;
        let size = usize_at(xml, at + 4)?;
        if size < 8 {
            return None;
        }
        let chunk = xml.get(at..at.checked_add(size)?.min(end))?;
        match kind {
            RES_STRING_POOL_TYPE => pool = Pool::new(chunk),
            RES_XML_START_ELEMENT_TYPE => {
                let pool = pool.as_ref()?;
                // The root element: manifest. Its attributes follow the 16-byte header
                // and the element's namespace, name and attribute table description.
                let header = usize::from(u16_at(chunk, 2)?);
                let ext = header;
                if pool.get(u32_at(chunk, ext + 4)?)?.as_str() != "manifest" {
                    return None;
                }
                let attr_start = usize::from(u16_at(chunk, ext + 8)?);
                let attr_size = usize::from(u16_at(chunk, ext + 10)?);
                let attr_count = usize::from(u16_at(chunk, ext + 12)?);
                for i in 0..attr_count {
                    let a = ext
                        .checked_add(attr_start)?
                        .checked_add(i.checked_mul(attr_size)?)?;
                    let name = pool.get(u32_at(chunk, a + 4)?)?;
                    if name != "package" {
                        continue;
                    }
                    let raw = u32_at(chunk, a + 8)?;
                    if raw != NO_INDEX {
                        return pool.get(raw);
                    }
                    if *chunk.get(a + 15)? == TYPE_STRING {
                        return pool.get(u32_at(chunk, a + 16)?);
                    }
                    return None;
                }
                return None;
            }
            _ => {}
        }
        at = at.checked_add(size)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_no_package() {
        assert_eq!(package_name(b""), None);
        assert_eq!(package_name(&[3, 0, 8, 0, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(
            package_name(&[3, 0, 8, 0, 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
            None
        );
    }
}
