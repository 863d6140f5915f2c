### honyaku: source catalog of "2021-03-26-5g-regional-deployment-plan" in en, generated from source_texts/en/2021-03-26-5g-regional-deployment-plan.txt.
### honyaku: edit the source text and run `honyaku sync`; this file is rewritten from it.

release-date = March 26, 2021

title = Formulation of the "5G Regional Deployment Promotion Plan" and Results of the Call for Public Comments

intro-1 = The Ministry of Internal Affairs and Communications (MIC) has formulated the "5G Regional Deployment Promotion Plan" (hereinafter referred to as "the Plan") to rapidly deploy the fifth-generation mobile communications system (5G) in all regions of Japan and to use it for solving regional issues and upgrading industries.

intro-2 = In formulating the Plan, MIC invited public comments on the draft Plan from Friday, February 5, 2021 to Monday, March 8, 2021, and received 47 comments.
intro-3 = MIC also publishes the comments received and its views on them.

background = Background

background-1 = 5G is a next-generation mobile communications system featuring "ultra-high speed," "ultra-low latency," and "massive simultaneous connections." In Japan, mobile network operators launched commercial 5G services in March 2020.
background-2 = In addition, a system for "local 5G," under which local companies, local governments, and other entities build their own 5G networks within their buildings or premises, was established in December 2019. As of the end of February 2021, radio station licenses had been granted to a cumulative total of 89 entities.

background-3 = However, 5G base stations have been deployed mainly in urban areas, and services in rural areas remain limited.
background-4 = As of the end of February 2021, the four mobile network operators had established approx. 21,000 5G base stations, and 5G population coverage stood at approx. 32%.
background-5 = With online activities such as telework, remote education, and telemedicine expanding rapidly in the wake of the spread of COVID-19, it has become an urgent task to develop digital infrastructure, including 5G, throughout the country so that no regional disparities arise.

background-6 = Other countries, such as the U.S., the Republic of Korea, and European countries, have successively launched national strategies for nationwide 5G deployment, and the early diffusion of 5G in Japan is also required from the viewpoint of international competitiveness.
background-7 = In light of this situation, MIC has held the "Study Group on the Regional Deployment of 5G" (chaired by Prof. MORITA Kenji, Graduate School of Toto University) since October 2020, and the group held a total of six meetings.
background-8 = The Plan was compiled based on the discussions of the study group.

overview-plan = Overview of the Plan

overview-plan-1 = The Plan compiles measures to be implemented by the end of FY2023 to accelerate the regional deployment of 5G. Its key points are as follows.

targets = Targets

targets-1 = Raise 5G population coverage to 95% or higher nationwide by the end of FY2023.
targets-2 = Aim for approx. 90% or higher in each prefecture as well.
targets-3 = Increase the number of 5G base stations to 210,000 or more by the end of FY2023.
targets-4 = Increase the number of local 5G licensees to 500 or more by the end of FY2023.

targets-5 = "5G population coverage" is calculated by dividing Japan into 500-meter square sections and dividing the total population of the sections reached by 5G signals by the total population.

major-measures = Major measures

major-measures-1 = To achieve the targets, the Plan promotes measures along the following three pillars.

major-measures-2 = Support for infrastructure development
major-measures-3 = MIC will subsidize part of the development costs for local governments, mobile network operators, and other entities that install 5G base stations and other facilities in disadvantaged areas (e.g., remote islands, peninsulas, and mountain villages) (subsidy rate: 1/2, or 2/3 for remote islands).
major-measures-4 = MIC will continue the Project to Promote the Development of Advanced Wireless Environments to eliminate areas without optical fiber.
major-measures-5 = Review of regulations
major-measures-6 = MIC will formulate a policy for assigning new frequency bands during FY2021 to allocate additional spectrum for 5G.
major-measures-7 = To promote infrastructure sharing among operators, MIC will revise the relevant guidelines and clarify the dispute settlement procedures.
major-measures-8 = Promotion of utilization
major-measures-9 = MIC will conduct development and demonstration projects to create models for solving regional issues using local 5G.
major-measures-10 = To roll out best practices nationwide, MIC will compile a collection of case studies and hold briefing sessions for local governments.

major-measures-11 = In addition, MIC will work with relevant ministries and agencies to secure the optical fiber and electric power necessary for 5G deployment.
major-measures-12 = In particular, to secure sites for base stations, MIC will prepare a guidebook for local governments by around summer 2021 to promote the use of public infrastructure such as traffic signals and streetlights.

major-measures-13 = The development and demonstration projects are scheduled to be conducted at approx. 20 locations across the country in FY2021 in the following fields.

major-measures-14 = Agriculture, forestry, and fisheries
major-measures-15 = Healthcare and nursing care
major-measures-16 = Factories and plants
major-measures-17 = Disaster prevention and mitigation
major-measures-18 = Transport and logistics
major-measures-19 = Tourism

major-measures-20 = The entities that will conduct the projects are scheduled to be selected through an open call starting in mid-April 2021.
major-measures-21 = Details of the open call will be announced separately.

related-budget = Related budget

related-budget-1 = As major budgets related to the Plan, a total of approx. 36.5 billion yen has been appropriated in the FY2021 budget and a total of approx. 53.2 billion yen in the third supplementary budget for FY2020.

related-budget-2 = Mobile Phone Coverage Expansion Project: approx. 4.68 billion yen (FY2021 budget)
related-budget-3 = Project to Promote the Development of Advanced Wireless Environments: approx. 3.69 billion yen (FY2021 budget) and approx. 50.0 billion yen (third supplementary budget for FY2020)
related-budget-4 = Development and Demonstration for Realizing Problem-Solving Local 5G, etc.: approx. 6.00 billion yen (FY2021 budget)

related-budget-5 = All amounts are on a national-expenditure basis.
related-budget-6 = Totals may not match due to rounding.

development-related-ordinances = Development of related ordinances

development-related-ordinances-1 = To implement some of the measures under the Plan, MIC today promulgated the Ordinance Partially Amending the Regulations for Enforcement of the Radio Act (MIC Ordinance No. 23 of 2021) and a related public notice (MIC Public Notice No. 58 of 2021).
development-related-ordinances-2 = The amended provisions will come into effect on Thursday, April 1, 2021.

development-related-ordinances-3 = The main points of the amendment are as follows.

development-related-ordinances-4 = For local 5G radio stations, the procedure for relocating a station within the same premises will be simplified from a change permit to a notification.
development-related-ordinances-5 = When multiple mobile network operators share base station equipment, some of the documents attached to license applications may be omitted.
development-related-ordinances-6 = Persons whose plans for establishing 5G base stations have been certified will be required to report every fiscal year on the status of base stations established in accordance with the certified plans.

results-call-public = Results of the call for public comments

results-call-public-1 = A total of 47 comments on the draft Plan were submitted by telecommunications carriers, local governments, related organizations, and individuals.
results-call-public-2 = The breakdown of the submitters is as follows.

results-call-public-3 = Telecommunications carriers: 15
results-call-public-4 = Local governments: 11
results-call-public-5 = Related organizations: 9
results-call-public-6 = Individuals: 12

results-call-public-7 = Based on the comments received, MIC made the necessary revisions to the draft Plan, the main points of which are as follows.

results-call-public-8 = Regarding the targets for base station deployment in rural areas, targets for each prefecture were added.
results-call-public-9 = Regarding the promotion of infrastructure sharing, the dispute settlement procedures were clarified so that consultations between operators proceed smoothly.
results-call-public-10 = A statement was added that MIC will consider how radio usage fees should be set in order to reduce the burden on local 5G licensees.

results-call-public-11 = The comments received and MIC's views on them are provided in Attachment 3.
results-call-public-12 = Comments not directly related to the draft Plan will be used as a reference for future measures.

future-schedule = Future schedule

future-schedule-1 = Based on the Plan, MIC will steadily implement measures for the regional deployment of 5G in cooperation with relevant ministries and agencies, local governments, mobile network operators, and other stakeholders.
future-schedule-2 = In addition, to develop human resources who will lead the use of 5G in regions, MIC will provide training for local government officials from FY2021.
future-schedule-3 = The progress of the Plan will be reviewed approx. once a year at the "5G Regional Deployment Follow-up Meeting," established under the Information and Communications Technology Subcommittee of the Information and Communications Council, and the results of each review will be published and the Plan revised as necessary.

future-schedule-4 = In addition, from April 2021, MIC plans to hold briefing sessions for local governments, local companies, and others at 11 Regional Bureaus of Telecommunications and other offices across the country.
future-schedule-5 = Details such as the schedule will be announced on the website of each Regional Bureau of Telecommunications as soon as they are decided.

reference-results-survey = (Reference) Results of the survey on the use of 5G by local governments

reference-results-survey-1 = According to a survey conducted by MIC from November to December 2020 targeting local governments nationwide (No. of respondents: 1,498; response rate: 83.8%), 27.4% of the respondents answered that they were "considering" or "already using" 5G or local 5G.
reference-results-survey-2 = By type of local government, the figures were 72.3% for prefectures and 85.0% for designated cities, but only 14.6% for towns and villages, indicating that smaller local governments tend to lag behind in the use of 5G.
reference-results-survey-3 = The most common challenges cited for utilization were "high introduction costs" (68.2%), "unclear how to use it" (54.9%), and "a lack of specialized personnel" (47.1%).
reference-results-survey-4 = Based on these results, the Plan includes measures to publicize use cases and develop human resources in addition to financial support.

reference-results-survey-5 = Multiple answers were allowed.
reference-results-survey-6 = Percentages are of the number of responding local governments.

attachments = Attachments

attachments-1 = Attachment 1: Outline of the 5G Regional Deployment Promotion Plan
attachments-2 = Attachment 2: 5G Regional Deployment Promotion Plan (Japanese only)
attachments-3 = Attachment 3: Results of the Call for Public Comments and MIC's Views on the Comments (Japanese only)

contact = Contact

contact-1 = (Regarding the Plan)

contact-2 = Mobile Communications Division, Radio Department, Telecommunications Bureau, MIC

contact-3 = Contact persons: Mr. KOBAYASHI, Ms. NAKAMURA

contact-4 = TEL: +81 3 5253 5893

contact-5 = FAX: +81 3 5253 5946

contact-6 = (Regarding the results of the call for public comments)

contact-7 = Radio Policy Division, Radio Department, Telecommunications Bureau, MIC

contact-8 = Contact persons: Mr. TAKAHASHI, Ms. ITO

contact-9 = TEL: +81 3 5253 5873

contact-10 = FAX: +81 3 5253 5940
