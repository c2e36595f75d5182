"""Pages are indexed again once published, with their child rows.

Wagtail indexes a page when its row is saved, which for a page with child rows (a project's
goal tags and tags) is before those rows are saved. With the immediate task backend
(development, tests, small installations) the index would then keep the old goals, so a
project given goal 13 would not be found by "klima". `page_published` comes after both.

The project search's listing columns (`search.listing`) are copied at once, in the same
transaction, on every change that can list or unlist a project or move it between filters:
its page saved (published, unpublished, its status or area changed), its goal tags saved or
deleted, a view restriction set or lifted above it, a page moved above it.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, post_page_move

from plan_pages.models import ProjectGoal, ProjectPage

from . import listing


def index_with_child_rows(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def list_project(sender, instance, raw=False, **kwargs):
    if not raw:
        listing.refresh(ids=[instance.pk])


def list_goal_project(sender, instance, raw=False, **kwargs):
    if not raw:
        listing.refresh(ids=[instance.page_id])


def list_projects_below_restriction(sender, instance, raw=False, **kwargs):
    # Deleted with its page, the restriction has no path left to look below.
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if not raw and path is not None:
        listing.refresh(under=path)


def list_projects_below_moved_page(sender, instance, **kwargs):
    listing.refresh(under=Page.objects.get(pk=instance.pk).path)


def connect():
    page_published.connect(index_with_child_rows, dispatch_uid="search-index-with-child-rows")
    page_published.connect(list_project, sender=ProjectPage, dispatch_uid="search-list-published")
    post_save.connect(list_project, sender=ProjectPage, dispatch_uid="search-list-project")
    for signal in (post_save, post_delete):
        signal.connect(list_goal_project, sender=ProjectGoal, dispatch_uid="search-list-goals")
        signal.connect(
            list_projects_below_restriction,
            sender=PageViewRestriction,
            dispatch_uid="search-list-restricted",
        )
    post_page_move.connect(list_projects_below_moved_page, dispatch_uid="search-list-moved")
