"""The secretariat's pages: mark, send (warned of the parties without address), record from a protocol, keep the
addresses, and the overview of what is open, unanswered and overdue."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import Answer, Delivery, Dispatch, Principal, PrincipalLogEntry, Recommendation

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def staff(client, secretary):
    client.force_login(secretary)
    return client


def test_the_secretary_marks_a_position_of_approved_notes_from_the_overview(staff, notes):
    overview = staff.get(reverse("staff:recommendations"))
    mark_url = reverse("staff:recommendation_mark", args=[notes["frozen"].pk])
    minutes_page = staff.get(reverse("staff:minutes", args=[notes["version"].minutes_id])).content.decode()
    assert reverse("staff:recommendations") + "#to-mark-heading" in minutes_page  # from the approved notes
    assert mark_url in overview.content.decode()  # the approved copy that recommends, not yet marked
    assert reverse("staff:recommendation_mark", args=[notes["working"].pk]) not in overview.content.decode()

    form = staff.get(mark_url)
    assert "Överenskommelse" in _text(form) and "Internt underlag" not in _text(form)  # public documents only
    response = staff.post(mark_url, {"title": "Digitala hjälpmedel", "decision_asked": "att anta överenskommelsen",
                                     "answer_by": "2025-12-31", "documents": [notes["attachment"].pk]})  # fmt: skip
    recommendation = Recommendation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("staff:recommendation",
                                                                           args=[recommendation.pk])  # fmt: skip
    assert list(recommendation.documents.all()) == [notes["attachment"]]
    assert recommendation.created_by.username == "sekreterare"


def test_a_working_copy_is_refused_with_a_reason_and_bad_dates_with_an_error(staff, notes):
    refused = staff.get(reverse("staff:recommendation_mark", args=[notes["working"].pk]))
    assert "Bara ett ställningstagande i godkända minnesanteckningar" in _text(refused)
    bad = staff.post(reverse("staff:recommendation_mark", args=[notes["frozen"].pk]),
                     {"title": "X", "decision_asked": "att anta", "answer_by": "2020-01-01"})  # fmt: skip
    assert bad.status_code == 400 and "Sista svarsdag kan inte ligga före" in _text(bad)
    assert not Recommendation.objects.exists()


def test_sending_warns_of_the_parties_without_address_and_a_double_click_sends_once(
    staff, recommendation, addresses, django_capture_on_commit_callbacks
):
    url = reverse("staff:recommendation_send", args=[recommendation.pk])
    page = staff.get(url)
    assert "3 huvudmän saknar diarieadress: Ale, Bengtsfors, Essunga." in _text(page)
    assert reverse("staff:recommendation_parties") in page.content.decode()
    key = re.search(r'name="key" value="(\w+)"', page.content.decode())[1]
    with django_capture_on_commit_callbacks(execute=True):
        first = staff.post(url, {"key": key})
        second = staff.post(url, {"key": key})
    assert first.status_code == second.status_code == 302
    assert Dispatch.objects.count() == 1 and len(mail.outbox) == 47
    detail = _text(staff.get(reverse("staff:recommendation", args=[recommendation.pk])))
    assert "Mottagen av e-postservern" in detail
    assert "Ingen e-postadress" in detail


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_the_secretary_records_an_answer_from_a_protocol_with_the_extract(staff, recommendation, addresses):
    boras = Principal.objects.get(common_name="Borås")
    url = reverse("staff:recommendation_answer", args=[recommendation.pk, boras.pk])
    not_pdf = staff.post(url, {"outcome": "adopted", "decided_on": "2025-09-01", "decided_by": "kommunfullmaktige",
                               "decision_file": SimpleUploadedFile("utdrag.pdf", b"<html>")})  # fmt: skip
    assert not_pdf.status_code == 400 and "Bara en PDF-fil" in _text(not_pdf)
    response = staff.post(url, {"outcome": "adopted", "decided_on": "2025-09-01",
                                "decided_by": "kommunfullmaktige", "note": "Från protokollet",
                                "decision_file": SimpleUploadedFile("utdrag.pdf", b"%PDF-1.4 utdrag")})  # fmt: skip
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.via == Answer.Via.SECRETARY and answer.note == "Från protokollet"
    detail = staff.get(reverse("staff:recommendation", args=[recommendation.pk]))
    assert "Antagit, 1 september 2025 (kommunfullmäktige)" in _text(detail)
    extract = staff.get(reverse("staff:recommendation_answer_file", args=[answer.pk]))
    assert b"".join(extract.streaming_content) == b"%PDF-1.4 utdrag"


def test_the_registrar_addresses_are_kept_and_logged(staff, secretary):
    ale = Principal.objects.get(common_name="Ale")
    url = reverse("staff:recommendation_party_address", args=[ale.pk])
    assert staff.get(url).status_code == 405
    assert staff.post(url, {}).status_code == 400  # an empty form never removes an address
    staff.post(url, {"registrar_email": "inte en adress"})
    ale.refresh_from_db()
    assert ale.registrar_email == ""
    staff.post(url, {"registrar_email": "kommunstyrelsen@ale.se"})
    ale.refresh_from_db()
    assert ale.registrar_email == "kommunstyrelsen@ale.se"
    assert PrincipalLogEntry.objects.get().user == secretary
    assert "kommunstyrelsen@ale.se" in _text(staff.get(reverse("staff:recommendation_parties")))


@time_machine.travel(datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC))
def test_the_overview_says_who_has_not_decided_and_what_is_overdue(staff, recommendation, addresses):
    from recommendations.services import answer_record, recommendation_dispatch

    recommendation_dispatch(recommendation=recommendation, by=None, key="k")
    for name in Principal.objects.exclude(common_name__in=["Ale", "Borås"]).values_list("common_name", flat=True):
        answer_record(recommendation=recommendation, principal=Principal.objects.get(common_name=name),
                      via=Answer.Via.SECRETARY, user=recommendation.created_by, outcome="adopted",
                      decided_on=datetime.date(2025, 9, 1), decided_by="kommunfullmaktige")  # fmt: skip
    text = _text(staff.get(reverse("staff:recommendations")))
    assert "48 av 50" in text and "Försenade" in text
    assert "Ale, Borås" in text
    assert Delivery.objects.filter(status=Delivery.Status.NO_ADDRESS).count() == 3


def test_the_overview_costs_the_same_queries_at_one_recommendation_as_at_three(staff, notes, secretary):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.models import Position
    from recommendations.services import answer_record, recommendation_mark

    def mark(text):
        position = Position.objects.create(body=notes["meeting"].body, how=Position.How.PER_CAPSULAM,
                                           taken_on=datetime.date(2025, 5, 2), text=text)  # fmt: skip
        made = recommendation_mark(position=position, by=secretary, title=text, decision_asked="att anta",
                                   answer_by=datetime.date(2025, 12, 31))  # fmt: skip
        for principal in Principal.objects.all()[:10]:
            answer_record(recommendation=made, principal=principal, via=Answer.Via.SECRETARY, user=secretary,
                          registration_number="KS 1")  # fmt: skip

    url = reverse("staff:recommendations")
    mark("SRO rekommenderar A.")
    with CaptureQueriesContext(connection) as one:
        staff.get(url)
    mark("SRO rekommenderar B.")
    mark("SRO rekommenderar C.")
    with CaptureQueriesContext(connection) as three:
        response = staff.get(url)
    assert all(title in response.content.decode() for title in ("SRO rekommenderar A.", "SRO rekommenderar C."))
    assert len(three) == len(one)


def test_the_secretary_adds_a_dated_status_report(staff, recommendation):
    url = reverse("staff:recommendation_status_note", args=[recommendation.pk])
    assert staff.get(url).status_code == 405
    staff.post(url, {"written_on": "2099-01-01", "text": "För tidigt."})
    staff.post(url, {"written_on": "2025-10-19", "text": ""})
    staff.post(url, {"written_on": "2025-10-19", "text": "I dagsläget har 12 kommuner beslutat.",
                     "source": "Minnesanteckningar SRO 19 oktober 2025"})  # fmt: skip
    assert list(recommendation.status_notes.values_list("text", flat=True)) == ["I dagsläget har 12 kommuner beslutat."]
    detail = _text(staff.get(reverse("staff:recommendation", args=[recommendation.pk])))
    assert "19 oktober 2025 (Minnesanteckningar SRO 19 oktober 2025): I dagsläget har 12 kommuner beslutat." in detail
