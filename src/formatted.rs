//! A target locale's catalog of a document formatted by fluent-bundle, each message with its
//! state as the next sync sees it: what `build` publishes and `check` inspects, in one place
//! so that the two agree (and neither depends on the other).

use std::collections::BTreeMap;

use fluent_bundle::{FluentBundle, FluentResource};

use crate::catalog::Prepared;
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
    match resource(prepared, locale) {
        Some(resource) => translations_with(prepared, locale, &resource),
        None => Translations::new(),
    }
}

/// A target locale's catalog as fluent-bundle reads it (its runtime parse, which keeps the
/// messages and drops the comments), for [`translations_with`] to format and for `check` to
/// walk the placeables of, so that one parse serves both. `None` when the catalog is
/// missing or does not parse.
pub(crate) fn resource(prepared: &Prepared, locale: &Locale) -> Option<FluentResource> {
    let file = prepared.catalog(locale)?;
    // The catalog parsed without errors, so fluent-bundle's parse has none either.
    Some(match FluentResource::try_new(file.to_string()) {
        Ok(resource) | Err((resource, _)) => resource,
    })
}

/// [`translations`] of the catalog of `locale`, as [`resource`] read it.
pub(crate) fn translations_with(
    prepared: &Prepared,
    locale: &Locale,
    resource: &FluentResource,
) -> Translations {
    // The states alone, without merging and rendering the whole catalog (issue 19).
    let Some(states) = merge::entry_states(prepared, locale) else {
        return Translations::new();
    };
    let mut bundle: FluentBundle<&FluentResource> =
        FluentBundle::new(vec![locale.langid().clone()]);
    bundle.set_use_isolating(false);
    // The catalog parsed without errors or duplicates, so adding it cannot clash.
    let _ = bundle.add_resource(resource);
    let mut out = Translations::new();
    for (id, state) in states {
        if !state.has_translation() {
            continue;
        }
        let text = match bundle.get_message(&id).and_then(|m| m.value()) {
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
            None => Err(String::from("the message has no value")),
        };
        out.insert(id, Translation { state, text });
    }
    out
}
