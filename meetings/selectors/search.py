"""Search across what the public may read: published notes, positions, agenda items and matters.

On PostgreSQL it is full-text search with the Swedish configuration: "kommunerna" finds "kommun",
the newest come first, and the passage that matched is highlighted by ``ts_headline``. The vectors are
stored in a column by the database (migrations 0008 and 0015) and GIN-indexed, so a search reads the
index and computes no vector, even for a word that occurs almost everywhere.

On SQLite (the embedded default for a developer's machine) it is a simpler fallback: every word
must occur somewhere in the text, newest first, highlighted in Python.

Each kind of result is one query, whatever the amount of data.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings.models import AgendaItem, Attachment, DocumentText, FrozenItem, Matter
from meetings.selectors.notices import public_attachment_records, public_items
from meetings.selectors.public import newest_published_versions
from meetings.selectors.registers import position_subject, positions_queryset, public_matters

CONFIG = "swedish"
LIMIT = 20  # results per kind; the page says when there are more
START, STOP = "⟦", "⟧"  # ts_headline's marks, turned into <mark> after escaping

# What each kind searches: table → fields. The notes, positions and the agenda as sent have their vector
# stored in a column (migrations 0008, 0015); the matters, few and short, have an expression index (0007).
VECTORS = {
    "meetings_minutesversion": ["html"],
    "meetings_position": ["text", "clauses"],
    "meetings_frozenitem": ["title", "body", "proposal_text"],  # the agenda as sent (migration 0010)
    "meetings_matter": ["title", "description"],
    "meetings_documenttext": ["text"],  # the text read out of the public attachments (meetings.documents)
}
STORED_VECTORS = {
    "meetings_minutesversion": "search_vector",
    "meetings_position": "search_vector",
    "meetings_frozenitem": "search_vector",
    "meetings_documenttext": "search_vector",
}


def search_vector(queryset):
    table = queryset.model._meta.db_table
    if table in STORED_VECTORS:
        return F(STORED_VECTORS[table])
    return SearchVector(*VECTORS[table], config=CONFIG)


@dataclass
class Hit:
    title: str
    url: str
    date: object
    snippet: SafeString
    label: str = ""
    body: str = ""  # the body's short name, when every body was searched


@dataclass
class SearchResults:
    query: str
    year: int | None
    groups: list[tuple[str, str, list[Hit], bool]]  # (key, heading, hits, more than shown)
    everywhere: bool = False  # every body's record was searched, not one body's

    @property
    def count(self) -> int:
        return sum(len(hits) for _key, _heading, hits, _more in self.groups)


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _strip_html(field: str) -> Func:
    return Func(F(field), Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace")


def _from_headline(text: str) -> SafeString:
    """ts_headline's text with its marks, as safe HTML: escaped first, then <mark> put in."""
    text = escape(" ".join(html.unescape(text or "").split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # escaped above


def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query) if len(w) > 1][:10]


# A block's edge is a word's edge ("Mötesform: Teamsmöte", not "Mötesform:Teamsmöte"); an inline tag is not.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|section|header|footer|article|"
    r"blockquote|figure|figcaption|caption|nav|aside|main)\b[^>]*>",
    re.IGNORECASE,
)


def _highlight(text: str, words: list[str], width: int = 220) -> SafeString:
    """A passage of plain text around the first word found, each word marked (the SQLite fallback)."""
    text = " ".join(html.unescape(strip_tags(_BLOCK_TAG.sub(" ", text or ""))).split())
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - width // 3) if match else 0
    passage = text[start : start + width]
    prefix, suffix = ("… " if start else ""), (" …" if start + width < len(text) else "")
    if pattern is None:
        return mark_safe(escape(prefix + passage + suffix))  # escaped
    parts, last = [], 0
    for found in pattern.finditer(passage):
        parts += [escape(passage[last : found.start()]), f"<mark>{escape(found.group())}</mark>"]
        last = found.end()
    parts.append(escape(passage[last:]))
    return mark_safe(escape(prefix) + "".join(parts) + escape(suffix))  # every part escaped


def _position_context(query: str):
    """What a position is also found by: the matter it stands under and the title of its item as approved ("psykisk
    hälsa" finds the positions under "Statsbidrag psykisk hälsa", whose own words need not say it). On PostgreSQL a
    Q of the matching matters and items (the matters' expression index, migration 0007); on SQLite, per word."""
    if _uses_postgres():
        search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
        matters = Matter.objects.annotate(found=SearchVector(*VECTORS["meetings_matter"], config=CONFIG))
        items = FrozenItem.objects.filter(minutes_version__isnull=False).annotate(
            found=SearchVector("title", config=CONFIG)
        )
        return Q(matter__in=matters.filter(found=search_query).values("pk")) | Q(
            item_id__in=items.filter(found=search_query).values("item_id")
        )

    def per_word(word: str) -> Q:
        titles = FrozenItem.objects.filter(minutes_version__isnull=False, title__icontains=word).values("item_id")
        return Q(matter__title__icontains=word) | Q(item_id__in=titles)

    return per_word


def _matching(queryset, query: str, snippet_field: str, *, html_field: bool, also=None):
    """The queryset narrowed to the query, with a highlighted passage (the caller orders it, newest first).
    ``also``: what else finds a row (``_position_context``)."""
    fields = VECTORS[queryset.model._meta.db_table]
    if _uses_postgres():
        search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
        source = _strip_html(snippet_field) if html_field else F(snippet_field)
        found = Q(found=search_query) | also if also is not None else Q(found=search_query)
        return (
            queryset.annotate(found=search_vector(queryset))
            .filter(found)
            .annotate(
                headline=SearchHeadline(
                    source,
                    search_query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
        )
    condition = Q()
    for word in _words(query):
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        if also is not None:
            any_field |= also(word)
        condition &= any_field
    return queryset.filter(condition)


def _snippet(obj, words: list[str], field: str) -> SafeString:
    if hasattr(obj, "headline"):
        return _from_headline(obj.headline)
    return _highlight(getattr(obj, field), words)


def _take(queryset) -> tuple[list, bool]:
    rows = list(queryset[: LIMIT + 1])
    return rows[:LIMIT], len(rows) > LIMIT


def _of_body(queryset, body, path: str):
    """Of one body; of every body when ``body`` is None (the body then read with each row, to name it)."""
    if body is None:
        return queryset.select_related(path)
    return queryset.filter(**{path: body})


def search(*, body, query: str, year: int | None = None) -> SearchResults:
    """Published notes, public positions, public agenda items, public matters and public attachments matching
    the query: of one body, or of every body (``body=None``)."""
    query = " ".join(query.split())[:200]
    words = _words(query)
    groups = []
    everywhere = body is None
    if not words:
        return SearchResults(query=query, year=year, groups=[], everywhere=everywhere)

    minutes = _of_body(newest_published_versions(), body, "minutes__meeting__body").select_related("minutes__meeting")
    if year:
        minutes = minutes.filter(minutes__meeting__announced_date__year=year)
    minutes = _matching(minutes, query, "html", html_field=True)
    minutes = minutes.order_by("-minutes__meeting__announced_date")
    rows, more = _take(minutes)
    hits, by_people = [], []
    for v in rows:
        hit = Hit(
            title=_("Meeting notes of %(date)s") % {"date": _date(v.minutes.meeting.date)},
            url=reverse("public:minutes", kwargs={"pk": v.minutes.meeting_id}),
            date=v.minutes.meeting.date,
            snippet=_snippet(v, words, "html"),
            body=v.minutes.meeting.body.short_name if everywhere else "",
        )
        (by_people if _only_in_people(v.html, words) else hits).append(hit)
    groups.append(("minutes", pgettext("search results", "Meeting notes"), hits, more))

    positions = positions_queryset(body=body, public=True)
    if year:
        positions = positions.filter(taken_on__year=year)
    positions = _matching(positions, query, "text", html_field=False, also=_position_context(query))
    positions = positions.order_by("-taken_on", "pk")
    rows, more = _take(positions)
    hits = []
    for position in rows:
        meeting_id = position.agenda_meeting_id or position.meeting_id
        if position.matter_id:
            url = reverse("public:matter", kwargs={"pk": position.matter_id})
        elif meeting_id is not None:
            url = reverse("public:meeting", kwargs={"pk": meeting_id})
        else:
            url = reverse("public:compilation", kwargs={"year": position.taken_on.year})
        hits.append(
            Hit(
                title=position_subject(position) or position.get_how_display(),
                url=url,
                date=position.taken_on,
                snippet=_snippet(position, words, "text"),
                label=position.get_how_display() if position.taken_outside_meeting else "",
                body=position.body.short_name if everywhere else "",
            )
        )
    groups.append(("positions", _("Positions"), hits, more))

    items = (
        _of_body(public_items(), body, "meeting__body").exclude(kind=AgendaItem.Kind.BREAK).select_related("meeting")
    )
    if year:  # the meeting's date as the item's version has it, as every public read of the item
        items = items.filter(meeting_date__year=year)
    items = _matching(items, query, "body", html_field=True)
    items = items.order_by("-meeting_date", "sequence")
    rows, more = _take(items)
    hits = [
        Hit(
            title=item.title,
            url=reverse("public:meeting", kwargs={"pk": item.meeting_id}) + f"#item-{item.item_id}",
            date=item.meeting_date,
            snippet=_snippet(item, words, "body") if item.body else mark_safe(""),
            body=item.meeting.body.short_name if everywhere else "",
        )
        for item in rows
    ]
    groups.append(("items", _("Agenda items"), hits, more))

    matters = public_matters(body=body)
    if everywhere:
        matters = matters.select_related("body")
    if year:
        in_year = public_items().filter(matter=OuterRef("pk"), meeting_date__year=year)
        positions_in_year = positions_queryset(body=body, public=True).filter(
            matter=OuterRef("pk"), taken_on__year=year
        )
        matters = matters.filter(Exists(in_year) | Exists(positions_in_year))
    matters = _matching(matters, query, "title", html_field=False)
    matters = matters.order_by("title")
    rows, more = _take(matters)
    hits = [
        Hit(
            title=matter.title,
            url=reverse("public:matter", kwargs={"pk": matter.pk}),
            date=None,
            snippet=_snippet(matter, words, "title"),
            body=matter.body.short_name if everywhere else "",
        )
        for matter in rows
    ]
    groups.append(("matters", _("Matters"), hits, more))
    groups.append(("documents", _("Attachments"), *_documents(body=body, query=query, words=words, year=year)))
    # Notes found only by a name or a title of someone there (a guest's job title) answer another question: apart,
    # last. What SRO said (its positions) comes first when it said anything on the subject.
    groups.append(("people", _("Meeting notes that name the words only among the people"), by_people, False))
    groups.sort(key=lambda group: group[0] != "positions" or not group[2])
    return SearchResults(query=query, year=year, groups=groups, everywhere=everywhere)


# The parts of the notes that name people: the invited with their titles, the members, the absent, the presenters.
_PEOPLE_PARTS = re.compile(
    r'<section class="doc-members".*?</section>|<p class="agenda-presenters">.*?</p>'
    r"|<dt>Inbjudna:</dt>\s*<dd>.*?</dd>|<p>Frånvarande:.*?</p>",
    re.DOTALL,
)


def _only_in_people(html_text: str, words: list[str]) -> bool:
    """Whether the notes hold the words only where they name people (not in what was said or taken). The words'
    stems are looked for, as PostgreSQL's Swedish search found "kommunerna" by "kommun"."""
    rest = strip_tags(_PEOPLE_PARTS.sub(" ", html_text or "")).lower()
    stems = [w.lower()[: max(4, len(w) - 2)] for w in words]
    return not all(stem in rest for stem in stems)


def _documents(*, body, query: str, words: list[str], year: int | None) -> tuple[list[Hit], bool]:
    """The public attachments whose text matches: only files a published notice sent as public, and only the
    text read from that very file (its SHA-256). A scan without text is found by its title alone, and says so."""
    # The files that could be hits first (a text that matches, or a scan), then the public records of only those:
    # the work follows what matches, not every attachment of thirty years.
    read = DocumentText.objects.exclude(state=DocumentText.State.SCANNED)
    candidates = _matching(read, query, "text", html_field=False).values("attachment_id")
    scanned = DocumentText.objects.filter(state=DocumentText.State.SCANNED).values("attachment_id")
    items = Attachment.objects.filter(Q(pk__in=candidates) | Q(pk__in=scanned)).values_list("item_id", flat=True)
    sent = {}
    for row, record in public_attachment_records(body_pk=body.pk if body else None, item_ids=list(items)):
        if not year or (row.meeting_date and row.meeting_date.year == year):
            sent.setdefault(record["id"], (row, record))
    texts = read.filter(attachment_id__in=list(sent))
    rows, more = _take(_matching(texts, query, "text", html_field=False).order_by("-attachment_id"))
    title_words = [w.lower() for w in words]
    scans = DocumentText.objects.filter(attachment_id__in=list(sent), state=DocumentText.State.SCANNED)
    rows += [scan for scan in scans if all(w in sent[scan.attachment_id][1]["title"].lower() for w in title_words)]
    hits = []
    for text in rows:
        row, record = sent[text.attachment_id]
        if text.sha256 != record.get("sha256"):
            continue  # the file changed since it was sent: its text is not the one the public can download
        scanned = text.state == DocumentText.State.SCANNED
        hits.append(Hit(
            title=record["title"], url=reverse("public:attachment", kwargs={"pk": record["id"]}),
            date=row.meeting_date, label=_("Scanned, no searchable text") if scanned else _("Attachment"),
            snippet=mark_safe("") if scanned else _snippet(text, words, "text"),
        ))  # fmt: skip
    return hits, more


def _date(value) -> str:
    return date_format(value, "j F Y")
