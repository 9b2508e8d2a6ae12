"""The recommendations for spreadsheets and programs: the register and one recommendation's 50 parties, as CSV
(through the writer that neutralises formula cells) and JSON. Read only through recommendations' selectors."""

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.http import content_disposition_header

from meetings.sections import public_section
from meetings.spreadsheets import SafeDictWriter
from recommendations.selectors.exports import (
    ANSWER_COLUMNS,
    REGISTER_COLUMNS,
    answer_export_rows,
    register_export_rows,
)
from recommendations.selectors.public import public_recommendation


def _csv(name: str, columns: list[str], rows: list[dict]) -> HttpResponse:
    """UTF-8 with a byte order mark: Excel reads å, ä, ö right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, name)
    response.write("\ufeff")
    writer = SafeDictWriter(response, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return response


def _json(data: dict) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_section
def recommendations_csv(request, body):
    name = "rekommendationer.csv" if body.pk == request.default_body_pk else f"{body.slug}-rekommendationer.csv"
    return _csv(name, REGISTER_COLUMNS, register_export_rows(body=body))


@public_section
def recommendations_json(request, body):
    return _json({"organ": body.name, "rekommendationer": register_export_rows(body=body)})


def _found(pk):
    found = public_recommendation(pk=pk)
    if found is None:
        raise Http404
    return found


def recommendation_csv(request, pk):
    found = _found(pk)
    return _csv(f"rekommendation-{found.pk}.csv", ANSWER_COLUMNS, answer_export_rows(found))


def recommendation_json(request, pk):
    found = _found(pk)
    return _json({"id": found.pk, "rubrik": found.title, "beslut_som_begärs": found.decision_asked,
                  "svara_senast": f"{found.answer_by:%Y-%m-%d}", "parter": answer_export_rows(found)})  # fmt: skip
