//! The binary form of the memory's cache files (`.honyaku/memory/<locale>/`): little-endian
//! integers, texts and lists prefixed by their length. Reading checks every length against
//! what is left and every text for UTF-8, so a torn or foreign file reads as `None` (then it
//! is only a cache: the documents are planned again).

use super::figures::{Figure, SourceFigures};
use super::score::{SourceKeys, TextKeys};
use super::{Open, Origin, Rank, Unit, Want};
use crate::fsio::Stat;

/// Bytes being written.
#[derive(Debug, Default)]
pub(crate) struct Out(pub Vec<u8>);

/// Bytes being read.
#[derive(Debug)]
pub(crate) struct In<'a> {
    bytes: &'a [u8],
}

impl<'a> In<'a> {
    pub fn new(bytes: &'a [u8]) -> In<'a> {
        In { bytes }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    /// Whether every byte was read.
    pub fn done(&self) -> bool {
        self.bytes.is_empty()
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// A count of items each at least one byte long: never more than the bytes left.
    fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(u32::from_le_bytes(self.array()?)).ok()?;
        (n <= self.bytes.len()).then_some(n)
    }
}

/// A value with a binary form.
pub(crate) trait Codec: Sized {
    fn put(&self, out: &mut Out);
    fn get(input: &mut In) -> Option<Self>;
}

/// Encodes one value.
#[cfg(test)]
pub(crate) fn encode<T: Codec>(value: &T) -> Vec<u8> {
    let mut out = Out::default();
    value.put(&mut out);
    out.0
}

/// Decodes one value that fills `bytes` exactly.
#[cfg(test)]
pub(crate) fn decode<T: Codec>(bytes: &[u8]) -> Option<T> {
    let mut input = In::new(bytes);
    let value = T::get(&mut input)?;
    input.done().then_some(value)
}

impl Codec for u8 {
    fn put(&self, out: &mut Out) {
        out.0.push(*self);
    }
    fn get(input: &mut In) -> Option<u8> {
        Some(input.take(1)?[0])
    }
}

impl Codec for bool {
    fn put(&self, out: &mut Out) {
        out.0.push(u8::from(*self));
    }
    fn get(input: &mut In) -> Option<bool> {
        match u8::get(input)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Codec for u32 {
    fn put(&self, out: &mut Out) {
        out.0.extend_from_slice(&self.to_le_bytes());
    }
    fn get(input: &mut In) -> Option<u32> {
        Some(u32::from_le_bytes(input.array()?))
    }
}

impl Codec for u64 {
    fn put(&self, out: &mut Out) {
        out.0.extend_from_slice(&self.to_le_bytes());
    }
    fn get(input: &mut In) -> Option<u64> {
        Some(u64::from_le_bytes(input.array()?))
    }
}

impl Codec for i64 {
    fn put(&self, out: &mut Out) {
        out.0.extend_from_slice(&self.to_le_bytes());
    }
    fn get(input: &mut In) -> Option<i64> {
        Some(i64::from_le_bytes(input.array()?))
    }
}

impl Codec for usize {
    fn put(&self, out: &mut Out) {
        (*self as u64).put(out);
    }
    fn get(input: &mut In) -> Option<usize> {
        usize::try_from(u64::get(input)?).ok()
    }
}

/// The length of a text or list as written (the cache never holds 4 GB in one).
fn put_len(n: usize, out: &mut Out) {
    u32::try_from(n).unwrap_or(u32::MAX).put(out);
}

impl Codec for String {
    fn put(&self, out: &mut Out) {
        put_len(self.len(), out);
        out.0.extend_from_slice(self.as_bytes());
    }
    fn get(input: &mut In) -> Option<String> {
        let n = usize::try_from(u32::get(input)?).ok()?;
        let bytes = input.take(n)?;
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, out: &mut Out) {
        match self {
            None => out.0.push(0),
            Some(value) => {
                out.0.push(1);
                value.put(out);
            }
        }
    }
    fn get(input: &mut In) -> Option<Option<T>> {
        match u8::get(input)? {
            0 => Some(None),
            1 => Some(Some(T::get(input)?)),
            _ => None,
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, out: &mut Out) {
        put_len(self.len(), out);
        for item in self {
            item.put(out);
        }
    }
    fn get(input: &mut In) -> Option<Vec<T>> {
        let n = input.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::get(input)?);
        }
        Some(items)
    }
}

impl Codec for Stat {
    fn put(&self, out: &mut Out) {
        let (len, modified, changed, inode, device): (u64, i64, i64, u64, u64) = (*self).into();
        len.put(out);
        modified.put(out);
        changed.put(out);
        inode.put(out);
        device.put(out);
    }
    fn get(input: &mut In) -> Option<Stat> {
        Some(Stat::from((
            u64::get(input)?,
            i64::get(input)?,
            i64::get(input)?,
            u64::get(input)?,
            u64::get(input)?,
        )))
    }
}

impl Codec for Origin {
    fn put(&self, out: &mut Out) {
        self.document.put(out);
        self.id.put(out);
        self.obsolete.put(out);
        self.stale.put(out);
    }
    fn get(input: &mut In) -> Option<Origin> {
        Some(Origin {
            document: String::get(input)?,
            id: String::get(input)?,
            obsolete: bool::get(input)?,
            stale: bool::get(input)?,
        })
    }
}

impl Codec for Unit {
    fn put(&self, out: &mut Out) {
        self.original.put(out);
        self.pivot.put(out);
        self.translation.put(out);
        self.origin.put(out);
    }
    fn get(input: &mut In) -> Option<Unit> {
        Some(Unit {
            original: Option::get(input)?,
            pivot: Option::get(input)?,
            translation: String::get(input)?,
            origin: Origin::get(input)?,
        })
    }
}

impl Codec for Want {
    fn put(&self, out: &mut Out) {
        out.0.push(match self {
            Want::Missing => 0,
            Want::Stale => 1,
        });
    }
    fn get(input: &mut In) -> Option<Want> {
        match u8::get(input)? {
            0 => Some(Want::Missing),
            1 => Some(Want::Stale),
            _ => None,
        }
    }
}

impl Codec for Open {
    fn put(&self, out: &mut Out) {
        self.document.put(out);
        self.id.put(out);
        self.want.put(out);
        self.original.put(out);
        self.pivot.put(out);
    }
    fn get(input: &mut In) -> Option<Open> {
        Some(Open {
            document: String::get(input)?,
            id: String::get(input)?,
            want: Want::get(input)?,
            original: Option::get(input)?,
            pivot: Option::get(input)?,
        })
    }
}

impl Codec for Figure {
    fn put(&self, out: &mut Out) {
        self.span.start.put(out);
        self.span.end.put(out);
        self.key.put(out);
    }
    fn get(input: &mut In) -> Option<Figure> {
        let (start, end) = (usize::get(input)?, usize::get(input)?);
        Figure::stored(start, end, String::get(input)?)
    }
}

impl Codec for SourceFigures {
    fn put(&self, out: &mut Out) {
        self.original.put(out);
        self.pivot.put(out);
        self.translation.put(out);
    }
    fn get(input: &mut In) -> Option<SourceFigures> {
        Some(SourceFigures {
            original: Vec::get(input)?,
            pivot: Vec::get(input)?,
            translation: Option::get(input)?,
        })
    }
}

impl Codec for TextKeys {
    fn put(&self, out: &mut Out) {
        self.tokens.put(out);
        self.distinct.put(out);
        self.exact.put(out);
        self.masked.put(out);
    }
    fn get(input: &mut In) -> Option<TextKeys> {
        Some(TextKeys {
            tokens: Vec::get(input)?,
            distinct: u32::get(input)?,
            exact: u64::get(input)?,
            masked: Option::get(input)?,
        })
    }
}

impl Codec for SourceKeys {
    fn put(&self, out: &mut Out) {
        self.original.put(out);
        self.pivot.put(out);
    }
    fn get(input: &mut In) -> Option<SourceKeys> {
        Some(SourceKeys {
            original: Option::get(input)?,
            pivot: Option::get(input)?,
        })
    }
}

impl Codec for Rank {
    fn put(&self, out: &mut Out) {
        self.exact.put(out);
        self.leveraged.put(out);
        self.score.put(out);
        self.similarity.put(out);
        self.origin.put(out);
        self.translation.put(out);
    }
    fn get(input: &mut In) -> Option<Rank> {
        Some(Rank {
            exact: bool::get(input)?,
            leveraged: bool::get(input)?,
            score: u8::get(input)?,
            similarity: u8::get(input)?,
            origin: Origin::get(input)?,
            translation: String::get(input)?,
        })
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn put(&self, out: &mut Out) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(input: &mut In) -> Option<(A, B)> {
        Some((A::get(input)?, B::get(input)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_written_and_torn_bytes_read_as_nothing() {
        let unit = Unit {
            original: Some("令和6年4月1日に開催します。".to_owned()),
            pivot: None,
            translation: "Le 1er avril 2024.".to_owned(),
            origin: Origin {
                document: "a\"b".to_owned(),
                id: "s1".to_owned(),
                obsolete: false,
                stale: true,
            },
        };
        let keys = super::super::Keys {
            original: "ja".parse().unwrap(),
            pivot: Some("en".parse().unwrap()),
        };
        let found = SourceFigures::of(unit.original.as_deref(), Some("On April 1, 2024."), &keys);
        assert!(!found.original.is_empty() && !found.pivot.is_empty());
        let value = (
            vec![unit.clone(), unit],
            vec![found.clone(), SourceFigures::default()],
        );
        let bytes = encode(&value);
        let back: (Vec<Unit>, Vec<SourceFigures>) = decode(&bytes).unwrap();
        assert_eq!(back, value);
        for cut in 0..bytes.len() {
            assert!(decode::<(Vec<Unit>, Vec<SourceFigures>)>(&bytes[..cut]).is_none());
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode::<(Vec<Unit>, Vec<SourceFigures>)>(&longer).is_none());
    }
}
