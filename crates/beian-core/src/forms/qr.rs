//! The small QR code on every printed page: which filing, which paper (its checklist item
//! and template) and the fingerprint of the values printed, so that a photographed,
//! signed paper can be matched back to the draft.

/// The first field of every payload.
pub const MAGIC: &str = "B1";

/// The short tag of a checklist item as the code carries it: 8 hex digits of its key's
/// SHA-256 (the code stays small, so its modules stay large enough to read in a photo).
pub fn item_tag(item: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(item.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a paper's QR code says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload {
    /// The draft's id.
    pub filing: String,
    /// The tag of the checklist item the paper is printed for ([`item_tag`]).
    pub item: String,
    /// The fingerprint of the values printed.
    pub fingerprint: String,
    /// The page, on a paper of more than one (so that the signature page is known).
    pub page: Option<u32>,
}

impl Payload {
    /// The text encoded: `B1|filing|item tag|fingerprint`, then `|page` on a paper of
    /// more than one page.
    pub fn encode(&self) -> String {
        let text = format!("{MAGIC}|{}|{}|{}", self.filing, self.item, self.fingerprint);
        match self.page {
            Some(page) => format!("{text}|{page}"),
            None => text,
        }
    }

    /// Reads a payload; `None` for any other text.
    pub fn decode(text: &str) -> Option<Payload> {
        let mut parts = text.trim().split('|');
        if parts.next()? != MAGIC {
            return None;
        }
        let payload = Payload {
            filing: parts.next()?.to_owned(),
            item: parts.next()?.to_owned(),
            fingerprint: parts.next()?.to_owned(),
            page: match parts.next() {
                Some(page) => Some(page.parse().ok()?),
                None => None,
            },
        };
        parts.next().is_none().then_some(payload)
    }
}

/// The dark modules of the QR code of `text`, as a square of `side` × `side` booleans
/// (row by row), with error correction M (a signature or stamp may cover part of it).
pub fn matrix(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    let side = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((side, dark))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_round_trips_and_other_text_is_not_one() {
        let p = Payload {
            filing: "20261207-abc".into(),
            item: item_tag("websites[0].responsible.document.authorization"),
            fingerprint: "0123456789ab".into(),
            page: None,
        };
        assert_eq!(Payload::decode(&p.encode()), Some(p.clone()));
        let third = Payload {
            page: Some(3),
            ..p.clone()
        };
        assert!(third.encode().ends_with("|3"));
        assert_eq!(Payload::decode(&third.encode()), Some(third));
        assert_eq!(Payload::decode(&format!("{}|3|4", p.encode())), None);
        assert_eq!(Payload::decode("https://example.com"), None);
        assert_eq!(Payload::decode(&format!("{}|x", p.encode())), None);
        let (side, dark) = matrix(&p.encode()).unwrap();
        assert_eq!(dark.len(), side * side);
        assert!(side >= 21);
    }
}
