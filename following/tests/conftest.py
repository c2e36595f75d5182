from django.core.cache import cache

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø og Omegn", slug="glumsoe")
    plan.save_revision().publish()
    return plan


@pytest.fixture
def other_plan(site_root):
    plan = LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg og Omegn", slug="tybjerg")
    plan.save_revision().publish()
    return plan


def publish_project(plan, title="Fugleskjulet", goals=(15,), **fields):
    project = ProjectPageFactory(parent=plan, title=title, goals=list(goals), **fields)
    project.save_revision().publish()
    return project


@pytest.fixture
def project(plan):
    return publish_project(plan)


def translate(page, locale, title):
    """The page's English translation, published (its parents translated first)."""
    parent = page.get_parent().specific
    if parent.depth > 1 and not parent.has_translation(locale):
        translate(parent, locale, parent.title)
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.save_revision().publish()
    return copy
