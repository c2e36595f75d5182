"""gunicorn settings: `gunicorn -c cms/gunicorn.py cms.wsgi` (see docs/deploy.md)."""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two workers per core is a sound start for this I/O-light site; tune with WEB_CONCURRENCY.
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never grow without bound; not so often that
# a cached page served 1,000 times a second restarts a worker every few seconds.
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = "-" if os.environ.get("ACCESS_LOG") else None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
