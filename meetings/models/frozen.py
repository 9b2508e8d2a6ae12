from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.agenda import split_lines
from meetings.models.meeting import Meeting, NoticeDispatch
from meetings.sanitize import clean_html, text_to_html


def public_file_count(records: list[dict]) -> int:
    """How many of a sent item's attachment records are public (``FrozenItem.public_files``)."""
    return sum(1 for record in records if record.get("is_public"))


class FrozenItem(models.Model):
    """One agenda item as a sent version of the notice, or an approved version of the notes, had it.

    The API, search and the matters' timelines read items from here (the newest sent version of a
    published notice; for a meeting whose notice was never published, the newest published version of
    its notes), never from the agenda being edited. ``item_id`` is the agenda item's id, stable across
    versions; it is no foreign key, so the record outlives a deletion. The database refuses any change.
    """

    dispatch = models.ForeignKey(
        NoticeDispatch,
        verbose_name=_("sent notice"),
        related_name="items",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    minutes_version = models.ForeignKey(
        "meetings.MinutesVersion",
        verbose_name=_("approved version"),
        related_name="items",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), related_name="sent_items", on_delete=models.PROTECT)
    # The meeting's date as this version had it: lists and search order by it through an index of their own,
    # newest first, and stop after a page (ordering through the joined meeting read every row).
    meeting_date = models.DateField(_("meeting date"), null=True, editable=False)
    item_id = models.IntegerField(_("agenda item"), db_index=True)
    parent_item_id = models.IntegerField(_("sub-item of"), null=True, blank=True)
    sequence = models.PositiveSmallIntegerField(_("place in the agenda"))
    number = models.CharField(_("number"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=30)
    kind_note = models.CharField(_("note on the kind"), max_length=100, blank=True)
    kind_label = models.CharField(_("kind as printed"), max_length=150, blank=True)
    standing = models.CharField(_("standing item"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    show_time = models.BooleanField(_("show the time"), default=True)
    start = models.TimeField(_("start"), null=True, blank=True)
    end = models.TimeField(_("end"), null=True, blank=True)
    body = models.TextField(_("text"), blank=True)
    proposal_text = models.TextField(_("proposed position"), blank=True)
    proposal_clauses = models.TextField(_("clauses of the proposed position"), blank=True)
    # The proposed positions as cleaned HTML, in order; ``proposal_text`` holds their plain text (for search).
    # Versions frozen before there could be several hold one proposal in ``proposal_text`` and its clauses.
    proposals = models.JSONField(_("proposed positions"), default=list, blank=True)
    matter = models.ForeignKey(
        "meetings.Matter",
        verbose_name=_("matter"),
        related_name="sent_items",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    matter_title = models.CharField(_("matter as sent"), max_length=300, blank=True)
    presenters = models.JSONField(_("presenters"), default=list, blank=True)
    # [{"id", "title", "is_public", "sha256", "content_type", "size", "file_name"}]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # How many of them are public, counted when the row is made (``notice_items``) and again by a restore: the
    # API's file list pages through the items that have any by an index of its own, without reading every
    # item's list of files.
    public_files = models.PositiveSmallIntegerField(_("public files"), default=0, editable=False)
    # Set by the database on PostgreSQL when the row is inserted (migration 0015), for the public search.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("agenda item as sent or approved")
        verbose_name_plural = _("agenda items as sent or approved")
        ordering = ["meeting", "sequence"]
        indexes = [
            models.Index(fields=["-meeting_date", "sequence"], name="frozenitem_newest_first"),
            # The items with public files in the API's order, with what its count and pages read of them: the
            # versions (which are public) and how many files; read from the index alone.
            models.Index(
                fields=["meeting", "sequence", "id"],
                include=["dispatch", "minutes_version", "public_files"],
                condition=models.Q(public_files__gt=0),
                name="frozenitem_with_public_files",
            ),
            # Which version each item belongs to, by meeting: the API's count of public items reads this index
            # alone (a third of a scan of the rows, which hold the items' texts and files).
            models.Index(fields=["meeting"], include=["dispatch", "minutes_version"], name="frozenitem_versions"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "item_id"], name="frozen_item_unique_in_notice"),
            models.UniqueConstraint(fields=["minutes_version", "item_id"], name="frozen_item_unique_in_notes"),
            models.CheckConstraint(
                condition=(models.Q(dispatch__isnull=False) & models.Q(minutes_version__isnull=True))
                | (models.Q(dispatch__isnull=True) & models.Q(minutes_version__isnull=False)),
                name="frozen_item_of_one_version",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    @property
    def heading(self) -> str:
        """ "4. Nytt hälso- och sjukvårdsavtal"; a break has no number."""
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def frozen_at(self):
        """When the version it belongs to was sent or approved: as a list read it (the ``frozen`` annotation of
        ``opendata.views.oparl.meetings``), or from that version."""
        if "frozen" in self.__dict__:
            return self.frozen
        return self.dispatch.sent_at if self.dispatch_id else self.minutes_version.approved_at

    @property
    def is_break(self) -> bool:
        return self.kind == "break"

    @property
    def proposal_list(self) -> list[str]:
        if self.proposals:
            return [clean_html(html) for html in self.proposals]
        if self.proposal_text or self.proposal_clauses:
            return [text_to_html(self.proposal_text, split_lines(self.proposal_clauses))]
        return []

    @property
    def public_attachments(self) -> list[dict]:
        return [a for a in self.attachments if a.get("is_public")]
