"""A recommendation's public page, its 49 tiles and the 50 rows of its table, written in Python: the same HTML the
template wrote, at a fraction of the cost (some thirty template nodes a row, each a lookup, made it slower than the
positions register at the same size: docs/performance.md)."""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from meetings import dates
from meetings.templatetags.sro import _paths, section_url

register = template.Library()

_ICON = '<svg class="rec-icon" aria-hidden="true" focusable="false"><use href="#rec-icon-{}"/></svg>'


@register.simple_tag
def overview_tiles(standings):
    """The tiles of one kommunalförbund in the overview: each a link to its row in the table."""
    return format_html_join(
        "",
        '<li><a class="rec-tile rec-{}" href="#party-{}">' + _ICON + '<span><span class="rec-name">{}</span>'
        '<span class="rec-state">{}</span></span></a></li>',
        ((s.state, s.principal.pk, s.state, s.principal.common_name, s.label) for s in standings),
    )


def _translated(message: str, **values) -> str:
    """``{% blocktranslate with … %}``: the translation with the values escaped into it."""
    return mark_safe(_(message) % {name: conditional_escape(value) for name, value in values.items()})


@register.simple_tag(takes_context=True)
def party_rows(context, recommendation, standings):
    """The table's rows of one kommunalförbund (or the region): the party, its standing, who decided, when, and
    the link to its decision."""
    paths = _paths(context)
    rows = []
    for standing in standings:
        principal, answer, state = standing.principal, standing.answer, standing.state
        standing_html = conditional_escape(standing.label)
        decided_by = decided_on = decision = ""
        if answer is not None:
            if state == "received" and answer.registration_number:
                standing_html += format_html(" ({} {})", _("reg. no."), answer.registration_number)
            if answer.channel:
                reported = _translated("Reported by %(channel)s", channel=answer.channel.common_name)
                standing_html += format_html('<br><span class="small">{}</span>', reported)
            if standing.is_correction:
                recorded_on = dates.long_date(localtime(answer.recorded_at))
                corrected = _translated("Corrected %(date)s: %(reason)s", date=recorded_on,
                                        reason=answer.correction_reason)  # fmt: skip
                standing_html += format_html('<br><span class="small">{}</span>', corrected)
            if answer.decided_by:
                decided_by = conditional_escape(answer.get_decided_by_display())
                if answer.decided_by_name:
                    decided_by += format_html(" ({})", answer.decided_by_name)
            decided_on = dates.long_date(answer.decided_on)
            if answer.decision_url:
                words = _translated('<span class="visually-hidden">%(party)s’s </span>decision',
                                    party=principal.common_name)  # fmt: skip
                decision = format_html('<a href="{}">{}</a>', answer.decision_url, words)
            elif answer.decision_file:
                words = _translated('<span class="visually-hidden">%(party)s’s </span>protocol extract',
                                    party=principal.common_name)  # fmt: skip
                href = paths("public:recommendation_decision", recommendation.pk, answer.pk)
                decision = format_html('<a href="{}">{}</a>', href, words)
        rows.append(format_html(
            '<tr><th scope="row" id="party-{}" tabindex="-1"><a href="{}">{}</a></th>'
            '<td><span class="d-inline-flex gap-1 align-items-start">' + _ICON + "<span>{}</span></span></td>"
            "<td>{}</td><td>{}</td><td>{}</td></tr>",
            principal.pk, section_url(context, "public:recommendation_party", principal.pk), principal.common_name,
            state, standing_html, decided_by, decided_on, decision,
        ))  # fmt: skip
    return mark_safe("".join(rows))


@register.simple_tag(takes_context=True)
def register_rows(context, rows):
    """The register's rows: the recommendation, the day of its position, the day to answer by, whether it is still
    open and where it stands."""
    paths = _paths(context)
    open_words, passed_words = _("Open for answers"), _("Answer date passed")
    return format_html_join(
        "",
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td><td>{}</td>'
        '<td>{}<br><span class="small">{}</span></td></tr>',
        ((paths("public:recommendation", row.recommendation.pk), row.recommendation.title,
          dates.long_date(row.recommendation.position.taken_on), dates.long_date(row.recommendation.answer_by),
          open_words if row.is_open else passed_words, row.standing_text, row.others_text) for row in rows),
    )  # fmt: skip
