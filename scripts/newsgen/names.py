"""Name lists for the generated world. Invented people, companies and towns;
real countries, states, cities and big institutions (as names only)."""

# ------------------------------------------------------------------ people

FIRST = """
James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew
Mark Paul Steven Andrew Kenneth George Edward Brian Ronald Timothy Jason Jeffrey Ryan
Gary Eric Stephen Jonathan Larry Frank Scott Justin Brandon Gregory Samuel Patrick
Raymond Jack Dennis Jerry Walter Peter Harold Douglas Henry Carl Arthur Roger Keith
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa
Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah
Stephanie Rebecca Laura Sharon Cynthia Kathleen Amy Angela Helen Anna Brenda Pamela
Nicole Emma Samantha Katherine Christine Rachel Catherine Carolyn Janet Maria Heather
Diane Julie Joyce Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea
Hiroshi Takeshi Kenji Yuki Satoshi Akira Haruto Naoko Yoko Keiko Masahiro Tomoko
Wei Li Jian Mei Xiaoming Hua Jun Lan Ming Yan
Rajesh Priya Anil Sunita Vikram Deepa Arjun Kavita Sanjay Nisha
Mohammed Ahmed Fatima Omar Layla Youssef Khalid Amira Hassan Nadia
Hans Klaus Jurgen Wolfgang Ulrich Petra Monika Sabine Dieter Ingrid
Pierre Jean-Luc Francois Claire Sophie Nathalie Laurent Isabelle Thierry Celine
Carlos Luis Javier Miguel Ana Lucia Sofia Diego Alejandro Elena
Giovanni Marco Luca Francesca Giulia Paolo Chiara
Olusegun Chinedu Ngozi Amaka Kwame Abena Tendai Thandiwe
Sergei Dmitri Olga Natalia Ivan Tatiana Piotr Agnieszka Tomasz
Lars Ingrid Sven Astrid Erik Freya Nils
Seamus Siobhan Declan Niamh Aoife Ciaran
Min-jun Ji-woo Seo-yeon Hye-jin
"""

SURNAMES = """
Abernathy Ackerly Aldridge Ashdown Bancroft Barlow Beckwith Bellamy Blakemore Brannigan
Brightwell Calloway Carraway Castellano Chadwick Colquitt Corrigan Cromwell Dalrymple
Danforth Delacroix Dunmore Eastwick Ellery Fairbanks Falkner Farrow Fenwick Garland
Garrity Gilchrist Greaves Hadley Halloran Hargrove Hartwell Haverford Holloway Huxley
Kendrick Kessler Kincaid Lambert Langford Lockhart Lowell Mabry Marchetti Merriweather
Middleton Montague Morrow Northcott Oakes Ormsby Pemberton Prescott Quimby Radcliffe
Ransome Redfield Rutledge Sandoval Sheffield Slater Stanhope Sterling Stroud Talbot
Thackeray Thornbury Trowbridge Underwood Vance Waverly Whitcombe Whitlock Winslow Yardley
O'Leary O'Brien O'Neill O'Donnell O'Malley O'Hara D'Amico D'Souza
McAllister McCready MacLeod McGowan McKinnon Fitzgerald FitzHugh
Okafor Adeyemi Mensah Okonkwo Nwosu Boateng Chukwu Mutasa Dlamini Abiodun
Tanaka Watanabe Yamamoto Nakamura Kobayashi Saito Matsuda Ishikawa Hayashi Fujimoto
Zhang Chen Wang Liu Huang Zhao Zhou Xu Lin Guo
Patel Sharma Gupta Iyer Reddy Mehta Kapoor Banerjee Nair Chatterjee
Haddad Nasser Khalil Mansour Farouk Saleh Hamdan Aziz
Schreiber Brandt Hoffmann Kraus Vogel Lindner Hartmann Zimmer Becker Wendt
Moreau Lefebvre Dubois Girard Rousseau Fontaine Marchand Bertrand
Alvarez Herrera Mendoza Castillo Navarro Ortega Romero Salazar Vargas Delgado
Rossi Bianchi Ferraro Greco Conti Moretti Ricci
Petrov Volkov Sokolov Ivanova Kowalski Nowak Wisniewski
Lindqvist Johansson Nygaard Halvorsen Bergstrom Sandberg
Kim Park Choi Jung Kang
"""

# Surnames with particles and hyphens, written as they are used after the first mention.
SURNAMES_COMPOUND = [
    "van der Berg",
    "van Dijk",
    "de la Cruz",
    "de Souza",
    "von Hallberg",
    "al-Rashid",
    "Smith-Garland",
    "Harper-Quinn",
    "Lloyd-Ashby",
    "Martin-Okoye",
    "Ben-Ami",
    "St. Clair",
]

# ------------------------------------------------------------------ places

# key, name, AP abbreviation, 1980s wire abbreviation
STATES = [
    ("Alabama", "Ala.", "Ala"),
    ("Alaska", "Alaska", "Alaska"),
    ("Arizona", "Ariz.", "Ariz"),
    ("Arkansas", "Ark.", "Ark"),
    ("California", "Calif.", "Calif"),
    ("Colorado", "Colo.", "Colo"),
    ("Connecticut", "Conn.", "Conn"),
    ("Delaware", "Del.", "Del"),
    ("Florida", "Fla.", "Fla"),
    ("Georgia", "Ga.", "Ga"),
    ("Hawaii", "Hawaii", "Hawaii"),
    ("Idaho", "Idaho", "Idaho"),
    ("Illinois", "Ill.", "Ill"),
    ("Indiana", "Ind.", "Ind"),
    ("Iowa", "Iowa", "Iowa"),
    ("Kansas", "Kan.", "Kan"),
    ("Kentucky", "Ky.", "Ky"),
    ("Louisiana", "La.", "La"),
    ("Maine", "Maine", "Maine"),
    ("Maryland", "Md.", "Md"),
    ("Massachusetts", "Mass.", "Mass"),
    ("Michigan", "Mich.", "Mich"),
    ("Minnesota", "Minn.", "Minn"),
    ("Mississippi", "Miss.", "Miss"),
    ("Missouri", "Mo.", "Mo"),
    ("Montana", "Mont.", "Mont"),
    ("Nebraska", "Neb.", "Neb"),
    ("Nevada", "Nev.", "Nev"),
    ("New Hampshire", "N.H.", "N.H."),
    ("New Jersey", "N.J.", "N.J."),
    ("New Mexico", "N.M.", "N.M."),
    ("New York", "N.Y.", "N.Y."),
    ("North Carolina", "N.C.", "N.C."),
    ("North Dakota", "N.D.", "N.D."),
    ("Ohio", "Ohio", "Ohio"),
    ("Oklahoma", "Okla.", "Okla"),
    ("Oregon", "Ore.", "Ore"),
    ("Pennsylvania", "Pa.", "Pa"),
    ("Rhode Island", "R.I.", "R.I."),
    ("South Carolina", "S.C.", "S.C."),
    ("South Dakota", "S.D.", "S.D."),
    ("Tennessee", "Tenn.", "Tenn"),
    ("Texas", "Texas", "Tex"),
    ("Utah", "Utah", "Utah"),
    ("Vermont", "Vt.", "Vt"),
    ("Virginia", "Va.", "Va"),
    ("Washington", "Wash.", "Wash"),
    ("West Virginia", "W.Va.", "W.Va."),
    ("Wisconsin", "Wis.", "Wis"),
    ("Wyoming", "Wyo.", "Wyo"),
]

# real US cities: name, state
US_CITIES = """
Houston,Texas Dallas,Texas Austin,Texas San Antonio,Texas Fort Worth,Texas Midland,Texas
Boston,Massachusetts Cambridge,Massachusetts Worcester,Massachusetts Chicago,Illinois
Peoria,Illinois Detroit,Michigan Dearborn,Michigan Grand Rapids,Michigan Pittsburgh,Pennsylvania
Philadelphia,Pennsylvania Allentown,Pennsylvania Cleveland,Ohio Columbus,Ohio Cincinnati,Ohio
Akron,Ohio Dayton,Ohio Atlanta,Georgia Savannah,Georgia Miami,Florida Tampa,Florida
Orlando,Florida Jacksonville,Florida Seattle,Washington Spokane,Washington Portland,Oregon
San Francisco,California Los Angeles,California San Diego,California San Jose,California
Sacramento,California Oakland,California Santa Clara,California Irvine,California
Denver,Colorado Boulder,Colorado Phoenix,Arizona Tucson,Arizona Minneapolis,Minnesota
St. Paul,Minnesota St. Louis,Missouri Kansas City,Missouri Omaha,Nebraska Des Moines,Iowa
Milwaukee,Wisconsin Madison,Wisconsin Nashville,Tennessee Memphis,Tennessee
Charlotte,North Carolina Raleigh,North Carolina Richmond,Virginia Norfolk,Virginia
Baltimore,Maryland Newark,New Jersey Princeton,New Jersey Stamford,Connecticut
Greenwich,Connecticut Hartford,Connecticut Wilmington,Delaware New Orleans,Louisiana
Baton Rouge,Louisiana Oklahoma City,Oklahoma Tulsa,Oklahoma Salt Lake City,Utah
Las Vegas,Nevada Reno,Nevada Albany,New York Rochester,New York Buffalo,New York
Indianapolis,Indiana Louisville,Kentucky Birmingham,Alabama Little Rock,Arkansas
Boise,Idaho Anchorage,Alaska Honolulu,Hawaii Providence,Rhode Island Burlington,Vermont
Manchester,New Hampshire Wichita,Kansas Albuquerque,New Mexico Charleston,South Carolina
Billings,Montana Fargo,North Dakota Cheyenne,Wyoming
"""

# invented towns (not real places): name, state
TOWNS = """
Millbrook,Ohio Harlow Springs,Texas Cedar Bluff,Iowa East Tarrant,Pennsylvania
Port Ellery,Maine Greyhaven,Michigan Larkspur Falls,Oregon New Carlow,Wisconsin
Wendover Junction,Nebraska Fairlight,Georgia Ostrander Mills,Indiana Marlowe Heights,Illinois
Sutter's Crossing,California Bracken Hill,Kentucky Kessler Park,Missouri Ashby Ridge,Virginia
Tolland Creek,Colorado Brennan's Ferry,Louisiana Elk Hollow,Montana Quarry Point,Vermont
Halvard,Minnesota Dunmore Flats,Kansas Caddo Bend,Oklahoma Westover Lake,North Carolina
Lyle City,Tennessee Redstone Gap,West Virginia Oxbow,South Dakota Pinecastle,Florida
Saltmarsh,South Carolina Copper Mesa,Arizona Mercer Falls,New York Glenwick,New Jersey
"""

# foreign cities: name, country key
WORLD_CITIES = """
Tokyo:Japan Osaka:Japan Nagoya:Japan Yokohama:Japan London:United_Kingdom
Manchester:United_Kingdom Edinburgh:United_Kingdom Frankfurt:Germany Munich:Germany
Hamburg:Germany Stuttgart:Germany Bonn:Germany Berlin:Germany Paris:France Lyon:France
Zurich:Switzerland Geneva:Switzerland Basel:Switzerland Hong Kong:Hong_Kong Singapore:Singapore
Sydney:Australia Melbourne:Australia Perth:Australia Toronto:Canada Montreal:Canada
Vancouver:Canada Calgary:Canada Ottawa:Canada Seoul:South_Korea Busan:South_Korea
Taipei:Taiwan Beijing:China Shanghai:China Shenzhen:China Mumbai:India New Delhi:India
Bangalore:India Brussels:Belgium Antwerp:Belgium Amsterdam:Netherlands Rotterdam:Netherlands
The Hague:Netherlands Milan:Italy Rome:Italy Turin:Italy Madrid:Spain Barcelona:Spain
Stockholm:Sweden Gothenburg:Sweden Oslo:Norway Copenhagen:Denmark Helsinki:Finland
Vienna:Austria Mexico City:Mexico Monterrey:Mexico Sao Paulo:Brazil Rio de Janeiro:Brazil
Brasilia:Brazil Buenos Aires:Argentina Johannesburg:South_Africa Cape Town:South_Africa
Lagos:Nigeria Abuja:Nigeria Nairobi:Kenya Cairo:Egypt Riyadh:Saudi_Arabia Dubai:United_Arab_Emirates
Abu Dhabi:United_Arab_Emirates Tel Aviv:Israel Jerusalem:Israel Istanbul:Turkey Ankara:Turkey
Moscow:Russia Warsaw:Poland Jakarta:Indonesia Manila:Philippines Bangkok:Thailand
Kuala Lumpur:Malaysia Wellington:New_Zealand Auckland:New_Zealand Caracas:Venezuela
Bogota:Colombia Santiago:Chile Lima:Peru Kuwait:Kuwait Tehran:Iran Baghdad:Iraq
Lisbon:Portugal Athens:Greece Dublin:Ireland Hanoi:Vietnam Karachi:Pakistan Dhaka:Bangladesh
"""

# key | name | other forms (comma-separated) | demonym | demonym plural | era ("" both, "old", "new")
COUNTRIES = """
United_States|United States|U.S.,US,America|American|Americans|
United_Kingdom|Britain|Britain,UK,U.K.|British|Britons|
Japan|Japan||Japanese|Japanese|
Germany|Germany||German|Germans|new
West_Germany|West Germany||West German|West Germans|old
France|France||French|French|
Italy|Italy||Italian|Italians|
Canada|Canada||Canadian|Canadians|
China|China||Chinese|Chinese|
Soviet_Union|Soviet Union|USSR|Soviet|Soviets|old
Russia|Russia||Russian|Russians|new
India|India||Indian|Indians|
Brazil|Brazil||Brazilian|Brazilians|
Mexico|Mexico||Mexican|Mexicans|
Australia|Australia||Australian|Australians|
South_Korea|South Korea||South Korean|South Koreans|
Taiwan|Taiwan||Taiwanese|Taiwanese|
Switzerland|Switzerland||Swiss|Swiss|
Netherlands|Netherlands||Dutch|Dutch|
Belgium|Belgium||Belgian|Belgians|
Spain|Spain||Spanish|Spaniards|
Sweden|Sweden||Swedish|Swedes|
Norway|Norway||Norwegian|Norwegians|
Denmark|Denmark||Danish|Danes|
Finland|Finland||Finnish|Finns|
Austria|Austria||Austrian|Austrians|
Saudi_Arabia|Saudi Arabia||Saudi|Saudis|
United_Arab_Emirates|United Arab Emirates|UAE|Emirati|Emiratis|new
Kuwait|Kuwait||Kuwaiti|Kuwaitis|
Iran|Iran||Iranian|Iranians|
Iraq|Iraq||Iraqi|Iraqis|
Israel|Israel||Israeli|Israelis|
Egypt|Egypt||Egyptian|Egyptians|
Turkey|Turkey||Turkish|Turks|
Nigeria|Nigeria||Nigerian|Nigerians|
South_Africa|South Africa||South African|South Africans|
Kenya|Kenya||Kenyan|Kenyans|
Indonesia|Indonesia||Indonesian|Indonesians|
Malaysia|Malaysia||Malaysian|Malaysians|
Philippines|Philippines||Filipino|Filipinos|
Thailand|Thailand||Thai|Thais|
Singapore|Singapore||Singaporean|Singaporeans|
Hong_Kong|Hong Kong||||
New_Zealand|New Zealand||New Zealand|New Zealanders|
Argentina|Argentina||Argentine|Argentines|
Chile|Chile||Chilean|Chileans|
Colombia|Colombia||Colombian|Colombians|
Peru|Peru||Peruvian|Peruvians|
Venezuela|Venezuela||Venezuelan|Venezuelans|
Poland|Poland||Polish|Poles|
Portugal|Portugal||Portuguese|Portuguese|
Greece|Greece||Greek|Greeks|
Ireland|Ireland||Irish|Irish|
Vietnam|Vietnam||Vietnamese|Vietnamese|
Pakistan|Pakistan||Pakistani|Pakistanis|
Bangladesh|Bangladesh||Bangladeshi|Bangladeshis|
Ukraine|Ukraine||Ukrainian|Ukrainians|new
"""

REGIONS = [  # LOC: key, name, alternative
    ("Gulf_of_Mexico", "Gulf of Mexico", "Gulf"),
    ("North_Sea", "North Sea", ""),
    ("Persian_Gulf", "Persian Gulf", "Gulf"),
    ("Strait_of_Hormuz", "Strait of Hormuz", ""),
    ("South_China_Sea", "South China Sea", ""),
    ("Middle_East", "Middle East", ""),
    ("Europe", "Europe", ""),
    ("Asia", "Asia", ""),
    ("Latin_America", "Latin America", ""),
    ("Midwestern_United_States", "Midwest", ""),
    ("Silicon_Valley", "Silicon Valley", ""),
    ("Wall_Street", "Wall Street", ""),
    ("Pacific_Ocean", "Pacific", ""),
    ("Southeast_Asia", "Southeast Asia", ""),
    ("Baltic_Sea", "Baltic", ""),
    ("Rhine", "Rhine", ""),
    ("Red_Sea", "Red Sea", ""),
    ("Black_Sea", "Black Sea", ""),
    ("Gulf_Coast_of_the_United_States", "Gulf Coast", ""),
    ("Sahel", "Sahel", ""),
    ("Arctic", "Arctic", ""),
    ("Taiwan_Strait", "Taiwan Strait", ""),
]

# ------------------------------------------------------------------ companies

ROOT_A = """Nor Hal Bel Cal Dun Mar Ash Ever Ken Lun Ori Vel Tam Quin Sar Bram Cor Dal Fen Gil
Hav Kel Lor Mer Pem Ros Stan Tor Wex Yar Zan Ald Bryn Cres Dor Ell Far Glen Hol Jas Kin Lyn
Mon Nev Osk Pell Rav Sel Tre Ulm Var Wyn Ard Brae Chel Dray Elm Gar Hart Iver Lang Mead Oak
Pres Red Sil Thorn West""".split()
ROOT_B = """brook ton field mark gate ridge wood stone haven crest dale ford more wick line vale
port tek ara ix ona ex ium ova era on well bury wyn son ley""".split()

SECTORS = {
    "energy": [
        "Petroleum",
        "Energy",
        "Oil",
        "Resources",
        "Gas",
        "Pipeline",
        "Drilling",
        "Exploration",
    ],
    "bank": [
        "Bancorp",
        "Financial",
        "Savings Bank",
        "Bankshares",
        "Capital",
        "Trust",
        "Federal Savings",
    ],
    "tech": [
        "Systems",
        "Technologies",
        "Software",
        "Microdevices",
        "Data",
        "Semiconductor",
        "Networks",
        "Computer",
    ],
    "industrial": [
        "Industries",
        "Manufacturing",
        "Steel",
        "Machinery",
        "Chemicals",
        "Materials",
        "Engineering",
    ],
    "consumer": ["Stores", "Foods", "Brands", "Apparel", "Beverages", "Home Furnishings"],
    "health": ["Pharmaceuticals", "Medical", "Health", "Biosciences", "Diagnostics"],
    "transport": ["Airlines", "Shipping", "Freight", "Motors", "Rail", "Logistics"],
    "media": ["Communications", "Media", "Publishing", "Broadcasting"],
    "mining": ["Mining", "Minerals", "Gold Mines", "Metals"],
    "agri": ["Grain", "Farms", "Agricultural", "Seed"],
    "insurance": ["Insurance", "Assurance", "Underwriters"],
    "realestate": ["Realty", "Properties", "Land", "Development"],
}

# country key: (legal forms wire, legal forms modern: (short, long))
LEGAL = {
    "United_States": (
        ["Inc", "Corp", "Co"],
        [("Inc.", "Inc."), ("Corp.", "Corporation"), ("Co.", "Company")],
    ),
    "United_Kingdom": (["PLC", "Ltd"], [("PLC", "PLC"), ("Ltd.", "Limited"), ("plc", "plc")]),
    "Germany": (["AG", "GmbH"], [("AG", "AG"), ("GmbH", "GmbH")]),
    "Japan": (["Co Ltd", "Corp", "KK"], [("Co.", "Co., Ltd."), ("Corp.", "Corporation")]),
    "France": (["SA"], [("SA", "S.A."), ("SE", "SE")]),
    "Netherlands": (["NV"], [("NV", "N.V.")]),
    "Switzerland": (["AG", "SA"], [("AG", "AG")]),
    "Canada": (["Ltd", "Inc"], [("Ltd.", "Limited"), ("Inc.", "Inc.")]),
    "Australia": (["Ltd"], [("Ltd.", "Limited")]),
}

# real companies: key, full modern, legal modern, short, wire form, country, sector, extra short, era
REAL_COMPANIES = [
    (
        "Toyota",
        "Toyota Motor Corporation",
        "Toyota Motor Corp.",
        "Toyota",
        "Toyota Motor Corp",
        "Japan",
        "transport",
        "",
        "",
    ),
    (
        "Honda",
        "Honda Motor Co., Ltd.",
        "Honda Motor Co.",
        "Honda",
        "Honda Motor Co Ltd",
        "Japan",
        "transport",
        "",
        "",
    ),
    (
        "Sony",
        "Sony Group Corporation",
        "Sony Group Corp.",
        "Sony",
        "Sony Corp",
        "Japan",
        "tech",
        "",
        "",
    ),
    (
        "Apple_Inc.",
        "Apple Inc.",
        "Apple Inc.",
        "Apple",
        "Apple Computer Inc",
        "United_States",
        "tech",
        "",
        "",
    ),
    (
        "Microsoft",
        "Microsoft Corporation",
        "Microsoft Corp.",
        "Microsoft",
        "Microsoft Corp",
        "United_States",
        "tech",
        "",
        "",
    ),
    (
        "IBM",
        "International Business Machines Corporation",
        "International Business Machines Corp.",
        "IBM",
        "International Business Machines Corp",
        "United_States",
        "tech",
        "IBM",
        "",
    ),
    (
        "General_Motors",
        "General Motors Company",
        "General Motors Co.",
        "General Motors",
        "General Motors Corp",
        "United_States",
        "transport",
        "GM",
        "",
    ),
    (
        "Ford_Motor_Company",
        "Ford Motor Company",
        "Ford Motor Co.",
        "Ford",
        "Ford Motor Co",
        "United_States",
        "transport",
        "",
        "",
    ),
    (
        "Boeing",
        "The Boeing Company",
        "Boeing Co.",
        "Boeing",
        "Boeing Co",
        "United_States",
        "transport",
        "",
        "",
    ),
    (
        "ExxonMobil",
        "Exxon Mobil Corporation",
        "Exxon Mobil Corp.",
        "Exxon",
        "Exxon Corp",
        "United_States",
        "energy",
        "",
        "",
    ),
    (
        "Siemens",
        "Siemens AG",
        "Siemens AG",
        "Siemens",
        "Siemens AG",
        "Germany",
        "industrial",
        "",
        "",
    ),
    (
        "Volkswagen",
        "Volkswagen AG",
        "Volkswagen AG",
        "Volkswagen",
        "Volkswagen AG",
        "Germany",
        "transport",
        "VW",
        "",
    ),
    (
        "Deutsche_Bank",
        "Deutsche Bank AG",
        "Deutsche Bank AG",
        "Deutsche Bank",
        "Deutsche Bank AG",
        "Germany",
        "bank",
        "",
        "",
    ),
    (
        "Nestlé",
        "Nestlé S.A.",
        "Nestlé SA",
        "Nestlé",
        "Nestle SA",
        "Switzerland",
        "consumer",
        "",
        "",
    ),
    (
        "Unilever",
        "Unilever PLC",
        "Unilever PLC",
        "Unilever",
        "Unilever PLC",
        "United_Kingdom",
        "consumer",
        "",
        "",
    ),
    (
        "BP",
        "BP p.l.c.",
        "BP PLC",
        "BP",
        "British Petroleum Co PLC",
        "United_Kingdom",
        "energy",
        "",
        "",
    ),
    (
        "HSBC",
        "HSBC Holdings plc",
        "HSBC Holdings PLC",
        "HSBC",
        "Hongkong and Shanghai Banking Corp",
        "United_Kingdom",
        "bank",
        "",
        "",
    ),
    (
        "Samsung_Electronics",
        "Samsung Electronics Co., Ltd.",
        "Samsung Electronics Co.",
        "Samsung",
        "Samsung Co Ltd",
        "South_Korea",
        "tech",
        "",
        "",
    ),
    (
        "Nvidia",
        "Nvidia Corporation",
        "Nvidia Corp.",
        "Nvidia",
        "",
        "United_States",
        "tech",
        "",
        "new",
    ),
    (
        "Intel",
        "Intel Corporation",
        "Intel Corp.",
        "Intel",
        "Intel Corp",
        "United_States",
        "tech",
        "",
        "",
    ),
    (
        "Tesla,_Inc.",
        "Tesla, Inc.",
        "Tesla Inc.",
        "Tesla",
        "",
        "United_States",
        "transport",
        "",
        "new",
    ),
    (
        "Amazon_(company)",
        "Amazon.com, Inc.",
        "Amazon.com Inc.",
        "Amazon",
        "",
        "United_States",
        "consumer",
        "",
        "new",
    ),
    (
        "Chrysler",
        "Chrysler Corporation",
        "Chrysler Corp.",
        "Chrysler",
        "Chrysler Corp",
        "United_States",
        "transport",
        "",
        "old",
    ),
    (
        "Texaco",
        "Texaco Inc.",
        "Texaco Inc.",
        "Texaco",
        "Texaco Inc",
        "United_States",
        "energy",
        "",
        "old",
    ),
    (
        "Mitsubishi_Corporation",
        "Mitsubishi Corporation",
        "Mitsubishi Corp.",
        "Mitsubishi",
        "Mitsubishi Corp",
        "Japan",
        "industrial",
        "",
        "",
    ),
    (
        "Airbus",
        "Airbus SE",
        "Airbus SE",
        "Airbus",
        "Airbus Industrie",
        "France",
        "transport",
        "",
        "",
    ),
]

BANKS_REAL = [  # key, name, short
    ("Goldman_Sachs", "Goldman Sachs", "Goldman"),
    ("Morgan_Stanley", "Morgan Stanley", "Morgan Stanley"),
    ("JPMorgan_Chase", "JPMorgan", "JPMorgan"),
    ("Barclays", "Barclays", "Barclays"),
    ("UBS", "UBS", "UBS"),
    ("Nomura_Holdings", "Nomura", "Nomura"),
    ("Citigroup", "Citigroup", "Citi"),
    ("Jefferies_Group", "Jefferies", "Jefferies"),
    ("BNP_Paribas", "BNP Paribas", "BNP Paribas"),
]
BANKS_OLD = [
    ("Salomon_Brothers", "Salomon Brothers Inc", "Salomon"),
    ("Merrill_Lynch", "Merrill Lynch and Co", "Merrill Lynch"),
    ("Shearson_Lehman_Brothers", "Shearson Lehman Brothers Inc", "Shearson"),
    ("Morgan_Stanley", "Morgan Stanley and Co", "Morgan Stanley"),
    ("Goldman_Sachs", "Goldman, Sachs and Co", "Goldman Sachs"),
    ("Nomura_Holdings", "Nomura Securities Co", "Nomura"),
    ("Drexel_Burnham_Lambert", "Drexel Burnham Lambert Inc", "Drexel"),
    ("Kidder,_Peabody_&_Co.", "Kidder, Peabody and Co", "Kidder Peabody"),
]

UNIVERSITY_ROOTS = [
    "Harrowgate",
    "Lakeshore",
    "Northfield",
    "Calder",
    "Ellsworth",
    "Brightwater",
    "Westmarch",
    "Pellham",
]

UNIONS = [  # invented unions
    ("United Metalworkers of America", "UMA"),
    ("National Federation of Port Workers", "NFPW"),
    ("Allied Transit Workers Union", "ATWU"),
    ("Electrical and Machine Trades Union", "EMTU"),
    ("Federated Grain Handlers", "FGH"),
    ("Brotherhood of Refinery Operators", "BRO"),
]

PARTIES = [  # NORP: key, singular, plural
    ("Republican_Party_(United_States)", "Republican", "Republicans"),
    ("Democratic_Party_(United_States)", "Democrat", "Democrats"),
]

NEWS_SOURCES = [  # invented outlets: name, domain
    ("The Northgate Times", "northgatetimes.example"),
    ("Meridian Ledger", "meridianledger.example"),
    ("Atlas Newswire", "atlasnewswire.example"),
    ("Clearwater Business Review", "clearwaterbiz.example"),
    ("The Civic Post", "civicpost.example"),
    ("Harbor & Main", "harborandmain.example"),
    ("Pacific Standard Daily", "psdaily.example"),
    ("The Tribune-Courier", "tribunecourier.example"),
    ("Ledger Tech", "ledgertech.example"),
    ("World Desk", "worlddesk.example"),
]

PRODUCT_WORDS_A = """Nimbus Quill Vantage Aurora Kestrel Lumen Orbit Pulse Atlas Cobalt Summit Ember
Harbor Vector Sable Tundra Zephyr Halo Nova Strata Beacon Onyx Falcon Prism""".split()
PRODUCT_WORDS_B = [
    "X2",
    "Pro",
    "Max",
    "Air",
    "One",
    "S",
    "Ultra",
    "Mini",
    "3",
    "5",
    "9",
    "Go",
    "Edge",
    "Neo",
]
PRODUCT_KINDS = {
    "tech": [
        "smartphone",
        "laptop",
        "chip",
        "tablet",
        "headset",
        "smartwatch",
        "router",
        "data-center processor",
        "AI assistant",
    ],
    "transport": [
        "sedan",
        "electric pickup",
        "hybrid SUV",
        "delivery van",
        "regional jet",
        "e-bike",
    ],
    "health": ["drug", "diagnostic test", "insulin pump", "vaccine candidate"],
    "consumer": ["coffee brand", "sneaker line", "cereal", "energy drink"],
    "industrial": ["turbine", "robot arm", "heat pump", "forklift"],
    "energy": ["battery pack", "solar panel", "hydrogen electrolyser"],
}
