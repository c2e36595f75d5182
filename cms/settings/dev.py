from .base import *  # noqa: F403

DEBUG = True
DEMO_CONTENT_ALLOWED = True
SECRET_KEY = "django-insecure-dev-only-key-never-used-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Static files come from the app folders here; WhiteNoise serves the collected ones in production.
MIDDLEWARE.remove("cms.static_files.StaticFilesMiddleware")  # noqa: F405
