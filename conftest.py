"""Fixtures every app's tests may use: none names an app of ours (see core.tests)."""

from wagtail.models import Locale, Page, Site

import pytest


@pytest.fixture
def site_root(db):
    """A plain page at the root of the default site, as a front page any app can build under."""
    root = Page.get_first_root_node().add_child(
        instance=Page(title="Forside", slug="forside", live=True)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": root}
    )
    return root


@pytest.fixture
def locale_en(db):
    return Locale.objects.get_or_create(language_code="en")[0]
