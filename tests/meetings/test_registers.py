"""The body's memory: positions register, yearly compilation, assignments, matters, annual and meeting plans."""

import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.integrity import guard_disabled
from meetings.models import AgendaItem, AnnualPlanEntry, Assignment, Matter, Meeting, Minutes, Position
from meetings.selectors import meeting_start, notice_context
from meetings.selectors.registers import (
    annual_plan,
    assignments_due_for,
    matter_timeline,
    position_years,
    positions_queryset,
    visible_positions,
    yearly_compilation,
)
from meetings.services import ServiceError
from meetings.services import minutes as minutes_services
from meetings.services import positions as services
from meetings.services.notices import notice_pdf
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_2022_compilation_holds_the_demo_positions_and_leaves_out_noting_information(demo):
    compilation = yearly_compilation(body=demo, year=2022, public=True)
    positions = [p for m in compilation.months for s in m.sections for p in s.positions]
    assert [m.heading for m in compilation.months] == ["Ställningstaganden av SRO Oktober 2022"]
    assert compilation.months[0].sections[0].heading == ""  # the month's one meeting: the month heads it
    assert positions and not any(p.notes_information for p in positions)
    working = Position.objects.filter(minutes_version__isnull=True)
    noted = working.filter(item__meeting__date=datetime.date(2022, 10, 19), notes_information=True).count()
    assert noted > 0 and compilation.left_out == noted
    assert len(positions) + noted == working.filter(taken_on__year=2022).count()
    assert all(p.minutes_version and p.minutes_version.published_at for p in positions)  # the frozen copies


def test_the_2025_compilation_holds_the_position_of_30_january_as_a_pdf(demo, client):
    response = client.get(reverse("public:compilation_pdf", kwargs={"year": 2025}))
    assert response.status_code == 200
    text = pdf_text(response.getvalue())
    assert "Samtliga ställningstaganden 2025" in text
    assert "Ställningstaganden av SRO Januari 2025" in text
    assert "Partsgemensamt utvecklingsarbete kring patientsäkerhet" in text
    assert "ger Västra Götalandsregionen och Västkom i uppdrag att påbörja partsgemensamt utvecklingsarbete" in text


def test_a_compilation_with_nothing_left_out_does_not_say_that_none_is(demo, client):
    assert yearly_compilation(body=demo, year=2025, public=True).left_out == 0
    page = client.get(reverse("public:compilation", kwargs={"year": 2025})).content.decode()
    assert "Samtliga ställningstaganden 2025" in page
    assert "enbart noterar informationen" not in page and "0 ställningstaganden" not in page
    text = pdf_text(client.get(reverse("public:compilation_pdf", kwargs={"year": 2025})).getvalue())
    assert "Partsgemensamt utvecklingsarbete kring patientsäkerhet" in text and "enbart noterar" not in text


def test_the_2022_compilation_pdf_reads_back_each_matter_and_position(demo, client):
    text = pdf_text(client.get(reverse("public:compilation_pdf", kwargs={"year": 2022})).getvalue())
    for position in positions_queryset(body=demo, public=True).filter(taken_on__year=2022, notes_information=False):
        subject = position.matter.title if position.matter_id else position.item.title
        assert " ".join(subject.split()) in text
        assert " ".join(position.text.split())[:80] in text
    assert "SRO noterar informationen" in text  # only in the line that says they are left out
    assert re.search(r"\d+ ställningstaganden som enbart noterar informationen", text)


def test_per_capsulam_and_chair_decisions_are_marked_and_count_as_positions(demo, secretary):
    matter = services.matter_for_title(body=demo, title="Remiss om regional vårdval")
    services.position_record(body=demo, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2025, 6, 12),
                             matter=matter, text="Ställningstagande: SRO rekommenderar huvudmännen att besluta.",
                             by=secretary)  # fmt: skip
    services.position_record(body=demo, how=Position.How.CHAIR_DECISION, taken_on=datetime.date(2025, 6, 2),
                             matter=matter, text="Genom ordförandebeslut ställer sig SRO bakom remissvaret.",
                             by=secretary)  # fmt: skip
    services.position_record(body=demo, how=Position.How.PER_CAPSULAM, taken_on=datetime.date(2025, 6, 20),
                             text="Det politiska samrådsorganet SRO noterar informationen.", by=secretary)  # fmt: skip
    compilation = yearly_compilation(body=demo, year=2025, public=True)
    june = next(m for m in compilation.months if m.heading.endswith("Juni 2025"))
    # The per capsulam round has no heading of its own (its positions are labelled), and comes first: under the
    # chair's decision's heading it would read as one of them.
    assert [(s.heading, s.how) for s in june.sections] == [
        ("", "per_capsulam"),
        ("Ordförandebeslut 2 juni 2025", "chair_decision"),
    ]
    assert [g.label for g in june.sections[0].groups] == ["Per capsulam 12 juni 2025"]
    assert compilation.left_out == 1
    timeline = matter_timeline(matter=matter, public=True)
    assert [e.label for e in timeline if e.kind == "position"] == ["Per capsulam", "Ordförandebeslut"]


def test_a_meeting_position_cannot_be_recorded_outside_the_notes(demo, secretary):
    with pytest.raises(ServiceError, match="skrivs i mötets minnesanteckningar"):
        services.position_record(body=demo, how=Position.How.MEETING, taken_on=datetime.date(2025, 1, 1),
                                 text="x", by=secretary)  # fmt: skip


def test_during_a_correction_the_public_reads_the_positions_as_approved_never_the_draft(demo, secretary):
    minutes = Minutes.objects.get(meeting__date=datetime.date(2022, 10, 19))
    public = positions_queryset(body=demo, public=True).filter(taken_on__year=2022)
    approved_texts = sorted(public.values_list("text", flat=True))
    assert approved_texts
    minutes_services.minutes_correct(minutes=minutes, by=secretary, reason="Rättelse.")
    note = minutes.item_notes.get(item__title__startswith="Ställningstagande")
    minutes_services.item_notes_save(note=note, text="", closing_text="", questions=[], by=secretary,
                                     positions=["SRO ställer sig bakom UTKASTET."],)  # fmt: skip
    assert sorted(public.values_list("text", flat=True)) == approved_texts
    assert positions_queryset(body=demo).filter(text__contains="UTKASTET").exists()  # staff read the working copy


@pytest.fixture
def two_meetings(secretary):
    body = MeetingFactory().body
    MembershipFactory(body=body, person=PersonFactory(user=None), start_date=datetime.date(2030, 1, 1), end_date=None)
    first = MeetingFactory(body=body, date=datetime.date(2030, 3, 6))
    second = MeetingFactory(body=body, date=datetime.date(2030, 4, 24))
    later = MeetingFactory(body=body, date=datetime.date(2030, 9, 1))
    matter = Matter.objects.create(body=body, title="Vårdval rehab")
    item = AgendaItemFactory(meeting=first, order=1, matter=matter, title="Vårdval rehab")
    position = Position.objects.create(body=body, item=item, matter=matter, taken_on=first.date,
                                       text="SRO ger VGR i uppdrag att utreda.")  # fmt: skip
    due = Assignment.objects.create(
        body=body,
        position=position,
        matter=matter,
        assignees="VGR",
        description="Utreda vårdval rehab.",
        due_date=datetime.date(2030, 4, 20),
    )
    not_yet = Assignment.objects.create(body=body, position=position, assignees="Västkom", description="Senare.",
                                        due_meeting=later)  # fmt: skip
    return {"body": body, "second": second, "later": later, "matter": matter, "due": due, "not_yet": not_yet}


def test_an_assignment_due_before_a_meeting_is_offered_there_and_its_report_back_closes_it(
    two_meetings, client, secretary, chair
):
    second, due = two_meetings["second"], two_meetings["due"]
    assert assignments_due_for(meeting=second) == [due]
    client.force_login(secretary)
    page = client.get(reverse("staff:meeting", kwargs={"pk": second.pk})).content.decode()
    assert "Uppdrag att återrapportera" in page and "Utreda vårdval rehab." in page and "Senare." not in page

    response = client.post(reverse("staff:assignment_report", kwargs={"pk": second.pk, "assignment_pk": due.pk}))
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=second, title="Återrapportering: Utreda vårdval rehab")
    due.refresh_from_db()
    assert due.report_item == item and due.status == Assignment.Status.OPEN
    assert item.matter == two_meetings["matter"]
    assert assignments_due_for(meeting=second) == []  # offered once

    # The meeting is held, its notes approved: the assignment is reported back, and the matter shows it.
    MembershipFactory(body=second.body, person=PersonFactory(user=chair), role="chair",
                      start_date=datetime.date(2030, 1, 1), end_date=None)  # fmt: skip
    minutes = minutes_services.minutes_start(meeting=second, by=secretary)
    with time_machine.travel(meeting_start(second) + datetime.timedelta(hours=3)):  # the afternoon it is held
        minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary)
        minutes_services.minutes_approve(minutes=minutes, by=chair, password="correct-horse-battery")
    due.refresh_from_db()
    assert due.status == Assignment.Status.REPORTED
    timeline = matter_timeline(matter=two_meetings["matter"], public=False)
    assert ("report", "Återrapporterat", "Återrapportering: Utreda vårdval rehab") in [
        (e.kind, e.label, e.text) for e in timeline
    ]
    matter_page = client.get(reverse("staff:matter", kwargs={"pk": two_meetings["matter"].pk})).content.decode()
    assert "Återrapporterat" in matter_page


def test_the_assignment_list_sorts_by_urgency(two_meetings, client, secretary, monkeypatch):
    from meetings.views.staff import registers

    monkeypatch.setattr(registers.timezone, "localdate", lambda: datetime.date(2030, 4, 22))
    client.force_login(secretary)
    overview = client.get(reverse("staff:assignments")).context["overview"]
    assert overview.next_meeting == two_meetings["second"]
    assert overview.overdue == [two_meetings["due"]]
    assert overview.later == [two_meetings["not_yet"]]


def test_the_annual_plan_ends_the_demo_notice_as_the_real_one_does(demo):
    meeting = Meeting.objects.get(date=datetime.date(2025, 3, 6))
    plan = notice_context(meeting=meeting)["annual_plan"]
    assert plan.heading == "Årshjul 2025"
    assert [c.heading for c in plan.columns] == [
        "24 april 2025", "21 augusti 2025", "1 september 2025", "16 oktober 2025", "13 november 2025"
    ]  # fmt: skip
    [table] = plan.tables  # the coming meetings, one table: no quarter is planned
    processen = next(row for row in table.rows if row[0] and row[0].label.startswith("Processen"))
    assert [e.topic if e else None for e in processen] == [
        "Information om nuläge", "Information om nuläge", "Ställningstagande till förslag", None, None
    ]  # fmt: skip
    text = pdf_text(notice_pdf(meeting=meeting))
    columns = "24 april 2025 21 augusti 2025 1 september 2025 16 oktober 2025 13 november 2025"
    assert f"Årshjul 2025: Närmaste arbetsåret {columns}" in text
    assert "Vårdinformationsmiljö: Lägesbeskrivning" in text
    assert "Förstudie uppföljning god och nära vård: Slutrapport" in text
    assert text.index("Övrig information utan föredragning") < text.index("Årshjul 2025") < text.index("Välkommen")


def test_a_quarter_with_no_meeting_yet_is_in_the_grid_of_its_year(two_meetings):
    body = two_meetings["body"]
    services.plan_entry_add(body=body, topic="Budgetdialog", year=2030, quarter=4)
    services.plan_entry_add(body=body, matter=two_meetings["matter"], topic="Slutrapport",
                            meeting=two_meetings["later"])  # fmt: skip
    plan = annual_plan(body=body, after=datetime.date(2030, 5, 1))
    # The meeting's table, then 2030's quarters still to come (Q2 ends after 1 May) as the grid's columns.
    assert [c.heading for c in plan.columns] == ["1 september 2030", "Q2 2030", "Q3 2030", "Q4 2030"]
    assert [e.label for c in plan.columns for e in c.entries] == ["Vårdval rehab: Slutrapport", "Budgetdialog"]
    with pytest.raises(ServiceError, match="Välj ett möte eller ett kvartal"):
        services.plan_entry_add(body=body, topic="x")


def test_the_meeting_plan_creates_the_year_and_refuses_bad_dates_in_swedish(client, secretary, demo):
    client.force_login(secretary)
    url = reverse("staff:meeting_plan")
    bad = client.post(url, {"dates": "2027-02-04\n4 mars", "start_time": "13:30", "end_time": "15:30",
                            "form": "digital", "location": "Teamsmöte"})  # fmt: skip
    assert bad.status_code == 400
    assert "Inte datum: 4, mars." in bad.content.decode() and "2027-02-04" in bad.content.decode()
    good = client.post(url, {"dates": "2027-02-04\n2027-04-22\n2025-03-06", "start_time": "13:30",
                             "end_time": "15:30", "form": "digital", "location": "Teamsmöte"})  # fmt: skip
    assert good.status_code == 302
    planned = Meeting.objects.filter(date__year=2027).order_by("date")
    assert [m.date for m in planned] == [datetime.date(2027, 2, 4), datetime.date(2027, 4, 22)]
    assert all(m.status == Meeting.Status.PLANNED and m.agenda_items.filter(standing="opening") for m in planned)
    assert Meeting.objects.filter(date=datetime.date(2025, 3, 6)).count() == 1


def test_a_cancelled_meeting_moves_its_items_and_plan_to_another(two_meetings, secretary):
    second, later = two_meetings["second"], two_meetings["later"]
    item = AgendaItemFactory(meeting=second, order=5, title="Ska flyttas")
    entry = AnnualPlanEntry.objects.create(body=second.body, meeting=second, topic="Planerat")
    services.meeting_cancel(meeting=second, by=secretary, reason="För få ärenden.", move_to=later)
    second.refresh_from_db()
    item.refresh_from_db()
    entry.refresh_from_db()
    assert second.status == Meeting.Status.CANCELLED
    assert item.meeting == later and entry.meeting == later
    assert second.log.filter(action="meeting_cancelled").exists()
    with pytest.raises(ServiceError, match="redan inställt"):
        services.meeting_cancel(meeting=second, by=secretary)


def test_the_item_form_names_a_matter_new_or_existing(client, secretary, two_meetings):
    client.force_login(secretary)
    second = two_meetings["second"]
    page = client.get(reverse("staff:item_create", kwargs={"pk": second.pk})).content.decode()
    assert '<option value="Vårdval rehab">' in page
    data = {"kind": "information", "title": "Rehab", "matter_title": "vårdval rehab", "show_time": "on"}
    client.post(reverse("staff:item_create", kwargs={"pk": second.pk}), data)
    assert AgendaItem.objects.get(title="Rehab").matter == two_meetings["matter"]
    assert Matter.objects.filter(body=second.body).count() == 1


def test_the_public_timeline_shows_assignments_as_the_approved_notes_gave_them_never_a_draft(demo, client, secretary):
    from meetings.services.minutes import assignment_add, freeze

    matter = Matter.objects.get(title="Partsgemensamt utvecklingsarbete kring patientsäkerhet")
    url = reverse("public:matter", kwargs={"pk": matter.pk})
    given = Assignment.objects.get(matter=matter)
    approved = f"{given.assignees}: {given.description}"

    def assignments_shown() -> list[str]:
        page = client.get(url).content.decode()
        events = re.findall(r'<li class="timeline-event timeline-assignment">(.*?)</li>', page, re.S)
        return [" ".join(re.sub(r"<[^>]+>", " ", event).split()).split(" – Uppdrag ", 1)[1] for event in events]

    assert [a.startswith(approved) for a in assignments_shown()] == [True]  # given at the meeting of 30 January
    Assignment.objects.filter(pk=given.pk).update(description="Ändrad efter godkännandet.")
    assert [a.startswith(approved) for a in assignments_shown()] == [True]  # the public reads it as approved

    # A correction adds an assignment: nobody outside sees it until the corrected notes are published.
    minutes = Minutes.objects.get(meeting__date=datetime.date(2025, 1, 30))
    minutes_services.minutes_correct(minutes=minutes, by=secretary, reason="Ett uppdrag saknades.")
    note = minutes.item_notes.get(item=given.position.item)
    assignment_add(note=note, assignees="Västkom", description="Sammanställa kommunernas synpunkter.", by=secretary)
    assert len(assignments_shown()) == 1 and "Västkom: Sammanställa" not in " ".join(assignments_shown())
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    minutes.refresh_from_db()
    freeze(minutes=minutes, approved_by=None, approved_by_name="Johnny Magnusson", now=timezone.now())
    assert len(assignments_shown()) == 1  # approved, not yet published
    minutes_services.minutes_publish(minutes=minutes, by=secretary, alert=False)
    shown = " ".join(assignments_shown())
    assert "Västkom: Sammanställa kommunernas synpunkter." in shown and "Ändrad efter godkännandet." in shown


def test_notes_approved_before_the_upgrade_get_the_assignments_that_existed_when_they_were_approved(demo, secretary):
    import importlib

    from django.apps import apps

    from meetings import integrity

    upgrade = importlib.import_module("meetings.migrations.0033_assignments_given_as_approved")
    given = Assignment.objects.get(matter__title="Partsgemensamt utvecklingsarbete kring patientsäkerhet")
    copy = Position.objects.select_related("minutes_version").get(item=given.position.item,
                                                                  minutes_version__isnull=False)  # fmt: skip
    approved_at = copy.minutes_version.approved_at
    later = Assignment.objects.create(body=given.body, position=given.position, assignees="Västkom",
                                      description="Given efter godkännandet.")  # fmt: skip
    with integrity.guard_disabled():
        Position.objects.filter(pk=copy.pk).update(assignments_given=[])  # as before the upgrade
        Assignment.objects.filter(pk=given.pk).update(created_at=approved_at - datetime.timedelta(days=2))
        Assignment.objects.filter(pk=later.pk).update(created_at=approved_at + datetime.timedelta(days=2))
        upgrade.given_as_approved(apps, None)
    copy.refresh_from_db()
    assert copy.assignments_given == [Assignment.objects.get(pk=given.pk).record()]


def test_the_public_register_filters_by_a_public_matter_and_offers_no_other(demo, client):
    from meetings.services.positions import matter_for_title

    matter = Matter.objects.get(title="Partsgemensamt utvecklingsarbete kring patientsäkerhet")
    other = Position.objects.exclude(matter=matter).filter(matter__isnull=False, minutes_version__isnull=False).first()
    page = client.get(reverse("public:positions"), {"matter": matter.pk}).content.decode()
    options = dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page.split('name="matter"')[1]
                              .split("</select>")[0]))  # fmt: skip
    assert options[str(matter.pk)] == matter.title and f'<option value="{matter.pk}" selected>' in page
    listed = re.findall(r'<a href="/matters/(\d+)/">', page.split('<ul class="list-unstyled">')[1])
    assert listed and set(listed) == {str(matter.pk)}
    assert other.matter.title not in page.split('<ul class="list-unstyled">')[1]

    unknown = matter_for_title(body=matter.body, title="Ännu inte behandlad fråga")  # public nowhere yet
    assert str(unknown.pk) not in options
    refused = client.get(reverse("public:positions"), {"matter": unknown.pk, "year": "2025"})
    assert refused.status_code == 200 and "Välj ett giltigt alternativ" in refused.content.decode()
    assert '<option value="2025" selected>' in refused.content.decode()  # what was chosen is kept


def test_the_years_of_positions_are_those_the_reader_sees_newest_first(demo, secretary):
    """Read a year at a time from the newest (one probe a year): the same years as a look at every position."""
    demo_years = {d.year for d in visible_positions(body=demo, public=True).dates("taken_on", "year")}
    other = BodyFactory(name="Annat organ", short_name="AO", slug="ao")
    for body, how, day in [(demo, "per_capsulam", datetime.date(2019, 12, 31)),
                           (demo, "chair_decision", datetime.date(2019, 1, 1)),
                           (demo, "per_capsulam", datetime.date(2017, 1, 1)),
                           (other, "per_capsulam", datetime.date(2018, 6, 1))]:  # fmt: skip
        services.position_record(body=body, how=how, taken_on=day, text="SRO ställer sig bakom.", by=secretary)
    # Taken at a meeting whose notes are not approved: the secretary sees its year, the public does not.
    unapproved = MeetingFactory(body=demo, date=datetime.date(2016, 5, 5))
    PositionFactory(body=demo, item=AgendaItemFactory(meeting=unapproved))

    assert position_years(body=demo, public=True) == sorted(demo_years | {2019, 2017}, reverse=True)
    assert position_years(body=other, public=True) == [2018]
    assert position_years(body=BodyFactory(name="Nytt organ", short_name="NO", slug="no"), public=True) == []
    assert 2016 in position_years(body=demo) and 2016 not in position_years(body=demo, public=True)
    for body in (demo, other, None):
        for public in (True, False):
            every = visible_positions(body=body, public=public).dates("taken_on", "year", order="DESC")
            assert position_years(body=body, public=public) == [d.year for d in every]


def test_the_register_names_a_meeting_by_the_date_its_approved_notes_froze(demo, client):
    from meetings.dates import long_date

    position = positions_queryset(body=demo, public=True).filter(how=Position.How.MEETING).first()
    approved = position.agenda_meeting_date
    assert approved == position.taken_on
    moved = approved + datetime.timedelta(days=1)
    with guard_disabled():  # edited after the approval, as could be done before the database refused it (0037)
        Meeting.objects.filter(pk=position.agenda_meeting_id).update(date=moved)
    page = client.get(reverse("public:positions") + f"?year={approved.year}").content.decode()
    assert f'href="/meetings/{position.agenda_meeting_id}/">Möte {long_date(approved)}</a>' in page
    assert f"Möte {long_date(moved)}" not in page


def test_the_registers_filters_take_a_listed_year_and_matter_and_refuse_others_in_swedish(demo):
    from meetings.forms import PositionFilterForm
    from meetings.selectors.registers import public_matters

    matter = public_matters(body=demo).order_by("title").first()
    form = PositionFilterForm({"year": "2022", "matter": str(matter.pk)}, body=demo, years=[2025, 2022],
                              matters=public_matters(body=demo))  # fmt: skip
    assert form.is_valid() and form.filters()["matter"] == matter.pk and form.filters()["year"] == 2022
    assert f'<option value="{matter.pk}" selected>{matter.title}</option>' in str(form["matter"])
    wrong = PositionFilterForm({"year": "2019", "matter": "999999"}, body=demo, years=[2025, 2022],
                               matters=public_matters(body=demo))  # fmt: skip
    assert not wrong.is_valid() and wrong.filters() == {}
    assert "Välj ett giltigt alternativ" in wrong.errors["year"][0] and "999999" in wrong.errors["matter"][0]
