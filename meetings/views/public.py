"""The public website: only published things, through the public selectors."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date

from meetings.deck import Deck
from meetings.forms import PositionFilterForm, SearchForm
from meetings.models import Attachment, YearlyReview
from meetings.sections import enter, public_section, section_reverse
from meetings.selectors import (
    public_latest_minutes,
    public_meeting,
    public_meeting_years,
    public_meetings_of_year,
    public_minutes_version,
    public_upcoming_meetings,
)
from meetings.selectors.notices import public_attachment_record, public_notice
from meetings.selectors.plan import annual_plan_of_year, annual_plan_years
from meetings.selectors.registers import (
    matter_timeline,
    matter_with_publicity,
    position_years,
    positions_filtered,
    positions_queryset,
    public_matters,
)
from meetings.selectors.search import search as run_search
from meetings.views.documents import (
    attachment_response,
    compilation_context,
    compilation_pdf_response,
    minutes_pdf_response,
    notice_pdf_response,
    review_pdf_response,
    review_pptx_response,
)
from members.models import Body, Term
from members.selectors import body_composition, default_body

POSITIONS_PER_PAGE = 50
MATTERS_PER_PAGE = 50

# The years any archive may ask for: outside them a date cannot be made (year 0, 99999), so not found.
MIN_YEAR, MAX_YEAR = 1900, 2200


@public_section(empty=True)
def home(request, body):
    context = {
        "body": body,
        "upcoming": public_upcoming_meetings(body=body, today=timezone.localdate()),
        "latest_minutes": public_latest_minutes(body=body),
        "latest_positions": list(positions_queryset(body=body, public=True).filter(notes_information=False)[:5]),
        "search_form": SearchForm(years=[]),
    }
    return render(request, "public/home.html", context)


@public_section
def meeting_archive(request, body):
    years = public_meeting_years(body=body)
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        raise Http404 from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    meetings = public_meetings_of_year(body=body, year=year)
    return render(request, "public/meeting_archive.html", {"years": years, "year": year, "meetings": meetings,
                                                           "body": body})  # fmt: skip


def meeting(request, pk):
    """A meeting's published notice (agenda, times, presenters, public attachments) and its published notes."""
    found = public_meeting(pk=pk, with_notice=True)
    if found is None:
        raise Http404
    enter(request, found.body)
    context = {"meeting": found, "notes_version": found.public_notes_version, "notice": public_notice(meeting=found)}
    return render(request, "public/meeting.html", context)


def notice_pdf(request, pk):
    """The published notice as sent, as a PDF made once from its frozen HTML and then served from storage."""
    found = public_meeting(pk=pk)
    dispatch = public_notice(meeting=found) if found else None
    if dispatch is None:
        raise Http404
    return notice_pdf_response(dispatch=dispatch)


def attachment(request, pk):
    """A public attachment of a published notice, as that notice sent it."""
    if public_attachment_record(pk=pk) is None:
        raise Http404
    return attachment_response(Attachment.objects.get(pk=pk))


def _published_version(pk):
    version = public_minutes_version(meeting_pk=pk)
    if version is None:
        raise Http404
    return version


def minutes(request, pk):
    """The newest published version of a meeting's notes, as approved."""
    version = _published_version(pk)
    enter(request, version.minutes.meeting.body)
    return render(request, "public/minutes.html", {"version": version, "meeting": version.minutes.meeting})


def minutes_pdf(request, pk):
    """The stored PDF of that version: served from storage, never rendered per request."""
    return minutes_pdf_response(_published_version(pk))


@public_section
def positions(request, body):
    years = position_years(body=body, public=True)
    form = PositionFilterForm(request.GET or None, body=body, years=years, matters=public_matters(body=body))
    found = positions_filtered(positions_queryset(body=body, public=True), **form.filters())
    # 50 a page: a page costs the same at one year of history as at thirty (a malformed page is the first).
    page = Paginator(found, POSITIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/positions.html",
                  {"form": form, "positions": page, "page": page, "count": page.paginator.count,
                   "years": years, "body": body})  # fmt: skip


@public_section
def compilation(request, body, year):
    if year not in position_years(body=body, public=True):
        raise Http404
    context = compilation_context(body=body, year=year, public=True)
    context["review"] = YearlyReview.objects.filter(body=body, year=year, published_at__isnull=False).exists()
    return render(request, "public/compilation.html", context)


@public_section
def compilation_pdf(request, body, year):
    if year not in position_years(body=body, public=True):
        raise Http404
    return compilation_pdf_response(body=body, year=year, public=True)


@public_section
def matters(request, body):
    # 50 a page, in title order (as the positions): a page costs the same whatever the years behind it.
    page = Paginator(public_matters(body=body).order_by("title"), MATTERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/matters.html", {"matters": page, "page": page, "body": body})


def matter(request, pk):
    named = matter_with_publicity(pk=pk)
    if named is not None and named.merged_into_id:  # the same question under another spelling: its page is the other's
        return redirect("public:matter", pk=named.merged_into_id, permanent=True)
    if named is None or not named.is_public:
        raise Http404
    enter(request, named.body)
    timeline = matter_timeline(matter=named, public=True)
    return render(request, "public/matter.html", {"matter": named, "timeline": timeline})


def _published_review(body, year: int) -> YearlyReview:
    """The yearly review as the secretary published it; nothing before that."""
    return get_object_or_404(YearlyReview, body=body, year=year, published_at__isnull=False)


@public_section
def review(request, body, year):
    found = _published_review(body, year)
    return render(request, "public/review.html", {"review": found, "body": found.body})


@public_section
def review_pdf(request, body, year):
    return review_pdf_response(review=_published_review(body, year))


@public_section
def review_pptx(request, body, year):
    """The published deck as a PowerPoint file (made from the slides frozen at publishing; a review published
    before the slides were kept has none)."""
    found = _published_review(body, year)
    if not found.published_deck:
        raise Http404
    return review_pptx_response(review=found, deck=Deck.from_json(found.published_deck))


@public_section
def plan(request, body, year=None):
    """The årshjul of a year, this year's unless another is asked for: every year's plan stays on the record."""
    this_year = timezone.localdate().year
    year = year or this_year
    plan = annual_plan_of_year(body=body, year=year, public=True)
    years = sorted({*annual_plan_years(body=body), this_year}, reverse=True)
    return render(request, "public/plan.html", {"plan": plan, "body": body, "year": year, "years": years})


@public_section
def members(request, body):
    """Who sits in the body today, or on a chosen date or at the start of a term; never contact details."""
    terms = list(Term.objects.order_by("-start_date"))
    on = timezone.localdate()
    if term := next((t for t in terms if str(t.pk) == request.GET.get("term")), None):
        # Today, if the term is running; otherwise its first day.
        on = on if term.start_date <= on <= term.end_date else term.start_date
    elif raw := request.GET.get("date"):
        on = _parse_date(raw)
        if on is None:
            return render(request, "public/members.html", {"body": body, "terms": terms, "bad_date": raw}, status=400)
    composition = body_composition(body=body, on=on)
    return render(request, "public/members.html", {"body": body, "terms": terms, "on": on, "composition": composition,
                                                   "term": term})  # fmt: skip


def _parse_date(raw: str):
    """The date written as 2025-03-06, or None for anything else (including 2025-02-30)."""
    try:
        return parse_date(raw)
    except ValueError:
        return None


@public_section
def search(request, body):
    """Search the published notes, positions, agenda items, matters and attachments; highlighted, by year if
    asked; in this body's record, or in every body's (``?bodies=all``)."""
    form = SearchForm(request.GET or None, years=public_meeting_years(body=body), body=body)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        everywhere = form.cleaned_data["bodies"] == SearchForm.ALL
        results = run_search(body=None if everywhere else body, query=form.cleaned_data["q"],
                             year=form.cleaned_data["year"])  # fmt: skip
    several = Body.objects.exclude(pk=body.pk).exists()
    return render(request, "public/search.html", {"form": form, "results": results, "body": body,
                                                  "several_bodies": several})  # fmt: skip


def bodies(request):
    """Every body the portal serves, each with its section; and what can be followed across all of them."""
    bodies = list(Body.objects.order_by("pk"))
    enter(request, bodies[0] if bodies else None, bodies[0] if bodies else None)
    sections = [(body, section_reverse("public:home", body, default_pk=bodies[0].pk)) for body in bodies]
    return render(request, "public/bodies.html", {"sections": sections})


def accessibility(request):
    """The accessibility statement (tillgänglighetsredogörelse) that Swedish law asks for."""
    return render(request, "public/accessibility.html", {"body": default_body(), "contact": settings.CONTACT_EMAIL})
