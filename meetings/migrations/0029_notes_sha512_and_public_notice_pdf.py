import hashlib

import django.db.models.deletion
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


def sha512_of_approved_pdfs(apps, schema_editor):
    """The SHA-512 of each approved version's stored PDF, where the file is still the one approved (its SHA-256 as
    recorded); a file gone or changed is left without, and is refused where it is served anyway."""
    MinutesVersion = apps.get_model("meetings", "MinutesVersion")
    for version in MinutesVersion.objects.filter(pdf_sha512="").exclude(pdf="").only("pk", "pdf", "pdf_sha256"):
        digest256, digest512 = hashlib.sha256(), hashlib.sha512()
        try:
            with version.pdf.open("rb") as stored:
                for chunk in iter(lambda: stored.read(1 << 16), b""):
                    digest256.update(chunk)
                    digest512.update(chunk)
        except (OSError, ValueError):
            continue
        if digest256.hexdigest() == version.pdf_sha256:
            MinutesVersion.objects.filter(pk=version.pk).update(pdf_sha512=digest512.hexdigest())


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0028_attachment_sha512"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="minutesversion",
            name="pdf_sha512",
            field=models.CharField(blank=True, max_length=128, verbose_name="SHA-512 of the PDF"),
        ),
        migrations.RunPython(sha512_of_approved_pdfs, migrations.RunPython.noop),
        migrations.CreateModel(
            name="PublicNoticePdf",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="stored as")),
                ("size", models.PositiveIntegerField(verbose_name="size")),
                ("sha512", models.CharField(max_length=128, verbose_name="SHA-512")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("dispatch", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                                  related_name="public_pdf", to="meetings.noticedispatch",
                                                  verbose_name="sent notice")),  # fmt: skip
            ],
            options={
                "verbose_name": "public PDF of a sent notice",
                "verbose_name_plural": "public PDFs of sent notices",
            },
        ),
    )
