### 公開ページに表示する honyaku の文言（日本語）。

language-name = 日本語
press-release = 報道資料
release-date = 発表日：
translation-incomplete = このページには未翻訳の部分があります（翻訳済み { $percent }%）。該当部分は他の言語で表示しています。
other-languages = 他の言語
index-title = 報道資料一覧
index-intro = この言語で公開している報道資料と、その翻訳の進み具合です。
index-document = 資料
index-complete = 翻訳済み
index-link = 報道資料一覧
