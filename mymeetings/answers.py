"""A called member answers the notice in "Mina möten": whether they come, and if not, who of their organisation comes
in their place. Kept apart from the area's other views (``mymeetings.views``)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import NoticeReply, Substitution
from meetings.services import ServiceError
from meetings.services import replies as reply_services
from mymeetings import selectors
from mymeetings.views import member_required


class AnswerForm(forms.Form):
    attending = forms.TypedChoiceField(
        label=gettext_lazy("Do you come to the meeting?"),
        choices=[("yes", gettext_lazy("Yes, I come")), ("no", gettext_lazy("No, I cannot come"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    substitute = forms.ModelChoiceField(
        label=gettext_lazy("Who comes in your place"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Nobody"),
        help_text=gettext_lazy("Someone of the organisation you represent; they are called and mailed the notice."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        from members.models import Person

        self.fields["substitute"].queryset = Person.objects.filter(pk__in=[p.pk for p in candidates]).order_by(
            "first_name", "last_name"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attending"):
            cleaned["substitute"] = None
        return cleaned


def _answerable(person, pk):
    """The meeting as the member reads it and their seat on its date; 404 for anyone not called in their own right
    (a guest, a substitute, someone not entitled to the meeting at all)."""
    mine = selectors.my_meeting(person, pk)
    if mine is None:
        raise Http404
    membership = reply_services.called_membership(meeting=mine.meeting, person=person)
    if membership is None:
        raise Http404
    return mine, membership


@member_required
def answer(request, person, pk):
    mine, membership = _answerable(person, pk)
    meeting = mine.meeting
    candidates = reply_services.substitute_candidates(meeting=meeting, membership=membership)
    reply = NoticeReply.objects.filter(meeting_id=meeting.pk, person=person).first()
    substitution = Substitution.objects.filter(meeting_id=meeting.pk, replaces=person).first()
    initial = {}
    if reply is not None:
        initial = {"attending": "yes" if reply.attending else "no",
                   "substitute": substitution.substitute_id if substitution else None}  # fmt: skip
    form = AnswerForm(request.POST or None, candidates=candidates, initial=initial)
    closed = reply_services.meeting_begun(meeting) or meeting.status == meeting.Status.CANCELLED
    status = 200
    if request.method == "POST" and not closed:
        if form.is_valid():
            try:
                reply_services.notice_reply(meeting=meeting, person=person, attending=form.cleaned_data["attending"],
                                            substitute=form.cleaned_data["substitute"], by=request.user)  # fmt: skip
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you: your answer is saved."))
                return redirect("mymeetings:meeting", pk=meeting.pk)
        status = 400
    elif request.method == "POST":
        status = 400
    return render(request, "mymeetings/answer.html", {
        "person": person, "meeting": meeting, "membership": membership, "form": form, "reply": reply,
        "substitution": substitution, "closed": closed,
    }, status=status)  # fmt: skip
