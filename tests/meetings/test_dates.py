"""long_date writes a date as Django's date_format(value, "j F Y") does, in Swedish, for a fifth of the cost."""

import datetime

from django.template import engines
from django.utils.formats import date_format

from meetings.dates import long_date


def test_every_month_and_day_as_django_writes_it():
    day = datetime.date(2015, 1, 1)
    while day.year == 2015:
        assert long_date(day) == date_format(day, "j F Y")
        day += datetime.timedelta(days=1)
    assert long_date(datetime.date(2015, 6, 10)) == "10 juni 2015"
    assert long_date(None) == ""


def test_the_filter_writes_a_moment_in_swedish_local_time():
    # 23.30 UTC on 31 December is already the new year in Stockholm: the day a reader there saw.
    moment = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    template = engines["django"].from_string("{% load sro %}{{ moment|long_date }}|{{ moment|date:'j F Y' }}")
    assert template.render({"moment": moment}) == "1 januari 2026|1 januari 2026"
