### honyaku: source catalog of "2022-07-15-radio-usage-fee-public-comment" in en, generated from source_texts/en/2022-07-15-radio-usage-fee-public-comment.txt.
### honyaku: edit the source text and run `honyaku sync`; this file is rewritten from it.

release-date = July 15, 2022

title = Call for Public Comments on the "Draft Cabinet Order Partially Amending the Order for Enforcement of the Radio Act" and Other Drafts Concerning the Revision of Radio Usage Fees

intro-1 = The Ministry of Internal Affairs and Communications (MIC) has prepared the "Draft Cabinet Order Partially Amending the Order for Enforcement of the Radio Act" and the "Draft Ordinance Partially Amending the Regulations for Enforcement of the Radio Act" (hereinafter referred to as "the Drafts") concerning the revision of radio usage fees.

intro-2 = MIC invites public comments on the Drafts from Saturday, July 16, 2022 until 5:00 p.m. on Monday, August 15, 2022.

overview = Overview

overview-1 = Radio usage fees are paid by licensees of radio stations and others to share fairly the costs of administrative work that is carried out to ensure the proper use of radio waves and that directly benefits radio stations as a whole.
overview-2 = The amounts of the fees are to be reviewed every three years.

overview-3 = The Drafts calculate the fee for each type of radio station based on the estimated costs of the common-benefit radio administration required for the three years from FY2023 to FY2025 (approx. 75.0 billion yen per year on average).
overview-4 = The revised fees are scheduled to apply from October 1, 2023.

proposed-revision-fees = Proposed revision of the fees (annual) for major radio stations

proposed-revision-fees-1 = Type of radio station{ "\u0009" }Current{ "\u0009" }Proposed{ "\u0009" }Change

proposed-revision-fees-2 = Mobile phone terminal{ "\u0009" }140 yen{ "\u0009" }130 yen{ "\u0009" }-7.1%

proposed-revision-fees-3 = Mobile phone base station (outdoor){ "\u0009" }26,000 yen{ "\u0009" }24,500 yen{ "\u0009" }-5.8%

proposed-revision-fees-4 = Local 5G base station{ "\u0009" }2,600 yen{ "\u0009" }2,400 yen{ "\u0009" }-7.7%

proposed-revision-fees-5 = Satellite base station{ "\u0009" }178,800 yen{ "\u0009" }165,400 yen{ "\u0009" }-7.5%

proposed-revision-fees-6 = Amateur radio station{ "\u0009" }300 yen{ "\u0009" }300 yen{ "\u0009" }0.0%

proposed-revision-fees-7 = Simple radio station{ "\u0009" }400 yen{ "\u0009" }400 yen{ "\u0009" }0.0%

proposed-revision-fees-8 = All fees in the table are annual amounts per radio station.
proposed-revision-fees-9 = Rates of change are rounded to one decimal place.

drafts-subject-call = Drafts subject to the call for comments

drafts-subject-call-1 = Draft Cabinet Order Partially Amending the Order for Enforcement of the Radio Act
drafts-subject-call-2 = Draft Ordinance Partially Amending the Regulations for Enforcement of the Radio Act

how-obtain-materials = How to obtain the materials

how-obtain-materials-1 = Posted in the "Public Comment" section of the e-Gov portal

how-obtain-materials-2 = https://public-comment.e-gov.go.jp/servlet/Public?CLASSNAME=PCMMSTDETAIL&id=145210388

how-obtain-materials-3 = Posted in the "Press Releases" section of the MIC website

how-obtain-materials-4 = https://www.soumu.go.jp/main_content/000825431.pdf (PDF, Japanese)

how-obtain-materials-5 = Available at the counter of the Radio Usage Fee Planning Office, Radio Policy Division, Radio Department, Telecommunications Bureau, MIC

how-submit-comments = How to submit comments

deadline = Deadline

deadline-1 = Comments must arrive by 5:00 p.m. on Monday, August 15, 2022.

deadline-2 = Comments sent by postal mail must also arrive by the same date and time.

submission-methods = Submission methods

submission-methods-1 = Comment submission form on the e-Gov portal
submission-methods-2 = E-mail: riyoryo-comment@ml.soumu.go.jp
submission-methods-3 = Postal mail: Radio Usage Fee Planning Office, Radio Policy Division, Radio Department, Telecommunications Bureau, Ministry of Internal Affairs and Communications, 2-1-2 Kasumigaseki, Chiyoda-ku, Tokyo 100-8926, Japan
submission-methods-4 = FAX: +81 3 5253 5940

notes = Notes

notes-1 = Please submit comments in accordance with the guidelines for the call for public comments in the attachment.
notes-2 = Please note that comments cannot be accepted by telephone.

notes-3 = Comments submitted may be published, excluding the names of the submitters (or, in the case of corporations or organizations, their names).

notes-4 = Comments must be submitted in Japanese.

future-schedule = Future schedule

future-schedule-1 = MIC plans to enact the Cabinet Order and other regulations after giving due consideration to the comments submitted.

contact = Contact

contact-1 = Radio Usage Fee Planning Office, Radio Policy Division, Radio Department, Telecommunications Bureau, MIC

contact-2 = Contact persons: Mr. WATANABE, Ms. YAMADA, Mr. SUZUKI

contact-3 = TEL: +81 3 5253 5880 (direct)

contact-4 = FAX: +81 3 5253 5940

contact-5 = E-mail: riyoryo-comment@ml.soumu.go.jp
