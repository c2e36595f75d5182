"""The example nginx configuration (docs/nginx/naestved-lup.conf) serves the uploaded images
from MEDIA_ROOT, keeps documents behind Django, and passes what the settings expect. Where
Debian's nginx is installed, the file is checked by nginx and run on a loopback port."""

import getpass
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .production import ROOT, free_port

CONFIG = ROOT / "docs" / "nginx" / "naestved-lup.conf"
INSTALL_PATH = "/srv/naestved-lup"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def location_block(text, prefix):
    match = re.search(rf"location {re.escape(prefix)} \{{(.*?)\}}", text, re.S)
    assert match, f"no location {prefix}"
    return match.group(1)


def test_media_is_served_from_media_root_and_documents_are_not():
    text = CONFIG.read_text(encoding="utf-8")
    # MEDIA_ROOT is BASE_DIR / "media" (cms/settings/base.py), BASE_DIR the install path.
    assert f"alias {INSTALL_PATH}/media/;" in location_block(text, "/media/")
    assert "return 404;" in location_block(text, "/media/documents/")
    assert f"WorkingDirectory={INSTALL_PATH}" in (ROOT / "docs" / "deploy.md").read_text()


def test_the_proxy_passes_what_the_production_settings_read():
    proxied = location_block(CONFIG.read_text(encoding="utf-8"), "/")
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxied  # SECURE_PROXY_SSL_HEADER
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in proxied
    assert "proxy_set_header Host $host;" in proxied


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
@pytest.mark.skipif(not Path(NGINX).exists(), reason="Debian's nginx is not installed")
def test_nginx_serves_an_uploaded_image_and_refuses_a_document_file(tmp_path):
    """The committed file, with this test's folders, certificate and loopback ports."""
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "documents").mkdir()
    (media / "images" / "legeplads.width-800.jpg").write_bytes(b"\xff\xd8\xff\xe0 not much")
    (media / "documents" / "referat.pdf").write_bytes(b"%PDF-1.4 private")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    site = CONFIG.read_text(encoding="utf-8")
    site = site.replace(f"{INSTALL_PATH}/media/", f"{media}/")
    site = site.replace("/etc/ssl/certs/lup.naestved.dk.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/private/lup.naestved.dk.key", str(tmp_path / "key.pem"))
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = re.sub(r"\n\s*listen \[::\]:\d+( ssl)?;", "", site)
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    # Run by root, nginx's workers would be www-data, which cannot read the test's folders (on
    # a server, MEDIA_ROOT must be readable by nginx's user: docs/deploy.md).
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"""
        daemon off;
        {user}
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {tmp_path};
            proxy_temp_path {tmp_path};
            include {tmp_path}/site.conf;
        }}
        """,
        encoding="utf-8",
    )
    command = [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr

    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", http_port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "error.log").read_text()
                time.sleep(0.1)
        image = fetch(https_port, "/media/images/legeplads.width-800.jpg")
        document = fetch(https_port, "/media/documents/referat.pdf")
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert image.status == 200, (tmp_path / "error.log").read_text()
    assert image.headers["Content-Type"] == "image/jpeg"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in image.headers["Content-Security-Policy"]
    assert document.status == 404


def fetch(port, path):
    """A GET over HTTPS to the loopback port, trusting the test's own certificate."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with urllib.request.urlopen(f"https://127.0.0.1:{port}{path}", context=context) as answer:
            answer.read()
            return answer
    except urllib.error.HTTPError as error:
        return error
