"""The staff start page shows what needs doing now (the coming meetings, and the held ones whose notes wait), with
the past behind a link; its menu keeps the seldom-used entries under "Mer"."""

import datetime

import pytest
from django.utils import timezone

from meetings.integrity import guard_disabled
from meetings.models import Meeting, Minutes
from members.models import Body
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_start_page_lists_what_waits_and_keeps_the_past_behind_a_link(client, secretary):
    body = Body.objects.get()
    today = timezone.localdate()
    days = datetime.timedelta

    def held(ago, status=None):
        meeting = MeetingFactory(body=body, date=today - days(ago), status=Meeting.Status.HELD)
        if status:
            with guard_disabled():  # notes made in the state they reached, as the demo's history is
                Minutes.objects.create(meeting=meeting, status=status)
        return meeting

    history = held(400)  # a meeting of years entered afterwards, no notes: not work waiting
    published = held(200, Minutes.Status.PUBLISHED)
    with_chair = held(300, Minutes.Status.SENT_TO_CHAIR)  # older, but its notes wait for the chair
    newest = held(10)  # held since the last published notes, no notes yet
    coming = MeetingFactory(body=body, date=today + days(20))
    client.force_login(secretary)
    page = client.get("/staff/").content.decode()
    to_do = page[page.index("Att göra nu") : page.index("Kommande möten")]

    def shown(meeting, text):
        return f'href="/staff/meetings/{meeting.pk}/"' in text

    assert shown(newest, to_do) and shown(with_chair, to_do)
    assert not shown(history, page) and not shown(published, page)
    assert shown(coming, page)
    assert "Visa tidigare möten (4)" in page
    everything = client.get("/staff/?past=1").content.decode()
    assert all(shown(m, everything) for m in (history, published, with_chair, newest))


def test_the_staff_menu_keeps_the_seldom_used_under_more(client, secretary):
    client.force_login(secretary)
    page = client.get("/staff/").content.decode()
    start = page.index('aria-label="Handläggarmeny"')
    menu = page[start : page.index("</nav>", start)]
    more = menu[menu.index(">Mer<") :]
    for entry in ("Bakgrundsarbete", "Arkiv", "Publik webbplats", "Tvåstegsverifiering", "Logga ut"):
        assert entry in more, entry
    top = menu[: menu.index(">Mer<")]
    assert top.count('class="nav-link"') <= 8
