"""Delete volunteers' names and e-mail addresses; their answers and the counts stay. Likewise
meeting registrations' names, e-mails and needs, MEETING_DATA_RETENTION_DAYS after the meeting
(the number of people and the status stay, for the meeting's figures).

Run daily, e.g. from cron:
    15 3 * * * /srv/naestved-lup/bin/manage anonymise_volunteers
With --email, the data of one person is deleted at once (a request under GDPR art. 17).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from participation.models import Registration, SurveyResponse
from participation.registrations import registrations_to_anonymise


class Command(BaseCommand):
    help = (
        "Delete volunteers' names and e-mails: those of surveys closed more than "
        "PERSONAL_DATA_RETENTION_DAYS ago, and meeting registrations' names, e-mails and needs "
        "MEETING_DATA_RETENTION_DAYS after the meeting; or with --email those of one person now."
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
        if email is not None:
            registrations = Registration.objects.filter(
                anonymised_at__isnull=True, email__iexact=email.strip()
            )
        else:
            registrations = registrations_to_anonymise(now)
        if dry_run:
            count, registered = responses.count(), registrations.count()
        else:
            count = responses.update(name="", email="", anonymised_at=now)
            registered = registrations.update(name="", email="", needs="", anonymised_at=now)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} the name and e-mail of {count} volunteer(s).")
        self.stdout.write(f"{verb} the name, e-mail and needs of {registered} registration(s).")
