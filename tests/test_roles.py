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
