"""Queue tomorrow's meeting reminders (django-tasks; the worker sends them).

Run daily, e.g. from cron after the deletion of personal data:
    30 3 * * * /srv/naestved-lup/bin/manage remind_meeting_participants
Each registration is reminded once, however often this runs (`send_reminder` checks).
"""

from django.core.management.base import BaseCommand

from participation.registrations import enqueue_reminders


class Command(BaseCommand):
    help = "Queue a reminder e-mail for everyone registered for a meeting that starts tomorrow."

    def handle(self, *args, **options):
        count = enqueue_reminders()
        self.stdout.write(f"Queued {count} meeting reminder(s).")
