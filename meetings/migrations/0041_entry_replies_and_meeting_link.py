"""A called member's answer to the notice (``NoticeReply``), and a meeting's link for the called alone
(``Meeting.online_link``). SQLite rebuilds the meeting's table to add a column: the guard is lifted around it."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from meetings.integrity import guarded_schema_change


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0040_meeting_state_as_published"),
        ("members", "0004_body_sections_and_staff_roles"),
    ]

    operations = guarded_schema_change(
        migrations.AddField(
            model_name="meeting",
            name="online_link",
            field=models.URLField(
                blank=True,
                help_text="For a digital or hybrid meeting: the link to join it. Only the called and invited see it.",
                max_length=500,
                verbose_name="meeting link",
            ),
        ),
        migrations.AlterField(
            model_name="meetinglogentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("meeting_created", "Meeting created"),
                    ("agenda_item_saved", "Agenda item saved"),
                    ("agenda_item_deleted", "Agenda item deleted"),
                    ("agenda_reordered", "Agenda reordered"),
                    ("agenda_items_copied", "Items taken from the previous meeting or the annual plan"),
                    ("presenter_added", "Presenter added"),
                    ("presenter_removed", "Presenter removed"),
                    ("attachment_added", "Attachment added"),
                    ("attachment_deleted", "Attachment deleted"),
                    ("guest_invited", "Guest invited"),
                    ("guest_removed", "Guest removed"),
                    ("substitute_added", "Substitute noted"),
                    ("substitute_removed", "Substitute removed"),
                    ("notice_answered", "A member answered the notice"),
                    ("notice_sent", "Notice sent"),
                    ("notice_published", "Notice published"),
                    ("notice_unpublished", "Notice unpublished"),
                    ("notice_changes_undone", "Changes since the notice was sent undone"),
                    ("meeting_saved", "Meeting saved"),
                    ("minutes_started", "Notes started"),
                    ("attendance_saved", "Attendance saved"),
                    ("item_notes_saved", "Notes on an item saved"),
                    ("assignment_added", "Assignment added"),
                    ("minutes_sent_to_chair", "Notes sent to the chair"),
                    ("minutes_returned", "Notes sent back by the chair"),
                    ("minutes_approved", "Notes approved"),
                    ("minutes_approval_refused", "Approval refused: the notes had changed"),
                    ("minutes_published", "Notes published"),
                    ("minutes_withdrawn", "A version of the notes withdrawn from the public site"),
                    ("minutes_correction_started", "Correction started"),
                    ("meeting_cancelled", "Meeting cancelled"),
                    ("cancellation_sent", "Notice of cancellation sent"),
                    ("notice_resent", "Notice sent again to those not reached"),
                    ("assignment_report_added", "Report-back item added"),
                    ("assignments_reported", "Assignments reported back"),
                ],
                max_length=50,
                verbose_name="action",
            ),
        ),
        migrations.CreateModel(
            name="NoticeReply",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("attending", models.BooleanField(verbose_name="attending")),
                ("answered_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="answered")),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="meetings.meeting",
                        verbose_name="meeting",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="notice_replies",
                        to="members.person",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer to the notice",
                "verbose_name_plural": "answers to the notice",
                "ordering": ["answered_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("meeting", "person"), name="notice_reply_unique_person")
                ],
            },
        ),
    )
