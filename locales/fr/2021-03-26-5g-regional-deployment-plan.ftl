### honyaku: fr translation of "2021-03-26-5g-regional-deployment-plan"; sources: ja, en.
### honyaku: each entry shows its source above it. To translate an entry shown as `# some-id =`,
### honyaku: delete the "# " before the id and write the translation after "=".
### honyaku: "# stale" marks a translation whose source changed: revise it, then delete the mark
### honyaku: and the "was" and "change" lines. Your own comments and messages are kept as written.

# ja: 令和3年3月26日
# en: March 26, 2021
release-date = 26 mars 2021

# ja: 「5G地域展開推進プラン」の策定及び意見募集の結果
# en: Formulation of the "5G Regional Deployment Promotion Plan" and Results of the Call for Public Comments
title = Élaboration du « Plan de promotion du déploiement régional de la 5G » et résultats de l'appel à commentaires

# ja: 総務省は、第5世代移動通信システム（5G）を全国の地域に速やかに展開し、地域の課題解決や産業の高度化につなげるため、「5G地域展開推進プラン」（以下「本プラン」といいます。）を策定しました。
# en: The Ministry of Internal Affairs and Communications (MIC) has formulated the "5G Regional Deployment Promotion Plan" (hereinafter referred to as "the Plan") to rapidly deploy the fifth-generation mobile communications system (5G) in all regions of Japan and to use it for solving regional issues and upgrading industries.
intro-1 = Le ministère des Affaires intérieures et des Communications (MIC) a élaboré le « Plan de promotion du déploiement régional de la 5G » (ci-après dénommé « le Plan ») afin de déployer rapidement le système de communications mobiles de cinquième génération (5G) dans toutes les régions du Japon et de contribuer ainsi à la résolution des problèmes régionaux et à la modernisation des industries.

# ja: 本プランの策定に当たり、令和3年2月5日（金）から同年3月8日（月）までの間、本プラン案に対する意見募集を行ったところ、47件の意見が提出されました。
# en: In formulating the Plan, MIC invited public comments on the draft Plan from Friday, February 5, 2021 to Monday, March 8, 2021, and received 47 comments.
intro-2 = Dans le cadre de l'élaboration du Plan, un appel à commentaires sur le projet de Plan a été mené du vendredi 5 février 2021 au lundi 8 mars 2021 ; 47 commentaires ont été reçus.

# ja: 提出された意見及びそれに対する総務省の考え方を、併せて公表します。
# en: MIC also publishes the comments received and its views on them.
intro-3 = Les commentaires reçus ainsi que les positions du MIC à leur égard sont publiés conjointement.

# ja: 背景
# en: Background
background = Contexte

# ja: 5Gは、「超高速」「超低遅延」「多数同時接続」を特長とする次世代の移動通信システムであり、我が国では令和2年3月に携帯電話事業者による商用サービスが開始されました。
# en: 5G is a next-generation mobile communications system featuring "ultra-high speed," "ultra-low latency," and "massive simultaneous connections." In Japan, mobile network operators launched commercial 5G services in March 2020.
background-1 = La 5G est un système de communications mobiles de nouvelle génération caractérisé par un « très haut débit », une « très faible latence » et des « connexions simultanées massives ». Au Japon, les opérateurs de téléphonie mobile ont lancé leurs services commerciaux en mars 2020.

# ja: また、地域の企業や地方公共団体等が自らの建物内や敷地内で個別に5Gネットワークを構築する「ローカル5G」についても、令和元年12月に制度が整備され、令和3年2月末時点で延べ89者に対して無線局免許が付与されています。
# en: In addition, a system for "local 5G," under which local companies, local governments, and other entities build their own 5G networks within their buildings or premises, was established in December 2019. As of the end of February 2021, radio station licenses had been granted to a cumulative total of 89 entities.
background-2 = Par ailleurs, le régime de la « 5G locale », qui permet notamment aux entreprises locales et aux collectivités territoriales de construire leurs propres réseaux 5G au sein de leurs bâtiments ou sur leurs terrains, a été mis en place en décembre 2019. À la fin février 2021, des licences de station radioélectrique avaient été délivrées à 89 entités au total.

# ja: 一方で、5Gの基地局整備は都市部を中心に進められており、地方部におけるサービスの提供は限定的なものにとどまっています。
# en: However, 5G base stations have been deployed mainly in urban areas, and services in rural areas remain limited.
background-3 = En revanche, le déploiement des stations de base 5G se concentre principalement dans les zones urbaines, et l'offre de services dans les zones rurales demeure limitée.

# ja: 令和3年2月末時点で、携帯電話事業者4者が開設した5G基地局数は約2万1,000局、5G人口カバー率は約32％となっています。
# en: As of the end of February 2021, the four mobile network operators had established approx. 21,000 5G base stations, and 5G population coverage stood at approx. 32%.
background-4 = À la fin février 2021, les 4 opérateurs de téléphonie mobile avaient mis en service environ 21 000 stations de base 5G, et le taux de couverture de la population en 5G s'établissait à environ 32 %.

# ja: 新型コロナウイルス感染症の拡大を契機として、テレワークや遠隔教育、遠隔医療等のオンラインでの活動が急速に広がる中、5Gを始めとするデジタル基盤を全国で整備し、地域間の格差を生じさせないことが喫緊の課題となっています。
# en: With online activities such as telework, remote education, and telemedicine expanding rapidly in the wake of the spread of COVID-19, it has become an urgent task to develop digital infrastructure, including 5G, throughout the country so that no regional disparities arise.
background-5 = Alors que les activités en ligne telles que le télétravail, l'enseignement à distance et la télémédecine se développent rapidement à la suite de la propagation de la COVID-19, il est devenu urgent de déployer sur l'ensemble du territoire les infrastructures numériques, dont la 5G, sans créer de disparités entre les régions.

# ja: 諸外国においても、米国や韓国、欧州各国等が5Gの全国展開に向けた国家戦略を相次いで打ち出しており、国際競争力の観点からも、我が国における5Gの早期普及が求められています。
# en: Other countries, such as the U.S., the Republic of Korea, and European countries, have successively launched national strategies for nationwide 5G deployment, and the early diffusion of 5G in Japan is also required from the viewpoint of international competitiveness.
background-6 = À l'étranger également, les États-Unis, la République de Corée et plusieurs pays européens, entre autres, ont successivement adopté des stratégies nationales de déploiement de la 5G sur l'ensemble de leur territoire ; du point de vue de la compétitivité internationale, une diffusion rapide de la 5G au Japon s'impose également.

# ja: このような状況を踏まえ、総務省では、令和2年10月から「5G地域展開推進検討会」（座長：森田健二　東都大学大学院教授）を開催し、計6回にわたり検討を行いました。
# en: In light of this situation, MIC has held the "Study Group on the Regional Deployment of 5G" (chaired by Prof. MORITA Kenji, Graduate School of Toto University) since October 2020, and the group held a total of six meetings.
background-7 = Dans ce contexte, le MIC a réuni à partir d'octobre 2020 le « Groupe d'étude sur la promotion du déploiement régional de la 5G » (présidé par M. MORITA Kenji, professeur à l'École supérieure de l'Université Toto), qui a tenu 6 réunions au total.

# ja: 本プランは、同検討会における議論を踏まえて取りまとめたものです。
# en: The Plan was compiled based on the discussions of the study group.
background-8 = Le Plan a été établi sur la base des travaux de ce groupe d'étude.

# ja: 本プランの概要
# en: Overview of the Plan
overview-plan = Aperçu du Plan

# ja: 本プランは、5Gの地域展開を加速するため、令和5年度末までに取り組む施策を取りまとめたものであり、主なポイントは以下のとおりです。
# en: The Plan compiles measures to be implemented by the end of FY2023 to accelerate the regional deployment of 5G. Its key points are as follows.
overview-plan-1 = Le Plan rassemble les mesures à mettre en œuvre d'ici la fin de l'exercice 2023 afin d'accélérer le déploiement régional de la 5G. Ses principaux points sont les suivants.

# ja: 目標
# en: Targets
targets = Objectifs

# ja: 5G人口カバー率を、令和5年度末までに全国で95％以上とする。
# en: Raise 5G population coverage to 95% or higher nationwide by the end of FY2023.
targets-1 = Porter le taux de couverture de la population en 5G à 95 % ou plus à l'échelle nationale d'ici la fin de l'exercice 2023.

# ja: 各都道府県においても、90％程度以上を目指す。
# en: Aim for approx. 90% or higher in each prefecture as well.
targets-2 = Viser également un taux d'environ 90 % ou plus dans chaque préfecture.

# ja: 5G基地局数を、令和5年度末までに21万局以上とする。
# en: Increase the number of 5G base stations to 210,000 or more by the end of FY2023.
targets-3 = Porter le nombre de stations de base 5G à 210 000 ou plus d'ici la fin de l'exercice 2023.

# ja: ローカル5Gの免許人数を、令和5年度末までに500者以上とする。
# en: Increase the number of local 5G licensees to 500 or more by the end of FY2023.
targets-4 = Porter le nombre de titulaires de licences de 5G locale à 500 ou plus d'ici la fin de l'exercice 2023.

# ja: 「5G人口カバー率」は、全国を500メートル四方の区画に区切り、5Gの電波が届く区画の人口の合計を総人口で除して算出したものです。
# en: "5G population coverage" is calculated by dividing Japan into 500-meter square sections and dividing the total population of the sections reached by 5G signals by the total population.
targets-5 = Le « taux de couverture de la population en 5G » est calculé en divisant le territoire national en carrés de 500 mètres de côté, puis en divisant la population totale des carrés atteints par les ondes 5G par la population totale.

# ja: 主な施策
# en: Major measures
major-measures = Principales mesures

# ja: 目標の達成に向け、本プランでは、以下の3つの柱に沿って施策を推進します。
# en: To achieve the targets, the Plan promotes measures along the following three pillars.
major-measures-1 = Afin d'atteindre ces objectifs, le Plan met en œuvre des mesures selon les 3 axes suivants.

# ja: インフラ整備の支援
# en: Support for infrastructure development
major-measures-2 = Soutien au développement des infrastructures

# ja: 条件不利地域（離島、半島、山村等）において5G基地局等を整備する地方公共団体や携帯電話事業者等に対し、整備費用の一部を補助します（補助率：2分の1。ただし、離島については3分の2）。
# en: MIC will subsidize part of the development costs for local governments, mobile network operators, and other entities that install 5G base stations and other facilities in disadvantaged areas (e.g., remote islands, peninsulas, and mountain villages) (subsidy rate: 1/2, or 2/3 for remote islands).
major-measures-3 = Le MIC subventionnera une partie des coûts d'installation supportés par les collectivités territoriales, les opérateurs de téléphonie mobile et les autres entités qui installent des stations de base 5G et d'autres équipements dans les zones défavorisées (îles éloignées, péninsules, villages de montagne, etc.) (taux de subvention : 1/2 ; 2/3 pour les îles éloignées).

# ja: 光ファイバが整備されていない地域の解消に向け、高度無線環境整備推進事業を継続します。
# en: MIC will continue the Project to Promote the Development of Advanced Wireless Environments to eliminate areas without optical fiber.
major-measures-4 = Le MIC poursuivra le Projet de promotion du développement d'environnements sans fil avancés afin de résorber les zones dépourvues de fibre optique.

# ja: 規制の見直し
# en: Review of regulations
major-measures-5 = Révision de la réglementation

# ja: 5G用の周波数を追加で割り当てるため、令和3年度中に新たな周波数帯の割当方針を策定します。
# en: MIC will formulate a policy for assigning new frequency bands during FY2021 to allocate additional spectrum for 5G.
major-measures-6 = Afin d'attribuer des fréquences supplémentaires à la 5G, le MIC élaborera au cours de l'exercice 2021 une politique d'attribution de nouvelles bandes de fréquences.

# ja: 事業者間のインフラシェアリングを促進するため、関係ガイドラインを改正し、紛争処理の手続を明確化します。
# en: To promote infrastructure sharing among operators, MIC will revise the relevant guidelines and clarify the dispute settlement procedures.
major-measures-7 = Afin de favoriser le partage d'infrastructures entre opérateurs, le MIC révisera les lignes directrices pertinentes et clarifiera les procédures de règlement des différends.

# ja: 利活用の促進
# en: Promotion of utilization
major-measures-8 = Promotion de l'utilisation

# ja: ローカル5Gを活用した地域の課題解決モデルを創出するため、開発実証を実施します。
# en: MIC will conduct development and demonstration projects to create models for solving regional issues using local 5G.
major-measures-9 = Le MIC mènera des projets de développement et de démonstration afin de créer des modèles de résolution des problèmes régionaux reposant sur la 5G locale.

# ja: 優良事例を全国に横展開するため、事例集を作成するとともに、地方公共団体向けの説明会を開催します。
# en: To roll out best practices nationwide, MIC will compile a collection of case studies and hold briefing sessions for local governments.
major-measures-10 = Afin de diffuser les bonnes pratiques dans tout le pays, le MIC élaborera un recueil d'exemples et organisera des séances d'information à l'intention des collectivités territoriales.

# ja: このほか、5Gの整備に必要な光ファイバや電力の確保に関し、関係府省と連携して対応を進めます。
# en: In addition, MIC will work with relevant ministries and agencies to secure the optical fiber and electric power necessary for 5G deployment.
major-measures-11 = En outre, le MIC agira en liaison avec les ministères et organismes concernés pour garantir la fibre optique et l'alimentation électrique nécessaires au déploiement de la 5G.

# ja: 特に、基地局の設置場所の確保については、信号機や街灯等の公共インフラの活用を促進するため、地方公共団体向けの手引を令和3年夏頃までに作成します。
# en: In particular, to secure sites for base stations, MIC will prepare a guidebook for local governments by around summer 2021 to promote the use of public infrastructure such as traffic signals and streetlights.
major-measures-12 = En particulier, afin de faciliter l'obtention de sites d'implantation pour les stations de base, le MIC élaborera vers l'été 2021 un guide à l'intention des collectivités territoriales visant à promouvoir l'utilisation des infrastructures publiques telles que les feux de signalisation et l'éclairage public.

# ja: 開発実証は、以下の分野を対象として、令和3年度に全国20か所程度で実施する予定です。
# en: The development and demonstration projects are scheduled to be conducted at approx. 20 locations across the country in FY2021 in the following fields.
major-measures-13 = Les projets de développement et de démonstration devraient être menés au cours de l'exercice 2021 sur environ 20 sites dans tout le pays, dans les domaines suivants.

# ja: 農林水産業
# en: Agriculture, forestry, and fisheries
major-measures-14 = Agriculture, sylviculture et pêche

# Note: dans cette liste (15 à 19), les lignes « en » ne correspondent pas aux lignes « ja » (ordre décalé dans la version anglaise) ; la traduction suit l'original japonais.
# stale: the source changed; revise the translation, then delete this line and the "was" and "change" lines
# ja: 医療・介護
# was en: Disaster prevention and mitigation
# en: Healthcare and nursing care
# change en: [-Disaster prevention and mitigation-]{+Healthcare and nursing care+}
major-measures-15 = Santé et soins de longue durée

# ja: 工場・プラント
# en: Factories and plants
major-measures-16 = Usines et installations industrielles

# stale: the source changed; revise the translation, then delete this line and the "was" and "change" lines
# ja: 防災・減災
# was en: Healthcare and nursing care
# en: Disaster prevention and mitigation
# change en: [-Healthcare-]{+Disaster prevention+} and [-nursing care-]{+mitigation+}
major-measures-17 = Prévention et atténuation des catastrophes

# stale: the source changed; revise the translation, then delete this line and the "was" and "change" lines
# ja: 交通・物流
# was en: Tourism
# en: Transport and logistics
# change en: [-Tourism-]{+Transport and logistics+}
major-measures-18 = Transports et logistique

# stale: the source changed; revise the translation, then delete this line and the "was" and "change" lines
# ja: 観光
# was en: Transport and logistics
# en: Tourism
# change en: [-Transport and logistics-]{+Tourism+}
major-measures-19 = Tourisme

# ja: 実証の実施主体は、令和3年4月中旬から公募により選定する予定です。
# en: The entities that will conduct the projects are scheduled to be selected through an open call starting in mid-April 2021.
major-measures-20 = Les entités chargées de mener les projets devraient être sélectionnées par voie d'appel public à candidatures à partir de la mi-avril 2021.

# ja: 公募の詳細については、別途お知らせします。
# en: Details of the open call will be announced separately.
major-measures-21 = Les modalités de l'appel à candidatures seront communiquées ultérieurement.

# ja: 関連予算
# en: Related budget
# related-budget =

# ja: 本プランに関連する主な予算として、令和3年度予算に総額約365億円、令和2年度第3次補正予算に総額約532億円を計上しています。
# en: As major budgets related to the Plan, a total of approx. 36.5 billion yen has been appropriated in the FY2021 budget and a total of approx. 53.2 billion yen in the third supplementary budget for FY2020.
# related-budget-1 =

# ja: 携帯電話等エリア整備事業　約46.8億円（令和3年度予算）
# en: Mobile Phone Coverage Expansion Project: approx. 4.68 billion yen (FY2021 budget)
# related-budget-2 =

# ja: 高度無線環境整備推進事業　約36.9億円（令和3年度予算）、約500億円（令和2年度第3次補正予算）
# en: Project to Promote the Development of Advanced Wireless Environments: approx. 3.69 billion yen (FY2021 budget) and approx. 50.0 billion yen (third supplementary budget for FY2020)
# related-budget-3 =

# ja: 課題解決型ローカル5G等の実現に向けた開発実証　約60.0億円（令和3年度予算）
# en: Development and Demonstration for Realizing Problem-Solving Local 5G, etc.: approx. 6.00 billion yen (FY2021 budget)
# related-budget-4 =

# ja: 金額は、いずれも国費ベースです。
# en: All amounts are on a national-expenditure basis.
# related-budget-5 =

# ja: 端数処理の関係で、合計が一致しない場合があります。
# en: Totals may not match due to rounding.
# related-budget-6 =

# ja: 関係省令等の整備
# en: Development of related ordinances
# development-related-ordinances =

# ja: 本プランの施策の一部を実施するため、電波法施行規則の一部を改正する省令（令和3年総務省令第23号）及び関係告示（令和3年総務省告示第58号）を本日公布しました。
# en: To implement some of the measures under the Plan, MIC today promulgated the Ordinance Partially Amending the Regulations for Enforcement of the Radio Act (MIC Ordinance No. 23 of 2021) and a related public notice (MIC Public Notice No. 58 of 2021).
# development-related-ordinances-1 =

# ja: 改正後の規定は、令和3年4月1日（木）から施行されます。
# en: The amended provisions will come into effect on Thursday, April 1, 2021.
# development-related-ordinances-2 =

# ja: 今回の改正の主な内容は、以下のとおりです。
# en: The main points of the amendment are as follows.
# development-related-ordinances-3 =

# ja: ローカル5Gの無線局について、同一の敷地内で移設する場合の手続を、変更許可から届出に簡素化します。
# en: For local 5G radio stations, the procedure for relocating a station within the same premises will be simplified from a change permit to a notification.
# development-related-ordinances-4 =

# ja: 複数の携帯電話事業者が基地局設備を共用する場合について、免許申請時の添付書類の一部を省略できることとします。
# en: When multiple mobile network operators share base station equipment, some of the documents attached to license applications may be omitted.
# development-related-ordinances-5 =

# ja: 5G基地局の開設計画の認定を受けた者は、認定計画に従った基地局の開設状況を毎年度報告することとします。
# en: Persons whose plans for establishing 5G base stations have been certified will be required to report every fiscal year on the status of base stations established in accordance with the certified plans.
# development-related-ordinances-6 =

# ja: 意見募集の結果
# en: Results of the call for public comments
# results-call-public =

# ja: 本プラン案に対しては、電気通信事業者、地方公共団体、関係団体及び個人から、計47件の意見が提出されました。
# en: A total of 47 comments on the draft Plan were submitted by telecommunications carriers, local governments, related organizations, and individuals.
# results-call-public-1 =

# ja: 提出者の内訳は、以下のとおりです。
# en: The breakdown of the submitters is as follows.
# results-call-public-2 =

# ja: 電気通信事業者：15件
# en: Telecommunications carriers: 15
# results-call-public-3 =

# ja: 地方公共団体：11件
# en: Local governments: 11
# results-call-public-4 =

# ja: 関係団体：9件
# en: Related organizations: 9
# results-call-public-5 =

# ja: 個人：12件
# en: Individuals: 12
# results-call-public-6 =

# ja: 提出された意見を踏まえ、本プラン案について所要の修正を行いました。主な修正点は、次のとおりです。
# en: Based on the comments received, MIC made the necessary revisions to the draft Plan, the main points of which are as follows.
# results-call-public-7 =

# ja: 地方部における基地局整備の目標について、都道府県単位の目標を追記しました。
# en: Regarding the targets for base station deployment in rural areas, targets for each prefecture were added.
# results-call-public-8 =

# ja: インフラシェアリングの推進に関し、事業者間の協議が円滑に進むよう、紛争処理の手続を明確化しました。
# en: Regarding the promotion of infrastructure sharing, the dispute settlement procedures were clarified so that consultations between operators proceed smoothly.
# results-call-public-9 =

# ja: ローカル5Gの免許人の負担を軽減するため、電波利用料の在り方について検討する旨を追記しました。
# en: A statement was added that MIC will consider how radio usage fees should be set in order to reduce the burden on local 5G licensees.
# results-call-public-10 =

# ja: 提出された意見及びそれに対する総務省の考え方は、別紙3のとおりです。
# en: The comments received and MIC's views on them are provided in Attachment 3.
# results-call-public-11 =

# ja: なお、提出された意見のうち、本プラン案と直接関係しないものについては、今後の施策の参考とさせていただきます。
# en: Comments not directly related to the draft Plan will be used as a reference for future measures.
# results-call-public-12 =

# ja: 意見募集の結果は、電子政府の総合窓口（e-Gov）にも掲載しています。
# results-call-public-13 =

# ja: 今後の予定
# en: Future schedule
# future-schedule =

# ja: 総務省は、本プランに基づき、関係府省や地方公共団体、携帯電話事業者等と連携しながら、5Gの地域展開に向けた施策を着実に実施します。
# en: Based on the Plan, MIC will steadily implement measures for the regional deployment of 5G in cooperation with relevant ministries and agencies, local governments, mobile network operators, and other stakeholders.
# future-schedule-1 =

# ja: 併せて、地域における5Gの活用を担う人材の育成に向け、令和3年度から地方公共団体職員向けの研修を実施します。
# en: In addition, to develop human resources who will lead the use of 5G in regions, MIC will provide training for local government officials from FY2021.
# future-schedule-2 =

# ja: 本プランの進捗状況については、情報通信審議会情報通信技術分科会の下に設置された「5G地域展開フォローアップ会合」において、年1回程度検証を行います。検証の結果は公表するとともに、必要に応じて本プランを見直すこととしています。
# en: The progress of the Plan will be reviewed approx. once a year at the "5G Regional Deployment Follow-up Meeting," established under the Information and Communications Technology Subcommittee of the Information and Communications Council, and the results of each review will be published and the Plan revised as necessary.
# future-schedule-3 =

# ja: また、令和3年4月以降、全国11か所の総合通信局等において、地方公共団体や地域の企業等を対象とした説明会を順次開催する予定です。
# en: In addition, from April 2021, MIC plans to hold briefing sessions for local governments, local companies, and others at 11 Regional Bureaus of Telecommunications and other offices across the country.
# future-schedule-4 =

# ja: 開催日程等の詳細については、決まり次第、各総合通信局等のウェブサイトでお知らせします。
# en: Details such as the schedule will be announced on the website of each Regional Bureau of Telecommunications as soon as they are decided.
# future-schedule-5 =

# ja: （参考）地方公共団体における5Gの利活用に関する調査結果
# en: (Reference) Results of the survey on the use of 5G by local governments
# reference-results-survey =

# ja: 総務省が令和2年11月から12月にかけて全国の地方公共団体を対象に実施した調査（回答数：1,498団体、回答率：83.8％）によれば、5G又はローカル5Gの活用を「検討している」又は「既に活用している」と回答した団体は、全体の27.4％でした。
# en: According to a survey conducted by MIC from November to December 2020 targeting local governments nationwide (No. of respondents: 1,498; response rate: 83.8%), 27.4% of the respondents answered that they were "considering" or "already using" 5G or local 5G.
# reference-results-survey-1 =

# ja: 団体区分別では、都道府県が72.3％、政令指定都市が85.0％であったのに対し、町村は14.6％にとどまっており、規模の小さい団体ほど活用が進んでいない傾向が見られます。
# en: By type of local government, the figures were 72.3% for prefectures and 85.0% for designated cities, but only 14.6% for towns and villages, indicating that smaller local governments tend to lag behind in the use of 5G.
# reference-results-survey-2 =

# ja: 活用に当たっての課題としては、「導入費用が高い」（68.2％）、「活用方法が分からない」（54.9％）、「専門人材が不足している」（47.1％）の順に回答が多くなっています。
# en: The most common challenges cited for utilization were "high introduction costs" (68.2%), "unclear how to use it" (54.9%), and "a lack of specialized personnel" (47.1%).
# reference-results-survey-3 =

# ja: これらの結果を踏まえ、本プランでは、費用面の支援に加え、活用事例の周知や人材育成に関する施策を盛り込んでいます。
# en: Based on these results, the Plan includes measures to publicize use cases and develop human resources in addition to financial support.
# reference-results-survey-4 =

# ja: 複数回答。
# en: Multiple answers were allowed.
# reference-results-survey-5 =

# ja: 割合は、回答団体数に対するもの。
# en: Percentages are of the number of responding local governments.
# reference-results-survey-6 =

# ja: ＜別紙＞
# en: Attachments
# attachments =

# ja: 別紙1　5G地域展開推進プラン（概要）
# en: Attachment 1: Outline of the 5G Regional Deployment Promotion Plan
# attachments-1 =

# ja: 別紙2　5G地域展開推進プラン
# en: Attachment 2: 5G Regional Deployment Promotion Plan (Japanese only)
# attachments-2 =

# ja: 別紙3　意見募集の結果及び意見に対する総務省の考え方
# en: Attachment 3: Results of the Call for Public Comments and MIC's Views on the Comments (Japanese only)
# attachments-3 =

# ja: 連絡先
# en: Contact
# contact =

# ja: （本プランについて）
# en: (Regarding the Plan)
# contact-1 =

# ja: 総務省総合通信基盤局電波部移動通信課
# en: Mobile Communications Division, Radio Department, Telecommunications Bureau, MIC
# contact-2 =

# ja: 担当：小林課長補佐、中村官
# en: Contact persons: Mr. KOBAYASHI, Ms. NAKAMURA
# contact-3 =

# ja: 電話：03-5253-5893
# en: TEL: +81 3 5253 5893
# contact-4 =

# ja: ＦＡＸ：03-5253-5946
# en: FAX: +81 3 5253 5946
# contact-5 =

# ja: （意見募集の結果について）
# en: (Regarding the results of the call for public comments)
# contact-6 =

# ja: 総務省総合通信基盤局電波部電波政策課
# en: Radio Policy Division, Radio Department, Telecommunications Bureau, MIC
# contact-7 =

# ja: 担当：高橋係長、伊藤官
# en: Contact persons: Mr. TAKAHASHI, Ms. ITO
# contact-8 =

# ja: 電話：03-5253-5873
# en: TEL: +81 3 5253 5873
# contact-9 =

# ja: ＦＡＸ：03-5253-5940
# en: FAX: +81 3 5253 5940
# contact-10 =
