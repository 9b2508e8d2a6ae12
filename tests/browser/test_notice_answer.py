"""A called member answers the notice in the browser: from the link in the notice mail to "Mina möten", he reports
that he cannot come and names a substitute of his organisation; she is mailed the notice, signs in from it and gets
the documents, not public ones too. Every link in every mail of the journey answers 200 for its reader; the
meeting link is in the mail and in "Mina möten"."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect
from weasyprint import HTML

from meetings.models import Substitution
from meetings.services.agenda import attachment_add
from meetings.services.notices import notice_send
from tests.browser.conftest import axe_on, describe
from tests.browser.test_members_area import ask_for_a_link
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

LINK = "https://teams.example.com/l/meetup-join/sro-januari"


@pytest.fixture
def sent(db):
    body = BodyFactory()
    boras = OrganisationFactory(name="Boråsregionen Sjuhärads kommunalförbund")
    magnus = PersonFactory(first_name="Magnus", last_name="Haggren", email="magnus@example.se", organisation=boras)
    MembershipFactory(body=body, person=magnus, organisation=boras, start_date=datetime.date(2030, 1, 1),
                      end_date=None)  # fmt: skip
    PersonFactory(first_name="Helene", last_name="Nordling", email="helene@example.se", organisation=boras)
    meeting = MeetingFactory(body=body, date=datetime.date(2031, 1, 14), form="digital", location="Teamsmöte",
                             online_link=LINK)  # fmt: skip
    item = AgendaItemFactory(meeting=meeting, order=10, title="Hjälpmedelsavtal")
    pdf = HTML(string="<p>Förhandlingsläge, inte offentligt.</p>").write_pdf()
    attachment_add(item=item, upload=SimpleUploadedFile("Utkast till avtal.pdf", pdf), content_type="application/pdf",
                   title="Utkast till avtal.pdf", is_public=False)  # fmt: skip
    notice_send(meeting=meeting, by=None)
    return meeting


def links_in(message, url) -> list[str]:
    return [found.replace(settings.SITE_URL, url) for found in re.findall(r"https?://\S+", message.body)
            if found.startswith(settings.SITE_URL)]  # fmt: skip


def sign_in_from(browser, mail, url, email, mailoutbox):
    page = browser.new_context(locale="sv-SE").new_page()
    # The meeting's own page in Mina möten (the mail links each document there too, while the notice is not public)
    my_page = next(link for link in links_in(mail, url) if re.search(r"/my-meetings/meetings/\d+/$", link))
    page.goto(my_page)
    page.goto(ask_for_a_link(page, url, email, mailoutbox))
    page.get_by_role("button", name="Logga in").click()
    return page


def every_link_answers(page, mail, url):
    for link in links_in(mail, url):
        if "/sign-in/" in link:
            continue  # a one-time link, used above
        assert page.request.get(link).status == 200, link


def test_a_member_reports_absence_and_his_substitute_gets_the_documents(browser, live_server, sent, mailoutbox):
    url = live_server.url
    notice = next(m for m in mailoutbox if m.to == ["Magnus Haggren <magnus@example.se>"])
    assert f"Möteslänk: {LINK}" in notice.body
    member = sign_in_from(browser, notice, url, "magnus@example.se", mailoutbox)
    expect(member.get_by_role("link", name=LINK)).to_be_visible()
    every_link_answers(member, notice, url)
    member.get_by_role("link", name="Svara på kallelsen").click()
    assert (violations := axe_on(member)) == [], describe(violations)
    member.get_by_label("Nej, jag har förhinder").check()
    member.get_by_label("Vem kommer i ditt ställe").select_option(label="Helene Nordling")
    member.get_by_role("button", name="Spara mitt svar").click()
    expect(member.get_by_text("Tack: ditt svar är sparat.")).to_be_visible()
    expect(member.get_by_text("Du har anmält förhinder; Helene Nordling kommer i ditt ställe.")).to_be_visible()
    assert Substitution.objects.get(meeting=sent).substitute.name == "Helene Nordling"

    to_her = next(m for m in mailoutbox if m.to == ["Helene Nordling <helene@example.se>"])
    assert to_her.subject == notice.subject and f"Möteslänk: {LINK}" in to_her.body
    substitute = sign_in_from(browser, to_her, url, "helene@example.se", mailoutbox)
    expect(substitute.get_by_role("heading", name=re.compile("14 januari 2031"))).to_be_visible()
    every_link_answers(substitute, to_her, url)
    with substitute.expect_download() as download:
        substitute.get_by_role("link", name="Utkast till avtal.pdf").click()
    assert download.value.suggested_filename == "Utkast till avtal.pdf"
    # She was called in his place: she has nothing to answer herself.
    expect(substitute.get_by_role("link", name="Svara på kallelsen")).to_have_count(0)
