"""The notice of 6 March 2025, from ``shared/seeds/003_572aeda89bf1bf84.txt``."""

import datetime

NOTE_INFO = "Det politiska samrådsorganet SRO noterar informationen."

MEETING = {
    "date": datetime.date(2025, 3, 6),
    "start_time": datetime.time(13, 30),
    "end_time": datetime.time(15, 30),
    "form": "in_person",
    "location": "Göteborgsregionens Kommunalförbund, Anders Personsgatan 8 - Göteborg",
    "kind": "ordinary",
    "status": "notice_sent",
}

# (first, last, description) in the notice's order
INVITED = [
    ("Ulrika", "Söderlund", "VGR"),
    ("Helen", "Nordling", "Boråsregionens Kommunalförbund"),
    ("Andreas", "Cerny", "VGR"),
    ("Linnea", "Falkhage", "VGR"),
    ("Helena", "Lundberg Nilsson", "VGR"),
    ("Hanna", "Jönsson", "VGR"),
]

# substitute, replaced
SUBSTITUTIONS = [(("Helen", "Nordling"), ("Magnus", "Haggren"))]

# The annual plan (årshjul) that ends the notice, in item 10: the meetings planned for the rest of 2025,
# each with what is planned for it (matter, what). The notice gives dates only: the meetings are
# assumed to keep the time and form of this one.
PROCESS = "Processen för nytt hälso- och sjukvårdsavtal och lagreglerade överenskommelser"
PRESTUDY = "Förstudie uppföljning god och nära vård"
LOGISTICS = "Styrelsen för logistik Hjälpmedelsförsörjning"
ANNUAL_PLAN_2025 = [
    (datetime.date(2025, 4, 24), [
        ("Vårdinformationsmiljö", "Lägesbeskrivning"),
        ("Uppföljning och analys", "Årsredovisning på länsnivå"),
        (PRESTUDY, "Delrapport"),
        (PROCESS, "Information om nuläge"),
        (LOGISTICS, ""),
    ]),
    (datetime.date(2025, 8, 21), [(PRESTUDY, "Slutrapport"), (PROCESS, "Information om nuläge")]),
    (datetime.date(2025, 9, 1), [
        ("Färdplan – strategi för god och nära vård – fördjupad uppföljning", ""),
        (PROCESS, "Ställningstagande till förslag"),
    ]),
    (datetime.date(2025, 10, 16), [("Dialog om aktuella ärenden", ""), (LOGISTICS, "")]),
    (datetime.date(2025, 11, 13), []),
]  # fmt: skip

# Each item: kind, title, minutes, and what else it has. Items 1–3 take the five minutes from 13.30
# to 13.35 between them (item 4 starts at 13.35) without printing a time, as the notice does.
AGENDA = [
    {
        "kind": "standing",
        "title": "Mötets öppnande",
        "standing": "opening",
        "minutes": 5,
        "show_time": False,
        "children": [
            {"kind": "standing", "standing": "attendance", "title": "närvaro/frånvaro"},
            {"kind": "standing", "standing": "other_questions", "title": "övriga frågor"},
        ],
    },
    {"kind": "standing", "title": "Godkännande av dagens agenda", "standing": "agenda_approval", "show_time": False},
    {
        "kind": "standing",
        "title": "Föregående mötesanteckning",
        "standing": "previous_minutes",
        "show_time": False,
        "body": "<p>2025-01-30 Mötesanteckning SRO</p>",
    },
    {
        "kind": "information",
        "title": "Nytt Hälso- och sjukvårdsavtal med tillhörande överenskommelser",
        "minutes": 20,
        "matter": "Nytt hälso- och sjukvårdsavtal",
        "presenters": [
            ("Marina", "Johansson", "Göteborgsregionen"),
            ("Jeanette", "Olsson", "ordförande strategiska hälso- och sjukvårdsnämnden"),
            ("Ann-Sofie", "Rundberg", "VGR"),
            ("Kristina", "Lännergren", "Västkom"),
        ],
        "body": "<ul><li>Återkoppling från dialogkonferenserna</li></ul>",
        "proposal": "Det politiska samrådsorganet, SRO, noterar informationen.",
    },
    {
        "kind": "information",
        "kind_note": "delrapport",
        "title": "Partsgemensamt utvecklingsarbete",
        "minutes": 20,
        "matter": "Partsgemensamt utvecklingsarbete kring patientsäkerhet",
        "presenters": [("Ann-Sofie", "Rundberg", "VGR"), ("Kristina", "Lännergren", "Västkom")],
        "body": (
            "<ul><li>Det politiska samrådsorganet SRO gav den 30 januari 2025 Västra Götalandsregionen och "
            "Västkom i uppdrag att påbörja partsgemensamt utvecklingsarbete kopplat till patientsäkerhet, "
            "som omfattar avvikelser i samverkan, tvistehantering och ekonomisk reglering.</li></ul>"
        ),
        "proposal": NOTE_INFO,
    },
    {"kind": "break", "title": "Paus", "minutes": 15},
    {
        "kind": "information_position",
        "title": "Ny berednings- och beslutsordning för medlen psykisk hälsa",
        "minutes": 20,
        "matter": "Statsbidrag psykisk hälsa",
        "presenters": [("Ulrika", "Söderlund", "VGR"), ("Helen", "Nordling", "Boråsregionen")],
        "attachments": ["Beslutsunderlag - Statsbidrag psykisk hälsa 2025, SRO.pdf"],
        "proposal": "Det politiska samrådsorganet SRO ställer sig bakom:",
        "clauses": [
            "förslaget till fördelning av länsgemensamma medel avseende Stöd till genomförande och uppföljning "
            "av den nationella strategin, för 2025.",
            "förslaget till fördelning av länsgemensamma medel avseende Samordnade insatser för personer med "
            "komplexa behov med särskilt fokus på samsjuklighet och psykiatrisk heldygnsvård, tvångsvård och "
            "rättspsykiatrisk vård, för 2025.",
            "förslaget till fördelning av länsgemensamma medel avseende Stärkt suicidpreventivt arbete, för 2025.",
            "att de länsgemensamma medlen rekvideras av Västra Götalandsregionen för 2025.",
        ],
    },
    {
        "kind": "information",
        "title": "Dialog om aktuella ärenden under återstående mandatperiod",
        "minutes": 10,
        "presenters": [("Ann-Sofie", "Rundberg", "VGR"), ("Andreas", "Cerny", "VGR"), ("Linnea", "Falkhage", "VGR")],
        "proposal": NOTE_INFO,
    },
    {
        "kind": "information",
        "title": "Aktualisering av regional utvecklingsstrategi 2021 - 2030",
        "minutes": 15,
        "matter": "Regional utvecklingsstrategi för Västra Götaland 2021–2030",
        "presenters": [("Helena", "Lundberg Nilsson", "VGR"), ("Hanna", "Jönsson", "VGR")],
        "attachments": [
            "Information om aktualisering av regional utvecklingsstrategi för Västra Götaland 2021-2030 - "
            "SRO 2025-03-06.pdf"
        ],
        "proposal": NOTE_INFO,
    },
    {
        "kind": "information",
        "title": "Studiebesök Jönköping",
        "minutes": 10,
        "presenters": [("Karin", "Looström Muth", "VGR"), ("Kristina", "Lännergren", "Västkom")],
        "body": "<ul><li>Heldag 2026? (14 januari alternativt 15 januari)</li></ul>",
        "proposal": NOTE_INFO,
    },
    {
        "kind": "other",
        "title": "Övrig information utan föredragning:",
        "standing": "annual_plan",
    },
]
