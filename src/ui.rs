//! honyaku's own interface words on the pages it publishes (the "press release" label, the
//! date label, the incomplete-translation notice, the language switcher, the index page), in
//! Fluent: `ui/<locale>/build.ftl`, embedded in the binary, formatted with fluent-bundle.
//! A page in a locale without its own file, or a message missing from it, falls back along
//! the chain fluent-langneg negotiates (`fr-CA` → `fr`), then English.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use crate::locale::Locale;

/// The shipped interface files: (locale tag, file contents).
const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("../ui/en/build.ftl")),
    ("ja", include_str!("../ui/ja/build.ftl")),
    ("fr", include_str!("../ui/fr/build.ftl")),
    ("zh-Hans", include_str!("../ui/zh-Hans/build.ftl")),
];

/// Languages of the shipped files that write a decimal comma.
const DECIMAL_COMMA: &[&str] = &["fr"];

/// The locale every message exists in.
const DEFAULT: &str = "en";

/// One formatted interface message and the locale it came from, so a page can mark words
/// that fell back to another language with their own `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UiText {
    pub(crate) text: String,
    pub(crate) lang: String,
}

/// The interface messages for one page locale, in fallback order.
pub(crate) struct Ui {
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Ui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tags: Vec<&str> = self.bundles.iter().map(|(tag, _)| tag.as_str()).collect();
        f.debug_struct("Ui").field("chain", &tags).finish()
    }
}

impl Ui {
    /// The messages for pages in `locale`.
    pub(crate) fn new(locale: &Locale) -> Ui {
        let available: Vec<LanguageIdentifier> = SHIPPED
            .iter()
            .filter_map(|(tag, _)| tag.parse().ok())
            .collect();
        let default: Option<LanguageIdentifier> = DEFAULT.parse().ok();
        let chain = negotiate_languages(
            &[locale.langid()],
            &available,
            default.as_ref(),
            NegotiationStrategy::Filtering,
        );
        let mut tags: Vec<String> = chain.iter().map(|id| id.to_string()).collect();
        if !tags.iter().any(|t| t == DEFAULT) {
            tags.push(DEFAULT.to_owned());
        }
        let bundles = tags
            .into_iter()
            .filter_map(|tag| {
                let (_, source) = SHIPPED.iter().find(|(t, _)| *t == tag)?;
                let langid: LanguageIdentifier = tag.parse().ok()?;
                let mut bundle = FluentBundle::new(vec![langid]);
                // Plain text output: escaped by the page, no bidi isolation marks.
                bundle.set_use_isolating(false);
                // Shipped files are tested to parse (see the tests below).
                let resource = match FluentResource::try_new((*source).to_owned()) {
                    Ok(resource) | Err((resource, _)) => resource,
                };
                bundle.add_resource(resource).ok()?;
                Some((tag, bundle))
            })
            .collect();
        Ui { bundles }
    }

    /// A message without arguments.
    pub(crate) fn get(&self, id: &str) -> UiText {
        self.format(id, None)
    }

    /// A message with a percentage argument (`{ $percent }`).
    pub(crate) fn percent(&self, id: &str, percent: f64) -> UiText {
        let mut args = FluentArgs::new();
        // One decimal place at most, as the build report prints it, with the decimal comma
        // where the page's language writes one (fluent-bundle does not localise numbers).
        let mut shown = ((percent * 10.0).round() / 10.0).to_string();
        let page = self
            .bundles
            .first()
            .map_or(DEFAULT, |(tag, _)| tag.as_str());
        if DECIMAL_COMMA.contains(&page.split('-').next().unwrap_or(page)) {
            shown = shown.replace('.', ",");
        }
        args.set("percent", FluentValue::from(shown));
        self.format(id, Some(&args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> UiText {
        for (tag, bundle) in &self.bundles {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
            if errors.is_empty() {
                return UiText {
                    text,
                    lang: tag.clone(),
                };
            }
        }
        // Every id used is in the English file (tested below); show the id rather than panic.
        UiText {
            text: id.to_owned(),
            lang: DEFAULT.to_owned(),
        }
    }
}

/// Languages' names for themselves, for a page locale without interface messages of its own
/// (the language switcher names each language in that language, never in the fallback's).
const ENDONYMS: &[(&str, &str)] = &[
    ("de", "Deutsch"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("nl", "Nederlands"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("pl", "Polski"),
    ("ko", "한국어"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
    ("id", "Bahasa Indonesia"),
    ("ar", "العربية"),
    ("zh-Hant", "中文（繁體）"),
];

/// The name of `locale`'s language in that language: from its interface messages, else from
/// [`ENDONYMS`], else its tag (never the fallback language's own name).
pub(crate) fn language_name(locale: &Locale) -> UiText {
    let own = Ui::new(locale).get("language-name");
    // `fr-CA` is named by the `fr` messages; Chinese only by its own script's.
    let primary = own.lang.split('-').next().unwrap_or(&own.lang);
    if own.lang == locale.tag() || (primary == locale.language() && primary != "zh") {
        return own;
    }
    let tag = locale.tag();
    let name = ENDONYMS
        .iter()
        .find(|(t, _)| *t == tag)
        .or_else(|| ENDONYMS.iter().find(|(t, _)| *t == locale.language()))
        .map_or(tag, |(_, name)| name);
    UiText {
        text: name.to_owned(),
        lang: tag.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_is_named_in_itself() {
        let name = |tag: &str| language_name(&tag.parse().unwrap_or_else(|_| unreachable!()));
        assert_eq!(name("de").text, "Deutsch");
        assert_eq!(name("de").lang, "de");
        assert_eq!(
            name("fr").text,
            Ui::new(&"fr".parse().unwrap_or_else(|_| unreachable!()))
                .get("language-name")
                .text
        );
        assert_eq!(name("en").text, "English");
        assert_eq!(name("zh-Hant").text, "中文（繁體）");
        assert_eq!(name("sw").text, "sw");
    }

    fn ui(tag: &str) -> Ui {
        Ui::new(&tag.parse().unwrap_or_else(|_| unreachable!()))
    }

    /// The ids the build uses.
    const USED: &[&str] = &[
        "language-name",
        "press-release",
        "release-date",
        "translation-incomplete",
        "other-languages",
        "index-title",
        "index-intro",
        "index-document",
        "index-complete",
        "index-link",
    ];

    #[test]
    fn every_shipped_file_parses_and_has_every_message() {
        for (tag, source) in SHIPPED {
            let resource = FluentResource::try_new((*source).to_owned());
            assert!(resource.is_ok(), "ui/{tag}/build.ftl does not parse");
            let ui = ui(tag);
            for id in USED {
                let text = match *id {
                    "translation-incomplete" => ui.percent(id, 50.0),
                    _ => ui.get(id),
                };
                assert_eq!(text.lang, *tag, "{id} missing from ui/{tag}/build.ftl");
                assert_ne!(text.text, *id);
            }
        }
    }

    #[test]
    fn pages_get_their_own_words_and_fall_back_to_english() {
        assert_eq!(ui("ja").get("press-release").text, "報道資料");
        assert_eq!(ui("fr").get("press-release").text, "Communiqué de presse");
        assert_eq!(
            ui("fr-CA").get("press-release").text,
            "Communiqué de presse"
        );
        assert_eq!(ui("zh-Hans").get("press-release").text, "新闻稿");
        let german = ui("de").get("press-release");
        assert_eq!(
            (german.text.as_str(), german.lang.as_str()),
            ("Press release", "en")
        );
        assert_eq!(
            ui("fr").percent("translation-incomplete", 47.44).text,
            "Une partie de cette page n’est pas encore traduite (47,4 % traduit) ; ces passages sont affichés dans une autre langue."
        );
    }
}
