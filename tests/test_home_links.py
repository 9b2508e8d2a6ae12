"""The home page's coming meetings lead to their pages."""

import datetime

import pytest
from django.utils import timezone

from meetings.services.notices import notice_publish, notice_send
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_coming_meetings_on_the_home_page_are_links(client, secretary):
    meeting = MeetingFactory(date=timezone.localdate() + datetime.timedelta(days=30))
    AgendaItemFactory(meeting=meeting, order=5, title="Hjälpmedel")
    notice_send(meeting=meeting, by=secretary)
    notice_publish(meeting=meeting, by=secretary)
    page = client.get("/").content.decode()
    assert f'href="/meetings/{meeting.pk}/"' in page
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
