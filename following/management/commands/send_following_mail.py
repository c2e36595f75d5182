from django.core.management.base import BaseCommand
from django.utils import timezone

from following import sending
from following.changes import record_scheduled_changes


class Command(BaseCommand):
    help = (
        "Send followers what is owed to them: confirmations that could not be sent, and the "
        "instant messages whose burst window has passed (every few minutes from cron); with "
        "--weekly, the weekly digests (once a week)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--weekly", action="store_true", help="Send the weekly digests.")

    def handle(self, *args, weekly=False, **options):
        now = timezone.now()
        record_scheduled_changes(now)
        confirmations = sending.send_waiting_confirmations()
        send = sending.send_weekly_digests if weekly else sending.send_instant_messages
        messages = send()
        if options["verbosity"] > 1:
            self.stdout.write(f"{confirmations} confirmations, {messages} messages sent")
