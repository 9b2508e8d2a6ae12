"""The term change in one sitting: the next term from the outgoing seats, continuing, ending or changing, with
the newcomers added on the same page; the composition on any date stays a query."""

import datetime

import pytest
from django.urls import reverse

from members.models import Membership, Organisation, Person, Term
from members.selectors import called_memberships, presidium

pytestmark = pytest.mark.django_db

NEW_YEAR = datetime.date(2027, 1, 1)


def _form_data(page_context, *, ends=(), changes=None, newcomers=()):
    """The POST the page's form sends with its proposed values, ``ends`` (names) marked as ending, ``changes``
    {name: {field: value}} applied and ``newcomers`` filled into the blank rows."""
    data = {"name": "2027–2030", "start_date": "2027-01-01", "end_date": "2030-12-31", "rows": "5"}
    seats = page_context["seats"]
    data.update({"seat-TOTAL_FORMS": len(seats), "seat-INITIAL_FORMS": len(seats), "new-TOTAL_FORMS": 5,
                 "new-INITIAL_FORMS": 0})  # fmt: skip
    for index, (membership, _form) in enumerate(seats):
        row = {"membership": membership.pk, "action": "continues", "role": membership.role,
               "title": membership.title, "organisation": membership.organisation_id}  # fmt: skip
        if membership.person.name in ends:
            row["action"] = "ends"
        row.update((changes or {}).get(membership.person.name, {}))
        data.update({f"seat-{index}-{key}": value for key, value in row.items()})
    for index in range(5):
        data.update({f"new-{index}-side": "vgk", f"new-{index}-category": "politician", f"new-{index}-role": "member"})
    for index, newcomer in enumerate(newcomers):
        data.update({f"new-{index}-{key}": value for key, value in newcomer.items()})
    return data


def test_the_secretary_starts_2027_2030_from_the_seats_of_2026_in_one_post(client, secretary, demo):
    client.force_login(secretary)
    page = client.get(reverse("staff:term_change"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="2027–2030"' in html and 'value="2027-01-01"' in html and 'value="2030-12-31"' in html
    seats = page.context["seats"]
    assert len(seats) == Membership.objects.on(datetime.date(2026, 12, 31)).filter(body=demo).count() == 26
    assert not called_memberships(body=demo, on=datetime.date(2027, 1, 14))

    gr = Organisation.objects.get(short_name="GR")
    ends = ["Miguel Odhner", "Theres Sahlström", "Peter Eriksson", "Dan Nyberg", "Åsa Jackson"]
    newcomers = [
        {"first_name": "Sara", "last_name": "Nyström", "email": "sara.nystrom@example.se", "organisation": gr.pk},
        {"person": Person.objects.get(last_name="Cerny").pk, "side": "vgr", "category": "official",
         "organisation": Organisation.objects.get(short_name="VGR").pk, "title": "beredning VGR"},
    ]  # fmt: skip
    changes = {"Marina Johansson": {"role": "chair"}, "Helén Eliasson": {"role": "vice_chair"},
               "Lars Holmin": {"title": "ordförande Regionstyrelsen"}}  # fmt: skip
    response = client.post(reverse("staff:term_change"),
                           _form_data(page.context, ends=ends, changes=changes, newcomers=newcomers))  # fmt: skip
    assert response.status_code == 302 and response["Location"] == reverse("staff:people") + "?on=2027-01-01"
    people = client.get(response["Location"]).content.decode()
    assert "Mandatperioden 2027–2030 börjar 2027-01-01 med 23 platser." in people

    term = Term.objects.get(name="2027–2030")
    january = {m.person.name: m for m in called_memberships(body=demo, on=datetime.date(2027, 1, 14))}
    assert len(january) == 26 - 5 + 2 and not set(ends) & set(january)
    assert january["Sara Nyström"].organisation == gr and january["Sara Nyström"].person.email
    assert january["Andreas Cerny"].side == "vgr" and january["Andreas Cerny"].title == "beredning VGR"
    assert january["Lars Holmin"].title == "ordförande Regionstyrelsen"
    assert all(m.term == term and m.end_date == datetime.date(2030, 12, 31) for m in january.values())
    assert [m.person.name for m in presidium(body=demo, on=NEW_YEAR)] == ["Marina Johansson", "Helén Eliasson"]
    # The old term reads as it did: Helén chaired in December, Miguel Odhner sat then.
    december = {m.person.name: m for m in called_memberships(body=demo, on=datetime.date(2026, 12, 14))}
    assert december["Helén Eliasson"].role == "chair" and "Miguel Odhner" in december and len(december) == 26

    # Twice is refused: the term has begun.
    again = client.post(reverse("staff:term_change"), _form_data(client.get(reverse("staff:term_change")).context))
    assert again.status_code == 400
    assert "Mandatperioden 2027–2030 har redan påbörjats i SRO" in again.content.decode()


def test_a_bad_row_saves_nothing_and_keeps_what_was_typed(client, secretary, demo):
    client.force_login(secretary)
    page = client.get(reverse("staff:term_change"))
    data = _form_data(page.context, ends=["Dan Nyberg"], newcomers=[{"first_name": "Sara", "email": "inte-en-adress"}])
    response = client.post(reverse("staff:term_change"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Fyll i en giltig e-postadress." in html and 'value="Sara"' in html
    assert not Term.objects.filter(name="2027–2030").exists()
    assert Membership.objects.on(datetime.date(2026, 12, 31)).filter(body=demo).count() == 26
    # A forged seat (not one of the outgoing) is refused, nothing saved.
    forged = _form_data(page.context)
    forged["seat-0-membership"] = Membership.objects.filter(end_date=datetime.date(2022, 12, 31)).first().pk
    response = client.post(reverse("staff:term_change"), forged)
    assert response.status_code == 400 and "Platserna har ändrats" in response.content.decode()
    assert not Term.objects.filter(name="2027–2030").exists()
