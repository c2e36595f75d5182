"""Pages are indexed again once published, with their child rows.

Wagtail indexes a page when its row is saved, which for a page with child rows (a project's
goal tags and tags) is before those rows are saved. With the immediate task backend
(development, tests, small installations) the index would then keep the old goals, so a
project given goal 13 would not be found by "klima". `page_published` comes after both.
"""

from wagtail.search import index
from wagtail.signals import page_published


def index_with_child_rows(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def connect():
    page_published.connect(index_with_child_rows, dispatch_uid="search-index-with-child-rows")
