from django.conf import settings
from django.core.management.base import BaseCommand

from following.sending import forget_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete the requests to follow that were not confirmed within "
        "FOLLOWING_CONFIRMATION_DAYS, and the addresses left with nothing to follow "
        "(daily from cron)."
    )

    def handle(self, *args, **options):
        count = forget_unconfirmed()
        days = settings.FOLLOWING_CONFIRMATION_DAYS
        self.stdout.write(f"{count} unconfirmed requests older than {days} days deleted.")
