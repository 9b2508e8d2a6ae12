"""A recommendation's raw material: notes approved and published with a position that recommends the parties, its
item's attachment as frozen with them; a position per capsulam; registrar addresses for the parties."""

import datetime

import pytest
from django.core.files.base import ContentFile

from meetings.models import Attachment, Position
from meetings.services import minutes as minutes_services
from members.models import Person
from recommendations.models import Principal
from recommendations.services import recommendation_mark
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

RECOMMENDS = "<div>SRO rekommenderar huvudmännen att var för sig besluta att anta överenskommelsen.</div>"


def approved_notes(chair, secretary, *, publish=True, body=None, date=datetime.date(2025, 4, 24)):
    meeting = MeetingFactory(date=date, **({"body": body} if body else {}))
    person = Person.objects.filter(user=chair).first() or PersonFactory(user=chair)
    if not person.memberships.filter(body=meeting.body, role="chair").exists():
        MembershipFactory(body=meeting.body, person=person, role="chair", start_date=datetime.date(2025, 1, 1),
                          end_date=None)  # fmt: skip
    item = AgendaItemFactory(meeting=meeting, order=1, title="Digitala hjälpmedel", proposals=[RECOMMENDS])
    attachment = Attachment(item=item, title="Överenskommelse", is_public=True, sha256="")
    attachment.file.save("overenskommelse.pdf", ContentFile(b"%PDF-1.4 overenskommelse"), save=True)
    hidden = Attachment(item=item, title="Internt underlag", is_public=False)
    hidden.file.save("internt.pdf", ContentFile(b"%PDF-1.4 internt"), save=True)
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
    version = minutes_services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    if publish:
        minutes_services.minutes_publish(minutes=minutes, by=secretary)
    frozen = Position.objects.get(minutes_version=version, item=item)
    working = Position.objects.get(minutes_version__isnull=True, item=item)
    return {"meeting": meeting, "version": version, "frozen": frozen, "working": working, "attachment": attachment,
            "hidden": hidden, "item": item}  # fmt: skip


@pytest.fixture
def notes(chair, secretary):
    return approved_notes(chair, secretary)


@pytest.fixture
def addresses(db):
    """Every party's registrar address but three (Ale, Bengtsfors, Essunga)."""
    for principal in Principal.objects.all():
        if principal.common_name not in ("Ale", "Bengtsfors", "Essunga"):
            principal.registrar_email = f"diarium@{principal.pk}.example.se"
            principal.save()


@pytest.fixture
def recommendation(notes, secretary):
    return recommendation_mark(position=notes["frozen"], by=secretary, title="Digitala hjälpmedel",
                               decision_asked="att anta överenskommelsen", answer_by=datetime.date(2025, 12, 31),
                               documents=[notes["attachment"]])  # fmt: skip
