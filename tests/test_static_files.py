"""The static files as production serves them (gunicorn, WhiteNoise, collectstatic's hashed
and compressed copies): the design system's stylesheet pruned to what the site uses, sent
compressed, and every hashed file cached by browsers for a year or more."""

import gzip
import re
import urllib.request
from pathlib import Path

import pytest

from .production import SITE, copy_site, gunicorn, manage

pytestmark = pytest.mark.slow

YEAR = 365 * 24 * 60 * 60
PROJECT = "/da/glumsoe/legepladsen/"


def fetch(base, path, encoding=None):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    request = urllib.request.Request(base + path, headers=headers)
    with urllib.request.urlopen(request, timeout=20) as answer:
        return answer.status, answer.headers, answer.read()


def max_age(headers):
    return int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))


def test_static_files_are_pruned_compressed_and_cached_for_a_year(production_template, tmp_path):
    env = copy_site(production_template, tmp_path)
    manage(env, "shell", "-c", SITE)

    with gunicorn(env, tmp_path / "server.log") as server:
        page = server.get(PROJECT).text
        stylesheets = re.findall(r'<link rel="stylesheet" href="(/static/[^"]+)"', page)
        fonts = re.findall(r'<link rel="preload" href="(/static/[^"]+\.woff2)" as="font"', page)
        dkfds = next(href for href in stylesheets if "/dkfds/" in href)
        assert re.search(r"/dkfds/css/dkfds\.min\.[0-9a-f]{12}\.css$", dkfds)
        assert fonts, "no font is preloaded"

        for path in stylesheets:
            for encoding in ("br", "gzip"):
                status, headers, body = fetch(server.base, path, encoding)
                assert status == 200
                assert headers["Content-Encoding"] == encoding, (path, encoding)
                assert "immutable" in headers["Cache-Control"]
                assert max_age(headers) >= YEAR
            css = gzip.decompress(body).decode()
            # Every font and image the stylesheet names is served under its hashed name.
            for url in re.findall(r"url\(([^)\"']+)\)", css):
                target = str(Path(path).parent / url).replace("/css/../", "/")
                status, headers, _ = fetch(server.base, target)
                assert status == 200, target
                assert max_age(headers) >= YEAR and "immutable" in headers["Cache-Control"]

        # Only the rules the site uses: the package's whole stylesheet is over 200 KB.
        _, _, body = fetch(server.base, dkfds)
        assert len(body) < 60_000
        for path in fonts:
            status, headers, _ = fetch(server.base, path)
            assert status == 200 and headers["Content-Type"] == "font/woff2"
            assert max_age(headers) >= YEAR and "immutable" in headers["Cache-Control"]
