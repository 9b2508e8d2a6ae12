"""The secretariat's dated status reports on a recommendation (``StatusNote``): what it knows of where the parties
stand, in its own words, beside what the parties reported one by one. Public; never edited, a later report is added."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.errors import ServiceError
from recommendations.models import Recommendation, StatusNote


def status_note_add(*, recommendation: Recommendation, by, written_on: datetime.date, text: str,
                    source: str = "") -> StatusNote:  # fmt: skip
    if not text.strip():
        raise ServiceError(_("Write the status report."))
    if written_on > timezone.localdate():
        raise ServiceError(_("A date cannot be in the future."))
    return StatusNote.objects.create(recommendation=recommendation, written_on=written_on, text=text.strip(),
                                     source=source.strip(), created_by=by)  # fmt: skip
