"""Meeting notes: the secretary writes and publishes them, the chair approves or returns them."""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.forms import (
    ApproveForm,
    AssignmentForm,
    AttendanceRowForm,
    CorrectionForm,
    ItemNotesForm,
    QuestionFormSet,
    ReturnForm,
    WithdrawForm,
    person_label,
    reload_version,
)
from meetings.models import Assignment, ItemNote, Minutes
from meetings.permissions import (
    chair_required,
    meeting_for_secretary,
    minutes_for_reviewer,
    minutes_for_secretary,
    secretary_required,
)
from meetings.selectors import (
    fingerprint,
    minutes_context,
    minutes_document,
    minutes_for_review,
    minutes_log,
    next_item_note,
    notes_not_yet,
    notes_warnings,
    text_changes,
)
from meetings.services import ServiceError, create_once
from meetings.services import minutes as services
from meetings.views.documents import minutes_pdf_response
from members.models import Person
from ratelimits.throttle import TooManyRequests, counted, throttle


@secretary_required
@require_POST
def minutes_start(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    try:
        minutes = services.minutes_start(meeting=meeting, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect(meeting)
    messages.success(request, _("The notes are started from the agenda. Everyone called is marked present."))
    return redirect(minutes)


@secretary_required
def minutes_detail(request, pk):
    minutes = minutes_for_secretary(request.user, pk)
    context = minutes_context(minutes=minutes)
    context.update(versions=minutes.versions.select_related("withdrawal"), log=minutes_log(minutes=minutes))
    if minutes.is_editable:
        context["warnings"] = notes_warnings(minutes=minutes)
        context["not_yet"] = notes_not_yet(minutes.meeting)
    return render(request, "staff/minutes_detail.html", context)


@secretary_required
def minutes_attendance(request, pk):
    minutes = minutes_for_secretary(request.user, pk)
    rows = list(minutes.attendance.select_related("person", "membership", "substitute"))
    forms = [
        AttendanceRowForm(
            request.POST or None,
            prefix=f"a{row.pk}",
            initial={"status": row.status, "note": row.note, "substitute": row.substitute_id},
        )
        for row in rows
    ]
    lock_version = minutes.lock_version
    if request.method == "POST":
        if not minutes.is_editable:
            messages.error(request, _("Approved notes cannot be changed; start a correction instead."))
            return redirect(minutes)
        if all(form.is_valid() for form in forms):
            try:
                services.attendance_update(
                    minutes=minutes,
                    rows=[{"attendance": row, **form.cleaned_data} for row, form in zip(rows, forms, strict=True)],
                    by=request.user,
                    loaded_version=_loaded_version(request.POST.get("lock_version")),
                )
            except ServiceError as error:
                messages.error(request, str(error))
                # What was typed stays in the forms; the page now carries the version saved meanwhile.
                lock_version = Minutes.objects.values_list("lock_version", flat=True).get(pk=minutes.pk)
            else:
                messages.success(request, _("The attendance was saved."))
                return redirect(minutes)
        else:
            lock_version = request.POST.get("lock_version", "")
    return render(
        request,
        "staff/minutes_attendance.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "rows": zip(rows, forms, strict=True),
            "lock_version": lock_version,
            "people": [
                person_label(p)
                for p in Person.objects.select_related("organisation").order_by("first_name", "last_name")
            ],
        },
        status=400 if request.method == "POST" else 200,
    )


def _loaded_version(raw) -> int:
    """The version the attendance page was loaded at, from its hidden field."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        return -1  # a version no row has: a tampered or missing field is a conflict, never a blind save


@secretary_required
def item_notes(request, pk):
    """One item's notes: what was said, the questions, the positions taken and the assignments they give.

    One form: adding an assignment saves what was typed in the notes with it, and "Save and next item"
    goes on to the next item of the agenda."""
    note = get_object_or_404(ItemNote.objects.select_related("minutes__meeting__body", "item"), pk=pk)
    minutes = minutes_for_secretary(request.user, note.minutes_id)
    positions = note.item.working_positions
    initial = {
        "lock_version": note.lock_version,
        "text": note.text,
        "closing_text": note.closing_text,
        "positions": [p.html for p in positions],
    }
    form = ItemNotesForm(request.POST or None, note=note, initial=initial)
    questions = QuestionFormSet(
        request.POST or None,
        prefix="qa",
        initial=[{"question": q.question, "answer": q.answer} for q in note.questions.all()],
    )
    # An assignment typed in is added by any of the buttons: what was typed is never dropped.
    adding = request.method == "POST" and (
        "add_assignment" in request.POST
        or any(request.POST.get(f"assign-{name}", "").strip() for name in ("assignees", "description"))
    )
    sending = request.method == "POST" and "send" in request.POST
    assignment_form = AssignmentForm(request.POST if adding else None, meeting=minutes.meeting, prefix="assign")
    status = 200
    if request.method == "POST":
        if not minutes.is_editable:
            messages.error(request, _("Approved notes cannot be changed; start a correction instead."))
            return redirect(minutes)
        valid = form.is_valid() & questions.is_valid() & (assignment_form.is_valid() if adding else True)
        if valid:
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    services.item_notes_save(
                        note=note,
                        text=data["text"],
                        closing_text=data["closing_text"],
                        questions=[(q["question"], q["answer"]) for q in questions.cleaned_data if q],
                        positions=data["positions"],
                        by=request.user,
                        loaded_version=data["lock_version"],
                    )
                    if adding:
                        given = {k: v for k, v in assignment_form.cleaned_data.items() if k != "submission"}
                        create_once(
                            token=assignment_form.cleaned_data["submission"],
                            create=lambda: services.assignment_add(note=note, by=request.user, **given),
                        )
                    if sending:
                        services.minutes_send_to_chair(minutes=minutes, by=request.user)
            except ServiceError as error:
                form.add_error(None, str(error))
                reload_version(form, note)
            else:
                if "add_assignment" in request.POST:
                    messages.success(request, _("The notes were saved and the assignment added."))
                    return redirect("staff:item_notes", pk=note.pk)
                if adding:
                    messages.success(request, _("The notes on “%(title)s” were saved and the assignment added.")
                                     % {"title": note.item.title})  # fmt: skip
                else:
                    messages.success(request, _("The notes on “%(title)s” were saved.") % {"title": note.item.title})
                if sending:
                    messages.success(request, _("The notes were sent to the chair for approval."))
                    return redirect(minutes)
                following = next_item_note(note) if "next" in request.POST else None
                return redirect("staff:item_notes", pk=following.pk) if following else redirect(minutes)
        status = 400
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "note": note,
        "form": form,
        "questions": questions,
        "assignment_form": assignment_form,
        "assignments": Assignment.objects.filter(position__in=positions).select_related("due_meeting"),
        "following": next_item_note(note),
        "can_send": minutes.status in (Minutes.Status.DRAFT, Minutes.Status.RETURNED),
        "not_yet": notes_not_yet(minutes.meeting),
    }
    return render(request, "staff/item_notes.html", context, status=status)


def _confirm(request, minutes, *, title, text, button, form=None, danger=False, status=200, warnings=(), refusal=""):
    return render(
        request,
        "staff/confirm.html",
        {"meeting": minutes.meeting, "title": title, "text": text, "button": button, "form": form, "danger": danger,
         "cancel_url": minutes.get_absolute_url(), "warnings": warnings, "refusal": refusal},
        status=status,
    )  # fmt: skip


@secretary_required
def minutes_send(request, pk):
    minutes = minutes_for_secretary(request.user, pk)
    if request.method == "POST":
        try:
            services.minutes_send_to_chair(minutes=minutes, by=request.user)
            messages.success(request, _("The notes were sent to the chair for approval."))
        except ServiceError as error:
            messages.error(request, str(error))
        return redirect(minutes)
    return _confirm(
        request,
        minutes,
        title=_("Send the notes to the chair?"),
        text=_("The chair and the vice chair get an e-mail with a link. You cannot edit the notes while they read."),
        button=_("Send to the chair"),
        warnings=notes_warnings(minutes=minutes),
        refusal=notes_not_yet(minutes.meeting),
    )


@secretary_required
def minutes_publish(request, pk):
    minutes = minutes_for_secretary(request.user, pk)
    if request.method == "POST":
        try:
            services.minutes_publish(minutes=minutes, by=request.user)
            messages.success(request, _("The notes are published on the public site."))
        except ServiceError as error:
            messages.error(request, str(error))
        return redirect(minutes)
    return _confirm(
        request,
        minutes,
        title=_("Publish the approved notes?"),
        text=_("Everyone can then read them and download the PDF on the public site."),
        button=_("Publish"),
    )


@secretary_required
def minutes_correct(request, pk):
    minutes = minutes_for_secretary(request.user, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(minutes=minutes, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("A new version is started. The approved version stays as it is."))
            return redirect(minutes)
        except ServiceError as error:
            form.add_error(None, str(error))
    return _confirm(
        request,
        minutes,
        title=_("Correct the approved notes?"),
        text=_("A correction is a new version that the chair approves again. Both versions are kept."),
        button=_("Start a correction"),
        form=form,
        status=400 if form.errors else 200,
    )


@secretary_required
def minutes_withdraw(request, pk):
    """Take a published version down from the public site (GDPR), with the reason for the log."""
    minutes = minutes_for_secretary(request.user, pk)
    versions = list(minutes.versions.public().order_by("-version"))
    form = WithdrawForm(request.POST or None, versions=versions, initial={"version": versions[0].version}
                        if versions else None)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        version = next(v for v in versions if v.version == form.cleaned_data["version"])
        try:
            services.minutes_withdraw(version=version, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Version %(version)s is withdrawn from the public site. The record and the "
                                        "archive keep it.") % {"version": version.version})  # fmt: skip
            return redirect(minutes)
        except ServiceError as error:
            form.add_error(None, str(error))
    if not versions:
        messages.error(request, _("No version of these notes is on the public site."))
        return redirect(minutes)
    return _confirm(
        request,
        minutes,
        title=_("Withdraw a version from the public site?"),
        text=_("It leaves the public site, the open data, search and the feeds; it is not deleted, and the log "
               "says who withdrew it and why. An older published version is shown instead unless it is "
               "withdrawn too. Approved notes are otherwise corrected with a new version."),
        button=_("Withdraw from the public site"),
        form=form,
        danger=True,
        status=400 if form.errors else 200,
    )  # fmt: skip


@secretary_required
def version_pdf(request, pk, version):
    minutes = minutes_for_secretary(request.user, pk)
    stored = get_object_or_404(minutes.versions, version=version)
    return minutes_pdf_response(stored)


@chair_required
def review_list(request):
    return render(request, "staff/review_list.html", {"waiting": minutes_for_review(user=request.user)})


@chair_required
def minutes_review(request, pk, approve_form=None, return_form=None, status=200, changed=None):
    """The notes as the chair reads them; the approval form carries the fingerprint of exactly this page."""
    minutes = minutes_for_reviewer(request.user, pk)
    document = minutes_document(minutes=minutes)
    approve_form = approve_form or ApproveForm(prefix="approve", meeting=minutes.meeting)
    read = fingerprint(document)
    if approve_form.is_bound:  # shown again after an error: a new try approves what is shown now
        approve_form.data = approve_form.data.copy()
        approve_form.data[approve_form.add_prefix("read")] = read
        for name in ("password", "code"):
            if approve_form.has_error(name):  # the error is next to its field, and the cursor in it
                approve_form.fields[name].widget.attrs["autofocus"] = True
    else:
        approve_form.initial["read"] = read
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "document": document,
        "approve_form": approve_form,
        "return_form": return_form or ReturnForm(prefix="return"),
        "log": minutes_log(minutes=minutes),
        "waiting": minutes.status == Minutes.Status.SENT_TO_CHAIR,
        "changed": changed,  # what changed while she read
        "since_returned": text_changes(minutes.returned_html, document) if minutes.returned_html else None,
    }
    return render(request, "staff/minutes_review.html", context, status=status)


def _approval_key(request) -> str:
    return f"approval-password:{request.user.pk}"


def _approval_cooloff() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


@chair_required
@require_POST
def minutes_approve(request, pk):
    """Approve with the password (and code). Wrong approval passwords are counted for the signed-in chair herself:
    failed logins by others with her user name (django-axes) do not stop her approving, and her own wrong ones are
    limited like logins."""
    minutes = minutes_for_reviewer(request.user, pk)
    form = ApproveForm(request.POST, prefix="approve", meeting=minutes.meeting)
    changed = None
    if counted(_approval_key(request), seconds=_approval_cooloff()) >= settings.AXES_FAILURE_LIMIT:
        form.add_error(None, _("Too many wrong passwords. Wait %(minutes)s minutes and try again.")
                       % {"minutes": _approval_cooloff() // 60})  # fmt: skip
    elif form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_approve(minutes=minutes, by=request.user, password=data["password"],
                                     code=data.get("code", ""), read=data["read"],
                                     recorded_approved_on=data.get("recorded_approved_on"))  # fmt: skip
        except services.WrongPasswordError as error:
            with contextlib.suppress(TooManyRequests):
                throttle(_approval_key(request), limit=settings.AXES_FAILURE_LIMIT, seconds=_approval_cooloff())
            form.add_error("password", str(error))
        except services.RecordedDateError as error:
            form.add_error("recorded_approved_on", str(error))
        except services.ContentChangedError as error:
            form.add_error(None, str(error))
            changed = error.changes
        except ServiceError as error:
            form.add_error("code" if "code" in form.fields else None, str(error))
        else:
            if minutes.meeting.body.publish_on_approval:
                messages.success(request, _("You approved the notes. They are now published on the public site."))
            else:
                messages.success(request, _("You approved the notes. The secretary can now publish them."))
            return redirect("staff:review_list")
    return minutes_review(request, pk, approve_form=form, status=400, changed=changed)


@chair_required
@require_POST
def minutes_return(request, pk):
    minutes = minutes_for_reviewer(request.user, pk)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        try:
            services.minutes_return(minutes=minutes, by=request.user, comment=form.cleaned_data["comment"])
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The notes were sent back to the secretary with your comment."))
            return redirect("staff:review_list")
    return minutes_review(request, pk, return_form=form, status=400)
