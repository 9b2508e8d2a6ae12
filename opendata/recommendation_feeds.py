"""An Atom feed of the decisions the parties recorded on a body's recommendations (RFC 4287: every entry with its
``<updated>``, the feed with its ``<author>``)."""

from django.conf import settings
from django.utils.translation import gettext as _

from meetings.dates import long_date
from meetings.paths import path
from opendata.feeds import _BodyFeed
from recommendations.selectors.public import recorded_decisions
from recommendations.selectors.standing import state_label


class RecommendationDecisionsFeed(_BodyFeed):
    def get_object(self, request, body=None, everywhere=False):
        return super().get_object(request, body=body)

    def title(self, obj):
        return _("%(body)s: decisions on its recommendations") % {"body": obj.short_name}

    def subtitle(self, obj):
        return _("What the region and the municipalities decided on the recommendations of %(body)s, as each "
                 "decision is recorded.") % {"body": obj.short_name}  # fmt: skip

    def link(self, obj):
        return self._section("public:recommendations", obj)

    def items(self, obj):
        return recorded_decisions(body=obj)

    def item_title(self, item):
        return _("%(party)s: %(standing)s – %(recommendation)s") % {
            "party": item.principal.common_name,
            "standing": state_label(item.outcome),
            "recommendation": item.recommendation.title,
        }

    def item_description(self, item):
        date = long_date(item.decided_on)
        text = _("Decided %(date)s.") % {"date": date}
        if item.decided_by:
            by = item.get_decided_by_display()
            text = _("Decided %(date)s by %(decided_by)s.") % {"date": date, "decided_by": by}
        if item.corrects_id:
            text += " " + _("A correction: %(reason)s") % {"reason": item.correction_reason}
        return text

    def item_link(self, item):
        return path("public:recommendation", pk=item.recommendation_id) + f"#party-{item.principal_id}"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/recommendations/{item.recommendation_id}/answers/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.recorded_at

    def item_updateddate(self, item):
        # An entry is never changed: a correction is an entry of its own.
        return item.recorded_at
