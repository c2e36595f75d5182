import os

from django.core.management.base import BaseCommand

from wagtail.models import Page

from home.demo.loader import DemoLoader, load_content


class Command(BaseCommand):
    help = (
        "Build the demo site: the overview, the six local areas with their projects, the 17 "
        "goals and the demo users. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        pages_before = Page.objects.count()
        result = DemoLoader(load_content(), password=os.environ.get("DEMO_PASSWORD")).run()
        created = Page.objects.count() - pages_before
        self.stdout.write(f"Demo content ready in Danish and English ({created} pages created).")
        for username, password in result.passwords.items():
            self.stdout.write(f"  user {username!r} has the password {password!r}")
