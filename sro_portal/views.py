"""The portal's own error pages. They touch no database: they must work when it is away."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30
PDF_RETRY_AFTER_SECONDS = 5


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


def _page(status: int, heading: str, message: str) -> HttpResponse:
    return HttpResponse(render_to_string("error.html", {"heading": heading, "message": message}), status=status)


def bad_request(request, exception=None):
    message = _("The address or the form had something the portal cannot read. Go back and try again.")
    return _page(400, _("The request was not understood"), message)


def permission_denied(request, exception=None):
    message = _("Your account has no access to this page. If you think it should, ask the secretary.")
    return _page(403, _("You cannot open this page"), message)


def page_not_found(request, exception=None):
    message = _("There is nothing at this address, or it is not published. Start again from the home page.")
    return _page(404, _("The page was not found"), message)


def conflict_page(request, message: str):
    return _page(409, _("This cannot be done now"), message)


def pdf_pending_page(request):
    """503 while a PDF is made in the background: the visitor reloads in a moment (Retry-After says when)."""
    response = _page(503, _("The PDF is being made"), _("The PDF is being made, reload in a moment."))
    response["Retry-After"] = str(PDF_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason=""):
    message = _(
        "The page was open too long, or cookies are turned off. Go back, reload the page and try again; "
        "what you typed may need to be typed again."
    )
    return _page(403, _("The form had expired"), message)


def _is_unreachable(error: DatabaseError) -> bool:
    """A lost or refused connection, not a mistake in a query."""
    from django.db import InterfaceError, OperationalError

    return isinstance(error, InterfaceError | OperationalError) and "syntax" not in str(error).lower()
