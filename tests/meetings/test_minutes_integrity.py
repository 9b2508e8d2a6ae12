"""Approved notes cannot be modified by any path: service, model, queryset update(), raw SQL, admin."""

import datetime
import hashlib

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from meetings.integrity import guard_disabled
from meetings.models import (
    Attendance,
    FrozenMinutesError,
    ItemNote,
    Meeting,
    Minutes,
    MinutesVersion,
    Position,
    QuestionAnswer,
)
from meetings.services import ServiceError
from meetings.services import minutes as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(demo):
    return Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))


def raw(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused():
    """The database's refusal, inside a savepoint so the test's transaction lives on."""
    return pytest.raises(DatabaseError, match="approved meeting notes cannot be changed")


def test_the_service_refuses_to_edit_approved_notes(approved):
    note = approved.item_notes.first()
    with pytest.raises(ServiceError, match="kan inte redigeras"):
        services.item_notes_save(note=note, text="ändrat", closing_text="", questions=[], positions=["x"], by=None)


def test_the_model_refuses_to_save_approved_notes(approved):
    approved.approved_by_name = "Någon annan"
    with pytest.raises(FrozenMinutesError):
        approved.save()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: Minutes.objects.filter(pk=m.pk).update(approved_by_name="Någon annan"),
        lambda m: Minutes.objects.filter(pk=m.pk).update(status="draft"),
        lambda m: raw("DELETE FROM meetings_minutes WHERE id = %s", m.pk),
        lambda m: ItemNote.objects.filter(minutes=m).update(text="<p>ändrat</p>"),
        lambda m: ItemNote.objects.filter(minutes=m).first().delete(),
        lambda m: ItemNote.objects.create(minutes=m, item=m.meeting.agenda_items.filter(notes=None).first()),
        lambda m: QuestionAnswer.objects.filter(note__minutes=m).update(answer="nytt svar"),
        lambda m: QuestionAnswer.objects.create(note=m.item_notes.first(), question="Smugglad fråga?"),
        lambda m: Attendance.objects.filter(minutes=m).update(status="absent"),
        lambda m: Attendance.objects.filter(minutes=m).first().delete(),
        lambda m: Position.objects.filter(item__meeting=m.meeting).update(text="SRO säger något annat."),
        lambda m: Position.objects.filter(item__meeting=m.meeting).first().delete(),
        lambda m: MinutesVersion.objects.filter(minutes=m).update(html="<p>förfalskad</p>"),
        lambda m: MinutesVersion.objects.filter(minutes=m).update(published_at=None),
        # _raw_delete: past the ORM's own refusal (the frozen positions and items protect the version)
        lambda m: MinutesVersion.objects.filter(minutes=m)._raw_delete("default"),
    ],
    ids=[
        "minutes-update-field",
        "minutes-back-to-draft-same-version",
        "minutes-delete",
        "itemnote-update",
        "itemnote-delete",
        "itemnote-insert",
        "question-update",
        "question-insert",
        "attendance-update",
        "attendance-delete",
        "position-update",
        "position-delete",
        "version-update-html",
        "version-unpublish",
        "version-delete",
    ],
)
def test_the_database_refuses_every_change_to_approved_notes(approved, change):
    with refused(), transaction.atomic():
        change(approved)


def test_raw_sql_is_refused_too(approved):
    with refused(), transaction.atomic():
        raw("UPDATE meetings_itemnote SET text = 'rå SQL' WHERE minutes_id = %s", approved.pk)


def test_django_refuses_to_delete_approved_notes_before_the_database_does(approved):
    with pytest.raises(ProtectedError), transaction.atomic():
        approved.delete()


def test_the_stored_pdfs_hash_matches(approved):
    version = approved.versions.get()
    with version.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == version.pdf_sha256


def test_a_correction_is_a_new_version_and_the_approved_one_stays(approved, secretary, chair):
    first = approved.versions.get()
    services.minutes_correct(minutes=approved, by=secretary, reason="Stavning av ett namn rättad.")
    approved.refresh_from_db()
    assert (approved.status, approved.version) == (Minutes.Status.DRAFT, 2)
    # The working copy is editable again; the frozen version is untouched.
    note = approved.item_notes.filter(item__title__startswith="Datum och tider").get()
    services.item_notes_save(note=note, text="<p>Rättad text.</p>", closing_text="", questions=[],
                             positions=["SRO noterar informationen."], by=secretary)  # fmt: skip
    first.refresh_from_db()
    assert "Rättad text." not in first.html
    assert approved.versions.count() == 1


def test_a_draft_can_be_changed_freely(demo):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    minutes = services.minutes_start(meeting=meeting, by=None)
    ItemNote.objects.filter(minutes=minutes).update(text="<p>fritt</p>")
    Attendance.objects.filter(minutes=minutes).update(status="absent")
    assert not minutes.is_frozen


def test_the_guard_can_be_lifted_only_for_whole_database_work(approved):
    with guard_disabled():
        ItemNote.objects.filter(minutes=approved).update(text="<p>återställd från backup</p>")
    with refused(), transaction.atomic():
        ItemNote.objects.filter(minutes=approved).update(text="<p>igen</p>")


def test_the_admin_shows_approved_notes_read_only(client, superuser, approved):
    client.force_login(superuser)
    url = reverse("admin:meetings_minutes_change", args=[approved.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="approved_by_name"' not in page.content.decode()
    assert client.post(url, {"status": "draft"}).status_code == 403
    version = approved.versions.get()
    assert (
        client.post(reverse("admin:meetings_minutesversion_delete", args=[version.pk]), {"post": "yes"}).status_code
        == 403
    )
