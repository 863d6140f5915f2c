### honyaku: fr translation of "2022-07-15-radio-usage-fee-public-comment"; sources: ja, en.
### honyaku: each entry shows its source above it. To translate an entry shown as `# some-id =`,
### honyaku: delete the "# " before the id and write the translation after "=".
### honyaku: "# stale" marks a translation whose source changed: revise it, then delete the mark
### honyaku: and the "was" and "change" lines. Your own comments and messages are kept as written.

# ja: 令和4年7月15日
# en: July 15, 2022
release-date = 15 juillet 2022

# ja: 電波利用料の料額の改定に係る「電波法施行令の一部を改正する政令案」等に対する意見募集
# en: Call for Public Comments on the "Draft Cabinet Order Partially Amending the Order for Enforcement of the Radio Act" and Other Drafts Concerning the Revision of Radio Usage Fees
title = Appel à commentaires sur le « Projet d'ordonnance du Cabinet portant modification partielle de l'ordonnance d'application de la loi sur les radiocommunications » et d'autres projets relatifs à la révision du montant des redevances d'utilisation des fréquences radioélectriques

# ja: 総務省は、電波利用料の料額の改定に係る「電波法施行令の一部を改正する政令案」及び「電波法施行規則の一部を改正する省令案」（以下「政令案等」といいます。）を作成しました。
# en: The Ministry of Internal Affairs and Communications (MIC) has prepared the "Draft Cabinet Order Partially Amending the Order for Enforcement of the Radio Act" and the "Draft Ordinance Partially Amending the Regulations for Enforcement of the Radio Act" (hereinafter referred to as "the Drafts") concerning the revision of radio usage fees.
intro-1 = Le ministère des Affaires intérieures et des Communications (MIC) a élaboré, dans le cadre de la révision du montant des redevances d'utilisation des fréquences radioélectriques, le « Projet d'ordonnance du Cabinet portant modification partielle de l'ordonnance d'application de la loi sur les radiocommunications » et le « Projet d'arrêté ministériel portant modification partielle du règlement d'application de la loi sur les radiocommunications » (ci-après dénommés « les projets »).

# ja: つきましては、政令案等について、令和4年7月16日（土）から同年8月15日（月）午後5時までの間、意見を募集します。
# en: MIC invites public comments on the Drafts from Saturday, July 16, 2022 until 5:00 p.m. on Monday, August 15, 2022.
intro-2 = Le MIC recueille en conséquence les commentaires du public sur ces projets du samedi 16 juillet 2022 au lundi 15 août 2022 à 17 h.

# ja: 概要
# en: Overview
overview = Aperçu

# ja: 電波利用料は、電波の適正な利用の確保に関し、無線局全体の受益を直接の目的として行う事務の処理に要する費用を、無線局の免許人等に公平に分担していただくものです。
# en: Radio usage fees are paid by licensees of radio stations and others to share fairly the costs of administrative work that is carried out to ensure the proper use of radio waves and that directly benefits radio stations as a whole.
overview-1 = Les redevances d'utilisation des fréquences radioélectriques visent à faire supporter équitablement par les titulaires de licences de stations radioélectriques, entre autres, les coûts des tâches administratives qui concourent à garantir l'utilisation appropriée des ondes radioélectriques et qui ont pour objet direct de bénéficier à l'ensemble des stations radioélectriques.

# ja: その料額は、3年ごとに見直すこととされています。
# en: The amounts of the fees are to be reviewed every three years.
overview-2 = Leur montant est réexaminé tous les 3 ans.

# ja: 今回の政令案等は、令和5年度から令和7年度までの3年間に必要となる電波利用共益事務の費用の見込み（年平均約750億円）を基に、無線局の種別ごとの料額を算定したものです。
# en: The Drafts calculate the fee for each type of radio station based on the estimated costs of the common-benefit radio administration required for the three years from FY2023 to FY2025 (approx. 75.0 billion yen per year on average).
overview-3 = Les projets fixent le montant de la redevance pour chaque catégorie de station radioélectrique sur la base de l'estimation des coûts des tâches administratives d'intérêt commun en matière de radiocommunications nécessaires pour les 3 exercices allant de l'exercice 2023 à l'exercice 2025 (environ 75 milliards de yens par an en moyenne).

# ja: 改定後の料額は、令和5年10月1日から適用する予定です。
# en: The revised fees are scheduled to apply from October 1, 2023.
overview-4 = Les nouveaux montants devraient s'appliquer à compter du 1er octobre 2023.

# ja: 主な無線局の料額（年額）の改定案
# en: Proposed revision of the fees (annual) for major radio stations
proposed-revision-fees = Projet de révision des redevances (montant annuel) des principales stations radioélectriques

# ja: 無線局の種別　現行　改定案　増減率
# en: Type of radio station\u{9}Current\u{9}Proposed\u{9}Change
proposed-revision-fees-1 = Catégorie de station radioélectrique | Montant actuel | Montant proposé | Variation

# ja: 携帯電話端末　140円　130円　−7.1％
# en: Mobile phone terminal\u{9}140 yen\u{9}130 yen\u{9}-7.1%
proposed-revision-fees-2 = Terminal de téléphonie mobile | 140 yens | 130 yens | −7,1 %

# ja: 携帯電話基地局（屋外）　26,000円　24,500円　−5.8％
# en: Mobile phone base station (outdoor)\u{9}26,000 yen\u{9}24,500 yen\u{9}-5.8%
proposed-revision-fees-3 = Station de base de téléphonie mobile (extérieure) | 26 000 yens | 24 500 yens | −5,8 %

# ja: ローカル5G基地局　2,600円　2,400円　−7.7％
# en: Local 5G base station\u{9}2,600 yen\u{9}2,400 yen\u{9}-7.7%
proposed-revision-fees-4 = Station de base 5G locale | 2 600 yens | 2 400 yens | −7,7 %

# ja: 衛星基地局　178,800円　165,400円　−7.5％
# en: Satellite base station\u{9}178,800 yen\u{9}165,400 yen\u{9}-7.5%
proposed-revision-fees-5 = Station de base satellitaire | 178 800 yens | 165 400 yens | −7,5 %

# ja: アマチュア無線局　300円　300円　0.0％
# en: Amateur radio station\u{9}300 yen\u{9}300 yen\u{9}0.0%
# proposed-revision-fees-6 =

# ja: 簡易無線局　400円　400円　0.0％
# en: Simple radio station\u{9}400 yen\u{9}400 yen\u{9}0.0%
# proposed-revision-fees-7 =

# ja: 表中の料額は、いずれも無線局1局当たりの年額です。
# en: All fees in the table are annual amounts per radio station.
# proposed-revision-fees-8 =

# ja: 増減率は、小数点以下第2位を四捨五入しています。
# en: Rates of change are rounded to one decimal place.
# proposed-revision-fees-9 =

# ja: 意見募集対象
# en: Drafts subject to the call for comments
# drafts-subject-call =

# ja: 電波法施行令の一部を改正する政令案
# en: Draft Cabinet Order Partially Amending the Order for Enforcement of the Radio Act
# drafts-subject-call-1 =

# ja: 電波法施行規則の一部を改正する省令案
# en: Draft Ordinance Partially Amending the Regulations for Enforcement of the Radio Act
# drafts-subject-call-2 =

# ja: 資料の入手方法
# en: How to obtain the materials
# how-obtain-materials =

# ja: 電子政府の総合窓口（e-Gov）の「パブリック・コメント」欄に掲載
# en: Posted in the "Public Comment" section of the e-Gov portal
# how-obtain-materials-1 =

# ja: https://public-comment.e-gov.go.jp/servlet/Public?CLASSNAME=PCMMSTDETAIL&id=145210388
# en: https://public-comment.e-gov.go.jp/servlet/Public?CLASSNAME=PCMMSTDETAIL&id=145210388
# how-obtain-materials-2 =

# ja: 総務省ホームページの「報道資料」欄に掲載
# en: Posted in the "Press Releases" section of the MIC website
# how-obtain-materials-3 =

# ja: https://www.soumu.go.jp/main_content/000825431.pdf（PDF）
# en: https://www.soumu.go.jp/main_content/000825431.pdf (PDF, Japanese)
# how-obtain-materials-4 =

# ja: 総務省総合通信基盤局電波部電波政策課電波利用料企画室の窓口において配布
# en: Available at the counter of the Radio Usage Fee Planning Office, Radio Policy Division, Radio Department, Telecommunications Bureau, MIC
# how-obtain-materials-5 =

# ja: 意見提出方法
# en: How to submit comments
# how-submit-comments =

# ja: 提出期限
# en: Deadline
# deadline =

# ja: 令和4年8月15日（月）午後5時必着
# en: Comments must arrive by 5:00 p.m. on Monday, August 15, 2022.
# deadline-1 =

# ja: 郵送の場合も、同日同時刻必着とします。
# en: Comments sent by postal mail must also arrive by the same date and time.
# deadline-2 =

# ja: 提出方法
# en: Submission methods
# submission-methods =

# ja: 電子政府の総合窓口（e-Gov）の意見提出フォーム
# en: Comment submission form on the e-Gov portal
# submission-methods-1 =

# ja: 電子メール：riyoryo-comment@ml.soumu.go.jp
# en: E-mail: riyoryo-comment@ml.soumu.go.jp
# submission-methods-2 =

# ja: 郵送：〒100-8926　東京都千代田区霞が関2-1-2　総務省総合通信基盤局電波部電波政策課電波利用料企画室　宛て
# en: Postal mail: Radio Usage Fee Planning Office, Radio Policy Division, Radio Department, Telecommunications Bureau, Ministry of Internal Affairs and Communications, 2-1-2 Kasumigaseki, Chiyoda-ku, Tokyo 100-8926, Japan
# submission-methods-3 =

# ja: ＦＡＸ：03-5253-5940
# en: FAX: +81 3 5253 5940
# submission-methods-4 =

# ja: 留意事項
# en: Notes
# notes =

# ja: 意見は、別紙の意見公募要領に従って提出してください。
# en: Please submit comments in accordance with the guidelines for the call for public comments in the attachment.
# notes-1 =

# ja: 電話による意見の受付はいたしかねますので、あらかじめ御了承ください。
# en: Please note that comments cannot be accepted by telephone.
# notes-2 =

# ja: 提出された意見は、提出者の氏名（法人又は団体の場合は、その名称）を除き、公表する場合があります。
# en: Comments submitted may be published, excluding the names of the submitters (or, in the case of corporations or organizations, their names).
# notes-3 =

# en: Comments must be submitted in Japanese.
# notes-4 =

# ja: 今後の予定
# en: Future schedule
# future-schedule =

# ja: 提出された意見を十分考慮した上で、政令等の制定を行う予定です。
# en: MIC plans to enact the Cabinet Order and other regulations after giving due consideration to the comments submitted.
# future-schedule-1 =

# ja: 連絡先
# en: Contact
# contact =

# ja: 総務省総合通信基盤局電波部電波政策課電波利用料企画室
# en: Radio Usage Fee Planning Office, Radio Policy Division, Radio Department, Telecommunications Bureau, MIC
# contact-1 =

# ja: 担当：渡辺室長補佐、山田主査、鈴木官
# en: Contact persons: Mr. WATANABE, Ms. YAMADA, Mr. SUZUKI
# contact-2 =

# ja: 電話：03-5253-5880（直通）
# en: TEL: +81 3 5253 5880 (direct)
# contact-3 =

# ja: ＦＡＸ：03-5253-5940
# en: FAX: +81 3 5253 5940
# contact-4 =

# ja: Ｅメール：riyoryo-comment@ml.soumu.go.jp
# en: E-mail: riyoryo-comment@ml.soumu.go.jp
# contact-5 =
