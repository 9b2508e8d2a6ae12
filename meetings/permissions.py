"""Who may do what, and access helpers that fetch an object for a user or raise."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from meetings.models import AgendaItem, Meeting

DRAFT_NOTICE = "meetings.draft_notice"


def can_draft_notice(user) -> bool:
    return user.is_authenticated and user.has_perm(DRAFT_NOTICE)


def secretary_required(view):
    """Anonymous visitors are sent to log in; logged-in people without the secretary's role get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_draft_notice(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def meeting_for_secretary(user, pk) -> Meeting:
    if not can_draft_notice(user):
        raise PermissionDenied
    return get_object_or_404(Meeting.objects.select_related("body", "minutes"), pk=pk)


def item_for_secretary(user, pk) -> AgendaItem:
    if not can_draft_notice(user):
        raise PermissionDenied
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__body", "parent"), pk=pk)


def minutes_for_secretary(user, pk):
    from meetings.models import Minutes

    if not can_draft_notice(user):
        raise PermissionDenied
    return get_object_or_404(Minutes.objects.select_related("meeting", "meeting__body"), pk=pk)


def minutes_for_reviewer(user, pk):
    """The notes for their chair or vice chair; anyone else is told they do not exist (404)."""
    from meetings.models import Minutes
    from meetings.services.minutes import chair_can_approve

    minutes = get_object_or_404(Minutes.objects.select_related("meeting", "meeting__body"), pk=pk)
    if not chair_can_approve(user=user, meeting=minutes.meeting):
        raise Http404
    return minutes


def chair_required(view):
    """Logged in with the chair's role (the approve permission); the notes themselves are checked per meeting."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("meetings.approve_minutes"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
