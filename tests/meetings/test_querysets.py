"""Querysets built once per process: each caller gets its own copy, which reads the database afresh."""

import datetime

import pytest

from meetings.models import Matter, Position
from meetings.querysets import built_once
from meetings.selectors.registers import position_years, positions_queryset
from meetings.services import positions as services
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_a_builder_runs_once_for_its_arguments_and_every_caller_gets_a_copy():
    calls = []

    @built_once
    def matters(*, body_id):
        calls.append(body_id)
        return Matter.objects.filter(body_id=body_id).order_by("title")

    first, second = matters(body_id=1), matters(body_id=1)
    matters(body_id=2)
    assert calls == [1, 2]
    assert first is not second
    # A caller narrowing its copy changes nothing for the next one.
    narrowed = first.filter(title="Nytt ärende")
    assert "Nytt ärende" in str(narrowed.query)
    assert "Nytt ärende" not in str(matters(body_id=1).query)


def test_each_copy_reads_what_is_in_the_database_now():
    body = BodyFactory()

    @built_once
    def titles():
        return Matter.objects.order_by("title").values_list("title", flat=True)

    assert list(titles().filter(body=body)) == []
    Matter.objects.create(body=body, title="Regional vårdval")
    assert list(titles().filter(body=body)) == ["Regional vårdval"]


def test_the_public_register_shows_a_position_recorded_after_it_was_first_read(secretary):
    body = BodyFactory()
    assert list(positions_queryset(body=body, public=True)) == []
    position = services.position_record(body=body, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2025, 6, 12),
                                        text="SRO rekommenderar huvudmännen att besluta.", by=secretary)  # fmt: skip
    assert list(positions_queryset(body=body, public=True)) == [position]
    # Of another body, nothing; of every body, the position with its body read along.
    other = BodyFactory(short_name="GB", name="Gemensam beredning")
    assert list(positions_queryset(body=other, public=True)) == []
    every = [p for p in positions_queryset(public=True) if p.pk == position.pk]
    assert every[0].body.name == body.name


def test_the_years_of_positions_follow_what_is_recorded_after_the_first_read(secretary):
    body = BodyFactory()
    assert position_years(body=body, public=True) == []
    for year in (2023, 2025):
        services.position_record(body=body, how=Position.How.CHAIR_DECISION, taken_on=datetime.date(year, 3, 1),
                                 text="SRO ställer sig bakom remissvaret.", by=secretary)  # fmt: skip
        assert position_years(body=body, public=True)[0] == year
    assert position_years(body=body, public=True) == [2025, 2023]
    assert position_years(body=BodyFactory(short_name="GB", name="Gemensam beredning"), public=True) == []
