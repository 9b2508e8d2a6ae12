"""GDPR: an approved, published version withdrawn from the public site without being deleted. It leaves every public
read (pages, PDF, feed, search, API, positions); the archive keeps it; the log says who withdrew it and why."""

import datetime

import pytest
from django.urls import reverse

from archive.package import write_package
from archive.validate import read
from meetings.models import MeetingLogEntry, Minutes, MinutesWithdrawal
from meetings.services import minutes as minutes_services
from meetings.services.minutes import minutes_withdraw
from tests.opendata.links import api_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(demo):
    return Minutes.objects.select_related("meeting").get(meeting__date=datetime.date(2022, 10, 19))


def _api_texts(client) -> str:
    return " ".join(api_answers(client, reverse("api:system")).values())


def test_the_secretary_withdraws_a_version_and_it_leaves_every_public_read(client, notes, secretary, tmp_path):
    meeting, version = notes.meeting, notes.versions.get()
    notes_url = reverse("public:minutes", args=[meeting.pk])
    assert client.get(notes_url).status_code == 200 and f"notes-{meeting.pk}" in _api_texts(client)
    word = "hjälpmedel"
    notes_hits = lambda: [hit for _k, _h, hits, _m in client.get(reverse("public:search") + f"?q={word}")  # noqa: E731
                          .context["results"].groups for hit in hits if hit.url == notes_url]  # fmt: skip
    assert notes_hits()

    client.force_login(secretary)
    page = client.get(reverse("staff:minutes_withdraw", args=[notes.pk]))
    assert page.status_code == 200 and "Dra tillbaka en version från den publika webbplatsen?" in page.content.decode()
    empty = client.post(reverse("staff:minutes_withdraw", args=[notes.pk]), {"version": "1", "reason": " "})
    assert empty.status_code == 400 and "Detta fält måste fyllas i." in empty.content.decode()
    done = client.post(reverse("staff:minutes_withdraw", args=[notes.pk]),
                       {"version": "1", "reason": "Ett namn som ska bort enligt GDPR."})  # fmt: skip
    assert done.status_code == 302
    client.logout()

    assert client.get(notes_url).status_code == 404
    assert client.get(reverse("public:minutes_pdf", args=[meeting.pk])).status_code == 404
    assert notes_url not in client.get(reverse("public:home")).content.decode()
    assert notes_url not in client.get(reverse("public:feed_minutes")).content.decode()
    assert f"notes-{meeting.pk}" not in _api_texts(client)
    assert notes_hits() == []
    assert client.get(reverse("public:compilation", args=[2022])).status_code == 404  # its positions are gone too

    # Not deleted: the record and the archive keep it; the log says who and why; the check names it withdrawn.
    version.refresh_from_db()
    assert version.published_at is not None and MinutesWithdrawal.objects.get(version=version).withdrawn_by == secretary
    entry = MeetingLogEntry.objects.get(meeting=meeting, action="minutes_withdrawn")
    assert entry.user == secretary and entry.note == "v1: Ett namn som ska bort enligt GDPR."
    package = write_package(body=notes.meeting.body, year=2022, into=tmp_path)
    assert [f.sha256 for f in read(package.root)["notes"]] == [version.pdf_sha256]
    checked = client.get(f"{reverse('seal:verify')}?sha256={version.pdf_sha256}").content.decode()
    assert "drogs tillbaka från den publika webbplatsen" in checked and "GDPR" not in checked


def test_withdrawing_the_newest_version_shows_the_older_one_and_twice_is_refused(client, notes, secretary, chair):
    from meetings.services.minutes import freeze

    meeting = notes.meeting
    minutes_services.minutes_correct(minutes=notes, by=secretary, reason="Rättelse")
    minutes_services.minutes_send_to_chair(minutes=notes, by=secretary, remind=False)
    notes.refresh_from_db()
    now = datetime.datetime.now(datetime.UTC)
    freeze(minutes=notes, approved_by=None, approved_by_name="Johnny Magnusson", now=now)
    minutes_services.minutes_publish(minutes=notes, by=secretary, alert=False)
    newest = notes.versions.get(version=2)
    assert "version 2" in client.get(reverse("public:minutes", args=[meeting.pk])).content.decode()

    minutes_withdraw(version=newest, by=secretary, reason="Fel person namngiven")
    page = client.get(reverse("public:minutes", args=[meeting.pk])).content.decode()
    assert "version 2" not in page and "Godkänd av" in page  # version 1, as approved, is what the public reads
    from meetings.services import ServiceError

    with pytest.raises(ServiceError, match="redan"):
        minutes_withdraw(version=newest, by=secretary, reason="Igen")
