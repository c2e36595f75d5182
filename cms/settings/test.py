"""The tests' settings: base.py with every backend and environment-derived value pinned, so
that REDIS_URL, SEARCH_URL, NUM_PROXIES and the like in a developer's or CI's environment
cannot change what the tests run against (tests/test_settings.py checks it).

Only the database still comes from the environment, on purpose: DATABASE_URL points the
tests at PostgreSQL in CI (see `make test`); without it they run on SQLite."""

from .base import *  # noqa: F403

DEMO_CONTENT_ALLOWED = True
SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Backends, stated here rather than inherited: base.py picks some of them from the environment.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
SERVE_MEDIA = True  # the browser tests' live server shows the demo's pictures

# The other values base.py reads from the environment, at their defaults.
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_FROM_EMAIL = "lup@naestved.example.dk"
PAGE_CACHE_SECONDS = 0  # the page cache's own tests switch it on
FRAGMENT_CACHE_SECONDS = 0  # and the fragment cache's
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}  # noqa: F405
NUM_PROXIES = 0
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": None}  # noqa: F405
PARTICIPATION_RATE_LIMIT = "30/h"
PERSONAL_DATA_RETENTION_DAYS = 180
API_RATE = "120/min"

# Static files come from the app folders here; WhiteNoise serves the collected ones in production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "cms.static_files.StaticFilesMiddleware"]  # noqa: F405
FOLLOWING_CONFIRMATION_DAYS = 3
FOLLOWING_INSTANT_WINDOW_MINUTES = 10
