import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

from home.demo.followers import add_demo_followers
from home.demo.loader import DemoLoader, load_content


class Command(BaseCommand):
    help = (
        "Build the demo site: the overview, the six local areas with their projects, the 17 "
        "goals and the demo users. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "The demo content is for development: it makes users with a shared password, "
                f"a superuser among them. Refused under {settings.SETTINGS_MODULE} "
                "(DEMO_CONTENT_ALLOWED is False); use DJANGO_SETTINGS_MODULE=cms.settings.dev."
            )
        pages_before = Page.objects.count()
        result = DemoLoader(load_content(), password=os.environ.get("DEMO_PASSWORD")).run()
        created = Page.objects.count() - pages_before
        add_demo_followers()
        # Rebuilt each time, so a database indexed by an older version of the search (or
        # before a goal's texts changed) finds what the current one would.
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Demo content ready in Danish and English ({created} pages created).")
        for username, password in result.passwords.items():
            self.stdout.write(f"  user {username!r} has the password {password!r}")
