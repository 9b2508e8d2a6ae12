"""The alert mails, sent by the background worker after a publication (see ``alerts.services.published``)."""

from django_tasks import task


@task()
def send_alerts(*, minutes_version_id: int | None = None, position_id: int | None = None, answer_id: int | None = None):
    from alerts.services import alerts_for, alerts_for_decision, alerts_for_position
    from meetings.models import MinutesVersion
    from meetings.selectors.registers import visible_positions

    if answer_id is not None:
        from recommendations.selectors.public import public_decision

        answer = public_decision(pk=answer_id)
        return 0 if answer is None else alerts_for_decision(answer=answer)  # no decision, or not public: nobody
    if position_id is not None:
        position = visible_positions(public=True).select_related("body", "matter").filter(pk=position_id).first()
        return 0 if position is None else alerts_for_position(position=position)  # gone or not public: nobody
    version = MinutesVersion.objects.public().select_related("minutes__meeting__body").filter(pk=minutes_version_id)
    version = version.first()
    if version is None:
        return 0  # not public (any more): nobody is told
    return alerts_for(minutes_version=version)
