//! Source fingerprints: a short, stable digest of one source text. The one record of "which
//! source a translation was made from" is built from these: the committed ledger keeps the
//! fingerprints each translation was made against, exports carry them so an import can tell
//! what changed meanwhile, and the language server compares them. Stable across machines,
//! builds and platforms: it depends only on the text's bytes and the locale tag.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Version of the fingerprint encoding; bump it only together with a migration of ledgers.
const DOMAIN: &[u8] = b"honyaku source fingerprint v1\0";

/// Adds one length-prefixed field to a digest, so that no two different inputs hash alike:
/// the one way fingerprints, the catalog cache and the seals hash a sequence of fields.
pub(crate) fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// A 64-bit digest of one source text in one locale, written as 16 lowercase hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of `text` as a source in `locale` (a BCP 47 tag such as `ja`, `en`).
    pub fn of(locale: &str, text: &str) -> Fingerprint {
        let mut hasher = blake3::Hasher::new();
        hasher.update(DOMAIN);
        field(&mut hasher, locale.as_bytes());
        field(&mut hasher, text.as_bytes());
        let digest = hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest.as_bytes()[..8]);
        Fingerprint(u64::from_be_bytes(first))
    }

    /// Reads the 16-hex-digit form written by [`fmt::Display`].
    pub fn parse(text: &str) -> Option<Fingerprint> {
        if text.len() != 16 {
            return None;
        }
        // One pass over the digits (a ledger holds several per line).
        let mut value = 0u64;
        for byte in text.bytes() {
            let digit = match byte {
                b'0'..=b'9' => byte - b'0',
                b'a'..=b'f' => byte - b'a' + 10,
                b'A'..=b'F' => byte - b'A' + 10,
                _ => return None,
            };
            value = value << 4 | u64::from(digit);
        }
        Some(Fingerprint(value))
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl From<Fingerprint> for String {
    fn from(fingerprint: Fingerprint) -> String {
        fingerprint.to_string()
    }
}

impl TryFrom<String> for Fingerprint {
    type Error = String;

    fn try_from(text: String) -> Result<Fingerprint, String> {
        Fingerprint::parse(&text).ok_or_else(|| format!("not a source fingerprint: {text:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_text_form() {
        let fingerprint = Fingerprint::of("ja", "令和2年5月1日");
        let text = fingerprint.to_string();
        assert_eq!(text.len(), 16);
        assert_eq!(Fingerprint::parse(&text), Some(fingerprint));
    }

    #[test]
    fn depends_on_text_and_locale_only() {
        assert_eq!(Fingerprint::of("ja", "日時"), Fingerprint::of("ja", "日時"));
        assert_ne!(
            Fingerprint::of("ja", "日時"),
            Fingerprint::of("ja", "日時 ")
        );
        assert_ne!(Fingerprint::of("ja", "Date"), Fingerprint::of("en", "Date"));
        // The length prefix keeps locale and text apart.
        assert_ne!(Fingerprint::of("e", "nx"), Fingerprint::of("en", "x"));
    }

    #[test]
    fn is_stable_across_builds() {
        // Committed ledgers depend on this value: changing it needs a migration.
        assert_eq!(Fingerprint::of("en", "Date").to_string(), EXPECTED_DATE);
    }

    #[test]
    fn rejects_other_text() {
        assert_eq!(Fingerprint::parse("xyz"), None);
        assert_eq!(Fingerprint::parse("0123456789abcdeg"), None);
    }

    proptest::proptest! {
        /// Reads what the standard library's parse of 16 hex digits reads, and nothing else.
        #[test]
        fn parse_reads_sixteen_hex_digits(text in "[0-9a-fA-F]{16}|[0-9a-fA-F]{15}[g+ ]|[0-9a-fA-FgG+ -]{14,18}") {
            let expected = (text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| u64::from_str_radix(&text, 16).ok().map(Fingerprint))
                .flatten();
            proptest::prop_assert_eq!(Fingerprint::parse(&text), expected);
        }
    }

    const EXPECTED_DATE: &str = "4f0659ec6d56d02a";
}
