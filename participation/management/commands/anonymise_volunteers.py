"""Delete volunteers' names and e-mail addresses; their answers and the counts stay.

Run daily, e.g. from cron:
    15 3 * * * /srv/naestved-lup/bin/manage anonymise_volunteers
With --email, the data of one person is deleted at once (a request under GDPR art. 17).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from participation.models import SurveyResponse


class Command(BaseCommand):
    help = (
        "Delete volunteers' names and e-mails: those of surveys closed more than "
        "PERSONAL_DATA_RETENTION_DAYS ago, or with --email those of one person now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Delete this person's data now, whatever the date.")
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, email=None, dry_run=False, **options):
        now = timezone.now()
        personal = SurveyResponse.objects.filter(anonymised_at__isnull=True).exclude(
            name="", email=""
        )
        if email is not None:
            if "@" not in email:
                raise CommandError(f"Not an e-mail address: {email!r}")
            responses = personal.filter(email__iexact=email.strip())
        else:
            cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
            responses = personal.filter(survey__closes_at__lt=cutoff)
        if dry_run:
            count = responses.count()
        else:
            count = responses.update(name="", email="", anonymised_at=now)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} the name and e-mail of {count} volunteer(s).")
