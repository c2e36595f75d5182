"""The admin loads nothing from another host: no avatars from Gravatar, no scripts or images."""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

import pytest

from tests.admin_walk import walk, walk_as

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["lokalraad-glumsoe-og-omegn", "redaktoer"])
def test_no_admin_screen_mentions_gravatar_or_loads_from_another_host(demo_site, username):
    _start, screens = walk_as(username)

    assert [path for path, screen in screens.items() if "gravatar" in screen.html.lower()] == []
    outside = {
        address
        for screen in screens.values()
        for address in screen.fetched
        if urlsplit(address).netloc not in ("", "testserver")
    }
    assert outside == set()


def test_the_check_sees_an_avatar_from_an_outside_service(demo_site, client, settings):
    """Honest: with Wagtail's default provider the dashboard's account menu asks Gravatar."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    client.force_login(get_user_model().objects.get(username="redaktoer"))
    screen = walk(client, ["/admin/"], limit=1)["/admin/"]

    assert "gravatar" in screen.html
    assert any("www.gravatar.com" in address for address in screen.fetched)
