"""A party's answer link: no login; its own party (or a kommunalförbund's members) and its own recommendation only;
working until it expires, and never after; bad input refused with a reason in Swedish; throttled."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from recommendations import services
from recommendations.models import Answer, Channel, Delivery, Principal

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def links(recommendation, secretary, addresses, django_capture_on_commit_callbacks):
    """Recipient's common name (or the kommunalförbund's short name) → its answer link's path."""
    Channel.objects.filter(short_name="Fyrbodal").update(registrar_email="diarie@fyrbodal.se")
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_dispatch(recommendation=recommendation, by=secretary, key="k")
    names = {d.email: (d.principal.common_name if d.principal else d.channel.short_name)
             for d in Delivery.objects.select_related("principal", "channel")}  # fmt: skip
    return {names[m.to[0]]: re.search(r"https?://[^/]+(/answer/[\w-]+/)", m.body)[1] for m in mail.outbox}


@time_machine.travel(NOW)
def test_a_party_reports_the_receipt_then_the_decision_through_its_link(client, links, recommendation, notes):
    page = client.get(links["Borås"])
    assert page.status_code == 200
    text = _text(page)
    assert "För Borås kommun." in text and "att anta överenskommelsen" in text
    document = client.get(reverse("answer:document", args=[links["Borås"].split("/")[2], notes["attachment"].pk]))
    assert b"".join(document.streaming_content) == b"%PDF-1.4 overenskommelse"

    received = client.post(links["Borås"], {"registration_number": "KS 2025/123", "received_on": "2025-05-02",
                                            "responder_name": "Anna Registrator"})  # fmt: skip
    assert received.status_code == 302
    decided = client.post(links["Borås"], {"registration_number": "KS 2025/123", "received_on": "2025-05-02",
                                           "outcome": "adopted_with_changes", "decided_on": "2025-09-01",
                                           "decided_by": "kommunfullmaktige",
                                           "decision_url": "https://boras.se/protokoll/123",
                                           "decision_file": SimpleUploadedFile("u.pdf", b"%PDF-1.4 x")})  # fmt: skip
    assert decided.status_code == 302
    entries = list(Answer.objects.order_by("pk"))
    assert [(e.principal.common_name, e.via, e.outcome) for e in entries] == [
        ("Borås", "party_link", ""), ("Borås", "party_link", "adopted_with_changes")]  # fmt: skip
    assert (
        entries[1].decision_file.name.endswith(".pdf") and entries[1].decision_url == "https://boras.se/protokoll/123"
    )
    after = _text(client.get(links["Borås"]))
    assert "Antagit med ändringar, 1 september 2025 (kommunfullmäktige)" in after


@time_machine.travel(NOW)
def test_a_link_cannot_answer_for_another_party(client, links):
    other = Principal.objects.get(common_name="Ale")
    client.post(links["Borås"], {"principal": other.pk, "received_on": "2025-05-02"})
    assert list(Answer.objects.values_list("principal__common_name", flat=True)) == ["Borås"]  # its own, whatever
    assert "Ale" not in _text(client.get(links["Borås"])).replace("Alingsås", "")


@time_machine.travel(NOW)
def test_a_kommunalforbund_chooses_only_among_its_members(client, links):
    page = client.get(links["Fyrbodal"])
    text = _text(page)
    assert "Uddevalla" in text and "Borås" not in text
    uddevalla = Principal.objects.get(common_name="Uddevalla")
    boras = Principal.objects.get(common_name="Borås")
    refused = client.post(links["Fyrbodal"], {"principal": boras.pk, "received_on": "2025-05-02"})
    assert refused.status_code == 400 and not Answer.objects.exists()
    done = client.post(links["Fyrbodal"], {"principal": uddevalla.pk, "outcome": "adopted", "decided_on": "2025-09-01",
                                           "decided_by": "kommunfullmaktige"})  # fmt: skip
    assert done.status_code == 302
    answer = Answer.objects.get()
    assert (answer.principal, answer.via, answer.channel.short_name) == (uddevalla, "channel_link", "Fyrbodal")


def test_a_link_never_answers_for_another_recommendation(client, links, chair, secretary):
    from tests.recommendations.conftest import approved_notes

    other = approved_notes(chair, secretary, date=datetime.date(2025, 4, 25))
    other_recommendation = services.recommendation_mark(
        position=other["frozen"], by=secretary, title="Annan", decision_asked="x", answer_by=datetime.date(2025, 12, 31)
    )
    token = links["Borås"].split("/")[2]
    with pytest.raises(services.AnswerRefused, match="annan rekommendation"):
        services.answer_record(recommendation=other_recommendation, principal=Principal.objects.get(
            common_name="Borås"), via=Answer.Via.PARTY_LINK, delivery=services.link_delivery(token),
            received_on=datetime.date(2025, 5, 2))  # fmt: skip
    # Nor does another recommendation's document open with it.
    other["attachment"].refresh_from_db()
    assert client.get(reverse("answer:document", args=[token, other["attachment"].pk])).status_code == 404


def test_a_used_link_works_until_it_expires_and_never_after(client, links, recommendation):
    with time_machine.travel(NOW):
        client.post(links["Borås"], {"registration_number": "KS 1", "received_on": "2025-05-02"})
    expires = Delivery.objects.get(principal__common_name="Borås").expires_at
    assert expires.date() == recommendation.answer_by + datetime.timedelta(days=365)
    with time_machine.travel(expires - datetime.timedelta(minutes=1)):
        assert client.get(links["Borås"]).status_code == 200
    with time_machine.travel(expires + datetime.timedelta(seconds=1)):
        gone = client.get(links["Borås"])
        assert gone.status_code == 404 and "Svarslänken fungerar inte" in _text(gone)
        late = client.post(links["Borås"], {"registration_number": "KS 1", "received_on": "2025-05-02",
                                            "outcome": "adopted", "decided_on": "2026-01-05",
                                            "decided_by": "kommunfullmaktige"})  # fmt: skip
        assert late.status_code == 404
    assert Answer.objects.count() == 1


def test_a_wrong_or_malformed_token_is_a_swedish_404_never_a_500(client, links):
    for token in ("x", "a" * 400, links["Borås"].split("/")[2][:-1] + "A", "%00"):
        response = client.get(f"/answer/{token}/")
        assert response.status_code == 404
    assert client.get("/answer/x/documents/99999999999999999999/").status_code == 404


@time_machine.travel(NOW)
def test_a_bad_report_is_refused_with_a_reason_and_nothing_is_lost(client, links):
    response = client.post(links["Borås"], {"registration_number": "KS 9", "outcome": "adopted",
                                            "decision_file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")})  # fmt: skip
    assert response.status_code == 400
    text = _text(response)
    assert "Bara en PDF-fil kan laddas upp." in text
    assert 'value="KS 9"' in response.content.decode()  # what was typed is still there
    assert not Answer.objects.exists()


@time_machine.travel(NOW)
@override_settings(CACHE_URL="")
def test_the_answer_posts_are_throttled(client, links, monkeypatch):
    from recommendations.views import answer as view

    monkeypatch.setattr(view, "ANSWER_POST_LIMIT", 2)
    for _ in range(2):
        client.post(links["Borås"], {})
    refused = client.post(links["Borås"], {"registration_number": "KS 1"})
    assert refused.status_code == 429 and "För många" in _text(refused)
    assert not Answer.objects.exists()
