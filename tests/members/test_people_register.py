"""The people register in the staff area: people with their addresses, memberships over time, who sits when."""

import datetime

import pytest
from django.urls import reverse

from members.models import Membership, Organisation, Person
from members.selectors import called_memberships
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_secretary_adds_a_person_with_an_address_and_a_membership_then_ends_it(client, secretary):
    body = BodyFactory()
    vgr = Organisation.objects.create(name="Västra Götalandsregionen", common_name="VGR")
    client.force_login(secretary)
    response = client.post(reverse("staff:person_create"), {"first_name": "Anna", "last_name": "Berg",
                                                            "email": "fel@", "organisation": vgr.pk})  # fmt: skip
    assert response.status_code == 400
    assert "Fyll i en giltig e-postadress." in response.content.decode() and 'value="Anna"' in response.content.decode()
    data = {"first_name": "Anna", "last_name": "Berg", "email": "anna@vgr.se", "organisation": vgr.pk}
    response = client.post(reverse("staff:person_create"), data)
    anna = Person.objects.get(last_name="Berg")
    assert response.status_code == 302 and anna.email == "anna@vgr.se"

    add = reverse("staff:membership_add", kwargs={"pk": anna.pk})
    seat = {"m-side": "vgr", "m-category": "politician", "m-organisation": vgr.pk, "m-role": "member",
            "m-start_date": "2031-01-01", "m-sort_order": "0"}  # fmt: skip
    assert client.post(add, seat).status_code == 302
    assert [m.person for m in called_memberships(body=body, on=datetime.date(2031, 3, 1))] == [anna]
    # A second seat over the same period is refused in Swedish, nothing saved.
    response = client.post(add, {**seat, "m-start_date": "2031-06-01"})
    assert response.status_code == 400 and "sitter redan i" in response.content.decode()
    assert Membership.objects.filter(person=anna).count() == 1

    membership = Membership.objects.get(person=anna)
    end = reverse("staff:membership_end", kwargs={"pk": membership.pk})
    page = client.post(end, {"end_date": "2030-12-31"}, follow=True).content.decode()
    assert "Ett uppdrag kan inte sluta innan det började (2031-01-01)." in page
    client.post(end, {"end_date": "2031-05-31"})
    assert anna not in [m.person for m in called_memberships(body=body, on=datetime.date(2031, 6, 1))]
    assert anna in [m.person for m in called_memberships(body=body, on=datetime.date(2031, 5, 31))]


def test_the_list_finds_by_name_and_shows_who_sits_on_a_date(client, secretary):
    body = BodyFactory()
    sitting = MembershipFactory(body=body, person=PersonFactory(first_name="Marina", last_name="Johansson"),
                                start_date=datetime.date(2023, 1, 1), end_date=None)  # fmt: skip
    PersonFactory(first_name="Ulrika", last_name="Söderlund")  # a guest: no seat
    client.force_login(secretary)
    url = reverse("staff:people")
    assert "Söderlund" in client.get(url, {"q": "ulrika"}).content.decode()
    on_date = client.get(url, {"on": "2024-05-01"}).content.decode()
    assert sitting.person.last_name in on_date and "Söderlund" not in on_date
    bad = client.get(url, {"on": "2024-02-30"})
    assert bad.status_code == 400 and "Skriv datumet som 2025-03-06." in bad.content.decode()
