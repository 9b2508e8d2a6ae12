"""The yearly review ("Återblick ÅR och på gång ÅR+1"): built from the published record, public only once the
secretary publishes it, frozen as published, and a 16:9 landscape PDF with every part."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Matter, YearlyReview
from meetings.selectors.review import recurring_matters
from meetings.services.positions import plan_area_add, plan_area_retire, position_record

pytestmark = pytest.mark.django_db


def test_the_review_is_built_published_frozen_and_printed_as_a_landscape_deck(client, demo, secretary):
    matter = Matter.objects.get(title__startswith="Nytt hälso- och sjukvårdsavtal")
    position_record(body=demo, how="per_capsulam", taken_on=datetime.date(2025, 5, 2), matter=matter,
                    text="<div>SRO ställer sig bakom avtalsförslaget.</div>", by=secretary)  # fmt: skip
    plan_area_add(body=demo, name="Vårdinformationsmiljö")
    plan_area_retire(area=plan_area_add(body=demo, name="Nedlagt område"))
    public = reverse("public:review", kwargs={"year": 2025})
    assert client.get(public).status_code == 404  # nothing before it is published

    client.force_login(secretary)
    url = reverse("staff:yearly_review", kwargs={"year": 2025})
    choices = client.get(url).context["form"].fields["highlights"].queryset
    assert matter in choices
    response = client.post(url, {
        "highlights": [matter.pk], "highlights_text": "<div>Ett <strong>avtalsår</strong>.</div>",
        "coming": "<div>Ny regional utvecklingsstrategi.</div>",
    })  # fmt: skip
    assert response.status_code == 302
    assert client.get(public).status_code == 404  # saved is not published
    client.post(reverse("staff:yearly_review_publish", kwargs={"year": 2025}))
    client.logout()

    response = client.get(public)
    page = response.content.decode()
    for part in ["Återblick 2025 och på gång 2026", "Vad SRO är och gör", "Det viktigaste under 2025",
                 "Ett <strong>avtalsår</strong>.", "SRO ställer sig bakom avtalsförslaget.",
                 "Återkommande ärenden 2025", "Ärenden/områden:</strong> Vårdinformationsmiljö</p>", "Årshjul 2026",
                 "På gång 2026", "Ny regional utvecklingsstrategi.",
                 "Samtliga ställningstaganden 2025"]:  # fmt: skip
        assert part in page, part
    assert "enbart noterar informationen" not in page  # no position of 2025 only notes information: no footnote

    # A later edit changes nothing the public reads until it is published again.
    YearlyReview.objects.filter(year=2025).update(coming="<div>Ändrat utkast.</div>")
    assert "Ändrat utkast." not in client.get(public).content.decode()

    pdf = PdfReader(io.BytesIO(client.get(reverse("public:review_pdf", kwargs={"year": 2025})).getvalue()))
    box = pdf.pages[0].mediabox
    assert round(float(box.width) / float(box.height), 2) == round(297 / 167, 2)  # 16:9 landscape
    assert len(pdf.pages) >= 7  # a slide for each part
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Det viktigaste under 2025" in text and "På gång 2026" in text and "Ny regional utvecklingsstrategi." in text
    assert "Ärenden/områden: Vårdinformationsmiljö" in text and "Nedlagt område" not in text


def test_a_matter_on_two_meetings_agendas_is_recurring(demo):
    recurring = dict(recurring_matters(body=demo, year=2025))
    assert all(count >= 2 for count in recurring.values())


def test_only_the_years_matters_can_be_picked(client, demo, secretary):
    other = Matter.objects.create(body=demo, title="Ett ärende utan möte")
    client.force_login(secretary)
    url = reverse("staff:yearly_review", kwargs={"year": 2025})
    response = client.post(url, {"highlights": [other.pk], "coming": "<div>Text som ska finnas kvar.</div>"})
    assert response.status_code == 400
    assert "Text som ska finnas kvar." in response.content.decode()
