"""Load the real SRO (organisation, members, the notice of 6 March 2025, the notes of 19 October 2022).

Idempotent: people, organisations and memberships are updated in place; a demo meeting that already
exists is left as it is, so nothing a secretary has done to it is overwritten.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from meetings import hooks
from meetings.demo import minutes_2022, minutes_2025_01, notice_2025, plan_2023
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
from meetings.documents import read_missing
from meetings.models import AgendaItem, Assignment, Matter, Meeting, YearlyReview
from meetings.roles import ROLE_GROUPS, grant
from meetings.sanitize import text_to_html
from meetings.services import minutes as minutes_services
from meetings.services import notices as notice_services
from meetings.services import review as review_services
from meetings.services.agenda import (
    agenda_item_delete,
    agenda_item_save,
    attachment_add,
    invitation_add,
    meeting_create,
    presenter_add,
    substitution_add,
)
from meetings.services.positions import meeting_cancel, meeting_plan_create, plan_entry_add
from members.models import Body, Membership, Organisation, Party, Person, Term

DEMO_USERS = [
    # username, password, role in SRO, person, superuser
    ("sekreterare", "demo-sekreterare", "secretary", ("Rebecca", "Bretvold"), False),
    ("ordforande", "demo-ordforande", "chair", ("Helén", "Eliasson"), False),
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
        hooks.call("demo_recommendations", body=self.body)  # the recommendation of those notes (seed 004)
        self._minutes_2025_01()
        self._meetings_2023()
        self._review_2022()
        read_missing()  # the attachments' text for search, as the worker reads it after an upload
        return self.body

    def _meetings_2023(self):
        """The year's meetings as "Planera årets möten" makes them; the January meeting cancelled."""
        data = plan_2023
        meeting_plan_create(body=self.body, dates=data.DATES, start_time=data.START, end_time=data.END,
                            form=Meeting.Form.IN_PERSON, location=data.LOCATION, by=None)  # fmt: skip
        january = Meeting.objects.get(body=self.body, date=data.CANCELLED)
        if january.status != Meeting.Status.CANCELLED:
            meeting_cancel(meeting=january, by=None, reason=data.CANCELLED_REASON)

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
        """The meeting as the secretary's "Nytt möte" makes it (with the standing items), or the one already
        loaded (left as it is)."""
        found = Meeting.objects.filter(body=self.body, date=data["date"], start_time=data["start_time"]).first()
        if found is not None:
            return found, False
        meeting = meeting_create(body=self.body, date=data["date"], start_time=data["start_time"],
                                 end_time=data["end_time"], kind=data.get("kind", Meeting.Kind.ORDINARY),
                                 form=data["form"], location=data["location"])  # fmt: skip
        return meeting, True

    def _agenda(self, meeting, agenda) -> list[tuple[AgendaItem, dict]]:
        """The items as the item editor saves them; return each with its data, in order, sub-items after
        their item. The standing items "Nytt möte" made take the document's own wording."""
        created = []
        for data in agenda:
            item = self._item(meeting, data, parent=None)
            created.append((item, data))
            for child in data.get("children", []):
                created.append((self._item(meeting, child, parent=item), child))
        return created

    def _item(self, meeting, data, parent) -> AgendaItem:
        item = None
        if data.get("standing"):
            item = meeting.agenda_items.filter(parent=parent, standing=data["standing"]).first()
        version = item.lock_version if item else None
        item = item or AgendaItem(meeting=meeting, parent=parent, standing=data.get("standing", ""))
        item.kind = data["kind"]
        item.kind_note = data.get("kind_note", "")
        item.title = data["title"]
        item.duration_minutes = data.get("minutes")
        item.show_time = data.get("show_time", True)
        item.body = data.get("body", "")
        item.proposals = [text_to_html(data["proposal"], data.get("clauses", []))] if data.get("proposal") else []
        item.matter = self._matter(data.get("matter"))
        item = agenda_item_save(item=item, loaded_version=version)
        for first, last, description in data.get("presenters", []):
            presenter_add(item=item, person=self.people[(first, last)], description=description)
        for title in data.get("attachments", []):
            self._attachment(item, title)
        return item

    def _attachment(self, item, title):
        content = _placeholder_pdf(title)
        attachment_add(item=item, upload=SimpleUploadedFile(title, content, "application/pdf"),
                       content_type="application/pdf", title=title)  # fmt: skip

    def _invite(self, meeting, invited):
        """The invited in the document's order; a presenter who is not a member is invited by the agenda's
        own rule, and the document lists them all."""
        for first, last, description, *_rest in invited:
            invitation_add(meeting=meeting, person=self.people[(first, last)], description=description)

    def _notice_2025(self):
        meeting, created = self._meeting(notice_2025.MEETING)
        if not created:
            return
        self._invite(meeting, notice_2025.INVITED)
        for substitute, replaces in notice_2025.SUBSTITUTIONS:
            substitution_add(meeting=meeting, substitute=self.people[substitute], replaces=self.people[replaces])
        self._agenda(meeting, notice_2025.AGENDA)
        self._annual_plan_2025(meeting)
        sent = timezone.make_aware(datetime.datetime(2025, 2, 20, 9, 0))
        # Frozen as the notice service freezes a sending (without the mail: the demo's people have no
        # addresses), then published.
        notice_services.notice_dispatch_create(meeting=meeting, version=1, by=None, now=sent,
                                               recipients=notice_services.notice_recipients(meeting))  # fmt: skip
        Meeting.objects.filter(pk=meeting.pk).update(notice_sent_at=sent, notice_version=1, notice_published_at=sent,
                                                     status=Meeting.Status.NOTICE_SENT)  # fmt: skip

    def _annual_plan_2025(self, notice_meeting):
        """The meetings planned for the rest of 2025, and what is planned for each (item 10 of the notice)."""
        for day, planned in notice_2025.ANNUAL_PLAN_2025:
            meeting, _created = self._meeting({**notice_2025.MEETING, "date": day})
            for matter, topic in planned:
                plan_entry_add(body=self.body, meeting=meeting, matter=self._matter(matter), topic=topic)

    def _minutes_2022(self):
        data = minutes_2022
        meeting, created = self._meeting(data.MEETING)
        if not created:
            return
        self._invite(meeting, data.INVITED)
        items = self._agenda(meeting, data.AGENDA)
        # Written as the secretary writes them, then approved and published the way the chair's approval
        # does it, so the demo notes have their frozen PDF and hash like any other.
        minutes = minutes_services.minutes_start(meeting=meeting, by=None)
        self._attendance(minutes, data)
        for item, item_data in items:
            self._item_notes(minutes, item, item_data)
        self._approve(minutes, data)

    def _approve(self, minutes, data):
        approved_at = timezone.make_aware(data.APPROVED_AT)
        minutes_services.minutes_send_to_chair(minutes=minutes, by=None, remind=False)
        minutes.refresh_from_db()
        minutes_services.freeze(minutes=minutes, approved_by=None, approved_by_name=" ".join(data.APPROVED_BY),
                                now=approved_at)  # fmt: skip
        minutes_services.minutes_publish(minutes=minutes, by=None, now=approved_at, alert=False)

    def _minutes_2025_01(self):
        """The notes of 30 January 2025: the position and assignment that item 5 of 6 March reports back on.
        Only that item is known, so the standing items "Nytt möte" adds are taken out again."""
        data = minutes_2025_01
        meeting, created = self._meeting(data.MEETING)
        if not created:
            return
        for standing in meeting.agenda_items.filter(parent=None):
            agenda_item_delete(item=standing)
        [(item, _data)] = self._agenda(meeting, [{**data.ITEM, "matter": data.MATTER}])
        minutes = minutes_services.minutes_start(meeting=meeting, by=None)
        note = minutes.item_notes.get(item=item)
        minutes_services.item_notes_save(note=note, text="", closing_text="", questions=[],
                                         positions=[text_to_html(data.ITEM["position"])], by=None)  # fmt: skip
        report = AgendaItem.objects.get(meeting__date=notice_2025.MEETING["date"], title=data.ITEM["title"])
        minutes_services.assignment_add(note=note, due_meeting=report.meeting, by=None, **data.ASSIGNMENT)
        Assignment.objects.filter(position__item=item).update(report_item=report)
        self._approve(minutes, data)

    def _attendance(self, minutes, data):
        """The notes start with everyone called present and the invited present; the document's absences
        and substitutes are then entered as the attendance form enters them."""
        rows = []
        for attendance in minutes.attendance.select_related("person"):
            key = (attendance.person.first_name, attendance.person.last_name)
            if attendance.membership_id:
                status, note, substitute = data.ATTENDANCE_EXCEPTIONS.get(key, ("present", "", None))
            else:
                present = next(row[3] for row in data.INVITED if (row[0], row[1]) == key)
                status, note, substitute = ("present" if present else "absent"), "", None
            rows.append({"attendance": attendance, "status": status, "note": note,
                         "substitute": self.people[substitute] if substitute else None})  # fmt: skip
        minutes_services.attendance_update(minutes=minutes, rows=rows, by=None)

    def _item_notes(self, minutes, item, data):
        if not any(key in data for key in ("notes", "questions", "notes_after", "position")):
            return
        positions = []
        if "position" in data:
            # The real notes list a position's clauses as bullets ("o").
            positions = [text_to_html(data["position"], data.get("clauses", []), bullets=True)]
        minutes_services.item_notes_save(
            note=minutes.item_notes.get(item=item), text=data.get("notes", ""), closing_text=data.get("notes_after", ""),
            questions=list(data.get("questions", [])), positions=positions, by=None,
        )  # fmt: skip


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
    body = Body.objects.get(short_name=BODY["short_name"])
    for username, password, role, person_key, superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = superuser
        user.set_password(password)
        user.save()
        if role:
            user.staff_roles.exclude(body=body, role=role).delete()
            grant(user, body, role)
        if person_key:
            Person.objects.filter(user=user).update(user=None)
            Person.objects.filter(first_name=person_key[0], last_name=person_key[1]).update(user=user)
        created.append((username, password, ROLE_GROUPS[role] if role else "superuser"))
    return created


DEMO_MEMBER_EMAIL = "ledamot@example.se"


def demo_member() -> Person | None:
    """A member called to the meeting of 6 March 2025, given a made-up address (the register keeps no real
    one): she signs in to "Mina möten" with a link, which the development server prints instead of mailing."""
    on = datetime.date(2025, 3, 6)
    membership = (Membership.objects.on(on).filter(role=Membership.Role.MEMBER, person__user__isnull=True)
                  .select_related("person").order_by("sort_order", "pk").first())  # fmt: skip
    if membership is None:
        return None
    Person.objects.filter(email=DEMO_MEMBER_EMAIL).exclude(pk=membership.person_id).update(email="")
    membership.person.email = DEMO_MEMBER_EMAIL
    membership.person.save(update_fields=["email"])
    return membership.person
