"""The OParl 1.1 shapes the API claims, as JSON Schema: the required properties and the types of every
property we send, after the specification (https://dev.oparl.org/spezifikation/). Written for this
test from the specification's text; extra properties are allowed, as OParl allows them.
"""

URL = {"type": "string", "pattern": "^https?://"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$"}
STRING = {"type": "string", "minLength": 1}
URLS = {"type": "array", "items": URL}


def _object(name: str, required: list[str], properties: dict) -> dict:
    return {
        "type": "object",
        "required": ["id", "type", *required],
        "properties": {
            "id": URL,
            "type": {"const": f"https://schema.oparl.org/1.1/{name}"},
            "created": DATETIME,
            "modified": DATETIME,
            "web": URL,
            "license": URL,
            "deleted": {"type": "boolean"},
            "keyword": {"type": "array", "items": {"type": "string"}},
            **properties,
        },
    }


FILE = _object("File", ["accessUrl"], {
    "name": STRING, "fileName": STRING, "mimeType": STRING, "size": {"type": "integer", "minimum": 0},
    "date": DATE, "accessUrl": URL, "downloadUrl": URL, "meeting": URLS, "agendaItem": URLS,
    "sha512Checksum": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
})  # fmt: skip

LEGISLATIVE_TERM = _object("LegislativeTerm", [], {"body": URL, "name": STRING, "startDate": DATE, "endDate": DATE})

MEMBERSHIP = _object("Membership", ["organization"], {
    "person": URL, "organization": URL, "role": STRING, "votingRight": {"type": "boolean"},
    "startDate": DATE, "endDate": DATE, "onBehalfOf": URL,
})  # fmt: skip

AGENDA_ITEM = _object("AgendaItem", ["order"], {
    "meeting": URL, "number": {"type": "string"}, "order": {"type": "integer"}, "name": STRING,
    "public": {"type": "boolean"}, "consultation": URL, "result": STRING, "resolutionText": STRING,
    "resolutionFile": FILE, "auxiliaryFile": {"type": "array", "items": FILE}, "start": DATETIME, "end": DATETIME,
})  # fmt: skip

CONSULTATION = _object("Consultation", [], {
    "paper": URL, "agendaItem": URL, "meeting": URL, "organization": URLS, "authoritative": {"type": "boolean"},
    "role": STRING,
})  # fmt: skip

SCHEMAS = {
    "System": _object("System", ["oparlVersion", "body"], {
        "oparlVersion": {"const": "https://schema.oparl.org/1.1/"}, "otherOparlVersions": URLS, "body": URL,
        "name": STRING, "contactEmail": {"type": "string", "format": "email"}, "contactName": STRING,
        "website": URL, "vendor": URL, "product": {"type": "string"},
    }),
    "Body": _object("Body", ["name", "organization", "person", "meeting", "paper", "legislativeTerm"], {
        "system": URL, "shortName": STRING, "name": STRING, "website": URL, "classification": STRING,
        "organization": URL, "person": URL, "meeting": URL, "paper": URL, "agendaItem": URL, "consultation": URL,
        "file": URL, "locationList": URL, "legislativeTermList": URL, "membership": URL,
        "legislativeTerm": {"type": "array", "items": LEGISLATIVE_TERM},
    }),
    "Organization": _object("Organization", ["name"], {
        "body": URL, "name": STRING, "shortName": STRING, "membership": URLS, "meeting": URL,
        "organizationType": STRING, "classification": STRING, "subOrganizationOf": URL,
        "startDate": DATE, "endDate": DATE,
    }),
    "Person": _object("Person", ["name"], {
        "body": URL, "name": STRING, "familyName": STRING, "givenName": STRING,
        "title": {"type": "array", "items": STRING}, "membership": {"type": "array", "items": MEMBERSHIP},
    }),
    "Membership": MEMBERSHIP,
    "LegislativeTerm": LEGISLATIVE_TERM,
    "Meeting": _object("Meeting", ["name", "start"], {
        "name": STRING, "meetingState": STRING, "cancelled": {"type": "boolean"}, "start": DATETIME,
        "end": DATETIME, "organization": URLS, "participant": URLS, "invitation": FILE, "resultsProtocol": FILE,
        "auxiliaryFile": {"type": "array", "items": FILE}, "agendaItem": {"type": "array", "items": AGENDA_ITEM},
    }),
    "AgendaItem": AGENDA_ITEM,
    "File": FILE,
    "Paper": _object("Paper", [], {
        "body": URL, "name": STRING, "reference": STRING, "date": DATE, "paperType": STRING,
        "relatedPaper": URLS, "superordinatedPaper": URLS, "subordinatedPaper": URLS, "mainFile": FILE,
        "auxiliaryFile": {"type": "array", "items": FILE}, "location": {"type": "array"},
        "originatorPerson": URLS, "underDirectionOf": URLS, "originatorOrganization": URLS,
        "consultation": {"type": "array", "items": CONSULTATION},
    }),
    "Consultation": CONSULTATION,
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
