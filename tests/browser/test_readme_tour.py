"""The README's tour of the demo, step by step, with the words the README tells a newcomer to click: if a label or
a step changes, this fails and the README is to be brought along."""

import re

from django.core import mail
from playwright.sync_api import expect


def _log_in(page, url, username, password):
    page.context.clear_cookies()
    page.goto(f"{url}/staff/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_the_citizen_reads_downloads_checks_and_finds_the_register(page, live_server, demo):
    url = live_server.url
    page.goto(f"{url}/")
    expect(page.get_by_role("heading", name="Senaste minnesanteckningarna")).to_be_visible()
    page.get_by_role("link", name="Minnesanteckningar 19 oktober 2022").click()
    expect(page.get_by_role("heading", name="Den godkända versionen")).to_be_visible()
    pdf_url = page.get_by_role("link", name="Ladda ner minnesanteckningarna som PDF").get_attribute("href")
    pdf = page.request.get(f"{url}{pdf_url}").body()

    page.get_by_role("link", name="Kontrollera ett dokument du har").click()
    page.locator("input[type=file]").set_input_files(files=[{"name": "anteckningar.pdf", "mimeType": "application/pdf",
                                                             "buffer": pdf}])  # fmt: skip
    page.locator("main button[type=submit]").first.click()
    expect(page.locator("main")).to_contain_text("Det här är en godkänd och publicerad version av minnesanteckningarna")

    page.get_by_role("link", name="Ställningstaganden", exact=True).first.click()
    page.get_by_role("link", name=re.compile(r"Samtliga ställningstaganden\s+2022")).click()
    for name in ("Ladda ner PDF", "CSV", "JSON"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()

    page.get_by_role("link", name="Rekommendationer", exact=True).first.click()
    page.get_by_role("link", name="Justerade uppdrag och namn inom samarbetsorganisationen för hjälpmedel").click()
    expect(page.get_by_role("heading", name="De 49 kommunerna")).to_be_visible()
    expect(page.get_by_role("heading", name="Alla 50 parter")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Inte rapporterat")

    page.get_by_role("link", name="Årshjul", exact=True).first.click()
    page.get_by_role("link", name="Årshjul 2025").click()
    expect(page.get_by_role("heading", name="Årshjul 2025")).to_be_visible()
    expect(page.get_by_role("link", name="Öppna data")).to_be_visible()


def test_the_secretary_the_chair_and_the_member_as_the_readme_says(page, live_server, demo):
    from meetings.demo.loader import create_demo_users, demo_member

    create_demo_users()
    demo_member()
    url = live_server.url

    _log_in(page, url, "sekreterare", "demo-sekreterare")
    expect(page.get_by_role("heading", name="Att göra nu")).to_be_visible()
    page.get_by_role("link", name="24 april 2025").first.click()
    page.get_by_role("link", name="Hämta punkter från föregående möte eller årshjulet").click()
    page.get_by_role("button", name="Lägg till på dagordningen").click()
    expect(page.get_by_role("heading", name="Möte 24 april 2025")).to_be_visible()
    page.get_by_role("link", name="Förhandsgranska kallelse").click()
    expect(page.get_by_role("heading", name="Kallelse SRO")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Skicka kallelse").click()
    expect(page.get_by_role("heading", name="Innan du skickar")).to_be_visible()
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.locator("main")).to_contain_text("Kallelsen (version 1) skickades")
    # SRO publishes its notice as it sends it: nothing more to press, and the public meeting page is there.
    expect(page.get_by_role("link", name="Publicera kallelse")).to_have_count(0)
    meeting_id = re.search(r"/staff/meetings/(\d+)/", page.url).group(1)
    assert page.request.get(f"{url}/meetings/{meeting_id}/").status == 200

    page.get_by_role("link", name="Möten", exact=True).first.click()
    page.get_by_role("link", name="6 mars 2025").click()
    page.get_by_role("button", name="Skriv minnesanteckningar").click()
    expect(page.get_by_role("link", name="Närvaro", exact=True)).to_be_visible()
    page.get_by_role("link", name="Skicka till ordföranden").click()
    page.get_by_role("button", name="Skicka till ordföranden").click()
    expect(page.locator("main")).to_contain_text("skickades till ordföranden")

    page.get_by_role("button", name="Mer").click()
    page.get_by_role("link", name="Rekommendationer", exact=True).click()
    expect(page.get_by_role("link", name="Justerade uppdrag och namn inom samarbetsorganisationen för hjälpmedel").first
           ).to_be_visible()  # fmt: skip
    page.get_by_role("link", name="Ställningstaganden", exact=True).first.click()
    page.get_by_role("link", name="Återblick 2025").click()
    expect(page.get_by_role("link", name="Förhandsgranska som PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Ladda ner som PowerPoint")).to_be_visible()

    _log_in(page, url, "ordforande", "demo-ordforande")
    expect(page.get_by_role("heading", name="Att godkänna")).to_be_visible()
    page.get_by_role("link", name="Minnesanteckningar 6 mars 2025").click()
    page.get_by_label("Ditt lösenord, för att bekräfta").fill("demo-ordforande")
    page.get_by_role("button", name="Godkänn minnesanteckningarna").click()
    expect(page.locator("main")).to_contain_text("De är nu publicerade")

    page.context.clear_cookies()
    page.goto(f"{url}/")
    expect(page.get_by_role("link", name="Minnesanteckningar 6 mars 2025")).to_be_visible()
    mail.outbox.clear()
    page.goto(f"{url}/my-meetings/sign-in/")
    page.get_by_label("Din e-postadress").fill("ledamot@example.se")
    page.get_by_role("button", name="Skicka en länk till mig").click()
    expect(page.get_by_role("heading", name="Titta i din e-post")).to_be_visible()
    link = re.search(r"/my-meetings/sign-in/\?sesame=\S+", mail.outbox[-1].body)[0]
    page.goto(f"{url}{link}")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Mina möten", exact=True)).to_be_visible()
    page.get_by_role("link", name="SRO, 6 mars 2025").click()
    expect(page.get_by_role("link", name="Hela mötet som en PDF")).to_be_visible()
