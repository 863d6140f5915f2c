### honyaku: fr translation of "2020-05-01-g20-digital-economy"; sources: ja, en.
### honyaku: each entry shows its source above it. To translate an entry shown as `# some-id =`,
### honyaku: delete the "# " before the id and write the translation after "=".
### honyaku: "# stale" marks a translation whose source changed: revise it, then delete the mark
### honyaku: and the "was" and "change" lines. Your own comments and messages are kept as written.

# ja: 令和2年5月1日
# en: May 1, 2020
release-date = 1er mai 2020

# ja: G20デジタル経済大臣臨時会合（テレビ会議）の結果
# en: Results of Extraordinary G20 Digital Economy Ministerial Meeting (Virtual Meeting)
title = Résultats de la réunion extraordinaire des ministres de l'Économie numérique du G20 (visioconférence)

# Note: 総務副大臣 (« State Minister ») est rendu par « vice-ministre » : « ministre d'État » désigne en France un rang supérieur à celui de ministre.
# ja: 令和2年4月30日（木）、G20デジタル経済大臣臨時会合がテレビ会議形式で開催されました。我が国からは、寺田稔総務副大臣が出席しました。
# en: An extraordinary G20 digital economy ministerial meeting was held in the form of a video conference on April 30, 2020, which TERADA Minoru, State Minister for Internal Affairs and Communications attended.
intro-1 = Le jeudi 30 avril 2020, une réunion extraordinaire des ministres de l'Économie numérique du G20 s'est tenue par visioconférence. M. TERADA Minoru, vice-ministre des Affaires intérieures et des Communications, y a représenté le Japon.

# ja: 本会合には、G20メンバー国・地域のほか、招待国及び関係国際機関（ITU及びOECD）が参加しました。
# en: In addition to leaders of G20 member countries and regions, invited countries and related international organizations (the ITU and OECD) participated.
intro-2 = Outre les pays et régions membres du G20, des pays invités et les organisations internationales concernées (l'UIT et l'OCDE) ont participé à la réunion.

# ja: 新型コロナウイルス感染症（COVID-19）に対処するため、G20としてデジタル技術の活用拡大に向けた国際協力を強化することを確認し、大臣声明を採択しました。
# en: To counter novel coronavirus infection (COVID-19), the participants confirmed that the G20 would strengthen international cooperation for expanding the use of digital technologies and adopted a ministerial statement.
intro-3 = Afin de faire face à l'infection par le nouveau coronavirus (COVID-19), les participants ont confirmé la volonté du G20 de renforcer la coopération internationale en vue d'étendre l'utilisation des technologies numériques, et ont adopté une déclaration ministérielle.

# ja: 日時
# en: Date
date = Date

# ja: 令和２年４月３０日（木）　※テレビ会議形式
# en: Thursday, April 30, 2020 *In the form of a video conference
date-1 = Jeudi 30 avril 2020 (par visioconférence)

# ja: 参加国・地域及び国際機関
# en: Participating countries, regions, and international organizations
participating-countries-regions = Pays, régions et organisations internationales participants

# ja: G20メンバー国・地域　日本、サウジアラビア（議長国）、アルゼンチン、オーストラリア、ブラジル、カナダ、中国、欧州連合（EU）、フランス、ドイツ、インド、イタリア、メキシコ、韓国、南アフリカ、ロシア、トルコ、英国、米国
# en: G20 member countries and regions Japan, Saudi Arabia (Presidency), Argentina, Australia, Brazil, Canada, China, European Union (EU), France, Germany, India, Italy, Mexico, South Korea, South Africa, Russia, Turkey, United Kingdom, and United States
participating-countries-regions-1 = Pays et régions membres du G20 : Japon, Arabie saoudite (présidence), Argentine, Australie, Brésil, Canada, Chine, Union européenne (UE), France, Allemagne, Inde, Italie, Mexique, République de Corée, Afrique du Sud, Russie, Turquie, Royaume-Uni et États-Unis

# ja: G20メンバーのうち、インドネシアは本会合を欠席。
# en: Of the G20 members, Indonesia was absent from this meeting.
participating-countries-regions-2 = Parmi les membres du G20, l'Indonésie n'a pas participé à cette réunion.

# ja: 招待国　ヨルダン、ルワンダ、シンガポール、スペイン、スイス、アラブ首長国連邦（UAE）、ベトナム
# en: Countries invited Jordan, Rwanda, Singapore, Spain, Switzerland, United Arab Emirates (UAE), and Vietnam
participating-countries-regions-3 = Pays invités : Jordanie, Rwanda, Singapour, Espagne, Suisse, Émirats arabes unis (EAU) et Viet Nam

# ja: 国際機関　国際電気通信連合（ITU）、経済協力開発機構（OECD）
# en: International organizations International Telecommunication Union (ITU) and Organization for Economic Co-operation and Development(OECD)
participating-countries-regions-4 = Organisations internationales : Union internationale des télécommunications (UIT) et Organisation de coopération et de développement économiques (OCDE)

# ja: 概要
# en: Overview
overview = Aperçu

# ja: 新型コロナウイルス感染症（COVID-19）の世界的な拡大を受け、G20が連携し、感染症対策におけるデジタル技術の活用を拡大するため、G20議長国サウジアラビアの提案により本会合が開催されました。
# en: In response to the global spread of novel coronavirus infection (COVID-19), this meeting was proposed by the G20 Saudi Presidency to enable the G20 to work together and expand the use of digital technologies in combating the infectious disease.
overview-1 = Face à la propagation mondiale de l'infection par le nouveau coronavirus (COVID-19), cette réunion a été organisée sur proposition de l'Arabie saoudite, qui assure la présidence du G20, afin que les membres du G20 coordonnent leur action et étendent l'utilisation des technologies numériques dans la lutte contre l'épidémie.

# ja: 総務省からは、寺田稔総務副大臣が出席しました。
# en: The Ministry of Internal Affairs and Communications sent TERADA Minoru, State Minister for Internal Affairs and Communications, to the meeting.
overview-2 = Le ministère des Affaires intérieures et des Communications (MIC) était représenté par M. TERADA Minoru, vice-ministre des Affaires intérieures et des Communications.

# ja: 寺田副大臣からは、（１）通信の秘密、プライバシー及びセキュリティを確保した上で、データの利活用を推進することが重要であること、（２）テレワークや遠隔教育の推進に当たっては、セキュリティを確保するとともに、ブロードバンド基盤の整備を図るべきであること、（３）フェイクニュースや偽情報への対応に当たっては、表現の自由を尊重しつつ、民間企業や研究者と連携して効果的な対策を講じるべきであることを指摘しました。
# en: He pointed out: (1) It would be important to promote data utilization after ensuring the secrecy of communication, privacy, and security. (2) Security should be ensured, and broadband infrastructure should be improved in promoting telework and remote education. (3) Effective measures should be taken for the handling of fake news and disinformation while respecting freedom of expression and by cooperating with private companies and researchers.
overview-3 = M. TERADA a souligné : (1) qu'il importe de promouvoir l'utilisation des données tout en garantissant le secret des communications, la protection de la vie privée et la sécurité ; (2) que la promotion du télétravail et de l'enseignement à distance doit s'accompagner de la garantie de la sécurité et du développement des infrastructures à haut débit ; (3) que la lutte contre les fausses nouvelles et la désinformation appelle des mesures efficaces, prises en coopération avec les entreprises privées et les chercheurs, dans le respect de la liberté d'expression.

# ja: 会合の結果、新型コロナウイルス感染症への対応におけるデジタル技術の有効性が確認され、デジタル技術の更なる活用を促す大臣声明が採択されました。
# en: As a result of the meeting, the participants confirmed the effectiveness of digital technologies in responding to novel coronavirus infection. Accordingly, they adopted the ministerial statement urging the further utilization of digital technologies.
overview-4 = À l'issue de la réunion, l'efficacité des technologies numériques dans la riposte à l'infection par le nouveau coronavirus a été confirmée, et une déclaration ministérielle appelant à une utilisation accrue de ces technologies a été adoptée.

# ja: 大臣声明のポイント
# en: Key points of the ministerial statement
key-points-ministerial = Points clés de la déclaration ministérielle

# ja: 新型コロナウイルス感染症への対応におけるデジタル技術及びデジタル政策の重要性を強調するとともに、「G20デジタル経済大臣臨時会合（テレビ会議）におけるCOVID-19対応声明」で表明された、デジタル技術を活用するとの閣僚レベルのコミットメントを再確認しました。
# en: The participants emphasized the importance of digital technologies and policies in responding to novel coronavirus infection and reaffirmed the ministerial-level commitment to leverage digital technologies as expressed in the COVID-19 Response Statement in the Extraordinary G20 Digital Economy Ministerial Meeting (Virtual Meeting).
key-points-ministerial-1 = Les participants ont souligné l'importance des technologies et des politiques numériques dans la riposte à l'infection par le nouveau coronavirus, et ont réaffirmé l'engagement pris au niveau ministériel de tirer parti des technologies numériques, tel qu'exprimé dans la « Déclaration sur la réponse à la COVID-19 de la réunion extraordinaire des ministres de l'Économie numérique du G20 (visioconférence) ».

# ja: その上で、主に以下の点について合意しました。
# en: They have agreed on the following key points.
key-points-ministerial-2 = Sur cette base, ils sont convenus notamment des points suivants.

# ja: テレワークを始めとする社会的距離を確保するための取組の推進により、インターネットへの接続はこれまで以上に重要となっている。
# en: Connections to the Internet have become more important than ever as a result of the promotion of telework and other measures for securing social distance.
key-points-ministerial-3 = Du fait de la promotion du télétravail et d'autres initiatives visant à garantir la distanciation sociale, la connexion à Internet revêt une importance plus grande que jamais.

# ja: こうした状況を踏まえ、特に電気通信事業者を含む民間部門及び市民社会と緊急に連携し、包摂的で安全かつ安価な接続を飛躍的に拡大することが不可欠である。
# en: In light of the situation, it is essential to work urgently with the private sector, including telecommunications business operators and civil society, in particular, and dramatically expand inclusive, secure, and inexpensive connections.
key-points-ministerial-4 = Dans ce contexte, il est indispensable de collaborer d'urgence avec le secteur privé, notamment les opérateurs de télécommunications, ainsi qu'avec la société civile, afin d'étendre considérablement une connectivité inclusive, sûre et abordable.

# ja: 新型コロナウイルス感染症に関するデータを共有する際には、個人のプライバシー及びデータセキュリティを保護するための、倫理的で、相互運用性があり、透明性が高く、かつ安全な手法の必要性を認識することが不可欠である。
# en: It is essential to recognize the necessity of ethical, interoperable, transparent, and secure methods to protect individual privacy and data security when sharing data on novel coronavirus infection.
key-points-ministerial-5 = Lors du partage de données relatives à l'infection par le nouveau coronavirus, il est indispensable de reconnaître la nécessité de méthodes éthiques, interopérables, transparentes et sûres afin de protéger la vie privée des personnes et la sécurité des données.

# ja: デジタル経済におけるセキュリティリスクに対処し、安全・安心なオンライン環境を確保するため、ベストプラクティスを共有することが不可欠である。
# en: It is essential to share best practices to counter the security risks of the digital economy and ensure a safe and secure online environment.
key-points-ministerial-6 = Il est indispensable de partager les bonnes pratiques afin de faire face aux risques de sécurité dans l'économie numérique et de garantir un environnement en ligne sûr et fiable.

# ja: 感染症に対処するための各国のデジタル政策や教訓を共有することが不可欠であり、これはG20のみならず、開発途上国を含む全ての国にとって有益である。
# en: It is essential to share the digital policies and lessons of each country to deal with the infectious disease. This is useful not only for the G20 but for all countries, including developing countries.
key-points-ministerial-7 = Il est indispensable de partager les politiques numériques et les enseignements tirés par chaque pays dans la lutte contre l'épidémie ; cela est utile non seulement pour le G20, mais aussi pour tous les pays, y compris les pays en développement.

# ja: （参考）G20デジタル経済大臣臨時会合（テレビ会議）におけるCOVID-19対応声明（英文）
# en: COVID-19 Response Statement in the Extraordinary G20 Digital Economy Ministerial Meeting
key-points-ministerial-8 = (Référence) Déclaration sur la réponse à la COVID-19 de la réunion extraordinaire des ministres de l'Économie numérique du G20 (visioconférence) (en anglais)

# ja: https://www.soumu.go.jp/main_content/000686022.pdf（PDF）
# en: https://www.soumu.go.jp/main_content/000686022.pdf PDF)
# key-points-ministerial-9 =

# ja: 連絡先
# en: Contact
# contact =

# en: For further information about this press release, please fill in the inquiry form and submit it to MIC on the website
# contact-6 =

# en: https://www.soumu.go.jp/common/english_opinions.html
# contact-7 =

# ja: 総務省国際戦略局国際政策課
# en: International Policy Division, Global Strategy Bureau, MIC
# contact-1 =

# ja: 担当：山本課長補佐、佐藤係長
# contact-2 =

# ja: 電話：03-5253-5920
# en: TEL: +81 3 5253 5920
# contact-4 =

# ja: ＦＡＸ：03-5253-5924
# en: FAX: +81 3 5253 5924
# contact-5 =
