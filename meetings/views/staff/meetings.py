"""Overview, meetings and the agenda editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from meetings import hooks
from meetings.forms import (
    AgendaItemForm,
    AttachmentForm,
    GuestForm,
    ItemsCopyForm,
    MeetingForm,
    PresenterForm,
    reload_version,
)
from meetings.models import AgendaItem, Attachment, Meeting, NoticeDelivery, Presenter
from meetings.permissions import (
    WORKING_BODY,
    can_draft_notice,
    item_for_secretary,
    meeting_for_secretary,
    secretary_bodies,
    secretary_required,
    working_body,
)
from meetings.selectors import (
    agenda_end,
    agenda_items_queryset,
    agenda_with_times,
    meeting_overview,
    minutes_for_review,
    notice_problems,
    notice_state,
    staff_meetings,
    usual_meeting_values,
)
from meetings.selectors.notices import notice_changes
from meetings.selectors.registers import assignments_due_for, matter_titles
from meetings.services import ServiceError, create_once, meeting_facts_lock
from meetings.services import agenda as agenda_services
from meetings.services import notices as notice_services
from meetings.services.positions import matter_for_title
from meetings.views.staff.common import is_htmx


@login_required
def home(request):
    """Where logging in leads: the secretary to the meetings, the chair to the notes to approve."""
    if can_draft_notice(request.user):
        return redirect("staff:overview")
    if request.user.has_perm("meetings.approve_minutes"):
        return redirect("staff:review_list")
    messages.info(request, _("Your account has no role in the portal yet. Ask the secretary."))
    return redirect("public:home")


@login_required
def overview(request):
    """The staff start page: the secretary's meetings; for the chair, the notes that wait for her."""
    if not can_draft_notice(request.user):
        if request.user.has_perm("meetings.approve_minutes"):
            return render(request, "staff/review_list.html", {"waiting": minutes_for_review(user=request.user)})
        raise PermissionDenied
    today = timezone.localdate()
    body = working_body(request)
    coming, past = staff_meetings(body=body, today=today)
    past = [meeting_overview(m, today) for m in past]
    show_past = request.GET.get("past") == "1"
    return render(request, "staff/overview.html", {
        "coming": [meeting_overview(m, today) for m in coming], "past": past if show_past else [],
        "to_do": _to_do_now(past), "show_past": show_past, "past_count": len(past), "body": body,
    })  # fmt: skip


def _to_do_now(past: list[dict]) -> list[dict]:
    """Of the past meetings, those that need something done now: notes started and not yet published, and the
    meetings since the newest whose notes are published that have none yet. Older meetings without notes are the
    record of years entered afterwards, not work waiting: they stay behind the link to the past."""

    def notes(meeting):
        return getattr(meeting, "minutes", None)  # selected with the meeting: no query

    published = next((o["meeting"].date for o in past if (n := notes(o["meeting"])) and n.status == "published"), None)
    return [
        o for o in past
        if o["waiting"] and (notes(o["meeting"]) or published is None or o["meeting"].date > published)
    ]  # fmt: skip


@secretary_required
@require_POST
def choose_body(request):
    """The body the secretary's lists and new meetings are about, among the bodies she keeps."""
    raw = request.POST.get("body", "")
    chosen = (
        secretary_bodies(request.user).filter(pk=int(raw)).first()
        if raw.isascii() and raw.isdigit() and len(raw) < 10
        else None
    )
    if chosen is None:
        messages.error(request, _("You are not the secretary of that body."))
    else:
        request.session[WORKING_BODY] = chosen.pk
        messages.success(request, _("You now work with %(body)s.") % {"body": chosen.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = reverse("staff:overview")
    return redirect(target)


@secretary_required
def meeting_create(request):
    body = working_body(request)
    form = MeetingForm(request.POST or None, body=body, initial=usual_meeting_values(body=body))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("lock_version", "clash_seen")}
        meeting = agenda_services.meeting_create(body=body, by=request.user, **data)
        messages.success(request, _("The meeting was created with the standing items."))
        return redirect(meeting)
    return render(request, "staff/meeting_form.html", {"form": form, "meeting": None})


@secretary_required
def meeting_edit(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    if request.method == "GET" and (reason := meeting_facts_lock(meeting)):
        messages.error(request, reason)
        return redirect(meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.meeting_save(meeting=form.save(commit=False), by=request.user,
                                         loaded_version=form.cleaned_data["lock_version"])  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
            reload_version(form, meeting)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(request, "staff/meeting_form.html", {"form": form, "meeting": meeting})


def _agenda_context(meeting):
    items = list(agenda_items_queryset(meeting))
    entries = agenda_with_times(meeting=meeting, items=items)
    return {
        "meeting": meeting,
        "entries": entries,
        "agenda_end": agenda_end(meeting=meeting, entries=entries),
        "problems": notice_problems(meeting=meeting, entries=entries),
        "state": notice_state(meeting),
    }


@secretary_required
def meeting_detail(request, pk):
    """The agenda editor."""
    meeting = meeting_for_secretary(request.user, pk)
    context = _agenda_context(meeting)
    context["due_assignments"] = assignments_due_for(meeting=meeting)
    context["facts_lock"] = meeting_facts_lock(meeting)
    # A held or cancelled meeting gets no revised notice (notice_send refuses it): the version sent stands, and a
    # later rename of its matter does not ask for one.
    revisable = meeting.notice_version and meeting.status not in (Meeting.Status.HELD, Meeting.Status.CANCELLED)
    context["notice_changes"] = notice_changes(meeting=meeting) if revisable else []
    context["sent_versions"] = list(meeting.notice_dispatches.order_by("-version"))
    for sent in context["sent_versions"]:  # those with an address, as the flash after sending counts them
        sent.addressed = sum(1 for recipient in sent.recipients if recipient["email"])
    unreached = notice_services.not_reached(meeting) if context["sent_versions"] else []
    # Still queued is not "not reached": the table and the flash say the same (issue 35).
    context["queued"] = [d for d in unreached if d.status == NoticeDelivery.Status.QUEUED]
    context["not_reached"] = [d for d in unreached if d.status != NoticeDelivery.Status.QUEUED]
    context["activity"] = hooks.call("members_area_activity", meeting) if context["sent_versions"] else None
    return render(request, "staff/meeting_detail.html", context)


@secretary_required
def agenda_partial(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    return render(request, "staff/_agenda.html", _agenda_context(meeting))


@secretary_required
@require_POST
def agenda_reorder(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    try:
        ids = [int(i) for i in request.POST.getlist("item")]
        agenda_services.agenda_reorder(meeting=meeting, ordered_ids=ids, by=request.user)
    except (ValueError, ServiceError) as error:
        messages.error(request, str(error) if isinstance(error, ServiceError) else _("The order was not understood."))
    if is_htmx(request):
        return render(request, "staff/_agenda.html", _agenda_context(meeting))
    return redirect(meeting)


@secretary_required
@require_POST
def item_move(request, pk):
    item = item_for_secretary(request.user, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    agenda_services.agenda_item_move(item=item, step=step, by=request.user)
    if is_htmx(request):
        return render(request, "staff/_agenda.html", _agenda_context(item.meeting))
    return redirect(item.meeting)


@secretary_required
@require_POST
def item_duration(request, pk):
    """Change one item's duration from the agenda; the clock times are computed again."""
    item = item_for_secretary(request.user, pk)
    raw = request.POST.get("duration_minutes", "").strip()
    try:
        minutes = int(raw) if raw else None
        if minutes is not None and not 0 <= minutes <= 600:
            raise ValueError
    except ValueError:
        messages.error(request, _("The duration must be a number of minutes between 0 and 600."))
    else:
        item.duration_minutes = minutes
        agenda_services.agenda_item_save(item=item, by=request.user)
    if is_htmx(request):
        return render(request, "staff/_agenda.html", _agenda_context(item.meeting))
    return redirect(item.meeting)


def _item_page(request, item, form=None, *, parent=None, status=200, **bad_forms):
    """The item editor; a form that failed is passed back in, so what was typed is kept with its error.

    Asked by htmx (a save in place: a presenter or a file added, one removed), the same page answers, of which the
    browser swaps in only the part that changed, with what was done said inside the form (``in_place``). htmx swaps
    only a successful answer, so a form with errors comes back as 200 there: it is shown with its errors in place."""
    in_place = is_htmx(request)
    context = {
        "meeting": item.meeting,
        "item": item,
        "parent": parent or item.parent,
        "form": form or AgendaItemForm(instance=item, meeting=item.meeting),
        "matter_titles": matter_titles(body=item.meeting.body),
        # Where the form is sent: the item's own page once it exists (a new item saved in place keeps no "new" URL).
        "form_action": reverse("staff:item_edit", kwargs={"pk": item.pk}) if item.pk else request.get_full_path(),
        "in_place": in_place,
    }
    # Presenters and attachments are part of the item's own form, a new item's too: one save keeps them all.
    context.update(
        presenter_form=_in_item_form(bad_forms.get("presenter_form") or PresenterForm(prefix="presenter")),
        guest_form=_in_item_form(bad_forms.get("guest_form") or GuestForm(prefix="guest")),
        attachment_form=_in_item_form(bad_forms.get("attachment_form") or AttachmentForm(prefix="attachment")),
        presenters=item.presenters.select_related("person", "person__organisation") if item.pk else [],
        attachments=item.attachments.all() if item.pk else [],
    )
    response = render(request, "staff/item_form.html", context, status=200 if in_place else status)
    if in_place and item.pk:
        response["HX-Push-Url"] = context["form_action"]  # a new item saved in place: reloading shows it
    return response


def _extras(request) -> dict:
    """The presenter, new guest and attachment sent with the item's form, bound where something was filled in:
    nothing filled in adds nothing."""
    post = request.POST
    forms = {}
    if (post.get("presenter-person") or "").strip():
        forms["presenter_form"] = PresenterForm(post, prefix="presenter")
    if any((post.get(f"guest-{name}") or "").strip() for name in ("first_name", "last_name")):
        forms["guest_form"] = GuestForm(post, prefix="guest")
    if request.FILES.get("attachment-file") or post.get("stay") == "attachments":
        forms["attachment_form"] = AttachmentForm(post, request.FILES, prefix="attachment")
    return forms


def _add_extras(request, item, forms: dict) -> None:
    """Add what ``_extras`` found (each already valid) to the saved item, and say so."""
    if form := forms.get("presenter_form"):
        _presenter_add(request, item, form.cleaned_data["person"], form.cleaned_data["description"])
    if form := forms.get("guest_form"):
        data = form.cleaned_data
        person = agenda_services.guest_create(
            first_name=data["first_name"], last_name=data["last_name"], organisation=data["organisation"],
            new_organisation=data["new_organisation"], email=data["email"],
        )  # fmt: skip
        _presenter_add(request, item, person, data["description"])
    if form := forms.get("attachment_form"):
        data = form.cleaned_data
        agenda_services.attachment_add(item=item, upload=data["file"], content_type=data["content_type"],
                                       title=data["title"], is_public=data["is_public"], by=request.user)  # fmt: skip
        messages.success(request, _("The attachment was added."))


def _presenter_add(request, item, person, description) -> None:
    try:
        agenda_services.presenter_add(item=item, person=person, description=description, by=request.user)
        messages.success(request, _("%(name)s presents the item.") % {"name": person.name})
    except ServiceError as error:
        messages.error(request, str(error))


def _back_to_the_place(request, item):
    """After "Lägg till föredragande" or "Ladda upp": the item again, where the secretary was on it (in place with
    htmx; without it, the page again at that section)."""
    if is_htmx(request):
        return _item_page(request, AgendaItem.objects.get(pk=item.pk))  # its new lock version in the form
    anchor = "attachments-heading" if request.POST.get("stay") == "attachments" else "presenters-heading"
    return redirect(reverse("staff:item_edit", kwargs={"pk": item.pk}) + f"#{anchor}")


def _in_item_form(form):
    """The presenter's fields belong to the item's own form (HTML's form attribute): one sending saves both."""
    for field in form.fields.values():
        field.widget.attrs["form"] = "item-form"
    return form


def _with_matter(form):
    """The item from its form, with the matter named in it (an existing one, or a new one)."""
    item = form.save(commit=False)
    item.matter = matter_for_title(body=item.meeting.body, title=form.cleaned_data["matter_title"])
    return item


def _next_new_item(meeting, parent):
    """ "Save and add another": a new item's form again, a sub-item's under the same item."""
    url = reverse("staff:item_create", kwargs={"pk": meeting.pk})
    return redirect(f"{url}?parent={parent.pk}" if parent else url)


@secretary_required
def item_create(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    parent = None
    if parent_id := request.GET.get("parent") or request.POST.get("parent"):
        if not (parent_id.isascii() and parent_id.isdigit() and len(parent_id) <= 9):
            raise Http404
        parent = get_object_or_404(AgendaItem, pk=parent_id, meeting=meeting, parent=None)
    item = AgendaItem(meeting=meeting, parent=parent)
    initial = {}
    if request.GET.get("kind") == AgendaItem.Kind.BREAK:
        initial = {"kind": AgendaItem.Kind.BREAK, "title": _("Break"), "duration_minutes": 15}
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting, initial=initial)
    extras = _extras(request) if request.method == "POST" else {}
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in extras.values()):
        try:
            item, created = create_once(token=form.cleaned_data["submission"], create=lambda: (
                agenda_services.agenda_item_save(item=_with_matter(form), by=request.user)))  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            if created:  # a second click on the same form adds nothing twice
                _add_extras(request, item, extras)
            if "and_new" in request.POST:
                messages.success(request, _("“%(title)s” was added. Now the next item.") % {"title": item.title})
                return _next_new_item(meeting, parent)
            if request.POST.get("stay"):
                return _back_to_the_place(request, item)
            messages.success(request, _("The item was added."))
            return redirect(meeting)
    failed = form.errors or any(f.errors for f in extras.values())
    return _item_page(request, item, form, parent=parent, status=400 if failed else 200, **extras)


@secretary_required
def items_copy(request, pk):
    """Take recurring items from the previous meeting and what the annual plan holds for this meeting."""
    meeting = meeting_for_secretary(request.user, pk)
    previous = agenda_services.previous_meeting(meeting)
    items = AgendaItem.objects.none()
    if previous is not None:
        items = previous.agenda_items.filter(parent=None).exclude(kind=AgendaItem.Kind.STANDING).order_by("order")
    entries = meeting.annual_plan_entries.select_related("matter").order_by("order", "pk")
    on_agenda = set(meeting.agenda_items.exclude(matter=None).values_list("matter_id", flat=True))
    initial = {"plan_entries": [e.pk for e in entries if e.matter_id not in on_agenda]}
    form = ItemsCopyForm(request.POST or None, plan_entries=entries, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def copy():
            created = agenda_services.agenda_items_copy(meeting=meeting, items=data["items"],
                                                        plan_entries=data["plan_entries"], by=request.user)  # fmt: skip
            messages.success(request, ngettext("%(count)s item was added to the agenda.",
                                               "%(count)s items were added to the agenda.", len(created))
                             % {"count": len(created)})  # fmt: skip
            return meeting

        try:
            create_once(token=data["submission"], create=copy)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return redirect(meeting)
    context = {"meeting": meeting, "form": form, "previous": previous, "has_entries": entries.exists()}
    return render(request, "staff/items_copy.html", context, status=400 if form.errors else 200)


@secretary_required
def item_edit(request, pk):
    item = item_for_secretary(request.user, pk)
    form = AgendaItemForm(request.POST or None, instance=item, meeting=item.meeting)
    extras = _extras(request) if request.method == "POST" else {}
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in extras.values()):
        try:
            agenda_services.agenda_item_save(
                item=_with_matter(form), by=request.user, loaded_version=form.cleaned_data["lock_version"]
            )
        except ServiceError as error:
            form.add_error(None, str(error))
            reload_version(form, item)
        else:
            _add_extras(request, item, extras)
            if request.POST.get("stay"):
                return _back_to_the_place(request, item)
            messages.success(request, _("The item was saved."))
            if "and_new" in request.POST:
                return _next_new_item(item.meeting, item.parent)
            return redirect(item.meeting)
    failed = form.errors or any(f.errors for f in extras.values())
    return _item_page(request, item, form, status=400 if failed else 200, **extras)


@secretary_required
def item_delete(request, pk):
    item = item_for_secretary(request.user, pk)
    if request.method == "POST":
        meeting = item.meeting
        agenda_services.agenda_item_delete(item=item, by=request.user)
        messages.success(request, _("The item was deleted."))
        return redirect(meeting)
    return render(request, "staff/confirm.html", {
        "meeting": item.meeting,
        "title": _("Delete the item “%(title)s”?") % {"title": item.title},
        "text": _("Its sub-items, presenters and attachments are deleted with it."),
        "button": _("Delete"),
        "danger": True,
    })  # fmt: skip


@secretary_required
@require_POST
def presenter_add(request, pk):
    """Add a presenter, a person or a new guest; sent with the item's form, what was typed there is saved first
    (a changed "Tillägg till typen" is not lost)."""
    item = item_for_secretary(request.user, pk)
    if "title" in request.POST:
        item_form = AgendaItemForm(request.POST, instance=item, meeting=item.meeting)
        if not item_form.is_valid():
            return _item_page(request, item, item_form, status=400)
        try:
            agenda_services.agenda_item_save(item=_with_matter(item_form), by=request.user,
                                             loaded_version=item_form.cleaned_data["lock_version"])  # fmt: skip
        except ServiceError as error:
            item_form.add_error(None, str(error))
            reload_version(item_form, item)
            return _item_page(request, item, item_form, status=400)
        item.refresh_from_db()
    guest = request.POST.get("add_presenter") == "guest" or (
        "add_presenter" not in request.POST and "guest-first_name" in request.POST
    )
    if guest:
        form = GuestForm(request.POST, prefix="guest")
        if form.is_valid():
            data = form.cleaned_data
            person = agenda_services.guest_create(
                first_name=data["first_name"], last_name=data["last_name"], organisation=data["organisation"],
                new_organisation=data["new_organisation"], email=data["email"],
            )  # fmt: skip
            description = data["description"]
        else:
            return _presenter_error(request, item, form)
    else:
        form = PresenterForm(request.POST, prefix="presenter")
        if not form.is_valid():
            return _presenter_error(request, item, form)
        person, description = form.cleaned_data["person"], form.cleaned_data["description"]
    try:
        agenda_services.presenter_add(item=item, person=person, description=description, by=request.user)
        messages.success(request, _("%(name)s presents the item.") % {"name": person.name})
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("staff:item_edit", pk=item.pk)


def _presenter_error(request, item, bad_form):
    key = "guest_form" if bad_form.prefix == "guest" else "presenter_form"
    return _item_page(request, item, status=400, **{key: bad_form})


@secretary_required
@require_POST
def presenter_remove(request, pk):
    presenter = get_object_or_404(Presenter.objects.select_related("item", "person"), pk=pk)
    item_for_secretary(request.user, presenter.item_id)
    agenda_services.presenter_remove(presenter=presenter, by=request.user)
    messages.success(request, _("%(name)s no longer presents the item.") % {"name": presenter.person.name})
    if is_htmx(request):
        return _item_page(request, presenter.item)
    return redirect(reverse("staff:item_edit", kwargs={"pk": presenter.item_id}) + "#presenters-heading")


@secretary_required
@require_POST
def attachment_add(request, pk):
    item = item_for_secretary(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
    if form.is_valid():
        data = form.cleaned_data
        agenda_services.attachment_add(
            item=item,
            upload=data["file"],
            content_type=data["content_type"],
            title=data["title"],
            is_public=data["is_public"],
            by=request.user,
        )
        messages.success(request, _("The attachment was added."))
        return redirect("staff:item_edit", pk=item.pk)
    return _item_page(request, item, status=400, attachment_form=form)


@secretary_required
@require_POST
def attachment_delete(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("item__meeting"), pk=pk)
    item_for_secretary(request.user, attachment.item_id)
    agenda_services.attachment_delete(attachment=attachment, by=request.user)
    messages.success(request, _("The attachment was deleted."))
    if is_htmx(request):
        return _item_page(request, attachment.item)
    return redirect(reverse("staff:item_edit", kwargs={"pk": attachment.item_id}) + "#attachments-heading")
