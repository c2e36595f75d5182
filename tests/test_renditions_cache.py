"""A picture reads its renditions from the renditions cache and never writes back what it read
there (cms.models.CustomImage works around wagtail/wagtail#14541 in Wagtail 8.0.1): with the
cache in Redis, every picture of every page view wrote its sizes again."""

from unittest import mock

from django.core.cache import caches

import pytest

from cms.models import CustomRendition
from core.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

SIZES = ("width-400", "width-800|format-webp")


@pytest.fixture
def image():
    caches["renditions"].clear()
    yield ImageFactory()
    caches["renditions"].clear()


def cache_writes(read):
    """The renditions `read()` returns, and the keys it wrote to the renditions cache (the test
    settings' LocMemCache writes `set_many` through `set`)."""
    cache = caches["renditions"]
    with mock.patch.object(cache, "set", wraps=cache.set) as write:
        renditions = read()
    return renditions, [call.args[0] for call in write.call_args_list]


def test_renditions_are_written_to_the_cache_once_and_then_only_read(image):
    created, written = cache_writes(lambda: image.get_renditions(*SIZES))
    assert len(written) == 2 and CustomRendition.objects.count() == 2

    again, written = cache_writes(
        lambda: type(image).objects.get(pk=image.pk).get_renditions(*SIZES)
    )

    assert written == []
    assert {spec: r.pk for spec, r in again.items()} == {spec: r.pk for spec, r in created.items()}
    assert all(rendition.image.pk == image.pk for rendition in again.values())


def test_a_single_rendition_is_read_from_the_cache_without_writing_it_again(image):
    first, written = cache_writes(lambda: image.get_rendition("width-400"))
    assert len(written) == 1

    again, written = cache_writes(
        lambda: type(image).objects.get(pk=image.pk).get_rendition("width-400")
    )

    assert written == [] and again.pk == first.pk and again.url == first.url


def test_a_rendition_missing_from_the_cache_is_read_from_the_database_and_cached(image):
    image.get_renditions(*SIZES)
    caches["renditions"].clear()

    again, written = cache_writes(
        lambda: type(image).objects.get(pk=image.pk).get_renditions(*SIZES)
    )

    assert len(written) == 2 and CustomRendition.objects.count() == 2
