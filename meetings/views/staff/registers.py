"""The body's memory on the staff side: positions, compilations, assignments, matters, plans."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from meetings.forms import (
    AssignmentStatusForm,
    CancellationForm,
    CancelMeetingForm,
    DeadlineForm,
    MatterMergeForm,
    MatterRenameForm,
    MeetingPlanForm,
    PlanAreaForm,
    PlanEntryForm,
    PositionFilterForm,
    PositionForm,
    reload_version,
)
from meetings.forms.plan import PlanShapeForm
from meetings.models import AnnualPlanEntry, Assignment, Matter, Meeting, PlanArea, Position
from meetings.permissions import in_secretary_bodies, meeting_for_secretary, secretary_required, working_body
from meetings.selectors.plan import annual_plan_of_year, annual_plan_shape
from meetings.selectors.registers import (
    annual_plan,
    assignments_overview,
    matter_timeline,
    matter_titles,
    position_years,
    positions_filtered,
    positions_queryset,
)
from meetings.services import ServiceError, create_once
from meetings.services import notices as notice_services
from meetings.services import positions as services
from meetings.services.plan import plan_shape_set
from meetings.views.documents import compilation_context, compilation_pdf_response


@secretary_required
def position_list(request):
    body = working_body(request)
    years = position_years(body=body)
    form = PositionFilterForm(request.GET or None, body=body, years=years)
    positions = positions_filtered(positions_queryset(body=body), **form.filters())
    return render(
        request,
        "staff/position_list.html",
        {"form": form, "positions": positions[:500], "count": positions.count(), "years": years},
    )


def _position_page(request, body, form, position=None, status=200):
    return render(
        request,
        "staff/position_form.html",
        {"form": form, "position": position, "matter_titles": matter_titles(body=body)},
        status=status,
    )


@secretary_required
def position_create(request):
    body = working_body(request)
    form = PositionForm(
        request.POST or None,
        body=body,
        initial={
            "taken_on": timezone.localdate(),
            "how": request.GET.get("how", "per_capsulam"),
            **_meeting_from_query(request, body),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_once(token=data["submission"], create=lambda: services.position_record(
                body=body, how=data["how"], taken_on=data["taken_on"], text=data["text"],
                matter=services.matter_for_title(body=body, title=data["matter_title"]), meeting=data["meeting"],
                by=request.user,
            ))  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The position was recorded."))
            return redirect("staff:positions")
    return _position_page(request, body, form, status=400 if form.errors else 200)


def _meeting_from_query(request, body) -> dict:
    """``?meeting=`` from a meeting's page: the cancelled meeting, or the check-in (its date for a decision there)."""
    raw = request.GET.get("meeting", "")
    meeting = (
        Meeting.objects.filter(body=body, pk=int(raw)).first()
        if raw.isascii() and raw.isdigit() and len(raw) < 10
        else None
    )
    if meeting is None:
        return {}
    return {"meeting": meeting.pk, **({"taken_on": meeting.date} if meeting.kind == Meeting.Kind.CHECK_IN else {})}


@secretary_required
def position_edit(request, pk):
    position = get_object_or_404(in_secretary_bodies(request.user, Position.objects.select_related("matter", "body")),
                                 pk=pk)  # fmt: skip
    body = position.body
    if not position.taken_outside_meeting:
        messages.info(request, _("Positions taken at a meeting are written in its notes."))
        return redirect("staff:positions")
    initial = {
        "how": position.how,
        "taken_on": position.taken_on,
        "text": position.html,
        "meeting": position.meeting_id,
        "matter_title": position.matter.title if position.matter_id else "",
        "lock_version": position.lock_version,
    }
    form = PositionForm(request.POST or None, body=body, initial=initial, correcting=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.position_update(
                position=position, how=data["how"], taken_on=data["taken_on"], text=data["text"],
                matter=services.matter_for_title(body=body, title=data["matter_title"]),
                meeting=data["meeting"], reason=data["reason"], by=request.user,
                loaded_version=-1 if data["lock_version"] is None else data["lock_version"],
            )  # fmt: skip
        except services.ReasonMissing as error:
            form.add_error("reason", str(error))
        except ServiceError as error:
            form.add_error(None, str(error))
            reload_version(form, position)
        else:
            messages.success(request, _("The position was saved."))
            return redirect("staff:positions")
    return _position_page(request, body, form, position, status=400 if form.errors else 200)


@secretary_required
def compilation(request, year):
    return render(request, "staff/compilation.html", compilation_context(body=working_body(request), year=year,
                                                                           public=False))  # fmt: skip


@secretary_required
def compilation_pdf(request, year):
    return compilation_pdf_response(body=working_body(request), year=year, public=False)


@secretary_required
def assignment_list(request):
    overview = assignments_overview(body=working_body(request), today=timezone.localdate())
    return render(request, "staff/assignment_list.html", {"overview": overview, "statuses": Assignment.Status.choices})


@secretary_required
@require_POST
def assignment_status(request, pk):
    assignment = get_object_or_404(in_secretary_bodies(request.user, Assignment.objects), pk=pk)
    form = AssignmentStatusForm(request.POST)
    if form.is_valid():
        services.assignment_set_status(assignment=assignment, status=form.cleaned_data["status"], by=request.user)
        messages.success(request, _("The assignment is now: %(status)s.") % {"status": Assignment.Status(
            form.cleaned_data["status"]).label.lower()})  # fmt: skip
    else:
        messages.error(request, _("Unknown status."))
    return redirect("staff:assignments")


@secretary_required
@require_POST
def assignment_report(request, pk, assignment_pk):
    meeting = meeting_for_secretary(request.user, pk)
    assignment = get_object_or_404(Assignment, pk=assignment_pk, body=meeting.body)
    try:
        item = services.assignment_report_item_add(assignment=assignment, meeting=meeting, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(title)s” was added to the agenda.") % {"title": item.title})
    return redirect(meeting)


@secretary_required
def matter_list(request):
    matters = Matter.objects.filter(body=working_body(request), merged_into__isnull=True).order_by("title")
    return render(request, "staff/matter_list.html", {"matters": matters})


@secretary_required
def matter_detail(request, pk, deadline_form=None, rename_form=None, merge_form=None):
    matter = get_object_or_404(in_secretary_bodies(request.user, Matter.objects), pk=pk)
    if matter.merged_into_id:
        return redirect("staff:matter", pk=matter.merged_into_id)
    invalid = deadline_form or rename_form or merge_form
    return render(request, "staff/matter_detail.html", {
        "matter": matter, "timeline": matter_timeline(matter=matter, public=False),
        "merged": matter.merged.order_by("title"),
        "deadline_form": deadline_form or DeadlineForm(prefix="deadline"),
        "rename_form": rename_form or MatterRenameForm(prefix="rename", initial={
            "title": matter.title, "description": matter.description}),
        "merge_form": merge_form or MatterMergeForm(prefix="merge", matter=matter),
    }, status=400 if invalid else 200)  # fmt: skip


@secretary_required
@require_POST
def matter_rename(request, pk):
    matter = get_object_or_404(in_secretary_bodies(request.user, Matter.objects), pk=pk, merged_into__isnull=True)
    form = MatterRenameForm(request.POST, prefix="rename")
    if form.is_valid():
        try:
            services.matter_rename(matter=matter, **form.cleaned_data)
        except ServiceError as error:
            form.add_error("title", str(error))
        else:
            messages.success(request, _("The matter is now called “%(title)s”.") % {"title": matter.title})
            return redirect("staff:matter", pk=matter.pk)
    return matter_detail(request, pk, rename_form=form)


@secretary_required
@require_POST
def matter_merge(request, pk):
    matter = get_object_or_404(in_secretary_bodies(request.user, Matter.objects), pk=pk, merged_into__isnull=True)
    form = MatterMergeForm(request.POST, prefix="merge", matter=matter)
    if form.is_valid():
        try:
            into = services.matter_merge(source=matter, into=form.cleaned_data["into"])
        except ServiceError as error:
            form.add_error("into", str(error))
        else:
            messages.success(request, _("“%(source)s” is merged into “%(into)s”.") % {
                "source": matter.title, "into": into.title})  # fmt: skip
            return redirect("staff:matter", pk=into.pk)
    return matter_detail(request, pk, merge_form=form)


@secretary_required
@require_POST
def deadline_add(request, pk):
    matter = get_object_or_404(in_secretary_bodies(request.user, Matter.objects), pk=pk)
    form = DeadlineForm(request.POST, prefix="deadline")
    if not form.is_valid():
        return matter_detail(request, pk, deadline_form=form)
    services.deadline_add(matter=matter, **form.cleaned_data)
    messages.success(request, _("The deadline was added."))
    return redirect("staff:matter", pk=matter.pk)


@secretary_required
def plan(request):
    """The annual plan: by default from today until the end of next year; ``?year=`` shows any one year, past
    years too, so that the plan SRO had can be recorded as it was."""
    body = working_body(request)
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100 else None
    meetings = Meeting.objects.filter(body=body).exclude(status=Meeting.Status.CANCELLED).order_by("date")
    meetings = meetings.filter(date__year__in=[year, year + 1]) if year else meetings.filter(date__gte=today)
    areas = PlanArea.objects.filter(body=body, active=True)
    form = PlanEntryForm(request.POST or None, meetings=meetings, areas=areas, prefix="plan",
                         initial={"year": year or today.year})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_entry_add(
                body=body, matter=services.matter_for_title(body=body, title=data["matter_title"]),
                topic=data["topic"], meeting=data["meeting"], year=data["year"], quarter=data["quarter"],
                area=data["area"], plan_year=year,
            )  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The matter was planned."))
            return redirect(request.get_full_path())
    if year:  # the year's plan whole, as the public page shows it, reaching into the next year where it does
        shown = annual_plan_of_year(body=body, year=year)
    else:
        shown = annual_plan(body=body, after=today, until=today.replace(year=today.year + 1, month=12, day=31))
    shape = annual_plan_shape(body=body, year=year) if year else None
    context = {"form": form, "plan": shown, "year": year, "areas": areas, "area_form": PlanAreaForm(),
               "years": range(today.year + 1, today.year - 6, -1), "matter_titles": matter_titles(body=body),
               "shape_form": PlanShapeForm(initial={"year": year, "shape": shape}) if year else None}  # fmt: skip
    return render(request, "staff/plan.html", context, status=400 if form.errors else 200)


@secretary_required
@require_POST
def plan_shape(request):
    form = PlanShapeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the shapes."))
        return redirect("staff:plan")
    year = form.cleaned_data["year"]
    try:
        plan_shape_set(body=working_body(request), year=year, shape=form.cleaned_data["shape"])
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The annual plan %(year)s is shown in the shape chosen.") % {"year": year})
    return redirect(reverse("staff:plan") + f"?year={year}")


@secretary_required
@require_POST
def plan_area_add(request):
    form = PlanAreaForm(request.POST)
    if form.is_valid():
        try:
            area = services.plan_area_add(body=working_body(request), name=form.cleaned_data["name"])
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("“%(name)s” is a recurring area of the grid.") % {"name": area.name})
    else:
        messages.error(request, _("Name the area."))
    return redirect("staff:plan")


@secretary_required
@require_POST
def plan_area_retire(request, pk):
    area = services.plan_area_retire(area=get_object_or_404(in_secretary_bodies(request.user, PlanArea.objects), pk=pk))
    messages.success(request, _("“%(name)s” is no longer a row of its own; plans that name it keep it.")
                     % {"name": area.name})  # fmt: skip
    return redirect("staff:plan")


@secretary_required
@require_POST
def plan_entry_remove(request, pk):
    entry = get_object_or_404(in_secretary_bodies(request.user, AnnualPlanEntry.objects), pk=pk)
    services.plan_entry_remove(entry=entry)
    messages.success(request, _("“%(entry)s” was taken out of the plan.") % {"entry": entry.label})
    return redirect("staff:plan")


@secretary_required
def meeting_plan(request):
    body = working_body(request)
    form = MeetingPlanForm(
        request.POST or None,
        initial={"start_time": "13:30", "end_time": "15:30", "form": Meeting.Form.DIGITAL, "location": "Teamsmöte"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created, skipped = services.meeting_plan_create(
            body=body, dates=data["dates"], start_time=data["start_time"], end_time=data["end_time"], form=data["form"],
            location=data["location"], by=request.user,
        )  # fmt: skip
        messages.success(request, _("%(count)s meetings were planned.") % {"count": len(created)})
        if skipped:
            messages.info(request, _("Already had a meeting, so left as they were: %(dates)s.") % {
                "dates": ", ".join(f"{d:%Y-%m-%d}" for d in skipped)})  # fmt: skip
        return redirect("staff:overview")
    return render(request, "staff/meeting_plan.html", {"form": form}, status=400 if form.errors else 200)


@secretary_required
def meeting_cancel(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    form = CancelMeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        move_to = form.cleaned_data["move_to"]
        try:
            services.meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"],
                                    move_to=move_to)  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            if move_to:
                messages.success(request, _("The meeting is cancelled; its items were moved to %(date)s.") % {
                    "date": f"{move_to.date:%Y-%m-%d}"})  # fmt: skip
                return redirect(move_to)
            messages.success(request, _("The meeting is cancelled. Tell those called, and record what is decided "
                                        "per capsulam."))  # fmt: skip
            return redirect(meeting)
    return render(request, "staff/confirm.html", {
        "meeting": meeting, "title": _("Cancel the meeting of %(date)s?") % {"date": f"{meeting.date:%Y-%m-%d}"},
        "text": _("Its items and planned matters can move to another meeting, or be decided per capsulam."),
        "button": _("Cancel the meeting"), "form": form, "danger": True,
    }, status=400 if form.errors else 200)  # fmt: skip


@secretary_required
def cancellation_send(request, pk):
    """The notice of cancellation, to everyone called and invited, with a word from the secretary."""
    meeting = meeting_for_secretary(request.user, pk)
    form = CancellationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = notice_services.cancellation_send(meeting=meeting, by=request.user,
                                                     message=form.cleaned_data["message"],
                                                     token=form.cleaned_data["submission"])  # fmt: skip
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, ngettext(
                "The notice of cancellation is being sent to %(count)s person.",
                "The notice of cancellation is being sent to %(count)s people.", sent) % {"count": sent})  # fmt: skip
            return redirect(meeting)
    return render(request, "staff/confirm.html", {
        "meeting": meeting,
        "title": _("Send a notice of cancellation for %(date)s") % {"date": f"{meeting.date:%Y-%m-%d}"},
        "text": _("Everyone called and invited who has an e-mail address is told that the meeting is cancelled."),
        "button": _("Send the notice of cancellation"), "form": form,
    }, status=400 if form.errors else 200)  # fmt: skip


@secretary_required
def task_list(request):
    """The background work: e-mails sent and PDFs made, with their state, tries and errors."""
    from meetings.selectors.tasks import recent_tasks, when, worker_state

    worker = worker_state()
    return render(request, "staff/task_list.html", {"tasks": recent_tasks(user=request.user), "worker": worker,
                                                    "worker_seen": when(worker.last_seen)})  # fmt: skip
