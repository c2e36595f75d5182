"""Which address a request comes from, for the rate limits of the API and residents' forms."""

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR; or, behind NUM_PROXIES proxies, the address the outermost of them saw.

    Each proxy appends the address it was reached from to X-Forwarded-For, so the trusted one is
    NUM_PROXIES from the end; anything before it was written by the client and proves nothing.
    This is Django REST framework's rule for its throttles, so both limits count alike.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.NUM_PROXIES and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(settings.NUM_PROXIES, len(addresses))]
    return request.META["REMOTE_ADDR"]
