import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify

import members.models
from meetings.integrity import guarded_schema_change


def fill_slugs(apps, schema_editor):
    """Each body's web address from its short name: "SRO" → "sro" (one the portal uses itself gets a suffix)."""
    Body = apps.get_model("members", "Body")
    taken = set()
    for body in Body.objects.order_by("pk"):
        base = slugify(body.short_name)[:30] or f"organ-{body.pk}"
        slug, n = base, 2
        while slug in taken or slug in members.models.RESERVED_SLUGS:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        Body.objects.filter(pk=body.pk).update(slug=slug)


def roles_from_groups(apps, schema_editor):
    """The secretaries and chairs so far held their role in the one body there was: the first."""
    Body = apps.get_model("members", "Body")
    Group = apps.get_model("auth", "Group")
    StaffRole = apps.get_model("members", "StaffRole")
    first = Body.objects.order_by("pk").first()
    if first is None:
        return
    for group_name, role in (("Sekreterare", "secretary"), ("Ordförande", "chair")):
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            for user in group.user_set.all():
                StaffRole.objects.get_or_create(user=user, body=first, role=role)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0003_timestamps"),
        ("meetings", "0028_attachment_sha512"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="body",
            name="slug",
            # No index yet: the unique one below makes its own (on PostgreSQL a second "_like" index would clash).
            field=models.SlugField(max_length=40, null=True, db_index=False, verbose_name="web address"),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="body",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The body's public section: /<web address>/ (the first body, SRO, is at /).",
                max_length=40,
                unique=True,
                validators=[members.models.validate_body_slug],
                verbose_name="web address",
            ),
        ),
        migrations.CreateModel(
            name="StaffRole",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[("secretary", "Secretary"), ("chair", "Chair")], max_length=20,
                                          verbose_name="role")),  # fmt: skip
                ("body", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="staff_roles",
                                           to="members.body", verbose_name="body")),  # fmt: skip
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="staff_roles",
                                           to=settings.AUTH_USER_MODEL, verbose_name="user account")),  # fmt: skip
            ],
            options={
                "verbose_name": "staff role",
                "verbose_name_plural": "staff roles",
                "ordering": ["body__name", "role"],
                "constraints": [models.UniqueConstraint(fields=("user", "body", "role"), name="staff_role_once_per_body")],
            },
        ),
        migrations.RunPython(roles_from_groups, migrations.RunPython.noop),
    )
