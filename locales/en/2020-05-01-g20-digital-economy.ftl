### honyaku: source catalog of "2020-05-01-g20-digital-economy" in en, generated from source_texts/en/2020-05-01-g20-digital-economy.txt.
### honyaku: edit the source text and run `honyaku sync`; this file is rewritten from it.

release-date = May 1, 2020

title = Results of Extraordinary G20 Digital Economy Ministerial Meeting (Virtual Meeting)

intro-1 = An extraordinary G20 digital economy ministerial meeting was held in the form of a video conference on April 30, 2020, which TERADA Minoru, State Minister for Internal Affairs and Communications attended.
intro-2 = In addition to leaders of G20 member countries and regions, invited countries and related international organizations (the ITU and OECD) participated.
intro-3 = To counter novel coronavirus infection (COVID-19), the participants confirmed that the G20 would strengthen international cooperation for expanding the use of digital technologies and adopted a ministerial statement.

date = Date

date-1 = Thursday, April 30, 2020 *In the form of a video conference

participating-countries-regions = Participating countries, regions, and international organizations

participating-countries-regions-1 = G20 member countries and regions Japan, Saudi Arabia (Presidency), Argentina, Australia, Brazil, Canada, China, European Union (EU), France, Germany, India, Italy, Mexico, South Korea, South Africa, Russia, Turkey, United Kingdom, and United States

participating-countries-regions-2 = Of the G20 members, Indonesia was absent from this meeting.

participating-countries-regions-3 = Countries invited Jordan, Rwanda, Singapore, Spain, Switzerland, United Arab Emirates (UAE), and Vietnam

participating-countries-regions-4 = International organizations International Telecommunication Union (ITU) and Organization for Economic Co-operation and Development(OECD)

overview = Overview

overview-1 = In response to the global spread of novel coronavirus infection (COVID-19), this meeting was proposed by the G20 Saudi Presidency to enable the G20 to work together and expand the use of digital technologies in combating the infectious disease.

overview-2 = The Ministry of Internal Affairs and Communications sent TERADA Minoru, State Minister for Internal Affairs and Communications, to the meeting.
overview-3 = He pointed out: (1) It would be important to promote data utilization after ensuring the secrecy of communication, privacy, and security. (2) Security should be ensured, and broadband infrastructure should be improved in promoting telework and remote education. (3) Effective measures should be taken for the handling of fake news and disinformation while respecting freedom of expression and by cooperating with private companies and researchers.

overview-4 = As a result of the meeting, the participants confirmed the effectiveness of digital technologies in responding to novel coronavirus infection. Accordingly, they adopted the ministerial statement urging the further utilization of digital technologies.

key-points-ministerial = Key points of the ministerial statement

key-points-ministerial-1 = The participants emphasized the importance of digital technologies and policies in responding to novel coronavirus infection and reaffirmed the ministerial-level commitment to leverage digital technologies as expressed in the COVID-19 Response Statement in the Extraordinary G20 Digital Economy Ministerial Meeting (Virtual Meeting).
key-points-ministerial-2 = They have agreed on the following key points.

key-points-ministerial-3 = Connections to the Internet have become more important than ever as a result of the promotion of telework and other measures for securing social distance.
key-points-ministerial-4 = In light of the situation, it is essential to work urgently with the private sector, including telecommunications business operators and civil society, in particular, and dramatically expand inclusive, secure, and inexpensive connections.
key-points-ministerial-5 = It is essential to recognize the necessity of ethical, interoperable, transparent, and secure methods to protect individual privacy and data security when sharing data on novel coronavirus infection.
key-points-ministerial-6 = It is essential to share best practices to counter the security risks of the digital economy and ensure a safe and secure online environment.
key-points-ministerial-7 = It is essential to share the digital policies and lessons of each country to deal with the infectious disease. This is useful not only for the G20 but for all countries, including developing countries.

key-points-ministerial-8 = COVID-19 Response Statement in the Extraordinary G20 Digital Economy Ministerial Meeting

key-points-ministerial-9 = https://www.soumu.go.jp/main_content/000686022.pdf PDF)

contact = Contact

contact-6 = For further information about this press release, please fill in the inquiry form and submit it to MIC on the website

contact-7 = https://www.soumu.go.jp/common/english_opinions.html

contact-1 = International Policy Division, Global Strategy Bureau, MIC

contact-4 = TEL: +81 3 5253 5920

contact-5 = FAX: +81 3 5253 5924
