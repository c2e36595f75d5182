from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

from sdg.pages import ensure_goal_pages


class Command(BaseCommand):
    help = "Create the goal overview page and the 17 goal pages under a parent page."

    def add_arguments(self, parser):
        parser.add_argument("parent_id", type=int, help="ID of the page to create them under.")

    def handle(self, *args, parent_id, **options):
        try:
            parent = Page.objects.get(pk=parent_id)
        except Page.DoesNotExist as error:
            raise CommandError(f"No page has the ID {parent_id}.") from error
        index_page = ensure_goal_pages(parent)
        self.stdout.write(f"Goal pages are under {index_page.url_path}")
