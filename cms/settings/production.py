"""Production: everything from the environment (see docs/deploy.md and docs/production.env)."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

# Fail at start-up rather than run with a guessable key or an empty database setting.
SECRET_KEY = os.environ["SECRET_KEY"]
if not os.environ.get("DATABASE_URL"):
    raise RuntimeError("Set DATABASE_URL, for example postgres://user@db.internal/naestved_lup")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
WAGTAILADMIN_BASE_URL = os.environ["WAGTAILADMIN_BASE_URL"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's live preview shows the page in a same-origin frame, so SAMEORIGIN, not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# E-mail (workflow notifications, council invitations) through the municipality's SMTP relay.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

# Without Redis, the cache lives in the database (`manage.py createcachetable`, run with
# `migrate`), so every process and every app server sees one page cache, one count for the rate
# limits and one purge; never each process's own memory.
if not os.environ.get("REDIS_URL"):
    CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            "KEY_PREFIX": name,
            # Culled (a third at a time) past this many entries: pages are about 30-100 KB.
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
        for name, table in (("default", "cache_default"), ("renditions", "cache_renditions"))
    }

# Background work in a database queue, run by `manage.py db_worker` (docs/deploy.md).
if os.environ.get("TASKS_BACKEND", "database") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Media in S3-compatible object storage when a bucket is named (pip install ".[s3]").
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
    # Pages show the bucket's images.
    bucket_url = urlsplit(
        os.environ.get("AWS_S3_ENDPOINT_URL")
        or f"https://{os.environ['AWS_STORAGE_BUCKET_NAME']}.s3.amazonaws.com"
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(  # noqa: F405
        f"{bucket_url.scheme}://{bucket_url.netloc}"
    )

# A CDN or caching proxy in front: purge every language version of a page when it changes.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
    WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]  # noqa: F405
