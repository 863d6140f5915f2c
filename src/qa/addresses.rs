//! URLs, e-mail addresses and phone numbers: a translation must carry the same set as one of
//! its sources. The scanners are [`crate::figures`]'s, as every stage reads them.

use std::collections::BTreeSet;

use super::facts::AddressKind;
use super::{Check, Entry, Problem, Source, describe, first_disagreement};

/// One kind of address and how to find it in a text.
pub(crate) struct Addresses {
    id: &'static str,
    /// What the finding calls one of them.
    what: &'static str,
    kind: AddressKind,
}

/// `urls`: `http(s)://` addresses.
pub(crate) const URLS: Addresses = Addresses {
    id: "urls",
    what: "URL",
    kind: AddressKind::Urls,
};

/// `emails`: e-mail addresses.
pub(crate) const EMAILS: Addresses = Addresses {
    id: "emails",
    what: "e-mail address",
    kind: AddressKind::Emails,
};

/// `phones`: phone and fax numbers, compared in national form.
pub(crate) const PHONES: Addresses = Addresses {
    id: "phones",
    what: "phone number",
    kind: AddressKind::Phones,
};

impl Check for Addresses {
    fn ids(&self) -> &[&'static str] {
        std::slice::from_ref(&self.id)
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(translation) = entry.text() else {
            return;
        };
        let found: BTreeSet<String> = self.kind.scan(translation);
        let mismatch = |source: &Source<'_>| {
            let expected = source.facts.addresses(self.kind, source.text);
            let missing: Vec<&String> = expected.difference(&found).collect();
            let extra: Vec<&String> = found.difference(expected).collect();
            (!missing.is_empty() || !extra.is_empty())
                .then(|| describe(self.what, &missing, &extra))
        };
        if let Some(message) = first_disagreement(entry.sources, mismatch) {
            out.push(Problem::error(self.id, message));
        }
    }
}
