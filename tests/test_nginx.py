"""The example nginx configuration (docs/nginx/naestved-lup.conf) serves the uploaded images
from MEDIA_ROOT, keeps documents behind Django, and passes what the settings expect. Where
Debian's nginx is installed, the file is checked by nginx and run on a loopback port."""

import re
import shutil
import ssl
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks import nginx

from .production import ROOT, free_port

CONFIG = nginx.CONFIG
INSTALL_PATH = nginx.INSTALL_PATH


def location_block(text, prefix):
    match = re.search(rf"location {re.escape(prefix)} \{{(.*?)\}}", text, re.S)
    assert match, f"no location {prefix}"
    return match.group(1)


def test_media_is_served_from_media_root_and_documents_are_not():
    text = CONFIG.read_text(encoding="utf-8")
    # MEDIA_ROOT is BASE_DIR / "media" (cms/settings/base.py), BASE_DIR the install path.
    assert f"alias {INSTALL_PATH}/media/;" in location_block(text, "/media/")
    # STATIC_ROOT is BASE_DIR / "static" too.
    assert f"alias {INSTALL_PATH}/static/;" in location_block(text, "/static/")
    assert "return 404;" in location_block(text, "/media/documents/")
    assert f"WorkingDirectory={INSTALL_PATH}" in (ROOT / "docs" / "deploy.md").read_text()


def test_the_proxy_passes_what_the_production_settings_read():
    proxied = location_block(CONFIG.read_text(encoding="utf-8"), "/")
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxied  # SECURE_PROXY_SSL_HEADER
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in proxied
    assert "proxy_set_header Host $host;" in proxied


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
@pytest.mark.skipif(not Path(nginx.NGINX).exists(), reason="Debian's nginx is not installed")
def test_nginx_serves_an_uploaded_image_and_refuses_a_document_file(tmp_path):
    """The committed file, with this test's folders, certificate and loopback ports."""
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "documents").mkdir()
    (media / "images" / "legeplads.width-800.jpg").write_bytes(b"\xff\xd8\xff\xe0 not much")
    (media / "documents" / "referat.pdf").write_bytes(b"%PDF-1.4 private")

    # No app server is needed for /media/: the upstream is a port nothing listens on.
    with nginx.running(tmp_path / "nginx", [f"127.0.0.1:{free_port()}"], media) as base:
        image = fetch(base, "/media/images/legeplads.width-800.jpg")
        document = fetch(base, "/media/documents/referat.pdf")

    assert image.status == 200, (tmp_path / "nginx" / "error.log").read_text()
    assert image.headers["Content-Type"] == "image/jpeg"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in image.headers["Content-Security-Policy"]
    assert document.status == 404


def fetch(base, path):
    """A GET over HTTPS to nginx, trusting the test's own certificate."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with urllib.request.urlopen(base + path, context=context) as answer:
            answer.read()
            return answer
    except urllib.error.HTTPError as error:
        return error
