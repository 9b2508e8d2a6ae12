"""Sending and approving do their long work (the PDF, the seal) outside the transaction that writes, check in it
that nothing moved meanwhile, and a second click sends nothing twice."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from meetings import hooks
from meetings.models import AgendaItem, Meeting, MeetingLogEntry, Minutes, MinutesVersion, NoticeDispatch
from meetings.services import minutes as minutes_services
from meetings.services import notices as notice_services
from meetings.services.positions import meeting_cancel
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(chair):
    meeting = MeetingFactory(date=datetime.date(2026, 4, 24))
    chair_person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair, email="helen@example.se")
    MembershipFactory(body=meeting.body, person=chair_person, role="chair", start_date=datetime.date(2026, 1, 1),
                      end_date=None)  # fmt: skip
    member = PersonFactory(first_name="Ann", last_name="Berg", email="ann@example.se")
    MembershipFactory(body=meeting.body, person=member, start_date=datetime.date(2026, 1, 1), end_date=None)
    AgendaItemFactory(meeting=meeting, order=1, title="Information", proposals=["SRO noterar informationen."])
    return meeting


class _Outside:
    """Wraps a slow step (rendering, sealing) to record whether it ran inside a transaction the service opened,
    and to run something at that moment (a colleague's save)."""

    def __init__(self, monkeypatch, module, name, meanwhile=None):
        # ``module`` is a module, or the hooks' registry (the seal is the seal app's, reached through a hook)
        registry = isinstance(module, dict)
        self.real = module[name] if registry else getattr(module, name)
        self.meanwhile, self.depths = meanwhile, []
        self.start = len(connection.atomic_blocks)  # the test's own transaction(s)
        (monkeypatch.setitem if registry else monkeypatch.setattr)(module, name, self)

    def __call__(self, *args, **kwargs):
        self.depths.append(len(connection.atomic_blocks) - self.start)
        if self.meanwhile is not None:
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()
        return self.real(*args, **kwargs)


def test_the_notice_pdf_is_made_outside_the_transaction_and_a_save_meanwhile_is_in_what_is_sent(
    monkeypatch, meeting, secretary, django_capture_on_commit_callbacks
):
    def colleague_saves():
        AgendaItem.objects.filter(meeting=meeting, title="Information").update(title="Information om vårdavtalet")

    render = _Outside(monkeypatch, notice_services, "html_to_pdf", meanwhile=colleague_saves)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = notice_services.notice_send(meeting=meeting, by=secretary)

    assert render.depths == [0, 0]  # rendered twice (the agenda moved), never inside the service's transaction
    assert "Information om vårdavtalet" in dispatch.html
    assert list(dispatch.items.values_list("title", flat=True)) == ["Information om vårdavtalet"]
    assert len(mail.outbox) == 2


def test_a_double_click_on_send_sends_the_notice_once_and_answers_with_the_first_sending(
    client, meeting, secretary, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    url = reverse("staff:notice_send", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert 'name="seen_version" value="0"' in page
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"seen_version": "0"}, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, {"seen_version": "0"}, follow=True)

    assert "Kallelsen (version 1) skickades till 2 mottagare." in first.content.decode()
    assert second.status_code == 200
    assert "Kallelsen var redan skickad (version 1); den skickades inte igen." in second.content.decode()
    assert NoticeDispatch.objects.filter(meeting=meeting).count() == 1
    assert len(mail.outbox) == 2
    meeting.refresh_from_db()
    assert meeting.notice_version == 1

    # A revised notice is sent from the page as it now reads (version 1 seen): the next version, once.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"seen_version": "1"})
    assert NoticeDispatch.objects.filter(meeting=meeting).count() == 2
    # A page without the field, or with nonsense in it, still sends (and never answers 500).
    assert client.post(url, {"seen_version": "x\x00"}).status_code == 302
    assert client.post(url, {"seen_version": "²"}).status_code == 302
    assert NoticeDispatch.objects.filter(meeting=meeting).count() == 4


def test_a_double_click_on_the_cancellation_sends_it_once(
    client, meeting, secretary, django_capture_on_commit_callbacks
):
    meeting_cancel(meeting=meeting, by=secretary, reason="För få ärenden")
    client.force_login(secretary)
    url = reverse("staff:cancellation_send", kwargs={"pk": meeting.pk})
    token = client.get(url).context["form"]["submission"].value()
    data = {"message": "Ärendena tas per capsulam.", "submission": str(token)}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, data, follow=True)

    for response in (first, second):
        assert "Beskedet om inställt möte skickas till 2 personer." in response.content.decode()
    assert len(mail.outbox) == 2
    assert MeetingLogEntry.objects.filter(meeting=meeting, action="cancellation_sent").count() == 1
    # A new page (a new token) sends a new notice of cancellation: a correction, say.
    token = client.get(url).context["form"]["submission"].value()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "submission": str(token)})
    assert len(mail.outbox) == 4


def _sent_to_chair(meeting, secretary) -> Minutes:
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    return minutes


def test_the_seal_is_made_outside_the_transaction_that_approves(monkeypatch, meeting, secretary, chair):
    minutes = _sent_to_chair(meeting, secretary)
    seal = _Outside(monkeypatch, hooks._registered, "seal_approved_notes")
    minutes_services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    assert seal.depths == [0]
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert MinutesVersion.objects.filter(minutes=minutes).count() == 1


def test_notes_changed_while_they_are_sealed_are_not_approved_and_the_chair_sees_what_changed(
    monkeypatch, meeting, secretary, chair
):
    minutes = _sent_to_chair(meeting, secretary)

    def secretary_renames():
        AgendaItem.objects.filter(meeting=meeting).update(title="Information om vårdavtalet")

    _Outside(monkeypatch, hooks._registered, "seal_approved_notes", meanwhile=secretary_renames)
    with pytest.raises(minutes_services.ContentChangedError) as refused:
        minutes_services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    assert "1. Information om vårdavtalet" in [line.text for line in refused.value.changes if line.kind == "added"]
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.SENT_TO_CHAIR
    assert not MinutesVersion.objects.filter(minutes=minutes).exists()
    # Approved once she has read them again.
    minutes_services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    assert Meeting.objects.get(pk=meeting.pk).minutes.status == Minutes.Status.APPROVED
