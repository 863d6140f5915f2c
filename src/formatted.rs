//! A target locale's catalog of a document formatted by fluent-bundle, each message with its
//! state as the next sync sees it: what `build` publishes and `check` inspects, in one place
//! so that the two agree (and neither depends on the other).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use fluent_bundle::{FluentBundle, FluentResource};

use crate::catalog::Prepared;
use crate::catalog::ftl::EntryKind;
use crate::catalog::merge::{self, EntryState};
use crate::locale::Locale;

/// One locale's translation of one message, as a build or a check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub state: EntryState,
    /// The message formatted by fluent-bundle, or why it could not be.
    pub text: std::result::Result<String, String>,
}

/// Every message of one locale's catalog of a document, by id, with its state as the next
/// sync sees it. Empty when the catalog is missing or does not parse.
pub type Translations = BTreeMap<String, Translation>;

/// Reads and formats a target locale's catalog of `doc`. Messages are formatted with
/// fluent-bundle over the whole file, so terms (`{ -brand }`) resolve; bidi isolation marks
/// are off because the output is plain text in one direction.
pub fn translations(prepared: &Prepared, doc: &str, locale: &Locale) -> Translations {
    debug_assert_eq!(prepared.document, doc);
    let resource = resource(prepared, locale);
    let prints = merge::SourcePrints::new(&prepared.plan);
    translations_with(prepared, locale, resource.as_ref(), &prints)
}

/// A target locale's catalog as fluent-bundle reads it (its runtime parse, which keeps the
/// messages and drops the comments), for [`translations_with`] to format and for `check` to
/// walk the placeables of, so that one parse serves both. `None` when the catalog is
/// missing or does not parse, and when fluent-bundle has nothing to add to what the catalog
/// parser read: every entry a comment, a blank or a message [`as_written`] (issue 19: most
/// catalogs are read once, not twice).
pub(crate) fn resource(prepared: &Prepared, locale: &Locale) -> Option<FluentResource> {
    let file = prepared.catalog(locale)?;
    let needed = file.entries.iter().any(|entry| match &entry.kind {
        EntryKind::Message { body, value, .. } => as_written(body, value.as_deref()).is_none(),
        EntryKind::Term { .. } => true,
        EntryKind::Comment { .. } | EntryKind::Blank => false,
    });
    if !needed {
        return None;
    }
    // The catalog parsed without errors, so fluent-bundle's parse has none either.
    Some(match FluentResource::try_new(file.to_string()) {
        Ok(resource) | Err((resource, _)) => resource,
    })
}

/// The text fluent-bundle formats a message as, when it is the message's value as written:
/// a body of one line, `id = text`, without a brace (no placeable, no string literal), whose
/// pattern is that text alone. `None` for any other message.
/// `tests::messages_as_written_format_so` holds this equal to fluent-bundle's formatting.
fn as_written<'m>(body: &str, value: Option<&'m str>) -> Option<&'m str> {
    let line = body.strip_suffix('\n').unwrap_or(body);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let single = !line.contains(['\n', '\r', '{', '}']);
    value.filter(|_| single)
}

/// [`translations`] of the catalog of `locale`, with fluent-bundle's parse of it when
/// [`resource`] made one.
pub(crate) fn translations_with(
    prepared: &Prepared,
    locale: &Locale,
    resource: Option<&FluentResource>,
    prints: &merge::SourcePrints<'_>,
) -> Translations {
    // The states alone, without merging and rendering the whole catalog (issue 19).
    let Some(states) = merge::entry_states(prepared, locale, prints) else {
        return Translations::new();
    };
    let Some(file) = prepared.catalog(locale) else {
        return Translations::new();
    };
    // Without fluent-bundle's parse, every message reads as written (see [`resource`]).
    let written: FxHashMap<&str, &str> = match resource {
        None => file
            .entries
            .iter()
            .filter_map(|entry| match &entry.kind {
                EntryKind::Message {
                    id, body, value, ..
                } => Some((id.as_str(), as_written(body, value.as_deref())?)),
                _ => None,
            })
            .collect(),
        Some(_) => FxHashMap::default(),
    };
    let bundle = resource.map(|resource| {
        let mut bundle: FluentBundle<&FluentResource> =
            FluentBundle::new(vec![locale.langid().clone()]);
        bundle.set_use_isolating(false);
        // The catalog parsed without errors or duplicates, so adding it cannot clash.
        let _ = bundle.add_resource(resource);
        bundle
    });
    let no_value = || Err(String::from("the message has no value"));
    let mut out = Translations::new();
    for (id, state) in states {
        if !state.has_translation() {
            continue;
        }
        let text = match &bundle {
            None => written
                .get(id.as_str())
                .map_or_else(no_value, |value| Ok((*value).to_owned())),
            Some(bundle) => match bundle.get_message(&id).and_then(|m| m.value()) {
                Some(pattern) => {
                    let mut errors = Vec::new();
                    let text = bundle
                        .format_pattern(pattern, None, &mut errors)
                        .into_owned();
                    match errors.first() {
                        None => Ok(text),
                        Some(error) => Err(error.to_string()),
                    }
                }
                None => no_value(),
            },
        };
        out.insert(id, Translation { state, text });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ftl;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A message [`as_written`] reads is formatted by fluent-bundle as that text, word for
        /// word; any message of a file of such lines that it does not read has a brace or a
        /// second line.
        #[test]
        fn messages_as_written_format_so(
            values in proptest::collection::vec("[ a-zA-Z0-9.,*\\[\\]\"'\\\\{}#=\t\r-]{0,12}|[ぁ-んア-ン漢字。、（）「」\u{3000}]{0,6}", 1..6),
            crlf in any::<bool>(),
        ) {
            let ending = if crlf { "\r\n" } else { "\n" };
            let text: String = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("m{i} = {v}{ending}"))
                .collect();
            let Ok(file) = ftl::parse(&text) else { return Ok(()) };
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(resource) => resource,
                Err(_) => return Ok(()),
            };
            let mut bundle: FluentBundle<&FluentResource> = FluentBundle::new(vec!["en".parse().unwrap()]);
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(&resource);
            for entry in &file.entries {
                let EntryKind::Message { id, body, value, .. } = &entry.kind else { continue };
                let Some(written) = as_written(body, value.as_deref()) else {
                    let line = body.strip_suffix(ending).unwrap_or(body);
                    prop_assert!(line.contains(['\n', '\r', '{', '}']) || value.is_none(), "{body:?}");
                    continue;
                };
                let pattern = bundle.get_message(id).and_then(|m| m.value());
                prop_assert!(pattern.is_some(), "{body:?}");
                let mut errors = Vec::new();
                let formatted = bundle.format_pattern(pattern.unwrap(), None, &mut errors);
                prop_assert!(errors.is_empty());
                prop_assert_eq!(formatted.as_ref(), written, "{:?}", body);
            }
        }
    }
}
