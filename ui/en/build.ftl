### honyaku's own words on published pages (English). Every locale in ui/ has the same ids;
### a missing one falls back to English.

# This language's own name, in the language switcher.
language-name = English
press-release = Press release
release-date = Release date:
translation-incomplete = Part of this page has not been translated yet ({ $percent }% translated); those passages are shown in another language.
other-languages = Other languages
index-title = Press releases
index-intro = Published releases in this language, with how much of each is translated.
index-document = Release
index-complete = Translated
index-link = All press releases
