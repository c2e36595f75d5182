import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def cache_is_up() -> bool:
    """A value written to the shared cache can be read back. A key of its own per check, so
    two checks at once never read each other's; django-redis hides a connection error (the
    site goes on without its cache), so a missing value is the sign of one."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=30)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # any backend's failure means the same here
        logger.exception("The cache did not answer the health check")
        return False
    return found == value


@never_cache
def healthz(request):
    """For monitoring and the load balancer: 200 when the database and the cache answer, 503
    naming the service that does not (docs/operations.md says what still works then)."""
    services = {
        "database": "ok" if database_is_up() else "unavailable",
        "cache": "ok" if cache_is_up() else "unavailable",
    }
    healthy = all(state == "ok" for state in services.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **services}, status=200 if healthy else 503
    )
