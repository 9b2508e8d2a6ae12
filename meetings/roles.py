"""The portal's roles as Django groups, kept in step with the code on every migrate."""

from django.contrib.auth.models import Group, Permission

SECRETARY = "Sekreterare"
CHAIR = "Ordförande"

_SECRETARY_MODELS = {
    "meetings": [
        "meeting",
        "invitation",
        "substitution",
        "agendaitem",
        "presenter",
        "attachment",
        "matter",
        "position",
        "assignment",
        "minutes",
        "attendance",
        "itemnote",
        "questionanswer",
    ],
    "members": ["organisation", "party", "person", "term", "membership"],
}


def _codenames_for_secretary():
    codenames = ["meetings.draft_notice", "meetings.keep_minutes", "members.view_body"]
    for app, models in _SECRETARY_MODELS.items():
        for model in models:
            codenames += [f"{app}.{action}_{model}" for action in ("add", "change", "delete", "view")]
    return codenames


def _codenames_for_chair():
    codenames = ["meetings.approve_minutes"]
    for app, models in _SECRETARY_MODELS.items():
        codenames += [f"{app}.view_{model}" for model in models]
    return codenames


ROLE_PERMISSIONS = {SECRETARY: _codenames_for_secretary, CHAIR: _codenames_for_chair}


def _permissions(codenames):
    wanted = {tuple(c.split(".")) for c in codenames}
    perms = Permission.objects.filter(content_type__app_label__in={a for a, _ in wanted}).select_related("content_type")
    return [p for p in perms if (p.content_type.app_label, p.codename) in wanted]


def ensure_role_groups(**kwargs):
    """Create the secretary and chair groups with exactly their permissions (post_migrate)."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(codenames()))


# The roles held per body (members.StaffRole): the one place that says which bodies a user works in.
ROLE_GROUPS = {"secretary": SECRETARY, "chair": CHAIR}


def grant(user, body, role: str):
    """``user`` holds ``role`` ("secretary" or "chair") in ``body``; her group follows (see sync_groups)."""
    from members.models import StaffRole

    staff_role, _created = StaffRole.objects.get_or_create(user=user, body=body, role=role)
    return staff_role


def bodies_for(user, role: str | None = "secretary"):
    """The bodies ``user`` holds ``role`` in (any role if None); an administrator works in every body."""
    from members.access import bodies_held  # the one rule of who keeps which body

    return bodies_held(user, role)


def sync_groups(sender, instance, **kwargs):
    """A role's group (its permissions) is held while the user holds that role in some body (post_save and
    post_delete of members.StaffRole): the admin grants a role per body, and the permissions follow."""
    user = instance.user
    held = set(user.staff_roles.values_list("role", flat=True))
    for role, group_name in ROLE_GROUPS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        if role in held:
            user.groups.add(group)
        else:
            user.groups.remove(group)
