import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Membership, Term
from tests.factories import MembershipFactory, OrganisationFactory, PartyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_membership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 12, 31))


def test_membership_may_be_open_ended():
    membership = MembershipFactory(end_date=None)
    assert Membership.objects.on(datetime.date(2040, 1, 1)).filter(pk=membership.pk).exists()


def test_term_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(name="fel", start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2023, 1, 1))


def test_overlapping_memberships_of_one_person_are_refused_in_swedish():
    first = MembershipFactory(start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2026, 12, 31))
    second = Membership(
        body=first.body,
        person=first.person,
        side=first.side,
        organisation=first.organisation,
        category=first.category,
        start_date=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "redan ett medlemskap" in str(error.value)


def test_a_later_membership_of_the_same_person_is_fine():
    first = MembershipFactory(start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2022, 12, 31))
    later = MembershipFactory(body=first.body, person=first.person, start_date=datetime.date(2023, 1, 1))
    later.full_clean()


def test_membership_on_a_date_includes_first_and_last_day():
    membership = MembershipFactory(start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2023, 6, 30))
    on = Membership.objects.on
    assert list(on(datetime.date(2023, 1, 1))) == [membership]
    assert list(on(datetime.date(2023, 6, 30))) == [membership]
    assert list(on(datetime.date(2022, 12, 31))) == []
    assert list(on(datetime.date(2023, 7, 1))) == []


def test_line_is_name_party_organisation_and_presidium_role():
    gr = OrganisationFactory(name="Göteborgsregionens kommunalförbund", common_name="Göteborgsregionen")
    person = PersonFactory(first_name="Marina", last_name="Johansson", party=PartyFactory(abbreviation="S"))
    membership = MembershipFactory(person=person, organisation=gr, role=Membership.Role.VICE_CHAIR)
    assert membership.line == "Marina Johansson (S), Göteborgsregionen, vice ordförande"


def test_line_of_an_official_shows_the_title_and_no_party():
    person = PersonFactory(first_name="Gitte", last_name="Caous")
    membership = MembershipFactory(
        person=person, category=Membership.Category.OFFICIAL, title="förbundsdirektör Göteborgsregionen"
    )
    assert membership.line == "Gitte Caous, förbundsdirektör Göteborgsregionen"
