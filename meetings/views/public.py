"""The public website: only published things, through the public selectors."""

from django.shortcuts import render
from django.utils import timezone

from meetings.selectors import public_upcoming_meetings
from members.models import Body


def home(request):
    body = Body.objects.order_by("pk").first()
    context = {
        "body": body,
        "upcoming": public_upcoming_meetings(body=body, today=timezone.localdate()),
    }
    return render(request, "public/home.html", context)
