"""Test data: factories for every model the tests build by hand."""

import datetime
import io

import factory
from django.contrib.auth import get_user_model

from meetings.models import AgendaItem, Meeting, Minutes, Position, Presenter
from members.models import Body, Membership, Organisation, Party, Person, Term


def blank_pdf(pages: int = 1) -> bytes:
    """A real PDF of blank A4 pages: no text layer, as a scan has none."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.django.Password("correct-horse-battery")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ["short_name"]

    short_name = "SRO"
    name = "Det politiska samrådsorganet SRO"
    subtitle = "Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kommunalförbund {n}")
    common_name = factory.LazyAttribute(lambda o: o.name)
    kind = Organisation.Kind.MUNICIPAL_ASSOCIATION


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ["abbreviation"]

    abbreviation = "S"
    name = "Socialdemokraterna"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ["name"]

    name = "2023–2026"
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    side = Membership.Side.MUNICIPALITIES
    organisation = factory.SubFactory(OrganisationFactory)
    category = Membership.Category.POLITICIAN
    role = Membership.Role.MEMBER
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2025, 4, 24)
    start_time = datetime.time(13, 30)
    end_time = datetime.time(15, 30)
    location = "Teamsmöte"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = AgendaItem.Kind.INFORMATION
    title = factory.Sequence(lambda n: f"Dagordningspunkt {n}")
    duration_minutes = 20


class PresenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presenter

    item = factory.SubFactory(AgendaItemFactory)
    person = factory.SubFactory(PersonFactory)


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, status=Meeting.Status.HELD)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    body = factory.SubFactory(BodyFactory)
    item = factory.SubFactory(AgendaItemFactory)
    taken_on = factory.LazyAttribute(lambda p: p.item.meeting.date)
    text = "SRO noterar informationen."
    notes_information = True
