"""The recommendations as rows for machines (open data's CSV and JSON): the register, and one recommendation's
50 parties. Only what the public pages show; never a registrar's address, a note or who typed an answer."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from recommendations.selectors.public import register_rows
from recommendations.selectors.standing import NOT_REPORTED, STATES, Standing, standings

REGISTER_COLUMNS = [
    "id",
    "rubrik",
    "ställningstagande_datum",
    "skickad",
    "svara_senast",
    "träder_i_kraft",
    "beslut_som_begärs",
    "ärende",
    "adress",
    "kommuner",
    "kommuner_antagit",
    "regionen",
    *STATES,
]

ANSWER_COLUMNS = [
    "part",
    "typ",
    "kommunalförbund",
    "ställning",
    "utfall",
    "beslutande_organ",
    "nämnd",
    "beslutsdatum",
    "mottaget",
    "diarienummer",
    "rapporterat_av",
    "beslut",
    "rättad",
    "rättelse",
]


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def register_export_rows(*, body, year: int | None = None) -> list[dict]:
    """The register (of ``year``, if given), newest first, with each recommendation's counts. Three queries."""
    rows = []
    for listed in register_rows(body=body, year=year):
        r, counts = listed.recommendation, listed.summary
        matter = r.position.current_matter
        rows.append({
            "id": r.pk,
            "rubrik": r.title,
            "ställningstagande_datum": _date(r.position.taken_on),
            "skickad": _date(timezone.localdate(r.sent_at)),
            "svara_senast": _date(r.answer_by),
            "träder_i_kraft": _date(r.takes_effect_on),
            "beslut_som_begärs": r.decision_asked,
            "ärende": matter.title if matter else "",
            "adress": settings.SITE_URL + reverse("public:recommendation", kwargs={"pk": r.pk}),
            "kommuner": counts.municipalities,
            "kommuner_antagit": counts.municipalities_adopted,
            "regionen": counts.region_state,
            **counts.counts,
        })  # fmt: skip
    return rows


def _answer_row(recommendation, standing: Standing) -> dict:
    answer = standing.answer
    decision = ""
    if answer and answer.decision_url:
        decision = answer.decision_url
    elif answer and answer.decision_file:
        decision = settings.SITE_URL + reverse(
            "public:recommendation_decision", kwargs={"pk": recommendation.pk, "answer_pk": answer.pk}
        )
    return {
        "part": standing.principal.name,
        "typ": standing.principal.kind,
        "kommunalförbund": standing.group.name if standing.group else "",
        "ställning": standing.label,
        "utfall": standing.state if standing.state != NOT_REPORTED else "",
        "beslutande_organ": answer.get_decided_by_display() if answer else "",
        "nämnd": answer.decided_by_name if answer else "",
        "beslutsdatum": _date(answer.decided_on) if answer else "",
        "mottaget": _date(answer.received_on) if answer else "",
        "diarienummer": answer.registration_number if answer else "",
        "rapporterat_av": answer.channel.common_name if answer and answer.channel else "",
        "beslut": decision,
        "rättad": _date(timezone.localdate(answer.recorded_at)) if standing.is_correction else "",
        "rättelse": answer.correction_reason if standing.is_correction else "",
    }


def answer_export_rows(recommendation) -> list[dict]:
    """The 50 parties' standings on one sent recommendation, as the public table lists them. Two queries."""
    return [_answer_row(recommendation, standing) for standing in standings(recommendation)]
