"""Settings shared by every environment. Safe for production on their own:
DEBUG is off and every secret comes from the environment."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [host for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host]

# Our apps, highest layer first (README, "How it is put together"; enforced by import-linter):
# cms wires the site; home and search use participation and plan_pages; participation uses
# plan_pages; plan_pages uses sdg, places and core, which use nothing of ours.
INSTALLED_APPS = [
    "cms",
    "home",
    "search",
    "following",
    "participation",
    "plan_pages",
    "sdg",
    "places",
    "core",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.headers.PermissionsPolicyMiddleware",
    "cms.static_files.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.locale.LanguagePrefixMiddleware",
    "core.middleware.ServedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.CurrentRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.MalformedFormMiddleware",
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.routing.PageRouteMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code (JIT) when it estimates the query costly, as
    # it does before it has analysed new rows: right after a demo load, a 10-row listing of the
    # search then took 40 ms, nearly all of it compiling. This site asks only short queries.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish is the source language; English is a translation of it.
LANGUAGE_CODE = "da"
# Each language named in itself, as the public language switcher names it.
LANGUAGES = [("da", "Dansk"), ("en", "English")]
# The admin names the content's languages in its own language, lower case as Danish writes
# them mid-sentence: "Oversættelse af … til engelsk", "'Glumsø' er udgivet på engelsk".
WAGTAIL_CONTENT_LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
# The project's own strings (`make messages` keeps them), then Danish for the admin strings that
# Wagtail's and wagtail-localize's own catalogues leave in English (admin_locale/README.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "admin_locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# British English dates and 24-hour times for `en` (cms/formats/en/formats.py).
FORMAT_MODULE_PATH = ["cms.formats"]
USE_TZ = True

# Det Fælles Designsystem from npm (frontend/package.json): the pages load its stylesheet
# pruned to the rules the templates use (frontend/build-css.mjs, `make css`), which refers to
# the package's ../fonts and ../img; the package's full stylesheets are not served.
# Of the fonts only the woff2 and woff files it names, not the package's eot, otf and ttf.
DKFDS = BASE_DIR / "frontend" / "node_modules" / "dkfds" / "dist"
STATICFILES_DIRS = [
    ("dkfds/css", BASE_DIR / "frontend" / "build" / "css"),
    *(
        (f"dkfds/fonts/IBMPlexSans/{fonts}", DKFDS / "fonts" / "IBMPlexSans" / fonts)
        for fonts in ("complete/woff2", "complete/woff", "split/woff2", "split/woff")
    ),
    ("dkfds/img", DKFDS / "img"),
    # Leaflet for the maps, copied there by the same build (frontend/copy-leaflet.mjs).
    ("leaflet", BASE_DIR / "frontend" / "build" / "leaflet"),
]
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves MEDIA_ROOT itself only in development (DEBUG) and where this is True: the
# tests, and a server with no nginx in front (SERVE_MEDIA=true, as the Lighthouse script runs).
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "").lower() == "true"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names, and gzip and Brotli copies made by collectstatic, which WhiteNoise serves
    # to browsers that accept them, hashed files with a far-future `immutable` Cache-Control.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Lokale udviklingsplaner i Næstved Kommune"
# `load_demo_content` (demo pages and users with a shared password, a superuser among them)
# runs only where this is True: dev and test, never production.
DEMO_CONTENT_ALLOWED = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.CustomImage"
# Danish slugs are transliterated by cms.slugs (æ→ae, ø→oe, å→aa), so only ASCII is stored.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's database search; on PostgreSQL each page is stemmed in its own language (search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
SEARCH_CONFIG_BY_LANGUAGE = {"da": "danish", "en": "english"}
# A municipality that outgrows one database can point SEARCH_URL at Elasticsearch or
# OpenSearch (SEARCH_BACKEND names Wagtail's backend module); see docs/search.md.
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.opensearch2"),
            "URLS": [os.environ["SEARCH_URL"]],
            "INDEX": os.environ.get("SEARCH_INDEX", "naestved-lup"),
            "TIMEOUT": 5,
        }
    }

# Local-area plans sit under the municipal overview (plan_pages names no page type above it).
PLAN_PARENT_PAGE_TYPES = ["home.HomePage"]

# The goal pages every goal tag links to are remembered like the site and its settings: read
# once per process until content changes (sdg names nothing of ours; this is where they meet).
SDG_REMEMBER = "core.content_cache.remembered"

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Rich text features, named once and reused by every rich-text field and block.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link", "h2", "h3"]
RICH_TEXT_INLINE_FEATURES = ["bold", "italic", "link"]

WAGTAILADMIN_PERMITTED_LANGUAGES = WAGTAIL_CONTENT_LANGUAGES

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lup@naestved.example.dk")

# Caches: Redis when REDIS_URL is set (shared by every process and app server); otherwise this
# process's memory here, and the database's cache table in production (production.py), which
# every process shares too. Anonymous page responses are cached by cms.page_cache for
# PAGE_CACHE_SECONDS. A cache that is down is a cache that misses: django-redis ignores (and
# logs) connection errors, so pages are served uncached and nothing is lost (docs/operations.md).
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    # Redis answers in well under a millisecond; an unreachable one must not hold each request.
    "SOCKET_CONNECT_TIMEOUT": 0.5,
    "SOCKET_TIMEOUT": 0.5,
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if os.environ.get("REDIS_URL"):
    CACHES = {
        name: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": name,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
        for name in ("default", "renditions")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
# Sessions (the admin's log-ins) live in the database, never only in a cache that may go away.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 300))
# The parts of public pages every anonymous visitor sees alike (`{% fragment %}`,
# core/templatetags/fragment_cache.py), for pages the page cache does not keep. A publish
# forgets them at once; the time only bounds what changes with the clock (a meeting that has
# begun), as PAGE_CACHE_SECONDS does for whole pages. 0 switches it off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", 300))

# Background work (search index, reference index, cache purges, e-mail) runs through
# django-tasks: at once by default; production.py switches to the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rate limits count per client address (cms.client): behind NUM_PROXIES proxies (usually 1),
# the address is read from X-Forwarded-For; without them, from the connection.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", 0))

# Residents' survey answers and requests to join a working group (participation.forms).
# The rate is generous, because a whole citizens' meeting may answer from one village hall.
PARTICIPATION_RATE_LIMIT = os.environ.get("PARTICIPATION_RATE_LIMIT", "30/h")
RATELIMIT_IP_META_KEY = "cms.client.client_address"
# Suggestions while typing in the search field (search.suggestions): a request per pause in
# typing, so a few a second at most from one resident; an office behind one address has room.
SEARCH_SUGGESTION_RATE = "240/m"
# The limits count in the cache. When it cannot count (Redis down), residents' forms are
# accepted (fail open): losing a village hall's answers is worse than a few unlimited posts,
# which CSRF and the honeypot still guard. The API's throttle fails open likewise.
RATELIMIT_FAIL_OPEN = True
# Volunteers' names and e-mail addresses are deleted this many days after their survey closes
# (manage.py anonymise_volunteers, run daily by cron).
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", 180))
# Meeting registrations (name, e-mail, needs) are deleted this many days after the meeting
# ends, by the same daily command.
MEETING_DATA_RETENTION_DAYS = int(os.environ.get("MEETING_DATA_RETENTION_DAYS", 30))
# A live project (not completed or paused) with nothing published about it for this many days
# gets its council a reminder (`remind_councils`, plan_pages.reminders).
PROJECT_STALE_DAYS = int(os.environ.get("PROJECT_STALE_DAYS", 180))

# The read-only open-data API at /api/v2/ (docs/api.md). Each client (by IP address) may make
# API_RATE requests (counted by the same address as above).
API_RATE = os.environ.get("API_RATE", "120/min")
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["cms.throttling.APIRateThrottle"],
    "NUM_PROXIES": NUM_PROXIES or None,
    # Public and read-only: no log-ins, so every client is throttled by its address.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
}

# What a public page may load and do (django-csp). The templates use no inline script or
# <style>; JSON-LD is data (<script type="application/ld+json">), which CSP does not run and
# does not block. Style attributes carry the goals' colours and the results' bar widths, so
# style-src-attr allows them (they cannot run script). No nonces: pages are cached whole.
# The Wagtail admin (inline scripts, its editors and previews) keeps its own ways: excluded.
# An editor's user bar on a page comes from the admin's address (WAGTAILADMIN_BASE_URL).
ADMIN_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(WAGTAILADMIN_BASE_URL))
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, ADMIN_ORIGIN],
        "style-src": [SELF, ADMIN_ORIGIN],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", ADMIN_ORIGIN],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        # Wagtail's live preview shows a page in a frame of the admin (same origin).
        "frame-ancestors": [SELF],
    },
}
# The maps (places) are drawn from the site's own data: the municipality's outline and the
# areas as vectors. A tile server for a background map can be named here (off by default);
# its address goes into the policy above, and its attribution is shown on every map.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")  # e.g. https://tiles.example.dk/{z}/{x}/{y}.png
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
if MAP_TILE_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        # Leaflet's {s} (the server's subdomains) becomes a wildcard in the policy.
        "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL)).replace("{s}.", "*.")
    )

# Browser features no page here uses, switched off for the page and any frame in it
# (cms.headers.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# The open data API may be read from any web page (CORS): GET only, no cookies, /api/ only.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET"]
CORS_ALLOW_CREDENTIALS = False

# Avatars are the ones people upload, or Wagtail's own: the admin never asks an outside service
# (Gravatar by default), which would tell it who works in the admin and breaks where it is blocked.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Following by e-mail (following app, docs/following.md). A confirmation link is valid, and an
# unconfirmed address kept, this many days; instant messages wait this many minutes so that a
# burst of changes becomes one e-mail; at most one confirmation e-mail an hour per address.
FOLLOWING_CONFIRMATION_DAYS = int(os.environ.get("FOLLOWING_CONFIRMATION_DAYS", 3))
FOLLOWING_INSTANT_WINDOW_MINUTES = int(os.environ.get("FOLLOWING_INSTANT_WINDOW_MINUTES", 10))
FOLLOWING_CONFIRMATION_INTERVAL_MINUTES = 60
