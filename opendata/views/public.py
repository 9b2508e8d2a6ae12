"""The open-data page, and the positions register of a year for spreadsheets and programs (CSV and JSON)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header

from meetings.exports import POSITION_COLUMNS, position_rows
from meetings.sections import public_section
from meetings.selectors.registers import position_years
from meetings.spreadsheets import SafeDictWriter
from members.selectors import default_body


def _register_rows(body, year) -> list[dict]:
    if year not in position_years(body=body, public=True):
        raise Http404
    return position_rows(body=body, year=year)


@public_section
def positions_csv(request, body, year):
    """The year's positions for spreadsheets: UTF-8 with a byte order mark (Excel reads å, ä, ö right)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"stallningstaganden-{year}.csv" if body.pk == request.default_body_pk else f"{body.slug}-{year}.csv"
    response["Content-Disposition"] = content_disposition_header(False, name)
    response.write("\ufeff")
    writer = SafeDictWriter(response, fieldnames=POSITION_COLUMNS)
    writer.writeheader()
    writer.writerows(_register_rows(body, year))
    return response


@public_section
def positions_json(request, body, year):
    response = JsonResponse({"organ": body.name, "år": year, "ställningstaganden": _register_rows(body, year)},
                            json_dumps_params={"ensure_ascii": False})  # fmt: skip
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_docs(request):
    """The open-data API explained: where it starts, what each list holds, how pages work."""
    body = default_body()
    return render(request, "public/api_docs.html", {"body": body, "system_url": reverse("api:system")})
