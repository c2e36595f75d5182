"""Debian's nginx in front of app servers on this machine, with the committed configuration
(docs/nginx/naestved-lup.conf): its upstream lists the given gunicorn addresses, it listens on
free loopback ports with a throwaway certificate, and serves the uploads from `media`. Its
access log names the app server that answered each request. For tests/test_load_balancer.py
and `benchmarks.load --through-nginx`.
"""

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "docs" / "nginx" / "naestved-lup.conf"
INSTALL_PATH = "/srv/naestved-lup"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# One line per request: method, path, status and the app server that answered.
LOG_FORMAT = "'$request_method $request_uri $status $upstream_addr'"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_config(upstreams, media, static, certificate, key, http_port, https_port):
    """The committed site, with these app servers, folders and ports."""
    site = CONFIG.read_text(encoding="utf-8")
    servers = "".join(f"    server {address};\n" for address in upstreams)
    site, found = re.subn(
        r"(upstream naestved_lup \{\n)(?:\s*server [^\n]*\n)+", rf"\g<1>{servers}", site
    )
    assert found == 1, "no upstream naestved_lup with server lines"
    site = site.replace(f"{INSTALL_PATH}/media/", f"{media}/")
    site = site.replace(f"{INSTALL_PATH}/static/", f"{static}/")
    site = site.replace("/etc/ssl/certs/lup.naestved.dk.pem", str(certificate))
    site = site.replace("/etc/ssl/private/lup.naestved.dk.key", str(key))
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    return re.sub(r"\n\s*listen \[::\]:\d+( ssl)?;", "", site)


@contextmanager
def running(folder: Path, upstreams, media: Path, https_port=None, static=ROOT / "static"):
    """nginx in front of `upstreams` ("127.0.0.1:port", …), serving the uploads in `media` and
    the collected files in `static` (STATIC_ROOT's default): yields its HTTPS address (on
    `https_port`, or a free port). The access log is folder / "access.log"."""
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), https_port or free_port()
    site = site_config(upstreams, media, static, certificate, key, http_port, https_port)
    (folder / "site.conf").write_text(site, encoding="utf-8")
    # Run by root, nginx's workers would be www-data, which cannot read the caller's folders.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""
        daemon off;
        {user}
        pid {folder}/nginx.pid;
        error_log {folder}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            log_format upstreams {LOG_FORMAT};
            access_log {folder}/access.log upstreams;
            client_body_temp_path {folder};
            proxy_temp_path {folder};
            include {folder}/site.conf;
        }}
        """,
        encoding="utf-8",
    )
    command = [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if check.returncode:
        raise RuntimeError(f"nginx -t:\n{check.stderr}")
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "error.log").read_text()) from None
                time.sleep(0.1)
        yield f"https://127.0.0.1:{https_port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def answered(folder: Path) -> list[tuple[str, str, int, str]]:
    """(method, path, status, app server) of each request in the access log so far."""
    lines = (folder / "access.log").read_text().splitlines()
    return [
        (method, path, int(status), upstream)
        for method, path, status, upstream in (line.split(" ", 3) for line in lines)
    ]
