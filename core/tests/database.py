"""Test data built once for a whole test module and rolled back after it.

Each test still runs in its own savepoint inside that transaction (pytest-django's `db`), so
what one test changes, the next never sees; only the building is shared. Use it for data that
many tests of a module read, where building it per test would dominate the module's time."""

from contextlib import contextmanager

from django.db import transaction

from wagtail.models import Locale, Page, Site


@contextmanager
def built_once(django_db_blocker):
    """Use in a module-scoped fixture that depends on `django_db_setup`: build, then yield."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def make_site_root():
    """What the root conftest's `site_root` fixture makes, for module-scoped fixtures."""
    root = Page.get_first_root_node().add_child(
        instance=Page(title="Forside", slug="forside", live=True)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": root}
    )
    return root


def make_locale_en():
    return Locale.objects.get_or_create(language_code="en")[0]
