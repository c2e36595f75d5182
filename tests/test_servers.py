"""Two real gunicorn processes with the production settings, sharing one database and one
cache: what an editor does through one, and what cron's `publish_scheduled` does in a process
of its own, anonymous visitors of the other see at once. And with Redis down, the site still
serves pages and the admin, and /healthz names the cache."""

import json
import socket
from contextlib import ExitStack

import pytest

from .production import SITE, Client, copy_site, gunicorn, manage

pytestmark = pytest.mark.slow

PROJECT = "/da/glumsoe/legepladsen/"
OTHER = "/da/glumsoe/shelterpladsen/"
PLAN = "/da/glumsoe/"
REDIS_URL = "redis://127.0.0.1:6379/9"


def redis_is_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def page_ids(env):
    script = (
        "import json; from wagtail.models import Page;"
        "print(json.dumps(dict(Page.objects.values_list('slug', 'id'))))"
    )
    return json.loads(manage(env, "shell", "-c", script).splitlines()[-1])


def shell(env, code):
    manage(env, "shell", "-c", code)


def assert_cached(client, path, text):
    """The page is in the shared cache now: a miss (at most) and then a hit."""
    first = client.get(path)
    assert first.status == 200 and text in first.text
    second = client.get(path)
    assert second.headers["X-Page-Cache"] == "hit"


def admin_post(editor, path, data):
    response = editor.post(path, {"csrfmiddlewaretoken": editor.cookies["csrftoken"], **data})
    assert response.status in (200, 302), response.text[:3000]
    return response


@pytest.mark.parametrize(
    "cache",
    [
        "database",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379"),
        ),
    ],
)
def test_changes_through_one_process_are_seen_by_the_other_at_once(
    production_template, tmp_path, cache
):
    extra = {"REDIS_URL": REDIS_URL} if cache == "redis" else {}
    env = copy_site(production_template, tmp_path, **extra)
    if cache == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()  # this test's own database number
    shell(env, SITE)
    ids = page_ids(env)
    # A draft change, waiting to be published.
    shell(
        env,
        f"from wagtail.models import Page; p = Page.objects.get(id={ids['legepladsen']}).specific;"
        "p.title = 'Legepladsen er åben'; p.save_revision()",
    )

    with ExitStack() as servers:
        one = servers.enter_context(gunicorn(env, tmp_path / "one.log"))
        other = servers.enter_context(gunicorn(env, tmp_path / "other.log"))
        visitor = Client(other.base)
        editor = Client(one.base)
        editor.log_in()

        # Publish through one process.
        assert_cached(visitor, PROJECT, "Legepladsen")
        assert "Legepladsen er åben" not in visitor.get(PROJECT).text
        admin_post(
            editor,
            f"/admin/bulk/wagtailcore/page/publish/?id={ids['legepladsen']}",
            {"include_descendants": ""},
        )
        assert "Legepladsen er åben" in visitor.get(PROJECT).text

        # Make it private through one process.
        assert_cached(visitor, PROJECT, "Legepladsen er åben")
        admin_post(
            editor, f"/admin/pages/{ids['legepladsen']}/privacy/", {"restriction_type": "login"}
        )
        private = visitor.get(PROJECT)
        assert private.status == 302 and "/login" in private.headers["Location"]

        # Unpublish through one process.
        assert_cached(visitor, OTHER, "Shelterpladsen")
        admin_post(
            editor,
            f"/admin/bulk/wagtailcore/page/unpublish/?id={ids['shelterpladsen']}",
            {"include_descendants": ""},
        )
        assert visitor.get(OTHER).status == 404

        # A scheduled expiry, run by cron in a process of its own.
        assert_cached(visitor, PLAN, "Glumsø")
        shell(
            env,
            "from datetime import timedelta; from django.utils import timezone;"
            "from wagtail.models import Page;"
            f"Page.objects.filter(id={ids['glumsoe']})"
            ".update(expire_at=timezone.now() - timedelta(minutes=1))",
        )
        manage(env, "publish_scheduled")
        assert visitor.get(PLAN).status == 404


def test_with_redis_down_pages_and_the_admin_work_and_health_names_the_cache(
    production_template, tmp_path
):
    env = copy_site(production_template, tmp_path, REDIS_URL="redis://127.0.0.1:1/0")
    shell(env, SITE)
    ids = page_ids(env)

    with gunicorn(env, tmp_path / "server.log") as server:
        health = server.get("/healthz")
        assert health.status == 503
        assert '"cache": "unavailable"' in health.text and '"database": "ok"' in health.text

        visitor = Client(server.base)
        for path in ("/da/", PLAN, PROJECT, f"{PLAN}?status=in_progress"):
            response = visitor.get(path)
            assert response.status == 200, path
            assert response.headers["X-Page-Cache"] == "miss"

        editor = Client(server.base)
        editor.log_in()
        assert editor.get("/admin/").status == 200
        admin_post(
            editor,
            f"/admin/bulk/wagtailcore/page/unpublish/?id={ids['shelterpladsen']}",
            {"include_descendants": ""},
        )
        assert visitor.get(OTHER).status == 404
