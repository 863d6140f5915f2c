### honyaku: source catalog of "2022-07-15-radio-usage-fee-public-comment" in ja, generated from source_texts/ja/2022-07-15-radio-usage-fee-public-comment.txt.
### honyaku: edit the source text and run `honyaku sync`; this file is rewritten from it.

release-date = 令和4年7月15日

title = 電波利用料の料額の改定に係る「電波法施行令の一部を改正する政令案」等に対する意見募集

intro-1 = 総務省は、電波利用料の料額の改定に係る「電波法施行令の一部を改正する政令案」及び「電波法施行規則の一部を改正する省令案」（以下「政令案等」といいます。）を作成しました。

intro-2 = つきましては、政令案等について、令和4年7月16日（土）から同年8月15日（月）午後5時までの間、意見を募集します。

overview = 概要

overview-1 = 電波利用料は、電波の適正な利用の確保に関し、無線局全体の受益を直接の目的として行う事務の処理に要する費用を、無線局の免許人等に公平に分担していただくものです。
overview-2 = その料額は、3年ごとに見直すこととされています。

overview-3 = 今回の政令案等は、令和5年度から令和7年度までの3年間に必要となる電波利用共益事務の費用の見込み（年平均約750億円）を基に、無線局の種別ごとの料額を算定したものです。
overview-4 = 改定後の料額は、令和5年10月1日から適用する予定です。

proposed-revision-fees = 主な無線局の料額（年額）の改定案

proposed-revision-fees-1 = 無線局の種別　現行　改定案　増減率

proposed-revision-fees-2 = 携帯電話端末　140円　130円　−7.1％

proposed-revision-fees-3 = 携帯電話基地局（屋外）　26,000円　24,500円　−5.8％

proposed-revision-fees-4 = ローカル5G基地局　2,600円　2,400円　−7.7％

proposed-revision-fees-5 = 衛星基地局　178,800円　165,400円　−7.5％

proposed-revision-fees-6 = アマチュア無線局　300円　300円　0.0％

proposed-revision-fees-7 = 簡易無線局　400円　400円　0.0％

proposed-revision-fees-8 = 表中の料額は、いずれも無線局1局当たりの年額です。
proposed-revision-fees-9 = 増減率は、小数点以下第2位を四捨五入しています。

drafts-subject-call = 意見募集対象

drafts-subject-call-1 = 電波法施行令の一部を改正する政令案
drafts-subject-call-2 = 電波法施行規則の一部を改正する省令案

how-obtain-materials = 資料の入手方法

how-obtain-materials-1 = 電子政府の総合窓口（e-Gov）の「パブリック・コメント」欄に掲載

how-obtain-materials-2 = https://public-comment.e-gov.go.jp/servlet/Public?CLASSNAME=PCMMSTDETAIL&id=145210388

how-obtain-materials-3 = 総務省ホームページの「報道資料」欄に掲載

how-obtain-materials-4 = https://www.soumu.go.jp/main_content/000825431.pdf（PDF）

how-obtain-materials-5 = 総務省総合通信基盤局電波部電波政策課電波利用料企画室の窓口において配布

how-submit-comments = 意見提出方法

deadline = 提出期限

deadline-1 = 令和4年8月15日（月）午後5時必着

deadline-2 = 郵送の場合も、同日同時刻必着とします。

submission-methods = 提出方法

submission-methods-1 = 電子政府の総合窓口（e-Gov）の意見提出フォーム
submission-methods-2 = 電子メール：riyoryo-comment@ml.soumu.go.jp
submission-methods-3 = 郵送：〒100-8926　東京都千代田区霞が関2-1-2　総務省総合通信基盤局電波部電波政策課電波利用料企画室　宛て
submission-methods-4 = ＦＡＸ：03-5253-5940

notes = 留意事項

notes-1 = 意見は、別紙の意見公募要領に従って提出してください。
notes-2 = 電話による意見の受付はいたしかねますので、あらかじめ御了承ください。

notes-3 = 提出された意見は、提出者の氏名（法人又は団体の場合は、その名称）を除き、公表する場合があります。

future-schedule = 今後の予定

future-schedule-1 = 提出された意見を十分考慮した上で、政令等の制定を行う予定です。

contact = 連絡先

contact-1 = 総務省総合通信基盤局電波部電波政策課電波利用料企画室

contact-2 = 担当：渡辺室長補佐、山田主査、鈴木官

contact-3 = 電話：03-5253-5880（直通）

contact-4 = ＦＡＸ：03-5253-5940

contact-5 = Ｅメール：riyoryo-comment@ml.soumu.go.jp
