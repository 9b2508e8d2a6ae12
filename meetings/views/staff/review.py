"""The yearly review on the staff side: write its highlights and words, see the deck (slides, PDF, PowerPoint) as it
will be published, and publish it, with a confirmation before a new version."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings.dates import long_date
from meetings.deck import deck_html, review_deck
from meetings.forms import HighlightFormSet, ReviewPublishForm, YearlyReviewForm
from meetings.models import YearlyReview
from meetings.permissions import secretary_required, working_body
from meetings.selectors.review import highlight_lines, suggested_highlights, year_matters
from meetings.services import ServiceError
from meetings.services import review as review_services
from meetings.views.documents import review_pptx_response, review_preview_pdf_response

MIN_YEAR, MAX_YEAR = 1990, 2999  # a review's year; the deck reads the next year's plan too


def _review(request, year) -> YearlyReview:
    """The working body's review of ``year``, saved or not yet (then nothing of it is stored)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    body = working_body(request)
    return YearlyReview.objects.filter(body=body, year=year).first() or YearlyReview(body=body, year=year)


@secretary_required
def yearly_review(request, year):
    """ "Återblick ÅR och på gång ÅR+1": write the year's highlights and what is coming, see the deck as it will
    read, and publish it."""
    review = _review(request, year)
    body = review.body
    matters = year_matters(body=body, year=year).order_by("title")
    lines = [{"text": line.text, "matters": list(line.matters.all())} for line in highlight_lines(review=review)]
    suggested = not review.pk
    form = YearlyReviewForm(request.POST or None,
                            initial={"highlights_text": review.highlights_text, "coming": review.coming})  # fmt: skip
    formset = HighlightFormSet(request.POST or None, prefix="highlights", form_kwargs={"matters": matters},
                               initial=lines if review.pk else suggested_highlights(body=body, year=year))  # fmt: skip
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            review_services.review_save(body=body, year=year, highlights=formset.lines(), **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review was saved. It is public only once you publish it."))
            return redirect("staff:yearly_review", year=year)
    document = deck_html(review_deck(review=review))
    invalid = bool(form.errors or formset.total_error_count())
    return render(request, "staff/yearly_review.html", {
        "form": form, "formset": formset, "review": review, "year": year, "document": document,
        "suggested": suggested, "changed": bool(review.published_at) and document != review.published_html,
        "publish_form": ReviewPublishForm(initial={"seen_version": review.published_version}),
    }, status=400 if invalid else 200)  # fmt: skip


@secretary_required
@require_http_methods(["GET", "POST"])
def yearly_review_publish(request, year):
    """GET asks first (and says which version is already public); POST publishes, once: the form carries the
    version it showed, so a second click publishes nothing more."""
    review = _review(request, year)
    if not review.pk:
        raise Http404
    posted = request.POST if request.method == "POST" else None  # an empty POST is refused, not shown as a GET
    form = ReviewPublishForm(posted, initial={"seen_version": review.published_version})
    if request.method == "POST" and form.is_valid():
        review, made = review_services.review_publish(review=review, by=request.user,
                                                      seen_version=form.cleaned_data["seen_version"])  # fmt: skip
        if made:
            messages.success(request, _("The review is published (version %(version)s).") % {
                "version": review.published_version})  # fmt: skip
        else:
            messages.info(request, _("Version %(version)s was already published; nothing more was published.") % {
                "version": review.published_version})  # fmt: skip
        return redirect("staff:yearly_review", year=year)
    next_version = review.published_version + 1
    if review.published_version:
        published = long_date(timezone.localtime(review.published_at))
        title = _("There is already a published version (version %(version)s, %(date)s). Publish version %(next)s?")
        title %= {"version": review.published_version, "date": published, "next": next_version}
    else:
        title = _("Publish version %(next)s?") % {"next": next_version}
    return render(request, "staff/confirm.html", {
        "title": title, "form": form, "button": _("Publish version %(next)s") % {"next": next_version},
        "text": _("The public then reads the deck as it reads now, as a PDF and a PowerPoint file; an earlier version "
                  "is replaced."),
        "cancel_url": reverse("staff:yearly_review", kwargs={"year": year}),
    }, status=400 if form.errors else 200)  # fmt: skip


@secretary_required
def yearly_review_pdf(request, year):
    """The deck as it will be published, as the 16:9 PDF, shown in the browser."""
    review = _review(request, year)
    return review_preview_pdf_response(review=review, document=deck_html(review_deck(review=review)))


@secretary_required
def yearly_review_pptx(request, year):
    """The deck as it will be published, as a PowerPoint file to edit before it is shown."""
    review = _review(request, year)
    return review_pptx_response(review=review, deck=review_deck(review=review))
