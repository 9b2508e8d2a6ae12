"""The organisation of SRO, transcribed from the real documents in shared/seeds/.

- ``000_388090916073538a.txt``: organisation and members from 2023.
- ``003_572aeda89bf1bf84.txt``: the notice of 6 March 2025 (the composition then).
- ``004_0ee1875f1cad063e.txt``: the notes of 19 October 2022 (the composition of 2019–2022).

Where the documents spell one person two ways, the spelling of the member list is kept:
"Helén Eliasson" (also "Helene"), "Jeanette Olsson" (also "Janette"), "Kristofer Svensson"
(also "Kristoffer"), "Helen Nordling" (also "Helene").
"""

import datetime

BODY = {
    "short_name": "SRO",
    "name": "Det politiska samrådsorganet SRO",
    "subtitle": "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen",
    "description": (
        "Samverkans- och ansvarsfrågor mellan Västra Götalandsregionen och länets 49 kommuner hanteras i "
        "det politiska samrådsorganet, SRO, som består av politiker från Västra Götalandsregionen och VästKom.\n\n"
        "SRO har inget mandat att fatta länsövergripande beslut utan är en samrådsgrupp som avhandlar och "
        "rekommenderar huvudmännen att fatta beslut i frågor som rör samtliga 49 kommuner och "
        "Västra Götalandsregionen.\n\n"
        "Minnesanteckningar, inte protokoll, förs och besluten benämns ställningstaganden. "
        "Minnesanteckningarna godkänns av ordföranden och publiceras här."
    ),
    # "Minnesanteckningar skall undertecknas/godkännas av ordföranden och publiceras på hemsida" (the 2019
    # structure): approved notes go public without a further step.
    "publish_on_approval": True,
    "publish_notice_on_send": True,
}

PARTIES = [
    ("S", "Socialdemokraterna"),
    ("M", "Moderaterna"),
    ("C", "Centerpartiet"),
    ("V", "Vänsterpartiet"),
    ("L", "Liberalerna"),
    ("MP", "Miljöpartiet de gröna"),
    ("KD", "Kristdemokraterna"),
    ("SD", "Sverigedemokraterna"),
]

# key: (official name, common name, short name, kind, parent key)
ORGANISATIONS = {
    "VGR": ("Västra Götalandsregionen", "VGR", "VGR", "region", None),
    "RS": ("Regionstyrelsen", "Regionstyrelsen", "RS", "regional_board", "VGR"),
    "SSN": ("Strategiska hälso- och sjukvårdsnämnden", "SSN", "SSN", "regional_board", "VGR"),
    "HSS": ("Hälso- och sjukvårdsstyrelsen", "HSS", "HSS", "regional_board", "VGR"),
    "VK": ("VästKom", "VästKom", "VästKom", "association", None),
    "GR": ("Göteborgsregionens kommunalförbund", "Göteborgsregionen", "GR", "municipal_association", "VK"),
    "FB": ("Fyrbodals kommunalförbund", "Fyrbodalsregionen", "Fyrbodal", "municipal_association", "VK"),
    "SK": ("Skaraborgs kommunalförbund", "Skaraborg", "Skaraborg", "municipal_association", "VK"),
    "BS": ("Boråsregionen Sjuhärads kommunalförbund", "Boråsregionen", "BRS", "municipal_association", "VK"),
    "VS": ("Vårdsamverkan Västra Götaland", "Vårdsamverkan", "", "other", None),
    "LA": ("Lumell Associates", "Lumell Associates", "", "company", None),
}

TERMS = [
    ("2019–2022", datetime.date(2019, 1, 1), datetime.date(2022, 12, 31)),
    ("2023–2026", datetime.date(2023, 1, 1), datetime.date(2026, 12, 31)),
]

# People who appear only as guests or presenters: (first, last, party, organisation key, title)
GUESTS = [
    ("Ulrika", "Söderlund", None, "VGR", ""),
    ("Helen", "Nordling", None, "BS", ""),
    ("Andreas", "Cerny", None, "VGR", ""),
    ("Linnea", "Falkhage", None, "VGR", ""),
    ("Helena", "Lundberg Nilsson", None, "VGR", ""),
    ("Hanna", "Jönsson", None, "VGR", ""),
    ("Peter", "Amundin", None, "VGR", "enhetschef Läkemedel och hjälpmedel VGR"),
    ("Maria", "Hellström Berhe", None, "VGR", "strateg Ledning VGR"),
    ("Emma", "Övelius", None, "LA", ""),
]

# A membership: (first, last, party, side, category, organisation key, role, title, start, end)
# The seeds show who sat when, not the day each seat began: a seat starts with its term unless a
# later document shows a change, and the officials who were replaced between the 2023 organisation
# document and the notice of March 2025 are taken to have changed at the turn of 2024/2025.
T1_START, T1_END = datetime.date(2019, 1, 1), datetime.date(2022, 12, 31)
T2_START, T2_END = datetime.date(2023, 1, 1), datetime.date(2026, 12, 31)
CHANGE_2025 = datetime.date(2025, 1, 1)
BEFORE_2025 = datetime.date(2024, 12, 31)

POL, OFF, ADM, COM = "politician", "official", "administration", "communication"
VGK, VGR = "vgk", "vgr"

MEMBERSHIPS_2019_2022 = [
    ("Axel", "Josefsson", "M", VGK, POL, "GR", "vice_chair", ""),
    ("Nina", "Miskovsky", "M", VGK, POL, "GR", "member", ""),
    ("Katarina", "Jonsson", "M", VGK, POL, "SK", "member", ""),
    ("Ulf", "Olsson", "S", VGK, POL, "BS", "member", ""),
    ("Martin", "Carling", "C", VGK, POL, "FB", "member", ""),
    ("Anna-Karin", "Skatt", "S", VGK, POL, "SK", "member", ""),
    ("Bengt", "Hilmersson", "C", VGK, POL, "BS", "member", ""),
    ("Lena", "Hult", "S", VGK, POL, "FB", "member", ""),
    ("Johnny", "Magnusson", "M", VGR, POL, "RS", "chair", "ordf. Regionstyrelsen"),
    ("Helén", "Eliasson", "S", VGR, POL, "RS", "member", "vice ordf. Regionstyrelsen"),
    ("Pär", "Lundquist", "L", VGR, POL, "HSS", "member", "ordf. Hälso- och sjukvårdsstyrelsen (HSS)"),
    ("Madeleine", "Jonsson", "MP", VGR, POL, "HSS", "member", "förste vice ordf. HSS"),
    ("Kerstin", "Brunnström", "S", VGR, POL, "HSS", "member", "andre vice ordf. HSS"),
    ("Erik", "Lindskog", None, VGK, OFF, "VK", "member", "direktör VästKom"),
    ("Anneli", "Assmundson Bjerde", None, VGK, OFF, "VK", "member", "beredning VästKom"),
    ("Gitte", "Caous", None, VGK, OFF, "GR", "member", "förbundsdirektör Göteborgsregionen"),
    ("Anna", "Lärk Ståhlberg", None, VGK, OFF, "FB", "member", "förbundsdirektör Fyrbodal"),
    ("Magnus", "Haggren", None, VGK, OFF, "BS", "member", "förbundsdirektör Boråsregionen"),
    ("Kristofer", "Svensson", None, VGK, OFF, "SK", "member", "förbundsdirektör Skaraborg"),
    ("Kaarina", "Sundelin", None, VGR, OFF, "VGR", "member", "tillförordnad hälso- och sjukvårdsdirektör"),
    ("Karin", "Looström Muth", None, VGR, OFF, "VGR", "member", "hälso- och sjukvårdsutvecklingsdirektör"),
    ("Ann-Katrin", "Schutz", None, VGR, OFF, "VGR", "member", "beredning"),
    ("Johanna", "Karlsson Deucher", None, VGR, ADM, "VS", "secretary", "sekreterare Vårdsamverkan"),
    ("Josefin", "Lantz", None, VGR, COM, "VS", "member", "kommunikatör Vårdsamverkan"),
]

# (… , start, end) as in the notice of 6 March 2025 and, for those who left before it, the 2023 document.
MEMBERSHIPS_2023_2026 = [
    ("Miguel", "Odhner", "S", VGK, POL, "GR", "member", "", T2_START, T2_END),
    ("Marina", "Johansson", "S", VGK, POL, "GR", "vice_chair", "", T2_START, T2_END),
    ("Theres", "Sahlström", "M", VGK, POL, "SK", "member", "", T2_START, T2_END),
    ("Ulf", "Olsson", "S", VGK, POL, "BS", "member", "", T2_START, T2_END),
    ("Peter", "Eriksson", "M", VGK, POL, "FB", "member", "", T2_START, T2_END),
    ("Adam", "Johansson", "M", VGK, POL, "SK", "member", "", T2_START, T2_END),
    ("Bengt", "Hilmersson", "C", VGK, POL, "BS", "member", "", T2_START, T2_END),
    ("Dan", "Nyberg", "S", VGK, POL, "FB", "member", "", T2_START, T2_END),
    ("Erik", "Lindskog", None, VGK, OFF, "VK", "member", "direktör VästKom", T2_START, BEFORE_2025),
    ("Anneli", "Assmundson Bjerde", None, VGK, OFF, "VK", "member", "beredning VästKom", T2_START, BEFORE_2025),
    ("Kristina", "Lännergren", None, VGK, OFF, "VK", "member", "direktör Västkom", CHANGE_2025, T2_END),
    ("Malin", "Swärd Davidsson", None, VGK, OFF, "VK", "member", "beredning Västkom", CHANGE_2025, T2_END),
    ("Angela", "Olausson", None, VGK, OFF, "VK", "member", "beredning Västkom", CHANGE_2025, T2_END),
    ("Gitte", "Caous", None, VGK, OFF, "GR", "member", "förbundsdirektör Göteborgsregionen", T2_START, T2_END),
    ("Lena", "Holmlund", None, VGK, OFF, "GR", "member", "extra representant Göteborgsregionen", T2_START, T2_END),
    ("Anna", "Lärk Ståhlberg", None, VGK, OFF, "FB", "member", "förbundsdirektör Fyrbodalsregionen", T2_START, T2_END),
    ("Magnus", "Haggren", None, VGK, OFF, "BS", "member", "förbundsdirektör Boråsregionen", T2_START, T2_END),
    ("Kristofer", "Svensson", None, VGK, OFF, "SK", "member", "förbundsdirektör Skaraborg", T2_START, T2_END),
    ("Helén", "Eliasson", "S", VGR, POL, "RS", "chair", "ordförande Regionstyrelsen", T2_START, T2_END),
    ("Lars", "Holmin", "M", VGR, POL, "RS", "member", "vice ordförande Regionstyrelsen", T2_START, T2_END),
    (
        "Jeanette",
        "Olsson",
        "S",
        VGR,
        POL,
        "SSN",
        "member",
        "ordförande strategiska Hälso- och sjukvårdsnämnden (SSN)",
        T2_START,
        T2_END,
    ),
    ("Carina", "Örgård", "V", VGR, POL, "SSN", "member", "vice ordförande SSN", T2_START, T2_END),
    ("Monika", "Beiring", "M", VGR, POL, "SSN", "member", "andre vice ordförande SSN", T2_START, T2_END),
    (
        "Karin",
        "Looström Muth",
        None,
        VGR,
        OFF,
        "VGR",
        "member",
        "hälso- och sjukvårdsutvecklingsdirektör",
        T2_START,
        T2_END,
    ),
    ("Ann-Sofie", "Rundberg", None, VGR, OFF, "VGR", "member", "beredning VGR", CHANGE_2025, T2_END),
    ("Åsa", "Jackson", None, VGR, OFF, "VGR", "member", "beredning VGR", T2_START, T2_END),
    ("Ann-Katrin", "Schutz", None, VGR, OFF, "VGR", "member", "strateg, beredning", T2_START, BEFORE_2025),
    (
        "Jenny",
        "Nilsson",
        None,
        VGR,
        OFF,
        "VGR",
        "member",
        "processledare för nytt Hälso- och sjukvårdsavtal",
        CHANGE_2025,
        T2_END,
    ),
    ("Rebecca", "Bretvold", None, VGR, ADM, "VGR", "secretary", "Mötessekreterare VGR", T2_START, T2_END),
]
