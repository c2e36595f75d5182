import os

from django.core.management.base import BaseCommand

from home.demo.loader import DemoLoader, load_content


class Command(BaseCommand):
    help = (
        "Build the demo site: the overview, the six local areas with their projects, the 17 "
        "goals and the demo users. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        result = DemoLoader(load_content(), password=os.environ.get("DEMO_PASSWORD")).run()
        self.stdout.write(f"Demo content ready ({result.created_pages} pages created).")
        for username, password in result.passwords.items():
            self.stdout.write(f"  user {username!r} has the password {password!r}")
