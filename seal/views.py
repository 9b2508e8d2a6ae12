"""The public page "Kontrollera ett dokument": is this PDF an approved version of the notes, and is its seal valid?"""

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ratelimits.throttle import TooManyRequests, throttle
from seal.forms import VerifyForm
from seal.verify import verify as run_verification
from sro_portal.client_ip import client_ip


class _InMemory(MemoryFileUploadHandler):
    """Up to VERIFY_MAX_MB, the uploaded PDF is read in memory: never written anywhere, not even to a temporary
    file."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = content_length <= _limit()


def _limit() -> int:
    return settings.VERIFY_MAX_MB * 1024 * 1024 + 64 * 1024  # the file, and the form around it


@csrf_exempt
def verify(request):
    request.upload_handlers = [_InMemory(request)]
    return _verify(request)


@csrf_protect
def _verify(request):
    if request.method == "POST" and _content_length(request) > _limit():
        refused = _("The file is larger than %(size)s.") % {"size": f"{settings.VERIFY_MAX_MB} MB"}
        return render(request, "seal/verify.html", {"form": VerifyForm(), "refused": refused}, status=413)  # unread
    # A SHA-256 may come in the address: the notes page links it.
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm(request.GET or None)
    verdict = None
    if form.is_bound and form.is_valid():
        document = form.cleaned_data.get("document")
        if document:
            try:  # each file costs a process and up to VERIFY_SECONDS: counted per visitor
                throttle(f"verify:{client_ip(request)}", limit=settings.VERIFY_PER_HOUR)
            except TooManyRequests:
                form.add_error(None, _("Too many files checked from your address. Try again in an hour."))
                return render(request, "seal/verify.html", {"form": form}, status=429)
            verdict = run_verification(pdf=document.read())
        else:
            verdict = run_verification(sha256=form.cleaned_data["sha256"])
    status = 400 if form.errors else 200
    return render(request, "seal/verify.html", {"form": form, "verdict": verdict}, status=status)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
