"""The notes' pages: nothing typed is lost, two editors get a conflict, and nothing leaks before publication."""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse

from meetings.models import AgendaItem, Attendance, ItemNote, Minutes
from meetings.services import minutes as services
from members.models import Membership
from tests.conftest import PASSWORD
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(secretary, chair):
    meeting = MeetingFactory(date=datetime.date(2025, 4, 24))
    start = datetime.date(2025, 1, 1)
    MembershipFactory(body=meeting.body, person=PersonFactory(first_name="Helén", last_name="Eliasson", user=chair),
                      role=Membership.Role.CHAIR, start_date=start, end_date=None)  # fmt: skip
    MembershipFactory(body=meeting.body, person=PersonFactory(first_name="Magnus", last_name="Haggren"),
                      start_date=start, end_date=None)  # fmt: skip
    AgendaItemFactory(
        meeting=meeting, order=1, title="Vårdval rehab", proposals=["<div>SRO noterar informationen.</div>"]
    )
    return services.minutes_start(meeting=meeting, by=secretary)


def approve(minutes, secretary, chair):
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    return services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")


def notes_form(note, loaded_at, text):
    return {"lock_version": loaded_at, "text": text, "closing_text": "",
            "positions": ["<div>SRO noterar informationen.</div>", ""], "qa-TOTAL_FORMS": "1", "qa-INITIAL_FORMS": "0",
            "qa-0-question": "Varför?", "qa-0-answer": "Därför."}  # fmt: skip


def test_two_editors_of_one_items_notes_get_a_conflict_and_keep_their_text(client, secretary, minutes):
    client.force_login(secretary)
    note = minutes.item_notes.get(item__title="Vårdval rehab")
    url = reverse("staff:item_notes", kwargs={"pk": note.pk})
    loaded_at = client.get(url).context["form"]["lock_version"].value()
    # The other secretary saves first.
    services.item_notes_save(note=note, text="<p>Den andras text.</p>", closing_text="", questions=[],
                             positions=["SRO noterar informationen."], by=secretary)  # fmt: skip

    response = client.post(url, notes_form(note, loaded_at, "<p>Min text.</p>"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Någon annan sparade detta efter att du öppnade det." in html
    assert "Min text." in html and "Varför?" in html and "Därför." in html
    note.refresh_from_db()
    assert note.text == "<p>Den andras text.</p>"
    # Saving again, after comparing, is a choice: the form now carries the newer time.
    again = client.post(url, notes_form(note, response.context["form"]["lock_version"].value(), "<p>Min text.</p>"))
    assert again.status_code == 302
    note.refresh_from_db()
    assert note.text == "<p>Min text.</p>"
    assert list(note.questions.values_list("question", "answer")) == [("Varför?", "Därför.")]


def test_notes_text_is_sanitised_on_save(client, secretary, minutes):
    client.force_login(secretary)
    note = minutes.item_notes.get(item__title="Vårdval rehab")
    url = reverse("staff:item_notes", kwargs={"pk": note.pk})
    loaded_at = client.get(url).context["form"]["lock_version"].value()
    client.post(url, notes_form(note, loaded_at, '<p onclick="x()">Text<script>alert(1)</script></p>'))
    note.refresh_from_db()
    assert note.text == "<p>Text</p>"


def test_attendance_saved_by_someone_else_is_a_conflict_not_an_overwrite(client, secretary, minutes):
    client.force_login(secretary)
    url = reverse("staff:minutes_attendance", kwargs={"pk": minutes.pk})
    page = client.get(url)
    row = minutes.attendance.get(person__last_name="Haggren")
    Minutes.objects.filter(pk=minutes.pk).update(lock_version=F("lock_version") + 1)  # someone else saved
    data = {"lock_version": page.context["lock_version"]}
    for attendance in minutes.attendance.all():
        data[f"a{attendance.pk}-status"] = "present"
    data[f"a{row.pk}-status"] = "partly"
    data[f"a{row.pk}-note"] = "efter 13.30"

    response = client.post(url, data)

    assert response.status_code == 400
    assert "Någon annan sparade detta efter att du öppnade det." in response.content.decode()
    assert 'value="efter 13.30"' in response.content.decode()
    row.refresh_from_db()
    assert row.status == Attendance.Status.PRESENT


def test_a_substitute_for_somebody_present_is_refused_in_swedish(client, secretary, minutes):
    client.force_login(secretary)
    url = reverse("staff:minutes_attendance", kwargs={"pk": minutes.pk})
    page = client.get(url)
    row = minutes.attendance.get(person__last_name="Haggren")
    data = {"lock_version": page.context["lock_version"]}
    for attendance in minutes.attendance.all():
        data[f"a{attendance.pk}-status"] = "present"
    data[f"a{row.pk}-substitute"] = str(PersonFactory().pk)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Den som är närvarande ersätts inte" in response.content.decode()


@pytest.mark.parametrize("stage", ["draft", "sent_to_chair", "returned", "approved"])
def test_notes_are_invisible_to_the_public_until_published(client, secretary, chair, minutes, stage):
    if stage in ("sent_to_chair", "returned", "approved"):
        services.minutes_send_to_chair(minutes=minutes, by=secretary)
    if stage == "returned":
        services.minutes_return(minutes=minutes, by=chair, comment="Ändra.")
    if stage == "approved":
        services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    meeting = minutes.meeting
    assert client.get(reverse("public:minutes", kwargs={"pk": meeting.pk})).status_code == 404
    assert client.get(reverse("public:minutes_pdf", kwargs={"pk": meeting.pk})).status_code == 404
    assert "Minnesanteckningar 24 april 2025" not in client.get("/").content.decode()


def test_published_notes_are_public_and_a_correction_shows_only_once_approved(client, secretary, chair, minutes):
    approve(minutes, secretary, chair)
    services.minutes_publish(minutes=minutes, by=secretary)
    url = reverse("public:minutes", kwargs={"pk": minutes.meeting.pk})
    assert client.get(url).status_code == 200
    assert "Minnesanteckningar 24 april 2025" in client.get("/").content.decode()

    services.minutes_correct(minutes=minutes, by=secretary, reason="Ett namn var felstavat.")
    note = ItemNote.objects.get(minutes=minutes, item__title="Vårdval rehab")
    services.item_notes_save(note=note, text="<p>Rättad text.</p>", closing_text="", questions=[],
                             positions=["SRO noterar informationen."], by=secretary)  # fmt: skip
    # The correction in progress does not leak: the public still reads version 1.
    page = client.get(url).content.decode()
    assert "Rättad text." not in page and "rättad version" not in page

    approve(minutes, secretary, chair)
    services.minutes_publish(minutes=minutes, by=secretary)
    page = client.get(url).content.decode()
    assert "Rättad text." in page
    assert "Detta är en rättad version (version 2)." in page and "Ett namn var felstavat." in page

    # Staff see both versions, and the history in Swedish.
    client.force_login(secretary)
    staff_page = client.get(reverse("staff:minutes", kwargs={"pk": minutes.pk})).content.decode()
    assert "Version 1 (PDF)" in staff_page and "Version 2 (PDF)" in staff_page
    assert "Minnesanteckningarna godkända" in staff_page and "Rättelse påbörjad" in staff_page
    assert "minutes_approved" not in staff_page


@pytest.fixture
def with_the_chair(client, demo, secretary, chair):
    """Notes of a new meeting sent to the demo's chair (Helén Eliasson), whose account ``chair`` is."""
    from members.models import Person

    Person.objects.filter(first_name="Helén", last_name="Eliasson").update(user=chair)
    meeting = MeetingFactory(body=demo, date=datetime.date(2025, 11, 20))
    item = AgendaItemFactory(
        meeting=meeting, order=9, title="Hjälpmedel", proposals=["<div>SRO noterar informationen.</div>"]
    )
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    client.force_login(chair)
    return minutes, item


def _read(client, minutes):
    """The review page, and the fingerprint of what it showed."""
    page = client.get(reverse("staff:minutes_review", kwargs={"pk": minutes.pk}))
    return page, page.context["approve_form"]["read"].value()


def _approve(client, minutes, read, password=PASSWORD):
    url = reverse("staff:minutes_approve", kwargs={"pk": minutes.pk})
    return client.post(url, {"approve-password": password, "approve-read": read})


def test_the_chair_approves_exactly_what_she_read_or_is_shown_what_changed(client, with_the_chair):
    minutes, item = with_the_chair
    _page, read = _read(client, minutes)
    # While she reads, something in the notes changes (here directly: the secretary's pages refuse it).
    AgendaItem.objects.filter(pk=item.pk).update(title="Hjälpmedel ÄNDRAD UNDER LÄSNINGEN")

    refused = _approve(client, minutes, read)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Anteckningarna har ändrats sedan du öppnade dem" in html
    assert "Borttaget:" in html and "Tillagt:" in html and "ÄNDRAD UNDER LÄSNINGEN" in html
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.SENT_TO_CHAIR  # nothing approved

    again = _approve(client, minutes, refused.context["approve_form"]["read"].value())  # she read the new page
    assert again.status_code == 302
    assert "ÄNDRAD UNDER LÄSNINGEN" in Minutes.objects.get(pk=minutes.pk).versions.get().html


def test_wrong_approval_passwords_are_limited_like_logins(client, with_the_chair, settings):
    minutes, _item = with_the_chair
    _page, read = _read(client, minutes)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        wrong = _approve(client, minutes, read, password="fel-lösenord")
        assert wrong.status_code == 400 and "Lösenordet var fel" in wrong.content.decode()
        assert "autofocus" in wrong.content.decode()  # the cursor is in the field with the error
    locked = _approve(client, minutes, read)  # the right password, after too many wrong ones
    assert locked.status_code == 400 and "För många felaktiga lösenord" in locked.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.SENT_TO_CHAIR


def test_nobody_locks_the_chair_out_of_approving_with_failed_logins_in_her_name(client, with_the_chair, chair,
                                                                             settings):  # fmt: skip
    """Anyone can fail to log in with the chair's user name (django-axes then locks that name at the login page);
    the chair, signed in, still approves."""
    from django.test import Client

    minutes, _item = with_the_chair
    stranger = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        stranger.post(reverse("staff:login"), {"username": chair.username, "password": "gissat"},
                      REMOTE_ADDR="198.51.100.66")  # fmt: skip
    _page, read = _read(client, minutes)
    response = _approve(client, minutes, read)
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status in (Minutes.Status.APPROVED, Minutes.Status.PUBLISHED)


def test_on_a_second_round_the_chair_sees_what_changed_since_she_sent_it_back(client, with_the_chair, chair,
                                                                               secretary):  # fmt: skip
    minutes, item = with_the_chair
    services.minutes_return(minutes=minutes, by=chair, comment="Skriv hela namnet.")
    note = minutes.item_notes.get(item=item)
    services.item_notes_save(note=note, text="<p>Hjälpmedelscentralen presenterade läget.</p>", closing_text="",
                             questions=[], positions=["SRO noterar informationen."],
                             by=secretary)  # fmt: skip
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    page, _read_now = _read(client, minutes)
    html = page.content.decode()
    assert "Det här har ändrats sedan du skickade tillbaka anteckningarna" in html
    assert "Tillagt: </span>Hjälpmedelscentralen presenterade läget." in html


def test_the_header_greets_the_signed_in_person_by_name(client, chair, secretary):
    from tests.factories import PersonFactory

    PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    client.force_login(chair)
    assert "Logga ut Helén Eliasson" in client.get("/staff/").content.decode()
    client.force_login(secretary)  # no person in the register: the account's name
    assert f"Logga ut {secretary.get_full_name() or secretary.get_username()}" in client.get("/staff/").content.decode()
