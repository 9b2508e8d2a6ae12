"""The yearly review ("Återblick ÅR och på gång ÅR+1") as a deck for the projector: SRO's parts in SRO's order, read
back from the 16:9 PDF (text, sizes, where each line stands) and from the PowerPoint file (titles, text boxes, the
chart, the årshjul's tables); the secretary's highlights; the preview; publishing once, and again only when asked."""

import datetime
import io
import math

import pikepdf
import pytest
from django.urls import reverse
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader

from meetings.deck.slides import BODY_SIZE, MARGIN_BOTTOM, SMALLEST_TABLE_SIZE, TITLE_SIZE
from meetings.models import Matter, ReviewHighlight, YearlyReview
from meetings.selectors.review import recurring_matters
from meetings.services.positions import plan_area_add, plan_area_retire, plan_entry_add, position_record
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PARTS = [  # SRO's parts, in SRO's order, as the slides title them
    "Återblick 2025 och på gång 2026",
    "Vad SRO är och gör",
    "Representanter i SRO den 31 december 2025",
    "Det viktigaste under 2025",
    "Återkommande områden 2025",
    "Årshjul 2026: Närmaste arbetsåret",
    "Årshjul 2026: Ärenden/områden per kvartal 2026",
    "Årshjul 2026: Möten och kvartal 2026",
    "På gång 2026",
    "Samtliga ställningstaganden 2025",
]
HIGHLIGHT = "Nytt hälso- och sjukvårdsavtal och tre avtal till under ett avtalsår"


def _plan_2026(body):
    """The coming year's årshjul in both shapes: matters at four of 2026's meetings, and areas by quarter."""
    area = plan_area_add(body=body, name="Vårdinformationsmiljö")
    plan_area_retire(area=plan_area_add(body=body, name="Nedlagt område"))
    plan_entry_add(body=body, area=area, topic="Lägesbeskrivning", year=2025, quarter=1)
    plan_entry_add(body=body, area=area, topic="Uppföljning", year=2025, quarter=3)
    matters = list(Matter.objects.filter(body=body).order_by("title")[:4])
    for month, matter in zip((2, 4, 9, 11), matters, strict=True):
        meeting = MeetingFactory(body=body, date=datetime.date(2026, month, 12))
        plan_entry_add(body=body, matter=matter, meeting=meeting)
    plan_entry_add(body=body, area=area, topic="Ny upphandling", year=2026, quarter=2)
    return matters


def _matters_of_the_year(client, url):
    return list(client.get(url).context["formset"].forms[0].fields["matters"].queryset)


def _write(client, year, lines, coming=""):
    """The staff form as the secretary sends it: a line of text and its matters a form of the set."""
    data = {"highlights-TOTAL_FORMS": len(lines), "highlights-INITIAL_FORMS": 0, "highlights-MIN_NUM_FORMS": 0,
            "highlights-MAX_NUM_FORMS": 1000, "highlights_text": "", "coming": coming}  # fmt: skip
    for index, (text, matters) in enumerate(lines):
        data[f"highlights-{index}-text"] = text
        data[f"highlights-{index}-matters"] = [m.pk for m in matters]
    return client.post(reverse("staff:yearly_review", kwargs={"year": year}), data)


def _publish(client, year, seen):
    return client.post(reverse("staff:yearly_review_publish", kwargs={"year": year}), {"seen_version": seen})


def _runs(page):
    """Every run of text on a PDF page with its size in points and the height of its baseline over the page's foot."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            baseline = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            runs.append((text.strip(), size * scale, baseline))

    page.extract_text(visitor_text=visit)
    return runs


class PdfSlide:
    """A page of the PDF: its title (the text set at 36 points or more), its text, and its runs."""

    def __init__(self, page):
        self.runs = _runs(page)
        self.title = " ".join(" ".join(t for t, size, _b in self.runs if size >= TITLE_SIZE - 0.01).split())
        self.text = " ".join(page.extract_text().split())


def _pdf_slides(content: bytes) -> list[PdfSlide]:
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (960, 540)  # PowerPoint's 16:9 in points
    return [PdfSlide(page) for page in reader.pages]


@pytest.fixture
def published(client, demo, secretary):
    """The demo's 2025 review written (two highlights, one covering several matters), published by the secretary."""
    matters = _plan_2026(demo)
    position_record(body=demo, how="per_capsulam", taken_on=datetime.date(2025, 5, 2), matter=matters[0],
                    text="<div>SRO ställer sig bakom avtalsförslaget.</div>", by=secretary)  # fmt: skip
    client.force_login(secretary)
    url = reverse("staff:yearly_review", kwargs={"year": 2025})
    year_matters = _matters_of_the_year(client, url)
    assert matters[0] in year_matters
    covered = year_matters[:3]
    response = _write(client, 2025, [(HIGHLIGHT, covered), ("Färdplan nära vård", [])],
                      coming="<div>Ny regional utvecklingsstrategi.</div><ul><li>Ett nytt avtal</li></ul>")  # fmt: skip
    assert response.status_code == 302
    assert _publish(client, 2025, 0).status_code == 302
    client.logout()
    return {"covered": covered, "planned": matters}


def _figure_alternatives(content: bytes) -> list[str]:
    """The alternative texts of the PDF's figures (its structure tree's Figure elements)."""
    found = []

    def walk(element):
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    with pikepdf.open(io.BytesIO(content)) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return found


def test_the_demo_years_deck_has_every_part_in_sros_order_in_a_pdf_a_room_can_read(client, published):
    content = b"".join(client.get(reverse("public:review_pdf", kwargs={"year": 2025})).streaming_content)
    slides = _pdf_slides(content)
    # The composition's chart says itself in words to whoever cannot see it (PDF/UA-1 7.3-1).
    (alternative,) = _figure_alternatives(content)
    for words in ("13 platser", "Kommunerna (VGK) 8", "Göteborgsregionens kommunalförbund 2", "Regionstyrelsen 2",
                  "Strategiska hälso- och sjukvårdsnämnden 3"):  # fmt: skip
        assert words in alternative, words
    text = " ".join(slide.text for slide in slides)
    titles = [slide.title for slide in slides]
    starts = [titles.index(part) if part in titles else None for part in PARTS]
    assert None not in starts and starts == sorted(starts), titles  # each part a slide of its own, in SRO's order
    for words in ["Kommunerna (VGK): 8 platser", "Göteborgsregionens kommunalförbund 2",
                  "Västra Götalandsregionen (VGR): 5 platser", "Strategiska hälso- och sjukvårdsnämnden 3",
                  HIGHLIGHT, "Färdplan nära vård", "Ärenden: " + "; ".join(m.title for m in published["covered"]),
                  "Vårdinformationsmiljö: Q1, Q3", "Ny regional utvecklingsstrategi.", "Ett nytt avtal",
                  "SRO ställer sig bakom avtalsförslaget.", "Per capsulam 2 maj 2025"]:  # fmt: skip
        assert words in text, words
    assert "Nedlagt område" not in text  # out of use, and not in the year's plan

    # The årshjul on one slide in each shape: every meeting and matter planned, every area's quarter.
    meetings_slide = slides[starts[PARTS.index("Årshjul 2026: Närmaste arbetsåret")]].text
    for day in ("12 februari 2026", "12 april 2026", "12 september 2026", "12 november 2026"):
        assert day in meetings_slide, day
    for matter in published["planned"]:
        assert " ".join(matter.title.split()[:3]) in meetings_slide
    assert "Ny upphandling" in slides[starts[PARTS.index("Årshjul 2026: Ärenden/områden per kvartal 2026")]].text
    # The third shape: the meetings and quarters as the columns of one table, on one slide.
    columns_slide = slides[starts[PARTS.index("Årshjul 2026: Möten och kvartal 2026")]].text
    for words in ("Q2 2026", "12 november 2026", "Ny upphandling", published["planned"][0].title.split()[0]):
        assert words in columns_slide, words

    tables = {starts[PARTS.index(p)] for p in PARTS if p.startswith("Årshjul")}
    for index, slide in enumerate(slides):
        smallest = min(size for _t, size, _b in slide.runs)
        # Body text 24 pt or more; the årshjul's tables at the largest size that keeps each on one slide.
        assert smallest >= (SMALLEST_TABLE_SIZE if index in tables else BODY_SIZE) - 0.01, (slide.title, smallest)
        # Nothing runs off a slide: every line stands above the slide's bottom margin.
        assert min(baseline for _t, _s, baseline in slide.runs) >= MARGIN_BOTTOM - 12, slide.title


def test_the_powerpoint_file_holds_the_same_slides_as_editable_text(client, published):
    pdf = _pdf_slides(b"".join(client.get(reverse("public:review_pdf", kwargs={"year": 2025})).streaming_content))
    response = client.get(reverse("public:review_pptx", kwargs={"year": 2025}))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    deck = Presentation(io.BytesIO(response.content))
    assert (deck.slide_width, deck.slide_height) == (Pt(960), Pt(540))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert len(titles) == len(pdf)  # the same slides
    assert titles == [slide.title for slide in pdf]
    assert [t for t in titles if t in PARTS] == PARTS
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape != slide.shapes.title:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size >= Pt(BODY_SIZE), (slide.shapes.title.text, run.text)
    by_title = dict(zip(titles, deck.slides, strict=True))
    chart = next(s for s in by_title["Representanter i SRO den 31 december 2025"].shapes if s.has_chart)
    assert "Regionstyrelsen" in chart.chart.plots[0].categories
    assert sum(v or 0 for series in chart.chart.plots[0].series for v in series.values) == 13
    assert "13 platser" in chart._element.nvGraphicFramePr.cNvPr.get("descr")  # the chart in words
    plan = [s for s in by_title["Årshjul 2026: Närmaste arbetsåret"].shapes if s.has_table]
    assert len(plan) == 1
    cells = " ".join(cell.text for row in plan[0].table.rows for cell in row.cells)
    assert all(matter.title in cells for matter in published["planned"])
    texts = " ".join(shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame)
    assert HIGHLIGHT in texts and "SRO ställer sig bakom avtalsförslaget." in texts


def test_a_long_list_goes_on_to_continued_slides_and_loses_nothing(client, demo, secretary):
    matter = Matter.objects.get(title__startswith="Nytt hälso- och sjukvårdsavtal")
    for day in range(1, 25):
        position_record(body=demo, how="per_capsulam", taken_on=datetime.date(2025, 6, day), matter=matter,
                        text=f"<div>Ställningstagande nummer {day}: SRO rekommenderar parterna att anta avtalet "
                             f"och följa upp det gemensamt under året.</div>", by=secretary)  # fmt: skip
    YearlyReview.objects.create(body=demo, year=2025)
    client.force_login(secretary)
    response = client.get(reverse("staff:yearly_review_pdf", kwargs={"year": 2025}))
    assert response["Content-Type"] == "application/pdf" and "inline" in response["Content-Disposition"]
    slides = _pdf_slides(b"".join(response.streaming_content))
    continued = [s for s in slides if s.title == "Samtliga ställningstaganden 2025 (forts.)"]
    assert len(continued) >= 3
    text = " ".join(s.text for s in slides)
    for day in range(1, 25):
        assert f"Ställningstagande nummer {day}:" in text
    for slide in slides:
        assert min(baseline for _t, _s, baseline in slide.runs) >= MARGIN_BOTTOM - 12, slide.title


def test_the_highlights_start_from_the_years_matters_and_are_the_secretarys_own_lines(client, demo, secretary):
    client.force_login(secretary)
    url = reverse("staff:yearly_review", kwargs={"year": 2025})
    page = client.get(url)
    suggested = [form.initial for form in page.context["formset"].forms if form.initial]
    assert suggested and all(len(line["matters"]) == 1 for line in suggested)  # today's list, a line a matter
    assert [line["text"] for line in suggested] == sorted(line["text"] for line in suggested)
    assert "Ett förslag att utgå från" in page.content.decode()
    covered = _matters_of_the_year(client, url)[:4]
    assert _write(client, 2025, [("Fyra avtal på ett år", covered), ("", [])]).status_code == 302
    line = ReviewHighlight.objects.get()
    assert line.text == "Fyra avtal på ett år" and set(line.matters.all()) == set(covered)
    page = client.get(url)
    assert "Ett förslag att utgå från" not in page.content.decode()
    assert page.context["formset"].forms[0].initial["text"] == "Fyra avtal på ett år"


def test_only_the_years_matters_can_be_linked_and_nothing_written_is_lost(client, demo, secretary):
    other = Matter.objects.create(body=demo, title="Ett ärende utan möte")
    client.force_login(secretary)
    response = _write(client, 2025, [("En rad som ska finnas kvar", [other])],
                      coming="<div>Text som ska finnas kvar.</div>")  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Text som ska finnas kvar." in page and "En rad som ska finnas kvar" in page
    assert not YearlyReview.objects.filter(year=2025).exists()


def test_the_staff_see_the_deck_before_publishing_and_the_public_sees_nothing_until_then(client, demo, secretary):
    public = reverse("public:review", kwargs={"year": 2025})
    client.force_login(secretary)
    assert _write(client, 2025, [("Färdplan nära vård", [])], coming="<div>Ny strategi.</div>").status_code == 302
    page = client.get(reverse("staff:yearly_review", kwargs={"year": 2025})).content.decode()
    assert 'class="deck-screen' in page
    for part in ["Vad SRO är och gör", "Representanter i SRO den 31 december 2025", "Färdplan nära vård",
                 "Ny strategi.", reverse("staff:yearly_review_pdf", kwargs={"year": 2025}),
                 reverse("staff:yearly_review_pptx", kwargs={"year": 2025})]:  # fmt: skip
        assert part in page, part
    pptx = client.get(reverse("staff:yearly_review_pptx", kwargs={"year": 2025}))
    assert "Färdplan nära vård" in " ".join(
        shape.text_frame.text for s in Presentation(io.BytesIO(pptx.content)).slides for shape in s.shapes
        if shape.has_text_frame)  # fmt: skip
    client.logout()
    for name in ("review", "review_pdf", "review_pptx"):
        assert client.get(reverse(f"public:{name}", kwargs={"year": 2025})).status_code == 404, name
    assert client.get(public).status_code == 404


def test_publishing_again_asks_first_and_a_double_click_makes_one_version(client, published, secretary):
    review = YearlyReview.objects.get(year=2025)
    assert review.published_version == 1
    assert _publish(client, 2025, 0).status_code == 302  # not logged in: to the login page, nothing published
    client.force_login(secretary)
    followed = _publish(client, 2025, 0)  # the same form sent again, as by a second click
    assert YearlyReview.objects.get(year=2025).published_version == 1
    assert "Version 1 var redan publicerad" in client.get(followed.url).content.decode()

    page = client.get(reverse("staff:yearly_review", kwargs={"year": 2025})).content.decode()
    assert reverse("staff:yearly_review_publish", kwargs={"year": 2025}) in page
    asked = client.get(reverse("staff:yearly_review_publish", kwargs={"year": 2025})).content.decode()
    day = f"{review.published_at.day} december" if review.published_at.month == 12 else ""
    assert "Det finns redan en publicerad version (version 1, " in asked and "Publicera version 2?" in asked
    assert day in asked
    assert 'name="seen_version" value="1"' in asked

    # An edit after publishing reaches the public only with version 2.
    _write(client, 2025, [("Ett ändrat utkast", [])])
    client.logout()
    assert "Ett ändrat utkast" not in client.get(reverse("public:review", kwargs={"year": 2025})).content.decode()
    pptx = Presentation(io.BytesIO(client.get(reverse("public:review_pptx", kwargs={"year": 2025})).content))
    assert "Ett ändrat utkast" not in " ".join(sh.text_frame.text for s in pptx.slides for sh in s.shapes
                                               if sh.has_text_frame)  # fmt: skip
    client.force_login(secretary)
    for _click in range(2):
        assert _publish(client, 2025, 1).status_code == 302
    assert YearlyReview.objects.get(year=2025).published_version == 2
    client.logout()
    assert "Ett ändrat utkast" in client.get(reverse("public:review", kwargs={"year": 2025})).content.decode()


def test_a_publish_without_the_version_seen_publishes_nothing(client, demo, secretary):
    client.force_login(secretary)
    _write(client, 2025, [("Färdplan nära vård", [])])
    url = reverse("staff:yearly_review_publish", kwargs={"year": 2025})
    for data in ({}, {"seen_version": "x"}, {"seen_version": "-1"}):
        assert client.post(url, data).status_code == 400
    assert YearlyReview.objects.get(year=2025).published_version == 0
    assert client.get(reverse("staff:yearly_review_publish", kwargs={"year": 2024})).status_code == 404  # none saved


def test_a_matter_on_two_meetings_agendas_is_recurring(demo):
    recurring = dict(recurring_matters(body=demo, year=2025))
    assert recurring and all(count >= 2 for count in recurring.values())


def test_a_review_published_before_the_deck_is_served_as_it_was_published(client, db):
    """Its frozen HTML stays what the public reads, printed in the pages it had; there is no PowerPoint file of it."""
    from django.utils import timezone

    from tests.factories import BodyFactory

    html = '<section class="slide"><h2>Samtliga ställningstaganden 2024</h2><p>Som det publicerades.</p></section>'
    YearlyReview.objects.create(body=BodyFactory(), year=2024, published_version=1, published_at=timezone.now(),
                                published_html=html)  # fmt: skip
    page = client.get(reverse("public:review", kwargs={"year": 2024})).content.decode()
    assert "Som det publicerades." in page and "deck-screen" not in page
    response = client.get(reverse("public:review_pdf", kwargs={"year": 2024}))
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    box = pdf.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 2) == round(297 / 167, 2)  # the pages it was published in
    assert "Som det publicerades." in pdf.pages[0].extract_text()
    assert client.get(reverse("public:review_pptx", kwargs={"year": 2024})).status_code == 404


def _recommendations_of_2025(body):
    """Recommendations of positions taken in 2025, sent to the parties: one with answers, in SRO's words "4 av 49
    kommuner och Västra Götalandsregionen har antagit", and four more, so that the part runs on to "(forts.)"."""
    from recommendations.models import Answer
    from tests.recommendations.public_data import answer, make_recommendation

    outcome = Answer.Outcome
    answered = make_recommendation(body=body, title="Överenskommelse om samverkan kring digitala hjälpmedel",
                                   taken_on=datetime.date(2025, 4, 24))  # fmt: skip
    for party in ("Ale", "Borås", "Tjörn", "Västra Götalandsregionen"):
        answer(answered, party, outcome.ADOPTED)
    answer(answered, "Hjo", outcome.ADOPTED_WITH_CHANGES)
    answer(answered, "Lerum", outcome.REJECTED)
    make_recommendation(body=body, title="Ännu inte skickad", sent=False, taken_on=datetime.date(2025, 5, 2))
    others = [make_recommendation(body=body, title=f"Gemensam riktlinje nummer {n} för hela länets vård och omsorg",
                                  taken_on=datetime.date(2025, 9, n)) for n in range(1, 5)]  # fmt: skip
    return [answered, *others]


def _pptx_slides(content: bytes) -> list[tuple[str, str]]:
    """Each slide of a PowerPoint file as its title and the text of its other shapes."""
    slides = []
    for slide in Presentation(io.BytesIO(content)).slides:
        title = slide.shapes.title
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape != title]
        slides.append((title.text_frame.text, " ".join(" ".join(texts).split())))
    return slides


def test_the_deck_says_what_became_of_the_years_recommendations(client, demo, secretary):
    recommendations = _recommendations_of_2025(demo)
    client.force_login(secretary)
    assert _write(client, 2025, [("Färdplan nära vård", [])]).status_code == 302
    assert _publish(client, 2025, 0).status_code == 302
    client.logout()
    pdf = _pdf_slides(b"".join(client.get(reverse("public:review_pdf", kwargs={"year": 2025})).streaming_content))
    titles = [slide.title for slide in pdf]
    # After "Samtliga ställningstaganden", as in the compilation; continued when it runs long.
    start = titles.index("Rekommendationer 2025")
    assert start > titles.index("Samtliga ställningstaganden 2025"), titles
    part = [s for s in pdf[start:] if s.title in ("Rekommendationer 2025", "Rekommendationer 2025 (forts.)")]
    assert len(part) >= 2 and part[0] is pdf[start]
    text = " ".join(s.text for s in part)
    sentence = "4 av 49 kommuner och Västra Götalandsregionen har antagit, varav 1 med ändringar."
    for words in (sentence, "Svara senast 31 december 2025.", "Avslagit: 1", "Inte rapporterat: 44"):
        assert words in text, words
    for recommendation in recommendations:
        assert recommendation.title in text, recommendation.title
    assert "Ännu inte skickad" not in text  # marked, never sent: nothing to tell yet
    for slide in part:
        assert min(size for _t, size, _b in slide.runs) >= BODY_SIZE - 0.01, slide.title  # a room can read it
        assert min(baseline for _t, _s, baseline in slide.runs) >= MARGIN_BOTTOM - 12, slide.title

    pptx = _pptx_slides(client.get(reverse("public:review_pptx", kwargs={"year": 2025})).content)
    assert [title for title, _text in pptx] == titles  # the same slides
    text = " ".join(body for title, body in pptx if title.startswith("Rekommendationer 2025"))
    assert sentence in text and all(r.title in text for r in recommendations)


def test_a_year_without_recommendations_has_no_such_slide_and_a_frozen_deck_stays_as_published(
    client, demo, published, secretary
):
    """The demo's 2025 has none (its one recommendation is of 2022); one sent after publishing reaches the published
    deck only when it is published again, and the deck frozen without the part is served as before."""
    pdf = _pdf_slides(b"".join(client.get(reverse("public:review_pdf", kwargs={"year": 2025})).streaming_content))
    pptx = _pptx_slides(client.get(reverse("public:review_pptx", kwargs={"year": 2025})).content)
    for titles in ([s.title for s in pdf], [title for title, _text in pptx]):
        assert not [t for t in titles if t.startswith("Rekommendationer")], titles
    frozen = YearlyReview.objects.get(body=demo, year=2025).published_deck
    assert all(slide["part"] != "recommendations" for slide in frozen["slides"])

    _recommendations_of_2025(demo)
    pptx = client.get(reverse("public:review_pptx", kwargs={"year": 2025}))
    assert pptx.status_code == 200
    assert not [t for t, _text in _pptx_slides(pptx.content) if t.startswith("Rekommendationer")]
    client.force_login(secretary)
    preview = _pptx_slides(client.get(reverse("staff:yearly_review_pptx", kwargs={"year": 2025})).content)
    assert "Rekommendationer 2025" in [title for title, _text in preview]
