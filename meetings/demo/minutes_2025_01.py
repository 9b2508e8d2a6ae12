"""The meeting of 30 January 2025, as far as the notice of 6 March 2025 tells of it.

The notice links its notes ("2025-01-30 Mötesanteckning SRO", item 3) and says, under item 5, that
SRO then gave VGR and Västkom the assignment that item 5 reports back on. That position and
assignment are all that is known: the demo holds only them, with no attendance or other items, so
nothing is invented. Time, form and the date of approval are not in the documents and are assumed.
"""

import datetime

MATTER = "Partsgemensamt utvecklingsarbete kring patientsäkerhet"

MEETING = {
    "date": datetime.date(2025, 1, 30),
    "start_time": datetime.time(13, 30),
    "end_time": datetime.time(15, 30),
    "form": "in_person",
    "location": "Uppgift saknas i underlaget",
    "kind": "ordinary",
    "status": "held",
}

ITEM = {
    "kind": "position",
    "title": "Partsgemensamt utvecklingsarbete",
    "matter": MATTER,
    "position": (
        "Det politiska samrådsorganet SRO ger Västra Götalandsregionen och Västkom i uppdrag att påbörja "
        "partsgemensamt utvecklingsarbete kopplat till patientsäkerhet, som omfattar avvikelser i samverkan, "
        "tvistehantering och ekonomisk reglering."
    ),
}

ASSIGNMENT = {
    "assignees": "Västra Götalandsregionen och Västkom",
    "description": (
        "Påbörja partsgemensamt utvecklingsarbete kopplat till patientsäkerhet, som omfattar avvikelser i "
        "samverkan, tvistehantering och ekonomisk reglering."
    ),
}

APPROVED_BY = ("Helén", "Eliasson")
APPROVED_AT = datetime.datetime(2025, 2, 13, 10, 0)  # assumed: before the notice of 6 March links the notes
