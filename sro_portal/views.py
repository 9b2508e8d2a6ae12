"""The portal's own error pages. They touch no database: they must work when it is away."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30


def server_error(request):
    """500, or 503 when the cause is that the database cannot be reached (it comes back by itself)."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and _is_unreachable(error):
        html = render_to_string("error.html", {
            "heading": _("The portal is temporarily unavailable"),
            "message": _("The portal cannot reach its database just now. Nothing you have saved is lost. "
                         "Try again in a minute."),
        })  # fmt: skip
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    html = render_to_string("error.html", {
        "heading": _("Something went wrong"),
        "message": _("An error occurred on the server. It has been logged; try again, and if it happens "
                     "again, tell the administrator."),
    })  # fmt: skip
    return HttpResponse(html, status=500)


def _is_unreachable(error: DatabaseError) -> bool:
    """A lost or refused connection, not a mistake in a query."""
    from django.db import InterfaceError, OperationalError

    return isinstance(error, InterfaceError | OperationalError) and "syntax" not in str(error).lower()
