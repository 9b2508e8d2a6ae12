"""What the OParl 1.1 standard's own JSON schemas require of each object type the portal serves, as JSON Schema.

Transcribed from the ``schema/`` folder of the OParl/spec repository, version 1.1 (System, Body, Organization,
Person, Membership, LegislativeTerm, AgendaItem, Consultation, Location and File as of commit 9cb563b, Meeting and
Paper as of b1e7140, when those two moved to draft-07 ``$ref``): for every type its ``required`` properties and,
for every property it defines, the JSON type and the format (``url``, ``date``, ``date-time``), the objects it
embeds, and the type a URL refers to (``references``), which the crawler follows. The standard's schemas allow
properties they do not name, and so do these. Only the descriptions are left out.

Two formats the standard names are not JSON Schema's own, so they are written as patterns here: ``url`` (an
absolute http(s) address) and ``date`` (YYYY-MM-DD; a ``date-time`` has a time and a zone, as the standard asks).
"""

URL = {"type": "string", "pattern": "^https?://[^\\s]+$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"}
STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
STRINGS = {"type": "array", "items": STRING}
URLS = {"type": "array", "items": URL}


def _object(name: str, required: list[str], properties: dict, *, deleted=True, stamps=True) -> dict:
    """One type: ``id`` and ``type`` are always required; the common properties are those its schema names
    (Membership, LegislativeTerm, AgendaItem and Consultation name no created, modified or deleted)."""
    common = {"id": URL, "type": {"type": "string", "const": f"https://schema.oparl.org/1.1/{name}"},
              "license": STRING, "keyword": STRINGS, "web": URL}  # fmt: skip
    if stamps:
        common |= {"created": DATETIME, "modified": DATETIME}
    if deleted:
        common["deleted"] = BOOLEAN
    return {"type": "object", "required": ["id", "type", *required], "properties": {**common, **properties}}


LOCATION = _object("Location", [], {
    "description": STRING, "geojson": {"type": "object"}, "streetAddress": STRING, "room": STRING,
    "postalCode": STRING, "subLocality": STRING, "locality": STRING, "bodies": URLS, "organizations": URLS,
    "persons": URLS, "meetings": URLS, "papers": URLS,
})  # fmt: skip

FILE = _object("File", ["accessUrl"], {
    "name": STRING, "fileName": STRING, "mimeType": STRING, "date": DATE, "size": {"type": "integer"},
    "sha1Checksum": STRING, "sha512Checksum": STRING, "text": STRING, "accessUrl": URL, "downloadUrl": URL,
    "externalServiceUrl": URL, "masterFile": URL, "derivativeFile": URLS, "fileLicense": URL, "meeting": URLS,
    "agendaItem": URLS, "paper": URLS,
})  # fmt: skip

LEGISLATIVE_TERM = _object("LegislativeTerm", [], {
    "body": URL, "name": STRING, "startDate": DATE, "endDate": DATE,
}, deleted=False, stamps=False)  # fmt: skip

MEMBERSHIP = _object("Membership", [], {
    "person": URL, "organization": URL, "role": STRING, "votingRight": BOOLEAN, "startDate": DATE,
    "endDate": DATE, "onBehalfOf": URL,
}, deleted=False, stamps=False)  # fmt: skip

AGENDA_ITEM = _object("AgendaItem", [], {
    "meeting": URL, "number": STRING, "name": STRING, "public": BOOLEAN, "consultation": URL, "result": STRING,
    "resolutionText": STRING, "resolutionFile": FILE, "auxiliaryFile": {"type": "array", "items": FILE},
    "start": DATETIME, "end": DATETIME,
}, deleted=False, stamps=False)  # fmt: skip

CONSULTATION = _object("Consultation", [], {
    "paper": URL, "agendaItem": URL, "meeting": URL, "organization": URLS, "authoritative": BOOLEAN,
    "role": STRING,
}, deleted=False, stamps=False)  # fmt: skip

SCHEMAS = {
    "System": _object("System", ["oparlVersion", "body"], {
        "oparlVersion": {"type": "string", "pattern": r"^https://schema\.oparl\.org/1\.(0|1)/$"},
        "otherOparlVersions": URLS, "body": URL, "name": STRING, "contactEmail": STRING, "contactName": STRING,
        "website": URL, "vendor": URL, "product": URL,
    }),
    "Body": _object("Body", ["name", "organization", "person", "meeting", "paper", "legislativeTerm"], {
        "system": URL, "shortName": STRING, "name": STRING, "website": URL, "licenseValidSince": DATETIME,
        "oparlSince": DATETIME, "ags": STRING, "rgs": STRING, "equivalent": URLS, "contactEmail": STRING,
        "contactName": STRING, "organization": URL, "person": URL, "meeting": URL, "paper": URL,
        "legislativeTerm": {"type": "array", "items": LEGISLATIVE_TERM}, "classification": STRING,
        "location": LOCATION,
    }),
    "Organization": _object("Organization", [], {
        "body": URL, "name": STRING, "membership": URLS, "meeting": URL, "shortName": STRING, "post": STRINGS,
        "subOrganizationOf": URL, "organizationType": STRING, "classification": STRING, "startDate": DATE,
        "endDate": DATE, "website": URL, "location": LOCATION, "externalBody": URL,
    }),
    "Person": _object("Person", [], {
        "body": URL, "name": STRING, "familyName": STRING, "givenName": STRING, "formOfAddress": STRING,
        "affix": STRING, "title": STRINGS, "gender": STRING, "phone": STRINGS, "email": STRINGS, "location": URL,
        "status": STRINGS, "membership": {"type": "array", "items": MEMBERSHIP}, "life": STRING,
        "lifeSource": STRING,
    }),
    "Membership": MEMBERSHIP,
    "LegislativeTerm": LEGISLATIVE_TERM,
    "Meeting": _object("Meeting", [], {
        "name": STRING, "meetingState": STRING, "cancelled": BOOLEAN, "start": DATETIME, "end": DATETIME,
        "location": LOCATION, "organization": URLS, "participant": URLS, "invitation": FILE,
        "resultsProtocol": FILE, "verbatimProtocol": FILE, "auxiliaryFile": {"type": "array", "items": FILE},
        "agendaItem": {"type": "array", "items": AGENDA_ITEM},
    }),
    "AgendaItem": AGENDA_ITEM,
    "File": FILE,
    "Paper": _object("Paper", [], {
        "body": URL, "name": STRING, "reference": STRING, "date": DATE, "paperType": STRING,
        "relatedPaper": URLS, "superordinatedPaper": URLS, "subordinatedPaper": URLS, "mainFile": FILE,
        "auxiliaryFile": {"type": "array", "items": FILE}, "location": {"type": "array", "items": LOCATION},
        "originatorPerson": URLS, "underDirectionOf": URLS, "originatorOrganization": URLS,
        "consultation": {"type": "array", "items": CONSULTATION},
    }),
    "Consultation": CONSULTATION,
    "Location": LOCATION,
}  # fmt: skip

# The type each URL-valued property refers to (the schemas' ``references``; "externalList" is a list of that
# type): what a client finds when it follows the link.
REFERENCES = {
    "System": {"body": "list:Body", "otherOparlVersions": "System"},
    "Body": {"system": "System", "organization": "list:Organization", "person": "list:Person",
             "meeting": "list:Meeting", "paper": "list:Paper"},
    "Organization": {"body": "Body", "membership": "Membership", "meeting": "list:Meeting",
                     "subOrganizationOf": "Organization", "externalBody": "Body"},
    "Person": {"body": "Body"},
    "Membership": {"person": "Person", "organization": "Organization", "onBehalfOf": "Organization"},
    "LegislativeTerm": {"body": "Body"},
    "Meeting": {"organization": "Organization", "participant": "Person"},
    "AgendaItem": {"meeting": "Meeting", "consultation": "Consultation"},
    "File": {"masterFile": "File", "derivativeFile": "File", "meeting": "Meeting", "agendaItem": "AgendaItem",
             "paper": "Paper"},
    "Paper": {"body": "Body", "relatedPaper": "Paper", "superordinatedPaper": "Paper", "subordinatedPaper": "Paper",
              "originatorPerson": "Person", "underDirectionOf": "Organization",
              "originatorOrganization": "Organization"},
    "Consultation": {"paper": "Paper", "agendaItem": "AgendaItem", "meeting": "Meeting", "organization":
                     "Organization"},
}  # fmt: skip

LIST = {
    "type": "object",
    "required": ["data", "pagination", "links"],
    "properties": {
        "data": {"type": "array"},
        "pagination": {
            "type": "object",
            "required": ["totalElements", "elementsPerPage", "currentPage", "totalPages"],
            "properties": {k: {"type": "integer", "minimum": 0}
                           for k in ("totalElements", "elementsPerPage", "currentPage", "totalPages")},
        },
        "links": {"type": "object", "required": ["first", "last"],
                  "properties": dict.fromkeys(("first", "prev", "next", "last", "self"), URL)},
    },
}  # fmt: skip
