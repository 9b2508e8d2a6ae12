"""Documents served the same way to staff and to the public; who sees what is the caller's ``public``."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from meetings.pdf import render_pdf
from meetings.selectors.registers import yearly_compilation


def compilation_context(*, body, year: int, public: bool) -> dict:
    return {"compilation": yearly_compilation(body=body, year=year, public=public), "body": body, "year": year}


def compilation_pdf_response(*, body, year: int, public: bool) -> HttpResponse:
    """ "Samtliga ställningstaganden ÅR" as a tagged PDF/A download."""
    pdf = render_pdf("pdf/compilation.html", compilation_context(body=body, year=year, public=public))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _("All positions %(year)s") % {"year": year}
    response["Content-Disposition"] = content_disposition_header(True, f"{body.short_name} {name}.pdf")
    return response
