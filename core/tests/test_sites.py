"""The request's site and settings, remembered per content generation (core/sites.py and
`remembered` in core/content_cache.py). How the project's changes bump the generation, and what
a page view reads: tests/test_remembered_rows.py."""

from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from core.content_cache import GenerationMemo, generation, invalidate
from core.models import ContactSettings
from core.sites import current_site, site_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def visit(host="localhost"):
    return RequestFactory().get("/da/", HTTP_HOST=host)


def queries_of(read):
    with CaptureQueriesContext(connection) as queries:
        value = read()
    return len(queries), value


def test_the_site_is_read_once_until_the_content_changes(site_root):
    assert queries_of(lambda: current_site(visit()))[0] == 1
    count, site = queries_of(lambda: current_site(visit()))
    assert (count, site.root_page) == (0, site_root)  # its root page came with it

    invalidate()
    assert queries_of(lambda: current_site(visit()))[0] == 1


def test_every_request_gets_a_site_of_its_own(site_root):
    first = current_site(visit())
    first.site_name = "Changed by one request"
    second = current_site(visit())
    assert second is not first
    assert second.site_name != "Changed by one request"


def test_settings_are_read_once_until_the_content_changes(site_root):
    site_settings(visit(), ContactSettings)
    assert queries_of(lambda: site_settings(visit(), ContactSettings))[0] == 0
    invalidate()
    assert queries_of(lambda: site_settings(visit(), ContactSettings))[0] == 2  # and the site


def test_settings_never_saved_are_read_as_their_defaults_without_writing(site_root):
    request = visit()
    contact_settings = site_settings(request, ContactSettings)
    assert contact_settings.contact is None
    assert not ContactSettings.objects.exists()
    # Where Wagtail's `for_request` and the `settings` context processor find them.
    assert ContactSettings.for_request(request) is contact_settings


def test_saved_settings_come_with_the_request_for_their_page_addresses(site_root):
    ContactSettings.objects.create(site=current_site(visit()), privacy_page=site_root)
    request = visit()
    invalidate()
    contact_settings = site_settings(request, ContactSettings)
    assert contact_settings.privacy_page == site_root
    assert contact_settings._request is request


def test_at_most_max_entries_are_kept_whatever_hosts_are_asked_for(site_root):
    memo = GenerationMemo(max_entries=3)
    for number in range(10):
        memo.get(visit(), ("host", number), lambda number=number: number)
    assert len(memo.values) <= 3


def test_values_are_read_again_after_max_age_whatever_the_generation(site_root):
    memo, reads = GenerationMemo(max_age=0), []
    for _ in range(2):
        memo.get(visit(), "key", lambda: reads.append(1))
    assert len(reads) == 2


def test_a_change_inside_a_transaction_bumps_the_generation_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        invalidate()
        during = generation()
    assert before != during != generation()
