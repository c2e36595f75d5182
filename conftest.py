import os
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Locale, Page, Site

import pytest

from home.tests.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """The municipal overview at the root of the default site, as on the real site."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture
def locale_en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site in both languages, loaded once per test module inside a transaction
    that is rolled back at the module's end. Tests that use it need the `db` fixture too."""
    with django_db_blocker.unblock(), transaction.atomic():
        with mock.patch.dict(os.environ, {"DEMO_PASSWORD": "demo-Password-1"}):
            call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)
