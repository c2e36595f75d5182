"""Queue reminders to the local councils about overdue milestones and projects gone quiet
(django-tasks; the worker sends them).

Run daily, e.g. from cron:
    40 3 * * * /srv/naestved-lup/bin/manage remind_councils
Each reminder is sent once, however often this runs (`plan_pages.reminders`).
"""

from django.core.management.base import BaseCommand

from plan_pages.reminders import queue_reminders


class Command(BaseCommand):
    help = (
        "Queue e-mails to council members about projects whose next milestone is overdue or "
        "that have had no published change for PROJECT_STALE_DAYS days."
    )

    def handle(self, *args, **options):
        count = queue_reminders()
        self.stdout.write(f"Queued {count} council reminder(s).")
