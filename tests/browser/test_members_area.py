"""Secretary → member: a notice with a non-public attachment, sent in the browser; a called member follows the link in
the e-mail, signs in with the one-time link, downloads the attachment and the whole meeting as one PDF. A person not
called, the same link twice, and a link past its time get nothing."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect
from pypdf import PdfReader
from weasyprint import HTML

from meetings.models import Invitation
from members.models import Membership
from mymeetings.models import Download
from tests.browser.conftest import axe_on, describe
from tests.browser.test_minutes_journey import log_in
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

DAY = datetime.date(2030, 4, 24)


@pytest.fixture
def meeting(db):
    body = BodyFactory()
    MembershipFactory(body=body, person=PersonFactory(first_name="Marina", last_name="Johansson",
                                                      email="marina@example.se"),
                      role=Membership.Role.MEMBER, start_date=datetime.date(2030, 1, 1), end_date=None)  # fmt: skip
    meeting = MeetingFactory(body=body, date=DAY)
    AgendaItemFactory(meeting=meeting, order=10, title="Hjälpmedelsavtal")
    # Somebody who may sign in (a guest of another meeting) but was not called to this one.
    other = MeetingFactory(body=body, date=DAY + datetime.timedelta(days=7))
    AgendaItemFactory(meeting=other, order=10, title="Annat")
    Invitation.objects.create(meeting=other, person=PersonFactory(first_name="Olle", last_name="Utanför",
                                                                  email="olle@example.se"))  # fmt: skip
    from meetings.services.notices import notice_send

    notice_send(meeting=other, by=None)
    return meeting


def ask_for_a_link(page, url, email, mailoutbox) -> str:
    before = len(mailoutbox)
    page.get_by_label("Din e-postadress").fill(email)
    page.get_by_role("button", name="Skicka en länk till mig").click()
    expect(page.get_by_role("heading", name="Titta i din e-post")).to_be_visible()
    new = mailoutbox[before:]
    if not new:
        return ""
    return re.search(r"\S+/my-meetings/sign-in/\?\S+", new[-1].body).group(0).replace(settings.SITE_URL, url)


def test_a_called_member_signs_in_from_the_notice_mail_and_downloads_what_is_not_public(
    browser, live_server, secretary, meeting, mailoutbox, tmp_path, monkeypatch
):
    url = live_server.url
    secretary = browser.new_context(locale="sv-SE").new_page()
    log_in(secretary, url, "sekreterare")
    secretary.goto(f"{url}{meeting.get_absolute_url()}")
    secretary.get_by_role("link", name="Hjälpmedelsavtal", exact=True).click()
    draft = tmp_path / "Utkast till avtal.pdf"
    draft.write_bytes(HTML(string="<h1>Utkast</h1><p>Förhandlingsläge, inte offentligt.</p>").write_pdf())
    secretary.get_by_label("Fil").set_input_files(str(draft))
    secretary.get_by_label("Offentlig").uncheck()
    secretary.get_by_role("button", name="Ladda upp").click()
    expect(secretary.get_by_text("Bilagan lades till.")).to_be_visible()
    secretary.goto(f"{url}{meeting.get_absolute_url()}")
    secretary.get_by_role("link", name="Skicka kallelse").click()
    secretary.get_by_role("button", name="Skicka").click()
    expect(secretary.get_by_text(re.compile(r"Kallelsen \(version 1\) skickades"))).to_be_visible()

    notice = next(m for m in mailoutbox if "marina@example.se" in m.to[0] and "2030-04-24" in m.subject)
    assert "Utkast till avtal.pdf (inte offentlig: i Mina möten)" in notice.body
    my_page = re.search(r"\S+/my-meetings/meetings/\d+/", notice.body).group(0).replace(settings.SITE_URL, url)

    # The member follows the link in the notice mail: she signs in with a link by e-mail, and lands on the meeting.
    member = browser.new_context(locale="sv-SE").new_page()
    member.goto(my_page)
    expect(member.get_by_role("heading", name="Logga in på Mina möten")).to_be_visible()
    assert (violations := axe_on(member)) == [], describe(violations)
    link = ask_for_a_link(member, url, "marina@example.se", mailoutbox)
    member.goto(link)
    assert (violations := axe_on(member)) == [], describe(violations)
    member.get_by_role("button", name="Logga in").click()
    expect(member.get_by_role("heading", name=f"Möte i {meeting.body.short_name} 24 april 2030")).to_be_visible()
    expect(member.get_by_role("cell", name="Inte offentlig")).to_be_visible()
    assert (violations := axe_on(member)) == [], describe(violations)
    member.set_viewport_size({"width": 320, "height": 640})  # on her phone: nothing wider than the screen
    assert member.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert (violations := axe_on(member)) == [], describe(violations)
    member.set_viewport_size({"width": 1280, "height": 720})

    with member.expect_download() as download_info:
        member.get_by_role("link", name="Utkast till avtal.pdf").click()
    assert Path(download_info.value.path()).read_bytes() == draft.read_bytes()
    with member.expect_download() as download_info:
        member.get_by_role("link", name="Hela mötet som en PDF").click()
    whole = PdfReader(download_info.value.path())
    text = " ".join(" ".join(page.extract_text() for page in whole.pages).split())
    assert "Kallelse" in text and "Förhandlingsläge, inte offentligt." in text
    assert [entry.title for entry in whole.outline if not isinstance(entry, list)] == [
        "Kallelse",
        "1. Hjälpmedelsavtal",
    ]
    assert [(d.name, d.document) for d in Download.objects.order_by("downloaded_at")] == [
        ("Marina Johansson", "attachment"), ("Marina Johansson", "meeting_pdf")]  # fmt: skip

    member.get_by_role("link", name="Mina möten").first.click()
    expect(member.get_by_role("link", name=f"{meeting.body.short_name}, 24 april 2030")).to_be_visible()
    assert (violations := axe_on(member)) == [], describe(violations)

    # The same link again, in another browser: refused.
    again = browser.new_context(locale="sv-SE").new_page()
    again.goto(link)
    again.get_by_role("button", name="Logga in").click()
    expect(again.get_by_text("Länken kan inte användas längre")).to_be_visible()
    again.goto(my_page)
    expect(again.get_by_role("heading", name="Logga in på Mina möten")).to_be_visible()

    # A link used after its time: refused.
    later = ask_for_a_link(again, url, "marina@example.se", mailoutbox)
    import sesame.tokens_v2

    real_time = sesame.tokens_v2.time.time
    monkeypatch.setattr(sesame.tokens_v2.time, "time", lambda: real_time() + settings.SESAME_MAX_AGE + 60)
    again.goto(later)
    again.get_by_role("button", name="Logga in").click()
    expect(again.get_by_text("Länken kan inte användas längre")).to_be_visible()
    monkeypatch.undo()

    # Someone not called to this meeting: signed in (a guest of another), the meeting does not exist for her.
    outsider = browser.new_context(locale="sv-SE").new_page()
    outsider.goto(f"{url}/my-meetings/sign-in/")
    outsider.goto(ask_for_a_link(outsider, url, "olle@example.se", mailoutbox))
    outsider.get_by_role("button", name="Logga in").click()
    expect(outsider.get_by_role("heading", name="Mina möten")).to_be_visible()
    expect(outsider.get_by_text("Hjälpmedelsavtal")).to_have_count(0)
    for path in (my_page, my_page + "meeting.pdf", my_page + "notice.pdf"):
        assert outsider.goto(path).status == 404
    assert Download.objects.filter(name="Olle Utanför").count() == 0
