"""Each plan's local council: a group that drafts in its own area only, and never publishes.

The group, its image and document collection and its page permissions are kept in step with
the plan by `sync_council` (on every save of a plan) and `retire_council` (on delete). What a
council may do with a page beyond its page permissions is `CouncilPagePermissionTester`'s
(docs/permissions.md has the whole table).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
)

from core.plugins import contributions

EDITORS_GROUP = "Kommunale redaktører"
WORKFLOW_NAME = "Lokalråd → kommunal godkendelse"
COUNCIL_PREFIX = "Lokalråd: "
ARCHIVE_PREFIX = "Arkiv: "

# Draft in the plan's subtree: add and edit pages, lock them while working. No publish, no delete.
COUNCIL_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
# Into the admin; other apps add what a council may do with their models through the hook
# `council_permissions` ([(app label, codename)]), restricting it to the council's areas with
# `areas_of`.
COUNCIL_MODEL_PERMISSIONS = [("wagtailadmin", "access_admin")]
COUNCIL_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def council_model_permissions():
    return [*COUNCIL_MODEL_PERMISSIONS, *contributions("council_permissions")]


def source_plan(plan):
    """The plan in the default (source) language, which names the council."""
    return plan.get_translation_or_none(Locale.get_default()) or plan


def areas_of(user):
    """The translation keys of the plans whose council `user` sits on; None means every area.

    Municipal editors and superusers work on every area; anyone else only on their councils'.
    """
    # Asked for every page an admin screen lists (the permission tester, the chooser): read once
    # per user object, which Django makes anew for each request.
    if not hasattr(user, "_council_areas"):
        user._council_areas = council_areas(user)
    return user._council_areas


def council_areas(user):
    if user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists():
        return None
    from .models import LocalCouncil

    return set(LocalCouncil.objects.filter(group__user=user).values_list("plan_key", flat=True))


def is_council_member(user) -> bool:
    """Signed in, and working on some areas only (not a municipal editor or superuser)."""
    return user.is_authenticated and user.is_active and areas_of(user) is not None


def is_translation(page) -> bool:
    """A language version that wagtail-localize keeps: any page not in the default language,
    or one that a translation into the default language writes."""
    if page.locale_id != Locale.get_default().pk:
        return True
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).exists()


def ever_published(pages) -> bool:
    """Whether residents have seen any of `pages` or any language version of them: live now,
    or published once (by its dates, or by the log, which no later save of the page rewrites)."""
    versions = Page.objects.filter(translation_key__in=pages.values("translation_key"))
    return (
        versions.filter(
            Q(live=True) | Q(first_published_at__isnull=False) | Q(last_published_at__isnull=False)
        ).exists()
        or PageLogEntry.objects.filter(page__in=versions, action="wagtail.publish").exists()
    )


class CouncilPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with the councils' rules on top (municipal editors and
    superusers are not affected):

    - Translation is the municipal editors' job. On a translation (`is_translation`) a council
      has no page permission at all: it cannot edit, lock, add, delete or convert it to an alias.
      Every wagtail-localize view that changes a translation asks `can_edit()`, so none is open
      to a council (the views with no page, such as submitting or syncing translations, need
      `wagtail_localize.submit_translation`, which councils do not have).
    - A council deletes only what nobody outside the admin has seen: pages (with their
      descendants and language versions) that were never published. Wagtail alone would let
      anyone who may edit a page delete it once it is unpublished.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.is_council = is_council_member(user)
        if self.is_council and is_translation(page):
            self.permissions = set()

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        return not (self.is_council and ever_published(self.page.get_descendants(inclusive=True)))


class CouncilPermissions:
    """For the page types of a plan's area (the plan and every page under it)."""

    def permissions_for_user(self, user):
        return CouncilPagePermissionTester(user, self)


def council_name(plan) -> str:
    return f"{COUNCIL_PREFIX}{source_plan(plan).title}"[:150]


def permissions(codenames):
    return Permission.objects.filter(
        content_type__app_label__in={app for app, _ in codenames},
        codename__in=[codename for _, codename in codenames],
    )


@transaction.atomic
def sync_council(plan):
    """Create the council of a new plan; follow renames; give it this language version."""
    from .models import LocalCouncil

    name = council_name(plan)
    council = (
        LocalCouncil.objects.select_related("group", "collection")
        .filter(plan_key=plan.translation_key)
        .first()
    )
    if council is None:
        council = create_council(plan.translation_key, name)
    elif council.group.name != name:
        council.group.name = name
        council.group.save(update_fields=["name"])
        council.collection.name = name
        council.collection.save(update_fields=["name"])
    for codename in COUNCIL_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=council.group,
            page=plan.page_ptr,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=plan.page_ptr, defaults={"workflow": workflow})
    return council


def create_council(plan_key, name):
    from .models import LocalCouncil

    group = Group.objects.create(name=name)
    group.permissions.add(*permissions(council_model_permissions()))
    collection = Collection.get_first_root_node().add_child(name=name)
    for permission in permissions(COUNCIL_COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=permission
        )
    return LocalCouncil.objects.create(plan_key=plan_key, group=group, collection=collection)


@transaction.atomic
def retire_council(plan):
    """When the last language version of a plan goes, so does its council's access.

    The collection stays (renamed as an archive) when it still holds images or documents,
    so nothing a council uploaded is lost.
    """
    from .models import LocalAreaPlanPage, LocalCouncil

    if LocalAreaPlanPage.objects.filter(translation_key=plan.translation_key).exists():
        return
    council = LocalCouncil.objects.filter(plan_key=plan.translation_key).first()
    if council is None:
        return
    collection = council.collection
    council.group.delete()  # cascades to the council row and the group's permissions
    if collection.get_descendant_count() or has_media(collection):
        collection.name = f"{ARCHIVE_PREFIX}{collection.name.removeprefix(COUNCIL_PREFIX)}"
        collection.save(update_fields=["name"])
    else:
        collection.delete()


def has_media(collection) -> bool:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    return any(
        model.objects.filter(collection=collection).exists()
        for model in (get_image_model(), get_document_model())
    )
