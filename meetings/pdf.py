"""HTML template → WeasyPrint → bytes; nothing else.

WeasyPrint is given a URL fetcher that serves only the portal's own static and media files from
disk: a template (or a pasted link) pointing at file:///etc/passwd or an internal address fetches
nothing.
"""

import fcntl
import gc
import hashlib
import mimetypes
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from meetings import hooks
from meetings.errors import ServiceError
from meetings.pdf_ua import claim_pdf_ua, finish_structure

# Relative URLs in the templates ("/static/…") resolve against this address, which is never fetched.
BASE_URL = "https://sro-portal.invalid/"


def _within(root: Path, relative: str) -> Path | None:
    root = root.resolve()
    candidate = (root / relative).resolve()
    return candidate if candidate.is_file() and candidate.is_relative_to(root) else None


def local_file_for(url: str) -> Path | None:
    """The file on disk behind a static or media URL of the portal, or None for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    path = unquote(parts.path)
    if path.startswith(settings.STATIC_URL):
        relative = path.removeprefix(settings.STATIC_URL)
        found = _within(Path(settings.STATIC_ROOT), relative)
        if found is None and ".." not in Path(relative).parts:
            located = finders.find(relative)
            found = Path(located) if located else None
        return found
    if path.startswith(settings.MEDIA_URL):
        return _within(Path(settings.MEDIA_ROOT), path.removeprefix(settings.MEDIA_URL))
    return None


class PortalURLFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        found = local_file_for(url)
        if found is None:
            raise ValueError(f"Not one of the portal's own files: {url}")
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": content_type})


class PdfTimeout(ServiceError):
    """Rendering took longer than PDF_RENDER_SECONDS and was stopped."""


@contextmanager
def _time_limit(seconds: float):
    """Stop what runs inside after ``seconds`` (a timer signal; gunicorn's sync workers serve each request
    in the main thread). Elsewhere, as in a threaded development server, there is no limit.

    WeasyPrint catches some exceptions to carry on, so the timer fires again every 50 ms until the
    stop gets through, and a render that finishes after its time is refused all the same. The garbage collector
    waits meanwhile: a finalizer it ran inside the render would take the stop instead and lose it ("exception
    ignored"), and the next tick could land inside Python's own report of that."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    message = _(
        "The document took more than %(seconds)s seconds to make and was stopped. "
        "Shorten it or try again; if it happens again, tell the administrator."
    ) % {"seconds": f"{seconds:g}"}
    expired = []

    def stop(signum, frame):
        expired.append(True)
        raise PdfTimeout(message)

    collecting = gc.isenabled()
    gc.disable()
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if collecting:
            gc.enable()
    if expired:
        raise PdfTimeout(message)


_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """The fonts of the PDFs (TTF, static/css/print.css), loaded once per process and thread: WeasyPrint keeps
    each @font-face it has loaded in its FontConfiguration, instead of reading and converting it per render."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str, *, claim_ua: bool = True) -> bytes:
    """HTML → an archival (PDF/A-2b), tagged PDF, within the time limit, which also claims PDF/UA-1 unless told not
    to (``meetings.pdf_ua``: its structure is mended where WeasyPrint's is not what the standard asks)."""
    with _time_limit(settings.PDF_RENDER_SECONDS):
        source = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher())
        document = source.render(pdf_variant="pdf/a-2b", pdf_tags=True, font_config=_font_config())
        if claim_ua:
            claim_pdf_ua(document)
        return document.write_pdf(pdf_variant="pdf/a-2b", pdf_tags=True, finisher=finish_structure)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to an archival (PDF/A-2b) and accessible (PDF/UA-1) PDF. The notes' seal, added later,
    keeps that: its signature fields are described and tagged (``seal.tagging``)."""
    return html_to_pdf(render_to_string(template_name, context))


def stored_pdf(template_name: str, context: dict, *, folder: str) -> tuple[str, str]:
    """The PDF of a public document, rendered once and then served from storage.

    The HTML is cheap to render and names the PDF (its SHA-256), so the PDF is made again only when
    what it shows has changed. Returns the storage name and the hash (an ETag for the response).
    """
    return stored_pdf_from_html(render_to_string(template_name, context), folder=folder)


def stored_pdf_from_html(html: str, *, folder: str) -> tuple[str, str]:
    """The PDF of a finished HTML document (a frozen one, say), made once and then served from storage.

    A PDF not yet made is made by a background task (``meetings.tasks.render_stored_pdf``): the request
    waits for it up to ``PDF_WAIT_SECONDS``, then makes it itself, under the same one-render lock (a reader is
    never sent away because no worker runs; a worker that is rendering it meanwhile is waited for, not doubled).
    """
    digest = hashlib.sha256(html.encode()).hexdigest()
    name = f"generated/{folder}/{digest}.pdf"
    if default_storage.exists(name):
        return name, digest
    html_name = f"generated/{folder}/{digest}.html"
    with one_render_at_a_time(digest):  # four first requests store the HTML once, under its own name
        if not default_storage.exists(name) and not default_storage.exists(html_name):
            default_storage.save(html_name, ContentFile(html.encode()))
    hooks.hook("render_stored_pdf").enqueue(html_name=html_name, pdf_name=name)
    deadline = time.monotonic() + settings.PDF_WAIT_SECONDS
    while not default_storage.exists(name):
        if time.monotonic() >= deadline:
            made = stored_pdf_made_here(html, folder=folder)
            default_storage.delete(html_name)  # the queued task, when it runs, finds the PDF made
            return made, digest
        time.sleep(0.1)
    return name, digest


def stored_pdf_made_here(html: str, *, folder: str) -> str:
    """The stored PDF of a finished HTML document (as ``stored_pdf_from_html`` names it), made here and now if it
    is not there yet: for a background task, which must not wait for another task. Returns the storage name."""
    digest = hashlib.sha256(html.encode()).hexdigest()
    name = f"generated/{folder}/{digest}.pdf"
    with one_render_at_a_time(digest):
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(html_to_pdf(html)))
    return name


class PdfPending(Exception):
    """The PDF is being made in the background and was not ready within the wait."""


@contextmanager
def one_render_at_a_time(digest: str):
    """A lock per document across every process and app server: a PostgreSQL advisory lock, held by a
    transaction of its own for as long as the render takes. On SQLite (one machine: the development server and
    its worker) a lock on a file beside the stored PDFs (``flock``), released by the system if the process dies."""
    if connection.vendor != "postgresql":
        # In the system's temporary folder, not among the media (a backup copies every file there).
        installation = hashlib.sha256(str(Path(settings.MEDIA_ROOT).resolve()).encode()).hexdigest()[:12]
        with open(Path(tempfile.gettempdir()) / f"sro-render-{installation}-{digest[:32]}.lock", "a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(held, fcntl.LOCK_UN)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])
        yield
