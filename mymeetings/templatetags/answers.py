from django import template

from meetings.models import NoticeReply, Substitution

register = template.Library()


@register.simple_tag
def my_answer(meeting, person):
    """The member's answer to the meeting's notice and the substitute named, for the meeting's page."""
    reply = NoticeReply.objects.filter(meeting_id=meeting.pk, person=person).first()
    substitution = Substitution.objects.filter(meeting_id=meeting.pk, replaces=person).select_related("substitute")
    return {"reply": reply, "substitution": substitution.first()}
