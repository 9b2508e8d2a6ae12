from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A form that created something, by the token it carried: the same form sent again (a retry after a cut
    connection, a double click) finds what it created the first time instead of creating it twice."""

    token = models.UUIDField(_("token"), unique=True)
    label = models.CharField(_("kind of object"), max_length=100)
    object_id = models.PositiveIntegerField(_("object"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")

    def __str__(self):
        return f"{self.label} {self.object_id}"

    def target(self):
        return apps.get_model(self.label).objects.get(pk=self.object_id)
