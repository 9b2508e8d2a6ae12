"""Entry without detours: an item's presenters (a new guest from an organisation the portal did not know, too) and
its attachments go in with the item's own form, and "Spara och lägg till nästa punkt" keeps them all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from meetings.models import AgendaItem, Attachment, Presenter
from members.models import Organisation, Person
from tests.factories import MeetingFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def item_data(client, url, **extra):
    form = client.get(url).context["form"]
    return {"kind": "information", "title": "Hjälpmedel", "duration_minutes": "20", "show_time": "on",
            "submission": form["submission"].value(), **extra}  # fmt: skip


def pdf(name="Beslutsunderlag.pdf"):
    return SimpleUploadedFile(name, HTML(string="<p>Underlag</p>").write_pdf(), content_type="application/pdf")


def test_a_new_item_keeps_its_presenters_a_new_guest_and_organisation_and_a_file_in_one_save(client, secretary):
    meeting = MeetingFactory()
    PersonFactory(first_name="Ulrika", last_name="Söderlund", organisation=OrganisationFactory(name="VGR"))
    client.force_login(secretary)
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    data = item_data(client, url, **{
        "and_new": "1", "presenter-person": "Ulrika Söderlund, VGR", "presenter-description": "VGR",
        "guest-first_name": "Sara", "guest-last_name": "Nyström", "guest-new_organisation": "Hjälpmedelsbolaget AB",
        "guest-description": "vd Hjälpmedelsbolaget", "guest-email": "sara@example.se",
        "attachment-title": "Beslutsunderlag", "attachment-is_public": "on", "attachment-file": pdf(),
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == url  # on to the next item's form
    item = AgendaItem.objects.get(meeting=meeting, title="Hjälpmedel")
    presenters = [(p.person.name, p.description) for p in item.presenters.order_by("order")]
    assert presenters == [("Ulrika Söderlund", "VGR"), ("Sara Nyström", "vd Hjälpmedelsbolaget")]
    sara = Person.objects.get(first_name="Sara")
    assert sara.organisation.name == "Hjälpmedelsbolaget AB" and sara.email == "sara@example.se"
    assert [a.title for a in item.attachments.all()] == ["Beslutsunderlag"]
    # The same form sent twice (a double click) adds nothing twice.
    data["attachment-file"] = pdf()
    client.post(url, data)
    assert AgendaItem.objects.filter(title="Hjälpmedel").count() == 1
    assert Presenter.objects.count() == 2 and Attachment.objects.count() == 1


def test_a_bad_file_saves_nothing_and_keeps_what_was_typed(client, secretary):
    meeting = MeetingFactory()
    client.force_login(secretary)
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    fake = SimpleUploadedFile("faktura.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    guest = {"guest-first_name": "Sara", "guest-last_name": "Nyström", "guest-new_organisation": "Hjälpmedelsbolag AB"}
    data = item_data(client, url, **guest, **{"attachment-file": fake})
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "”faktura.pdf” är inte en PDF- eller Office-fil" in page
    assert 'value="Hjälpmedel"' in page and 'value="Sara"' in page and 'value="Hjälpmedelsbolag AB"' in page
    assert not AgendaItem.objects.filter(title="Hjälpmedel").exists()
    assert not Person.objects.filter(first_name="Sara").exists()
    assert not Organisation.objects.filter(name="Hjälpmedelsbolag AB").exists()


def test_upload_on_an_item_saves_it_and_comes_back_to_the_attachments(client, secretary):
    meeting = MeetingFactory()
    item = AgendaItem.objects.create(meeting=meeting, order=9, kind="information", title="Sjukresor")
    client.force_login(secretary)
    url = reverse("staff:item_edit", kwargs={"pk": item.pk})
    data = {"kind": "information", "title": "Sjukresor i regionen", "duration_minutes": "15",
            "lock_version": item.lock_version, "stay": "attachments", "attachment-file": pdf("Yttrande.pdf"),
            "attachment-is_public": "on"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == f"{url}#attachments-heading"
    item.refresh_from_db()
    assert item.title == "Sjukresor i regionen"  # what was typed is saved with the file
    assert [a.title for a in item.attachments.all()] == ["Yttrande.pdf"]
    # "Ladda upp" with no file says so, and loses nothing.
    data = {**data, "lock_version": item.lock_version, "title": "Sjukresor 2031"}
    del data["attachment-file"]
    response = client.post(url, data)
    assert response.status_code == 400 and 'value="Sjukresor 2031"' in response.content.decode()


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_file_or_presenter_added_in_place_comes_back_as_the_form_with_what_was_done(client, secretary):
    """With htmx the item's form is swapped in place (the page is not reloaded at its top): the answer carries the
    form with the new file, its new lock version, and what was done said inside it; a new item gets its own URL."""
    meeting = MeetingFactory()
    client.force_login(secretary)
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    data = item_data(client, url, **{"stay": "attachments", "attachment-file": pdf("Yttrande.pdf"),
                                     "attachment-is_public": "on"})  # fmt: skip
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    item = AgendaItem.objects.get(meeting=meeting, title="Hjälpmedel")
    edit = reverse("staff:item_edit", kwargs={"pk": item.pk})
    assert response["HX-Push-Url"] == edit
    page = response.content.decode()
    form = page.split('id="item-form"')[1].split("</form>")[0]
    assert f'action="{edit}"' in page.split('id="item-form"')[1][:400]  # the next save edits it, never a new one
    assert "Yttrande.pdf" in form
    assert '<div id="item-form-status" role="status"><div class="alert alert-success py-2">Bilagan lades till.' in form
    assert f'name="lock_version" value="{item.lock_version}"' in form

    # A bad guest is shown with its error inside the form (htmx swaps only a successful answer), nothing added.
    data = {"kind": "information", "title": "Hjälpmedel", "duration_minutes": "20", "lock_version": item.lock_version,
            "stay": "presenters", "guest-first_name": "Sara"}  # fmt: skip
    refused = client.post(edit, data, **HTMX)
    assert refused.status_code == 200
    assert "Detta fält måste fyllas i." in refused.content.decode().split('id="item-form"')[1]
    assert not item.presenters.exists()
    assert client.post(edit, data).status_code == 400  # without htmx, the page as before


def test_removing_a_presenter_or_a_file_swaps_its_list_in_place_or_reloads_at_the_section(client, secretary):
    meeting = MeetingFactory()
    item = AgendaItem.objects.create(meeting=meeting, order=9, kind="information", title="Sjukresor")
    ulrika = PersonFactory(first_name="Ulrika", last_name="Söderlund")
    presenter = Presenter.objects.create(item=item, person=ulrika, description="VGR")
    client.force_login(secretary)
    remove = reverse("staff:presenter_remove", kwargs={"pk": presenter.pk})
    response = client.post(remove, **HTMX)
    assert response.status_code == 200
    listed = response.content.decode().split('id="presenter-list"')[1].split("</div>")[0]
    assert "Ulrika" not in listed
    assert (
        "Ulrika Söderlund är inte längre föredragande för punkten."
        in response.content.decode().split("item-form-status")[1]
    )
    again = Presenter.objects.create(item=item, person=ulrika)
    response = client.post(reverse("staff:presenter_remove", kwargs={"pk": again.pk}))
    assert response.status_code == 302
    assert response.url == reverse("staff:item_edit", kwargs={"pk": item.pk}) + "#presenters-heading"
