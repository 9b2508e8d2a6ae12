"""A position taken outside a meeting is public when it is recorded: a later change is a correction, visible as such.

The wording before is kept (and never changed), the reason is required and shown on the public site, and saving
without a change records nothing."""

import csv
import datetime
import io

import pytest
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from meetings.integrity import guard_disabled
from meetings.models import Position, PositionCorrection
from meetings.services import positions as services

pytestmark = pytest.mark.django_db

BEFORE = "SRO ställer sig bakom rekommendationen om hjälpmedel per capsulam."
AFTER = "SRO ställer sig bakom den reviderade rekommendationen om hjälpmedel per capsulam."
REASON = "Beslutet gällde den reviderade rekommendationen."


@pytest.fixture
def recorded(demo, secretary):
    matter = services.matter_for_title(body=demo, title="Rekommendation om hjälpmedel")
    return services.position_record(body=demo, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2031, 3, 4),
                                    text=BEFORE, matter=matter, by=secretary)  # fmt: skip


def edit(client, position, **changes):
    url = reverse("staff:position_edit", kwargs={"pk": position.pk})
    loaded = client.get(url).context["form"]
    data = {"how": "per_capsulam", "taken_on": "2031-03-04", "matter_title": "Rekommendation om hjälpmedel",
            "text": BEFORE, "lock_version": loaded["lock_version"].value(), "reason": "", **changes}  # fmt: skip
    return client.post(url, data)


def test_a_correction_without_its_reason_is_refused_in_swedish_and_keeps_what_was_typed(client, secretary, recorded):
    client.force_login(secretary)
    response = edit(client, recorded, text=AFTER)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv vad som rättas och varför" in page
    assert AFTER in page  # the new wording is still in the form
    assert Position.objects.get(pk=recorded.pk).text == BEFORE and not PositionCorrection.objects.exists()
    assert BEFORE in Client().get(reverse("public:positions") + "?year=2031").content.decode()


def test_a_correction_keeps_the_wording_before_and_the_public_reads_when_and_why(client, secretary, recorded):
    client.force_login(secretary)
    response = edit(client, recorded, text=AFTER, taken_on="2031-03-05", reason=f"  {REASON} ")
    assert response.status_code == 302
    position = Position.objects.get(pk=recorded.pk)
    assert position.text == AFTER and position.taken_on == datetime.date(2031, 3, 5)
    correction = PositionCorrection.objects.get(position=position)
    assert correction.reason == REASON and BEFORE in correction.previous_html
    assert correction.previous_taken_on == datetime.date(2031, 3, 4)
    assert correction.previous_matter_title == "Rekommendation om hjälpmedel"
    assert correction.corrected_by == secretary and correction.corrected_by_name

    public = Client()
    today = correction.corrected_at.astimezone().date()
    for url in [reverse("public:positions") + "?year=2031", reverse("public:matter", kwargs={"pk": position.matter_id}),
                reverse("public:home")]:  # fmt: skip
        page = public.get(url).content.decode()
        assert AFTER in page and BEFORE not in page, url
        assert "Rättat " in page and REASON in page, url
    feed = public.get(reverse("public:feed_positions")).content.decode()
    assert AFTER in feed and f"Rättat {today.day} " in feed and REASON in feed
    rows = list(csv.DictReader(io.StringIO(public.get(reverse("public:positions_csv", kwargs={"year": 2031}))
                                           .content.decode("utf-8-sig"))))  # fmt: skip
    row = next(r for r in rows if r["id"] == str(position.pk))
    assert row["rättad"] == f"{today:%Y-%m-%d}" and row["rättelse"] == REASON

    # The secretary sees every earlier wording on the position's page.
    page = client.get(reverse("staff:position_edit", kwargs={"pk": position.pk})).content.decode()
    assert "Tidigare lydelser" in page and BEFORE in page and REASON in page


def test_saving_without_a_change_records_no_correction_and_asks_for_no_reason(client, secretary, recorded):
    client.force_login(secretary)
    assert edit(client, recorded).status_code == 302
    assert not PositionCorrection.objects.exists()
    assert "Rättat " not in Client().get(reverse("public:positions") + "?year=2031").content.decode()


def test_a_position_without_corrections_says_nothing_of_them(client, recorded):
    page = client.get(reverse("public:positions") + "?year=2031").content.decode()
    assert BEFORE in page and "Rättat " not in page


def test_the_database_refuses_to_change_or_delete_a_correction(secretary, recorded):
    services.position_update(position=recorded, how=Position.How.PER_CAPSULAM, taken_on=recorded.taken_on,
                             text=AFTER, matter=recorded.matter, reason=REASON, by=secretary)  # fmt: skip
    correction = PositionCorrection.objects.get()
    refused = pytest.raises(DatabaseError, match="approved meeting notes cannot be changed")
    with refused, transaction.atomic():
        PositionCorrection.objects.filter(pk=correction.pk).update(previous_html="<div>Förfalskad lydelse.</div>")
    with refused, transaction.atomic():
        PositionCorrection.objects.filter(pk=correction.pk)._raw_delete("default")
    with pytest.raises(ProtectedError), transaction.atomic():
        Position.objects.filter(pk=recorded.pk).delete()  # the corrected position keeps its history
    with guard_disabled():  # whole-database work (a restore) only
        PositionCorrection.objects.filter(pk=correction.pk).update(reason="Återställd.")
    assert PositionCorrection.objects.get().reason == "Återställd."
