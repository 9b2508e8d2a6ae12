"""The expected attendance of a meeting, from the called members' answers to its notice."""

from dataclasses import dataclass, field

from meetings.models import Meeting, NoticeReply
from members.models import Membership, Person
from members.selectors import called_memberships


@dataclass
class Answer:
    membership: Membership
    reply: NoticeReply | None = None
    substitute: Person | None = None


@dataclass
class ExpectedAttendance:
    coming: list[Answer] = field(default_factory=list)
    not_coming: list[Answer] = field(default_factory=list)
    unanswered: list[Answer] = field(default_factory=list)

    @property
    def called(self) -> int:
        return len(self.coming) + len(self.not_coming) + len(self.unanswered)

    @property
    def expected(self) -> int:
        """The called who said they come or did not answer, and the substitutes named."""
        substitutes = sum(1 for answer in self.not_coming if answer.substitute is not None)
        return len(self.coming) + len(self.unanswered) + substitutes


def expected_attendance(*, meeting: Meeting) -> ExpectedAttendance:
    """Each member called on the meeting's date with their answer, if any, and the substitute they (or the
    secretary) named. Three queries."""
    replies = {r.person_id: r for r in NoticeReply.objects.filter(meeting=meeting)}
    substitutes = {s.replaces_id: s.substitute for s in meeting.substitutions.select_related("substitute")}
    result = ExpectedAttendance()
    for membership in called_memberships(body=meeting.body, on=meeting.date):
        reply = replies.get(membership.person_id)
        answer = Answer(membership, reply, substitutes.get(membership.person_id))
        if answer.substitute is not None or (reply is not None and not reply.attending):
            result.not_coming.append(answer)
        elif reply is not None:
            result.coming.append(answer)
        else:
            result.unanswered.append(answer)
    return result
