"""The public website: only published things, through the public selectors."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from meetings.selectors import public_latest_minutes, public_minutes_version, public_upcoming_meetings
from members.models import Body


def home(request):
    body = Body.objects.order_by("pk").first()
    context = {
        "body": body,
        "upcoming": public_upcoming_meetings(body=body, today=timezone.localdate()),
        "latest_minutes": public_latest_minutes(),
    }
    return render(request, "public/home.html", context)


def _published_version(pk):
    version = public_minutes_version(meeting_pk=pk)
    if version is None:
        raise Http404
    return version


def minutes(request, pk):
    """The newest published version of a meeting's notes, as approved."""
    version = _published_version(pk)
    return render(request, "public/minutes.html", {"version": version, "meeting": version.minutes.meeting})


def minutes_pdf(request, pk):
    """The stored PDF of that version: served from storage, never rendered per request."""
    version = _published_version(pk)
    meeting = version.minutes.meeting
    name = f"Minnesanteckningar {meeting.body.short_name} {meeting.date:%Y-%m-%d}"
    if version.version > 1:
        name += f" v{version.version}"
    return FileResponse(
        version.pdf.open("rb"), as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf"
    )
