"""The person pickers: type the name, choose among the suggestions; a name that is not there, or that two
people share, is refused in Swedish and what was typed is kept."""

import datetime

import pytest
from django.urls import reverse

from meetings.forms import PresenterForm
from members.models import Organisation
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    vgr = Organisation.objects.create(name="Västra Götalandsregionen", common_name="VGR")
    gr = Organisation.objects.create(name="Göteborgsregionens kommunalförbund", common_name="Göteborgsregionen")
    return {
        "ulrika": PersonFactory(first_name="Ulrika", last_name="Söderlund", organisation=vgr),
        "anna_vgr": PersonFactory(first_name="Anna", last_name="Berg", organisation=vgr),
        "anna_gr": PersonFactory(first_name="Anna", last_name="Berg", organisation=gr),
    }


def test_the_suggestions_name_each_person_with_the_organisation(people):
    html = str(PresenterForm(prefix="presenter")["person"])
    assert 'list="id_presenter-person-options"' in html and 'autocomplete="off"' in html
    assert '<option value="Ulrika Söderlund, VGR"></option>' in html
    assert '<option value="Anna Berg, Göteborgsregionen"></option>' in html


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Ulrika Söderlund, VGR", "ulrika"),
        ("  ulrika   söderlund ", "ulrika"),  # the name alone, when only one person has it
        ("Anna Berg, Göteborgsregionen", "anna_gr"),
    ],
)
def test_a_name_typed_finds_the_person(people, typed, expected):
    form = PresenterForm({"presenter-person": typed}, prefix="presenter")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == people[expected]


@pytest.mark.parametrize(
    "typed, error",
    [
        ("Anna Berg", "Fler än en person heter Anna Berg. Välj bland förslagen, med organisationen."),
        ("Ulrika Söderlind", "Ingen med det namnet finns här. Skriv namnet och välj bland förslagen."),
        ("99999999", "Ingen med det namnet finns här."),
    ],
)
def test_a_name_not_found_or_shared_is_refused(people, typed, error):
    form = PresenterForm({"presenter-person": typed}, prefix="presenter")
    assert not form.is_valid()
    assert form.errors["person"][0].startswith(error)


def test_on_the_item_page_a_wrong_name_keeps_what_was_typed(client, people, secretary):
    item = AgendaItemFactory(meeting=MeetingFactory(date=datetime.date(2031, 4, 24)), title="Läkemedel")
    client.force_login(secretary)
    response = client.post(reverse("staff:presenter_add", kwargs={"pk": item.pk}), {
        "add_presenter": "person", "presenter-person": "Anna Berg", "presenter-description": "VGR",
    })  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fler än en person heter Anna Berg" in html and 'value="Anna Berg"' in html
    response = client.post(reverse("staff:presenter_add", kwargs={"pk": item.pk}), {
        "add_presenter": "person", "presenter-person": "Anna Berg, VGR", "presenter-description": "VGR",
    })  # fmt: skip
    assert response.status_code == 302
    assert [p.person for p in item.presenters.all()] == [people["anna_vgr"]]
