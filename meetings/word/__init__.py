"""The notice and the notes as Word documents (.docx), for the secretary to send to those who ask for Word.

One source of content, two renderers: the Word file is written from the very HTML the PDF is made of
(documents/_notice.html, _minutes.html, with the same context), so the two cannot say different things. The PDF
stays the record; each Word file says so in its footer and its properties.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from meetings.dates import long_date
from meetings.models import Meeting, Minutes
from meetings.selectors import notice_context
from meetings.selectors.minutes import minutes_context
from meetings.selectors.notices import last_sent, notice_changes
from meetings.word.html import HtmlToDocx, style_document

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def notice_docx(*, meeting: Meeting) -> bytes:
    """The notice as it stands now, as the secretary's PDF shows it (the called list, every item with its clock
    times, the proposed positions, the annual plan, the welcome)."""
    version = max(meeting.notice_version, 1)
    context = notice_context(meeting=meeting, version=version)
    title = _("Revised notice") if version > 1 else _("Notice")
    return _docx(render_to_string("documents/_notice.html", context), meeting=meeting, state=_notice_state(meeting),
                 title=f"{title} {meeting.body.short_name} {long_date(meeting.date)}")  # fmt: skip


def _notice_state(meeting: Meeting) -> str:
    """Whether this is the notice as sent, or a draft: never sent, or changed since the last sending."""
    sent = last_sent(meeting=meeting)
    if sent is None:
        return _("Draft – the notice has not been sent")
    if notice_changes(meeting=meeting):
        return _("Draft – changed since version %(version)s was sent") % {"version": sent.version}
    return ""


def minutes_docx(*, minutes: Minutes) -> bytes:
    """The notes as they stand now, as their PDF shows them (attendance, what was said, the positions taken,
    assignments, the annual plan, whether and by whom they were approved)."""
    meeting = minutes.meeting
    html = render_to_string("documents/_minutes.html", minutes_context(minutes=minutes))
    title = f"{_('Meeting notes')} {meeting.body.short_name} {long_date(meeting.date)}"
    state = "" if minutes.is_frozen else _("Draft – not approved.").rstrip(".")
    return _docx(html, meeting=meeting, title=title, state=state)


def notice_docx_filename(meeting: Meeting) -> str:
    return f"Kallelse {meeting.body.short_name} {meeting.date:%Y-%m-%d}.docx"


def minutes_docx_filename(minutes: Minutes) -> str:
    return f"Minnesanteckningar {minutes.meeting.body.short_name} {minutes.meeting.date:%Y-%m-%d}.docx"


def working_copy_note() -> str:
    return _("Working copy – the published document is the PDF file")


def _docx(html: str, *, meeting: Meeting, title: str, state: str) -> bytes:
    """``state``: "" for the document as sent or approved, else what makes it a draft (in its header and
    properties, as the secretary's PDF prints "UTKAST" on every page)."""
    document = Document()
    style_document(document)
    section = document.sections[0]
    # A4 with the PDFs' margins (static/css/print.css); python-docx's own template is US Letter.
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    running_title = f"{meeting.body.short_name} – {long_date(meeting.date)}"
    _header_and_footer(section, running_title=f"{state} · {running_title}" if state else running_title)
    HtmlToDocx(document).add_html(html)
    properties = document.core_properties
    properties.title = title
    properties.author = meeting.body.name
    properties.last_modified_by = meeting.body.name
    properties.language = "sv-SE"
    properties.comments = f"{state}. {working_copy_note()}" if state else working_copy_note()
    properties.content_status = state
    properties.subject = meeting.body.subtitle or meeting.body.name
    properties.created = properties.modified = timezone.now()
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header_and_footer(section, *, running_title: str) -> None:
    header = section.header.paragraphs[0]
    header.text = running_title
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = footer.add_run(working_copy_note())
    note.italic = True
    footer.add_run(" · " + pgettext("Word footer", "Page") + " ")
    _field(footer, "PAGE")
    footer.add_run(" " + pgettext("Word footer", "of") + " ")
    _field(footer, "NUMPAGES")
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8.5)


def _field(paragraph, instruction: str) -> None:
    """A Word field (the page number, the number of pages), which Word fills in as it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
