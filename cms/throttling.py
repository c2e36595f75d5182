"""Rate limiting for the open-data API (settings.API_RATE, e.g. "120/min")."""

from django.conf import settings

from rest_framework.throttling import SimpleRateThrottle


class APIRateThrottle(SimpleRateThrottle):
    """Requests per client address, counted in the default cache (Redis when shared).

    The rate is read from the settings on each request, unlike DRF's own throttles, which
    read theirs once at import; so tests and deployments can change it.
    """

    scope = "api"

    def get_rate(self):
        return settings.API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
