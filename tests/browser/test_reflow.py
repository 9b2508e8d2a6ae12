"""The secretary's pages reflow on a narrow screen (WCAG 1.4.10, 320 CSS px): a long hash or address breaks, and only
a wide table scrolls sideways, within the page."""

import datetime

from django.urls import reverse

from meetings.models import Meeting, Minutes
from tests.browser.test_minutes_journey import log_in


def test_the_secretarys_pages_never_scroll_sideways_at_320_px(page, live_server, demo, secretary):
    sent = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    notes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))  # its approved version's hash, its log
    urls = [reverse("staff:overview"), sent.get_absolute_url(), reverse("staff:participants", args=[sent.pk]),
            reverse("staff:minutes", args=[notes.pk]), reverse("staff:people"), reverse("staff:positions"),
            reverse("staff:assignments"), reverse("staff:matters"), reverse("staff:plan"),
            reverse("staff:meeting_plan")]  # fmt: skip
    log_in(page, live_server.url, "sekreterare")
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for url in urls:
        assert page.goto(f"{live_server.url}{url}").status == 200, url
        if (widths := page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))[0] > widths[1]:
            wide[url] = widths
    assert wide == {}
