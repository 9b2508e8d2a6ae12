"""SRO's real year: several positions on one matter, in order, from the notice's proposals to the notes, the
register and the yearly compilation; items added after the notes started; per capsulam for a cancelled
month and a chair's decision at a check-in meeting, under SRO's own headings."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Assignment, ItemNote, Meeting, Position
from meetings.selectors import minutes_document
from meetings.selectors.registers import yearly_compilation
from meetings.services import minutes as services
from meetings.services.agenda import agenda_item_save
from meetings.services.positions import meeting_cancel, position_record
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

BACK = "<div>Det politiska samrådsorganet SRO ställer sig bakom att skicka förslaget på remiss.</div>"
AGREEMENTS = (
    "<div>Det politiska samrådsorganet SRO <strong>rekommenderar</strong> huvudmännen att anta:</div>"
    "<ul><li>överenskommelsen om hjälpmedel</li><li>överenskommelsen om <em>läkemedel</em></li></ul>"
)
TASK = "<div>Det politiska samrådsorganet SRO ger VGR och Västkom i uppdrag att återrapportera i mars.</div>"


@pytest.fixture
def meeting(chair):
    meeting = MeetingFactory(date=datetime.date(2025, 4, 24))
    chair_person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    MembershipFactory(body=meeting.body, person=chair_person, role="chair", start_date=datetime.date(2025, 1, 1),
                      end_date=None)  # fmt: skip
    first = AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel", proposals=[BACK, AGREEMENTS, TASK])
    AgendaItemFactory(meeting=meeting, order=1, parent=first, title="Delrapport", proposals=[BACK])
    AgendaItemFactory(meeting=meeting, order=2, title="Läkemedel", proposals=[TASK])
    return meeting


def approve(minutes, secretary, chair):
    services.minutes_send_to_chair(minutes=minutes, by=secretary)
    return services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")


def test_the_notice_numbers_the_proposals_and_the_notes_number_the_positions_the_same_way(client, meeting, secretary):
    client.force_login(secretary)
    preview = client.get(reverse("staff:notice_preview", kwargs={"pk": meeting.pk})).content.decode()
    assert "Förslag till ställningstaganden:" in preview
    assert f'<ol class="positions"><li class="position">{BACK}</li><li class="position">{AGREEMENTS}</li>' in preview
    # A sub-item's proposal is printed with it, not lost.
    assert preview.count(BACK) == 2

    minutes = services.minutes_start(meeting=meeting, by=secretary)
    document = minutes_document(minutes=minutes)
    assert "Ställningstaganden:" in document
    assert f'<ol class="positions"><li class="position">{BACK}</li><li class="position">{AGREEMENTS}</li>' in document
    assert document.count(BACK) == 2


def test_positions_are_edited_in_order_and_an_assignment_added_keeps_what_was_typed(client, meeting, secretary):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    note = minutes.item_notes.get(item__title="Hjälpmedel")
    client.force_login(secretary)
    url = reverse("staff:item_notes", kwargs={"pk": note.pk})
    page = client.get(url)
    assert [row["value"] for row in page.context["form"].position_rows] == [BACK, AGREEMENTS, TASK, "", ""]

    # The secretary rewrites the order, types text, and adds an assignment in the same sending.
    response = client.post(url, {
        "lock_version": note.lock_version, "text": "<div>Dragning av läget.</div>", "closing_text": "",
        "positions": [AGREEMENTS, "", BACK, TASK], "qa-TOTAL_FORMS": "0", "qa-INITIAL_FORMS": "0",
        "add_assignment": "1", "assign-assignees": "VGR och Västkom", "assign-description": "Återrapportera i mars.",
    })  # fmt: skip
    assert response.status_code == 302 and response.url == url
    note.refresh_from_db()
    assert note.text == "<div>Dragning av läget.</div>"  # not lost to the assignment's form
    positions = list(Position.objects.filter(item=note.item, minutes_version__isnull=True).order_by("order"))
    assert [p.html for p in positions] == [AGREEMENTS, BACK, TASK]
    assert Assignment.objects.get().position == positions[-1]

    # Removing the position that holds the assignment passes it to the last one kept.
    services.item_notes_save(note=note, text=note.text, closing_text="", questions=[], positions=[AGREEMENTS, BACK],
                             by=secretary, loaded_version=note.lock_version)  # fmt: skip
    assert Assignment.objects.get().position.html == BACK
    assert "Givna uppdrag" in minutes_document(minutes=minutes)


def test_save_and_next_goes_to_the_next_item_sub_items_in_their_place(client, meeting, secretary):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    client.force_login(secretary)
    order = []
    note = minutes.item_notes.get(item__title="Hjälpmedel")
    while note:
        order.append(note.item.title)
        response = client.post(reverse("staff:item_notes", kwargs={"pk": note.pk}), {
            "lock_version": note.lock_version, "text": "", "closing_text": "", "positions": [TASK],
            "qa-TOTAL_FORMS": "0", "qa-INITIAL_FORMS": "0", "next": "1",
        })  # fmt: skip
        assert response.status_code == 302
        following = response.url.rstrip("/").split("/")[-1]
        note = ItemNote.objects.filter(pk=following).first() if "/notes/" in response.url else None
    assert order == ["Hjälpmedel", "Delrapport", "Läkemedel"]


def _notes_post(note, **extra):
    return {"lock_version": note.lock_version, "text": "<div>Sagt.</div>", "closing_text": "", "positions": [TASK],
            "qa-TOTAL_FORMS": "0", "qa-INITIAL_FORMS": "0", **extra}  # fmt: skip


def test_an_assignment_typed_in_is_added_by_save_and_next_and_half_a_one_is_refused_with_all_kept(
    client, meeting, secretary
):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    note = minutes.item_notes.get(item__title="Hjälpmedel")
    client.force_login(secretary)
    url = reverse("staff:item_notes", kwargs={"pk": note.pk})

    # Only "given to" filled in: nothing is saved, the Swedish error says what is missing, the text is kept.
    response = client.post(url, _notes_post(note, **{"next": "1", "assign-assignees": "VGR"}))
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert 'value="VGR"' in response.content.decode() and "Sagt." in response.content.decode()
    assert not Assignment.objects.exists()
    note.refresh_from_db()
    assert note.text == ""

    # Both filled in: "Save and next" saves the notes, adds the assignment and goes on.
    response = client.post(url, _notes_post(note, **{"next": "1", "assign-assignees": "VGR",
                                                      "assign-description": "Återrapportera."}))  # fmt: skip
    following = minutes.item_notes.get(item__title="Delrapport")
    assert response.status_code == 302 and response.url == reverse("staff:item_notes", kwargs={"pk": following.pk})
    assert Assignment.objects.get().description == "Återrapportera."
    note.refresh_from_db()
    assert note.text == "<div>Sagt.</div>"


def test_the_last_items_save_can_send_the_notes_to_the_chair(client, meeting, secretary):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    client.force_login(secretary)
    first = minutes.item_notes.get(item__title="Hjälpmedel")
    last = minutes.item_notes.get(item__title="Läkemedel")
    assert "Spara och skicka till ordföranden" not in client.get(
        reverse("staff:item_notes", kwargs={"pk": first.pk})).content.decode()  # fmt: skip
    url = reverse("staff:item_notes", kwargs={"pk": last.pk})
    assert "Spara och skicka till ordföranden" in client.get(url).content.decode()

    response = client.post(url, _notes_post(last, send="1"), follow=True)
    minutes.refresh_from_db()
    assert minutes.status == minutes.Status.SENT_TO_CHAIR
    assert "Sagt." in minutes.sent_html  # what was saved with the sending is what the chair reads
    assert "skickades till ordföranden" in response.content.decode()
    # Once sent, the page no longer offers it, and a second sending is refused.
    assert "Spara och skicka till ordföranden" not in client.get(url).content.decode()


def test_an_item_added_after_the_notes_started_gets_its_notes_and_its_proposals(meeting, secretary):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    late = AgendaItemFactory.build(meeting=meeting, title="Tillagd punkt", proposals=[TASK])
    agenda_item_save(item=late, by=secretary)
    note = minutes.item_notes.get(item=late)
    assert [p.html for p in note.item.working_positions] == [TASK]


def test_the_compilation_lists_each_position_in_agenda_order_under_its_matter(meeting, secretary, chair):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    approve(minutes, secretary, chair)
    services.minutes_publish(minutes=minutes, by=secretary)
    for public in (False, True):
        compilation = yearly_compilation(body=meeting.body, year=2025, public=public)
        [month] = compilation.months
        [section] = month.sections
        assert month.heading == "Ställningstaganden av SRO April 2025" and section.heading == "", section.heading
        groups = [(g.subject, [p.html for p in g.positions]) for g in section.groups]
        # The sub-item follows its item, never interleaved with the next matter by its own number.
        assert groups == [("Hjälpmedel", [BACK, AGREEMENTS, TASK]), ("Delrapport", [BACK]), ("Läkemedel", [TASK])]


def test_a_cancelled_month_per_capsulam_and_a_chairs_decision_at_a_check_in_in_sros_words(client, secretary):
    cancelled = MeetingFactory(date=datetime.date(2023, 2, 23))
    meeting_cancel(meeting=cancelled, by=secretary, reason="För få ärenden")
    check_in = MeetingFactory(body=cancelled.body, date=datetime.date(2023, 6, 12), kind=Meeting.Kind.CHECK_IN)
    position_record(body=cancelled.body, how="per_capsulam", taken_on=datetime.date(2023, 2, 27), meeting=cancelled,
                    text=AGREEMENTS, by=secretary)  # fmt: skip
    decision = "<div>Genom ordförandebeslut ställer sig SRO bakom remissvaret.</div>"
    position_record(body=cancelled.body, how="chair_decision", taken_on=datetime.date(2023, 6, 12), meeting=check_in,
                    text=decision, by=secretary)  # fmt: skip
    response = client.get(reverse("public:compilation_pdf", kwargs={"year": 2023}))
    pages = PdfReader(io.BytesIO(response.getvalue())).pages
    text = " ".join("\n".join(page.extract_text() for page in pages).split())
    assert (
        "Ställningstaganden av SRO Februari 2023 Mötet ställs in och dessa ärenden tas per capsulam. "
        "Per capsulam 27 februari 2023 Det politiska"
    ) in text
    assert "Möte 23 februari 2023" not in text
    assert "rekommenderar huvudmännen att anta: överenskommelsen om hjälpmedel överenskommelsen om läkemedel" in text
    assert "Avstämningsmöte 12 juni 2023: ordförandebeslut" in text
    assert "Genom ordförandebeslut ställer sig SRO bakom remissvaret." in text
    assert "(per capsulam)" not in text and "Ordförandebeslut: Genom" not in text


def test_a_cancelled_meeting_says_so_and_offers_the_cancellation_and_per_capsulam_not_the_notice(
    client, secretary, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(date=datetime.date(2031, 2, 23))
    member = PersonFactory(first_name="Ann", last_name="Berg", email="ann@example.se")
    MembershipFactory(body=meeting.body, person=member, start_date=datetime.date(2031, 1, 1), end_date=None)
    meeting_cancel(meeting=meeting, by=secretary, reason="För få ärenden")
    client.force_login(secretary)
    page = client.get(reverse("staff:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "Inställt" in page and "Utkast" not in page
    assert "Skicka kallelse" not in page and "Skriv minnesanteckningar" not in page
    assert f"?how=per_capsulam&amp;meeting={meeting.pk}" in page
    form = client.get(reverse("staff:position_create") + f"?how=per_capsulam&meeting={meeting.pk}").context["form"]
    assert form["meeting"].value() == meeting.pk
    assert client.get(reverse("staff:position_create") + "?meeting=x%00").status_code == 200

    url = reverse("staff:cancellation_send", kwargs={"pk": meeting.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Dessa ärenden tas per capsulam."})
    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["Ann Berg <ann@example.se>"]
    assert sent.subject.startswith("Inställt: ")
    assert "23 februari 2031 är inställt" in sent.body and "Dessa ärenden tas per capsulam." in sent.body


def test_a_second_meeting_at_the_same_hour_is_warned_of_and_kept_only_when_saved_again(client, secretary):
    first = MeetingFactory(date=datetime.date(2031, 3, 6))
    client.force_login(secretary)
    url = reverse("staff:meeting_create")
    # A new meeting starts from the body's usual times and place.
    assert client.get(url).context["form"].initial["location"] == first.location
    data = {"date": "2031-03-06", "start_time": "14:00", "end_time": "16:00", "kind": "ordinary", "form": "digital",
            "location": "Teamsmöte"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "har redan ett möte 2031-03-06 kl. 13.30–15.30" in response.content.decode()
    assert Meeting.objects.filter(date=first.date).count() == 1
    again = {**data, "clash_seen": response.context["form"].data["clash_seen"]}
    assert client.post(url, again).status_code == 302
    assert Meeting.objects.filter(date=first.date).count() == 2


def test_adding_a_presenter_saves_what_was_typed_in_the_item_first(client, meeting, secretary):
    item = meeting.agenda_items.get(title="Läkemedel")
    person = PersonFactory(first_name="Ulrika", last_name="Söderlund")
    client.force_login(secretary)
    page = client.get(reverse("staff:item_edit", kwargs={"pk": item.pk}))
    assert 'form="item-form"' in page.content.decode()  # the presenter's fields go with the item's form
    response = client.post(reverse("staff:presenter_add", kwargs={"pk": item.pk}), {
        "lock_version": item.lock_version, "kind": "information", "kind_note": "delrapport", "title": "Läkemedel",
        "duration_minutes": "20", "show_time": "on", "proposals": [TASK], "matter_title": "",
        "add_presenter": "person", "presenter-person": person.pk, "presenter-description": "VGR",
        "guest-first_name": "", "guest-last_name": "",
    })  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.kind_note == "delrapport"  # not lost to the presenter's form
    assert [p.label for p in item.presenters.all()] == ["Ulrika Söderlund, VGR"]


def test_save_and_add_another_item_goes_straight_to_a_new_items_form(client, meeting, secretary):
    client.force_login(secretary)
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    form = client.get(url).context["form"]
    data = {"kind": "information", "title": "Ny punkt", "duration_minutes": "10", "show_time": "on", "and_new": "1"}
    response = client.post(url, {**data, "submission": form["submission"].value()})
    assert response.status_code == 302 and response.url == url
    assert meeting.agenda_items.filter(title="Ny punkt").exists()


def test_the_open_data_gives_an_item_all_its_positions_as_its_resolution_in_order(client, meeting, secretary, chair):
    minutes = services.minutes_start(meeting=meeting, by=secretary)
    approve(minutes, secretary, chair)
    services.minutes_publish(minutes=minutes, by=secretary)
    item = meeting.agenda_items.get(title="Hjälpmedel")
    answer = client.get(reverse("api:agenda_item", kwargs={"pk": item.pk})).json()
    texts = [p.plain_text for p in Position.objects.filter(item=item, minutes_version__isnull=False).order_by("order")]
    assert len(texts) == 3 and answer["resolutionText"] == "\n\n".join(texts)
