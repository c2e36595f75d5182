"""Running the site as production runs it, for the tests of cron lines and shared caches:
the production settings on a SQLite file, gunicorn on a loopback port, a small HTTP client."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "prod-Test-password-1"
# A key with characters that Django's own keys hold and a shell would read as syntax, which the
# environment file must carry unharmed.
SECRET_KEY = "k$(touch /tmp/never)&x;#*!|" + "q7Z" * 16


def production_environment(database: Path, static_root: Path, **extra) -> dict:
    """The environment of a production process: only what the site's env file would set."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(database.parent),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{database}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(database.parent / "media"),
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def build_template(folder: Path) -> Path:
    """Migrate a database and make the cache tables once; tests copy it (see `copy_site`)."""
    database = folder / "template.sqlite3"
    env = production_environment(database, folder / "static")
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    return database


def copy_site(template: Path, folder: Path, **extra) -> dict:
    database = folder / "site.sqlite3"
    shutil.copyfile(template, database)
    return production_environment(database, template.parent / "static", **extra)


# A site with one plan and one project, an editor, and a second project with a draft change.
SITE = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from core.models import ContactSettings
from home.tests.factories import HomePageFactory
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

home = HomePageFactory(parent=Page.get_first_root_node())
Site.objects.update_or_create(
    is_default_site=True, defaults={{"hostname": "localhost", "root_page": home}}
)
home.save_revision().publish()
ContactSettings.for_site(Site.objects.get(is_default_site=True))  # made on first read otherwise
plan = LocalAreaPlanPageFactory(parent=home, title="Glumsø", slug="glumsoe")
plan.save_revision().publish()
project = ProjectPageFactory(parent=plan, title="Legepladsen", slug="legepladsen")
project.save_revision().publish()
other = ProjectPageFactory(parent=plan, title="Shelterpladsen", slug="shelterpladsen")
other.save_revision().publish()
get_user_model().objects.create_superuser("admin", "admin@example.dk", {ADMIN_PASSWORD!r})
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict, log: Path):
    """One gunicorn process (one worker) with these settings on a free loopback port."""
    port = free_port()
    with open(log, "ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "cms/gunicorn.py", "cms.wsgi"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"},
            stdout=output,
            stderr=output,
        )
    try:
        client = Client(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 30
        while True:
            try:
                client.get("/healthz")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield client
    finally:
        process.terminate()
        process.wait(timeout=15)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8")


class Client:
    """Keeps its own cookies (the production cookies are Secure, which a cookie jar would
    not send over the loopback's plain HTTP)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if data is not None:
            headers["Referer"] = self.base + path
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=20) as answer:
                response = Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            response = Response(error.code, error.headers, error.read())
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def csrf_token(self, path):
        page = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def log_in(self, username="admin", password=ADMIN_PASSWORD):
        token = self.csrf_token("/admin/login/")
        response = self.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert response.status == 302, response.text[:3000]
        return response
