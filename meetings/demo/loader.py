"""Load the real SRO (organisation, members, the notice of 6 March 2025, the notes of 19 October 2022).

Idempotent: people, organisations and memberships are updated in place; a demo meeting that already
exists is left as it is, so nothing a secretary has done to it is overwritten.
"""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from meetings.demo import minutes_2022, minutes_2025_01, notice_2025
from meetings.demo.organisation import (
    BODY,
    GUESTS,
    MEMBERSHIPS_2019_2022,
    MEMBERSHIPS_2023_2026,
    ORGANISATIONS,
    PARTIES,
    T1_END,
    T1_START,
    TERMS,
)
from meetings.models import (
    AgendaItem,
    AnnualPlanEntry,
    Assignment,
    Attachment,
    Attendance,
    Invitation,
    ItemNote,
    Matter,
    Meeting,
    Minutes,
    Position,
    Presenter,
    QuestionAnswer,
    Substitution,
    YearlyReview,
)
from meetings.roles import CHAIR, SECRETARY
from meetings.sanitize import html_to_text, text_to_html
from meetings.services import minutes as minutes_services
from meetings.services import notices as notice_services
from meetings.services import review as review_services
from meetings.services.agenda import meeting_create
from members.models import Body, Membership, Organisation, Party, Person, Term
from members.selectors import called_memberships

DEMO_USERS = [
    # username, password, group, person, superuser
    ("sekreterare", "demo-sekreterare", SECRETARY, ("Rebecca", "Bretvold"), False),
    ("ordforande", "demo-ordforande", CHAIR, ("Helén", "Eliasson"), False),
    ("admin", "demo-admin", None, None, True),
]


class DemoLoader:
    def __init__(self):
        self.parties: dict[str, Party] = {}
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[tuple[str, str], Person] = {}
        self.terms: dict[str, Term] = {}
        self.matters: dict[str, Matter] = {}

    @transaction.atomic
    def load(self) -> Body:
        self.body, _ = Body.objects.update_or_create(short_name=BODY["short_name"], defaults=BODY)
        for abbreviation, name in PARTIES:
            self.parties[abbreviation], _ = Party.objects.update_or_create(
                abbreviation=abbreviation, defaults={"name": name}
            )
        self._organisations()
        for name, start, end in TERMS:
            self.terms[name], _ = Term.objects.update_or_create(
                name=name, defaults={"start_date": start, "end_date": end}
            )
        for first, last, party, org, title in GUESTS:
            self._person(first, last, party, org, title)
        for index, row in enumerate(MEMBERSHIPS_2019_2022):
            self._membership(*row, T1_START, T1_END, self.terms["2019–2022"], order=index)
        for index, row in enumerate(MEMBERSHIPS_2023_2026):
            self._membership(*row, self.terms["2023–2026"], order=index)
        self._notice_2025()
        self._minutes_2022()
        self._minutes_2025_01()
        self._review_2022()
        return self.body

    def _review_2022(self):
        """The review of 2022 as the portal builds it from the 2022 record alone: no picks and no words of
        the secretary's are invented, so those parts say that nothing is picked yet."""
        review, created = YearlyReview.objects.get_or_create(body=self.body, year=2022)
        if created:
            review_services.review_publish(review=review, by=None)

    def _organisations(self):
        # Parents first: a child names its parent by key.
        for key, (name, common, short, kind, parent) in sorted(ORGANISATIONS.items(), key=lambda kv: kv[1][4] or ""):
            self.orgs[key], _ = Organisation.objects.update_or_create(
                name=name,
                defaults={
                    "common_name": common,
                    "short_name": short,
                    "kind": kind,
                    "parent": self.orgs[parent] if parent else None,
                },
            )

    def _person(self, first, last, party=None, org=None, title="") -> Person:
        defaults = {"party": self.parties[party] if party else None}
        if org:
            defaults["organisation"] = self.orgs[org]
        if title:
            defaults["title"] = title
        person, _ = Person.objects.update_or_create(first_name=first, last_name=last, defaults=defaults)
        self.people[(first, last)] = person
        return person

    def _membership(self, first, last, party, side, category, org, role, title, start, end, term, order):
        person = self._person(first, last, party, org)
        Membership.objects.update_or_create(
            body=self.body,
            person=person,
            start_date=start,
            defaults={
                "term": term,
                "end_date": end,
                "side": side,
                "category": category,
                "organisation": self.orgs[org],
                "role": role,
                "title": title,
                "sort_order": order,
            },
        )

    def _matter(self, title: str | None) -> Matter | None:
        if not title:
            return None
        if title not in self.matters:
            self.matters[title], _ = Matter.objects.get_or_create(body=self.body, title=title)
        return self.matters[title]

    def _meeting(self, data) -> tuple[Meeting, bool]:
        return Meeting.objects.get_or_create(
            body=self.body, date=data["date"], start_time=data["start_time"], defaults=data
        )

    def _agenda(self, meeting, agenda) -> list[tuple[AgendaItem, dict]]:
        """Create the items; return each with its data, in order, sub-items after their item."""
        created = []
        for order, data in enumerate(agenda, start=1):
            item = self._item(meeting, data, order, parent=None)
            created.append((item, data))
            for child_order, child in enumerate(data.get("children", []), start=1):
                created.append((self._item(meeting, child, child_order, parent=item), child))
        return created

    def _item(self, meeting, data, order, parent) -> AgendaItem:
        item = AgendaItem.objects.create(
            meeting=meeting,
            parent=parent,
            order=order,
            kind=data["kind"],
            kind_note=data.get("kind_note", ""),
            standing=data.get("standing", ""),
            title=data["title"],
            duration_minutes=data.get("minutes"),
            show_time=data.get("show_time", True),
            body=data.get("body", ""),
            proposals=[text_to_html(data["proposal"], data.get("clauses", []))] if data.get("proposal") else [],
            matter=self._matter(data.get("matter")),
        )
        for index, (first, last, description) in enumerate(data.get("presenters", [])):
            Presenter.objects.create(item=item, person=self.people[(first, last)], description=description, order=index)
        for index, title in enumerate(data.get("attachments", [])):
            self._attachment(item, title, index)
        return item

    def _attachment(self, item, title, order):
        content = _placeholder_pdf(title)
        attachment = Attachment(
            item=item,
            title=title,
            order=order,
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        attachment.file.save(title, ContentFile(content), save=False)
        attachment.save()

    def _invite(self, meeting, invited):
        for index, (first, last, description, *_rest) in enumerate(invited):
            Invitation.objects.create(
                meeting=meeting, person=self.people[(first, last)], description=description, order=index
            )

    def _notice_2025(self):
        meeting, created = self._meeting(notice_2025.MEETING)
        if not created:
            return
        self._invite(meeting, notice_2025.INVITED)
        for substitute, replaces in notice_2025.SUBSTITUTIONS:
            Substitution.objects.create(
                meeting=meeting, substitute=self.people[substitute], replaces=self.people[replaces]
            )
        self._agenda(meeting, notice_2025.AGENDA)
        self._annual_plan_2025(meeting)
        sent = timezone.make_aware(datetime.datetime(2025, 2, 20, 9, 0))
        # Frozen as the notice service freezes a sending (without the mail), then published.
        notice_services.notice_dispatch_create(meeting=meeting, version=1, by=None, now=sent,
                                               recipients=notice_services.notice_recipients(meeting))  # fmt: skip
        Meeting.objects.filter(pk=meeting.pk).update(notice_sent_at=sent, notice_version=1, notice_published_at=sent)

    def _annual_plan_2025(self, notice_meeting):
        """The meetings planned for the rest of 2025, and what is planned for each (item 10 of the notice)."""
        for day, planned in notice_2025.ANNUAL_PLAN_2025:
            meeting = meeting_create(body=self.body, date=day, start_time=notice_meeting.start_time,
                                     end_time=notice_meeting.end_time, form=notice_meeting.form,
                                     location=notice_meeting.location)  # fmt: skip
            for order, (matter, topic) in enumerate(planned, start=1):
                AnnualPlanEntry.objects.create(body=self.body, meeting=meeting, matter=self._matter(matter),
                                               topic=topic, order=order)  # fmt: skip

    def _minutes_2022(self):
        data = minutes_2022
        meeting, created = self._meeting(data.MEETING)
        if not created:
            return
        self._invite(meeting, data.INVITED)
        items = self._agenda(meeting, data.AGENDA)
        # Written as a draft, then approved and published the way the chair's approval does it,
        # so the demo notes have their frozen PDF and hash like any other.
        minutes = Minutes.objects.create(meeting=meeting)
        self._attendance(minutes, data)
        for item, item_data in items:
            self._item_notes(minutes, item, item_data)
        approved_at = timezone.make_aware(data.APPROVED_AT)
        minutes_services.freeze(
            minutes=minutes, approved_by=None, approved_by_name=" ".join(data.APPROVED_BY), now=approved_at
        )
        minutes_services.minutes_publish(minutes=minutes, by=None, now=approved_at)

    def _minutes_2025_01(self):
        """The notes of 30 January 2025: the position and assignment that item 5 of 6 March reports back on."""
        data = minutes_2025_01
        meeting, created = self._meeting(data.MEETING)
        if not created:
            return
        item = AgendaItem.objects.create(meeting=meeting, order=1, kind=data.ITEM["kind"], title=data.ITEM["title"],
                                         matter=self._matter(data.MATTER))  # fmt: skip
        minutes = Minutes.objects.create(meeting=meeting)
        ItemNote.objects.create(minutes=minutes, item=item)
        position = Position.objects.create(body=self.body, how=Position.How.MEETING, taken_on=meeting.date, item=item,
                                           matter=item.matter, text=data.ITEM["position"],
                                           text_html=text_to_html(data.ITEM["position"]))  # fmt: skip
        report = AgendaItem.objects.get(meeting__date=notice_2025.MEETING["date"], title=data.ITEM["title"])
        Assignment.objects.create(body=self.body, position=position, matter=item.matter, due_meeting=report.meeting,
                                  report_item=report, **data.ASSIGNMENT)  # fmt: skip
        approved_at = timezone.make_aware(data.APPROVED_AT)
        minutes_services.freeze(minutes=minutes, approved_by=None, approved_by_name=" ".join(data.APPROVED_BY),
                                now=approved_at)  # fmt: skip
        minutes_services.minutes_publish(minutes=minutes, by=None, now=approved_at)

    def _attendance(self, minutes, data):
        order = 0
        for membership in called_memberships(body=self.body, on=minutes.meeting.date):
            key = (membership.person.first_name, membership.person.last_name)
            status, note, substitute = data.ATTENDANCE_EXCEPTIONS.get(key, ("present", "", None))
            Attendance.objects.create(
                minutes=minutes,
                person=membership.person,
                membership=membership,
                status=status,
                note=note,
                substitute=self.people[substitute] if substitute else None,
                order=order,
            )
            order += 1
        for first, last, _description, present in data.INVITED:
            Attendance.objects.create(
                minutes=minutes,
                person=self.people[(first, last)],
                status="present" if present else "absent",
                order=order,
            )
            order += 1

    def _item_notes(self, minutes, item, data):
        if any(key in data for key in ("notes", "questions", "notes_after")):
            note = ItemNote.objects.create(
                minutes=minutes, item=item, text=data.get("notes", ""), closing_text=data.get("notes_after", "")
            )
            for index, (question, answer) in enumerate(data.get("questions", [])):
                QuestionAnswer.objects.create(note=note, order=index, question=question, answer=answer)
        if "position" in data:
            Position.objects.create(
                body=self.body,
                how=Position.How.MEETING,
                taken_on=minutes.meeting.date,
                item=item,
                matter=item.matter,
                # The real notes list a position's clauses as bullets ("o").
                text_html=(html := text_to_html(data["position"], data.get("clauses", []), bullets=True)),
                text=html_to_text(html),
                notes_information=data.get("noted", False),
            )


def _placeholder_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a real attachment, whose content the seeds do not hold."""
    from weasyprint import HTML

    html = (
        '<html lang="sv"><head><title>{0}</title></head><body>'
        "<h1>{0}</h1><p>Demobilaga: originalet finns inte i demodata.</p></body></html>"
    ).format(title.replace("&", "&amp;").replace("<", "&lt;"))
    return HTML(string=html).write_pdf()


def create_demo_users() -> list[tuple[str, str, str]]:
    """Create (or reset) the local demo accounts; returns (username, password, role) for the console."""
    User = get_user_model()
    created = []
    for username, password, group_name, person_key, superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        if group_name:
            user.groups.set([Group.objects.get(name=group_name)])
        if person_key:
            Person.objects.filter(user=user).update(user=None)
            Person.objects.filter(first_name=person_key[0], last_name=person_key[1]).update(user=user)
        created.append((username, password, group_name or "superuser"))
    return created
