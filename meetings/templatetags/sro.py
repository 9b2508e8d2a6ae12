"""Swedish ways of writing lists and times, as the SRO documents write them."""

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from meetings import dates, paths
from meetings.sections import section_reverse
from members.selectors import user_name

register = template.Library()


@register.filter
def sv_list(values):
    """["A", "B", "C"] → "A, B och C"; items that hold commas themselves get one before "och" too,
    as the notice writes "Ann-Sofie Rundberg, VGR, och Kristina Lännergren, Västkom"."""
    values = [str(v) for v in values]
    if len(values) <= 1:
        return "".join(values)
    items, last = ", ".join(values[:-1]), values[-1]
    if any("," in v for v in values):
        return _("%(items)s, and %(last)s") % {"items": items, "last": last}
    return _("%(items)s and %(last)s") % {"items": items, "last": last}


@register.filter(expects_localtime=True)
def long_date(value):
    """A date as "10 juni 2015": the ``date:"j F Y"`` of the lists, at a fifth of its cost (``meetings.dates``)."""
    return dates.long_date(value)


@register.filter
def clock(value):
    """A time as "13.35"."""
    return f"{value:%H.%M}" if value else ""


@register.filter
def labels(objects):
    return [o.label for o in objects]


@register.filter
def shown_name(user) -> str:
    """The signed-in user as the header greets them."""
    return user_name(user)


@register.filter
def public_description(membership):
    """A membership on the public members page: only the details PUBLIC_PERSON_DETAILS publishes for it."""
    from members.publication import public_description as describe

    return describe(membership)


@register.simple_tag(takes_context=True)
def section_url(context, name, *args):
    """A page of the section the visitor is in (``meetings.sections``): under ``/`` for the first body, under
    ``/<web address>/`` for another. Outside a section (a page of the portal as a whole) it is the first body's."""
    request = context.get("request")
    body = getattr(request, "section", None)
    if body is None:
        return _paths(context)(name, *args)
    return section_reverse(name, body, *args, default_pk=request.default_body_pk, paths=_paths(context))


@register.simple_tag(takes_context=True)
def compilation_links(context, years):
    """The yearly compilations linked by their year ("2025 · 2024 · …"), each link named in full for a screen
    reader: one tag for the line, which grows with the years (in the template, ten nodes a year)."""
    name = _("All positions of the year")
    links = ((section_url(context, "public:compilation", year), name, year) for year in years)
    return format_html_join(" · ", '<a href="{}"><span class="visually-hidden">{} </span>{}</a>', links)


@register.simple_tag(takes_context=True)
def path(context, name, *args):
    """``{% url name id %}`` where a list links every row: the same path, at a fraction of the cost
    (``meetings.paths``, read once per rendering)."""
    return _paths(context)(name, *args)


def _paths(context) -> paths.Paths:
    """The paths of this rendering: the URL configuration and the script prefix read once."""
    found = context.render_context.get(paths.Paths)
    if found is None:
        found = context.render_context[paths.Paths] = paths.Paths()
    return found
