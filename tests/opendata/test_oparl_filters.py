"""OParl 1.1: every list honours created_since, created_until, modified_since and modified_until, and keeps them in
its links to other pages; what was public and is taken down answers as a deleted object, never 404."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import FrozenItem, Minutes
from meetings.services.minutes import minutes_withdraw
from members.models import Person

pytestmark = pytest.mark.django_db
LISTS = ["meeting_list", "agenda_item_list", "person_list", "membership_list", "organization_list", "file_list",
         "legislative_term_list", "paper_list", "consultation_list", "location_list"]  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_every_list_takes_the_four_date_filters(client, demo, name):
    url = reverse(f"api:{name}", kwargs={"body_pk": demo.pk})
    everything = client.get(url).json()["pagination"]["totalElements"]
    future = client.get(url, {"created_since": "2099-01-01T00:00:00+01:00"}).json()
    assert future["pagination"]["totalElements"] == 0 and future["data"] == []
    past = client.get(url, {"modified_until": "2000-01-01"}).json()
    assert past["pagination"]["totalElements"] == 0
    wide = client.get(url, {"created_since": "2000-01-01", "modified_until": "2099-12-31T23:59:59Z"}).json()
    assert wide["pagination"]["totalElements"] == everything


def test_a_filter_narrows_to_what_changed_and_the_links_keep_it(client, demo):
    since = timezone.now()
    person = Person.objects.filter(memberships__body=demo).first()
    person.title = "ny titel"
    person.save()  # changed after ``since``: the only one a client updating since then must fetch
    url = reverse("api:person_list", kwargs={"body_pk": demo.pk})
    answer = client.get(url, {"modified_since": since.isoformat()}).json()
    assert [p["id"].rsplit("/", 2)[-2] for p in answer["data"]] == [str(person.pk)]
    assert answer["data"][0]["modified"] >= since.isoformat()[:19]
    first = parse_qs(urlparse(answer["links"]["first"]).query)
    assert first["modified_since"] == [since.isoformat()] and first["page"] == ["1"]


def test_a_bad_moment_is_refused_in_swedish(client, demo):
    response = client.get(reverse("api:meeting_list", kwargs={"body_pk": demo.pk}), {"created_since": "igår"})
    assert response.status_code == 400 and "Ogiltig tidpunkt" in response.json()["message"]
    assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"


def test_withdrawn_notes_answer_as_a_deleted_file_and_meeting(client, demo, secretary):
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    meeting = minutes.meeting
    notes_url = reverse("api:notes_file", kwargs={"meeting_pk": meeting.pk})
    assert "deleted" not in client.get(notes_url).json()
    minutes_withdraw(version=minutes.versions.get(), by=secretary, reason="GDPR")

    gone = client.get(notes_url)
    assert gone.status_code == 200
    # OParl's File schema requires accessUrl of every File, a deleted one too: where it was (it answers no more).
    assert set(gone.json()) == {"id", "type", "accessUrl", "created", "modified", "deleted"}
    assert gone.json()["deleted"] is True and client.get(gone.json()["accessUrl"]).status_code == 404
    assert gone.json()["type"] == "https://schema.oparl.org/1.1/File"
    meeting_answer = client.get(reverse("api:meeting", kwargs={"pk": meeting.pk})).json()
    assert meeting_answer["deleted"] is True and set(meeting_answer) == {"id", "type", "created", "modified",
                                                                         "deleted"}  # fmt: skip
    assert client.get(reverse("api:meeting", kwargs={"pk": 999999})).status_code == 404  # never public: not found


def test_a_public_attachment_file_carries_the_sha512_of_what_is_downloaded(client, demo):
    import hashlib

    files = client.get(reverse("api:file_list", kwargs={"body_pk": demo.pk})).json()["data"]
    assert files
    for found in files:
        download = client.get(found["accessUrl"].removeprefix("http://testserver"))
        content = b"".join(download.streaming_content)
        assert found["sha512Checksum"] == hashlib.sha512(content).hexdigest() and found["size"] == len(content)


def _downloaded(client, url: str) -> bytes:
    response = client.get(url.removeprefix("http://testserver"))
    return b"".join(response.streaming_content)


def test_the_notes_file_carries_the_sha512_and_size_of_the_approved_pdf(client, demo):
    import hashlib

    meeting = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19)).meeting
    found = client.get(reverse("api:notes_file", kwargs={"meeting_pk": meeting.pk})).json()
    content = _downloaded(client, found["accessUrl"])
    assert found["sha512Checksum"] == hashlib.sha512(content).hexdigest() and found["size"] == len(content)


def test_the_notice_file_carries_the_sha512_and_size_of_the_public_pdf_made_when_it_was_sent(
    client, secretary, django_capture_on_commit_callbacks
):
    import hashlib

    from meetings.models import PublicNoticePdf
    from meetings.services.notices import notice_publish, notice_send
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(date=datetime.date(2030, 3, 3))
    AgendaItemFactory(meeting=meeting, title="Regional cancerplan")
    with django_capture_on_commit_callbacks(execute=True):
        notice_send(meeting=meeting, by=secretary)
    made = PublicNoticePdf.objects.get(dispatch__meeting=meeting)  # made in the background, before any reader
    notice_publish(meeting=meeting, by=secretary)
    listed = client.get(reverse("api:meeting", kwargs={"pk": meeting.pk})).json()["invitation"]
    single = client.get(reverse("api:notice_file", kwargs={"meeting_pk": meeting.pk})).json()
    assert listed == single
    content = _downloaded(client, single["accessUrl"])
    assert single["sha512Checksum"] == hashlib.sha512(content).hexdigest() == made.sha512
    assert single["size"] == len(content) == made.size


def test_notices_sent_before_the_upgrade_get_their_public_pdf_recorded_by_a_command(secretary):
    from django.core.management import call_command

    from meetings.models import PublicNoticePdf
    from meetings.services.notices import notice_send
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(date=datetime.date(2030, 3, 4))
    AgendaItemFactory(meeting=meeting)
    notice_send(meeting=meeting, by=secretary)  # its background work never ran (as before the upgrade)
    assert not PublicNoticePdf.objects.exists()
    call_command("make_public_notice_pdfs", verbosity=0)
    made = PublicNoticePdf.objects.get(dispatch__meeting=meeting)
    assert made.size > 1000 and len(made.sha512) == 128


def test_the_file_list_pages_through_every_public_file_once_in_agenda_order(client, secretary, monkeypatch):
    """Each page reads only its own items' files (the database counts each item's public files): an item with
    several files, one with only files that are not public, and a page boundary inside an item."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.services.agenda import attachment_add
    from meetings.services.notices import notice_publish, notice_send
    from opendata.views.oparl import paging as oparl_views
    from tests.factories import AgendaItemFactory, MeetingFactory, blank_pdf

    meeting = MeetingFactory(date=datetime.date(2030, 5, 6))
    shown = []
    for place, publics in enumerate([(True, False, True), (False,), (), (True, True, True)], start=1):
        item = AgendaItemFactory(meeting=meeting, order=place)
        for n, public in enumerate(publics):
            upload = SimpleUploadedFile(f"f{n}.pdf", blank_pdf())
            added = attachment_add(item=item, upload=upload, content_type="application/pdf",
                                   title=f"Punkt {place} fil {n}", is_public=public)  # fmt: skip
            if public:
                shown.append(added.title)
    notice_send(meeting=meeting, by=secretary)
    notice_publish(meeting=meeting, by=secretary)
    sent = FrozenItem.objects.filter(dispatch__meeting=meeting).order_by("sequence")
    assert list(sent.values_list("public_files", flat=True)) == [2, 0, 0, 3]  # counted as the items were sent

    monkeypatch.setattr(oparl_views, "PAGE_SIZE", 2)
    url, names, pages = reverse("api:file_list", kwargs={"body_pk": meeting.body_id}), [], 0
    while url:
        answer = client.get(url.removeprefix("http://testserver")).json()
        assert answer["pagination"]["totalElements"] == len(shown) == 5
        names += [f["name"] for f in answer["data"]]
        url, pages = answer["links"].get("next"), pages + 1
    assert names == shown and pages == 3
    beyond = client.get(reverse("api:file_list", kwargs={"body_pk": meeting.body_id}), {"page": 4})
    assert beyond.status_code == 404
