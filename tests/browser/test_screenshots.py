"""The README's pictures: three pages of the demo as a visitor and the secretary see them. The pages are checked
every run; with ``SCREENSHOTS=1`` they are also written to ``docs/screenshots/`` (commit them after a change of look):

    SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_screenshots.py -p no:cacheprovider
"""

import datetime
import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_minutes_journey import log_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _keep(page, name: str) -> None:
    if os.environ.get("SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png")


def test_the_readmes_pictures(page, live_server, demo, secretary):
    from meetings.models import Meeting

    page.set_viewport_size({"width": 1280, "height": 800})
    notice = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    notes = Meeting.objects.get(date=datetime.date(2022, 10, 19))

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Det politiska samrådsorganet SRO")
    _keep(page, "public-home")

    page.goto(f"{live_server.url}/meetings/{notes.pk}/notes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mötesanteckning SRO")
    expect(page.locator("main")).to_contain_text("19 oktober 2022")
    _keep(page, "public-notes")

    log_in(page, live_server.url, "sekreterare")
    page.goto(f"{live_server.url}/staff/meetings/{notice.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Möte 6 mars 2025")
    _keep(page, "staff-agenda")
