### honyaku: source catalog of "2020-05-01-g20-digital-economy" in ja, generated from source_texts/ja/2020-05-01-g20-digital-economy.txt.
### honyaku: edit the source text and run `honyaku sync`; this file is rewritten from it.
### honyaku-retired: contact-3

release-date = 令和2年5月1日

title = G20デジタル経済大臣臨時会合（テレビ会議）の結果

intro-1 = 令和2年4月30日（木）、G20デジタル経済大臣臨時会合がテレビ会議形式で開催されました。我が国からは、寺田稔総務副大臣が出席しました。
intro-2 = 本会合には、G20メンバー国・地域のほか、招待国及び関係国際機関（ITU及びOECD）が参加しました。
intro-3 = 新型コロナウイルス感染症（COVID-19）に対処するため、G20としてデジタル技術の活用拡大に向けた国際協力を強化することを確認し、大臣声明を採択しました。

date = 日時

date-1 = 令和２年４月３０日（木）　※テレビ会議形式

participating-countries-regions = 参加国・地域及び国際機関

participating-countries-regions-1 = G20メンバー国・地域　日本、サウジアラビア（議長国）、アルゼンチン、オーストラリア、ブラジル、カナダ、中国、欧州連合（EU）、フランス、ドイツ、インド、イタリア、メキシコ、韓国、南アフリカ、ロシア、トルコ、英国、米国

participating-countries-regions-2 = G20メンバーのうち、インドネシアは本会合を欠席。

participating-countries-regions-3 = 招待国　ヨルダン、ルワンダ、シンガポール、スペイン、スイス、アラブ首長国連邦（UAE）、ベトナム

participating-countries-regions-4 = 国際機関　国際電気通信連合（ITU）、経済協力開発機構（OECD）

overview = 概要

overview-1 = 新型コロナウイルス感染症（COVID-19）の世界的な拡大を受け、G20が連携し、感染症対策におけるデジタル技術の活用を拡大するため、G20議長国サウジアラビアの提案により本会合が開催されました。

overview-2 = 総務省からは、寺田稔総務副大臣が出席しました。
overview-3 = 寺田副大臣からは、（１）通信の秘密、プライバシー及びセキュリティを確保した上で、データの利活用を推進することが重要であること、（２）テレワークや遠隔教育の推進に当たっては、セキュリティを確保するとともに、ブロードバンド基盤の整備を図るべきであること、（３）フェイクニュースや偽情報への対応に当たっては、表現の自由を尊重しつつ、民間企業や研究者と連携して効果的な対策を講じるべきであることを指摘しました。

overview-4 = 会合の結果、新型コロナウイルス感染症への対応におけるデジタル技術の有効性が確認され、デジタル技術の更なる活用を促す大臣声明が採択されました。

key-points-ministerial = 大臣声明のポイント

key-points-ministerial-1 = 新型コロナウイルス感染症への対応におけるデジタル技術及びデジタル政策の重要性を強調するとともに、「G20デジタル経済大臣臨時会合（テレビ会議）におけるCOVID-19対応声明」で表明された、デジタル技術を活用するとの閣僚レベルのコミットメントを再確認しました。
key-points-ministerial-2 = その上で、主に以下の点について合意しました。

key-points-ministerial-3 = テレワークを始めとする社会的距離を確保するための取組の推進により、インターネットへの接続はこれまで以上に重要となっている。
key-points-ministerial-4 = こうした状況を踏まえ、特に電気通信事業者を含む民間部門及び市民社会と緊急に連携し、包摂的で安全かつ安価な接続を飛躍的に拡大することが不可欠である。
key-points-ministerial-5 = 新型コロナウイルス感染症に関するデータを共有する際には、個人のプライバシー及びデータセキュリティを保護するための、倫理的で、相互運用性があり、透明性が高く、かつ安全な手法の必要性を認識することが不可欠である。
key-points-ministerial-6 = デジタル経済におけるセキュリティリスクに対処し、安全・安心なオンライン環境を確保するため、ベストプラクティスを共有することが不可欠である。
key-points-ministerial-7 = 感染症に対処するための各国のデジタル政策や教訓を共有することが不可欠であり、これはG20のみならず、開発途上国を含む全ての国にとって有益である。

key-points-ministerial-8 = （参考）G20デジタル経済大臣臨時会合（テレビ会議）におけるCOVID-19対応声明（英文）

key-points-ministerial-9 = https://www.soumu.go.jp/main_content/000686022.pdf（PDF）

contact = 連絡先

contact-1 = 総務省国際戦略局国際政策課

contact-2 = 担当：山本課長補佐、佐藤係長

contact-4 = 電話：03-5253-5920

contact-5 = ＦＡＸ：03-5253-5924
