from wagtail.models import Page, Site

import pytest

from home.tests.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """The municipal overview at the root of the default site, as on the real site."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home
