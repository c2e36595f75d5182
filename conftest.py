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
