"""Each body's public section: SRO, the first body, at ``/``, every other body at ``/<its web address>/``.

A section holds the pages that are about one body as a whole: its start page, its meetings by year, its
positions register and compilations, its yearly reviews, its matters, its annual plan, its members, its search,
feeds and calendar. A meeting, its notes, an attachment and a matter keep one permanent address each
(``/meetings/<id>/``): it names the thing, not the body, and such a page is shown within its body's section.

The one entry point for views is ``public_section``; for links, ``section_reverse`` (and the template tag
``section_url``).
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from meetings.paths import path
from members.models import Body
from members.selectors import default_body


class BodyConverter:
    """``<body:body>`` in a path: a body's web address, given to the view as the body (no such body: 404)."""

    regex = "[a-z0-9][a-z0-9-]{0,39}"

    def to_python(self, value: str) -> Body:
        body = Body.objects.filter(slug=value).first()
        if body is None:
            raise ValueError(value)  # no match: the next pattern, or 404
        return body

    def to_url(self, value) -> str:
        return value.slug if isinstance(value, Body) else str(value)


def enter(request, body: Body | None, default: Body | None = None) -> None:
    """The page is in ``body``'s section: the frame's title and menu follow it."""
    request.section = body
    if default is None and body is not None:
        default = default_body()
    request.default_body_pk = default.pk if default else None


def public_section(view=None, *, empty=False):
    """A view of a body's section gets ``body``: from the address, or the first body at ``/``.

    The first body's own web address (``/sro/…``) sends to the same page at ``/`` (301): one address each.
    With no body at all (a new installation) the page is 404, or rendered with ``body=None`` if ``empty``.
    """
    if view is None:
        return lambda view: public_section(view, empty=empty)

    @wraps(view)
    def wrapper(request, *args, body=None, **kwargs):
        default = default_body()
        if body is None:
            if default is None and not empty:
                raise Http404
            body = default
        elif body.pk == default.pk:
            match = request.resolver_match
            target = reverse(f"{match.namespace}:{match.url_name}", args=args, kwargs=kwargs)
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{target}?{query}" if query else target, permanent=True)
        enter(request, body, default)
        return view(request, *args, body=body, **kwargs)

    return wrapper


def section_reverse(name: str, body: Body | None, *args, default_pk: int | None = None, paths=path) -> str:
    """The address of a section page of ``body``: under ``/`` for the first body, else under its own. ``paths``
    makes the first body's (a rendering passes its own, ``meetings.paths``)."""
    if body is None:
        return paths(name, *args)
    if default_pk is None:
        first = default_body()
        default_pk = first.pk if first else None
    if body.pk == default_pk:
        return paths(name, *args)
    return reverse(name, args=[body, *args])
