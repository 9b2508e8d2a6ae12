"""The alert mails, sent by the background worker after a publication (see ``alerts.services.published``)."""

from django_tasks import task


@task()
def send_alerts(*, minutes_version_id: int):
    from alerts.services import alerts_for
    from meetings.models import MinutesVersion

    version = MinutesVersion.objects.select_related("minutes__meeting__body").filter(pk=minutes_version_id).first()
    if version is None or version.published_at is None:
        return 0  # not public (any more): nobody is told
    return alerts_for(minutes_version=version)
