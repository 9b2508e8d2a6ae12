"""The new term and the first notice in it, as SRO will live it in January 2027 (issue 35): the secretary opens
the notice of 14 January 2027 and is warned that nobody is called and SRO has no chair that day; she starts the
term 2027–2030 in one sitting (five seats replaced, a role changed), the warnings are gone, she sends, and the
notice is public at once (SRO publishes on sending); a member reports absence in "Mina möten" and names a substitute,
who is then called and gets the documents. Every link in every mail of the journey answers 200 to its
reader: the public ones to anybody, the members' area to the member once she has signed in from the mail."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from playwright.sync_api import expect
from weasyprint import HTML

from meetings.models import AgendaItem, Meeting, Substitution
from meetings.services.agenda import agenda_item_save, attachment_add, meeting_create, presenter_add
from members.models import Organisation, Person
from tests.browser.test_members_area import ask_for_a_link
from tests.browser.test_minutes_journey import log_in

DAY = datetime.date(2027, 1, 14)
REPLACED = ["Miguel Odhner", "Theres Sahlström", "Peter Eriksson", "Dan Nyberg", "Åsa Jackson"]
URL = re.compile(r"https?://[^\s>)]+")


@pytest.fixture
def january(demo, secretary):
    """SRO as the demo has it, every person with an address (the register's, as SRO keeps it), and the meeting of
    14 January 2027 with one item, a presenter and two attachments: one public, one not."""
    for person in Person.objects.all():
        person.email = f"{slugify(person.name)}@example.se"
        person.save(update_fields=["email"])
    meeting = meeting_create(body=demo, date=DAY, start_time=datetime.time(13, 0), end_time=datetime.time(15, 30),
                             form=Meeting.Form.IN_PERSON, location="Regionens hus, Vänersborg")  # fmt: skip
    item = agenda_item_save(item=AgendaItem(meeting=meeting, kind=AgendaItem.Kind.INFORMATION, order=50,
                                            title="Nytt hälso- och sjukvårdsavtal", duration_minutes=30))  # fmt: skip
    presenter_add(item=item, person=Person.objects.get(last_name="Cerny"), description="")
    for title, public in (("Avtalsförslag.pdf", True), ("Förhandlingsläge.pdf", False)):
        pdf = HTML(string=f"<h1>{title}</h1>").write_pdf()
        attachment_add(item=item, upload=SimpleUploadedFile(title, pdf, "application/pdf"),
                       content_type="application/pdf", title=title, is_public=public)  # fmt: skip
    return meeting


def links_in(mail) -> list[str]:
    """Every address in a mail: its text, and the calendar invitation's link."""
    texts = [mail.body] + [content for _name, content, _type in mail.attachments if isinstance(content, str)]
    return sorted({link.rstrip(".,") for text in texts for link in URL.findall(text.replace("\r\n ", ""))})


def sign_in_from_mail(browser, url, email, mailoutbox):
    """A member's own browser, signed in to "Mina möten" with the link she asked for by e-mail."""
    page = browser.new_context(locale="sv-SE").new_page()
    page.goto(f"{url}/my-meetings/sign-in/")
    page.goto(ask_for_a_link(page, url, email, mailoutbox))
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Mina möten")).to_be_visible()
    return page


def test_the_secretary_starts_the_2027_term_and_every_link_of_the_january_notice_works(
    browser, live_server, january, mailoutbox
):
    url = live_server.url
    secretary = browser.new_context(locale="sv-SE").new_page()
    log_in(secretary, url, "sekreterare")

    # Before the term change: nobody is called on 14 January, SRO has no chair; the page does not call it complete.
    secretary.goto(f"{url}/staff/meetings/{january.pk}/notice/send/")
    checklist = secretary.locator("#checklist-heading + ul")
    expect(checklist).to_contain_text("Ingen är kallad: ingen ledamot sitter i SRO den 2027-01-14.")
    expect(checklist).to_contain_text("SRO har ingen ordförande den 2027-01-14")
    expect(checklist).to_contain_text("SRO har ingen vice ordförande den 2027-01-14")
    expect(secretary.get_by_text("Dagordningen är komplett", exact=False)).to_have_count(0)
    secretary.goto(f"{url}/staff/meetings/{january.pk}/notice/")
    expect(secretary.get_by_text("Ingen ännu: ingen ledamot sitter i organet detta datum.")).to_be_visible()

    # The term change, in one sitting: five seats end, Marina Johansson becomes vice chair... she is already;
    # Lars Holmin's title changes; three newcomers, one of them a guest already in the register.
    secretary.goto(f"{url}/staff/people/")
    secretary.get_by_role("link", name="Starta nästa mandatperiod").click()
    expect(secretary.locator("#id_name")).to_have_value("2027–2030")
    for name in REPLACED:
        secretary.get_by_label(f"I den nya mandatperioden, {name}").select_option("ends")
    secretary.get_by_label("Titel, Lars Holmin").fill("ordförande Regionstyrelsen")
    newcomers = [("Sara", "Nyström", "GR"), ("Olof", "Berg", "Skaraborg"), ("Nils", "Ek", "Fyrbodal")]
    for number, (first, last, org) in enumerate(newcomers, start=1):
        row = secretary.get_by_role("group", name=f"Ny ledamot {number}")
        row.get_by_label("Förnamn").fill(first)
        row.get_by_label("Efternamn").fill(last)
        row.get_by_label("E-post").fill(f"{slugify(f'{first} {last}').replace('-', '.')}@example.se")
        row.get_by_label("Representerar").select_option(str(Organisation.objects.get(short_name=org).pk))
    guest = secretary.get_by_role("group", name="Ny ledamot 4")
    guest.get_by_label("Person i registret").select_option(label=str(Person.objects.get(last_name="Cerny")))
    guest.locator("select[name$='-side']").select_option("vgr")
    guest.get_by_label("Kategori").select_option("official")
    guest.get_by_label("Representerar").select_option(str(Organisation.objects.get(short_name="VGR").pk))
    secretary.get_by_role("button", name="Starta mandatperioden").click()
    expect(secretary.get_by_text("Mandatperioden 2027–2030 börjar 2027-01-01 med 25 platser.")).to_be_visible()
    expect(secretary.get_by_role("link", name="Sara Nyström")).to_be_visible()
    expect(secretary.get_by_role("link", name="Miguel Odhner (S)")).to_have_count(0)

    # The send page now has the called and the presidium: no warning about them.
    secretary.goto(f"{url}/staff/meetings/{january.pk}/notice/send/")
    expect(secretary.get_by_text("Ingen är kallad")).to_have_count(0)
    expect(secretary.get_by_text("har ingen ordförande")).to_have_count(0)
    expect(secretary.get_by_text("Sara Nyström <sara.nystrom@example.se>")).to_be_visible()
    expect(secretary.get_by_text("Miguel Odhner")).to_have_count(0)
    secretary.get_by_role("button", name="Skicka", exact=True).click()
    expect(secretary.get_by_text(re.compile(r"Kallelsen \(version 1\) skickades"))).to_be_visible()
    january.refresh_from_db()
    assert january.notice_published_at is not None  # SRO publishes the notice on sending

    # A member who continues into the new term, Magnus Haggren, cannot come: from the notice he signs in to "Mina
    # möten", reports absence and names a substitute of his organisation, Helen Nordling. She is called in his place:
    # mailed the notice, she reads every document of the meeting, the one not public too.
    magnus = sign_in_from_mail(browser, url, "magnus-haggren@example.se", mailoutbox)
    magnus.goto(f"{url}/my-meetings/meetings/{january.pk}/")
    magnus.get_by_role("link", name="Svara på kallelsen").click()
    magnus.get_by_label("Nej, jag har förhinder").check()
    magnus.get_by_label("Vem kommer i ditt ställe").select_option(label="Helen Nordling")
    magnus.get_by_role("button", name="Spara mitt svar").click()
    expect(magnus.get_by_text("Du har anmält förhinder; Helen Nordling kommer i ditt ställe.")).to_be_visible()
    assert Substitution.objects.get(meeting=january, replaces__last_name="Haggren").substitute.name == "Helen Nordling"
    [to_her] = [m for m in mailoutbox if "helen-nordling@example.se" in m.to[0] and "2027-01-14" in m.subject]
    assert any("/my-meetings/meetings/" in link and "/attachments/" in link for link in links_in(to_her)), to_her.body
    helen = sign_in_from_mail(browser, url, "helen-nordling@example.se", mailoutbox)
    helen.goto(f"{url}/my-meetings/meetings/{january.pk}/")
    expect(helen.get_by_role("link", name="Förhandlingsläge.pdf")).to_be_visible()  # not public: hers as called
    expect(helen.get_by_role("link", name="Svara på kallelsen")).to_have_count(0)  # called in his place

    notices = [m for m in mailoutbox if "2027-01-14" in m.subject]
    assert {m.to[0].split("<")[-1].rstrip(">") for m in notices} >= {"sara.nystrom@example.se",
                                                                     "helen-eliasson@example.se"}  # fmt: skip
    assert not [m for m in notices if "miguel-odhner" in m.to[0]]
    readers = {
        "anonymous": browser.new_context(locale="sv-SE").new_page(),
        "sara.nystrom@example.se": sign_in_from_mail(browser, url, "sara.nystrom@example.se", mailoutbox),
        "helen-eliasson@example.se": sign_in_from_mail(browser, url, "helen-eliasson@example.se", mailoutbox),
        "magnus-haggren@example.se": magnus,
        "helen-nordling@example.se": helen,
    }
    checked = 0
    for mail in mailoutbox:
        address = mail.to[0].split("<")[-1].rstrip(">")
        for link in links_in(mail):
            assert link.startswith(settings.SITE_URL), link
            if "/my-meetings/sign-in/" in link:
                continue  # a one-time link: followed once, by sign_in_from_mail, to the page it promises
            path = link.removeprefix(settings.SITE_URL)
            reader = readers.get(address) if path.startswith("/my-meetings/") else readers["anonymous"]
            if reader is None:
                continue  # another member's copy of the same mail: the same links, checked for the readers above
            answer = reader.request.get(f"{url}{path}")
            assert answer.status == 200, (mail.subject, address, link, answer.status)
            checked += 1
    # The notice's links: the members' area, both attachments, the public meeting (the calendar's link), for the
    # two members, the one who cannot come and his substitute.
    assert checked >= 4 * 3 + 1, checked
