"""A matter's recommendations on its timeline (the hook ``matter_timeline_extra``: the matter's page lives in
meetings, below this app). Public: the sent ones, from the day they went to the parties, with where they stand."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.selectors.registers import TimelineEvent
from recommendations.selectors.public import public_recommendations
from recommendations.selectors.standing import standing_counts


def matter_timeline_events(*, matter_ids: list[int], public: bool) -> list[TimelineEvent]:
    """One event per recommendation of a position on these matters (one query; two more where there are any)."""
    found = list(public_recommendations().filter(position__matter__in=matter_ids))
    if not public:  # the staff timeline also shows those marked but not yet sent
        from recommendations.models import Recommendation

        sent = {r.pk for r in found}
        found += [r for r in Recommendation.objects.filter(position__matter__in=matter_ids).select_related("position")
                  if r.pk not in sent]  # fmt: skip
    if not found:
        return []
    counts = standing_counts(found)
    events = []
    for recommendation in found:
        sent_at = getattr(recommendation, "sent_at", None)
        if sent_at is None:
            text = _("%(title)s (not yet sent)") % {"title": recommendation.title}
            date = recommendation.position.taken_on
        else:
            text = f"{recommendation.title}: {counts[recommendation.pk].sentence}"
            date = timezone.localdate(sent_at)
        url = reverse("public:recommendation", kwargs={"pk": recommendation.pk}) if sent_at else ""
        events.append(TimelineEvent(date=date, kind="recommendation", label=_("Recommendation to the parties"),
                                    text=text, url=url))  # fmt: skip
    return events
