"""The site as a whole: fixtures for the tests of the assembled project."""

import pytest

from home.tests.fixtures import home_page  # noqa: F401

from .production import build_template


@pytest.fixture(scope="session")
def production_template(tmp_path_factory):
    """A database migrated with the production settings, with its cache tables, and the
    collected static files: made once per run, by the first test that needs them."""
    return build_template(tmp_path_factory.mktemp("production"))
