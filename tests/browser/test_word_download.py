"""The secretary downloads the notice and the notes as Word from their pages, in a real browser; both pages pass
axe with the new button and its note."""

import datetime

from django.urls import reverse
from docx import Document

from meetings.models import Meeting
from meetings.roles import grant
from tests.browser.conftest import describe
from tests.conftest import PASSWORD
from tests.factories import UserFactory


def test_the_secretary_downloads_the_notice_and_the_notes_as_word(page, live_server, login, demo, axe):
    secretary = UserFactory(username="sro-sekreterare", is_staff=True)
    grant(secretary, demo, "secretary")
    login(secretary.username, PASSWORD)
    meeting = Meeting.objects.get(date=datetime.date(2022, 10, 19))
    for url, first_heading in (
        (reverse("staff:notice_preview", kwargs={"pk": meeting.pk}), "Kallelse SRO"),
        (reverse("staff:minutes", kwargs={"pk": meeting.minutes.pk}), "Mötesanteckning SRO"),
    ):
        page.goto(live_server.url + url)
        assert (violations := axe()) == [], describe(violations)
        button = page.get_by_role("link", name="Ladda ned som Word (.docx)")
        note = button.evaluate("b => document.getElementById(b.getAttribute('aria-describedby')).textContent")
        assert "arbetskopia" in note
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename.endswith("SRO 2022-10-19.docx")
        document = Document(download.value.path())
        assert document.paragraphs[0].text == first_heading
        assert document.core_properties.author == demo.name
