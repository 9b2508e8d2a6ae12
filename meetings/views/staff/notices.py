"""The called and the invited, the notice's preview and PDF, sending and publishing."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from meetings.forms import AddressesForm, GuestForm, InvitationForm, RecordedSendingForm, SubstitutionForm
from meetings.models import Attachment, Invitation, Substitution
from meetings.permissions import item_for_secretary, meeting_for_secretary, secretary_required
from meetings.selectors import notice_checklist, notice_context
from meetings.selectors.replies import expected_attendance
from meetings.services import ServiceError
from meetings.services import agenda as agenda_services
from meetings.services import notices as notice_services
from meetings.views.documents import attachment_response, verified_file_response
from members.access import may_change_credentials
from members.selectors import body_composition
from members.services import person_email_set


def _participants_page(request, meeting, status=200, **forms):
    context = {
        "meeting": meeting,
        "composition": body_composition(body=meeting.body, on=meeting.date),
        "expected": expected_attendance(meeting=meeting),
        "substitutions": meeting.substitutions.select_related("substitute", "replaces"),
        "invitations": meeting.invitations.select_related("person", "person__organisation"),
        "substitution_form": forms.get("substitution_form") or SubstitutionForm(meeting=meeting, prefix="sub"),
        "invitation_form": forms.get("invitation_form") or InvitationForm(prefix="invite"),
        "guest_form": forms.get("guest_form") or GuestForm(prefix="guest"),
    }
    return render(request, "staff/participants.html", context, status=status)


@secretary_required
def participants(request, pk):
    return _participants_page(request, meeting_for_secretary(request.user, pk))


@secretary_required
@require_POST
def substitution_add(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    form = SubstitutionForm(request.POST, meeting=meeting, prefix="sub")
    if not form.is_valid():
        return _participants_page(request, meeting, status=400, substitution_form=form)
    try:
        substitution = agenda_services.substitution_add(meeting=meeting, by=request.user, **form.cleaned_data)
    except ServiceError as error:
        form.add_error(None, str(error))
        return _participants_page(request, meeting, status=400, substitution_form=form)
    messages.success(request, _("%(substitution)s during the meeting.") % {"substitution": substitution})
    return redirect("staff:participants", pk=meeting.pk)


@secretary_required
@require_POST
def substitution_remove(request, pk):
    substitution = get_object_or_404(Substitution, pk=pk)
    meeting_for_secretary(request.user, substitution.meeting_id)
    agenda_services.substitution_remove(substitution=substitution, by=request.user)
    return redirect("staff:participants", pk=substitution.meeting_id)


@secretary_required
@require_POST
def invitation_add(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    if "guest-first_name" in request.POST:
        form = GuestForm(request.POST, prefix="guest")
        if not form.is_valid():
            return _participants_page(request, meeting, status=400, guest_form=form)
        data = form.cleaned_data
        person = agenda_services.guest_create(
            first_name=data["first_name"], last_name=data["last_name"], organisation=data["organisation"],
            new_organisation=data["new_organisation"], email=data["email"],
        )  # fmt: skip
    else:
        form = InvitationForm(request.POST, prefix="invite")
        if not form.is_valid():
            return _participants_page(request, meeting, status=400, invitation_form=form)
        person = form.cleaned_data["person"]
    try:
        agenda_services.invitation_add(
            meeting=meeting, person=person, description=form.cleaned_data["description"], by=request.user
        )
        messages.success(request, _("%(name)s is invited.") % {"name": person.name})
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("staff:participants", pk=meeting.pk)


@secretary_required
@require_POST
def invitation_remove(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("person"), pk=pk)
    meeting_for_secretary(request.user, invitation.meeting_id)
    agenda_services.invitation_remove(invitation=invitation, by=request.user)
    return redirect("staff:participants", pk=invitation.meeting_id)


@secretary_required
def notice_preview(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    context = notice_context(meeting=meeting)
    context["recipients"] = notice_services.notice_recipients(meeting)
    return render(request, "staff/notice_preview.html", context)


@secretary_required
def notice_pdf(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    version = max(meeting.notice_version, 1)
    pdf = notice_services.notice_pdf(meeting=meeting, version=version, draft=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = _attachment_header(notice_services.notice_filename(meeting, version))
    return response


def _attachment_header(filename: str) -> str:
    return content_disposition_header(as_attachment=True, filename=filename)


@secretary_required
def notice_send(request, pk):
    """A checklist, then the sending: what the agenda still lacks, a date past, attachments not public, and
    the recipients without an address, whose addresses can be filled in right here."""
    meeting = meeting_for_secretary(request.user, pk)
    recipients = notice_services.notice_recipients(meeting)
    # An address opens "Mina möten": only those whose credentials she may change are offered (members.access).
    without = notice_services.recipients_without_address(meeting)
    without = [person for person in without if may_change_credentials(request.user, person)]
    addresses = AddressesForm(request.POST if "save_addresses" in request.POST else None, people=without)
    if "save_addresses" in request.POST:
        if addresses.is_valid():
            saved = 0
            for person, email in addresses.addresses():
                person_email_set(person=person, email=email, by=request.user)
                saved += 1
            messages.success(request, ngettext("%(count)s address was saved.", "%(count)s addresses were saved.",
                                               saved) % {"count": saved})  # fmt: skip
            return redirect("staff:notice_send", pk=meeting.pk)
        return _send_page(request, meeting, recipients, addresses, status=400)
    recorded = RecordedSendingForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST":
        if not recorded.is_valid():  # the day entered stays in the field, with what is wrong with it
            return _send_page(request, meeting, recipients, addresses, recorded=recorded, status=400)
        try:
            dispatch = notice_services.notice_send(
                meeting=meeting, by=request.user, seen_version=_seen_version(request),
                recorded_sent_on=recorded.cleaned_data.get("recorded_sent_on"),
            )  # fmt: skip
        except notice_services.NoticeAlreadySent as error:
            # A second click (or a colleague's sending) gets the first sending's answer; nothing goes out twice.
            messages.info(request, str(error))
            return redirect(meeting)
        except ServiceError as error:
            messages.error(request, str(error))
            return redirect(meeting)
        sent = sum(1 for r in dispatch.recipients if r["email"])
        messages.success(
            request, _("The notice (version %(version)s) was sent to %(count)s recipients.") % {
                "version": dispatch.version, "count": sent
            }
        )  # fmt: skip
        missing = [r["name"] for r in dispatch.recipients if not r["email"]]
        if missing:
            messages.warning(request, _("No e-mail address, not sent to: %(names)s.") % {"names": ", ".join(missing)})
        return redirect(meeting)
    return _send_page(request, meeting, recipients, addresses, recorded=recorded)


def _seen_version(request) -> int | None:
    """The last sent version the send page showed (its hidden field); None from a page without it."""
    value = request.POST.get("seen_version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None


def _send_page(request, meeting, recipients, addresses, recorded=None, status=200):
    today = timezone.localdate()
    checklist = notice_checklist(meeting=meeting, today=today)
    # Only a meeting already past is sent with the day it was really sent (a past year entered afterwards).
    recorded = recorded if meeting.date < today or (recorded is not None and recorded.errors) else None
    context = {"meeting": meeting, "recipients": recipients, "next_version": meeting.notice_version + 1,
               "checklist": checklist, "addresses": addresses, "recorded": recorded}  # fmt: skip
    return render(request, "staff/notice_send.html", context, status=status)


@secretary_required
@require_POST
def notice_resend(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    try:
        count = notice_services.notice_resend(meeting=meeting, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, ngettext("The notice was sent again to %(count)s recipient.",
                                           "The notice was sent again to %(count)s recipients.", count)
                         % {"count": count})  # fmt: skip
    return redirect(meeting)


@secretary_required
def notice_publish(request, pk):
    meeting = meeting_for_secretary(request.user, pk)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "unpublish":
                notice_services.notice_unpublish(meeting=meeting, by=request.user)
                messages.success(request, _("The notice is no longer on the public site."))
            else:
                notice_services.notice_publish(meeting=meeting, by=request.user)
                messages.success(request, _("The notice is published on the public site."))
        except ServiceError as error:
            messages.error(request, str(error))
        return redirect(meeting)
    return render(request, "staff/confirm.html", {
        "meeting": meeting,
        "title": _("Publish the notice of %(date)s?") % {"date": f"{meeting.date:%Y-%m-%d}"},
        "text": _("Everyone can then read the agenda on the public site."),
        "button": _("Publish"),
    })  # fmt: skip


@secretary_required
def notice_undo(request, pk):
    """Put the agenda back as the last sent version had it (after a confirmation)."""
    meeting = meeting_for_secretary(request.user, pk)
    if request.method == "POST":
        try:
            lost = notice_services.notice_changes_undo(meeting=meeting, by=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The agenda is back as it was sent."))
            if lost:
                messages.warning(request, _("Deleted attachments cannot come back: %(titles)s.")
                                 % {"titles": ", ".join(lost)})  # fmt: skip
        return redirect(meeting)
    return render(request, "staff/confirm.html", {
        "meeting": meeting,
        "title": _("Undo the changes since the notice was sent?"),
        "text": _("Items added since are deleted, and changed or removed items come back as they were sent."),
        "button": _("Undo the changes"),
        "danger": True,
    })  # fmt: skip


@secretary_required
def notice_version_pdf(request, pk, version):
    """A sent version of the notice, the very PDF that was mailed, checked against its hash."""
    meeting = meeting_for_secretary(request.user, pk)
    sent = get_object_or_404(meeting.notice_dispatches, version=version)
    if not sent.pdf:
        raise Http404
    name = notice_services.notice_filename(sent.meeting_as_sent, sent.version)
    return verified_file_response(sent.pdf, sha256=sent.pdf_sha256, content_type="application/pdf", filename=name)


@secretary_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    item_for_secretary(request.user, attachment.item_id)
    return attachment_response(attachment)
