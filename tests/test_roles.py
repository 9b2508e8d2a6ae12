import pytest
from django.contrib.auth.models import Group

from meetings.roles import CHAIR, SECRETARY, ensure_role_groups

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_secretary_drafts_notices_and_keeps_notes_but_does_not_approve():
    perms = codenames(SECRETARY)
    assert {"meetings.draft_notice", "meetings.keep_minutes", "meetings.change_agendaitem"} <= perms
    assert "meetings.approve_minutes" not in perms


def test_the_chair_approves_and_reads_but_changes_nothing():
    perms = codenames(CHAIR)
    assert "meetings.approve_minutes" in perms
    assert "meetings.view_minutes" in perms
    assert not any(p.split(".")[1].startswith(("add_", "change_", "delete_")) for p in perms)
    assert "meetings.draft_notice" not in perms


def test_groups_are_repaired_on_migrate():
    Group.objects.get(name=CHAIR).permissions.clear()
    ensure_role_groups()
    assert "meetings.approve_minutes" in codenames(CHAIR)


# members.access: who may act on a person of the shared register, and who may change their credentials

# person tied to … → user → (may act on them, may change their e-mail address or account link)
ACCESS = {
    "SRO": {"SRO secretary": (True, True), "GB secretary": (False, False), "both": (True, True),
            "SRO chair": (False, False), "superuser": (True, True)},
    "GB": {"SRO secretary": (False, False), "GB secretary": (True, True), "both": (True, True),
           "SRO chair": (False, False), "superuser": (True, True)},
    "SRO+GB": {"SRO secretary": (True, False), "GB secretary": (True, False), "both": (True, True),
               "SRO chair": (False, False), "superuser": (True, True)},
    "none": {"SRO secretary": (True, True), "GB secretary": (True, True), "both": (True, True),
             "SRO chair": (False, False), "superuser": (True, True)},
    "GB guest": {"SRO secretary": (False, False), "GB secretary": (True, True), "both": (True, True),
                 "SRO chair": (False, False), "superuser": (True, True)},
    "SRO chair's own": {"SRO secretary": (True, True), "GB secretary": (False, False), "both": (True, True),
                        "SRO chair": (False, False), "superuser": (True, True)},
}  # fmt: skip


def test_the_register_rule_for_every_tie_and_every_role(db):
    """A person tied to SRO, to GB, to both, to none, invited to a GB meeting only, or the SRO chair's own (tied by
    her account's role), against each role: the one rule (members.access) the staff pages and the admin share."""
    import datetime

    from meetings.models import Invitation
    from meetings.roles import grant
    from members.access import may_act_on, may_change_credentials
    from tests.factories import BodyFactory, MeetingFactory, MembershipFactory, PersonFactory, UserFactory

    sro, gb = BodyFactory(), BodyFactory(short_name="GB", name="Gemensam beredning")
    users = {name: UserFactory(username=name.replace(" ", "-")) for name in ACCESS["SRO"]}
    users["superuser"].is_superuser = True
    users["superuser"].save()
    grant(users["SRO secretary"], sro, "secretary")
    grant(users["GB secretary"], gb, "secretary")
    grant(users["both"], sro, "secretary")
    grant(users["both"], gb, "secretary")
    grant(users["SRO chair"], sro, "chair")
    people = {name: PersonFactory() for name in ACCESS}
    for name, bodies in (("SRO", [sro]), ("GB", [gb]), ("SRO+GB", [sro, gb])):
        for body in bodies:
            MembershipFactory(person=people[name], body=body, end_date=datetime.date(2024, 1, 1))  # sat, once
    Invitation.objects.create(meeting=MeetingFactory(body=gb), person=people["GB guest"])
    chair_account = UserFactory(username="sro-ordforande")
    grant(chair_account, sro, "chair")
    people["SRO chair's own"].user = chair_account
    people["SRO chair's own"].save()
    for tie, expected in ACCESS.items():
        for role, (act, credentials) in expected.items():
            person, user = people[tie], users[role]
            assert may_act_on(user, person) is act, (tie, role, "act")
            assert may_change_credentials(user, person) is credentials, (tie, role, "credentials")
