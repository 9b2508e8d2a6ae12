"""What the public reads now, kept by the database: of each meeting, the notice version and the notes version;
and which matters the public may know of.

Both follow from the record (a notice is published, a version of the notes is published or withdrawn); they
are kept as rows so that every public read is a plain lookup, not a search over the versions for the newest
one not withdrawn (which Django built and PostgreSQL planned anew in every public query). Triggers maintain
them below every path (``meetings.public_state``); the portal never writes them. Each row's key is its notes'
or meeting's own, so a rebuild gives every row back as it was.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting, NoticeDispatch
from meetings.models.minutes import Minutes, MinutesVersion
from meetings.models.positions import Matter


class PublicVersion(models.Model):
    """The version of a meeting's notes the public reads: the newest published one not withdrawn."""

    minutes = models.OneToOneField(
        Minutes, verbose_name=_("meeting notes"), related_name="public_version", on_delete=models.CASCADE,
        primary_key=True,
    )  # fmt: skip
    version = models.OneToOneField(
        MinutesVersion, verbose_name=_("approved version"), related_name="public", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("public version of the notes")
        verbose_name_plural = _("public versions of the notes")

    def __str__(self):
        return str(self.version_id)


class PublicNotice(models.Model):
    """The sent version of a meeting's notice the public reads: that of the published notice."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), related_name="public_notice", on_delete=models.CASCADE, primary_key=True
    )
    dispatch = models.OneToOneField(
        NoticeDispatch, verbose_name=_("sent notice"), related_name="public", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("public version of the notice")
        verbose_name_plural = _("public versions of the notice")

    def __str__(self):
        return str(self.dispatch_id)


class PublicMatter(models.Model):
    """A matter the public may know of: on a published agenda or notes, with a public position, or planned
    (itself or a matter merged into it). One that is merged into another is known through the other."""

    matter = models.OneToOneField(
        Matter, verbose_name=_("matter"), related_name="public", on_delete=models.CASCADE, primary_key=True
    )

    class Meta:
        verbose_name = _("public matter")
        verbose_name_plural = _("public matters")

    def __str__(self):
        return str(self.matter_id)
