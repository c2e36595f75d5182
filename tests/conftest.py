"""The site as a whole: fixtures for the tests of the assembled project."""

import pytest

from home.tests.fixtures import home_page  # noqa: F401
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

from .production import build_template


@pytest.fixture(scope="session")
def production_template(tmp_path_factory):
    """A database migrated with the production settings, with its cache tables, and the
    collected static files: made once per run, by the first test that needs them."""
    return build_template(tmp_path_factory.mktemp("production"))


# A published plan and project of it, for the tests of the caches (page and fragment).
@pytest.fixture
def plan(home_page):  # noqa: F811 (the fixture, imported above)
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø")
    plan.save_revision().publish()
    return plan


@pytest.fixture
def project(plan):
    project = ProjectPageFactory(parent=plan, title="Legepladsen")
    project.save_revision().publish()
    return project
