"""Several app servers behind nginx (docs/deploy.md, *Several machines*), tried on one machine:
Debian's nginx with the committed configuration balances round robin between two gunicorn
processes with the production settings, sharing one PostgreSQL database and Redis. Whichever
server answers, an editor's publish is seen at once, a signed-in editor stays signed in, a
resident's answer and registration are kept, and the rate limits count the resident's own
address, not nginx's."""

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks import nginx

from .production import ROOT, SITE, Client, NoRedirects, gunicorn, manage, production_environment

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("load-balancer")]

REDIS_URL = "redis://127.0.0.1:6379/10"
PROJECT = "/da/glumsoe/legepladsen/"
SURVEY = "/da/glumsoe/spoergeskema/"
MEETING = "/da/glumsoe/borgermoede/"
OTHER = "/da/glumsoe/shelterpladsen/"
# A survey with two ideas and a meeting with registration, on SITE's plan.
PARTICIPATION = """
from participation.tests.factories import MeetingPageFactory, SurveyPageFactory, add_ideas
from plan_pages.models import LocalAreaPlanPage

plan = LocalAreaPlanPage.objects.get(slug="glumsoe")
add_ideas(plan, "Flere bænke", "En sti om søen")
SurveyPageFactory(parent=plan, title="Spørgeskema", slug="spoergeskema").save_revision().publish()
MeetingPageFactory(
    parent=plan, title="Borgermøde", slug="borgermoede", registration=True
).save_revision().publish()
"""


def postgresql_url():
    """The PostgreSQL server of DATABASE_URL when it names one, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0]
    return "postgres://postgres@127.0.0.1:5432"


def listening(url):
    host, port = urlsplit(url).hostname, urlsplit(url).port or 5432
    try:
        socket.create_connection((host, port), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def services():
    """What the test runs besides Python: missing, the test is skipped here and fails under
    CI=true (conftest.py)."""
    if not os.path.exists(nginx.NGINX):
        pytest.skip("Debian's nginx is not installed (make services)")
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    if not listening("redis://127.0.0.1:6379"):
        pytest.skip("no Redis on 127.0.0.1:6379 (make services)")
    if not listening(postgresql_url()):
        pytest.skip(f"no PostgreSQL at {postgresql_url()}")


@pytest.fixture(scope="module")
def database(services):
    """A PostgreSQL database of this run's own, dropped afterwards."""
    import psycopg

    server = postgresql_url()
    name = f"naestved_lup_balancer_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


class FromAddress(urllib.request.HTTPSHandler):
    """HTTPS to nginx, trusting its throwaway certificate, from one address of the loopback
    (127.0.0.2, …): to nginx, a resident on a machine of their own."""

    def __init__(self, address):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        super().__init__(context=context)
        self.address = address

    def https_open(self, req):
        return self.do_open(
            http.client.HTTPSConnection,
            req,
            context=self._context,
            source_address=(self.address, 0),
        )


class Site:
    """nginx in front of the app servers, and the requests sent through it so far."""

    def __init__(self, base, folder, env, servers):
        self.base, self.folder, self.env, self.servers = base, folder, env, servers
        self.sent = 0
        self.ids = self.query(
            "import json; from wagtail.models import Page;"
            "print(json.dumps(dict(Page.objects.values_list('slug', 'id'))))"
        )

    def visitor(self, address="127.0.0.1", forged_address=None):
        """A client of nginx from `address`; `forged_address` it writes in X-Forwarded-For."""
        return Visitor(self, address, forged_address)

    def last(self, count):
        """(method, path, status, app server) of the last `count` requests through nginx."""
        deadline = time.monotonic() + 5
        while len(logged := nginx.answered(self.folder)) < self.sent:
            # nginx writes a request's line after its response has gone out.
            assert time.monotonic() < deadline, logged
            time.sleep(0.05)
        return logged[-count:]

    def query(self, code):
        return json.loads(manage(self.env, "shell", "-c", code).splitlines()[-1])


class Visitor(Client):
    def __init__(self, site, address, forged_address):
        super().__init__(site.base)
        self.site = site
        self.opener = urllib.request.build_opener(NoRedirects, FromAddress(address))
        if forged_address:
            self.opener.addheaders.append(("X-Forwarded-For", forged_address))

    def request(self, path, data=None):
        self.site.sent += 1
        return super().request(path, data)


@pytest.fixture(scope="module")
def site(database, tmp_path_factory):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # this test's own database number
    folder = tmp_path_factory.mktemp("load-balancer")
    https_port = nginx.free_port()
    env = production_environment(
        folder / "unused.sqlite3",
        folder / "static",
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        NUM_PROXIES="1",
        PARTICIPATION_RATE_LIMIT="2/h",
        CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{https_port}",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(nginx.free_port()),  # nothing listens: mail fails at once, and is logged
    )
    # Migrating takes most of the time; the static files are collected meanwhile.
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    manage(env, "migrate", "--noinput")
    assert collect.wait() == 0
    manage(env, "shell", "-c", SITE + PARTICIPATION)

    with ExitStack() as stack:
        servers = [stack.enter_context(gunicorn(env, folder / f"gunicorn-{n}.log")) for n in (1, 2)]
        upstreams = [urlsplit(server.base).netloc for server in servers]
        base = stack.enter_context(
            nginx.running(
                folder / "nginx",
                upstreams,
                folder / "media",
                https_port=https_port,
                static=folder / "static",
            )
        )
        yield Site(base, folder / "nginx", env, upstreams)


def test_nginx_sends_requests_to_each_app_server_in_turn(site):
    client = site.visitor()
    for _ in range(4):
        assert client.get("/da/").status == 200

    servers = [server for *_, server in site.last(4)]
    assert set(servers) == set(site.servers) and servers == servers[:2] * 2


def test_nginx_serves_the_collected_static_files_itself_for_a_year(site):
    manifest = json.loads(Path(site.env["STATIC_ROOT"], "staticfiles.json").read_text())
    stylesheet = "/static/" + manifest["paths"]["css/site.css"]

    answer = site.visitor().get(stylesheet)

    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert site.last(1) == [("GET", stylesheet, 200, "-")]  # no app server was asked


def test_a_publish_through_one_server_is_seen_through_the_other_at_once(site):
    project = site.ids["legepladsen"]
    manage(
        site.env,
        "shell",
        "-c",
        f"from wagtail.models import Page; p = Page.objects.get(id={project}).specific;"
        "p.title = 'Legepladsen er åben'; p.save_revision()",
    )
    reader = site.visitor()
    # Kept in the shared cache by one server, served from it by the other.
    assert reader.get(PROJECT).headers["X-Page-Cache"] == "miss"
    assert reader.get(PROJECT).headers["X-Page-Cache"] == "hit"
    assert {server for *_, server in site.last(2)} == set(site.servers)

    editor = site.visitor()
    editor.log_in()
    published = editor.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={project}",
        {"csrfmiddlewaretoken": editor.cookies["csrftoken"], "include_descendants": ""},
    )
    assert published.status == 302

    pages = [reader.get(PROJECT) for _ in range(2)]
    assert all("Legepladsen er åben" in page.text for page in pages)
    assert {server for *_, server in site.last(2)} == set(site.servers)


def test_a_signed_in_editor_uses_the_admin_on_either_server(site):
    editor = site.visitor()
    editor.log_in()  # the login form from one server, the password posted to the other
    login_form, password = site.last(2)
    assert login_form[3] != password[3]

    for _ in range(2):
        assert editor.get("/admin/").status == 200
    assert {server for *_, server in site.last(2)} == set(site.servers)
    # A form from one server posted to the other: the session and its CSRF token hold.
    unpublish = f"/admin/bulk/wagtailcore/page/unpublish/?id={site.ids['shelterpladsen']}"
    token = editor.csrf_token(unpublish)
    assert editor.post(unpublish, {"csrfmiddlewaretoken": token}).status == 302
    form, posted = site.last(2)
    assert form[3] != posted[3] and posted[:3] == ("POST", unpublish, 302)
    assert site.visitor().get(OTHER).status == 404


def test_a_residents_answer_and_registration_are_kept_whichever_server_answers(site):
    resident = site.visitor()
    token = resident.csrf_token(SURVEY)
    answered = resident.post(
        SURVEY,
        {"csrfmiddlewaretoken": token, "idea-1-priority": "5", "idea-2-comment": "Gerne ved søen"},
    )
    assert answered.status == 302, answered.text[:2000]
    form, posted = site.last(2)
    assert form[3] != posted[3]

    token = resident.csrf_token(MEETING)
    registered = resident.post(
        MEETING,
        {"csrfmiddlewaretoken": token, "name": "Birthe Hansen", "email": "birthe@example.dk",
         "people": "2", "needs": ""},
    )  # fmt: skip
    assert registered.status == 302, registered.text[:2000]
    form, posted = site.last(2)
    assert form[3] != posted[3]

    kept = site.query(
        "import json; from participation.models import IdeaAnswer, Registration;"
        "print(json.dumps({'answers': list(IdeaAnswer.objects.order_by('idea__number')"
        ".values_list('priority', 'comment')),"
        "'registrations': list(Registration.objects.values_list('name', 'people'))}))"
    )
    assert kept == {
        "answers": [[5, ""], [None, "Gerne ved søen"]],
        "registrations": [["Birthe Hansen", 2]],
    }


def register(resident):
    token = resident.csrf_token(MEETING)
    return resident.post(
        MEETING,
        {"csrfmiddlewaretoken": token, "name": "Ole", "email": "ole@example.dk", "people": "1"},
    ).status


def test_the_rate_limit_counts_the_residents_address_not_nginxs(site):
    """PARTICIPATION_RATE_LIMIT is 2 an hour here; NUM_PROXIES=1 reads the address nginx saw."""
    first = site.visitor("127.0.0.2")
    assert [register(first), register(first), register(first)] == [302, 302, 429]
    # Its own count, though nginx passes every request from 127.0.0.1.
    assert register(site.visitor("127.0.0.3")) == 302
    # An address the resident writes in X-Forwarded-For is not believed.
    forging = site.visitor("127.0.0.2", forged_address="127.0.0.9")
    assert register(forging) == 429
