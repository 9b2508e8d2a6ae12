"""The recommendations' changes of state, each through one service: marking a position as a recommendation, sending
it to the parties, recording what a party answered, keeping the registrars' addresses, reminding. Each is locked,
checked, logged and fires its mail after commit (docs/architecture.md)."""

from recommendations.services.addresses import registrar_address_set
from recommendations.services.answers import AnswerRefused, answer_record, link_delivery
from recommendations.services.dispatch import (
    answer_token,
    dispatch_refusal,
    recipients_without_address,
    recommendation_dispatch,
)
from recommendations.services.marking import (
    document_choices,
    mark_refusal,
    recommendation_mark,
    recommendation_update,
)
from recommendations.services.reminders import recommendation_reminders_send
from recommendations.services.status import status_note_add

__all__ = [
    "AnswerRefused",
    "answer_record",
    "answer_token",
    "dispatch_refusal",
    "document_choices",
    "link_delivery",
    "mark_refusal",
    "recipients_without_address",
    "recommendation_dispatch",
    "recommendation_mark",
    "recommendation_reminders_send",
    "recommendation_update",
    "registrar_address_set",
    "status_note_add",
]
