"""No path around the workflow: the admin, a script or a bulk update cannot change the record or store
unsafe text (issue: the record holds)."""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, ItemNote, Meeting, Minutes, MinutesVersion
from meetings.selectors import meeting_start
from meetings.services import ServiceError
from meetings.services import minutes as minutes_services
from meetings.services.agenda import agenda_item_save, meeting_save
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.opendata.links import api_answers

pytestmark = pytest.mark.django_db

SCRIPT = '<p>Text</p><script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_rich_text_is_cleaned_on_every_path_into_the_database(demo):
    meeting = MeetingFactory(body=demo, date=datetime.date(2031, 5, 5))
    item = AgendaItemFactory(meeting=meeting, order=9, body=SCRIPT)  # save()
    assert item.body == "<p>Text</p>"  # the instance holds what was stored
    AgendaItem.objects.filter(pk=item.pk).update(body=SCRIPT)  # a queryset update, as a script would
    (bulk,) = AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, order=10, title="x", body=SCRIPT)])
    for stored in AgendaItem.objects.filter(pk__in=[item.pk, bulk.pk]).values_list("body", flat=True):
        assert "<script" not in stored and "onerror" not in stored and "Text" in stored


def test_the_database_refuses_published_or_approved_notes_without_an_approved_version(demo, secretary):
    meeting = MeetingFactory(body=demo, date=datetime.date(2026, 2, 2))
    AgendaItemFactory(meeting=meeting, order=9, title="Punkt")
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    for status in ("published", "approved"):
        with pytest.raises(IntegrityError, match="approved meeting notes"), transaction.atomic():
            Minutes.objects.filter(pk=minutes.pk).update(status=status)


def test_the_admin_changes_nothing_of_the_meetings_not_even_for_a_superuser(client, demo, superuser):
    client.force_login(superuser)
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    item = meeting.agenda_items.first()
    note = ItemNote.objects.filter(minutes=minutes).first()
    for url in (reverse("admin:meetings_minutes_change", args=[minutes.pk]),
                reverse("admin:meetings_meeting_change", args=[meeting.pk]),
                reverse("admin:meetings_agendaitem_change", args=[item.pk]),
                reverse("admin:meetings_itemnote_change", args=[note.pk])):  # fmt: skip
        page = client.get(url)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode(), url
        assert client.post(url, {"status": "published", "title": "Ändrad", "text": SCRIPT}).status_code == 403, url
    assert client.get(reverse("admin:meetings_meeting_add")).status_code == 403
    assert client.get(reverse("admin:members_person_add")).status_code == 200  # the people register is edited here
    item.refresh_from_db()
    assert item.title != "Ändrad"


def test_the_agenda_is_read_only_while_the_chair_reads_the_notes(demo, secretary):
    meeting = MeetingFactory(body=demo, date=datetime.date(2026, 2, 2))
    item = AgendaItemFactory(meeting=meeting, order=9, title="Punkt")
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
    item = AgendaItem.objects.get(pk=item.pk)
    item.title = "Ändrad medan ordföranden läser"
    with pytest.raises(ServiceError, match="dagordningen ingår i dem"):
        agenda_item_save(item=item, by=secretary)
    assert AgendaItem.objects.get(pk=item.pk).title == "Punkt"


def test_a_notes_pdf_swapped_in_storage_is_never_served(client, demo, settings):
    from django.core.files.storage import default_storage

    version = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19)).versions.get()
    url = reverse("public:minutes_pdf", kwargs={"pk": version.minutes.meeting_id})
    served = client.get(url)
    assert served["ETag"] == f'"{version.pdf_sha256}"' and b"".join(served.streaming_content).startswith(b"%PDF")
    with default_storage.open(version.pdf.name, "wb") as stored:  # someone swaps the file on disk
        stored.write(b"%PDF-1.7 a forged document")
    client.raise_request_exception = False
    refused = client.get(url)
    assert refused.status_code == 500 and "Något gick fel" in refused.content.decode()
    assert b"forged" not in refused.content


def test_the_public_notes_page_names_the_approver_and_the_hash(client, demo):
    version = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19)).versions.get()
    page = client.get(reverse("public:minutes", kwargs={"pk": version.minutes.meeting_id})).content.decode()
    assert "Johnny Magnusson" in page and version.pdf_sha256 in page


DRAFT = "UTKASTORDET"


def _public_texts(client, demo):
    """What an anonymous reader can get: every public page and PDF, search, feeds, and every API object."""
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    from tests.test_public_pages import published_urls

    search = client.get(reverse("public:search") + f"?q={DRAFT}")
    texts = {"search hits": " ".join(hit.title + hit.snippet for _k, _h, hits, _m in search.context["results"].groups
                                     for hit in hits)}  # fmt: skip
    for url in published_urls().values():
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if body.startswith(b"%PDF"):
            texts[url] = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        elif body.startswith(b"PK"):  # the yearly review as PowerPoint
            deck = Presentation(io.BytesIO(body))
            texts[url] = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                                  if shape.has_text_frame)  # fmt: skip
        else:
            texts[url] = body.decode()
    texts.update(api_answers(client, reverse("api:system")))  # every object and list page the API links
    return texts


def test_during_a_correction_no_public_page_pdf_feed_search_or_api_answer_has_the_draft(client, demo, secretary):
    before = _public_texts(client, demo)
    assert not any(DRAFT in text for text in before.values())
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    minutes_services.minutes_correct(minutes=minutes, by=secretary, reason="Rättelse av ett namn.")
    note = minutes.item_notes.get(item__title__startswith="Ställningstagande")
    minutes_services.item_notes_save(note=note, text=f"<p>{DRAFT} i anteckningen</p>", closing_text="", questions=[],
                                     positions=[f"SRO ställer sig bakom {DRAFT}."],
                                     by=secretary)  # fmt: skip
    corrected_item = AgendaItem.objects.get(pk=note.item_id)
    corrected_item.title = f"{DRAFT} i rubriken"
    agenda_item_save(item=corrected_item, by=secretary)
    sent = Meeting.objects.get(date=datetime.date(2025, 3, 6)).agenda_items.get(
        title="Partsgemensamt utvecklingsarbete"
    )
    sent.title, sent.body = f"{DRAFT} efter utskick", f"<p>{DRAFT}</p>"
    agenda_item_save(item=sent, by=secretary)

    during = _public_texts(client, demo)
    assert set(during) == set(before)  # the same pages and objects, none gone
    leaks = [url for url, text in during.items() if DRAFT in text]
    assert leaks == []


def test_deleting_an_item_of_approved_notes_is_refused_with_a_message_not_a_500(client, demo, secretary):
    item = AgendaItem.objects.get(meeting__date=datetime.date(2022, 10, 19), title__startswith="Ställningstagande")
    client.force_login(secretary)
    client.raise_request_exception = False
    url = reverse("staff:item_delete", kwargs={"pk": item.pk})
    response = client.post(url, HTTP_REFERER="http://testserver" + url, follow=True)
    assert response.status_code == 200
    assert "Minnesanteckningarna har statusen ”publicerad”: dagordningen ingår i dem" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_form_sent_twice_creates_one_item_and_one_position(client, demo, secretary):
    from meetings.models import Position

    meeting = MeetingFactory(body=demo, date=datetime.date(2031, 6, 6))
    client.force_login(secretary)
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    token = client.get(url).context["form"]["submission"].value()
    data = {"kind": "information", "title": "Hjälpmedel", "duration_minutes": "20", "show_time": "on",
            "submission": token}  # fmt: skip
    first, retry = client.post(url, data), client.post(url, data)  # the answer to the first was lost
    assert first.status_code == retry.status_code == 302 and first["Location"] == retry["Location"]
    assert meeting.agenda_items.filter(title="Hjälpmedel").count() == 1

    url = reverse("staff:position_create")
    token = client.get(url).context["form"]["submission"].value()
    data = {"how": "per_capsulam", "taken_on": "2031-06-10", "matter_title": "Hjälpmedel",
            "text": "SRO ställer sig bakom förslaget om hjälpmedel.", "submission": token}  # fmt: skip
    assert client.post(url, data).status_code == client.post(url, data).status_code == 302
    assert Position.objects.filter(text="SRO ställer sig bakom förslaget om hjälpmedel.").count() == 1


def test_correcting_a_per_capsulam_position_over_someone_elses_correction_is_a_conflict(client, demo, secretary):
    from django.db.models import F

    from meetings.models import Position

    position = Position.objects.filter(how=Position.How.PER_CAPSULAM).first() or Position.objects.create(
        body=demo, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2025, 2, 23), text="SRO ställer sig bakom."
    )
    client.force_login(secretary)
    url = reverse("staff:position_edit", kwargs={"pk": position.pk})
    loaded = client.get(url).context["form"]["lock_version"].value()
    Position.objects.filter(pk=position.pk).update(text="Den andras rättelse.", lock_version=F("lock_version") + 1)
    response = client.post(url, {"how": "per_capsulam", "taken_on": "2025-02-23", "matter_title": "Hjälpmedel",
                                 "text": "Min rättelse.", "lock_version": loaded})  # fmt: skip
    assert response.status_code == 400, response.context["form"].errors
    assert "Någon annan sparade detta" in response.content.decode()
    assert "Min rättelse." in response.content.decode()  # what was typed is kept
    assert Position.objects.get(pk=position.pk).text == "Den andras rättelse."


def test_the_notes_of_the_demo_open_for_the_secretary_whatever_their_history(client, demo, secretary):
    """Their history has steps of the portal itself (no user): it used to answer 500."""
    client.force_login(secretary)
    for minutes in Minutes.objects.all():
        page = client.get(reverse("staff:minutes", kwargs={"pk": minutes.pk}))
        assert page.status_code == 200 and " – portalen: " in page.content.decode()  # who did it: the portal


def test_a_position_without_a_matter_is_listed_under_its_item_as_approved_not_as_being_corrected(
    client, demo, secretary
):
    """The public register, the home page, the compilation and the feed name such a position by its
    item's title as the approved notes froze it: a title changed during a correction stays out of sight."""
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    minutes_services.minutes_correct(minutes=minutes, by=secretary, reason="Rättelse.")
    item = AgendaItem.objects.get(meeting=minutes.meeting, title="Datum och tider för SRO år 2023")
    item.title = f"{DRAFT} datum"
    agenda_item_save(item=item, by=secretary)
    for url in [reverse("public:positions") + "?year=2022", reverse("public:compilation", kwargs={"year": 2022}),
                reverse("public:feed_positions")]:  # fmt: skip
        page = client.get(url).content.decode()
        assert "Datum och tider för SRO år 2023" in page, url
        assert DRAFT not in page, url
    staff = Client()
    staff.force_login(secretary)
    assert f"{DRAFT} datum" in staff.get(reverse("staff:positions") + "?year=2022").content.decode()


def _listed_ids(client, url: str) -> set[str]:
    """The ids of the objects an OParl list answers (its first page)."""
    return {entry["id"] for entry in client.get(url).json()["data"]}


def _edit_form(meeting, **changes) -> dict:
    values = {"date": meeting.date.isoformat(), "start_time": f"{meeting.start_time:%H:%M}",
              "end_time": f"{meeting.end_time:%H:%M}", "kind": meeting.kind, "form": meeting.form,
              "location": meeting.location, "lock_version": meeting.lock_version}  # fmt: skip
    return {**values, **changes}


def test_a_meetings_date_times_and_place_are_fixed_while_its_notes_are_approved_and_a_correction_shows_when_published(
    client, demo, secretary, monkeypatch
):
    from tests import test_public_pages

    meeting = Meeting.objects.get(date=datetime.date(2022, 10, 19))  # its notes approved and published
    client.force_login(secretary)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "mötets datum, tider och plats ingår i dem och kan inte ändras nu" in page
    assert reverse("staff:meeting_edit", args=[meeting.pk]) not in page
    response = client.get(reverse("staff:meeting_edit", args=[meeting.pk]), follow=True)
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    # A form opened before: what was typed is kept, with the reason, and nothing is saved.
    response = client.post(reverse("staff:meeting_edit", args=[meeting.pk]),
                           _edit_form(meeting, date="2022-10-26", location="Annan plats"))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "ingår i dem och kan inte ändras nu" in html
    assert 'value="Annan plats"' in html and 'value="2022-10-26"' in html
    assert Meeting.objects.get(pk=meeting.pk).location == meeting.location
    # The same values saved again are no change; and no path around the service changes them either.
    meeting_save(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(start_time=datetime.time(8, 0))
    Meeting.objects.filter(pk=meeting.pk).update(location=meeting.location)  # unchanged: let through

    # A correction opens them; the public reads the meeting as the published version approved it meanwhile.
    urls = test_public_pages.published_urls()
    monkeypatch.setattr(test_public_pages, "published_urls", lambda: urls)
    client.logout()
    before = _public_texts(client, demo)
    minutes_services.minutes_correct(minutes=meeting.minutes, by=secretary, reason="Fel plats.")
    moved = Meeting.objects.get(pk=meeting.pk)
    moved.date, moved.start_time, moved.location = datetime.date(2022, 10, 26), datetime.time(8, 15), f"{DRAFT} plats"
    meeting_save(meeting=moved, by=secretary)
    assert _public_texts(client, demo) == before

    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=None, remind=False)
    minutes_services.freeze(minutes=Minutes.objects.get(pk=minutes.pk), approved_by=None, approved_by_name="Ordförande",
                            now=timezone.now())  # fmt: skip
    assert DRAFT not in client.get(reverse("public:meeting", args=[meeting.pk])).content.decode()  # not yet published
    minutes_services.minutes_publish(minutes=Minutes.objects.get(pk=minutes.pk), by=secretary)
    assert f"{DRAFT} plats" in client.get(reverse("public:minutes", args=[meeting.pk])).content.decode()
    assert "26 oktober 2022" in client.get(reverse("public:home")).content.decode()
    assert client.get(reverse("api:meeting", args=[meeting.pk])).json()["start"].startswith("2022-10-26T08:15")
    # The corrected version withdrawn: the public reads the meeting as the version public again approved it.
    corrected = MinutesVersion.objects.filter(minutes=minutes).order_by("-version").first()
    minutes_services.minutes_withdraw(version=corrected, by=secretary, reason="Fel i rättelsen.")
    start = f"2022-10-19T{meeting.start_time:%H:%M}"
    assert client.get(reverse("api:meeting", args=[meeting.pk])).json()["start"].startswith(start)


def test_a_meetings_date_waits_while_the_chair_reads_its_notes_and_is_free_again_when_sent_back(demo, secretary, chair):
    meeting = MeetingFactory(body=demo, date=datetime.date(2026, 2, 2))
    MembershipFactory(body=demo, person=PersonFactory(user=chair), role="chair", start_date=datetime.date(2026, 1, 1),
                      end_date=None)  # fmt: skip
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
    moved = Meeting.objects.get(pk=meeting.pk)
    moved.date = datetime.date(2026, 2, 9)
    with pytest.raises(ServiceError, match="mötets datum, tider och plats ingår i dem och kan inte ändras nu"):
        meeting_save(meeting=moved, by=secretary)
    minutes_services.minutes_return(minutes=Minutes.objects.get(pk=minutes.pk), by=chair, comment="Fel datum.")
    moved = Meeting.objects.get(pk=meeting.pk)
    moved.date = datetime.date(2026, 2, 9)
    meeting_save(meeting=moved, by=secretary)
    assert Meeting.objects.get(pk=meeting.pk).date == datetime.date(2026, 2, 9)


def test_a_sent_meetings_new_date_time_and_place_reach_the_public_and_the_called_only_with_the_revised_notice(
    client, demo, secretary, monkeypatch
):
    from meetings.demo.loader import demo_member
    from meetings.services.notices import notice_send
    from mymeetings.services import member_account
    from tests import test_public_pages

    urls = test_public_pages.published_urls()  # found by the meeting's date, as sent
    monkeypatch.setattr(test_public_pages, "published_urls", lambda: urls)
    before = _public_texts(client, demo)
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))  # its notice sent and published, no notes yet
    meeting.date, meeting.start_time, meeting.location = datetime.date(2026, 1, 27), datetime.time(8, 15), DRAFT
    saved = timezone.now()
    meeting_save(meeting=meeting, by=secretary)

    # Every page, PDF, feed, search hit and API object as it was: moved neither in date nor in year, and the API's
    # "modified" not moved either, so a client asking what changed since the save is not told of this meeting.
    assert _public_texts(client, demo) == before
    changed = f"{reverse('api:meeting_list', args=[demo.pk])}?{urlencode({'modified_since': saved.isoformat()})}"
    assert _listed_ids(client, changed) == set()
    member = Client()
    member.force_login(member_account(demo_member()))
    mine = member.get(reverse("mymeetings:meeting", args=[meeting.pk])).content.decode()
    assert "6 mars 2025" in mine and DRAFT not in mine and "27 januari 2026" not in mine

    notice_send(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)  # the revised notice, version 2
    page = client.get(reverse("public:meeting", args=[meeting.pk])).content.decode()
    assert "Möte 27 januari 2026" in page and DRAFT in page
    link, archive = f'href="/meetings/{meeting.pk}/"', reverse("public:meetings")
    assert link in client.get(f"{archive}?year=2026").content.decode()
    assert link not in client.get(f"{archive}?year=2025").content.decode()
    api = client.get(reverse("api:meeting", args=[meeting.pk])).json()
    assert api["start"].startswith("2026-01-27T08:15")
    assert datetime.datetime.fromisoformat(api["modified"]) >= saved.replace(microsecond=0)  # OParl §2.4: seconds
    assert _listed_ids(client, changed) == {api["id"]}
    starts = [item["start"] for item in api["agendaItem"] if "start" in item]
    assert starts and all(start.startswith("2026-01-27") for start in starts)
    mine = member.get(reverse("mymeetings:meeting", args=[meeting.pk])).content.decode()
    assert "27 januari 2026" in mine and DRAFT in mine


def test_the_apis_modified_of_a_meeting_moves_when_what_the_public_reads_of_it_changes_and_only_then(
    client, demo, secretary
):
    """OParl's "modified" of a meeting, and what a list's ``modified_since`` finds, follow what the public reads:
    a sending, a publication, a withdrawal or a cancellation moves them, on every path; a draft saved between does
    not (a client that asks what changed learns nothing of the secretary's work in progress)."""
    from meetings.services.notices import notice_publish, notice_send
    from meetings.services.positions import meeting_cancel

    def modified(meeting) -> datetime.datetime:
        return datetime.datetime.fromisoformat(client.get(reverse("api:meeting", args=[meeting.pk])).json()["modified"])

    def changed_since(moment) -> set[str]:
        query = urlencode({"modified_since": moment.isoformat()})
        return _listed_ids(client, f"{reverse('api:meeting_list', args=[demo.pk])}?{query}")

    def api_id(meeting) -> str:
        return "http://testserver" + reverse("api:meeting", args=[meeting.pk])

    demo.publish_notice_on_send = False  # the publication a step of its own, to be seen moving "modified"
    demo.save(update_fields=["publish_notice_on_send"])
    meeting = MeetingFactory(body=demo, date=timezone.localdate() + datetime.timedelta(days=30))
    AgendaItemFactory(meeting=meeting)
    notice_send(meeting=meeting, by=secretary)
    published = timezone.now()
    notice_publish(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)
    assert modified(meeting) >= published.replace(microsecond=0) and changed_since(published) == {api_id(meeting)}

    edited = timezone.now()
    draft = Meeting.objects.get(pk=meeting.pk)
    draft.location = DRAFT
    meeting_save(meeting=draft, by=secretary)
    Meeting.objects.filter(pk=meeting.pk).update(start_time=datetime.time(7, 0))  # as a script would, not sent
    assert modified(meeting) < edited and changed_since(edited) == set()

    cancelled = timezone.now()
    meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)
    assert modified(meeting) >= cancelled.replace(microsecond=0) and changed_since(cancelled) == {api_id(meeting)}

    held = Meeting.objects.get(date=datetime.date(2022, 10, 19))  # its notes published
    before = modified(held)
    minutes = minutes_services.minutes_correct(minutes=held.minutes, by=secretary, reason="Fel namn.")
    minutes_services.minutes_send_to_chair(minutes=minutes, by=None, remind=False)
    minutes_services.freeze(minutes=Minutes.objects.get(pk=minutes.pk), approved_by=None,
                            approved_by_name="Ordförande", now=timezone.now())  # fmt: skip
    assert modified(held) == before  # approved, not yet public
    corrected = timezone.now()
    version = minutes_services.minutes_publish(minutes=Minutes.objects.get(pk=minutes.pk), by=secretary)
    assert modified(held) >= corrected.replace(microsecond=0) and api_id(held) in changed_since(corrected)
    withdrawn = timezone.now()
    minutes_services.minutes_withdraw(version=version, by=secretary, reason="Ett namn som måste bort.")
    # the first version again
    assert modified(held) >= withdrawn.replace(microsecond=0) and api_id(held) in changed_since(withdrawn)


def test_a_meeting_is_held_for_the_api_once_its_notes_are_published_not_when_the_secretary_starts_them(
    client, demo, secretary
):
    """Starting the notes marks a meeting held for the staff, and the secretary may start them before the meeting;
    OParl's ``meetingState`` says "genomfört" only once the notes are published, and until then nothing of it (nor
    its ``modified``) moves."""
    from meetings.services.notices import notice_send

    def answer(meeting) -> dict:
        return client.get(reverse("api:meeting", args=[meeting.pk])).json()

    meeting = MeetingFactory(body=demo, date=timezone.localdate() + datetime.timedelta(days=14))
    AgendaItemFactory(meeting=meeting)
    notice_send(meeting=meeting, by=secretary)  # SRO publishes the notice with the sending
    assert Meeting.objects.get(pk=meeting.pk).notice_published_at is not None
    called = answer(meeting)
    assert called["meetingState"] == "kallat" and called["cancelled"] is False

    minutes = minutes_services.minutes_start(meeting=Meeting.objects.get(pk=meeting.pk), by=secretary)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD  # for the staff
    assert answer(meeting) == called  # for the public, byte for byte: the state and "modified" as they were

    # The notes go to the chair once the meeting has begun: the clock moves to the afternoon it is held for the
    # sending only, since the database stamps "modified" by its own clock, which no test moves.
    with time_machine.travel(meeting_start(meeting) + datetime.timedelta(hours=3)):
        minutes_services.minutes_send_to_chair(minutes=minutes, by=None, remind=False)
    minutes_services.freeze(minutes=Minutes.objects.get(pk=minutes.pk), approved_by=None,
                            approved_by_name="Ordförande", now=timezone.now())  # fmt: skip
    assert answer(meeting) == called  # approved, not yet public
    published = timezone.now()
    minutes_services.minutes_publish(minutes=Minutes.objects.get(pk=minutes.pk), by=secretary)
    held = answer(meeting)
    assert held["meetingState"] == "genomfört" and held["resultsProtocol"]
    assert datetime.datetime.fromisoformat(held["modified"]) >= published.replace(microsecond=0)  # §2.4: seconds


def test_the_public_annual_plan_shows_a_sent_meetings_date_as_sent_and_a_planned_one_as_is(client, demo, secretary):
    from meetings.dates import long_date
    from meetings.models import AnnualPlanEntry, Matter
    from meetings.services.notices import notice_send

    soon = timezone.localdate() + datetime.timedelta(days=40)
    if (soon + datetime.timedelta(days=9)).year != soon.year:  # all in one year's plan
        soon += datetime.timedelta(days=14)
    sent, planned = MeetingFactory(body=demo, date=soon), MeetingFactory(body=demo, date=soon + datetime.timedelta(7))
    for meeting, title in ((sent, "Vårdsamverkan i planen"), (planned, "Läkemedel i planen")):
        AnnualPlanEntry.objects.create(body=demo, meeting=meeting, matter=Matter.objects.create(body=demo, title=title))
    AgendaItemFactory(meeting=sent)
    notice_send(meeting=sent, by=secretary)
    for meeting in (Meeting.objects.get(pk=sent.pk), Meeting.objects.get(pk=planned.pk)):
        meeting.date += datetime.timedelta(days=2)  # saved, not sent
        meeting_save(meeting=meeting, by=secretary)

    plan_of_the_year = reverse("public:plan_year", kwargs={"year": soon.year})
    page = client.get(plan_of_the_year).content.decode()
    assert long_date(soon) in page and long_date(soon + datetime.timedelta(2)) not in page
    assert long_date(soon + datetime.timedelta(9)) in page  # a meeting not yet called: the plan is its only word
    assert "Vårdsamverkan i planen" in page and "Läkemedel i planen" in page
    notice_send(meeting=Meeting.objects.get(pk=sent.pk), by=secretary)
    page = client.get(plan_of_the_year).content.decode()
    assert long_date(soon + datetime.timedelta(2)) in page and long_date(soon) not in page
