"""Who may do what, and access helpers that fetch an object for a user or raise."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from meetings.models import AgendaItem, Meeting
from meetings.roles import bodies_for

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


def secretary_bodies(user):
    """The bodies whose meetings ``user`` keeps: where she holds the secretary's role (every body for an
    administrator). Another body's meeting, item, notes or register entry does not exist for her (404)."""
    return bodies_for(user, "secretary")


def meeting_for_secretary(user, pk) -> Meeting:
    if not can_draft_notice(user):
        raise PermissionDenied
    meetings = Meeting.objects.select_related("body", "minutes").filter(body__in=secretary_bodies(user))
    return get_object_or_404(meetings, pk=pk)


def item_for_secretary(user, pk) -> AgendaItem:
    if not can_draft_notice(user):
        raise PermissionDenied
    items = AgendaItem.objects.select_related("meeting", "meeting__body", "parent")
    return get_object_or_404(items.filter(meeting__body__in=secretary_bodies(user)), pk=pk)


def minutes_for_secretary(user, pk):
    from meetings.models import Minutes

    if not can_draft_notice(user):
        raise PermissionDenied
    minutes = Minutes.objects.select_related("meeting", "meeting__body")
    return get_object_or_404(minutes.filter(meeting__body__in=secretary_bodies(user)), pk=pk)


def in_secretary_bodies(user, queryset, *, path: str = "body"):
    """``queryset`` narrowed to the bodies ``user`` keeps (``path`` names the body from its rows)."""
    return queryset.filter(**{f"{path}__in": secretary_bodies(user)})


WORKING_BODY = "staff_body"  # the session's key: the body the secretary's register pages are about


def working_body(request):
    """The body a secretary's lists and new entries are about: the one she chose (``choose_body``) among hers,
    else the first of hers. She holds the role in none: 403."""
    bodies = list(secretary_bodies(request.user).order_by("pk"))
    chosen = request.session.get(WORKING_BODY)
    body = next((b for b in bodies if b.pk == chosen), bodies[0] if bodies else None)
    if body is None:
        raise PermissionDenied
    request.staff_bodies, request.working_body = bodies, body  # for the menu's choice of body
    return body


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
