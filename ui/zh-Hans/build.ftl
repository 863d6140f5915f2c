### honyaku 在发布页面上使用的文字（简体中文）。

language-name = 简体中文
press-release = 新闻稿
release-date = 发布日期：
translation-incomplete = 本页部分内容尚未翻译（已翻译 { $percent }%），这些段落以其他语言显示。
other-languages = 其他语言
index-title = 新闻稿
index-intro = 以本语言发布的新闻稿及其翻译进度。
index-document = 新闻稿
index-complete = 已翻译
index-link = 全部新闻稿
