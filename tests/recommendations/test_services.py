"""Marking, sending, answering and reminding, through the services: what must hold whoever calls them."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from meetings import hooks
from meetings.errors import ServiceError
from meetings.models import Position
from recommendations import services
from recommendations.models import Answer, Channel, Delivery, Dispatch, Principal, PrincipalLogEntry, Reminder
from recommendations.services.answers import AnswerRefused, link_delivery
from tests.recommendations.conftest import approved_notes

pytestmark = pytest.mark.django_db

ANSWER_BY = datetime.date(2025, 12, 31)


def _mark(position, secretary, **extra):
    return services.recommendation_mark(position=position, by=secretary, title="Digitala hjälpmedel",
                                        decision_asked="att anta", answer_by=ANSWER_BY, **extra)  # fmt: skip


def _send(recommendation, secretary, key="k1", capture=None):
    if capture is None:
        return services.recommendation_dispatch(recommendation=recommendation, by=secretary, key=key)
    with capture(execute=True):
        return services.recommendation_dispatch(recommendation=recommendation, by=secretary, key=key)


def _links(messages) -> dict[str, str]:
    """Recipient → the answer token in its mail."""
    return {m.to[0]: re.search(r"/answer/([\w-]+)/", m.body)[1] for m in messages}


# Marking


def test_only_the_approved_copy_or_a_position_per_capsulam_can_be_marked(notes, secretary):
    with pytest.raises(ServiceError, match="ordföranden har inte godkänt"):
        _mark(Position.objects.create(body=notes["meeting"].body, item=_draft_item(notes), taken_on=notes[
            "meeting"].date, text="SRO rekommenderar huvudmännen …", order=5), secretary)  # fmt: skip
    assert services.mark_refusal(notes["frozen"]) is None
    recommendation = _mark(notes["frozen"], secretary, documents=[notes["attachment"]])
    assert recommendation.body == notes["meeting"].body
    assert "redan markerat" in services.mark_refusal(notes["frozen"])
    per_capsulam = Position.objects.create(body=notes["meeting"].body, how=Position.How.PER_CAPSULAM,
                                           taken_on=datetime.date(2025, 5, 2), text="SRO rekommenderar …")  # fmt: skip
    assert _mark(per_capsulam, secretary).position == per_capsulam


def _draft_item(notes):
    from tests.factories import AgendaItemFactory, MeetingFactory

    return AgendaItemFactory(meeting=MeetingFactory(body=notes["meeting"].body, date=datetime.date(2025, 5, 6)))


def test_the_documents_are_the_items_public_attachments_as_frozen_with_the_notes(notes, secretary):
    assert services.document_choices(notes["frozen"]) == [notes["attachment"]]
    with pytest.raises(ServiceError, match="offentliga bilagor"):
        _mark(notes["frozen"], secretary, documents=[notes["hidden"]])


def test_it_is_editable_until_sent_and_never_after(recommendation, secretary, addresses):
    services.recommendation_update(recommendation=recommendation, by=secretary, title="Ny titel",
                                   decision_asked="att anta", answer_by=ANSWER_BY)  # fmt: skip
    assert recommendation.documents.count() == 0
    _send(recommendation, secretary)
    with pytest.raises(ServiceError, match="kan inte längre ändras"):
        services.recommendation_update(recommendation=recommendation, by=secretary, title="Annan",
                                       decision_asked="att anta", answer_by=ANSWER_BY)  # fmt: skip
    recommendation.refresh_from_db()
    assert recommendation.title == "Ny titel"


# Sending


def test_unpublished_notes_cannot_be_sent(chair, secretary):
    notes = approved_notes(chair, secretary, publish=False)
    recommendation = _mark(notes["frozen"], secretary)
    assert "inte publicerade" in services.dispatch_refusal(recommendation)
    with pytest.raises(ServiceError, match="inte publicerade"):
        _send(recommendation, secretary)
    assert not Dispatch.objects.exists()


def test_one_step_sends_each_party_its_own_link_and_records_those_without_address(
    recommendation, secretary, addresses, django_capture_on_commit_callbacks
):
    Channel.objects.filter(short_name="GR").update(registrar_email="diarie@goteborgsregionen.se")
    missing = services.recipients_without_address(recommendation)
    assert [p.common_name for p in missing] == ["Ale", "Bengtsfors", "Essunga"]

    dispatch = _send(recommendation, secretary, capture=django_capture_on_commit_callbacks)

    deliveries = dispatch.deliveries.all()
    assert deliveries.filter(principal__isnull=False).count() == 50
    assert deliveries.filter(status=Delivery.Status.NO_ADDRESS).count() == 3
    assert list(deliveries.filter(channel__isnull=False).values_list("channel__short_name", flat=True)) == ["GR"]
    assert deliveries.filter(status=Delivery.Status.SENT).count() == 48  # 47 parties and GR, each its own mail
    assert len(mail.outbox) == 48 and all(len(m.to) == 1 for m in mail.outbox)
    links = _links(mail.outbox)
    assert len(set(links.values())) == 48
    for address, token in links.items():
        delivery = link_delivery(token)
        assert delivery.email == address  # each mail's link is its own recipient's, and only its
    goteborg = next(m for m in mail.outbox if m.to == [Principal.objects.get(common_name="Göteborg").registrar_email])
    assert "Digitala hjälpmedel" in goteborg.subject and "att anta överenskommelsen" in goteborg.body
    gr = next(m for m in mail.outbox if m.to == ["diarie@goteborgsregionen.se"])
    assert "Ale, Alingsås" in gr.body
    # No link is stored, only its hash.
    assert not Delivery.objects.filter(token_sha256__in=links.values()).exists()


def test_a_double_click_sends_once(recommendation, secretary, addresses, django_capture_on_commit_callbacks):
    first = _send(recommendation, secretary, key="same", capture=django_capture_on_commit_callbacks)
    again = _send(recommendation, secretary, key="same", capture=django_capture_on_commit_callbacks)
    assert again == first and Dispatch.objects.count() == 1 and len(mail.outbox) == 47


def test_sending_again_reaches_only_those_not_reached(recommendation, secretary, addresses,
                                                      django_capture_on_commit_callbacks):  # fmt: skip
    _send(recommendation, secretary, key="a", capture=django_capture_on_commit_callbacks)
    Principal.objects.filter(common_name="Ale").update(registrar_email="diarium@ale.se")
    mail.outbox.clear()
    second = _send(recommendation, secretary, key="b", capture=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["diarium@ale.se"]]
    assert second.deliveries.filter(status=Delivery.Status.NO_ADDRESS).count() == 2


# Answers


@pytest.fixture
def sent(recommendation, secretary, addresses, django_capture_on_commit_callbacks):
    Channel.objects.filter(short_name="Fyrbodal").update(registrar_email="diarie@fyrbodal.se")
    _send(recommendation, secretary, capture=django_capture_on_commit_callbacks)
    links = _links(mail.outbox)
    by_name = {d.principal.common_name if d.principal else d.channel.short_name: d for d in
               Delivery.objects.select_related("principal", "channel")}  # fmt: skip
    return {"links": links, "deliveries": by_name, "recommendation": recommendation}


def _record(sent, name, *, as_=None, **fields):
    delivery = sent["deliveries"][as_ or name]
    return services.answer_record(recommendation=sent["recommendation"], principal=Principal.objects.get(
        common_name=name), via=Answer.Via.PARTY_LINK, delivery=delivery, **fields)  # fmt: skip


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_a_link_answers_for_its_own_party_and_recommendation_only(sent, secretary, chair):
    answer = _record(sent, "Borås", registration_number="KS 2025/123", received_on=datetime.date(2025, 5, 2))
    assert answer.via == Answer.Via.PARTY_LINK and answer.delivery.first_used_at is not None
    with pytest.raises(AnswerRefused, match="bara svara för Borås"):
        _record(sent, "Ale", as_="Borås", received_on=datetime.date(2025, 5, 2))
    other = approved_notes(chair, secretary, date=datetime.date(2025, 4, 25))
    other_recommendation = services.recommendation_mark(position=other["frozen"], by=secretary, title="Annan",
                                                        decision_asked="x", answer_by=ANSWER_BY)  # fmt: skip
    with pytest.raises(AnswerRefused, match="annan rekommendation"):
        services.answer_record(recommendation=other_recommendation, principal=sent["deliveries"]["Borås"].principal,
                               via=Answer.Via.PARTY_LINK, delivery=sent["deliveries"]["Borås"],
                               received_on=datetime.date(2025, 5, 2))  # fmt: skip
    assert Answer.objects.count() == 1


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_a_kommunalforbund_answers_for_its_members_only(sent):
    answer = _record(sent, "Uddevalla", as_="Fyrbodal", outcome=Answer.Outcome.ADOPTED,
                     decided_on=datetime.date(2025, 9, 1), decided_by=Answer.DecidedBy.MUNICIPAL_COUNCIL)  # fmt: skip
    assert answer.via == Answer.Via.CHANNEL_LINK and answer.channel.short_name == "Fyrbodal"
    with pytest.raises(AnswerRefused, match="kan inte svara för Borås"):
        _record(sent, "Borås", as_="Fyrbodal", received_on=datetime.date(2025, 5, 2))


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_the_decision_follows_the_receipt_and_a_change_of_it_is_a_correction_with_a_reason(sent):
    received = _record(sent, "Borås", registration_number="KS 2025/123", received_on=datetime.date(2025, 5, 2))
    decided = _record(sent, "Borås", registration_number="KS 2025/123", received_on=datetime.date(2025, 5, 2),
                      outcome=Answer.Outcome.ADOPTED, decided_on=datetime.date(2025, 9, 1),
                      decided_by=Answer.DecidedBy.MUNICIPAL_COUNCIL)  # fmt: skip
    assert decided.corrects is None  # a decision after the receipt corrects nothing
    fields = {"registration_number": "KS 2025/123", "received_on": datetime.date(2025, 5, 2),
              "outcome": Answer.Outcome.ADOPTED_WITH_CHANGES, "decided_on": datetime.date(2025, 9, 1),
              "decided_by": Answer.DecidedBy.MUNICIPAL_COUNCIL}  # fmt: skip
    with pytest.raises(AnswerRefused, match="anledningen"):
        _record(sent, "Borås", **fields)
    corrected = _record(sent, "Borås", **fields, correction_reason="Fel i protokollet.")
    assert corrected.corrects == decided and corrected.correction_reason == "Fel i protokollet."
    with pytest.raises(AnswerRefused, match="Inget har ändrats"):
        _record(sent, "Borås", **fields)
    # Every entry is kept, the first as it was.
    received.refresh_from_db()
    assert received.outcome == "" and Answer.objects.filter(principal__common_name="Borås").count() == 3


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_bad_reports_are_refused_with_a_reason(sent):
    with pytest.raises(AnswerRefused, match="datum"):
        _record(sent, "Borås", outcome=Answer.Outcome.ADOPTED)
    with pytest.raises(AnswerRefused, match="framtiden"):
        _record(sent, "Borås", received_on=datetime.date(2026, 1, 1))
    with pytest.raises(AnswerRefused, match="diarienumret"):
        _record(sent, "Borås", responder_name="Anna")
    with pytest.raises(AnswerRefused, match="nämnd"):
        _record(sent, "Borås", outcome="adopted", decided_on=datetime.date(2025, 9, 1), decided_by="namnd")
    assert not Answer.objects.exists()


def test_an_expired_link_answers_nothing_even_if_used_before(sent):
    delivery = sent["deliveries"]["Borås"]
    token = sent["links"][delivery.email]
    with time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)):
        _record(sent, "Borås", received_on=datetime.date(2025, 5, 2))
        assert link_delivery(token) == delivery
    with time_machine.travel(delivery.expires_at + datetime.timedelta(seconds=1)):
        assert link_delivery(token) is None
        with pytest.raises(AnswerRefused, match="gått ut"):
            _record(sent, "Borås", received_on=datetime.date(2025, 5, 2), registration_number="x")


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_the_secretary_records_from_a_protocol_and_the_alerts_hook_is_told(
    sent, secretary, monkeypatch, django_capture_on_commit_callbacks
):
    told = []
    monkeypatch.setitem(hooks._registered, "recommendation_answered", lambda *, answer_id: told.append(answer_id))
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_record(recommendation=sent["recommendation"], principal=Principal.objects.get(
            common_name="Skövde"), via=Answer.Via.SECRETARY, user=secretary, outcome="rejected",
            decided_on=datetime.date(2025, 9, 3), decided_by="kommunstyrelsen", note="Från protokollet.")  # fmt: skip
    assert answer.via == Answer.Via.SECRETARY and answer.recorded_by == secretary and answer.note
    assert told == [answer.pk]


@time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC))
def test_the_database_refuses_to_change_or_delete_an_answer(sent):
    answer = _record(sent, "Borås", received_on=datetime.date(2025, 5, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(registration_number="ändrat")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).delete()
    answer.refresh_from_db()
    assert answer.registration_number == ""


def test_a_registrar_address_change_is_logged(secretary, db):
    ale = Principal.objects.get(common_name="Ale")
    assert services.registrar_address_set(by=secretary, principal=ale, email=" diarium@ale.se ")
    assert not services.registrar_address_set(by=secretary, principal=ale, email="diarium@ale.se")
    entry = PrincipalLogEntry.objects.get()
    assert (entry.principal, entry.old_value, entry.new_value, entry.user) == (ale, "", "diarium@ale.se", secretary)


# Reminders


def test_reminders_go_before_the_date_to_those_without_a_decision_once(sent, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)):
        _record(sent, "Borås", outcome="adopted", decided_on=datetime.date(2025, 9, 1), decided_by="kommunfullmaktige")
        _record(sent, "Skövde", received_on=datetime.date(2025, 5, 2))  # received only: still reminded
    mail.outbox.clear()
    assert services.recommendation_reminders_send(today=datetime.date(2025, 12, 1)) == 0  # 30 days before: none
    with django_capture_on_commit_callbacks(execute=True):
        count = services.recommendation_reminders_send(today=datetime.date(2025, 12, 17))
    assert count == 46  # 47 with an address, Borås decided
    assert len(mail.outbox) == 46 and all(m.subject.startswith("Påminnelse") for m in mail.outbox)
    skovde = Principal.objects.get(common_name="Skövde").registrar_email
    assert _links([m for m in mail.outbox if m.to == [skovde]])[skovde] == sent["links"][skovde]  # the same link
    assert Reminder.objects.filter(days_before=14).count() == 46
    assert services.recommendation_reminders_send(today=datetime.date(2025, 12, 17)) == 0  # the same day again
    assert services.recommendation_reminders_send(today=datetime.date(2025, 12, 18)) == 0  # a day later
    assert services.recommendation_reminders_send(today=datetime.date(2025, 12, 28)) == 46  # the 3-day one
    assert services.recommendation_reminders_send(today=datetime.date(2026, 1, 1)) == 0  # after the date: none


def test_the_sending_schedules_the_reminders_on_their_days_with_the_worker(
    recommendation, secretary, addresses, django_capture_on_commit_callbacks
):
    from django.test import override_settings
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    with (
        time_machine.travel(datetime.datetime(2025, 10, 1, 12, tzinfo=datetime.UTC)),
        override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}),
    ):
        _send(recommendation, secretary, capture=django_capture_on_commit_callbacks)
        runs = DBTaskResult.objects.filter(task_path="recommendations.tasks.send_recommendation_reminders")
        days = sorted(timezone.localtime(r.run_after).strftime("%Y-%m-%d %H.%M") for r in runs)
        mails = DBTaskResult.objects.filter(task_path="recommendations.tasks.send_recommendation_mail").count()
    assert days == ["2025-12-17 08.00", "2025-12-28 08.00"]  # 14 and 3 days before 31 December
    assert mails == 47 and not mail.outbox  # queued for the worker, none sent in the request
