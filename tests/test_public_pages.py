"""Every public URL pattern: published things answer 200 to anonymous visitors, the rest 404."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, reverse

from meetings.models import AgendaItem, Attachment, Matter, Meeting, Minutes, Position, YearlyReview
from meetings.services import minutes as minutes_services
from meetings.services.notices import notice_send
from sro_portal.public_urls import urlpatterns
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

SPRING_2025 = datetime.date(2025, 3, 6)


@pytest.fixture
def hidden(demo, secretary):
    """Things that exist but must not be public: a draft meeting, notes awaiting approval, a private file."""
    draft = MeetingFactory(body=demo, date=datetime.date(2031, 5, 5))
    secret_matter = Matter.objects.create(body=demo, title="Hemligt utkastärende")
    AgendaItemFactory(meeting=draft, order=9, title="Utkastpunkt", matter=secret_matter)
    held = MeetingFactory(body=demo, date=datetime.date(2026, 2, 2))
    AgendaItemFactory(meeting=held, order=9, title="Punkt", proposals=["<div>SRO ställer sig bakom det hemliga.</div>"])
    awaiting = minutes_services.minutes_start(meeting=held, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=awaiting, by=secretary)
    item = AgendaItem.objects.get(meeting__date=SPRING_2025, title="Partsgemensamt utvecklingsarbete")
    private = Attachment(item=item, title="Internt underlag", is_public=False)
    private.file.save("internt.pdf", ContentFile(b"%PDF-1.4 internal"), save=True)
    return {"draft": draft, "awaiting": held, "matter": secret_matter, "attachment": private}


def published_urls():
    from tests.recommendations.public_data import published_recommendation_urls

    notes_2022 = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19)).meeting
    notice_2025 = Meeting.objects.get(date=SPRING_2025)
    attachment = Attachment.objects.filter(item__meeting=notice_2025, is_public=True).first()
    matter = Position.objects.filter(taken_on__year=2022, matter__isnull=False).first().matter
    return {
        "home": reverse("public:home"),
        "meetings": reverse("public:meetings") + "?year=2025",
        "meeting": reverse("public:meeting", kwargs={"pk": notice_2025.pk}),
        "notice_pdf": reverse("public:notice_pdf", kwargs={"pk": notice_2025.pk}),
        "minutes": reverse("public:minutes", kwargs={"pk": notes_2022.pk}),
        "minutes_pdf": reverse("public:minutes_pdf", kwargs={"pk": notes_2022.pk}),
        "attachment": reverse("public:attachment", kwargs={"pk": attachment.pk}),
        "positions": reverse("public:positions") + "?year=2022",
        "compilation": reverse("public:compilation", kwargs={"year": 2022}),
        "compilation_pdf": reverse("public:compilation_pdf", kwargs={"year": 2022}),
        "positions_csv": reverse("public:positions_csv", kwargs={"year": 2022}),
        "positions_json": reverse("public:positions_json", kwargs={"year": 2022}),
        "sitemap": reverse("public:sitemap"),
        "review": reverse("public:review", kwargs={"year": 2022}),
        "review_pdf": reverse("public:review_pdf", kwargs={"year": 2022}),
        "review_pptx": reverse("public:review_pptx", kwargs={"year": 2022}),
        "matters": reverse("public:matters"),
        "matter": reverse("public:matter", kwargs={"pk": matter.pk}),
        "plan": reverse("public:plan"),
        "plan_year": reverse("public:plan_year", kwargs={"year": 2025}),
        "members": reverse("public:members") + "?date=2025-03-06",
        "search": reverse("public:search") + "?q=psykisk+hälsa",
        "api_docs": reverse("public:api_docs"),
        "accessibility": reverse("public:accessibility"),
        "feed_minutes": reverse("public:feed_minutes"),
        "feed_positions": reverse("public:feed_positions"),
        "calendar": reverse("public:calendar"),
        "bodies": reverse("public:bodies"),
        "feed_minutes_all": reverse("public:feed_minutes_all"),
        "feed_positions_all": reverse("public:feed_positions_all"),
        "calendar_all": reverse("public:calendar_all"),
        **published_recommendation_urls(),
    }


# The patterns at /; a body's section under /<web address>/ has tests of its own (tests/test_bodies.py).
NAMES = sorted(p.name for p in urlpatterns if isinstance(p, URLPattern))


def test_every_public_url_pattern_is_visited(demo):
    assert set(published_urls()) == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_public_page_answers_anonymous_visitors(client, demo, name):
    assert client.get(published_urls()[name]).status_code == 200


def test_what_is_not_published_answers_404_on_every_pattern_that_takes_it(client, hidden):
    for meeting in (hidden["draft"], hidden["awaiting"]):
        for name in ("meeting", "notice_pdf", "minutes", "minutes_pdf"):
            assert client.get(reverse(f"public:{name}", kwargs={"pk": meeting.pk})).status_code == 404, name
    assert client.get(reverse("public:attachment", kwargs={"pk": hidden["attachment"].pk})).status_code == 404
    assert client.get(reverse("public:matter", kwargs={"pk": hidden["matter"].pk})).status_code == 404
    assert client.get(reverse("public:compilation", kwargs={"year": 2031})).status_code == 404
    assert client.get(reverse("public:compilation_pdf", kwargs={"year": 2031})).status_code == 404
    YearlyReview.objects.create(body=hidden["draft"].body, year=2031, coming="<div>Utkastpunkt</div>")  # not published
    for name in ("review", "review_pdf", "review_pptx"):
        assert client.get(reverse(f"public:{name}", kwargs={"year": 2031})).status_code == 404, name
    for url in [reverse("public:home"), reverse("public:meetings") + "?year=2031", reverse("public:matters"),
                reverse("public:positions"), reverse("public:plan"), reverse("public:search") + "?q=utkastpunkt",
                reverse("public:search") + "?q=hemliga", reverse("public:search") + "?q=utkastärende"]:  # fmt: skip
        page = client.get(url).content.decode()
        assert "Utkastpunkt" not in page and "Hemligt utkastärende" not in page and "det hemliga" not in page, url


def test_the_public_meeting_page_shows_the_agenda_with_times_and_only_public_files(client, hidden):
    meeting = Meeting.objects.get(date=SPRING_2025)
    page = client.get(reverse("public:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "(20 minuter, kl. 13.35 – 13.55)" in page
    assert "Internt underlag" not in page
    assert "Beslutsunderlag - Statsbidrag psykisk hälsa 2025, SRO.pdf" in page


def test_the_meeting_archive_lists_the_year_and_links_published_notes(client, demo):
    page = client.get(reverse("public:meetings") + "?year=2022").content.decode()
    assert "Möte 19 oktober 2022" in page and "minnesanteckningar publicerade" in page


def test_members_on_a_date_are_grouped_as_the_notice_with_no_contact_details(client, demo):
    from members.models import Person

    Person.objects.filter(last_name="Eliasson").update(email="helen.eliasson@vgregion.se", phone="010-441 00 00")
    page = client.get(reverse("public:members") + "?date=2025-03-06").content.decode()
    assert "Ledamöterna den 6 mars 2025" in page
    assert "Kommunpolitiker" in page and "Regionpolitiker" in page
    assert "Helén Eliasson (S)" in page and "ordförande" in page
    assert "helen.eliasson@vgregion.se" not in page and "010-441" not in page
    in_2022 = client.get(reverse("public:members") + "?date=2022-10-19").content.decode()
    assert "Johnny Magnusson" in in_2022


def test_a_bad_date_on_the_members_page_is_refused_in_swedish(client, demo):
    response = client.get(reverse("public:members") + "?date=6 mars")
    assert response.status_code == 400
    assert "Skriv datumet som 2025-03-06." in response.content.decode()
    assert 'value="6 mars"' in response.content.decode()


def test_the_accessibility_statement_says_how_to_report_a_problem(client, db, settings):
    settings.CONTACT_EMAIL = "sro@vgregion.se"
    page = client.get(reverse("public:accessibility")).content.decode()
    assert "Tillgänglighetsredogörelse" in page and 'href="mailto:sro@vgregion.se"' in page
    assert 'href="/accessibility/"' in client.get("/").content.decode()


def test_the_accessibility_statement_says_what_conforms_and_offers_any_attachment_accessible(client, db, settings):
    settings.CONTACT_EMAIL = "sro@vgregion.se"
    page = " ".join(client.get(reverse("public:accessibility")).content.decode().split())
    assert "uppfylla WCAG 2.1 nivå AA" in page
    assert "Varje PDF som portalen gör (kallelsen, minnesanteckningarna med sin elektroniska försegling" in page
    assert "är ett taggat PDF/A-2b-dokument som också följer PDF/UA-1" in page
    assert "följer PDF/UA-1 bara när alla bilagor i den gör det" in page  # the members' whole meeting
    assert "publiceras som de kom och är inte nödvändigtvis tillgängliga" in page
    assert ("(DOS-lagen) gäller även dokument: skriv till <a href=\"mailto:sro@vgregion.se\">sro@vgregion.se</a> så "
            "skickar vi en tillgänglig version av vilken bilaga som helst.") in page  # fmt: skip


def test_the_feeds_carry_published_notes_and_positions_and_nothing_else(client, hidden):
    notes = client.get(reverse("public:feed_minutes")).content.decode()
    assert notes.startswith("<?xml") and "http://www.w3.org/2005/Atom" in notes
    assert "Minnesanteckningar 19 oktober 2022" in notes and "2 februari 2026" not in notes
    positions = client.get(reverse("public:feed_positions")).content.decode()
    assert "ger Västra Götalandsregionen och Västkom i uppdrag" in positions
    assert "det hemliga" not in positions


def test_the_calendar_feed_lists_public_meetings_only(client, hidden, monkeypatch):
    from icalendar import Calendar

    from meetings.selectors import public

    monkeypatch.setattr(public.timezone, "localdate", lambda: datetime.date(2025, 1, 1))
    response = client.get(reverse("public:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    starts = {e.decoded("dtstart").date() for e in events}
    assert SPRING_2025 in starts
    assert hidden["draft"].date not in starts and hidden["awaiting"].date not in starts
    # Each event is stamped when what the public reads of it last changed: the feed is the same until then.
    meeting = Meeting.objects.get(date=SPRING_2025)
    (event,) = [e for e in events if e.decoded("dtstart").date() == SPRING_2025]
    stamp = meeting.public_modified.replace(microsecond=0)
    assert event.decoded("dtstamp") == event.decoded("last-modified") == stamp
    assert client.get(reverse("public:calendar")).content == response.content


def test_a_public_attachment_downloads_under_its_title_with_the_files_suffix(client, demo):
    item = AgendaItem.objects.get(meeting__date=SPRING_2025, title="Partsgemensamt utvecklingsarbete")
    attachment = Attachment(item=item, title="Underlag v1.2", is_public=True)
    attachment.file.save("underlag.pdf", ContentFile(b"%PDF-1.4 underlag"), save=True)
    url = reverse("public:attachment", kwargs={"pk": attachment.pk})
    assert client.get(url).status_code == 404  # added after the notice was sent: not public until it is sent
    notice_send(meeting=item.meeting, by=None)
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="Underlag v1.2.pdf"' in response["Content-Disposition"]


def test_the_positions_register_comes_fifty_a_page_and_keeps_its_filters(client, demo):
    from meetings.demo.bulk import generate
    from meetings.views.public import POSITIONS_PER_PAGE

    generate(body=demo, years=1, first_year=2015)  # 150 positions in 2015
    first = client.get(reverse("public:positions") + "?year=2015")
    total = first.context["count"]
    assert total > POSITIONS_PER_PAGE and len(first.context["positions"]) == POSITIONS_PER_PAGE
    html = first.content.decode()
    assert "Sida 1 av" in html and "year=2015&amp;page=2" in html  # the next page keeps the year
    pages = -(-total // POSITIONS_PER_PAGE)
    last = client.get(reverse("public:positions") + f"?year=2015&page={pages}")
    assert len(last.context["positions"]) == total - (pages - 1) * POSITIONS_PER_PAGE
    assert client.get(reverse("public:positions") + "?page=abc").status_code == 200  # the first page


def test_the_matters_come_fifty_a_page_in_title_order(client, demo):
    from meetings.models import Matter
    from meetings.services.positions import plan_entry_add
    from meetings.views.public import MATTERS_PER_PAGE

    for n in range(MATTERS_PER_PAGE + 5):  # planned, so public
        plan_entry_add(body=demo, matter=Matter.objects.create(body=demo, title=f"Ärende {n:03}"), year=2027, quarter=1)
    total = client.get(reverse("public:matters")).context["page"].paginator.count
    first = client.get(reverse("public:matters"))
    assert len(first.context["matters"]) == MATTERS_PER_PAGE and 'href="?page=2"' in first.content.decode()
    last = client.get(reverse("public:matters") + f"?page={-(-total // MATTERS_PER_PAGE)}")
    titles = [m.title for m in last.context["matters"]]
    assert len(titles) == total - MATTERS_PER_PAGE and titles == sorted(titles)
    assert client.get(reverse("public:matters") + "?page=-1").status_code == 200


def test_the_sitemap_lists_every_kind_of_public_page_and_nothing_unpublished(client, demo):
    import re as regex

    sitemap = client.get(reverse("public:sitemap")).content.decode()
    locations = regex.findall(r"<loc>http://testserver(/[^<]*)</loc>", sitemap)
    urls = published_urls()
    for name in ("home", "meeting", "minutes", "matter", "compilation", "members", "plan"):
        assert urls[name].split("?")[0] in locations, name
    for location in locations:
        assert client.get(location).status_code == 200, location


def test_the_positions_of_a_year_as_csv_and_json(client, demo):
    import csv
    import io

    from meetings.selectors.registers import positions_queryset

    expected = set(positions_queryset(body=demo, public=True).filter(taken_on__year=2022).values_list("pk", flat=True))
    as_csv = client.get(reverse("public:positions_csv", kwargs={"year": 2022}))
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert {int(row["id"]) for row in rows} == expected and all(row["ställningstagande"] for row in rows)
    as_json = client.get(reverse("public:positions_json", kwargs={"year": 2022})).json()
    assert as_json["år"] == 2022 and {p["id"] for p in as_json["ställningstaganden"]} == expected
    assert client.get(reverse("public:positions_csv", kwargs={"year": 1999})).status_code == 404
