"""Open data: what the public site shows, as JSON in the shapes of OParl 1.1 (https://oparl.org).

Only published data goes out, read through the same public selectors as the website: meetings with a
published notice or published notes, their agenda items and public files, the people who sit in
the body and their memberships. Never e-mail addresses or phone numbers.

Each function here turns one object into its OParl dictionary; ``Links`` makes the absolute URLs.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.http import urlencode

from meetings.paths import Paths
from meetings.sections import section_reverse
from meetings.services.notices import notice_filename
from members import publication

SCHEMA = "https://schema.oparl.org/1.1/"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"


@dataclass
class Links:
    """Absolute URLs for one answer. A list of 20 meetings names some 1,200 objects, each URL made by
    ``meetings.paths`` (each kind reversed once per process, the ids put in place)."""

    request: object
    _base: str = ""
    _path: Paths = field(default_factory=Paths)
    _zone: datetime.tzinfo = field(default_factory=timezone.get_current_timezone)  # read once, not per time

    def api(self, name: str, **kwargs) -> str:
        return self.absolute(self._path(f"api:{name}", **kwargs))

    def web(self, name: str, **kwargs) -> str:
        return self.absolute(self._path(f"public:{name}", **kwargs))

    def moment(self, date: datetime.date, time: datetime.time) -> str:
        """A date and a time of day in Sweden, as ISO 8601 with its offset: "2015-06-10T13:30:00+02:00"."""
        return datetime.datetime.combine(date, time, tzinfo=self._zone).isoformat()

    def absolute(self, address: str) -> str:
        if not self._base:
            self._base = self.request.build_absolute_uri("/").removesuffix("/")
        return self._base + address


def _type(name: str) -> str:
    return f"{SCHEMA}{name}"


def _stamp(value) -> str | None:
    """A moment as OParl 1.1 §2.4 writes one: yyyy-mm-ddThh:mm:ss±hh:mm (whole seconds)."""
    if isinstance(value, datetime.datetime):
        value = value.replace(microsecond=0)
    return value.isoformat() if value else None


def error(message: str, debug: str = "") -> dict:
    """OParl 1.1 §2.9's error object: its message for a person (in Swedish, as the API's content), and a detail."""
    return {"type": _type("Error"), "message": message, "debug": debug}


def _stamps(row) -> dict:
    """``created`` and ``modified`` of a row that keeps them (``created_at``, ``updated_at``)."""
    return {"created": _stamp(row.created_at), "modified": _stamp(row.updated_at)}


def deleted(links: Links, *, name: str, key: dict, kind: str, created, modified, access_url: str = "") -> dict:
    """An object taken down from the public (OParl 1.1, "Gelöschte Objekte"): its id, type and created kept,
    modified set to when it was taken down, ``deleted`` true, and nothing else but what the type's schema requires
    of every object (a File's ``accessUrl``, where it was; it answers no more)."""
    return _compact({"id": links.api(name, **key), "type": _type(kind), "accessUrl": access_url or None,
                     "created": _stamp(created), "modified": _stamp(modified), "deleted": True})  # fmt: skip


def _compact(data: dict) -> dict:
    """OParl leaves out a property that has no value rather than sending null."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def system(links: Links, *, contact_email: str) -> dict:
    return _compact(
        {
            "id": links.api("system"),
            "type": _type("System"),
            "oparlVersion": SCHEMA,
            "body": links.api("body_list"),
            "name": "SRO-portalen",
            "contactEmail": contact_email,
            "license": LICENSE,
            "website": links.web("home"),
            "product": links.web("api_docs"),  # a URL (the schema's format): the page that describes it
            "vendor": links.web("api_docs"),
        }
    )


def body(links: Links, body, *, terms, first_pk: int) -> dict:
    """A body; its website is its section of the public site (``meetings.sections``: the first body's at /)."""
    pk = body.pk
    website = links.absolute(section_reverse("public:home", body, default_pk=first_pk))
    return _compact(
        {
            "id": links.api("body", pk=pk),
            "type": _type("Body"),
            "system": links.api("system"),
            "name": body.name,
            "shortName": body.short_name,
            "license": LICENSE,
            "website": website,
            "classification": "Politiskt samrådsorgan",
            "organization": links.api("organization_list", body_pk=pk),
            "person": links.api("person_list", body_pk=pk),
            "meeting": links.api("meeting_list", body_pk=pk),
            "agendaItem": links.api("agenda_item_list", body_pk=pk),
            "file": links.api("file_list", body_pk=pk),
            "membership": links.api("membership_list", body_pk=pk),
            "legislativeTermList": links.api("legislative_term_list", body_pk=pk),
            "legislativeTerm": [legislative_term(links, term, body=body) for term in terms],
            "paper": links.api("paper_list", body_pk=pk),
            "consultation": links.api("consultation_list", body_pk=pk),
            "locationList": links.api("location_list", body_pk=pk),
            "web": website,
            **_stamps(body),
        }
    )


def legislative_term(links: Links, term, *, body) -> dict:
    return {
        "id": links.api("legislative_term", pk=term.pk),
        "type": _type("LegislativeTerm"),
        "body": links.api("body", pk=body.pk),
        "name": term.name,
        "startDate": term.start_date.isoformat(),
        "endDate": term.end_date.isoformat(),
        **_stamps(term),
    }


def body_organization(links: Links, body, *, membership_ids) -> dict:
    """The body itself as the group (Gremium) its members sit in."""
    return _compact(
        {
            "id": links.api("body_organization", body_pk=body.pk),
            "type": _type("Organization"),
            "body": links.api("body", pk=body.pk),
            "name": body.name,
            "shortName": body.short_name,
            "organizationType": "Gremium",
            "classification": "Politiskt samrådsorgan",
            "membership": [links.api("membership", pk=pk) for pk in membership_ids],
            "meeting": links.api("meeting_list", body_pk=body.pk),
            "web": links.web("members"),
        }
    )


def organization(links: Links, organisation, *, body) -> dict:
    """An organisation that members represent (a municipality, an association, the region)."""
    return _compact(
        {
            "id": links.api("organization", pk=organisation.pk),
            "type": _type("Organization"),
            "body": links.api("body", pk=body.pk),
            "name": organisation.name,
            "shortName": organisation.short_name or organisation.common_name,
            "organizationType": "Sonstiges",
            "classification": organisation.get_kind_display(),
            "subOrganizationOf": (
                links.api("organization", pk=organisation.parent_id) if organisation.parent_id else None
            ),
            **_stamps(organisation),
        }
    )


def membership(links: Links, membership, *, embedded: bool = False, shown: frozenset | None = None) -> dict:
    """A membership; its organisation (``onBehalfOf``) only where PUBLIC_PERSON_DETAILS publishes it: ``shown`` is
    what the person's page publishes, or else what the membership's category does."""
    shown = publication.published(membership.category) if shown is None else shown
    data = {
        "id": links.api("membership", pk=membership.pk),
        "type": _type("Membership"),
        "person": None if embedded else links.api("person", pk=membership.person_id),
        "organization": links.api("body_organization", body_pk=membership.body_id),
        "role": membership.get_role_display(),
        "startDate": membership.start_date.isoformat(),
        "endDate": _stamp(membership.end_date),
        "onBehalfOf": (
            links.api("organization", pk=membership.organisation_id)
            if membership.organisation_id and "organisation" in shown
            else None
        ),
        **_stamps(membership),
    }
    return _compact(data)


def person(links: Links, person, *, body) -> dict:
    """A person, with their memberships in ``body`` (``body_memberships``, read with the person)."""
    memberships = person.body_memberships
    shown = publication.for_person(memberships)  # only what PUBLIC_PERSON_DETAILS publishes of the person
    named = "name" in shown
    return _compact(
        {
            "id": links.api("person", pk=person.pk),
            "type": _type("Person"),
            "body": links.api("body", pk=body.pk),
            "name": (person.name_with_party if "party" in shown else person.name) if named else None,
            "familyName": person.last_name if named else None,
            "givenName": person.first_name if named else None,
            "title": [person.title] if person.title and "title" in shown else [],
            "membership": [membership(links, m, embedded=True, shown=shown) for m in memberships],
            **_stamps(person),
        }
    )


def file(links: Links, *, oparl_id: str, name: str, file_name: str, mime_type: str, size: int | None, date,
         access_url: str, meeting_pk: int | None = None, item_pk: int | None = None, created=None,
         sha512: str | None = None) -> dict:  # fmt: skip
    return _compact(
        {
            "id": oparl_id,
            "type": _type("File"),
            "name": name,
            "fileName": file_name,
            "mimeType": mime_type,
            "size": size,
            "date": _stamp(date),
            "accessUrl": access_url,
            "downloadUrl": access_url,
            "sha512Checksum": sha512,
            "meeting": [links.api("meeting", pk=meeting_pk)] if meeting_pk else [],
            "agendaItem": [links.api("agenda_item", pk=item_pk)] if item_pk else [],
            "license": LICENSE,
            "created": _stamp(created),
            "modified": _stamp(created),
        }
    )


def attachment_file(links: Links, record: dict, *, item_pk: int, date, created=None) -> dict:
    """A public attachment as the published notice named it (``meetings.selectors.notices.attachment_record``)."""
    return file(
        links,
        oparl_id=links.api("attachment_file", pk=record["id"]),
        name=record["title"],
        file_name=record["file_name"],
        mime_type=record["content_type"] or "application/octet-stream",
        size=record["size"] or None,
        date=date,
        access_url=links.web("attachment", pk=record["id"]),
        item_pk=item_pk,
        created=created,
        sha512=record.get("sha512"),  # frozen with the sending (not kept for files sent before it was)
    )


def notice_file(links: Links, meeting, made=None) -> dict:
    """The published notice's PDF; ``made`` its ``PublicNoticePdf`` (size, SHA-512), once the background made it."""
    file_name = notice_filename(meeting, max(meeting.notice_version, 1))
    return file(
        links,
        oparl_id=links.api("notice_file", meeting_pk=meeting.pk),
        name=file_name.removesuffix(".pdf"),
        file_name=file_name,
        mime_type="application/pdf",
        size=made.size if made else None,
        sha512=made.sha512 if made else None,
        # The day the version was really sent, where a past year was entered afterwards; else the day it was published.
        date=getattr(made, "recorded_sent_on", None) or meeting.notice_published_at.date(),
        access_url=links.web("notice_pdf", pk=meeting.pk),
        meeting_pk=meeting.pk,
        created=meeting.notice_published_at,
    )


def notes_file(links: Links, meeting, version) -> dict:
    return file(
        links,
        oparl_id=links.api("notes_file", meeting_pk=meeting.pk),
        name=version.download_name.removesuffix(".pdf"),
        file_name=version.download_name,
        mime_type="application/pdf",
        size=version.pdf.size if version.pdf else None,
        sha512=version.pdf_sha512 or None,
        # The day the chair really approved, where a past year was entered afterwards; else the day it was published.
        date=version.recorded_approved_on or version.published_at.date(),
        access_url=links.web("minutes_pdf", pk=meeting.pk),
        meeting_pk=meeting.pk,
        created=version.published_at,
    )


def meeting_state(meeting, notes_version, *, notes_withdrawn: bool = False) -> str:
    """OParl's ``meetingState`` as the public record has it: "inställt" once cancelled, "genomfört" once its notes are
    published (and still, if they were withdrawn since: the meeting was held), else "kallat" (a public meeting has a
    published notice or published notes). Not the staff's state: starting the notes marks a meeting held, and the
    secretary may start them before the meeting."""
    if meeting.status == meeting.Status.CANCELLED:
        return "inställt"
    return "genomfört" if notes_version or notes_withdrawn else "kallat"


def meeting(links: Links, meeting, *, rows, resolutions: dict, notes_version, notice_pdf=None,
            embedded_items: bool = True, notes_withdrawn: bool = False) -> dict:  # fmt: skip
    """A meeting; its notice is the invitation, its published notes the results protocol.

    ``rows`` are its items as the published notice sent them; ``resolutions`` the positions of the
    published notes by item id."""
    items = []
    if embedded_items:
        items = [agenda_item(links, row, positions=resolutions.get(row.item_id, [])) for row in rows]
    return _compact(
        {
            "id": links.api("meeting", pk=meeting.pk),
            "type": _type("Meeting"),
            "name": f"{meeting.body.short_name} {meeting.date:%Y-%m-%d}",
            "meetingState": meeting_state(meeting, notes_version, notes_withdrawn=notes_withdrawn),
            "cancelled": meeting.status == "cancelled",
            "start": links.moment(meeting.date, meeting.start_time),
            "end": links.moment(meeting.date, meeting.end_time),
            "organization": [links.api("body_organization", body_pk=meeting.body_id)],
            "invitation": notice_file(links, meeting, notice_pdf) if meeting.notice_published_at else None,
            "resultsProtocol": notes_file(links, meeting, notes_version) if notes_version else None,
            "agendaItem": items,
            "web": links.web("meeting", pk=meeting.pk),
            "created": _stamp(meeting.created_at),
            "modified": _stamp(meeting.public_modified),  # what is read here, not a draft saved since
        }
    )


def agenda_item(links: Links, row, *, positions) -> dict:
    """One item of a published agenda as it was sent (a ``FrozenItem``), on its meeting's date as that version
    had it; the positions the published notes froze for it are its resolution (several in their order, each as
    the notes print it)."""
    start = end = None
    if row.start and row.end:
        start, end = links.moment(row.meeting_date, row.start), links.moment(row.meeting_date, row.end)
    sent = row.frozen_at
    return _compact(
        {
            "id": links.api("agenda_item", pk=row.item_id),
            "type": _type("AgendaItem"),
            "meeting": links.api("meeting", pk=row.meeting_id),
            "number": row.number,
            "order": row.sequence,
            "name": row.title if not row.is_break else "Paus",
            "public": True,
            "resolutionText": "\n\n".join(p.plain_text for p in positions) or None,
            "consultation": links.api("consultation", pk=row.item_id) if row.matter_id else None,
            "auxiliaryFile": [attachment_file(links, a, item_pk=row.item_id, date=sent.date(), created=sent)
                              for a in row.public_attachments],
            "start": start,
            "end": end,
            "web": links.web("meeting", pk=row.meeting_id) + f"#item-{row.item_id}",
            "created": _stamp(sent),
            "modified": _stamp(sent),
        }
    )  # fmt: skip


def consultation(links: Links, row, *, paper_pk: int) -> dict:
    """A matter handled at a meeting: the consultation of its paper on that agenda item (SRO consults; it does
    not decide for its parties, so no consultation is authoritative)."""
    return _compact(
        {
            "id": links.api("consultation", pk=row.item_id),
            "type": _type("Consultation"),
            "paper": links.api("paper", pk=paper_pk),
            "agendaItem": links.api("agenda_item", pk=row.item_id),
            "meeting": links.api("meeting", pk=row.meeting_id),
            "organization": [links.api("body_organization", body_pk=row.meeting.body_id)],
            "authoritative": False,
            "role": "Samråd",
            "license": LICENSE,
            "web": links.web("meeting", pk=row.meeting_id) + f"#item-{row.item_id}",
            "created": _stamp(row.frozen_at),
            "modified": _stamp(row.frozen_at),
        }
    )


def paper(links: Links, matter, *, rows) -> dict:
    """A matter (ärende) as OParl's Paper: its title and the consultations where it was handled (``rows``, the
    public agenda items of the matter and of the matters merged into it, oldest first)."""
    first = min((row.meeting_date for row in rows if row.meeting_date), default=None)
    last = max((row.frozen_at for row in rows), default=matter.created_at)
    return _compact(
        {
            "id": links.api("paper", pk=matter.pk),
            "type": _type("Paper"),
            "body": links.api("body", pk=matter.body_id),
            "name": matter.title,
            "reference": f"{matter.body.short_name}-{matter.pk}",
            "date": first.isoformat() if first else None,
            "paperType": "Ärende",
            "consultation": [consultation(links, row, paper_pk=matter.pk) for row in rows],
            "license": LICENSE,
            "web": links.web("matter", pk=matter.pk),
            "created": _stamp(matter.created_at),
            "modified": _stamp(max(last, matter.created_at)),
        }
    )


def page(links: Links, *, data: list, paginator, number: int, list_name: str, filters: dict | None = None,
         **kwargs) -> dict:  # fmt: skip
    """An OParl list: the objects of one page, the pagination and the links to the other pages (which keep the
    list's date filters, as the standard asks)."""
    first = links.api(list_name, **kwargs)

    def at(n: int) -> str:
        return f"{first}?{urlencode({**(filters or {}), 'page': n})}"

    last = max(paginator.num_pages, 1)
    link = {"first": at(1), "last": at(last), "self": at(number)}
    if number > 1:
        link["prev"] = at(number - 1)
    if number < last:
        link["next"] = at(number + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": paginator.count,
            "elementsPerPage": paginator.per_page,
            "currentPage": number,
            "totalPages": last,
        },
        "links": link,
    }
