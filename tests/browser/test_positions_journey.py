"""The secretary records positions taken outside meetings; the yearly compilation shows them marked."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_on, describe, type_into_editor
from tests.conftest import PASSWORD


@pytest.fixture
def secretary_page(page, live_server, demo, secretary):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    return page


def record(page, *, how, day, matter, text):
    page.get_by_role("link", name="Ställningstaganden", exact=True).first.click()
    page.get_by_role("link", name=how).click()
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Ärende").fill(matter)
    type_into_editor(page, "#text-editor", text)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Ställningstagandet registrerades.")).to_be_visible()


def test_per_capsulam_and_chair_decision_appear_marked_in_the_compilation(secretary_page, live_server):
    page = secretary_page
    # A blank form is refused in Swedish and keeps what was typed.
    page.get_by_role("link", name="Ställningstaganden", exact=True).first.click()
    page.get_by_role("link", name="Registrera ställningstagande per capsulam").click()
    page.get_by_label("Ärende").fill("Ärende utan text")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Skriv ställningstagandet.").first).to_be_visible()
    expect(page.get_by_label("Ärende")).to_have_value("Ärende utan text")
    assert (violations := axe_on(page)) == [], describe(violations)

    record(page, how="Registrera ställningstagande per capsulam", day="2025-06-12",
           matter="Nytt hälso- och sjukvårdsavtal",
           text="Det politiska samrådsorganet SRO rekommenderar huvudmännen att anta avtalet.")  # fmt: skip
    record(page, how="Registrera ordförandebeslut", day="2025-06-02", matter="Styrelsen för logistik",
           text="Genom ordförandebeslut ställer sig SRO bakom remissvaret.")  # fmt: skip
    record(page, how="Registrera ställningstagande per capsulam", day="2025-06-20", matter="Vårdval rehab",
           text="Det politiska samrådsorganet SRO noterar informationen.")  # fmt: skip
    assert (violations := axe_on(page)) == [], describe(violations)

    page.get_by_role("link", name="2025", exact=True).click()
    document = page.locator("article.document-preview")
    expect(document.get_by_role("heading", name="Ställningstaganden av SRO Juni 2025")).to_be_visible()
    expect(document.get_by_role("heading", name="Ordförandebeslut 2 juni 2025", exact=True)).to_be_visible()
    # A per capsulam round is no heading of its own: its positions are labelled under the month's.
    expect(document.get_by_role("heading", name="Per capsulam 12 juni 2025")).to_have_count(0)
    # Each position as written, the word not doubled by a label ("Ordförandebeslut: Genom ordförandebeslut …").
    expect(document).to_contain_text(
        "Nytt hälso- och sjukvårdsavtal Per capsulam 12 juni 2025 Det politiska samrådsorganet SRO rekommenderar"
    )
    expect(document).to_contain_text("Styrelsen för logistik Genom ordförandebeslut ställer sig SRO bakom remissvaret.")
    assert "Ordförandebeslut: Genom" not in document.inner_text()
    expect(document).to_contain_text("Ställningstaganden av SRO Januari 2025")
    assert "Vårdval rehab" not in document.inner_text()
    assert "noterar informationen." not in document.inner_text().split("är inte med i sammanställningen")[0]
    assert (violations := axe_on(page)) == [], describe(violations)

    # The same compilation on the public site, for anyone.
    visitor = page.context.browser.new_context(locale="sv-SE").new_page()
    visitor.goto(live_server.url)
    visitor.get_by_role("link", name="Ställningstaganden", exact=True).click()
    visitor.get_by_role("link", name="Samtliga ställningstaganden 2025").click()
    expect(visitor.locator("article")).to_contain_text("Ordförandebeslut 2 juni 2025")
    assert (violations := axe_on(visitor)) == [], describe(violations)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Ladda ner PDF").click()
    assert download.value.suggested_filename == "SRO Samtliga ställningstaganden 2025.pdf"
